package mediator

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/guide"
	"pasapas/internal/locale"
	"pasapas/locales"
)

func TestMessage(t *testing.T) {
	cat, err := locale.Load(locales.Files(), nil)
	if err != nil {
		t.Fatal(err)
	}
	p := guide.Problem{File: "guides/x.fr.toml", Line: 12, Level: guide.Error, Code: guide.CodeStepTitle,
		Args: map[string]string{"Step": "ouvrir"}, Detail: `step "ouvrir" has no title`}
	tests := []struct{ lang, want string }{
		{"fr", "guides/x.fr.toml:12: " + cat.For("fr").T("guide.level.error") + ": l'étape « ouvrir » n'a pas de titre"},
		{"en", "guides/x.fr.toml:12: " + cat.For("en").T("guide.level.error") + ": the step “ouvrir” has no title"},
	}
	for _, tt := range tests {
		if got := Message(cat.For(tt.lang), p); got != tt.want {
			t.Errorf("Message(%s) = %q, want %q", tt.lang, got, tt.want)
		}
	}
	p.Code, p.Line = "no-such-code", 0
	if got := Message(cat.For("fr"), p); !strings.HasSuffix(got, `: step "ouvrir" has no title`) || !strings.HasPrefix(got, "guides/x.fr.toml: ") {
		t.Errorf("Message(unknown code) = %q, want the English detail", got)
	}
}

func TestProblemsScreen(t *testing.T) {
	test.NewTempApp(t)
	cat, err := locale.Load(locales.Files(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ps := []guide.Problem{
		{File: "a.fr.toml", Line: 3, Level: guide.Warning, Code: guide.CodeLongSentence, Args: map[string]string{"Count": "18", "Text": "…"}},
		{File: "b.fr.toml", Line: 1, Level: guide.Error, Code: guide.CodeSyntax, Args: map[string]string{"Reason": "bare keys"}},
	}
	w := test.NewWindow(ProblemsContent(cat.For("fr"), 11, ps))
	defer w.Close()
	var texts []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			texts = append(texts, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(w.Content())
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "11 guides chargés. 1 erreurs, 1 avertissements.") {
		t.Errorf("summary missing: %s", all)
	}
	if strings.Index(all, "b.fr.toml:1") > strings.Index(all, "a.fr.toml:3") {
		t.Errorf("errors are not listed before warnings: %s", all)
	}
}

// A file name with escape codes or a right-to-left override is shown
// escaped, never as it is.
func TestMessage_EscapesNames(t *testing.T) {
	cat, err := locale.Load(locales.Files(), nil)
	if err != nil {
		t.Fatal(err)
	}
	p := guide.Problem{File: "guides/\x1b[31mevil\u202e.fr.toml", Line: 1, Level: guide.Error, Code: guide.CodeSyntax,
		Args: map[string]string{"Reason": "x"}}
	got := Message(cat.For("fr"), p)
	if strings.ContainsAny(got, "\x1b\u202e") {
		t.Fatalf("Message = %q: control characters reached the screen", got)
	}
}
