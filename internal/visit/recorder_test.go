package visit_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/visit"
)

// storeCall is one call a recordingStore received.
type storeCall struct {
	method string // "SaveVisit" or "RaiseHelp"
	v      visit.Visit
	h      visit.HelpRequest
}

func (c storeCall) String() string { return c.method + ":" + c.v.Key }

// recordingStore is a visit.Store that records its calls. When gate is set,
// each call announces itself on started and waits for gate.
type recordingStore struct {
	fail    func(v visit.Visit) error
	gate    chan struct{}
	started chan struct{}
	delay   time.Duration

	mu          sync.Mutex
	calls       []storeCall
	noDeadline  int
	concurrency int
	maxParallel int
}

func (s *recordingStore) call(ctx context.Context, c storeCall) error {
	s.mu.Lock()
	s.concurrency++
	s.maxParallel = max(s.maxParallel, s.concurrency)
	if _, ok := ctx.Deadline(); !ok {
		s.noDeadline++
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.concurrency--
		s.mu.Unlock()
	}()

	if s.started != nil {
		s.started <- struct{}{}
	}
	if s.gate != nil {
		<-s.gate
	}
	time.Sleep(s.delay)
	s.mu.Lock()
	s.calls = append(s.calls, c)
	s.mu.Unlock()
	if s.fail != nil {
		return s.fail(c.v)
	}
	return nil
}

func (s *recordingStore) SaveVisit(ctx context.Context, v visit.Visit) error {
	return s.call(ctx, storeCall{method: "SaveVisit", v: v})
}

func (s *recordingStore) RaiseHelp(ctx context.Context, v visit.Visit, h visit.HelpRequest) error {
	return s.call(ctx, storeCall{method: "RaiseHelp", v: v, h: h})
}

func (s *recordingStore) Calls() []storeCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]storeCall(nil), s.calls...)
}

// within fails the test if f has not returned after d.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("Got(%q) = still running after %v, want it to return", what, d)
	}
}

func TestRecorder_Order(t *testing.T) {
	store := &recordingStore{}
	r := visit.NewRecorder(store, nil)
	defer r.Close()

	var want []storeCall
	for i := range 200 {
		v := visit.Visit{Key: fmt.Sprint("k", i), StepCount: i}
		if i%7 == 3 {
			h := visit.HelpRequest{VisitKey: v.Key, Step: i, Screen: visit.Screen("step")}
			r.RaiseHelp(v, h)
			want = append(want, storeCall{method: "RaiseHelp", v: v, h: h})
		} else {
			r.SaveVisit(v)
			want = append(want, storeCall{method: "SaveVisit", v: v})
		}
	}
	within(t, 10*time.Second, "Flush", r.Flush)

	got := store.Calls()
	if len(got) != len(want) {
		t.Fatalf("Got(%q) = %d calls, want %d", "store calls", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Got(%q) = %+v, want %+v", fmt.Sprint("call ", i), got[i], want[i])
		}
	}
	store.mu.Lock()
	defer store.mu.Unlock()
	if store.maxParallel != 1 {
		t.Errorf("Got(%q) = %d, want 1 (one write at a time)", "writes in parallel", store.maxParallel)
	}
	if store.noDeadline != 0 {
		t.Errorf("Got(%q) = %d, want 0 (every write has a time limit)", "calls without deadline", store.noDeadline)
	}
}

// TestRecorder_FlushWaits holds the store in the middle of a write: pushing
// still returns at once, and Flush returns only when every write is done.
func TestRecorder_FlushWaits(t *testing.T) {
	store := &recordingStore{gate: make(chan struct{}), started: make(chan struct{}, 100)}
	r := visit.NewRecorder(store, nil)
	defer r.Close()

	within(t, 5*time.Second, "SaveVisit while the store is busy", func() {
		for i := range 3 {
			r.SaveVisit(visit.Visit{Key: fmt.Sprint("k", i)})
		}
	})
	<-store.started // the first write is in the store

	flushed := make(chan struct{})
	go func() { r.Flush(); close(flushed) }()
	select {
	case <-flushed:
		t.Fatalf("Got(%q) = returned while a write is held, want it to wait", "Flush")
	case <-time.After(50 * time.Millisecond):
	}
	if got := len(store.Calls()); got != 0 {
		t.Errorf("Got(%q) = %d, want 0 while held", "writes done", got)
	}

	close(store.gate)
	select {
	case <-flushed:
	case <-time.After(5 * time.Second):
		t.Fatalf("Got(%q) = still waiting after the writes, want it to return", "Flush")
	}
	if got := len(store.Calls()); got != 3 {
		t.Errorf("Got(%q) = %d, want 3 after Flush", "writes done", got)
	}
}

