package kiosk

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pasapas/internal/guide"
	"pasapas/internal/locale"
	"pasapas/internal/screen"
	"pasapas/internal/ui/controls"
	"pasapas/internal/visit"
)

// The visits of TestSoak (soak_test.go): a visitor who goes through every
// screen, in every way a visit ends.

// soakSizes are the screens the visits are shown on: the guide becomes a
// column beside the site on each; the last is a narrow, tall screen (a
// portrait monitor) where the column is the narrowest the split gives.
var soakSizes = []screen.Rect{{W: 1024, H: 768}, {W: 1366, H: 768}, {W: 1920, H: 1080}, {W: 800, H: 1280}}

// soakWays is how many ways a visit goes (soak.visit's cases).
const soakWays = 8

// soak drives visits through a kiosk on a fake clock.
type soak struct {
	*harness
	desk    *soakDesk
	browser *soakBrowser
	speaker *soakSpeaker
	langs   []locale.Language
	guides  []*guide.Guide
	rnd     *rand.Rand
	last    time.Time // when the visitor last did something
	// What the visits did, counted.
	outcomes map[visit.Outcome]int
	seen     map[string]int
	sizes    map[screen.Rect]int
	inLang   map[string]int
	prints   int
}

func newSoak(t *testing.T) *soak {
	h := newHarness(t)
	s := &soak{harness: h, browser: &soakBrowser{}, speaker: &soakSpeaker{}, rnd: rand.New(rand.NewPCG(15, 5)),
		outcomes: map[visit.Outcome]int{}, seen: map[string]int{}, sizes: map[screen.Rect]int{}, inLang: map[string]int{}}
	s.desk = &soakDesk{area: soakSizes[0], w: h.w, idle: func() time.Duration { return h.now.Sub(s.last) }}
	h.v.Browser, h.v.Desk, h.v.Speech = s.browser, s.desk, s.speaker
	h.v.Print = func(context.Context, string) error { s.prints++; return nil }
	h.v.OnProblem = func(string) {}
	s.langs = h.v.Catalog.Languages()
	// Guides with fewer pictures first (drawing one takes a second, ten
	// under the race detector), then those whose category has others
	// (their list is a screen): make test's short soak follows the first.
	lib := h.k.Library()
	alone := func(g *guide.Guide) int { // 1 when its category opens it directly
		if len(lib.InCategory(g.Category)) > 1 {
			return 0
		}
		return 1
	}
	s.guides = slices.Clone(lib.Guides())
	slices.SortStableFunc(s.guides, func(a, b *guide.Guide) int {
		return cmp.Or(pictures(a)-pictures(b), alone(a)-alone(b))
	})
	s.last = h.now
	h.w.Resize(fyne.NewSize(float32(s.desk.area.W), float32(s.desk.area.H)))
	h.v.Render()
	return s
}

// pictures returns how many of g's steps have a picture.
func pictures(g *guide.Guide) int {
	n := 0
	for _, st := range g.Steps {
		if st.Picture != nil {
			n++
		}
	}
	return n
}

// act lets a few seconds pass (the visitor reads), does what the visitor
// does, then brings the second's reading of the idle time and the browser
// to the view, as the timer does.
func (s *soak) act(do func()) {
	s.now = s.now.Add(time.Duration(2+s.rnd.IntN(20)) * time.Second)
	s.last = s.now
	do()
	s.sample()
}

// tr returns message id in the visitor's language.
func (s *soak) tr(id string, data ...any) string { return s.v.Catalog.For(s.k.Lang()).T(id, data...) }

// tapID taps the button labelled with message id in the visitor's language.
func (s *soak) tapID(id string) {
	s.t.Helper()
	s.act(func() { s.tap(s.tr(id)) })
}

// key presses a key.
func (s *soak) key(name fyne.KeyName) { s.act(func() { s.press(name) }) }

// primary taps the screen's main button.
func (s *soak) primary() {
	s.t.Helper()
	if s.v.Primary == nil {
		s.t.Fatalf("screen %v has no main button: %s", s.k.Screen(), s.texts())
	}
	s.act(func() { test.Tap(s.v.Primary) })
}

// see checks that the kiosk shows screen, and counts it.
func (s *soak) see(screen visit.Screen) {
	s.t.Helper()
	if got := s.k.Screen(); got != screen {
		s.t.Fatalf("screen %v, want %v; it shows: %s", got, screen, s.texts())
	}
	s.seen[string(screen)]++
}

// wait lets d pass with nobody at the kiosk, the timer reading the idle
// time every 10 s and at the end.
func (s *soak) wait(d time.Duration) {
	end := s.now.Add(d)
	for s.now.Before(end) {
		s.now = s.now.Add(10 * time.Second)
		if s.now.After(end) {
			s.now = end
		}
		s.sample()
	}
}

