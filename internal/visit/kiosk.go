package visit

import (
	"time"

	"pasapas/internal/guide"
)

// Screen is a visitor screen.
type Screen string

// The visitor screens, in the order of a visit.
const (
	Welcome    Screen = "welcome"
	Categories Screen = "categories"
	Guides     Screen = "guides"    // the guides of one category
	Search     Screen = "search"    // finding a guide by the words people say
	Intro      Screen = "intro"     // what the guide is for, and its warnings
	Checklist  Screen = "checklist" // one "before you start" item at a time
	Step       Screen = "step"
	Result     Screen = "result"    // "Did you manage?"
	Documents  Screen = "documents" // what was downloaded from the site: print it before it is deleted
	Goodbye    Screen = "goodbye"
)

// Config holds the kiosk settings.
type Config struct {
	DefaultLang string
	// IdleAfter is how long without input before the warning (default 3 min).
	IdleAfter time.Duration
	// WarnFor is how long the warning counts down before the visit ends
	// (at least 20 s; default 30 s).
	WarnFor time.Duration
	// Sizes is the number of text size levels (at least 3); level 1 is the
	// default and the smallest.
	Sizes int
	// HelpHold is how long a help request keeps the visit from being
	// ended for inactivity, while nobody has answered it (default 20 min).
	HelpHold time.Duration
}

// Defaults for Config.
const (
	DefaultIdleAfter = 3 * time.Minute
	DefaultWarnFor   = 30 * time.Second
	MinWarnFor       = 20 * time.Second
	DefaultSizes     = 4
	DefaultHelpHold  = 20 * time.Minute
)

func (c Config) withDefaults() Config {
	if c.DefaultLang == "" {
		c.DefaultLang = guide.Reference
	}
	if c.IdleAfter <= 0 {
		c.IdleAfter = DefaultIdleAfter
	}
	if c.WarnFor < MinWarnFor {
		c.WarnFor = DefaultWarnFor
	}
	if c.Sizes < 3 {
		c.Sizes = DefaultSizes
	}
	if c.HelpHold <= 0 {
		c.HelpHold = DefaultHelpHold
	}
	return c
}

// Kiosk is the visitor's side of the program: where they are, what they
// chose, and the visit being recorded. It is not safe for concurrent use:
// the UI calls it from its own goroutine. Position alone may be called from
// any goroutine.
type Kiosk struct {
	cfg Config
	now func() time.Time
	lib *guide.Library
	log Log

	screen   Screen
	lang     string
	size     int // 1..cfg.Sizes
	contrast bool
	help     bool // the "a mediator is coming" message is shown
	// helpSince is when the help request still waiting for a mediator was
	// made; zero when none waits.
	helpSince time.Time
	stopAsked bool // "Do you really want to stop everything?" is shown
	site      bool // the official site is open beside the guide
	documents bool // the visitor downloaded documents from the site

	category  string
	origin    Screen // where the guide was chosen: Guides, Search or Categories
	guide     *guide.Guide
	checkIdx  int
	missing   map[string]bool // checklist items answered "not yet"
	askMissed bool            // the current checklist item was answered "not yet"
	step      int             // 0-based

	visit     *Visit
	lastInput time.Time

	// position is what Position returns, published by every method that
	// moves the visitor.
	position published
}

// NewKiosk returns a kiosk on the welcome screen. now is the clock (tests
// pass a fake one); log receives the visit as it progresses.
func NewKiosk(cfg Config, lib *guide.Library, log Log, now func() time.Time) *Kiosk {
	k := &Kiosk{cfg: cfg.withDefaults(), now: now, lib: lib, log: log}
	k.reset()
	k.publish()
	return k
}

// reset forgets everything about the visitor.
func (k *Kiosk) reset() {
	k.screen = Welcome
	k.lang = k.cfg.DefaultLang
	k.size = 1
	k.contrast = false
	k.help = false
	k.helpSince = time.Time{}
	k.stopAsked = false
	k.site = false
	k.documents = false
	k.category = ""
	k.origin = Categories
	k.guide = nil
	k.checkIdx = 0
	k.missing = nil
	k.askMissed = false
	k.step = 0
	k.visit = nil
	k.lastInput = k.now()
}

