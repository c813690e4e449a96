package kiosk

import (
	"context"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"pasapas/assets"
	"pasapas/internal/browser"
	"pasapas/internal/glossary"
	"pasapas/internal/guide"
	"pasapas/internal/locale"
	"pasapas/internal/screen"
	"pasapas/internal/sqlite"
	"pasapas/internal/ui/controls"
	"pasapas/internal/visit"
	"pasapas/locales"
)

// fakeBrowser records the sites opened, where, and whether they were
// closed; it "runs" from Open to CloseAll unless told it exited.
type fakeBrowser struct {
	mu      sync.Mutex
	opened  []string
	at      []screen.Rect
	closed  int
	running bool
	err     error // what Open returns
	docs    []browser.Document
}

func (b *fakeBrowser) Open(u *url.URL, r screen.Rect) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return b.err
	}
	if !b.running {
		b.opened = append(b.opened, u.String())
		b.at = append(b.at, r)
	}
	b.running = true
	return nil
}

func (b *fakeBrowser) Running() bool { b.mu.Lock(); defer b.mu.Unlock(); return b.running }
func (b *fakeBrowser) Tree() []int   { return []int{4242} }
func (b *fakeBrowser) Downloads() ([]browser.Document, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.running && b.closed > 0 {
		return nil, nil
	}
	return b.docs, nil
}
func (b *fakeBrowser) CloseAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed++
	b.running = false
	b.docs = nil
}

// harness is a kiosk on a real database in a test window.
type harness struct {
	t       testing.TB
	v       *View
	w       fyne.Window
	k       *visit.Kiosk
	db      *sqlite.DB
	rec     *visit.Recorder
	browser *fakeBrowser
	now     time.Time
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1024, 768))

	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	rec := visit.NewRecorder(db, func(err error) { t.Errorf("visit not saved: %v", err) })
	t.Cleanup(rec.Close)

	cat, err := locale.Load(locales.Files(), slog.Default())
	if err != nil {
		t.Fatal(err)
	}
	gl, _ := glossary.Load(assets.Files(), "glossary", "assets/glossary")
	lib, ps := guide.Load(guide.Options{Terms: gl.Has}, guide.Source{FS: assets.Files(), Dir: "guides", Name: "assets/guides", Builtin: true})
	if guide.HasErrors(ps) {
		t.Fatalf("built-in guides: %v", ps)
	}
	h := &harness{t: t, w: w, db: db, rec: rec, browser: &fakeBrowser{}, now: time.Date(2026, 11, 20, 10, 0, 0, 0, time.Local)}
	h.k = visit.NewKiosk(visit.Config{}, lib, rec, func() time.Time { return h.now })
	h.v = New(Deps{App: a, Window: w, Kiosk: h.k, Catalog: cat, Library: lib, Glossary: gl,
		Assets: assets.Files(), Browser: h.browser})
	return h
}

// walk visits every object drawn in the window, widgets' insides included.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, fn)
		}
	}
}

// texts returns every piece of text on screen, in drawing order.
func (h *harness) texts() string {
	var b strings.Builder
	walk(h.w.Content(), func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok && t.Text != "" {
			b.WriteString(t.Text)
			b.WriteString(" ")
		}
	})
	return b.String()
}

func (h *harness) mustSee(want ...string) {
	h.t.Helper()
	got := h.texts()
	for _, w := range want {
		if !strings.Contains(got, w) {
			h.t.Fatalf("screen %v does not show %q; it shows: %s", h.k.Screen(), w, got)
		}
	}
}

// button finds the button whose label is text.
func (h *harness) button(text string) *controls.Button {
	h.t.Helper()
	var found *controls.Button
	walk(h.w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*controls.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		h.t.Fatalf("screen %v has no button %q; it shows: %s", h.k.Screen(), text, h.texts())
	}
	return found
}

func (h *harness) tap(text string) {
	h.t.Helper()
	test.Tap(h.button(text))
}