// visit drives the i-th visit. Visits come in rounds of soakWays, one
// visit going each way; two rounds in a row follow one guide (people of
// a centre come for the same procedures), so that by the 100th visit
// seven guides were followed, and the kiosk's cache of step pictures
// (six) is full. The screen, language, text size
// and contrast change from visit to visit and from round to round, so
// that each way meets each of them.
func (s *soak) visit(i int) {
	s.t.Helper()
	way, round := i%soakWays, i/soakWays
	if s.k.Screen() != visit.Welcome {
		s.t.Fatalf("visit %d starts on %v, want the welcome screen", i, s.k.Screen())
	}
	if size := soakSizes[(3*round+way)%len(soakSizes)]; size != s.desk.area {
		s.desk.area = size
		s.w.Resize(fyne.NewSize(float32(size.W), float32(size.H)))
		s.v.Render()
	}
	s.sizes[s.desk.area]++
	s.see(visit.Welcome)
	lang := s.langs[(5*round+way)%len(s.langs)]
	if lang.Code != s.k.Lang() {
		s.act(func() { s.tap(lang.Name) })
	}
	s.inLang[lang.Code]++
	for range (round + way) % visit.DefaultSizes {
		s.tapID("kiosk.bar.bigger")
	}
	if (round+way)%3 == 1 {
		s.tapID("kiosk.bar.contrast")
		s.seen["contrast"]++
	}
	if way == 3 && s.k.Size() > 1 {
		s.tapID("kiosk.bar.smaller")
	}
	g := s.guides[(round/2)%len(s.guides)]
	switch way {
	case 0: // the whole guide, the site beside it, « Oui, j'ai réussi »
		s.open(g, false)
		s.checklist(false)
		s.steps(g, -1, way)
		s.outcome(visit.Done)
	case 1: // found by a word, a glossary word looked up, then « Arrêter »
		s.open(g, true)
		s.checklist(true)
		s.steps(g, 2, way)
		s.tapID("kiosk.bar.stop")
		s.tapID("kiosk.stop.no")
		s.tapID("kiosk.bar.stop")
		s.tapID("kiosk.stop.yes")
		s.ended(visit.Abandoned)
	case 2: // help asked with F1, « J'arrive » from the mediator, « pas encore »
		s.open(g, false)
		s.checklist(false)
		s.steps(g, 1, way)
		s.help(true)
		s.steps(g, -1, way)
		s.outcome(visit.NotYet)
	case 3: // help asked and nobody came: the visit ends for inactivity
		s.open(g, round%2 == 1)
		s.help(false)
		if round%2 == 0 { // on a « poste public », the station did not answer
			s.act(func() { s.v.RoomHelp("", HelpNotReceived) })
		}
		s.wait(visit.DefaultHelpHold + visit.DefaultIdleAfter + visit.DefaultWarnFor + time.Second)
		s.ended(visit.TimedOut)
	case 4: // the idle warning, « Continuer », then gone for good
		s.open(g, false)
		s.checklist(false)
		s.steps(g, 2, way)
		s.wait(visit.DefaultIdleAfter + 5*time.Second)
		if !s.v.warning {
			s.t.Fatalf("visit %d: no idle warning after %v; it shows: %s", i, visit.DefaultIdleAfter+5*time.Second, s.texts())
		}
		s.seen["idle warning"]++
		s.primary() // « Continuer »
		if s.v.warning {
			s.t.Fatalf("visit %d: « Continuer » left the idle warning", i)
		}
		s.steps(g, 1, way)
		s.wait(visit.DefaultIdleAfter + visit.DefaultWarnFor + time.Second)
		s.ended(visit.TimedOut)
	case 5: // a document downloaded from the site and printed; an appointment
		s.open(g, false)
		s.checklist(false)
		s.steps(g, -1, way)
		s.outcome(visit.Appointment)
	case 6: // « pas encore » on the checklist, « je reviendrai »
		s.open(g, false)
		s.primary() // « Commencer »
		s.see(visit.Checklist)
		s.tapID("kiosk.checklist.notyet")
		s.tapID("kiosk.checklist.stop")
		s.see(visit.Goodbye)
		s.primary() // « Terminer »
		s.ended(visit.NotYet)
	case 7: // the mediator ends the visit from the mediator space
		s.open(g, false)
		s.checklist(false)
		s.steps(g, 3, way)
		s.act(s.v.EndByStaff)
		s.ended(visit.EndedByStaff)
	}
	if s.k.Screen() != visit.Welcome || s.v.warning {
		s.t.Fatalf("visit %d ended on %v (idle warning %v), want the welcome screen", i, s.k.Screen(), s.v.warning)
	}
	if _, ok := s.k.Visit(); ok {
		s.t.Fatalf("visit %d: a visit is still going on on the welcome screen", i)
	}
	if s.browser.Running() {
		s.t.Fatalf("visit %d: the browser still runs on the welcome screen", i)
	}
	// Minutes pass before the next visitor: what the visit wrote is on disk.
	s.rec.Flush()
}

