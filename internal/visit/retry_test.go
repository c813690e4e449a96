package visit_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/visit"
)

// errFull is what the store answers while the disk is full.
var errFull = failure.Errorf(failure.DiskFull, "save visit", "database or disk is full")

// downStore is a store that refuses every write with errFull while it is
// down, then keeps what it is given as a database would: a visit per key
// (an upsert of the whole visit), and each help request once per visit
// and time. It records every attempt.
type downStore struct {
	mu       sync.Mutex
	down     bool
	failLeft int // refuse this many more writes, then work (when not down)
	attempts []string
	visits   map[string]visit.Visit
	help     []visit.HelpRequest
	order    []string // what was stored, in order
}

func newDownStore() *downStore { return &downStore{visits: map[string]visit.Visit{}} }

func (s *downStore) refuse(what string) error {
	s.attempts = append(s.attempts, what)
	if s.down {
		return errFull
	}
	if s.failLeft > 0 {
		s.failLeft--
		return errFull
	}
	return nil
}

func (s *downStore) SaveVisit(_ context.Context, v visit.Visit) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refuse("SaveVisit:" + v.Key); err != nil {
		return err
	}
	s.visits[v.Key] = v
	s.order = append(s.order, fmt.Sprintf("visit %s step %d", v.Key, v.StepCount))
	return nil
}

func (s *downStore) RaiseHelp(_ context.Context, v visit.Visit, h visit.HelpRequest) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.refuse("RaiseHelp:" + v.Key); err != nil {
		return err
	}
	s.visits[v.Key] = v
	for _, old := range s.help {
		if old.VisitKey == h.VisitKey && old.Raised.Equal(h.Raised) {
			return nil
		}
	}
	s.help = append(s.help, h)
	s.order = append(s.order, fmt.Sprintf("help %s step %d", v.Key, h.Step))
	return nil
}

func (s *downStore) setDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

func (s *downStore) stored() (order []string, help []visit.HelpRequest, visits map[string]visit.Visit, attempts int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	vs := map[string]visit.Visit{}
	for k, v := range s.visits {
		vs[k] = v
	}
	return append([]string(nil), s.order...), append([]visit.HelpRequest(nil), s.help...), vs, len(s.attempts)
}

// errorLog collects what a recorder reports.
type errorLog struct {
	mu   sync.Mutex
	errs []error
}

func (l *errorLog) add(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errs = append(l.errs, err)
}

func (l *errorLog) all() []error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]error(nil), l.errs...)
}

// eventually fails the test if cond is not true within d.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("Got(%q) = not yet after %v, want it", what, d)
		}
		time.Sleep(time.Millisecond)
	}
}

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// aVisitWithHelp queues a visit that asks for help at step 2 and ends.
func aVisitWithHelp(r *visit.Recorder, key string) {
	v := visit.Visit{Key: key, Started: t0, Updated: t0}
	r.SaveVisit(v)
	v.StepCount, v.Updated = 2, t0.Add(time.Minute)
	r.SaveVisit(v)
	v.HelpCount, v.FirstHelp, v.Updated = 1, t0.Add(2*time.Minute), t0.Add(2*time.Minute)
	r.RaiseHelp(v, visit.HelpRequest{VisitKey: key, Raised: v.FirstHelp, Step: 2, Screen: visit.Step})
	v.StepCount, v.Updated, v.Ended, v.Outcome = 3, t0.Add(5*time.Minute), t0.Add(5*time.Minute), visit.Done
	r.SaveVisit(v)
}