// A write the store refuses for its content (failure.Invalid) is
// reported and skipped: the writes after it go on.
func TestRecorder_Errors(t *testing.T) {
	errBad := failure.Errorf(failure.Invalid, "save visit", "bad visit")
	store := &recordingStore{fail: func(v visit.Visit) error {
		if v.Key == "bad" {
			return errBad
		}
		return nil
	}}
	var mu sync.Mutex
	var errs []error
	r := visit.NewRecorder(store, func(err error) {
		mu.Lock()
		defer mu.Unlock()
		errs = append(errs, err)
	})
	defer r.Close()

	r.SaveVisit(visit.Visit{Key: "before"})
	r.SaveVisit(visit.Visit{Key: "bad"})
	r.SaveVisit(visit.Visit{Key: "after"})
	r.RaiseHelp(visit.Visit{Key: "bad"}, visit.HelpRequest{VisitKey: "bad"})
	r.RaiseHelp(visit.Visit{Key: "last"}, visit.HelpRequest{VisitKey: "last"})
	within(t, 10*time.Second, "Flush", r.Flush)

	mu.Lock()
	defer mu.Unlock()
	if len(errs) != 2 {
		t.Fatalf("Got(%q) = %v, want 2 errors", "onError", errs)
	}
	for _, err := range errs {
		if !errors.Is(err, errBad) {
			t.Errorf("Got(%q) = %v, want %v", "onError", err, errBad)
		}
	}
	if got, want := fmt.Sprint(store.Calls()), "[SaveVisit:before SaveVisit:bad SaveVisit:after RaiseHelp:bad RaiseHelp:last]"; got != want {
		t.Errorf("Got(%q) = %s, want %s", "store calls", got, want)
	}
	if got := r.Pending(); got != 0 {
		t.Errorf("Got(%q) = %d, want 0 (refused for their content, not kept)", "Pending", got)
	}
}

// With storage refusing every write and no callback: Close tries the
// oldest once more and returns; nothing blocks.
func TestRecorder_ErrorsWithoutCallback(t *testing.T) {
	store := &recordingStore{fail: func(visit.Visit) error { return errors.New("no") }}
	r := visit.NewRecorderWith(store, nil, visit.RecorderOptions{RetryAfter: time.Hour})
	r.SaveVisit(visit.Visit{Key: "a"})
	r.SaveVisit(visit.Visit{Key: "b"})
	within(t, 10*time.Second, "Flush", r.Flush)
	within(t, 10*time.Second, "Close", r.Close)
	if got := fmt.Sprint(store.Calls()); got != "[SaveVisit:a SaveVisit:a]" {
		t.Errorf("Got(%q) = %s, want a tried, then once more at Close", "store calls", got)
	}
	if v, h := r.Dropped(); v != 2 || h != 0 {
		t.Errorf("Got(%q) = %d, %d, want 2, 0", "Dropped", v, h)
	}
}

func TestRecorder_Close(t *testing.T) {
	store := &recordingStore{delay: time.Millisecond}
	r := visit.NewRecorder(store, nil)
	for i := range 50 {
		r.SaveVisit(visit.Visit{Key: fmt.Sprint("k", i)})
	}
	within(t, 10*time.Second, "Close", r.Close)
	if got := len(store.Calls()); got != 50 {
		t.Errorf("Got(%q) = %d, want 50 (Close drains the queue)", "writes after Close", got)
	}

	// After Close: writes are dropped, nothing blocks, nothing panics.
	within(t, 5*time.Second, "use after Close", func() {
		r.SaveVisit(visit.Visit{Key: "late"})
		r.RaiseHelp(visit.Visit{Key: "late"}, visit.HelpRequest{})
		r.Flush()
		r.Close()
	})
	if got := len(store.Calls()); got != 50 {
		t.Errorf("Got(%q) = %d, want 50 (nothing written after Close)", "writes", got)
	}
}

// TestRecorder_Concurrent pushes from many goroutines while others flush;
// run with -race. Each goroutine's writes arrive in its own order.
func TestRecorder_Concurrent(t *testing.T) {
	const pushers, each = 8, 250
	store := &recordingStore{}
	// A queue that holds them all: this test is about order, not bounds.
	r := visit.NewRecorderWith(store, func(error) {}, visit.RecorderOptions{MaxPending: pushers * each})

	var wg sync.WaitGroup
	for p := range pushers {
		wg.Go(func() {
			for i := range each {
				v := visit.Visit{Key: fmt.Sprint("p", p), StepCount: i}
				if i%5 == 0 {
					r.RaiseHelp(v, visit.HelpRequest{VisitKey: v.Key, Step: i})
				} else {
					r.SaveVisit(v)
				}
			}
		})
	}
	stop := make(chan struct{})
	var flushers sync.WaitGroup
	for range 2 {
		flushers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
					r.Flush()
				}
			}
		})
	}
	within(t, 30*time.Second, "pushers", wg.Wait)
	close(stop)
	within(t, 30*time.Second, "flushers", flushers.Wait)
	within(t, 30*time.Second, "Close", r.Close)

	calls := store.Calls()
	if len(calls) != pushers*each {
		t.Fatalf("Got(%q) = %d, want %d", "writes", len(calls), pushers*each)
	}
	next := map[string]int{}
	for _, c := range calls {
		if c.v.StepCount != next[c.v.Key] {
			t.Fatalf("Got(%q) = step %d, want %d (in order)", c.v.Key, c.v.StepCount, next[c.v.Key])
		}
		next[c.v.Key]++
	}
}
