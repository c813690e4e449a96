package visit

import (
	"context"
	"fmt"
	"sync"
	"time"

	"pasapas/internal/failure"
)

// Log receives the visit as it progresses. The kiosk calls it on the UI
// goroutine, so implementations must not block.
type Log interface {
	SaveVisit(v Visit)
	RaiseHelp(v Visit, h HelpRequest)
}

// Defaults of RecorderOptions.
const (
	DefaultRetryAfter = time.Second
	DefaultRetryMax   = 10 * time.Second
	DefaultMaxPending = 1000
	DefaultTimeout    = 30 * time.Second
)

// RecorderOptions say how a Recorder waits for storage. Zero fields take
// the defaults above.
type RecorderOptions struct {
	// RetryAfter is the wait after a write failed; it doubles at each
	// failure in a row, up to RetryMax.
	RetryAfter, RetryMax time.Duration
	// MaxPending bounds the writes kept while storage refuses them (about
	// 20 per visit: 1000 hold an afternoon).
	MaxPending int
	// Timeout bounds each write.
	Timeout time.Duration
	// OnRecovered is told, on the recorder's goroutine, when a write
	// succeeds after storage refused one (the mediator's warning can go).
	OnRecovered func()
}

// DroppedError reports writes a Recorder gave up: when storage refused
// writes for so long that its queue was full (the oldest went first: a
// visit's older state that a later write carries again, which loses
// nothing and is not counted; then visit updates; help requests last),
// or those still waiting when it closed. It unwraps to the store's last
// error, so failure.KindOf says why (disk full, read-only…).
type DroppedError struct {
	Visits int // visit updates lost (a visit keeps its previous state)
	Help   int // help requests not recorded
	Cause  error
}

func (e *DroppedError) Error() string {
	return fmt.Sprintf("record visits: %d visit updates and %d help requests dropped, storage refused them: %v",
		e.Visits, e.Help, e.Cause)
}

func (e *DroppedError) Unwrap() error { return e.Cause }

// Recorder is a Log that writes to a Store on its own goroutine, in order,
// so that the visitor's screen never waits for the disk.
//
// A write the store refuses for a reason of storage (a full disk, a
// read-only folder, a locked or damaged database: any error but
// failure.Invalid, NotFound, Conflict, Unauthorized and NewerVersion) is
// kept and tried again — after RetryAfter, then twice as long each time
// up to RetryMax — before any later write, so that a help request and its
// visit are recorded, in order, once storage works again. Store writes
// are upserts of the whole visit, and a help request is recorded once
// for its visit and time, so a write tried again never counts twice.
// Writes refused for their content are reported and skipped.
//
// OnError is told of each write's first failure (the mediator is told at
// once; the tries after are not reported again), of the writes skipped,
// and of the writes dropped (a *DroppedError): the queue holds at most
// MaxPending writes, and Close gives the waiting ones one last try. The
// visitor's screen goes on whatever happens.
type Recorder struct {
	store   Store
	onError func(error)
	opt     RecorderOptions

	mu      sync.Mutex
	cond    *sync.Cond
	queue   []*write
	busy    bool // the oldest write is being written
	waiting bool // the oldest write failed; the recorder waits to try again
	closed  bool
	closing chan struct{} // closed by Close: stop waiting
	stopped chan struct{}
	lastErr error        // the store's last refusal
	lost    DroppedError // dropped since last reported
	total   [2]int       // visit updates and help requests dropped since the start
}

// write is one queued call to the store.
type write struct {
	key    string // the visit's
	help   bool
	do     func(context.Context) error
	failed bool // its first failure was reported
}

// NewRecorder starts a recorder writing to store with the default
// options. onError may be nil.
func NewRecorder(store Store, onError func(error)) *Recorder {
	return NewRecorderWith(store, onError, RecorderOptions{})
}

// NewRecorderWith starts a recorder writing to store. onError may be nil;
// it is called on the recorder's goroutine and must not block long.
func NewRecorderWith(store Store, onError func(error), opt RecorderOptions) *Recorder {
	if opt.RetryAfter <= 0 {
		opt.RetryAfter = DefaultRetryAfter
	}
	if opt.RetryMax < opt.RetryAfter {
		opt.RetryMax = max(DefaultRetryMax, opt.RetryAfter)
	}
	if opt.MaxPending < 2 {
		opt.MaxPending = DefaultMaxPending
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if onError == nil {
		onError = func(error) {}
	}
	r := &Recorder{store: store, onError: onError, opt: opt, closing: make(chan struct{}), stopped: make(chan struct{})}
	r.cond = sync.NewCond(&r.mu)
	go r.run()
	return r
}

// SaveVisit queues the visit to be saved.
func (r *Recorder) SaveVisit(v Visit) {
	r.push(&write{key: v.Key, do: func(ctx context.Context) error { return r.store.SaveVisit(ctx, v) }})
}

// RaiseHelp queues the help request to be saved with its visit.
func (r *Recorder) RaiseHelp(v Visit, h HelpRequest) {
	r.push(&write{key: v.Key, help: true, do: func(ctx context.Context) error { return r.store.RaiseHelp(ctx, v, h) }})
}

func (r *Recorder) push(w *write) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	if len(r.queue) >= r.opt.MaxPending && !r.makeRoom(w) {
		return
	}
	r.queue = append(r.queue, w)
	r.cond.Broadcast()
}

