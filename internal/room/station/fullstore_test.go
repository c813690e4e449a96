package station_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/room"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
	"pasapas/internal/sqlite"
)

// roomUnderTest is a few paired kiosks, each with its SQLite outbox and
// link, and what they queued.
type roomUnderTest struct {
	links    []*link.Link
	outboxes []*sqlite.DB
	keys     []string // every visit key queued, once each
	helps    int
}

func newRoomUnderTest(t *testing.T, st *station.Station, kiosks int) *roomUnderTest {
	t.Helper()
	r := &roomUnderTest{}
	for i := range kiosks {
		dir := pair(t, st, fmt.Sprintf("Poste %d", i+1))
		db := openDB(t, dir)
		r.outboxes = append(r.outboxes, db)
		r.links = append(r.links, openLink(t, dir, link.Options{Outbox: db, Station: st.Addr()}))
	}
	return r
}

// queue makes each kiosk queue per visits, one in helpEvery (0: none) as a
// help request, and returns how many help requests the kiosks were told
// did not reach the station within link.HelpWait.
func (r *roomUnderTest) queue(ctx context.Context, t *testing.T, per, helpEvery int) int {
	t.Helper()
	var wg sync.WaitGroup
	var notReceived atomic.Int64
	for k, l := range r.links {
		for i := range per {
			key := fmt.Sprintf("k%d-%d", k, len(r.keys))
			r.keys = append(r.keys, key)
			if helpEvery > 0 && i%helpEvery == helpEvery-1 {
				r.helps++
				wg.Go(func() {
					delivered, err := l.RaiseHelp(ctx, aVisit(key), aHelp(key))
					if err != nil {
						t.Errorf("Got(RaiseHelp) = %v, want nil (queued)", err)
					}
					if !delivered {
						notReceived.Add(1)
					}
				})
				continue
			}
			if err := l.SaveVisit(ctx, aVisit(key)); err != nil {
				t.Fatalf("Got(SaveVisit) = %v, want nil (queued)", err)
			}
		}
	}
	wg.Wait()
	return int(notReceived.Load())
}

func (r *roomUnderTest) total() int { return len(r.keys) }

// pending returns how many events wait in the kiosks' outboxes.
func (r *roomUnderTest) pending(ctx context.Context, t *testing.T) int {
	t.Helper()
	n := 0
	for _, db := range r.outboxes {
		p, err := db.PendingOutbox(ctx, 10000)
		if err != nil {
			t.Fatal(err)
		}
		n += len(p)
	}
	return n
}

// checkOnce checks that the station's database holds every queued visit
// once and every help request once.
func (r *roomUnderTest) checkOnce(ctx context.Context, t *testing.T, db *sqlite.DB) {
	t.Helper()
	n, err := db.RoomEventCount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != r.total() {
		t.Errorf("Got(events in the station's database) = %d, want %d (each once)", n, r.total())
	}
	vs, err := db.Visits(ctx, t0.Add(-time.Hour), t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, v := range vs {
		seen[v.Key]++
	}
	for _, k := range r.keys {
		if seen[k] != 1 {
			t.Errorf("Got(visit %s in the station's database) = %d times, want once", k, seen[k])
		}
	}
	if len(vs) != r.total() {
		t.Errorf("Got(visits) = %d, want %d", len(vs), r.total())
	}
	open, err := db.OpenHelp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != r.helps {
		t.Errorf("Got(help requests) = %d, want %d (once each)", len(open), r.helps)
	}
}

// fullStore is the station's database refusing every event as a full
// disk does, while full is set.
type fullStore struct {
	*sqlite.DB
	full    atomic.Bool
	refused atomic.Int64
}

func (f *fullStore) ApplyRoomEvent(ctx context.Context, kioskID string, e room.Event) error {
	if f.full.Load() {
		f.refused.Add(1)
		return failure.New(failure.DiskFull, "apply room event", errors.New("database or disk is full"))
	}
	return f.DB.ApplyRoomEvent(ctx, kioskID, e)
}

// The station's database refuses events (its disk is full) long enough
// for its stream to fill up to its limit (JetStream's MaxBytes, made
// small): the stream then refuses what kiosks publish and their events
// wait in their outboxes. Once the database takes events again,
// everything arrives, once. Runs everywhere: TestDiskFull does the same on
// a real full disk where it can.
func TestFullStream_EventsWaitOnKiosks(t *testing.T) {
	ctx := context.Background()
	store := &fullStore{DB: openDB(t, t.TempDir())}
	st, _ := newStation(t, store, station.Options{})
	const streamBytes = 8 << 10 // about a dozen events
	if err := st.SetEventsBytesForTest(ctx, streamBytes); err != nil {
		t.Fatal(err)
	}
	r := newRoomUnderTest(t, st, 2)
	store.full.Store(true)
	r.queue(ctx, t, 20, 4)
	waitFor(t, "the station saying its database is full", func() bool { return st.Problem() != nil })
	problem := st.Problem()
	if !errors.Is(problem, station.ErrEventStore) || failure.KindOf(problem) != failure.DiskFull {
		t.Errorf("Got(Problem()) = %v (kind %v), want %v of kind %v", problem, failure.KindOf(problem),
			station.ErrEventStore, failure.DiskFull)
	}
	// The stream takes what fits, then refuses: the rest stays on the kiosks.
	var waiting int
	waitFor(t, "the stream full and the rest waiting on the kiosks", func() bool {
		waiting = r.pending(ctx, t)
		time.Sleep(1500 * time.Millisecond) // a round of the kiosks' retries
		return waiting > 0 && r.pending(ctx, t) == waiting
	})
	if n, err := store.RoomEventCount(ctx); err != nil || n != 0 {
		t.Fatalf("Got(events applied while full) = %d, %v, want 0", n, err)
	}

	store.full.Store(false)
	freed := time.Now()
	waitForLong(t, "the kiosks' outboxes empty", func() bool { return r.pending(ctx, t) == 0 })
	waitForLong(t, "every event applied", func() bool {
		n, err := store.RoomEventCount(ctx)
		return err == nil && n >= r.total()
	})
	waitFor(t, "the station's problem gone", func() bool { return st.Problem() == nil })
	r.checkOnce(ctx, t, store.DB)
	t.Logf("stream limited to %d bytes, database refusing (%d refusals): %d events queued by %d kiosks, %d waited "+
		"in their outboxes; database back: all in it once after %v. The station said: %v",
		streamBytes, store.refused.Load(), r.total(), len(r.links), waiting, time.Since(freed).Round(100*time.Millisecond), problem)
}
