package sqlite_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/guide"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// A help request written twice — a retry after a failure reported once
// the transaction had committed — is recorded once.
func TestDB_RaiseHelp_Twice(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	v := visit.Visit{Key: "abc", Started: at, Updated: at, Lang: "fr", MaxTextSize: 1, HelpCount: 1, FirstHelp: at}
	h := visit.HelpRequest{VisitKey: "abc", Raised: at, Screen: visit.Step, Step: 2}
	for range 2 {
		if err := db.RaiseHelp(ctx, v, h); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "RaiseHelp", err)
		}
	}
	if got := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM help_requests"); got != 1 {
		t.Errorf("Got(%q) = %d, want 1", "count(help_requests)", got)
	}
	// Another press, a millisecond later, or at the same time on another
	// step, is another request.
	v.HelpCount, v.Updated = 2, at.Add(time.Millisecond)
	later := h
	later.Raised = v.Updated
	other := h
	other.Step = 3
	for _, h := range []visit.HelpRequest{later, other} {
		if err := db.RaiseHelp(ctx, v, h); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "RaiseHelp", err)
		}
	}
	if got := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM help_requests"); got != 3 {
		t.Errorf("Got(%q) = %d, want 3", "count(help_requests)", got)
	}
}

// lateStore writes to the database and then, the first time, reports a
// failure anyway: the write committed, the error says it did not.
type lateStore struct {
	*sqlite.DB
	once sync.Once
}

func (s *lateStore) RaiseHelp(ctx context.Context, v visit.Visit, h visit.HelpRequest) error {
	err := s.DB.RaiseHelp(ctx, v, h)
	s.once.Do(func() {
		if err == nil {
			err = failure.Errorf(failure.Internal, "record help request", "disk I/O error after commit")
		}
	})
	return err
}

// The full-disk help path on a size-limited database: the visitor asks
// for help while the database is full, the recorder keeps the writes, and
// once there is room again (the cap raised, as when a disk is freed) the
// visit and its help request are recorded, once, in order; the visit then
// ends with its help request closed. A failure reported after a commit is
// tried again without counting twice.
func TestRecorder_HelpRecordedWhenStorageReturns(t *testing.T) {
	lib, ps := guide.Load(guide.Options{}, guide.Source{FS: fstest.MapFS{
		"essai.fr.toml": {Data: []byte(recorderGuide)},
	}, Dir: ".", Name: "test"})
	if guide.HasErrors(ps) {
		t.Fatalf("Got(%q) = %v, want no error", "guide.Load", ps)
	}
	for _, tc := range []struct {
		name string
		late bool
	}{{"disk full, then room", false}, {"failure reported after the commit", true}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := openDB(t)
			var store visit.Store = db
			if tc.late {
				store = &lateStore{DB: db}
			} else {
				fillUp(t, db)
			}
			var mu sync.Mutex
			var errs []error
			rec := visit.NewRecorderWith(store, func(err error) {
				mu.Lock()
				defer mu.Unlock()
				errs = append(errs, err)
			}, visit.RecorderOptions{RetryAfter: 5 * time.Millisecond, RetryMax: 20 * time.Millisecond})
			defer rec.Close()
			clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			k := visit.NewKiosk(visit.Config{}, lib, rec, func() time.Time { return clock })
			for _, do := range []func(){k.Start, func() { k.ChooseCategory("sante") }, k.Begin, func() { k.Answer(true) }, k.AskHelp} {
				clock = clock.Add(10 * time.Second)
				do()
			}
			key := k.Position().VisitKey
			count := func(query string) int {
				return queryInt(t, sqlite.Writer(db), query, key)
			}
			rec.Flush()
			if !tc.late {
				if got := count("SELECT count(*) FROM help_requests JOIN visits ON visits.id = visit_id WHERE key = ?"); got != 0 {
					t.Fatalf("Got(%q) = %d, want 0 while the disk is full", "help requests", got)
				}
				if rec.Pending() == 0 {
					t.Fatal("Got(Pending) = 0, want the writes kept while the disk is full")
				}
				if _, err := sqlite.LimitPages(ctx, db, 1000); err != nil {
					t.Fatalf("Got(%q) = %v, want nil error", "LimitPages", err)
				}
			}
			deadline := time.Now().Add(10 * time.Second)
			for rec.Pending() > 0 {
				if time.Now().After(deadline) {
					t.Fatalf("Got(%q) = %d still waiting, want every write stored", "Pending", rec.Pending())
				}
				time.Sleep(5 * time.Millisecond)
			}
			if got := count("SELECT count(*) FROM help_requests JOIN visits ON visits.id = visit_id WHERE key = ? AND resolved_at IS NULL"); got != 1 {
				t.Errorf("Got(%q) = %d, want 1 open", "help requests", got)
			}
			if got := count("SELECT help_count FROM visits WHERE key = ?"); got != 1 {
				t.Errorf("Got(%q) = %d, want 1", "help_count", got)
			}
			// The visit goes on and ends: its help request closes with it.
			for _, do := range []func(){k.DismissHelp, k.Next, k.Next, k.Next, func() { k.Finish(visit.Done) }, k.Leave} {
				clock = clock.Add(10 * time.Second)
				do()
			}
			rec.Close()
			if got := count("SELECT count(*) FROM help_requests JOIN visits ON visits.id = visit_id WHERE key = ? AND resolved_at IS NOT NULL"); got != 1 {
				t.Errorf("Got(%q) = %d, want the one help request, closed with the visit", "help requests", got)
			}
			if got := count("SELECT count(*) FROM visits WHERE key = ? AND outcome = 'done'"); got != 1 {
				t.Errorf("Got(%q) = %d, want the visit ended, done", "visits", got)
			}
			mu.Lock()
			defer mu.Unlock()
			want := failure.DiskFull
			if tc.late {
				want = failure.Internal
			}
			if len(errs) != 1 || failure.KindOf(errs[0]) != want {
				t.Errorf("Got(%q) = %v, want one failure, %s", "onError", errs, want)
			}
			var d *visit.DroppedError
			for _, err := range errs {
				if errors.As(err, &d) {
					t.Errorf("Got(%q) = %v, want nothing dropped", "onError", err)
				}
			}
		})
	}
}
