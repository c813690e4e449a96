package station_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"pasapas/internal/room"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
)

func TestJoin_Pairs(t *testing.T) {
	st, _ := newStation(t, newFakeStore(), station.Options{})
	dir := pair(t, st, "Poste 1")
	info, err := link.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if info.Fingerprint != st.Fingerprint() || !room.ValidKioskID(info.ID) || info.Name != "Poste 1" {
		t.Fatalf("Got(Load) = %+v, want the station's fingerprint %s, an id and the name", info, st.Fingerprint())
	}
	ks, err := st.Kiosks()
	if err != nil || len(ks) != 1 || ks[0].ID != info.ID {
		t.Fatalf("Got(Kiosks) = %+v, %v, want the kiosk %s", ks, err, info.ID)
	}
}

func TestJoin_Refused(t *testing.T) {
	clk := &clock{t: time.Now()}
	st, _ := newStation(t, newFakeStore(), station.Options{Now: clk.Now})
	ctx := context.Background()
	n := 0
	join := func(code string) error {
		n++
		_, err := link.Join(ctx, t.TempDir(), st.Addr(), code, fmt.Sprintf("Poste %d", n))
		return err
	}
	// No code open: an unpaired client cannot even connect.
	if err := join("ABCDE-FGHJK"); !errors.Is(err, link.ErrRefused) {
		t.Fatalf("Got(Join without a code open) = %v, want ErrRefused", err)
	}
	code, _, err := st.NewCode()
	if err != nil {
		t.Fatal(err)
	}
	wrong := []byte(code)
	wrong[0] = map[bool]byte{true: '2', false: '3'}[wrong[0] == '3']
	if err := join(string(wrong)); !errors.Is(err, room.ErrWrongCode) {
		t.Fatalf("Got(Join with a wrong code) = %v, want ErrWrongCode", err)
	}
	if err := join("not a code"); err == nil {
		t.Fatal("Got(Join with garbage) = nil, want an error")
	}
	// The right code once, then never again (replayed).
	if err := join(code); err != nil {
		t.Fatalf("Got(Join with the code) = %v, want nil", err)
	}
	if err := join(code); !errors.Is(err, link.ErrRefused) {
		t.Fatalf("Got(Join with the code used) = %v, want ErrRefused", err)
	}
	// Expired.
	code, _, err = st.NewCode()
	if err != nil {
		t.Fatal(err)
	}
	clk.Add(room.CodeLifetime + time.Second)
	if err := join(code); !errors.Is(err, link.ErrRefused) {
		t.Fatalf("Got(Join with an expired code) = %v, want ErrRefused", err)
	}
	// Burnt by wrong tries: even the right code is refused after.
	code, _, err = st.NewCode()
	if err != nil {
		t.Fatal(err)
	}
	wrong = []byte(code)
	wrong[1] = map[bool]byte{true: '2', false: '3'}[wrong[1] == '3']
	for i := range room.MaxAttempts {
		if err := join(string(wrong)); !errors.Is(err, room.ErrWrongCode) {
			t.Fatalf("Got(wrong try %d) = %v, want ErrWrongCode", i+1, err)
		}
	}
	if err := join(code); !errors.Is(err, link.ErrRefused) {
		t.Fatalf("Got(Join after %d wrong tries) = %v, want ErrRefused", room.MaxAttempts, err)
	}
	if ks, err := st.Kiosks(); err != nil || len(ks) != 1 {
		t.Fatalf("Got(Kiosks) = %d, %v, want the one kiosk paired", len(ks), err)
	}
}