// SetIdleAfter changes the idle delay (a coordinator changed the setting).
func (k *Kiosk) SetIdleAfter(d time.Duration) {
	k.cfg.IdleAfter = d
	k.cfg = k.cfg.withDefaults()
}

// SetHelpHold changes how long a waiting help request keeps the visit (a
// coordinator changed the setting).
func (k *Kiosk) SetHelpHold(d time.Duration) {
	k.cfg.HelpHold = d
	k.cfg = k.cfg.withDefaults()
}

// Config returns the settings in force.
func (k *Kiosk) Config() Config { return k.cfg }

// Library returns the guides the kiosk offers.
func (k *Kiosk) Library() *guide.Library { return k.lib }

// Screen returns the current screen.
func (k *Kiosk) Screen() Screen { return k.screen }

// Lang returns the visitor's language.
func (k *Kiosk) Lang() string { return k.lang }

// Size returns the text size level, from 1 (default) to Config().Sizes.
func (k *Kiosk) Size() int { return k.size }

// HighContrast reports whether the high-contrast colours are on.
func (k *Kiosk) HighContrast() bool { return k.contrast }

// HelpShown reports whether the "a mediator is coming" message is shown.
func (k *Kiosk) HelpShown() bool { return k.help }

// HelpWaiting reports whether a help request waits for a mediator: the
// visit is not ended for inactivity meanwhile (up to Config().HelpHold).
func (k *Kiosk) HelpWaiting() bool { return !k.helpSince.IsZero() }

// StopAsked reports whether "Do you really want to stop everything?" is shown.
func (k *Kiosk) StopAsked() bool { return k.stopAsked }

// SiteOpen reports whether the official site is open beside the guide: the
// screen is then shared between the guide column and the browser.
func (k *Kiosk) SiteOpen() bool { return k.site }

// HasDocuments reports whether the visitor downloaded documents from the
// site during this visit.
func (k *Kiosk) HasDocuments() bool { return k.documents }

// Category returns the chosen category id.
func (k *Kiosk) Category() string { return k.category }

// Guide returns the chosen guide, or nil.
func (k *Kiosk) Guide() *guide.Guide { return k.guide }

// StepIndex returns the current step, 0-based.
func (k *Kiosk) StepIndex() int { return k.step }

// ChecklistIndex returns the current checklist item, 0-based, and whether
// the visitor said they do not have it yet.
func (k *Kiosk) ChecklistIndex() (int, bool) { return k.checkIdx, k.askMissed }

// Missing returns the ids of the checklist items the visitor does not have,
// in checklist order.
func (k *Kiosk) Missing() []string {
	if k.guide == nil {
		return nil
	}
	var out []string
	for _, it := range k.guide.Checklist {
		if k.missing[it.ID] {
			out = append(out, it.ID)
		}
	}
	return out
}

// Visit returns a copy of the visit in progress (or just ended), and false
// when there is none.
func (k *Kiosk) Visit() (Visit, bool) {
	if k.visit == nil {
		return Visit{}, false
	}
	return *k.visit, true
}

// --- input -----------------------------------------------------------------

// Touch records that the visitor did something: the idle timer restarts and
// the idle warning, if shown, goes away.
func (k *Kiosk) Touch() { k.lastInput = k.now() }

// NoteIdle records the system's idle time: input the kiosk did not see
// itself (typing or scrolling in the official site) d ago. Input older
// than the last one known changes nothing.
func (k *Kiosk) NoteIdle(d time.Duration) {
	if at := k.now().Add(-max(d, 0)); at.After(k.lastInput) {
		k.lastInput = at
	}
}