// A store that fails a few times then works: the writes are kept and tried
// again, in order, until it takes them; the help request and the visit
// end up stored exactly once, and the mediator was told once.
func TestRecorder_RetriesUntilStored(t *testing.T) {
	for _, fails := range []int{1, 3, 7} {
		t.Run(fmt.Sprint(fails, " failures"), func(t *testing.T) {
			store := newDownStore()
			store.failLeft = fails
			var log errorLog
			var recovered sync.WaitGroup
			recovered.Add(1) // exactly once: a second call would panic
			r := visit.NewRecorderWith(store, log.add, visit.RecorderOptions{RetryAfter: time.Millisecond, RetryMax: 4 * time.Millisecond,
				OnRecovered: recovered.Done})
			defer r.Close()
			aVisitWithHelp(r, "a")
			aVisitWithHelp(r, "b")
			eventually(t, 10*time.Second, "every write stored", func() bool { return r.Pending() == 0 })
			r.Flush()

			order, help, visits, attempts := store.stored()
			want := "visit a step 0|visit a step 2|help a step 2|visit a step 3|visit b step 0|visit b step 2|help b step 2|visit b step 3"
			if got := strings.Join(order, "|"); got != want {
				t.Errorf("Got(%q) = %s, want %s", "stored, in order", got, want)
			}
			if len(help) != 2 || visits["a"].Outcome != visit.Done || visits["a"].HelpCount != 1 || visits["b"].Ended.IsZero() {
				t.Errorf("Got(%q) = %v, %+v, want one help request each and the visits ended", "stored", help, visits)
			}
			if attempts != 8+fails {
				t.Errorf("Got(%q) = %d, want %d (each write once, the first one %d more times)", "attempts", attempts, 8+fails, fails)
			}
			errs := log.all()
			if len(errs) != 1 || failure.KindOf(errs[0]) != failure.DiskFull {
				t.Errorf("Got(%q) = %v, want the first failure only, disk full", "onError", errs)
			}
			if v, h := r.Dropped(); v != 0 || h != 0 {
				t.Errorf("Got(%q) = %d, %d, want nothing dropped", "Dropped", v, h)
			}
			recovered.Wait() // the mediator's warning can go: storage works again
		})
	}
}

// While storage refuses writes, Flush does not wait for it: it returns,
// and what waits is counted by Pending. The visitor's writes never block.
func TestRecorder_FlushWhileStorageRefuses(t *testing.T) {
	store := newDownStore()
	store.setDown(true)
	r := visit.NewRecorderWith(store, nil, visit.RecorderOptions{RetryAfter: time.Hour})
	within(t, 5*time.Second, "writes while storage refuses", func() { aVisitWithHelp(r, "a") })
	within(t, 5*time.Second, "Flush", r.Flush)
	if got := r.Pending(); got != 4 {
		t.Errorf("Got(%q) = %d, want 4 waiting", "Pending", got)
	}
	store.setDown(false)
	within(t, 10*time.Second, "Close", r.Close)
	if order, _, _, _ := store.stored(); len(order) != 4 {
		t.Errorf("Got(%q) = %v, want the 4 writes stored by Close's last try", "stored", order)
	}
}

// Close with writes waiting: one more try each, in order. Storage back:
// all stored. Storage still refusing: Close returns at once, and what was
// lost is reported with its cause and counted.
func TestRecorder_CloseTriesOnceMore(t *testing.T) {
	for _, back := range []bool{true, false} {
		t.Run(fmt.Sprint("storage back ", back), func(t *testing.T) {
			store := newDownStore()
			store.setDown(true)
			var log errorLog
			r := visit.NewRecorderWith(store, log.add, visit.RecorderOptions{RetryAfter: time.Hour})
			aVisitWithHelp(r, "a")
			r.Flush()
			store.setDown(!back)
			within(t, 5*time.Second, "Close", r.Close)
			order, help, _, attempts := store.stored()
			if back {
				if len(order) != 4 || len(help) != 1 || attempts != 5 {
					t.Errorf("Got(%q) = %v (%d attempts), want the 4 writes stored once", "stored", order, attempts)
				}
				return
			}
			if len(order) != 0 || attempts != 2 {
				t.Errorf("Got(%q) = %v, %d attempts, want nothing stored, the oldest tried twice", "stored", order, attempts)
			}
			var d *visit.DroppedError
			errs := log.all()
			if len(errs) != 2 || !errors.As(errs[1], &d) || d.Visits != 3 || d.Help != 1 || failure.KindOf(errs[1]) != failure.DiskFull {
				t.Errorf("Got(%q) = %v, want the failure then 3 visit updates and 1 help request dropped, disk full", "onError", errs)
			}
			// After Close: ignored, nothing blocks.
			within(t, 5*time.Second, "use after Close", func() { aVisitWithHelp(r, "late"); r.Flush(); r.Close() })
		})
	}
}

