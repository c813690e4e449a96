package station_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
)

// The station restarts at a new address (DHCP gave its PC another one):
// the kiosk, finding nobody at the old one, asks the network where the
// station with its pinned certificate is (Options.Locate: mDNS in the
// program), records the new address and delivers what waited.
func TestLink_FindsTheStationAtANewAddress(t *testing.T) {
	ctx := context.Background()
	sdir := t.TempDir()
	if _, err := station.Init(sdir, "127.0.0.1:0", "Accueil"); err != nil {
		t.Fatal(err)
	}
	store := newFakeStore()
	st1, err := station.Open(ctx, sdir, station.Options{Store: store})
	if err != nil {
		t.Fatal(err)
	}
	kdir := pair(t, st1, "Poste 1")
	var where atomic.Value
	where.Store("")
	var looked atomic.Int32
	l := openLink(t, kdir, link.Options{Outbox: &memOutbox{}, RelocateAfter: 200 * time.Millisecond,
		Locate: func(_ context.Context, fp string) (string, error) {
			looked.Add(1)
			return where.Load().(string), nil
		}})
	waitFor(t, "Connected", l.Connected)
	old := st1.Addr()
	if err := st1.Close(); err != nil {
		t.Fatal(err)
	}
	st2, err := station.Open(ctx, sdir, station.Options{Store: store, Listen: freeAddr(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st2.Close() })
	if st2.Addr() == old {
		t.Fatal("the station came back at the same address: the test proves nothing")
	}
	where.Store(st2.Addr())
	if err := l.SaveVisit(ctx, aVisit("v-moved")); err != nil {
		t.Fatal(err)
	}
	select {
	case e := <-store.got:
		if store.count(e.ID) != 1 {
			t.Fatalf("Got(applied) = %d, want once", store.count(e.ID))
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the visit never reached the station at its new address")
	}
	if looked.Load() == 0 {
		t.Fatal("the station was reached without looking for it")
	}
	if info, err := link.Load(kdir); err != nil || info.Station != st2.Addr() {
		t.Fatalf("link.json = %+v, %v, want the new address %s recorded", info, err, st2.Addr())
	}
}
