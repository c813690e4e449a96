package visit

import (
	"sync"
	"time"
)

// Position is where the visitor is, as the mediator's « Maintenant » tab
// shows it: the screen, the guide and the step really on screen, and for
// how long.
type Position struct {
	// VisitKey is the visit going on, "" when none is (the kiosk waits on
	// its welcome screen, or the last visit ended).
	VisitKey string
	Started  time.Time // when the visit started
	Lang     string
	Screen   Screen
	GuideID  string // "" until a guide is chosen
	// Step is the step on screen, 1-based; 0 when the screen is not a
	// step (introduction, checklist, result…).
	Step  int
	Steps int // the guide's number of steps, 0 without a guide
	// Since is when the visitor reached this screen and step (or changed
	// language or asked for help there).
	Since time.Time
	// HelpWaiting reports whether a help request waits for a mediator.
	HelpWaiting bool
}

// Active reports whether a visit is going on.
func (p Position) Active() bool { return p.VisitKey != "" }

// published holds the last Position, for readers on other goroutines.
type published struct {
	mu sync.Mutex
	p  Position
}

// Position returns where the visitor is. Unlike the other methods it is
// safe to call from any goroutine (a mediator's screen refreshing off the
// UI goroutine): it reads a copy that every method moving the visitor
// publishes.
func (k *Kiosk) Position() Position {
	k.position.mu.Lock()
	defer k.position.mu.Unlock()
	return k.position.p
}

// current computes the visitor's position from the kiosk's state, Since
// left zero. Only the UI goroutine calls it.
func (k *Kiosk) current() Position {
	var p Position
	if k.visit == nil || !k.visit.Ended.IsZero() {
		return p
	}
	p.VisitKey, p.Started, p.Lang, p.Screen = k.visit.Key, k.visit.Started, k.lang, k.screen
	p.HelpWaiting = !k.helpSince.IsZero()
	if k.guide != nil {
		p.GuideID, p.Steps = k.guide.ID, len(k.guide.Steps)
		if k.screen == Step {
			p.Step = k.step + 1
		}
	}
	return p
}

// publish makes the current position the one Position returns; Since
// moves only when the position changed.
func (k *Kiosk) publish() {
	p := k.current()
	k.position.mu.Lock()
	defer k.position.mu.Unlock()
	old := k.position.p
	old.Since = time.Time{}
	if p == old {
		return
	}
	if p.Active() {
		p.Since = k.now()
	}
	k.position.p = p
}