// The queue is bounded: while storage refuses writes for long, the oldest
// go first — a visit's older state carried again by a later write (nothing
// lost, not counted), then visit updates, help requests last — and what
// is lost is reported with its cause. When storage returns, what was kept
// is stored once, in order.
func TestRecorder_BoundedQueue(t *testing.T) {
	store := newDownStore()
	store.setDown(true)
	var log errorLog
	const max = 8
	r := visit.NewRecorderWith(store, log.add, visit.RecorderOptions{RetryAfter: time.Millisecond, RetryMax: 2 * time.Millisecond, MaxPending: max})
	defer r.Close()
	// Three visits asking help: 12 writes in a queue of 8, and nothing
	// lost — the states dropped are carried again by later writes.
	for _, key := range []string{"a", "b", "c"} {
		aVisitWithHelp(r, key)
	}
	if got := r.Pending(); got != max {
		t.Fatalf("Got(%q) = %d, want %d", "Pending", got, max)
	}
	if v, h := r.Dropped(); v != 0 || h != 0 {
		t.Errorf("Got(%q) = %d, %d, want nothing lost yet", "Dropped", v, h)
	}
	// 20 help requests more: the visits' last updates go (3), then the
	// oldest help requests (16); the first write, waiting, stays.
	for i := range 20 {
		v := visit.Visit{Key: fmt.Sprint("h", i), Updated: t0}
		r.RaiseHelp(v, visit.HelpRequest{VisitKey: v.Key, Raised: t0, Step: i})
		if got := r.Pending(); got > max {
			t.Fatalf("Got(%q) = %d, want at most %d", "Pending", got, max)
		}
	}
	if v, h := r.Dropped(); v != 3 || h != 16 {
		t.Errorf("Got(%q) = %d visit updates, %d help requests, want 3, 16", "Dropped", v, h)
	}
	eventually(t, 10*time.Second, "the drops reported", func() bool {
		n := 0
		for _, err := range log.all() {
			var d *visit.DroppedError
			if errors.As(err, &d) {
				n += d.Visits + d.Help
			}
		}
		return n == 19
	})
	store.setDown(false)
	eventually(t, 10*time.Second, "every kept write stored", func() bool { return r.Pending() == 0 })
	order, _, _, _ := store.stored()
	want := "visit a step 0|help h13 step 13|help h14 step 14|help h15 step 15|help h16 step 16|help h17 step 17|help h18 step 18|help h19 step 19"
	if got := strings.Join(order, "|"); got != want {
		t.Errorf("Got(%q) = %s, want %s", "stored, in order", got, want)
	}
	for _, err := range log.all() {
		if failure.KindOf(err) != failure.DiskFull {
			t.Errorf("Got(%q) = %v, want disk full", "KindOf(reported)", err)
		}
	}
}

// A full queue whose visits write again keeps every visit's last state
// and every help request: once storage returns, each visit is stored
// ended, with its help request, once.
func TestRecorder_FullQueueKeepsLastStates(t *testing.T) {
	store := newDownStore()
	store.setDown(true)
	r := visit.NewRecorderWith(store, nil, visit.RecorderOptions{RetryAfter: time.Millisecond, RetryMax: 2 * time.Millisecond, MaxPending: 8})
	defer r.Close()
	for _, key := range []string{"a", "b", "c"} {
		aVisitWithHelp(r, key)
	}
	store.setDown(false)
	eventually(t, 10*time.Second, "every kept write stored", func() bool { return r.Pending() == 0 })
	_, help, visits, _ := store.stored()
	if len(help) != 3 || len(visits) != 3 {
		t.Fatalf("Got(%q) = %d help requests, %d visits, want 3 and 3", "stored", len(help), len(visits))
	}
	for key, v := range visits {
		if v.Outcome != visit.Done || v.HelpCount != 1 || v.StepCount != 3 {
			t.Errorf("Got(%q) = %+v, want ended, done, one help, 3 steps", key, v)
		}
	}
	if v, h := r.Dropped(); v != 0 || h != 0 {
		t.Errorf("Got(%q) = %d, %d, want nothing lost", "Dropped", v, h)
	}
}