// SetLanguage changes the visitor's language.
func (k *Kiosk) SetLanguage(lang string) {
	defer k.publish()
	k.Touch()
	k.lang = lang
	if k.visit != nil {
		k.visit.Lang = lang
		k.save()
	}
}

// Bigger makes the text one level larger, if it can.
func (k *Kiosk) Bigger() {
	k.Touch()
	if k.size < k.cfg.Sizes {
		k.size++
		if k.visit != nil && k.size > k.visit.MaxTextSize {
			k.visit.MaxTextSize = k.size
			k.save()
		}
	}
}

// Smaller makes the text one level smaller, if it can.
func (k *Kiosk) Smaller() {
	k.Touch()
	if k.size > 1 {
		k.size--
	}
}

// ToggleContrast switches the high-contrast colours on or off.
func (k *Kiosk) ToggleContrast() {
	k.Touch()
	k.contrast = !k.contrast
}

// Start leaves the welcome screen for the categories, and starts the visit.
func (k *Kiosk) Start() {
	defer k.publish()
	k.Touch()
	k.begin()
	k.screen = Categories
}

// begin starts recording a visit if none is going on.
func (k *Kiosk) begin() {
	if k.visit != nil && k.visit.Ended.IsZero() {
		return
	}
	now := k.now()
	k.visit = &Visit{Key: newKey(), Started: now, Updated: now, Lang: k.lang, MaxTextSize: k.size}
	k.save()
}

// ChooseCategory opens the list of guides of a category. With exactly one
// guide in it, the guide opens directly.
func (k *Kiosk) ChooseCategory(id string) {
	defer k.publish()
	k.Touch()
	k.category = id
	k.screen = Guides
	if gs := k.lib.InCategory(id); len(gs) == 1 {
		k.screen = Categories
		k.ChooseGuide(gs[0].ID)
	}
}

// OpenSearch shows the search screen.
func (k *Kiosk) OpenSearch() {
	defer k.publish()
	k.Touch()
	k.begin()
	k.screen = Search
}

// OpenGuide starts a visit directly on a guide's introduction (a desktop
// shortcut for one procedure, or a mediator starting a guide for someone).
// It reports false, and stays on the welcome screen, for an unknown id.
func (k *Kiosk) OpenGuide(id string) bool {
	defer k.publish()
	if k.lib.ByID(id) == nil {
		return false
	}
	k.Start()
	k.ChooseGuide(id)
	k.origin = Categories
	return true
}

// ChooseGuide opens a guide's introduction. Unknown ids are ignored.
func (k *Kiosk) ChooseGuide(id string) {
	defer k.publish()
	g := k.lib.ByID(id)
	if g == nil {
		return
	}
	k.Touch()
	k.begin()
	k.origin = k.screen
	k.guide = g
	k.category = g.Category
	k.checkIdx, k.askMissed, k.step = 0, false, 0
	k.missing = map[string]bool{}
	k.visit.GuideID = g.ID
	k.visit.StepCount = len(g.Steps)
	k.visit.FurthestStep = 0
	k.screen = Intro
	k.save()
}

// Begin leaves the introduction for the checklist (or the first step when
// the guide has no checklist).
func (k *Kiosk) Begin() {
	defer k.publish()
	k.Touch()
	if k.guide == nil {
		return
	}
	if len(k.guide.Checklist) == 0 {
		k.gotoStep(0)
		return
	}
	k.checkIdx, k.askMissed = 0, false
	k.screen = Checklist
}

// Answer answers the current checklist item: has is true for "Oui".
// "Pas encore" keeps the visitor on the item, showing what to do.
func (k *Kiosk) Answer(has bool) {
	defer k.publish()
	k.Touch()
	if k.screen != Checklist {
		return
	}
	id := k.guide.Checklist[k.checkIdx].ID
	if !has {
		k.missing[id] = true
		k.askMissed = true
		return
	}
	delete(k.missing, id)
	k.nextItem()
}

// ContinueAnyway goes on after a "Pas encore" answer.
func (k *Kiosk) ContinueAnyway() {
	defer k.publish()
	k.Touch()
	if k.screen == Checklist {
		k.nextItem()
	}
}

