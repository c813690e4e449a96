package controls

import (
	"io/fs"
	"math"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"pasapas/assets"
	"pasapas/internal/ui/themes"
)

// arabicApp is a test app with the kiosk theme and its Arabic font.
func arabicApp(t *testing.T) {
	t.Helper()
	a := test.NewTempApp(t)
	th := themes.New(1, false)
	for _, f := range []struct {
		name string
		to   *fyne.Resource
	}{{"NotoSansArabicUI-Regular.ttf", &th.Regular}, {"NotoSansArabicUI-Bold.ttf", &th.Bold}} {
		b, err := fs.ReadFile(assets.Files(), "fonts/"+f.name)
		if err != nil {
			t.Fatal(err)
		}
		*f.to = fyne.NewStaticResource(f.name, b)
	}
	a.Settings().SetTheme(th)
}

// drawnLine is a line of text as the user sees it: its texts from left to right.
type drawnLine struct {
	y     float32
	texts []*canvas.Text
}

func (l drawnLine) x(text string) float32 {
	for _, c := range l.texts {
		if c.Text == text {
			return c.Position().X
		}
	}
	return float32(math.NaN())
}

func (l drawnLine) right() float32 {
	last := l.texts[len(l.texts)-1]
	return last.Position().X + last.Size().Width
}

// drawnLines groups the texts of a widget by baseline, top to bottom.
func drawnLines(w fyne.Widget) []drawnLine {
	byBase := map[float32]*drawnLine{}
	for _, o := range test.WidgetRenderer(w).Objects() {
		c, ok := o.(*canvas.Text)
		if !ok || c.Text == "" {
			continue
		}
		_, base := fyne.CurrentApp().Driver().RenderedTextSize(c.Text, c.TextSize, c.TextStyle, c.FontSource)
		y := float32(math.Round(float64(c.Position().Y + base)))
		if byBase[y] == nil {
			byBase[y] = &drawnLine{y: y}
		}
		byBase[y].texts = append(byBase[y].texts, c)
	}
	var out []drawnLine
	for _, l := range byBase {
		sort.Slice(l.texts, func(i, j int) bool { return l.texts[i].Position().X < l.texts[j].Position().X })
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].y < out[j].y })
	return out
}

func TestRTLText_NarrowMixedParagraph(t *testing.T) {
	arabicApp(t)
	const width = 360
	text := "افتح موقع ANTS ثم اضغط على « Créer un compte » (إنشاء حساب) في أعلى الصفحة."
	rt := NewRTLText(theme.SizeNameText, []Span{{Text: text}})
	w := test.NewWindow(rt)
	defer w.Close()
	w.SetPadded(false)
	w.Resize(fyne.NewSize(width, 600))
	rt.Resize(fyne.NewSize(width, rt.MinSize().Height))

	pad := theme.Size(theme.SizeNameInnerPadding)
	if got := rt.MinSize().Width; got > width {
		t.Errorf("MinSize().Width = %v, want at most %v (its longest word)", got, width)
	}
	lines := drawnLines(rt)
	if len(lines) < 3 {
		t.Fatalf("lines at %v px = %d, want at least 3", width, len(lines))
	}
	for i, l := range lines {
		if got, want := l.right(), width-pad; math.Abs(float64(got-want)) > 1 {
			t.Errorf("line %d ends at x = %v, want %v (aligned right)", i, got, want)
		}
		if left := l.texts[0].Position().X; left < pad-1 {
			t.Errorf("line %d starts at x = %v, left of the padding %v", i, left, pad)
		}
	}

	first := lines[0]
	if !(first.x("ANTS") < first.x("موقع") && first.x("موقع") < first.x("افتح")) {
		t.Errorf("first line x(ANTS) = %v, x(موقع) = %v, x(افتح) = %v: want ANTS left of the Arabic words",
			first.x("ANTS"), first.x("موقع"), first.x("افتح"))
	}
	var quoted *drawnLine
	for i := range lines {
		if !math.IsNaN(float64(lines[i].x("Créer"))) {
			quoted = &lines[i]
		}
	}
	if quoted == nil {
		t.Fatal("« Créer un compte » is not drawn")
	}
	order := []string{"«", "Créer", "un", "compte", "»"}
	for i := 1; i < len(order); i++ {
		if !(quoted.x(order[i-1]) < quoted.x(order[i])) {
			t.Errorf("x(%s) = %v, x(%s) = %v: want « Créer un compte » whole on one line, left to right",
				order[i-1], quoted.x(order[i-1]), order[i], quoted.x(order[i]))
		}
	}
	if x := quoted.x("إنشاء"); !math.IsNaN(float64(x)) && !(quoted.x("حساب") < x && x < quoted.x("«")) {
		t.Errorf("line %v: want (إنشاء حساب) left of the quote, read right to left", texts(*quoted))
	}

	tall := rt.MinSize().Height
	rt.Resize(fyne.NewSize(2000, tall))
	if wide := rt.MinSize().Height; wide >= tall || len(drawnLines(rt)) != 1 {
		t.Errorf("at 2000 px: height %v (%d lines), want one line, lower than %v at %v px", wide, len(drawnLines(rt)), tall, width)
	}
}

