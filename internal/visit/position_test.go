package visit

import (
	"sync"
	"testing"
	"time"
)

// TestKiosk_Position walks a visit and checks, after each action, what the
// mediator's « Maintenant » tab would read: the screen, guide and step
// really shown, since when, and that the published position is the one the
// kiosk's state gives (no action forgets to publish).
func TestKiosk_Position(t *testing.T) {
	k, _, c := newTestKiosk(t)
	start := c.t
	if p := k.Position(); p.Active() || p != (Position{}) {
		t.Fatalf("Got(%q) = %+v, want no visit", "Position() on the welcome screen", p)
	}
	steps := []struct {
		name   string
		act    func()
		wait   time.Duration // the clock moves this much before act
		screen Screen
		guide  string
		step   int
		steps  int
		since  time.Duration // after start; -1: no visit
		help   bool
	}{
		{"start", k.Start, 0, Categories, "", 0, 0, 0, false},
		{"category", func() { k.ChooseCategory("sante") }, time.Minute, Guides, "", 0, 0, time.Minute, false},
		{"guide", func() { k.ChooseGuide("essai") }, time.Minute, Intro, "essai", 0, 3, 2 * time.Minute, false},
		{"checklist", k.Begin, time.Minute, Checklist, "essai", 0, 3, 3 * time.Minute, false},
		{"first item", func() { k.Answer(true) }, time.Minute, Checklist, "essai", 0, 3, 3 * time.Minute, false},
		{"second item: first step", func() { k.Answer(true) }, time.Minute, Step, "essai", 1, 3, 5 * time.Minute, false},
		{"idle tick changes nothing", func() { k.Tick() }, 30 * time.Second, Step, "essai", 1, 3, 5 * time.Minute, false},
		{"text size changes nothing", k.Bigger, time.Second, Step, "essai", 1, 3, 5 * time.Minute, false},
		{"next step", k.Next, time.Minute, Step, "essai", 2, 3, 6*time.Minute + 31*time.Second, false},
		{"help", k.AskHelp, time.Minute, Step, "essai", 2, 3, 7*time.Minute + 31*time.Second, true},
		{"back", k.Back, time.Second, Step, "essai", 2, 3, 7*time.Minute + 31*time.Second, true}, // closes the help message
		{"back a step", k.Back, time.Second, Step, "essai", 1, 3, 7*time.Minute + 33*time.Second, true},
		{"help answered", k.HelpAnswered, time.Second, Step, "essai", 1, 3, 7*time.Minute + 34*time.Second, false},
		{"to the end", func() { k.Next(); k.Next(); k.Next() }, time.Minute, Result, "essai", 0, 3, 8*time.Minute + 34*time.Second, false},
		{"finished", func() { k.Finish(Done) }, time.Minute, Goodbye, "", 0, 0, -1, false},
		{"next visitor", k.Leave, time.Minute, Welcome, "", 0, 0, -1, false},
	}
	for _, s := range steps {
		c.advance(s.wait)
		s.act()
		p := k.Position()
		fresh := k.current()
		fresh.Since = p.Since
		if p != fresh {
			t.Errorf("Got(%q) = %+v, want %+v (the kiosk's state)", s.name, p, fresh)
		}
		if s.since < 0 {
			if p.Active() || p != (Position{}) {
				t.Errorf("Got(%q) = %+v, want no visit", s.name, p)
			}
			continue
		}
		want := Position{VisitKey: p.VisitKey, Started: start, Lang: "fr", Screen: s.screen, GuideID: s.guide,
			Step: s.step, Steps: s.steps, Since: start.Add(s.since), HelpWaiting: s.help}
		if p.VisitKey == "" || p != want {
			t.Errorf("Got(%q) = %+v, want %+v", s.name, p, want)
		}
	}
}

// TestKiosk_PositionConcurrent reads Position from another goroutine while
// the UI goroutine drives the kiosk; -race checks the reads.
func TestKiosk_PositionConcurrent(t *testing.T) {
	k, _, c := newTestKiosk(t)
	stop, reading := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	seen := 0
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
				if p := k.Position(); p.Step > p.Steps {
					t.Errorf("Got(%q) = %+v, want step ≤ steps", "Position", p)
				}
				if seen++; seen == 1 {
					close(reading)
				}
			}
		}
	}()
	<-reading
	for range 50 {
		k.Start()
		k.ChooseGuide("autre")
		k.Begin()
		c.advance(time.Second)
		k.Next()
		k.Finish(NotYet)
		k.Leave()
	}
	close(stop)
	wg.Wait()
	if seen == 0 {
		t.Errorf("Got(%q) = 0, want reads", "Position calls")
	}
}
