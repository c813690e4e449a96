package station_test

import (
	"testing"

	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
)

// Kiosks says which kiosks are connected: the room's « en ligne ».
func TestStation_KiosksOnline(t *testing.T) {
	st, _ := newStation(t, newFakeStore(), station.Options{})
	one := pair(t, st, "Poste 1")
	pair(t, st, "Poste 2")
	l, err := link.Open(one, link.Options{Outbox: &memOutbox{}})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "Poste 1 connected", l.Connected)
	online := func() map[string]bool {
		ks, err := st.Kiosks()
		if err != nil {
			t.Fatalf("Got(Kiosks) = %v, want nil", err)
		}
		m := map[string]bool{}
		for _, k := range ks {
			m[k.Name] = k.Online
		}
		return m
	}
	if got := online(); !got["Poste 1"] || got["Poste 2"] || len(got) != 2 {
		t.Fatalf("Got(Kiosks online) = %v, want Poste 1 online, Poste 2 offline", got)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "Poste 1 offline", func() bool { return !online()["Poste 1"] })
}