func TestRTLText_SentencesAndLooks(t *testing.T) {
	arabicApp(t)
	rt := Dir{RTL: true}.Sentences([]string{"خذ {بطاقة Vitale|carte-vitale}.", "اكتب أول 13 رقمًا."}).(*RTLText)
	w := test.NewWindow(rt)
	defer w.Close()
	w.Resize(fyne.NewSize(800, 400))
	rt.Resize(fyne.NewSize(800, rt.MinSize().Height))

	if got, want := rt.String(), "خذ بطاقة Vitale.\nاكتب أول 13 رقمًا."; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	lines := drawnLines(rt)
	if len(lines) != 2 {
		t.Fatalf("lines = %d, want one per sentence", len(lines))
	}
	link := theme.Color(theme.ColorNameHyperlink)
	for _, c := range lines[0].texts {
		term := c.Text == "بطاقة" || c.Text == "Vitale"
		if term != (c.TextStyle.Bold && c.Color == link) {
			t.Errorf("%q: bold %v in %v, want glossary words bold in the link colour", c.Text, c.TextStyle.Bold, c.Color)
		}
	}
	if l := lines[1]; !(l.x("13") < l.x("أول") && l.x("رقمًا") < l.x("13")) {
		t.Errorf("second line: 13 is not between رقمًا (left) and أول (right)")
	}
	gap := lines[1].y - lines[0].y
	one := lines[0].texts[0].Size().Height
	if gap < one {
		t.Errorf("sentences %v px apart, want at least a line (%v px)", gap, one)
	}
}

func TestButton_RTLLabelInVisualOrder(t *testing.T) {
	arabicApp(t)
	b := NewButton("أنشئ حسابك على ameli", nil, Plain, nil)
	b.RTL = true
	w := test.NewWindow(b)
	defer w.Close()
	w.Resize(fyne.NewSize(800, 200))

	if got := strings.Join(b.Lines(), "/"); got != "أنشئ حسابك على ameli" {
		t.Errorf("Lines() = %q, want the label on one line", got)
	}
	lines := drawnLines(b)
	if len(lines) != 1 {
		t.Fatalf("drawn lines = %d, want 1", len(lines))
	}
	l := lines[0]
	if !(l.x("ameli") < l.x("على") && l.x("على") < l.x("حسابك") && l.x("حسابك") < l.x("أنشئ")) {
		t.Errorf("label drawn as %v, want ameli على حسابك أنشئ from left to right", texts(l))
	}
}

func texts(l drawnLine) []string {
	var out []string
	for _, c := range l.texts {
		out = append(out, c.Text)
	}
	return out
}

// Arabic lines are as tall as French ones at the same size: the kiosk's
// Arabic face is Noto Sans Arabic UI, drawn for screens, with Noto Sans's
// line metrics. Noto Sans Arabic's were 1.55 times taller (2.11 em against
// 1.36): in Arabic at the largest size a two-line title took the screen's
// height, and the mediator window beside drew its French a few pixels
// above the boxes Fyne measured with the kiosk's face.
func TestArabicLinesAsTallAsFrenchOnes(t *testing.T) {
	arabicApp(t)
	size := themes.TextSizes()[3]
	arabic := fyne.MeasureText("يساعدك هذا الكمبيوتر", size, fyne.TextStyle{})
	bold := fyne.MeasureText("يساعدك هذا الكمبيوتر", size, fyne.TextStyle{Bold: true})
	fyne.CurrentApp().Settings().SetTheme(themes.New(1, false))
	french := fyne.MeasureText("Cet ordinateur vous aide", size, fyne.TextStyle{})
	for _, m := range []struct {
		name   string
		height float32
	}{{"regular", arabic.Height}, {"bold", bold.Height}} {
		if m.height > french.Height*1.05 {
			t.Errorf("an Arabic line (%s) is %.0f px high at %.0f px, a French one %.0f px", m.name, m.height, size, french.Height)
		}
	}
}
