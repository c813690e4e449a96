package station_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"pasapas/internal/room"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// The SQLite database is the store on both sides.
var (
	_ station.Store = (*sqlite.DB)(nil)
	_ link.Outbox   = (*sqlite.DB)(nil)
)

// fakeStore is a station.Store that counts each event id it is given and
// signals every event.
type fakeStore struct {
	mu      sync.Mutex
	applied map[string]int
	kiosk   map[string]string
	got     chan room.Event
}

func newFakeStore() *fakeStore {
	return &fakeStore{applied: map[string]int{}, kiosk: map[string]string{}, got: make(chan room.Event, 1024)}
}

func (f *fakeStore) ApplyRoomEvent(_ context.Context, kioskID string, e room.Event) error {
	f.mu.Lock()
	f.applied[e.ID]++
	f.kiosk[e.ID] = kioskID
	f.mu.Unlock()
	select {
	case f.got <- e:
	default:
	}
	return nil
}

func (f *fakeStore) count(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.applied[id]
}

// memOutbox is a link.Outbox in memory.
type memOutbox struct {
	mu    sync.Mutex
	items []room.Outgoing
}

func (m *memOutbox) AddOutbox(_ context.Context, o room.Outgoing) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.items = append(m.items, o)
	return nil
}

func (m *memOutbox) PendingOutbox(_ context.Context, limit int) ([]room.Outgoing, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := min(limit, len(m.items))
	return append([]room.Outgoing(nil), m.items[:n]...), nil
}

func (m *memOutbox) RemoveOutbox(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, it := range m.items {
		if it.ID == id {
			m.items = append(m.items[:i], m.items[i+1:]...)
			break
		}
	}
	return nil
}

func (m *memOutbox) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.items)
}

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// newStation makes and opens a station on a random localhost port.
func newStation(t testing.TB, store station.Store, opts station.Options) (*station.Station, string) {
	t.Helper()
	dir := t.TempDir()
	if _, err := station.Init(dir, "127.0.0.1:0", "Test"); err != nil {
		t.Fatalf("Got(Init) = %v, want nil", err)
	}
	opts.Store = store
	st, err := station.Open(context.Background(), dir, opts)
	if err != nil {
		t.Fatalf("Got(Open) = %v, want nil", err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("Got(Close) = %v, want nil", err)
		}
	})
	return st, dir
}

// pair joins a new kiosk data folder to st under name.
func pair(t testing.TB, st *station.Station, name string) string {
	t.Helper()
	code, _, err := st.NewCode()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := link.Join(context.Background(), dir, st.Addr(), room.FormatCode(code), name); err != nil {
		t.Fatalf("Got(Join(%q)) = %v, want nil", name, err)
	}
	return dir
}

// openLink opens the link of a paired kiosk folder.
func openLink(t testing.TB, dir string, opts link.Options) *link.Link {
	t.Helper()
	l, err := link.Open(dir, opts)
	if err != nil {
		t.Fatalf("Got(link.Open) = %v, want nil", err)
	}
	t.Cleanup(func() {
		if err := l.Close(); err != nil {
			t.Errorf("Got(link.Close) = %v, want nil", err)
		}
	})
	return l
}

func openDB(t testing.TB, dir string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Got(db.Close) = %v, want nil", err)
		}
	})
	return db
}

var t0 = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

func aVisit(key string) visit.Visit {
	return visit.Visit{Key: key, Started: t0, Updated: t0, Lang: "fr", GuideID: "caf-aide-logement", StepCount: 6,
		FurthestStep: 2, MaxTextSize: 1}
}

func aHelp(key string) visit.HelpRequest {
	return visit.HelpRequest{VisitKey: key, Raised: t0.Add(time.Minute), GuideID: "caf-aide-logement", Step: 2,
		Screen: visit.Step}
}

// waitFor polls cond until it holds or 10 s pass.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("Got(%s) = false after 10 s, want true", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func readSeed(t testing.TB, kioskDir string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(link.Dir(kioskDir), "kiosk.nk"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}
