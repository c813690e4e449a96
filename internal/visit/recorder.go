package visit

import (
	"context"
	"sync"
	"time"
)

// Log receives the visit as it progresses. The kiosk calls it on the UI
// goroutine, so implementations must not block.
type Log interface {
	SaveVisit(v Visit)
	RaiseHelp(v Visit, h HelpRequest)
}

// Recorder is a Log that writes to a Store on its own goroutine, in order,
// so that the visitor's screen never waits for the disk. Errors go to the
// OnError callback (the mediator is told); the visitor's screen goes on.
type Recorder struct {
	store   Store
	onError func(error)
	timeout time.Duration

	mu      sync.Mutex
	cond    *sync.Cond
	queue   []func(context.Context) error
	busy    bool
	closed  bool
	stopped chan struct{}
}

// NewRecorder starts a recorder writing to store. onError may be nil.
func NewRecorder(store Store, onError func(error)) *Recorder {
	r := &Recorder{store: store, onError: onError, timeout: 30 * time.Second, stopped: make(chan struct{})}
	r.cond = sync.NewCond(&r.mu)
	go r.run()
	return r
}

// SaveVisit queues the visit to be saved.
func (r *Recorder) SaveVisit(v Visit) {
	r.push(func(ctx context.Context) error { return r.store.SaveVisit(ctx, v) })
}

// RaiseHelp queues the help request to be saved with its visit.
func (r *Recorder) RaiseHelp(v Visit, h HelpRequest) {
	r.push(func(ctx context.Context) error { return r.store.RaiseHelp(ctx, v, h) })
}

func (r *Recorder) push(op func(context.Context) error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return
	}
	r.queue = append(r.queue, op)
	r.cond.Broadcast()
}

func (r *Recorder) run() {
	defer close(r.stopped)
	for {
		r.mu.Lock()
		for len(r.queue) == 0 && !r.closed {
			r.cond.Wait()
		}
		if len(r.queue) == 0 && r.closed {
			r.mu.Unlock()
			return
		}
		op := r.queue[0]
		r.queue = r.queue[1:]
		r.busy = true
		r.mu.Unlock()

		ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
		err := op(ctx)
		cancel()
		if err != nil && r.onError != nil {
			r.onError(err)
		}

		r.mu.Lock()
		r.busy = false
		r.cond.Broadcast()
		r.mu.Unlock()
	}
}

// Flush waits until every queued write has been attempted.
func (r *Recorder) Flush() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for len(r.queue) > 0 || r.busy {
		r.cond.Wait()
	}
}

// Close writes what is queued and stops the recorder.
func (r *Recorder) Close() {
	r.mu.Lock()
	r.closed = true
	r.cond.Broadcast()
	r.mu.Unlock()
	<-r.stopped
}
