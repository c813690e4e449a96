package visit

import (
	"testing"
	"testing/fstest"
	"time"

	"pasapas/internal/guide"
)

const testGuideFR = `id = "essai"
category = "sante"
url = "https://www.ameli.fr"
checked = 2026-01-10
title = "Essai"
[[checklist]]
id = "carte"
text = "Votre carte."
missing = "Demandez-la."
[[checklist]]
id = "telephone"
text = "Votre téléphone."
missing = "Prenez-le."
[[steps]]
id = "un"
site = true
title = "Un"
text = ["Première étape."]
[[steps]]
id = "deux"
title = "Deux"
text = ["Deuxième étape."]
[[steps]]
id = "trois"
title = "Trois"
text = ["Troisième étape."]
`

const testGuide2FR = `id = "autre"
category = "sante"
url = "https://www.ameli.fr"
checked = 2026-01-10
title = "Autre"
[[steps]]
id = "un"
title = "Un"
text = ["Seule étape."]
`

// fakeLog records what the kiosk asks to save, synchronously.
type fakeLog struct {
	saved []Visit
	helps []HelpRequest
}

func (f *fakeLog) SaveVisit(v Visit) { f.saved = append(f.saved, v) }
func (f *fakeLog) RaiseHelp(v Visit, h HelpRequest) {
	f.saved = append(f.saved, v)
	f.helps = append(f.helps, h)
}

func (f *fakeLog) last(t *testing.T) Visit {
	t.Helper()
	if len(f.saved) == 0 {
		t.Fatal("no visit saved")
	}
	return f.saved[len(f.saved)-1]
}

// clock is a fake clock advanced by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestKiosk(t *testing.T) (*Kiosk, *fakeLog, *clock) {
	t.Helper()
	lib, ps := guide.Load(guide.Options{}, guide.Source{FS: fstest.MapFS{
		"essai.fr.toml": {Data: []byte(testGuideFR)},
		"autre.fr.toml": {Data: []byte(testGuide2FR)},
	}, Dir: ".", Name: "test"})
	if guide.HasErrors(ps) {
		t.Fatalf("test guides: %v", ps)
	}
	log := &fakeLog{}
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	return NewKiosk(Config{}, lib, log, c.now), log, c
}

