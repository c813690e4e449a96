package app

import (
	"os"
	"os/signal"
	"syscall"
)

// quitOnSignal ends the program as closing its window does when the system
// asks it to stop (SIGTERM at logout or shutdown, Ctrl+C in a terminal):
// the visit in progress ends as abandoned and Close closes the browser,
// the jobs and the database in order; the libraries' last writes (Mesa's
// shader cache, written from a thread of the lowest priority) are done.
// Without it the signal ended the process at once. A second signal ends it
// at once. The returned function stops listening.
func (a *App) quitOnSignal() (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			a.log.Info("asked to stop", "signal", s.String())
			signal.Reset(os.Interrupt, syscall.SIGTERM) // a second one ends the process
			a.post(func() {
				if a.k != nil {
					a.k.Stop()
				}
				a.fyne.Quit()
			})
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
