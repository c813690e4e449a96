package jobs_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"pasapas/internal/jobs"
)

// clock hands out timers that fire when the test says so.
type clock struct {
	mu     sync.Mutex
	timers []timer
	asked  chan time.Duration
}

type timer struct {
	d  time.Duration
	ch chan time.Time
}

func newClock() *clock { return &clock{asked: make(chan time.Duration, 100)} }

func (c *clock) After(d time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	c.mu.Lock()
	c.timers = append(c.timers, timer{d, ch})
	c.mu.Unlock()
	c.asked <- d
	return ch
}

// fire waits for the next timer asked for, checks its duration and fires it.
func (c *clock) fire(t *testing.T, want time.Duration) {
	t.Helper()
	select {
	case d := <-c.asked:
		if d != want {
			t.Fatalf("Got(timer) = %v, want %v", d, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("no timer asked for, want one of %v", want)
	}
	c.mu.Lock()
	tm := c.timers[0]
	c.timers = c.timers[1:]
	c.mu.Unlock()
	tm.ch <- time.Now()
}

func TestRunner_FirstThenEvery(t *testing.T) {
	c := newClock()
	runs := make(chan struct{}, 10)
	r := &jobs.Runner{After: c.After}
	r.Start(jobs.Job{Name: "retention", First: 5 * time.Second, Every: 24 * time.Hour, Run: func(context.Context) error {
		runs <- struct{}{}
		return nil
	}})
	c.fire(t, 5*time.Second)
	<-runs
	c.fire(t, 24*time.Hour)
	<-runs
	c.fire(t, 24*time.Hour)
	<-runs
	r.Stop()
	select {
	case <-runs:
		t.Fatal("the job ran after Stop")
	default:
	}
}

func TestRunner_ErrorsReported_OnceOnly(t *testing.T) {
	c := newClock()
	var mu sync.Mutex
	var got []string
	done := make(chan struct{})
	r := &jobs.Runner{After: c.After, OnError: func(job string, err error) {
		mu.Lock()
		got = append(got, job+": "+err.Error())
		mu.Unlock()
		close(done)
	}}
	r.Start(jobs.Job{Name: "purge", Run: func(context.Context) error { return errors.New("disk full") }})
	c.fire(t, 0)
	<-done
	r.Stop() // returns: a job with no Every runs once
	if len(got) != 1 || got[0] != "purge: disk full" {
		t.Fatalf("Got(errors) = %q, want [purge: disk full]", got)
	}
}

// Stop interrupts a run in progress and waits for it; its error, caused
// by the stop, is not reported.
func TestRunner_StopCancelsRunInProgress(t *testing.T) {
	c := newClock()
	started := make(chan struct{})
	reported := false
	r := &jobs.Runner{After: c.After, OnError: func(string, error) { reported = true }}
	r.Start(jobs.Job{Name: "backup", Every: time.Hour, Run: func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	}})
	c.fire(t, 0)
	<-started
	r.Stop()
	if reported {
		t.Fatal("the error of a run stopped by Stop was reported")
	}
	r.Start(jobs.Job{Name: "late", Run: func(context.Context) error {
		t.Error("a job started after Stop ran")
		return nil
	}})
	r.Stop()
}