func TestKiosk_WholeVisit(t *testing.T) {
	k, log, c := newTestKiosk(t)
	if k.Screen() != Welcome {
		t.Fatalf("Screen() = %v, want welcome", k.Screen())
	}
	if len(log.saved) != 0 {
		t.Fatalf("a visit was saved before Start: %v", log.saved)
	}
	k.Start()
	if got := k.Screen(); got != Categories {
		t.Fatalf("after Start, Screen() = %v, want categories", got)
	}
	v := log.last(t)
	if v.Key == "" || v.Lang != "fr" || !v.Started.Equal(c.t) || v.Outcome != "" {
		t.Fatalf("started visit = %+v", v)
	}
	k.ChooseCategory("sante")
	if got := k.Screen(); got != Guides {
		t.Fatalf("ChooseCategory: Screen() = %v, want guides (two guides in sante)", got)
	}
	k.ChooseGuide("essai")
	if got := k.Screen(); got != Intro {
		t.Fatalf("ChooseGuide: Screen() = %v, want intro", got)
	}
	if v := log.last(t); v.GuideID != "essai" || v.StepCount != 3 {
		t.Fatalf("after ChooseGuide, visit = %+v, want guide essai with 3 steps", v)
	}
	k.Begin()
	if i, missed := k.ChecklistIndex(); k.Screen() != Checklist || i != 0 || missed {
		t.Fatalf("Begin: screen %v item %d missed %v, want checklist item 0", k.Screen(), i, missed)
	}
	k.Answer(true)
	k.Answer(false) // no phone yet
	if i, missed := k.ChecklistIndex(); i != 1 || !missed {
		t.Fatalf("Answer(false): item %d missed %v, want item 1 shown as missing", i, missed)
	}
	k.ContinueAnyway()
	if k.Screen() != Step || k.StepIndex() != 0 {
		t.Fatalf("ContinueAnyway: screen %v step %d, want step 0", k.Screen(), k.StepIndex())
	}
	if got := k.Missing(); len(got) != 1 || got[0] != "telephone" {
		t.Fatalf("Missing() = %v, want [telephone]", got)
	}
	if v := log.last(t); v.FurthestStep != 1 {
		t.Fatalf("FurthestStep = %d, want 1", v.FurthestStep)
	}
	k.Next()
	k.Next()
	if v := log.last(t); v.FurthestStep != 3 || k.StepIndex() != 2 {
		t.Fatalf("after two Next: step %d furthest %d, want 2 and 3", k.StepIndex(), v.FurthestStep)
	}
	k.Back()
	if k.StepIndex() != 1 {
		t.Fatalf("Back: step %d, want 1", k.StepIndex())
	}
	if v := log.last(t); v.FurthestStep != 3 {
		t.Fatalf("Back lowered FurthestStep to %d", v.FurthestStep)
	}
	k.Next()
	k.Next()
	if k.Screen() != Result {
		t.Fatalf("Next on the last step: Screen() = %v, want result", k.Screen())
	}
	c.advance(time.Minute)
	k.Finish(Done)
	if k.Screen() != Goodbye {
		t.Fatalf("Finish: Screen() = %v, want goodbye", k.Screen())
	}
	v = log.last(t)
	if v.Outcome != Done || !v.Ended.Equal(c.t) {
		t.Fatalf("finished visit = %+v, want outcome done ended now", v)
	}
	k.Leave()
	if k.Screen() != Welcome || k.Guide() != nil {
		t.Fatalf("Leave: screen %v guide %v, want a clean welcome", k.Screen(), k.Guide())
	}
	if _, ok := k.Visit(); ok {
		t.Fatal("Leave kept the visit in memory")
	}
}

func TestKiosk_Back(t *testing.T) {
	k, _, _ := newTestKiosk(t)
	k.Start()
	k.ChooseCategory("sante")
	k.ChooseGuide("essai")
	k.Begin()
	k.Answer(true)
	k.Answer(true) // step 0
	steps := []struct {
		want  Screen
		index int
	}{
		{Checklist, 1}, {Checklist, 0}, {Intro, 0}, {Guides, 0}, {Categories, 0}, {Welcome, 0},
	}
	for _, s := range steps {
		k.Back()
		if k.Screen() != s.want {
			t.Fatalf("Back: Screen() = %v, want %v", k.Screen(), s.want)
		}
		if s.want == Checklist {
			if i, _ := k.ChecklistIndex(); i != s.index {
				t.Fatalf("Back: checklist item %d, want %d", i, s.index)
			}
		}
	}
}

func TestKiosk_SingleGuideCategoryOpensGuide(t *testing.T) {
	lib, _ := guide.Load(guide.Options{}, guide.Source{FS: fstest.MapFS{
		"autre.fr.toml": {Data: []byte(testGuide2FR)},
	}, Dir: ".", Name: "test"})
	c := &clock{t: time.Now()}
	k := NewKiosk(Config{}, lib, &fakeLog{}, c.now)
	k.Start()
	k.ChooseCategory("sante")
	if k.Screen() != Intro || k.Guide().ID != "autre" {
		t.Fatalf("Screen() = %v, want the intro of the only guide", k.Screen())
	}
	k.Begin() // no checklist: straight to the first step
	if k.Screen() != Step {
		t.Fatalf("Begin without checklist: Screen() = %v, want step", k.Screen())
	}
	k.Back()
	if k.Screen() != Intro {
		t.Fatalf("Back from first step without checklist: %v, want intro", k.Screen())
	}
	k.Back()
	if k.Screen() != Categories {
		t.Fatalf("Back from intro of a guide opened directly: %v, want categories", k.Screen())
	}
}

