package backup

import (
	"context"
	"sync"
	"time"
)

// DefaultEvery is how often the Scheduler looks for changes to back up.
const DefaultEvery = 4 * time.Hour

// Scheduler makes the automatic backups while the program runs: one at
// Start when the data changed since the newest backup, then one every
// Every when it changed since the last, each followed by Prune. Errors go
// to OnError, successes to OnBackup; both are called on the scheduler's
// goroutine (a Fyne UI hands them over with fyne.Do). Set the fields, then
// call Start once and Stop once.
//
// Around a restore the program stops the scheduler before closing the
// database, and starts a new one after opening it again.
type Scheduler struct {
	Source Source // the open database
	Dir    string // Dir(dataDir)
	Every  time.Duration
	Keep   Policy           // the zero Policy means DefaultPolicy
	Now    func() time.Time // time.Now when nil
	// OnBackup is told of each backup made; it may be nil.
	OnBackup func(Info)
	// OnError is told of each backup or prune that failed: the mediator
	// space shows it. It may be nil.
	OnError func(error)

	run  sync.Mutex // one RunOnce at a time
	last string     // fingerprint of the newest backup, once known

	mu     sync.Mutex // guards cancel and done
	cancel context.CancelFunc
	done   chan struct{}
}

// Start runs the first check at once and the next ones every Every, on a
// goroutine of its own, until Stop.
func (s *Scheduler) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	s.cancel, s.done = cancel, make(chan struct{})
	done := s.done
	s.mu.Unlock()
	every := s.Every
	if every <= 0 {
		every = DefaultEvery
	}
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			s.RunOnce(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// Stop interrupts a backup in progress (its temporary file is removed),
// stops the scheduler and waits for it. Stop on a scheduler never started
// does nothing.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.mu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	<-done
}

// RunOnce makes a backup now if the data changed since the newest one,
// then prunes, and reports to OnBackup and OnError. It returns whether a
// backup was made. Start calls it; a "back up now" button may too.
func (s *Scheduler) RunOnce(ctx context.Context) bool {
	s.run.Lock()
	defer s.run.Unlock()
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	keep := s.Keep
	if keep == (Policy{}) {
		keep = DefaultPolicy
	}
	current, err := s.Source.Fingerprint(ctx)
	if err != nil {
		s.report(ctx, err)
		return false
	}
	if s.last == "" {
		if s.last, err = newestFingerprint(ctx, s.Dir); err != nil {
			s.report(ctx, err)
			return false
		}
	}
	if current == s.last {
		return false
	}
	info, err := Create(ctx, s.Source, s.Dir, now())
	if err != nil {
		s.report(ctx, err)
		return false
	}
	// The copy holds the data as of some instant after current was read:
	// its own fingerprint is the one to compare with next time.
	if s.last, err = File(info.Path).Fingerprint(ctx); err != nil {
		s.last = ""
	}
	if s.OnBackup != nil {
		s.OnBackup(info)
	}
	if _, err := Prune(s.Dir, now(), keep); err != nil {
		s.report(ctx, err)
	}
	return true
}

// report passes err to OnError, unless Stop interrupted the work.
func (s *Scheduler) report(ctx context.Context, err error) {
	if ctx.Err() != nil || s.OnError == nil {
		return
	}
	s.OnError(err)
}
