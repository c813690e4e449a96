package backup_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"pasapas/internal/backup"
	"pasapas/internal/failure"
)

// fakeClock gives a later minute at each call.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Minute)
	return c.t
}

// scheduler returns a scheduler of s's backups and the channels its
// callbacks write to.
func scheduler(s *store, src backup.Source, every time.Duration, clock *fakeClock) (*backup.Scheduler, chan backup.Info, chan error) {
	made, errs := make(chan backup.Info, 100), make(chan error, 100)
	return &backup.Scheduler{Source: src, Dir: backup.Dir(s.dataDir), Every: every, Now: clock.now,
		OnBackup: func(i backup.Info) { made <- i }, OnError: func(err error) { errs <- err }}, made, errs
}

func waitBackup(t *testing.T, made chan backup.Info, errs chan error, visits int) backup.Info {
	t.Helper()
	select {
	case info := <-made:
		if info.Counts.Visits != visits {
			t.Errorf("Got(%q) = %d visits, want %d", "backup", info.Counts.Visits, visits)
		}
		return info
	case err := <-errs:
		t.Fatalf("Got(%q) = %v, want a backup", "OnError", err)
	case <-time.After(10 * time.Second):
		t.Fatalf("Got(%q) = nothing after 10 s, want a backup", "OnBackup")
	}
	return backup.Info{}
}

func noBackup(t *testing.T, made chan backup.Info, errs chan error, wait time.Duration, why string) {
	t.Helper()
	select {
	case info := <-made:
		t.Errorf("Got(%q) = a backup %s, want none: %s", "OnBackup", info.Path, why)
	case err := <-errs:
		t.Errorf("Got(%q) = %v, want nothing: %s", "OnError", err, why)
	case <-time.After(wait):
	}
}

func TestScheduler(t *testing.T) {
	s := newStore(t)
	s.add(t, 2)
	clock := &fakeClock{t: at(2, 9)}
	const every = 20 * time.Millisecond

	sch, made, errs := scheduler(s, s, every, clock)
	sch.Start()
	waitBackup(t, made, errs, 2) // at start: no backup yet
	noBackup(t, made, errs, 8*every, "nothing changed")
	s.add(t, 1)
	waitBackup(t, made, errs, 3) // within a period of the change
	sch.Stop()
	s.add(t, 1)
	noBackup(t, made, errs, 5*every, "stopped")
	sch.Stop() // twice is harmless

	// The next start, with data changed since the newest backup: one at once.
	sch, made, errs = scheduler(s, s, time.Hour, clock)
	sch.Start()
	waitBackup(t, made, errs, 4)
	sch.Stop()
	// Started again with nothing changed: nothing.
	sch, made, errs = scheduler(s, s, time.Hour, clock)
	sch.Start()
	noBackup(t, made, errs, 100*time.Millisecond, "nothing changed since the newest backup")
	sch.Stop()

	// Each backup was followed by Prune: of one day's three, the newest.
	infos, err := backup.List(context.Background(), backup.Dir(s.dataDir))
	if err != nil || len(infos) != 1 || infos[0].Counts.Visits != 4 {
		t.Errorf("Got(%q) = %+v, %v, want one backup of 4 visits", "List", infos, err)
	}
}

func TestScheduler_ReportsErrors(t *testing.T) {
	s := newStore(t)
	clock := &fakeClock{t: at(2, 9)}
	full := failure.New(failure.DiskFull, "copy database", errors.New("database or disk is full"))
	sch, made, errs := scheduler(s, badSource{err: full}, 10*time.Millisecond, clock)
	sch.Start()
	for range 3 { // at start, and at each period
		select {
		case err := <-errs:
			if failure.KindOf(err) != failure.DiskFull {
				t.Errorf("Got(%q) = %v, want %s", "OnError", err, failure.DiskFull)
			}
		case info := <-made:
			t.Fatalf("Got(%q) = %v, want an error", "OnBackup", info)
		case <-time.After(10 * time.Second):
			t.Fatalf("Got(%q) = nothing after 10 s, want an error", "OnError")
		}
	}
	sch.Stop()

	var never backup.Scheduler
	never.Stop() // never started: nothing to stop
}