func TestKiosk_StopForToday(t *testing.T) {
	k, log, _ := newTestKiosk(t)
	k.Start()
	k.ChooseGuide("essai")
	k.Begin()
	k.Answer(false)
	k.StopForToday()
	if k.Screen() != Goodbye {
		t.Fatalf("StopForToday: Screen() = %v, want goodbye", k.Screen())
	}
	if v := log.last(t); v.Outcome != NotYet || v.Ended.IsZero() {
		t.Fatalf("visit = %+v, want ended not_yet", v)
	}
	if got := k.Missing(); len(got) != 1 || got[0] != "carte" {
		t.Fatalf("Missing() = %v, want [carte] for the goodbye list", got)
	}
}

func TestKiosk_Stop(t *testing.T) {
	k, log, _ := newTestKiosk(t)
	k.SetLanguage("en")
	k.Bigger()
	k.ToggleContrast()
	k.Start()
	k.ChooseGuide("essai")
	k.Stop()
	v := log.last(t)
	if v.Outcome != Abandoned || v.Ended.IsZero() {
		t.Fatalf("Stop: visit = %+v, want abandoned and ended", v)
	}
	if k.Screen() != Welcome || k.Lang() != "fr" || k.Size() != 1 || k.HighContrast() {
		t.Fatalf("Stop: screen %v lang %v size %d contrast %v, want a clean welcome", k.Screen(), k.Lang(), k.Size(), k.HighContrast())
	}
	n := len(log.saved)
	k.Stop() // nothing to end on a clean welcome
	if len(log.saved) != n {
		t.Fatal("Stop on the welcome screen saved a visit")
	}
}

func TestKiosk_Finish_OnlyFromResult(t *testing.T) {
	k, log, _ := newTestKiosk(t)
	k.Start()
	k.ChooseGuide("essai")
	k.Finish(Done)
	if k.Screen() != Intro || log.last(t).Outcome != "" {
		t.Fatalf("Finish outside the result screen changed the visit: screen %v outcome %q", k.Screen(), log.last(t).Outcome)
	}
	k.Begin()
	k.Answer(true)
	k.Answer(true)
	k.Next()
	k.Next()
	k.Next()
	k.Finish(TimedOut) // not an answer a visitor can give
	if k.Screen() != Result {
		t.Fatalf("Finish(TimedOut): Screen() = %v, want result", k.Screen())
	}
	k.Finish(Appointment)
	if log.last(t).Outcome != Appointment {
		t.Fatalf("outcome = %q, want appointment", log.last(t).Outcome)
	}
}

func TestKiosk_Help(t *testing.T) {
	k, log, c := newTestKiosk(t)
	k.AskHelp() // on the welcome screen: starts a visit
	if !k.HelpShown() || len(log.helps) != 1 {
		t.Fatalf("AskHelp on welcome: shown %v, %d requests", k.HelpShown(), len(log.helps))
	}
	first := c.t
	k.DismissHelp()
	k.Start()
	k.ChooseGuide("essai")
	k.Begin()
	k.Answer(true)
	k.Answer(true)
	k.Next()
	c.advance(2 * time.Minute)
	k.AskHelp()
	h := log.helps[1]
	if h.GuideID != "essai" || h.Step != 2 || h.Screen != Step || !h.Raised.Equal(c.t) {
		t.Fatalf("help request = %+v, want guide essai step 2 raised now", h)
	}
	v := log.last(t)
	if v.HelpCount != 2 || !v.FirstHelp.Equal(first) || h.VisitKey != v.Key {
		t.Fatalf("visit = %+v, want 2 help requests, first at %v", v, first)
	}
	k.Back() // Escape closes the message first
	if k.HelpShown() || k.Screen() != Step || k.StepIndex() != 1 {
		t.Fatalf("Back with help shown: shown %v screen %v step %d", k.HelpShown(), k.Screen(), k.StepIndex())
	}
}