// press sends a key the way the desktop driver routes it.
func (h *harness) press(name fyne.KeyName) {
	c := h.w.Canvas()
	switch name {
	case fyne.KeyTab:
		c.FocusNext()
	case "ShiftTab":
		c.FocusPrevious()
	case fyne.KeySpace:
		if f := c.Focused(); f != nil {
			f.TypedRune(' ')
		}
	default:
		e := &fyne.KeyEvent{Name: name}
		if f := c.Focused(); f != nil {
			f.TypedKey(e)
		} else if c.OnTypedKey() != nil {
			c.OnTypedKey()(e)
		}
	}
}

// focused returns the label of the focused button.
func (h *harness) focused() string {
	if b, ok := h.w.Canvas().Focused().(*controls.Button); ok {
		return b.Text
	}
	return ""
}

// lastVisit returns the visit row written to the database.
func (h *harness) lastVisit() visit.Visit {
	h.t.Helper()
	h.rec.Flush()
	vs, err := h.db.Visits(context.Background(), h.now.Add(-24*time.Hour), h.now.Add(24*time.Hour))
	if err != nil {
		h.t.Fatal(err)
	}
	if len(vs) == 0 {
		h.t.Fatal("no visit in the database")
	}
	return vs[len(vs)-1]
}

func TestView_WholeVisitWithTaps(t *testing.T) {
	h := newHarness(t)
	h.mustSee("Bonjour", "Commencer", "Français", "English", "J'ai besoin d'aide", "A+", "A−")
	if strings.Contains(h.texts(), "Arrêter") {
		t.Fatal("the welcome screen offers « Arrêter »: there is nothing to stop")
	}
	h.tap("Commencer")
	h.mustSee("Arrêter")
	h.mustSee("Que voulez-vous faire ?", "Santé", "Logement")
	h.tap("Santé")
	h.tap("Créer votre compte ameli")
	h.mustSee("Créer votre compte ameli", "www.ameli.fr", "Attention")
	h.tap("Commencer")
	g := h.k.Guide().In("fr")
	for i, item := range g.Checklist {
		h.mustSee("Avant de commencer", guide.Plain(item.Text))
		if i == 0 {
			h.tap("Pas encore") // the visitor says plainly what they lack…
			h.mustSee("Que faire ?")
			h.tap("Continuer quand même") // …and goes on
			continue
		}
		h.tap("Oui")
	}
	for i, s := range g.Steps {
		h.mustSee("Étape "+itoa(i+1)+" sur "+itoa(len(g.Steps)), guide.Plain(s.Title))
		if s.OpenSite && !h.k.SiteOpen() {
			h.tap("Ouvrir le site")
		}
		if s.OpenSite {
			h.mustSee("Le site est ouvert à côté.", "Revoir le site")
		}
		h.tap("Suivant")
	}
	if len(h.browser.opened) == 0 || h.browser.opened[0] != "https://www.ameli.fr" {
		t.Fatalf("sites opened = %v, want the ameli site", h.browser.opened)
	}
	h.mustSee("Avez-vous réussi ?")
	h.tap("Oui, j'ai réussi")
	h.mustSee("Merci et au revoir", "Gardez bien :", "La prochaine fois, apportez :")
	h.tap("Terminer")
	h.mustSee("Bonjour")
	if h.browser.closed == 0 {
		t.Fatal("the browser was not closed at the end of the visit")
	}
	v := h.lastVisit()
	if v.GuideID != "ameli-compte" || v.Outcome != visit.Done || v.FurthestStep != len(g.Steps) ||
		v.StepCount != len(g.Steps) || v.Lang != "fr" || v.Ended.IsZero() || v.HelpCount != 0 {
		t.Fatalf("visit row = %+v, want ameli-compte done at step %d", v, len(g.Steps))
	}
}