func (k *Kiosk) nextItem() {
	k.askMissed = false
	if k.checkIdx+1 < len(k.guide.Checklist) {
		k.checkIdx++
		return
	}
	k.gotoStep(0)
}

// StopForToday ends the visit from the checklist, outcome "not yet": the
// goodbye screen lists what to bring next time.
func (k *Kiosk) StopForToday() {
	defer k.publish()
	k.Touch()
	if k.visit != nil {
		k.end(NotYet)
	}
	k.screen = Goodbye
}

func (k *Kiosk) gotoStep(i int) {
	k.screen = Step
	k.step = i
	if k.visit != nil && i+1 > k.visit.FurthestStep {
		k.visit.FurthestStep = i + 1
		k.save()
	}
}

// Next goes to the next step, or to "Did you manage?" after the last one.
func (k *Kiosk) Next() {
	defer k.publish()
	k.Touch()
	switch k.screen {
	case Step:
		if k.step+1 < len(k.guide.Steps) {
			k.gotoStep(k.step + 1)
		} else {
			k.screen = Result
		}
	case Intro:
		k.Begin()
	case Welcome:
		k.Start()
	}
}

// Back goes one screen back (the Previous button and the Escape key).
// It closes the stop question or the help message first when shown.
func (k *Kiosk) Back() {
	defer k.publish()
	k.Touch()
	if k.stopAsked {
		k.stopAsked = false
		return
	}
	if k.help {
		k.help = false
		return
	}
	switch k.screen {
	case Categories:
		k.screen = Welcome
	case Guides, Search:
		k.screen = Categories
	case Intro:
		switch k.origin {
		case Guides, Search:
			k.screen = k.origin
		default:
			k.screen = Categories
		}
	case Checklist:
		switch {
		case k.askMissed:
			k.askMissed = false
		case k.checkIdx > 0:
			k.checkIdx--
		default:
			k.screen = Intro
		}
	case Step:
		switch {
		case k.step > 0:
			k.step--
		case len(k.guide.Checklist) > 0:
			k.screen, k.checkIdx, k.askMissed = Checklist, len(k.guide.Checklist)-1, false
		default:
			k.screen = Intro
		}
	case Result:
		k.screen = Step
	case Documents:
		k.screen = Goodbye
	}
}

// Finish records the answer to "Did you manage?" and shows the documents
// downloaded from the site, if any, else goodbye.
func (k *Kiosk) Finish(o Outcome) {
	defer k.publish()
	k.Touch()
	if k.screen != Result || (o != Done && o != NotYet && o != Appointment) {
		return
	}
	k.end(o)
	k.screen = Goodbye
	if k.documents {
		k.screen = Documents
	}
}

// DocumentsDone leaves the documents screen for goodbye.
func (k *Kiosk) DocumentsDone() {
	defer k.publish()
	k.Touch()
	if k.screen == Documents {
		k.screen = Goodbye
	}
}

// SetDocuments records whether the visitor has downloaded documents from
// the official site (the kiosk looks at the visit's download folder).
func (k *Kiosk) SetDocuments(has bool) { k.documents = has }

// SiteOpened records that the official site was opened beside the guide.
func (k *Kiosk) SiteOpened() {
	k.Touch()
	k.site = true
}

// SiteClosed records that the site's window is gone (the visitor closed
// it, or the browser stopped): the guide takes the whole screen again.
func (k *Kiosk) SiteClosed() { k.site = false }

// AskStop asks "Do you really want to stop everything?". On the welcome
// screen there is nothing to stop, and nothing is asked.
func (k *Kiosk) AskStop() {
	k.Touch()
	if k.screen != Welcome || k.visit != nil {
		k.stopAsked = true
	}
}

// CancelStop answers "No, continue".
func (k *Kiosk) CancelStop() {
	k.Touch()
	k.stopAsked = false
}

