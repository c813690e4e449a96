package mediator

import (
	"context"

	"fyne.io/fyne/v2"
)

// background runs work off the UI goroutine — the kiosk and the mediator
// space share one event loop: a slow query here must never freeze a
// visitor's screen — and then done on the UI goroutine with its result.
// Every disk, database, export and backup call of the space goes through
// it. Deps.Background runs the work (a new goroutine when nil) and
// Deps.Post hands the result to the UI goroutine (fyne.Do when nil); tests
// replace them to run in place or to play the event loop themselves.
func background[T any](s *Space, work func(context.Context) (T, error), done func(T, error)) {
	run := s.Background
	if run == nil {
		run = func(f func()) { go f() }
	}
	run(func() {
		v, err := work(context.Background())
		s.post(func() { done(v, err) })
	})
}

// post runs f on the UI goroutine: Deps.Post, or fyne.Do.
func (s *Space) post(f func()) {
	if s.Post != nil {
		s.Post(f)
		return
	}
	fyne.Do(f)
}