func TestView_WholeVisitWithKeys(t *testing.T) {
	h := newHarness(t)
	if h.focused() != "Commencer" {
		t.Fatalf("focus on welcome = %q, want Commencer", h.focused())
	}
	h.press(fyne.KeyReturn)
	// Categories: the first tile has the focus; Tab to "Santé".
	for h.focused() != "Santé" {
		h.press(fyne.KeyTab)
	}
	h.press(fyne.KeyEnter)
	for h.focused() != "Créer votre compte ameli" {
		h.press(fyne.KeyTab)
	}
	h.press(fyne.KeySpace)
	h.mustSee("Créer votre compte ameli")
	h.press(fyne.KeyReturn) // Commencer
	g := h.k.Guide().In("fr")
	for range g.Checklist {
		if h.focused() != "Oui" {
			t.Fatalf("checklist focus = %q, want Oui", h.focused())
		}
		h.press(fyne.KeyReturn)
	}
	for i, st := range g.Steps {
		if st.OpenSite && !h.k.SiteOpen() {
			// The step that opens the site: Enter opens it.
			if h.focused() != "Ouvrir le site" {
				t.Fatalf("step %d focus %q, want « Ouvrir le site »", i, h.focused())
			}
			h.press(fyne.KeyReturn)
			if !h.k.SiteOpen() || len(h.browser.opened) != 1 {
				t.Fatalf("Enter on « Ouvrir le site »: site open %v, browsers %v", h.k.SiteOpen(), h.browser.opened)
			}
		}
		if h.k.StepIndex() != i || h.focused() != "Suivant" {
			t.Fatalf("step %d focus %q, want step %d with Suivant focused", h.k.StepIndex(), h.focused(), i)
		}
		h.press(fyne.KeyReturn)
	}
	// Escape goes back one screen, Return goes forward again.
	h.press(fyne.KeyEscape)
	if h.k.Screen() != visit.Step {
		t.Fatalf("Escape on the result screen: %v, want the last step", h.k.Screen())
	}
	h.press(fyne.KeyReturn)
	h.mustSee("Avez-vous réussi ?")
	h.press(fyne.KeyReturn) // "Oui, j'ai réussi" has the focus
	h.mustSee("Merci et au revoir")
	h.press(fyne.KeyReturn)
	h.mustSee("Bonjour")
	if v := h.lastVisit(); v.Outcome != visit.Done || v.GuideID != "ameli-compte" {
		t.Fatalf("visit row = %+v, want ameli-compte done", v)
	}
}

func TestView_TabReachesTheBar(t *testing.T) {
	h := newHarness(t)
	h.tap("Commencer")
	seen := map[string]bool{}
	for i := 0; i < 20; i++ {
		h.press(fyne.KeyTab)
		seen[h.focused()] = true
	}
	for _, want := range []string{"J'ai besoin d'aide", "A+", "A−", "Contraste", "Arrêter", "Santé", "Précédent"} {
		if !seen[want] {
			t.Errorf("Tab never reached %q (reached %v)", want, seen)
		}
	}
	h.press("ShiftTab")
	if h.focused() == "" {
		t.Fatal("Shift+Tab left no focus")
	}
}

func TestView_HelpRequest(t *testing.T) {
	h := newHarness(t)
	h.tap("Commencer")
	h.tap("J'ai besoin d'aide")
	h.mustSee("Un médiateur arrive.")
	h.tap("D'accord")
	h.mustSee("Que voulez-vous faire ?", "J'ai besoin d'aide")
	if v := h.lastVisit(); v.HelpCount != 1 || v.FirstHelp.IsZero() {
		t.Fatalf("visit row = %+v, want one help request", v)
	}
}

func TestView_IdleWarningAndReset(t *testing.T) {
	h := newHarness(t)
	h.tap("English")
	h.tap("Start")
	h.tap("Health")
	h.now = h.now.Add(visit.DefaultIdleAfter + 5*time.Second)
	h.v.Tick()
	h.mustSee("Are you still there?", "Everything will be erased in 25 seconds.", "Continue")
	h.v.Tick() // drawing the warning (and focusing Continue) is not activity
	h.mustSee("Are you still there?")
	h.tap("Continue")
	h.mustSee("Health")
	h.now = h.now.Add(visit.DefaultIdleAfter + visit.DefaultWarnFor)
	h.v.Tick()
	h.mustSee("Bonjour", "Commencer")
	if strings.Contains(h.texts(), "Health") {
		t.Fatal("something of the visit is still on screen after the reset")
	}
	if v := h.lastVisit(); v.Outcome != visit.TimedOut {
		t.Fatalf("visit outcome = %q, want timed_out", v.Outcome)
	}
	if h.browser.closed == 0 {
		t.Fatal("the browser was not closed when the visit timed out")
	}
}

