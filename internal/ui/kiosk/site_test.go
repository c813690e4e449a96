package kiosk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"pasapas/internal/browser"
	"pasapas/internal/screen"
	"pasapas/internal/ui/controls"
	"pasapas/internal/visit"
)

// fakeDesk is a screen of a given size: it records where the kiosk was
// put, and resizes the test window to the column as a window manager would.
type fakeDesk struct {
	mu     sync.Mutex
	area   screen.Rect
	w      fyne.Window
	modes  []Mode
	split  screen.Split
	shown  int // ShowSite calls
	idle   time.Duration
	kept   int
	noShow bool // the browser never shows a window
	slow   bool // the browser's window has not shown yet
}

func (d *fakeDesk) Area() screen.Rect { return d.area }
func (d *fakeDesk) Apply(m Mode, s screen.Split) {
	d.mu.Lock()
	d.modes = append(d.modes, m)
	d.split = s
	d.mu.Unlock()
	if m == Column {
		d.w.Resize(fyne.NewSize(float32(s.Column.W), float32(s.Column.H)))
	} else {
		d.w.Resize(fyne.NewSize(float32(d.area.W), float32(d.area.H)))
	}
}
func (d *fakeDesk) ShowSite(s screen.Split, tree func() []int, shown, missing func()) {
	d.shown++
	if d.noShow {
		missing()
		return
	}
	if !d.slow {
		shown()
	}
}
func (d *fakeDesk) Idle() (time.Duration, error) { return d.idle, nil }
func (d *fakeDesk) Keep()                        { d.kept++ }

func (d *fakeDesk) mode() Mode {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.modes) == 0 {
		return -1
	}
	return d.modes[len(d.modes)-1]
}

// newDeskHarness is a kiosk on a screen of w×h with a window system.
func newDeskHarness(t testing.TB, w, h int) (*harness, *fakeDesk) {
	t.Helper()
	hs := newHarness(t)
	d := &fakeDesk{area: screen.Rect{W: w, H: h}, w: hs.w}
	hs.v.Desk = d
	hs.w.Resize(fyne.NewSize(float32(w), float32(h)))
	hs.v.Render()
	return hs, d
}

// toSiteStep walks the ameli guide to its first step that opens the site.
func (h *harness) toSiteStep(lang string) {
	h.t.Helper()
	if lang != "fr" {
		h.k.SetLanguage(lang)
	}
	if !h.k.OpenGuide("ameli-compte") {
		h.t.Fatal("no ameli-compte guide")
	}
	h.k.Begin()
	for h.k.Screen() == visit.Checklist {
		h.k.Answer(true)
	}
	for !h.k.Guide().Steps[h.k.StepIndex()].OpenSite {
		h.k.Next()
	}
	h.v.Render()
}

// sample brings one second of the background reading to the view.
func (h *harness) sample() {
	h.v.apply(h.v.read())
}