func TestKiosk_TextSize(t *testing.T) {
	k, log, _ := newTestKiosk(t)
	for i := 0; i < 10; i++ {
		k.Bigger()
	}
	if k.Size() != DefaultSizes {
		t.Fatalf("Size() = %d after many Bigger, want the largest %d", k.Size(), DefaultSizes)
	}
	k.Start()
	if v := log.last(t); v.MaxTextSize != DefaultSizes {
		t.Fatalf("MaxTextSize = %d, want %d (size chosen before Start)", v.MaxTextSize, DefaultSizes)
	}
	for i := 0; i < 10; i++ {
		k.Smaller()
	}
	if k.Size() != 1 {
		t.Fatalf("Size() = %d after many Smaller, want 1", k.Size())
	}
	if v := log.last(t); v.MaxTextSize != DefaultSizes {
		t.Fatalf("MaxTextSize went down to %d", v.MaxTextSize)
	}
}

func TestKiosk_Idle(t *testing.T) {
	k, log, c := newTestKiosk(t)
	c.advance(time.Hour)
	if idle := k.Tick(); idle.Warning {
		t.Fatal("a clean welcome screen showed the idle warning")
	}
	k.Start()
	k.ChooseGuide("essai")
	tests := []struct {
		after   time.Duration
		warning bool
		left    time.Duration
	}{
		{DefaultIdleAfter - time.Second, false, 0},
		{DefaultIdleAfter, true, DefaultWarnFor},
		{DefaultIdleAfter + 10*time.Second, true, DefaultWarnFor - 10*time.Second},
	}
	start := c.t
	for _, tt := range tests {
		c.t = start.Add(tt.after)
		idle := k.Tick()
		if idle.Warning != tt.warning || idle.Left != tt.left {
			t.Fatalf("after %v: Tick() = %+v, want warning %v left %v", tt.after, idle, tt.warning, tt.left)
		}
	}
	k.Touch() // "Continuer"
	if idle := k.Tick(); idle.Warning {
		t.Fatal("Touch did not dismiss the warning")
	}
	if k.Screen() != Intro {
		t.Fatalf("Screen() = %v after Continue, want intro kept", k.Screen())
	}
	c.advance(DefaultIdleAfter + DefaultWarnFor)
	k.Tick()
	if k.Screen() != Welcome || k.Guide() != nil {
		t.Fatalf("after the countdown: screen %v guide %v, want a clean welcome", k.Screen(), k.Guide())
	}
	if v := log.last(t); v.Outcome != TimedOut || v.Ended.IsZero() {
		t.Fatalf("visit = %+v, want timed_out", v)
	}
}

func TestKiosk_IdleAfterGoodbyeKeepsOutcome(t *testing.T) {
	k, log, c := newTestKiosk(t)
	k.Start()
	k.ChooseGuide("autre")
	k.Begin()
	k.Next()
	k.Finish(NotYet)
	c.advance(DefaultIdleAfter + DefaultWarnFor)
	k.Tick()
	if k.Screen() != Welcome {
		t.Fatalf("goodbye left idle: Screen() = %v, want welcome", k.Screen())
	}
	if v := log.last(t); v.Outcome != NotYet {
		t.Fatalf("outcome = %q, want not_yet kept", v.Outcome)
	}
}

func TestKiosk_IdleResetsLanguageOnWelcome(t *testing.T) {
	k, log, c := newTestKiosk(t)
	k.SetLanguage("en")
	c.advance(DefaultIdleAfter + DefaultWarnFor)
	k.Tick()
	if k.Lang() != "fr" {
		t.Fatalf("Lang() = %q after idle, want fr", k.Lang())
	}
	if len(log.saved) != 0 {
		t.Fatal("choosing a language without starting saved a visit")
	}
}

func TestConfig_WithDefaults(t *testing.T) {
	c := Config{WarnFor: 5 * time.Second, Sizes: 2}.withDefaults()
	if c.WarnFor < MinWarnFor || c.Sizes < 3 || c.IdleAfter != DefaultIdleAfter || c.DefaultLang != "fr" {
		t.Fatalf("withDefaults() = %+v, want a countdown of at least 20 s and 3 sizes", c)
	}
}