func TestView_TextSizes(t *testing.T) {
	h := newHarness(t)
	sizes := []float32{}
	for i := 0; i < 4; i++ {
		sizes = append(sizes, fyne.CurrentApp().Settings().Theme().Size("text"))
		h.tap("A+")
	}
	if sizes[0] < 28 || sizes[len(sizes)-1] < 2*sizes[0] {
		t.Fatalf("text sizes = %v, want ≥ 28 px and the largest ≥ twice the smallest", sizes)
	}
	h.tap("A−")
	if got := fyne.CurrentApp().Settings().Theme().Size("text"); got != sizes[2] {
		t.Fatalf("A− gave %v px, want %v", got, sizes[2])
	}
}

func TestView_ButtonsAreBigEnough(t *testing.T) {
	h := newHarness(t)
	h.tap("Commencer")
	walk(h.w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*controls.Button); ok {
			if s := b.MinSize(); s.Height < 64 || s.Width < 64 {
				t.Errorf("button %q is %v, want at least 64 × 64", b.Text, s)
			}
		}
	})
}

func TestView_GlossaryWordAndBack(t *testing.T) {
	h := newHarness(t)
	h.tap("Commencer")
	h.tap("Logement")
	h.tap("Demander l'aide au logement de la CAF")
	h.tap("Commencer")
	for range h.k.Guide().Checklist {
		h.tap("Oui")
	}
	h.tap("Suivant")
	var term *controls.Button
	for term == nil && h.k.Screen() == visit.Step {
		walk(h.w.Content(), func(o fyne.CanvasObject) {
			if b, ok := o.(*controls.Button); ok && strings.HasSuffix(b.Text, "c'est quoi ?") && term == nil {
				term = b
			}
		})
		if term == nil {
			h.tap("Suivant")
		}
	}
	if term == nil {
		t.Fatal("no glossary word in the steps of the CAF guide")
	}
	step := h.k.StepIndex()
	test.Tap(term)
	h.mustSee("Revenir")
	if h.k.Screen() != visit.Step {
		t.Fatalf("the glossary changed the visit's screen to %v", h.k.Screen())
	}
	h.tap("Revenir")
	if h.k.Screen() != visit.Step || h.k.StepIndex() != step {
		t.Fatalf("after the glossary: screen %v step %d, want step %d", h.k.Screen(), h.k.StepIndex(), step)
	}
	h.mustSee(term.Text)
}

func TestView_Golden_Step(t *testing.T) {
	h := newHarness(t)
	h.tap("Commencer")
	h.tap("Santé")
	h.tap("Créer votre compte ameli")
	h.tap("Commencer")
	for range h.k.Guide().Checklist {
		h.tap("Oui")
	}
	h.tap("Suivant")
	test.AssertImageMatches(t, "step_ameli_2.png", h.w.Canvas().Capture())
}

func TestView_SearchSecuThenGlossary(t *testing.T) {
	h := newHarness(t)
	h.tap("Commencer")
	h.tap("Chercher avec un mot")
	if h.v.Search == nil || h.w.Canvas().Focused() != h.v.Search {
		t.Fatal("the search field does not have the focus")
	}
	test.Type(h.v.Search, "sécu")
	h.mustSee("Créer votre compte ameli")
	h.tap("Créer votre compte ameli")
	h.tap("Commencer")
	for range h.k.Guide().Checklist {
		h.tap("Oui")
	}
	var term *controls.Button
	for term == nil && h.k.Screen() == visit.Step {
		walk(h.w.Content(), func(o fyne.CanvasObject) {
			if b, ok := o.(*controls.Button); ok && strings.HasSuffix(b.Text, "c'est quoi ?") && term == nil {
				term = b
			}
		})
		if term == nil {
			h.tap("Suivant")
		}
	}
	if term == nil {
		t.Fatal("no glossary word in the ameli steps")
	}
	step := h.k.StepIndex()
	test.Tap(term)
	h.tap("Revenir")
	if h.k.Screen() != visit.Step || h.k.StepIndex() != step {
		t.Fatalf("back from the glossary: screen %v step %d, want step %d", h.k.Screen(), h.k.StepIndex(), step)
	}
}