func TestView_SiteBesideTheGuide(t *testing.T) {
	for _, tt := range []struct {
		w, h   int
		lang   string
		column screen.Rect
		site   screen.Rect
	}{
		{1024, 768, "fr", screen.Rect{X: 0, Y: 0, W: 480, H: 768}, screen.Rect{X: 480, Y: 0, W: 544, H: 768}},
		{1366, 768, "fr", screen.Rect{X: 0, Y: 0, W: 546, H: 768}, screen.Rect{X: 546, Y: 0, W: 820, H: 768}},
		{1920, 1080, "fr", screen.Rect{X: 0, Y: 0, W: 768, H: 1080}, screen.Rect{X: 768, Y: 0, W: 1152, H: 1080}},
		{1366, 768, "ar", screen.Rect{X: 820, Y: 0, W: 546, H: 768}, screen.Rect{X: 0, Y: 0, W: 820, H: 768}},
	} {
		t.Run(fmt.Sprintf("%dx%d-%s", tt.w, tt.h, tt.lang), func(t *testing.T) {
			h, d := newDeskHarness(t, tt.w, tt.h)
			h.toSiteStep(tt.lang)
			if d.mode() != Whole {
				t.Fatalf("before the site opens: mode %v, want the whole screen", d.mode())
			}
			open := h.v.Site
			if open == nil || h.focused() != open.Text || open.Style != controls.Primary {
				t.Fatalf("site step: focus %q, want « Ouvrir le site » as the main, focused button", h.focused())
			}
			h.press(fyne.KeyReturn)
			if len(h.browser.at) != 1 || h.browser.at[0] != tt.site {
				t.Fatalf("browser opened at %v, want %v", h.browser.at, tt.site)
			}
			if d.mode() != Column || d.split.Column != tt.column {
				t.Fatalf("kiosk mode %v at %v, want the column %v", d.mode(), d.split.Column, tt.column)
			}
			if d.shown != 1 {
				t.Fatalf("ShowSite called %d times, want once", d.shown)
			}
			// Next changes the column, not the screen: the browser stays.
			step := h.k.StepIndex()
			h.press(fyne.KeyReturn) // Suivant has the focus now
			if h.k.StepIndex() != step+1 || len(h.browser.opened) != 1 || h.browser.closed != 0 || d.mode() != Column {
				t.Fatalf("after Suivant: step %d, browsers %d, closed %d, mode %v", h.k.StepIndex(), len(h.browser.opened), h.browser.closed, d.mode())
			}
			// « Revoir le site » brings the running browser forward, never a second one.
			test.Tap(h.v.Site)
			if len(h.browser.opened) != 1 || d.shown != 2 {
				t.Fatalf("Revoir le site: %d browsers, %d ShowSite; want 1 and 2", len(h.browser.opened), d.shown)
			}
			// The end of the visit closes the browser and gives the whole screen back.
			h.k.AskStop()
			h.v.do(h.k.Stop)()
			if h.browser.closed == 0 || d.mode() != Whole {
				t.Fatalf("after stopping: closed %d, mode %v; want the browser closed and the whole screen", h.browser.closed, d.mode())
			}
		})
	}
}

// The column shows, without scrolling, the step counter, the title, help,
// the site button, Previous and Next, at every size, in French and Arabic,
// at the narrowest column; a long text scrolls inside with its cue.
func TestView_ColumnReadsWell(t *testing.T) {
	for _, lang := range []string{"fr", "ar"} {
		for size := 1; size <= visit.DefaultSizes; size++ {
			t.Run(fmt.Sprintf("%s-%d", lang, size), func(t *testing.T) {
				h, d := newDeskHarness(t, 1024, 768)
				for i := 1; i < size; i++ {
					h.k.Bigger()
				}
				h.toSiteStep(lang)
				test.Tap(h.v.Site)
				if d.mode() != Column {
					t.Fatalf("mode %v, want the column", d.mode())
				}
				col := h.w.Canvas().Size()
				if col.Width != 480 {
					t.Fatalf("window %v, want the 480 px column", col)
				}
				page := h.v.Root.Objects[2].(*fyne.Container).Objects[0] // inside the clamp
				if min := page.MinSize(); min.Width > col.Width {
					t.Fatalf("the column's content needs %v px across: the window would grow over the site", min.Width)
				}
				tr := h.v.Catalog.For(lang)
				for _, b := range []*controls.Button{h.button(tr.T("kiosk.bar.help")), h.button(tr.T("kiosk.step.again")), h.v.Next, h.v.Prev} {
					label := b.Text
					pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
					if pos.X < 0 || pos.Y < 0 || pos.X+b.Size().Width > col.Width+1 || pos.Y+b.Size().Height > col.Height+1 {
						t.Errorf("%q at %v size %v: not wholly inside the %v column", label, pos, b.Size(), col)
					}
				}
				// The step text scrolls inside; the cue says when there is more.
				s := h.v.Scroll
				more := s.Scroll.Content.MinSize().Height > s.Box.Size().Height+1
				if more != s.More() {
					t.Fatalf("text %v high in %v: cue shown %v, want %v", s.Scroll.Content.MinSize().Height, s.Box.Size().Height, s.More(), more)
				}
				if more {
					for i := 0; i < 50 && s.More(); i++ {
						test.Tap(s.Cue)
					}
					if s.More() {
						t.Fatal("tapping « Suite en bas » never reached the end of the text")
					}
				}
			})
		}
	}
}

