package station_test

import (
	"context"
	"sync"
	"testing"

	"pasapas/internal/room/station"
	"pasapas/internal/sqlite"
)

var _ station.KioskNamer = (*sqlite.DB)(nil)

// namingStore is a fakeStore that keeps the kiosks' names.
type namingStore struct {
	*fakeStore
	mu    sync.Mutex
	names map[string]string
}

func (n *namingStore) NameRoomKiosk(_ context.Context, id, name string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.names[id] = name
	return nil
}

func (n *namingStore) name(id string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.names[id]
}

// The store learns each kiosk's name as it pairs, and every paired
// kiosk's name when the station starts (kiosks paired by an earlier
// version, or while the store could not be written).
func TestStation_NamesKiosks(t *testing.T) {
	store := &namingStore{fakeStore: newFakeStore(), names: map[string]string{}}
	st, dir := newStation(t, store, station.Options{})
	pair(t, st, "Poste 1")
	ks, err := st.Kiosks()
	if err != nil || len(ks) != 1 {
		t.Fatalf("Got(Kiosks) = %+v, %v, want the kiosk", ks, err)
	}
	if got := store.name(ks[0].ID); got != "Poste 1" {
		t.Errorf("Got(name recorded at pairing) = %q, want %q", got, "Poste 1")
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	again := &namingStore{fakeStore: newFakeStore(), names: map[string]string{}}
	st2, err := station.Open(context.Background(), dir, station.Options{Store: again, Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatalf("Got(Open) = %v, want nil", err)
	}
	t.Cleanup(func() {
		if err := st2.Close(); err != nil {
			t.Error(err)
		}
	})
	if got := again.name(ks[0].ID); got != "Poste 1" {
		t.Errorf("Got(name recorded at start) = %q, want %q", got, "Poste 1")
	}
}