// open starts a visit and opens guide g, from its category or by a word.
func (s *soak) open(g *guide.Guide, search bool) {
	s.t.Helper()
	s.primary() // « Commencer »
	s.see(visit.Categories)
	if search {
		s.tapID("kiosk.search.open")
		s.see(visit.Search)
		word := strings.Fields(g.Keywords(s.k.Lang())[0])[0]
		s.act(func() { test.Type(s.v.Search, word) })
		s.act(func() { s.tap(s.v.guideLabel(g)) })
	} else {
		s.act(func() { s.tap(s.tr("category." + g.Category)) })
		if s.k.Screen() == visit.Guides {
			s.see(visit.Guides)
			s.act(func() { s.tap(s.v.guideLabel(g)) })
		}
	}
	s.see(visit.Intro)
	if s.k.Guide() != g {
		s.t.Fatalf("guide %q opened, want %q", s.k.Guide().ID, g.ID)
	}
}

// checklist answers the checklist with Enter, « Oui » to everything; with
// missing, « Pas encore » to the first item then « Continuer quand même ».
// The first item is read aloud, and the reading stopped.
func (s *soak) checklist(missing bool) {
	s.t.Helper()
	s.key(fyne.KeyReturn) // « Commencer »
	s.see(visit.Checklist)
	if s.v.ReadAloud != nil {
		s.act(func() { test.Tap(s.v.ReadAloud) })
		s.tapID("kiosk.read.stop")
	}
	for first := true; s.k.Screen() == visit.Checklist; first = false {
		if missing && first {
			s.tapID("kiosk.checklist.notyet")
			s.primary() // « Continuer quand même »
			continue
		}
		s.key(fyne.KeyReturn) // « Oui »
	}
	s.see(visit.Step)
}

// steps goes forward through n steps (all of them with -1) or to the
// result screen: the site is opened where a step says so (and, on the way
// of way 5, a document downloaded), a glossary word is looked up on the
// second step, and the visitor goes back once on the third.
func (s *soak) steps(g *guide.Guide, n, way int) {
	s.t.Helper()
	for done := 0; s.k.Screen() == visit.Step && done != n; done++ {
		s.see(visit.Step)
		st := g.In(s.k.Lang()).Steps[s.k.StepIndex()]
		if st.OpenSite && !s.k.SiteOpen() {
			s.primary() // « Ouvrir le site »
			if !s.k.SiteOpen() || s.v.mode() != Column {
				s.t.Fatalf("« Ouvrir le site »: site open %v, mode %v; it shows: %s", s.k.SiteOpen(), s.v.mode(), s.texts())
			}
			s.seen["site"]++
			if way == 5 {
				s.browser.download("attestation.pdf")
			}
		}
		if term := s.term(st.Sentences); term != "" && done == 1 {
			s.act(func() { s.tap(term) })
			s.seen["glossary"]++
			s.key(fyne.KeyEscape)
		}
		if done == 2 {
			s.act(func() { test.Tap(s.v.Prev) })
		}
		s.act(func() { test.Tap(s.v.Next) })
	}
}

// term returns the label of the button of a glossary word of sentences,
// or "" when they have none.
func (s *soak) term(sentences []string) string {
	for _, sp := range controls.Terms(sentences) {
		if _, ok := s.v.Glossary.Lookup(sp.Term, s.k.Lang()); ok {
			return s.tr("kiosk.glossary.what", "Word", sp.Text)
		}
	}
	return ""
}

// help asks for help with F1. With seen, the mediator answers « J'arrive »,
// the visitor taps « D'accord » and the mediator ends the request; else
// the help screen stays, unanswered.
func (s *soak) help(seen bool) {
	s.t.Helper()
	s.key(fyne.KeyF1)
	if !s.k.HelpShown() {
		s.t.Fatalf("F1 did not show the help screen: %s", s.texts())
	}
	s.seen["help"]++
	if !seen {
		return
	}
	s.act(func() { s.v.RoomHelp("", HelpSeen) })
	s.primary() // « D'accord »
	s.act(s.k.HelpAnswered)
	s.seen["help answered"]++
}

// outcome answers « Avez-vous réussi ? », prints what was downloaded, and
// leaves the goodbye screen.
func (s *soak) outcome(o visit.Outcome) {
	s.t.Helper()
	s.see(visit.Result)
	switch o {
	case visit.Done:
		s.key(fyne.KeyReturn)
	case visit.NotYet:
		s.tapID("kiosk.result.notyet")
	case visit.Appointment:
		s.tapID("kiosk.result.appointment")
	}
	if s.k.Screen() == visit.Documents {
		s.see(visit.Documents)
		s.tapID("kiosk.documents.print")
		s.primary() // « Continuer »
	}
	s.see(visit.Goodbye)
	s.primary() // « Terminer »
	s.ended(o)
}

// ended counts a visit that ended with outcome o.
func (s *soak) ended(o visit.Outcome) { s.outcomes[o]++ }