// makeRoom drops one write to make room for w, never the oldest queued
// (it is being written or waits for its retry): first a visit update that
// a later write of the same visit (w included) carries again — nothing
// is lost —, then the oldest visit update, w itself when it is one, and
// only then the oldest help request. It reports whether w is to be
// queued. r.mu is held.
func (r *Recorder) makeRoom(w *write) bool {
	last := make(map[string]int, len(r.queue)+1)
	for i, q := range r.queue {
		last[q.key] = i
	}
	last[w.key] = len(r.queue)
	pick := -1
	for i := 1; i < len(r.queue) && pick < 0; i++ {
		if q := r.queue[i]; !q.help && last[q.key] > i {
			pick = i
		}
	}
	for i := 1; i < len(r.queue) && pick < 0; i++ {
		if !r.queue[i].help {
			pick = i
			r.lose(r.queue[i])
		}
	}
	if pick < 0 && !w.help {
		r.lose(w)
		return false
	}
	if pick < 0 {
		pick = 1
		r.lose(r.queue[1])
	}
	r.queue = append(r.queue[:pick], r.queue[pick+1:]...)
	return true
}

// lose counts w as dropped. r.mu is held.
func (r *Recorder) lose(w *write) {
	if w.help {
		r.lost.Help++
		r.total[1]++
	} else {
		r.lost.Visits++
		r.total[0]++
	}
}

func (r *Recorder) run() {
	defer close(r.stopped)
	var delay time.Duration
	for {
		r.mu.Lock()
		for len(r.queue) == 0 && !r.closed {
			r.cond.Wait()
		}
		if len(r.queue) == 0 {
			r.mu.Unlock()
			return
		}
		w, last := r.queue[0], r.closed
		r.busy, r.waiting = true, false
		r.mu.Unlock()

		ctx, cancel := context.WithTimeout(context.Background(), r.opt.Timeout)
		err := w.do(ctx)
		cancel()

		var report []error
		recovered := false
		r.mu.Lock()
		r.busy = false
		switch {
		case err == nil || !retryable(err):
			recovered = err == nil && r.lastErr != nil
			if recovered {
				r.lastErr = nil
			}
			r.queue[0] = nil
			r.queue = r.queue[1:]
			delay = 0
			if err != nil {
				report = append(report, err)
			}
		default:
			r.lastErr = err
			if !w.failed {
				w.failed = true
				report = append(report, err)
			}
			if last { // Close's last try: what still waits is lost
				for _, q := range r.queue {
					r.lose(q)
				}
				r.queue = nil
			} else {
				r.waiting = true
				delay = min(max(2*delay, r.opt.RetryAfter), r.opt.RetryMax)
			}
		}
		if r.lost != (DroppedError{}) {
			d := r.lost
			d.Cause = r.lastErr
			report = append(report, &d)
			r.lost = DroppedError{}
		}
		waiting := r.waiting
		r.cond.Broadcast()
		r.mu.Unlock()

		for _, e := range report {
			r.onError(e)
		}
		if recovered && r.opt.OnRecovered != nil {
			r.opt.OnRecovered()
		}
		if waiting {
			t := time.NewTimer(delay)
			select {
			case <-t.C:
			case <-r.closing:
				t.Stop()
			}
		}
	}
}

// retryable reports whether a refused write may succeed later: a failure
// of storage, not of the write's content.
func retryable(err error) bool {
	switch failure.KindOf(err) {
	case failure.Invalid, failure.NotFound, failure.Conflict, failure.Unauthorized, failure.NewerVersion:
		return false
	}
	return true
}

// Flush waits until every queued write is stored, or until the store
// refused the oldest one: then it and those after it wait for the retry
// and Flush returns (Pending says how many).
func (r *Recorder) Flush() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for (len(r.queue) > 0 || r.busy) && !r.waiting {
		r.cond.Wait()
	}
}

// Pending returns how many writes wait to be stored.
func (r *Recorder) Pending() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.queue)
}

// Dropped returns how many visit updates and help requests the recorder
// gave up since it started (see DroppedError).
func (r *Recorder) Dropped() (visits, help int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.total[0], r.total[1]
}

// Close gives every queued write one more try, in order, stopping at the
// first the store refuses (it and those after it are reported dropped),
// and stops the recorder. Writes queued after Close are ignored.
func (r *Recorder) Close() {
	r.mu.Lock()
	if !r.closed {
		r.closed = true
		close(r.closing)
	}
	r.cond.Broadcast()
	r.mu.Unlock()
	<-r.stopped
}