func TestView_ColumnScrollCueOnLongText(t *testing.T) {
	h, _ := newDeskHarness(t, 1024, 768)
	for i := 1; i < visit.DefaultSizes; i++ {
		h.k.Bigger()
	}
	h.toSiteStep("fr")
	test.Tap(h.v.Site)
	// At the largest size the ameli step does not fit in 768 px: the cue shows.
	if !h.v.Scroll.More() {
		t.Fatalf("largest text in the column: no « Suite en bas » cue (text %v px in %v px)",
			h.v.Scroll.Scroll.Content.MinSize().Height, h.v.Scroll.Box.Size().Height)
	}
	h.mustSee("Suite en bas")
}

func TestView_SiteClosedByTheVisitor(t *testing.T) {
	h, d := newDeskHarness(t, 1366, 768)
	h.toSiteStep("fr")
	test.Tap(h.v.Site)
	h.browser.mu.Lock()
	h.browser.running = false // the visitor closed the browser's window
	h.browser.mu.Unlock()
	h.sample()
	if h.k.SiteOpen() || d.mode() != Whole {
		t.Fatalf("browser gone: site open %v, mode %v; want the whole screen", h.k.SiteOpen(), d.mode())
	}
	if h.focused() != "Ouvrir le site" {
		t.Fatalf("focus %q, want « Ouvrir le site » again", h.focused())
	}
	test.Tap(h.v.Site)
	if len(h.browser.opened) != 2 || d.mode() != Column {
		t.Fatalf("reopened: %d browsers, mode %v", len(h.browser.opened), d.mode())
	}
}

func TestView_NoPrivateBrowser(t *testing.T) {
	h, d := newDeskHarness(t, 1366, 768)
	var problems []string
	h.v.OnProblem = func(m string) { problems = append(problems, m) }
	h.browser.err = fmt.Errorf("browser: %w", browser.ErrNoBrowser)
	h.toSiteStep("fr")
	test.Tap(h.v.Site)
	h.mustSee("Cet ordinateur n'a pas de navigateur privé", "J'ai besoin d'aide")
	if strings.Contains(h.texts(), "Le site est ouvert") || h.k.SiteOpen() || d.mode() == Column {
		t.Fatal("the kiosk says the site is open while no browser started")
	}
	if len(problems) != 1 || !strings.Contains(problems[0], "navigateur") && !strings.Contains(problems[0], "site") {
		t.Fatalf("mediator told %q, want why the site did not open", problems)
	}
}

func TestView_BrowserShowsNoWindow(t *testing.T) {
	h, d := newDeskHarness(t, 1366, 768)
	d.noShow = true
	h.toSiteStep("fr")
	test.Tap(h.v.Site)
	if h.k.SiteOpen() || h.browser.running || d.mode() != Whole {
		t.Fatalf("no window: site open %v, browser running %v, mode %v; want closed and the whole screen", h.k.SiteOpen(), h.browser.running, d.mode())
	}
	h.mustSee("Le site n'a pas pu s'ouvrir", "J'ai besoin d'aide")
}

// Typing in the site counts: the system's idle time keeps the visit, and
// the idle warning covers the whole screen above the site.
func TestView_TypingInTheSiteKeepsTheVisit(t *testing.T) {
	h, d := newDeskHarness(t, 1366, 768)
	h.toSiteStep("fr")
	test.Tap(h.v.Site)
	for i := 0; i < 100; i++ { // five minutes, the visitor typing in the browser
		h.now = h.now.Add(3 * time.Second)
		d.idle = time.Second
		h.sample()
	}
	if h.k.Screen() != visit.Step || !h.k.SiteOpen() || h.browser.closed != 0 || h.v.warning {
		t.Fatalf("after 5 min of typing in the site: screen %v site %v closed %d warning %v", h.k.Screen(), h.k.SiteOpen(), h.browser.closed, h.v.warning)
	}
	// Then nobody: the warning covers the screen above the site.
	d.idle = visit.DefaultIdleAfter + time.Second
	h.now = h.now.Add(d.idle)
	h.sample()
	if !h.v.warning || d.mode() != Cover {
		t.Fatalf("idle: warning %v mode %v, want the warning over the whole screen", h.v.warning, d.mode())
	}
	h.mustSee("Êtes-vous toujours là ?", "Continuer")
	h.tap("Continuer")
	if h.v.warning || d.mode() != Column {
		t.Fatalf("after Continuer: warning %v mode %v, want the column back", h.v.warning, d.mode())
	}
}