func TestView_SearchNoResultAndWipe(t *testing.T) {
	h := newHarness(t)
	h.tap("Commencer")
	h.tap("Chercher avec un mot")
	test.Type(h.v.Search, "zzzz")
	h.mustSee("Nous n'avons pas trouvé de démarche. Demandez de l'aide à un médiateur.", "J'ai besoin d'aide")
	h.press(fyne.KeyEscape)
	if h.k.Screen() != visit.Categories {
		t.Fatalf("Escape in the search field: %v, want categories", h.k.Screen())
	}
	h.tap("Chercher avec un mot")
	if h.v.Search.Text != "zzzz" {
		t.Fatalf("search text = %q, want it kept during the visit", h.v.Search.Text)
	}
	h.tap("Arrêter")
	h.tap("Oui, tout arrêter")
	h.tap("Commencer")
	h.tap("Chercher avec un mot")
	if h.v.Search.Text != "" {
		t.Fatalf("search text = %q after Stop, want it wiped", h.v.Search.Text)
	}
}

func TestView_PointerStillDoesNotDismissWarning(t *testing.T) {
	h := newHarness(t)
	h.tap("Commencer")
	h.v.moved(fyne.NewPos(100, 100))
	h.now = h.now.Add(visit.DefaultIdleAfter + time.Second)
	h.v.Tick()
	h.mustSee("Êtes-vous toujours là ?")
	h.v.moved(fyne.NewPos(100, 100)) // the redraw reports the same position
	h.mustSee("Êtes-vous toujours là ?")
	h.v.moved(fyne.NewPos(160, 120)) // the visitor moves the mouse
	h.mustSee("Que voulez-vous faire ?")
}

// fakeSpeaker has voices for some languages and records what it reads.
type fakeSpeaker struct {
	voices  map[string]bool
	read    []string
	stopped int
}

func (f *fakeSpeaker) Has(lang string) bool { return f.voices[lang] }
func (f *fakeSpeaker) Speak(lang, text string, finished func()) error {
	f.read = append(f.read, lang+": "+text)
	return nil
}
func (f *fakeSpeaker) Stop() { f.stopped++ }

func TestView_ReadAloud(t *testing.T) {
	h := newHarness(t)
	sp := &fakeSpeaker{voices: map[string]bool{"fr": true}}
	h.v.Speech = sp
	h.tap("Commencer")
	h.tap("Santé")
	h.tap("Créer votre compte ameli")
	h.tap("Commencer")
	h.tap("Écouter") // the checklist item is read
	if len(sp.read) != 1 || !strings.HasPrefix(sp.read[0], "fr: Votre carte Vitale.") || strings.Contains(sp.read[0], "{") {
		t.Fatalf("read = %q, want the checklist item in French without glossary marks", sp.read)
	}
	h.tap("Arrêter la lecture")
	if sp.stopped == 0 {
		t.Fatal("Stop did not stop the voice")
	}
	for range h.k.Guide().Checklist {
		h.tap("Oui")
	}
	h.tap("Écouter")
	g := h.k.Guide().In("fr")
	if last := sp.read[len(sp.read)-1]; !strings.Contains(last, guide.Plain(g.Steps[0].Sentences[0])) {
		t.Fatalf("read = %q, want the step's sentences", last)
	}
	stops := sp.stopped
	h.tap("Suivant") // a new screen stops the voice
	if sp.stopped == stops {
		t.Fatal("moving to the next step did not stop the voice")
	}
}

func TestView_ReadAloudHiddenWithoutVoice(t *testing.T) {
	h := newHarness(t)
	h.v.Speech = &fakeSpeaker{voices: map[string]bool{"fr": true}}
	h.tap("English")
	h.tap("Start")
	h.tap("Health")
	h.tap("Create your ameli account")
	h.tap("Start")
	if h.v.ReadAloud != nil || strings.Contains(h.texts(), "Listen") {
		t.Fatal("the Listen button is shown for a language without a voice")
	}
}
