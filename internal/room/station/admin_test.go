package station_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"

	"pasapas/internal/room"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
)

// A paired kiosk can make the server publish where it likes — the answer
// of a JetStream API request goes to the reply subject the kiosk gave —
// but the station's admin services answer only the admin: a kiosk neither
// opens a pairing code nor removes another kiosk that way.
func TestStation_AdminOnlyForAdmin(t *testing.T) {
	st, _ := newStation(t, newFakeStore(), station.Options{})
	dir1 := pair(t, st, "Poste 1")
	pair(t, st, "Poste 2")
	kp, err := nkeys.FromSeed(readSeed(t, dir1))
	if err != nil {
		t.Fatal(err)
	}
	pub, err := kp.PublicKey()
	if err != nil {
		t.Fatal(err)
	}
	nc, err := nats.Connect("tls://"+st.Addr(), nats.Secure(room.PinnedTLS(st.Fingerprint())),
		nats.Nkey(pub, kp.Sign), nats.NoReconnect())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	api := "$JS.API.STREAM.INFO.KV_" + room.SettingsBucket
	for _, reply := range []string{"pasapas.admin.code", "pasapas.admin.remove"} {
		if err := nc.PublishRequest(api, reply, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if _, err := link.Join(context.Background(), t.TempDir(), st.Addr(), "ABCDE-FGHJK", "Poste 3"); !errors.Is(err, link.ErrRefused) {
		t.Fatalf("Got(Join after a kiosk reached pasapas.admin.code) = %v, want ErrRefused (no code open)", err)
	}
	if ks, err := st.Kiosks(); err != nil || len(ks) != 2 {
		t.Fatalf("Got(Kiosks) = %d, %v, want both kiosks still paired", len(ks), err)
	}
}