func TestView_HelpKeepsTheVisit(t *testing.T) {
	h, d := newDeskHarness(t, 1366, 768)
	h.toSiteStep("fr")
	test.Tap(h.v.Site)
	h.press(fyne.KeyF1)
	h.mustSee("Un médiateur arrive.", "Si personne ne vient, allez à l'accueil.")
	h.tap("D'accord")
	h.mustSee("Vous avez demandé de l'aide.")
	d.idle = 15 * time.Minute
	h.now = h.now.Add(15 * time.Minute)
	h.sample()
	if h.v.warning || h.k.Screen() != visit.Step || h.browser.closed != 0 {
		t.Fatalf("15 min waiting for a mediator: warning %v screen %v closed %d; want the visit kept", h.v.warning, h.k.Screen(), h.browser.closed)
	}
}

func TestView_StopAsksFirst(t *testing.T) {
	h, _ := newDeskHarness(t, 1366, 768)
	h.toSiteStep("fr")
	test.Tap(h.v.Site)
	h.tap("Arrêter")
	h.mustSee("Voulez-vous vraiment tout arrêter ?", "Ce que vous avez fait sur le site sera effacé.", "Oui, tout arrêter", "Non, continuer")
	if h.focused() != "Non, continuer" {
		t.Fatalf("focus %q: Enter must not stop everything", h.focused())
	}
	h.press(fyne.KeyReturn)
	if h.k.Screen() != visit.Step || h.browser.closed != 0 {
		t.Fatalf("after « Non, continuer »: screen %v, browser closed %d", h.k.Screen(), h.browser.closed)
	}
	h.tap("Arrêter")
	h.tap("Oui, tout arrêter")
	h.mustSee("Bonjour")
	if h.browser.closed == 0 {
		t.Fatal("« Oui, tout arrêter » left the browser open")
	}
	if v := h.lastVisit(); v.Outcome != visit.Abandoned {
		t.Fatalf("outcome %q, want abandoned", v.Outcome)
	}
}

func TestView_DocumentsBeforeGoodbye(t *testing.T) {
	h, _ := newDeskHarness(t, 1366, 768)
	var printed []string
	h.v.Print = func(_ context.Context, path string) error { printed = append(printed, path); return nil }
	h.toSiteStep("fr")
	test.Tap(h.v.Site)
	h.browser.mu.Lock()
	h.browser.docs = []browser.Document{{Name: "attestation-droits.pdf", Path: "/visit/downloads/attestation-droits.pdf", Size: 1000}}
	h.browser.mu.Unlock()
	h.sample()
	for h.k.Screen() == visit.Step {
		h.k.Next()
	}
	h.v.Render()
	h.tap("Oui, j'ai réussi")
	h.mustSee("Vos documents", "attestation-droits.pdf", "Imprimer", "effacés")
	h.tap("Imprimer")
	if len(printed) != 1 || printed[0] != "/visit/downloads/attestation-droits.pdf" {
		t.Fatalf("printed %v, want the downloaded document", printed)
	}
	h.mustSee("est envoyé à l'imprimante")
	h.tap("Continuer")
	h.mustSee("Merci et au revoir")
	h.tap("Terminer")
	if h.browser.closed == 0 {
		t.Fatal("the documents' browser was not closed (and its folder deleted) at the end")
	}
}

