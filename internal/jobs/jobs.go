// Package jobs runs the program's scheduled work — the automatic backups,
// the retention of beneficiaries' names, the purge of the audit trail — on
// goroutines of their own, never on the UI goroutine, until the program
// closes.
package jobs

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Job is one piece of scheduled work.
type Job struct {
	// Name says which job failed, in the log.
	Name string
	// First is how long after Start the job first runs; Every is how
	// long between two runs after that (0: once only).
	First, Every time.Duration
	// Run does the work. It must return soon after ctx is cancelled.
	Run func(ctx context.Context) error
}

// Runner runs jobs until Stop. Set the fields, then call Start once per
// job list and Stop once.
type Runner struct {
	// Log receives the jobs' errors; it may be nil.
	Log *slog.Logger
	// OnError is told of each failed run, on the job's goroutine; it may
	// be nil.
	OnError func(job string, err error)
	// After is time.After; tests give a clock they move by hand.
	After func(time.Duration) <-chan time.Time

	mu     sync.Mutex
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// Start runs each job on its own goroutine: First after now, then every
// Every. Jobs started after Stop never run.
func (r *Runner) Start(jobs ...Job) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ctx == nil {
		r.ctx, r.cancel = context.WithCancel(context.Background())
	}
	if r.ctx.Err() != nil {
		return
	}
	for _, j := range jobs {
		r.wg.Add(1)
		go r.loop(r.ctx, j)
	}
}

func (r *Runner) loop(ctx context.Context, j Job) {
	defer r.wg.Done()
	after := r.After
	if after == nil {
		after = time.After
	}
	wait := j.First
	for {
		select {
		case <-ctx.Done():
			return
		case <-after(wait):
		}
		if ctx.Err() != nil {
			return
		}
		if err := j.Run(ctx); err != nil && ctx.Err() == nil {
			if r.Log != nil {
				r.Log.Error("scheduled job failed", "job", j.Name, "err", err)
			}
			if r.OnError != nil {
				r.OnError(j.Name, err)
			}
		}
		if j.Every <= 0 {
			return
		}
		wait = j.Every
	}
}

// Stop cancels the runs in progress and waits for every job's goroutine
// to return. Stop may be called more than once.
func (r *Runner) Stop() {
	r.mu.Lock()
	if r.ctx == nil {
		r.ctx, r.cancel = context.WithCancel(context.Background())
	}
	r.cancel()
	r.mu.Unlock()
	r.wg.Wait()
}
