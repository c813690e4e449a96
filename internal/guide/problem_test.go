package guide_test

import (
	"io/fs"
	"log/slog"
	"testing"

	"github.com/BurntSushi/toml"

	"pasapas/internal/guide"
	"pasapas/internal/locale"
	"pasapas/locales"
)

// TestCodes_HaveMessages: every problem code has its message, and each
// level its word, in the staff message files (French and English).
func TestCodes_HaveMessages(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		data, err := fs.ReadFile(locales.Files(), "staff."+lang+".toml")
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]any
		if err := toml.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("staff.%s.toml: %v", lang, err)
		}
		ids := []string{"guide.level.error", "guide.level.warning"}
		for _, c := range guide.Codes() {
			ids = append(ids, "guide.problem."+c)
		}
		for _, id := range ids {
			if _, ok := msgs[id]; !ok {
				t.Errorf("staff.%s.toml has no %q", lang, id)
			}
		}
	}
}

func TestProblem_Format(t *testing.T) {
	cat, err := locale.Load(locales.Files(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	p := guide.Problem{File: "guides/ameli-compte.fr.toml", Line: 5, Level: guide.Error, Code: guide.CodeNotOfficial,
		Args:   map[string]string{"URL": "https://ameli-remboursement.example.com", "Host": "ameli-remboursement.example.com"},
		Detail: `"ameli-remboursement.example.com" is not on the list of official sites`}
	hostile := guide.Problem{File: "guides/\x1b[2Jx.fr.toml", Level: guide.Warning, Code: "no-such-code",
		Detail: "a \u202edetail"}
	tests := []struct {
		name string
		p    guide.Problem
		tr   guide.Translator
		want string
	}{
		{"English detail", p, nil,
			`guides/ameli-compte.fr.toml:5: error: "ameli-remboursement.example.com" is not on the list of official sites`},
		{"French", p, cat.For("fr"),
			"guides/ameli-compte.fr.toml:5: erreur: ameli-remboursement.example.com n'est pas dans la liste des sites officiels : un coordinateur peut ajouter un site officiel local dans les réglages"},
		{"English message", p, cat.For("en"),
			"guides/ameli-compte.fr.toml:5: error: ameli-remboursement.example.com is not on the list of official sites: a coordinator can add a local official site in the settings"},
		{"no line, no message, escaped", hostile, cat.For("fr"),
			`guides/\x1b[2Jx.fr.toml: avertissement: a \u202edetail`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Format(tt.tr); got != tt.want {
				t.Errorf("Format() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ameli-compte.fr.toml", "ameli-compte.fr.toml"},
		{"Créer votre compte « ameli »", "Créer votre compte « ameli »"},
		{"اكتب كلمة السر", "اكتب كلمة السر"},
		{"Українська", "Українська"},
		{"a\u00a0b", "a\u00a0b"}, // no-break space, French typography
		{"\x1b[31mrouge", `\x1b[31mrouge`},
		{"a\u202eb", `a\u202eb`},
		{"a\u200bb", `a\u200bb`},
		{"a\nb\tc", `a\nb\tc`},
		{"a\xffb", `a\xffb`},
		{"\u3164", `\u3164`},
		{`déjà \x1b`, `déjà \x1b`}, // already escaped: unchanged
	}
	for _, tt := range tests {
		if got := guide.Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