// Leave ends the goodbye screen: the kiosk is ready for the next person.
func (k *Kiosk) Leave() {
	defer k.publish()
	k.reset()
}

// Stop ends the visit at once ("Oui, tout arrêter", after AskStop) and
// returns to a clean welcome screen.
func (k *Kiosk) Stop() {
	defer k.publish()
	k.endIfOpen(Abandoned)
	k.reset()
}

// EndByStaff is a mediator ending the visit from the mediator space.
func (k *Kiosk) EndByStaff() {
	defer k.publish()
	k.endIfOpen(EndedByStaff)
	k.reset()
}

func (k *Kiosk) endIfOpen(o Outcome) {
	if k.visit != nil && k.visit.Ended.IsZero() {
		k.end(o)
	}
}

func (k *Kiosk) end(o Outcome) {
	now := k.now()
	k.visit.Outcome = o
	k.visit.Ended = now
	k.save()
}

// AskHelp records a help request and shows "a mediator is coming".
func (k *Kiosk) AskHelp() {
	defer k.publish()
	k.Touch()
	k.begin()
	now := k.now()
	k.visit.HelpCount++
	if k.visit.FirstHelp.IsZero() {
		k.visit.FirstHelp = now
	}
	k.visit.Updated = now
	h := HelpRequest{VisitKey: k.visit.Key, Raised: now, Screen: k.screen}
	if k.guide != nil {
		h.GuideID = k.guide.ID
		if k.screen == Step {
			h.Step = k.step + 1
		}
	}
	k.help = true
	k.helpSince = now
	if k.log != nil {
		k.log.RaiseHelp(*k.visit, h)
	}
}

// DismissHelp hides the "a mediator is coming" message; the request still
// waits for a mediator.
func (k *Kiosk) DismissHelp() {
	k.Touch()
	k.help = false
}

// HelpAnswered records that a mediator answered the visit's help request
// ("Aide terminée"): the visit ends for inactivity as usual again, counted
// from now.
func (k *Kiosk) HelpAnswered() {
	defer k.publish()
	if !k.helpSince.IsZero() {
		k.helpSince = time.Time{}
		k.Touch()
	}
}

func (k *Kiosk) save() {
	k.visit.Updated = k.now()
	if k.log != nil {
		k.log.SaveVisit(*k.visit)
	}
}

// --- idle --------------------------------------------------------------------

// Idle is the state of the idle timer.
type Idle struct {
	Warning bool          // the full-screen warning is shown
	Left    time.Duration // time left before the visit ends, while Warning
}

// dirty reports whether anything of a visitor is on the kiosk.
func (k *Kiosk) dirty() bool {
	return k.visit != nil || k.screen != Welcome || k.lang != k.cfg.DefaultLang ||
		k.size != 1 || k.contrast || k.help || k.site
}

// lastActive is when the visitor last did something, for the idle timer: a
// help request waiting for a mediator counts as activity until
// Config().HelpHold after it was made.
func (k *Kiosk) lastActive() time.Time {
	last := k.lastInput
	if !k.helpSince.IsZero() {
		held := k.helpSince.Add(k.cfg.HelpHold)
		if now := k.now(); held.After(now) {
			held = now
		}
		if held.After(last) {
			last = held
		}
	}
	return last
}

// Tick advances the idle timer: it returns the warning state, and ends the
// visit ("timed out") and resets the kiosk once the countdown is over.
// The UI calls it about once a second.
func (k *Kiosk) Tick() Idle {
	defer k.publish()
	if !k.dirty() {
		k.lastInput = k.now()
		return Idle{}
	}
	idle := k.now().Sub(k.lastActive())
	switch {
	case idle >= k.cfg.IdleAfter+k.cfg.WarnFor:
		k.endIfOpen(TimedOut)
		k.reset()
		return Idle{}
	case idle >= k.cfg.IdleAfter:
		return Idle{Warning: true, Left: k.cfg.IdleAfter + k.cfg.WarnFor - idle}
	}
	return Idle{}
}