func TestView_PrintFails(t *testing.T) {
	h, _ := newDeskHarness(t, 1366, 768)
	h.v.Print = func(context.Context, string) error { return errors.New("lp: no default destination") }
	h.browser.docs = []browser.Document{{Name: "a.pdf", Path: "/x/a.pdf"}}
	h.browser.running = true
	h.toSiteStep("fr")
	h.sample()
	for h.k.Screen() == visit.Step {
		h.k.Next()
	}
	h.v.Render()
	h.tap("Oui, j'ai réussi")
	h.tap("Imprimer")
	h.mustSee("L'impression n'a pas marché.")
}

func TestView_F1AsksForHelpEverywhere(t *testing.T) {
	h := newHarness(t)
	h.press(fyne.KeyF1)
	h.mustSee("Un médiateur arrive.")
	if v := h.lastVisit(); v.HelpCount != 1 {
		t.Fatalf("F1 on the welcome screen: %d help requests, want 1", v.HelpCount)
	}
}

func TestView_CtrlPlusMinusChangeTheTextSize(t *testing.T) {
	h := newHarness(t)
	c := h.w.Canvas()
	c.(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierControl})
	if h.k.Size() != 2 {
		t.Fatalf("Ctrl+= : size %d, want 2", h.k.Size())
	}
	c.(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierControl})
	if h.k.Size() != 1 {
		t.Fatalf("Ctrl+- : size %d, want 1", h.k.Size())
	}
}

func TestView_EnterGoesForwardWithNoFocus(t *testing.T) {
	h := newHarness(t)
	h.w.Canvas().Unfocus() // a click beside the buttons
	h.press(fyne.KeyReturn)
	if h.k.Screen() != visit.Categories {
		t.Fatalf("Enter with nothing focused on the welcome screen: %v, want the categories", h.k.Screen())
	}
}

func TestView_BrowserExitsAtOnce(t *testing.T) {
	h, d := newDeskHarness(t, 1366, 768)
	var problems []string
	h.v.OnProblem = func(m string) { problems = append(problems, m) }
	h.toSiteStep("fr")
	test.Tap(h.v.Site)
	h.browser.mu.Lock()
	h.browser.running = false
	h.browser.mu.Unlock()
	h.v.SiteExited(errors.New("Running as root without --no-sandbox is not supported"), 80*time.Millisecond)
	h.mustSee("Le site n'a pas pu s'ouvrir", "J'ai besoin d'aide")
	if h.k.SiteOpen() || d.mode() != Whole || len(problems) != 1 || !strings.Contains(problems[0], "no-sandbox") {
		t.Fatalf("browser gone at once: site open %v, mode %v, mediator told %q", h.k.SiteOpen(), d.mode(), problems)
	}
}

func TestView_ClipboardEmptiedAtTheEnd(t *testing.T) {
	h := newHarness(t)
	h.tap("Commencer")
	h.v.App.Clipboard().SetContent("mon numéro de sécurité sociale")
	h.tap("Arrêter")
	h.tap("Oui, tout arrêter")
	if got := h.v.App.Clipboard().Content(); got != "" {
		t.Fatalf("clipboard after the visit = %q, want empty", got)
	}
}

func TestView_SiteSlowToShow(t *testing.T) {
	h, d := newDeskHarness(t, 1366, 768)
	d.slow = true
	h.toSiteStep("fr")
	test.Tap(h.v.Site)
	h.mustSee("Le site s'ouvre à côté. Patientez un peu.", "J'ai besoin d'aide")
	if d.mode() != Column {
		t.Fatalf("mode %v while the site opens, want the column already", d.mode())
	}
	h.v.siteShown()
	if strings.Contains(h.texts(), "Patientez") {
		t.Fatal("« Patientez » still shown once the site's window is there")
	}
	h.mustSee("Le site est ouvert à côté.")
}

func TestView_WelcomeSaysMinutesRightly(t *testing.T) {
	h := newHarness(t)
	h.mustSee("Sans action pendant 3 minutes,")
	h.k.SetIdleAfter(time.Minute)
	h.v.Render()
	h.mustSee("Sans action pendant 1 minute,")
}
