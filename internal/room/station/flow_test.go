package station_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"

	"pasapas/internal/failure"
	"pasapas/internal/room"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
	"pasapas/internal/visit"
)

func TestLink_RaiseHelpReachesStation(t *testing.T) {
	store := newFakeStore()
	st, _ := newStation(t, store, station.Options{})
	out := &memOutbox{}
	l := openLink(t, pair(t, st, "Poste 1"), link.Options{Outbox: out})
	waitFor(t, "Connected", l.Connected)
	delivered, err := l.RaiseHelp(context.Background(), aVisit("v1"), aHelp("v1"))
	if err != nil || !delivered {
		t.Fatalf("Got(RaiseHelp) = %v, %v, want true, nil", delivered, err)
	}
	e := <-store.got
	if h, ok := e.HelpRecord(); !ok || h.VisitKey != "v1" || h.Step != 2 || store.kiosk[e.ID] != l.Info().ID {
		t.Fatalf("Got(event) = %+v from %s, want the help request of v1 from %s", e, store.kiosk[e.ID], l.Info().ID)
	}
	if out.len() != 0 {
		t.Fatalf("Got(outbox) = %d events, want 0 once acknowledged", out.len())
	}
}

// A client without credentials, with an unknown nkey, or a kiosk reaching
// beyond its own subjects is refused.
func TestStation_Permissions(t *testing.T) {
	st, _ := newStation(t, newFakeStore(), station.Options{})
	dir1, dir2 := pair(t, st, "Poste 1"), pair(t, st, "Poste 2")
	info1, err := link.Load(dir1)
	if err != nil {
		t.Fatal(err)
	}
	info2, err := link.Load(dir2)
	if err != nil {
		t.Fatal(err)
	}
	tlsOpt := nats.Secure(room.PinnedTLS(st.Fingerprint()))
	if nc, err := nats.Connect("tls://"+st.Addr(), tlsOpt, nats.NoReconnect()); err == nil {
		nc.Close()
		t.Fatal("Got(Connect without credentials) = nil, want refused")
	}
	stranger, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	pub, err := stranger.PublicKey()
	if err != nil {
		t.Fatal(err)
	}
	if nc, err := nats.Connect("tls://"+st.Addr(), tlsOpt, nats.Nkey(pub, stranger.Sign), nats.NoReconnect()); err == nil {
		nc.Close()
		t.Fatal("Got(Connect with an unpaired nkey) = nil, want refused")
	}
	// Kiosk 1, with its own credentials, straight on NATS.
	kp, err := nkeys.FromSeed(readSeed(t, dir1))
	if err != nil {
		t.Fatal(err)
	}
	pub1, err := kp.PublicKey()
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 16)
	nc, err := nats.Connect("tls://"+st.Addr(), tlsOpt, nats.Nkey(pub1, kp.Sign), nats.NoReconnect(),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) { errs <- err }))
	if err != nil {
		t.Fatalf("Got(Connect as kiosk 1) = %v, want nil", err)
	}
	defer nc.Close()
	for _, subject := range []string{room.EventSubject(info2.ID), "pasapas.admin.code", room.CommandSubject(info2.ID), "$KV.pasapas_settings.x"} {
		if err := nc.Publish(subject, []byte("{}")); err != nil {
			t.Fatal(err)
		}
		if err := nc.Flush(); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-errs:
			if !strings.Contains(strings.ToLower(err.Error()), "permissions violation") {
				t.Fatalf("Got(publish %s) = %v, want a permissions violation", subject, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Got(publish %s) = allowed, want a permissions violation", subject)
		}
	}
	for _, subject := range []string{"room.>", room.CommandSubject(info2.ID), room.InboxPrefix(info2.ID) + ".>", ">"} {
		if _, err := nc.SubscribeSync(subject); err != nil {
			t.Fatal(err)
		}
		if err := nc.Flush(); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-errs:
			if !strings.Contains(strings.ToLower(err.Error()), "permissions violation") {
				t.Fatalf("Got(subscribe %s) = %v, want a permissions violation", subject, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Got(subscribe %s) = allowed, want a permissions violation", subject)
		}
	}
	if err := nc.Publish(room.EventSubject(info1.ID), []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-errs:
		t.Fatalf("Got(publish on its own subject) = %v, want allowed", err)
	case <-time.After(200 * time.Millisecond):
	}
}

func TestStation_RemoveKiosk(t *testing.T) {
	store := newFakeStore()
	st, _ := newStation(t, store, station.Options{})
	dir := pair(t, st, "Poste 1")
	out := &memOutbox{}
	l := openLink(t, dir, link.Options{Outbox: out})
	waitFor(t, "Connected", l.Connected)
	if _, err := st.RemoveKiosk("poste 1"); err != nil {
		t.Fatalf("Got(RemoveKiosk) = %v, want nil", err)
	}
	waitFor(t, "Refused", l.Refused)
	delivered, err := l.RaiseHelp(context.Background(), aVisit("v1"), aHelp("v1"))
	if err != nil || delivered {
		t.Fatalf("Got(RaiseHelp of a removed kiosk) = %v, %v, want false, nil", delivered, err)
	}
	if out.len() != 1 {
		t.Fatalf("Got(outbox) = %d, want the request kept", out.len())
	}
	if _, err := st.RemoveKiosk("poste 1"); failure.KindOf(err) != failure.NotFound {
		t.Fatalf("Got(RemoveKiosk again) = %v, want NotFound", err)
	}
	if ks, err := st.Kiosks(); err != nil || len(ks) != 0 {
		t.Fatalf("Got(Kiosks) = %v, %v, want none", ks, err)
	}
}

// Station away: the help request is not acknowledged within 2 s, stays in
// the outbox, and reaches the station once it is back, once.
func TestLink_StationAway(t *testing.T) {
	store := newFakeStore()
	st, dir := newStation(t, store, station.Options{})
	addr := st.Addr()
	out := &memOutbox{}
	l := openLink(t, pair(t, st, "Poste 1"), link.Options{Outbox: out})
	waitFor(t, "Connected", l.Connected)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	delivered, err := l.RaiseHelp(context.Background(), aVisit("v1"), aHelp("v1"))
	if err != nil || delivered {
		t.Fatalf("Got(RaiseHelp, station away) = %v, %v, want false, nil", delivered, err)
	}
	if waited := time.Since(began); waited > link.HelpWait+time.Second {
		t.Errorf("Got(RaiseHelp's wait) = %v, want about %v", waited, link.HelpWait)
	}
	if out.len() != 1 {
		t.Fatalf("Got(outbox) = %d, want 1", out.len())
	}
	st2, err := station.Open(context.Background(), dir, station.Options{Store: store, Listen: addr})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := st2.Close(); err != nil {
			t.Error(err)
		}
	}()
	e := <-store.got
	waitFor(t, "outbox empty", func() bool { return out.len() == 0 })
	if store.count(e.ID) != 1 {
		t.Fatalf("Got(applied) = %d, want 1", store.count(e.ID))
	}
}

// The whole path on SQLite: the kiosk's outbox, the station's database,
// the mediator's queue, « j'arrive » back to the right kiosk, settings.
func TestRoom_SQLite(t *testing.T) {
	stationDB := openDB(t, t.TempDir())
	st, _ := newStation(t, stationDB, station.Options{})
	kioskDir := pair(t, st, "Poste 1")
	commands := make(chan room.Command, 4)
	l := openLink(t, kioskDir, link.Options{Outbox: openDB(t, kioskDir), OnCommand: func(c room.Command) { commands <- c }})
	waitFor(t, "Connected", l.Connected)
	ctx := context.Background()
	v := aVisit("visit-a")
	if err := l.SaveVisit(ctx, v); err != nil {
		t.Fatal(err)
	}
	v.HelpCount, v.FirstHelp, v.Updated = 1, t0.Add(time.Minute), t0.Add(time.Minute)
	if delivered, err := l.RaiseHelp(ctx, v, aHelp("visit-a")); err != nil || !delivered {
		t.Fatalf("Got(RaiseHelp) = %v, %v, want true, nil", delivered, err)
	}
	var open []visit.Help
	waitFor(t, "the help request in the station's queue", func() bool {
		var err error
		open, err = stationDB.OpenHelp(ctx)
		return err == nil && len(open) == 1
	})
	kiosk, err := stationDB.RoomVisitKiosk(ctx, open[0].VisitKey)
	if err != nil || kiosk != l.Info().ID {
		t.Fatalf("Got(RoomVisitKiosk) = %q, %v, want %q", kiosk, err, l.Info().ID)
	}
	if err := st.Send(ctx, kiosk, room.Command{Kind: room.HelpSeen, VisitKey: "visit-a"}); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-commands:
		if c.Kind != room.HelpSeen || c.VisitKey != "visit-a" {
			t.Fatalf("Got(command) = %+v, want help_seen for visit-a", c)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Got(command) = nothing, want help_seen")
	}
	if err := st.SetSetting(ctx, "idle_minutes", []byte("5")); err != nil {
		t.Fatal(err)
	}
	if b, err := l.Setting(ctx, "idle_minutes"); err != nil || string(b) != "5" {
		t.Fatalf("Got(Setting) = %q, %v, want 5", b, err)
	}
	if _, err := l.Setting(ctx, "nothing"); failure.KindOf(err) != failure.NotFound {
		t.Fatalf("Got(Setting of a missing key) = %v, want NotFound", err)
	}
	// The same event applied twice counts once.
	e, err := room.NewHelpEvent(v, aHelp("visit-a"), t0)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := stationDB.ApplyRoomEvent(ctx, kiosk, e); err != nil {
			t.Fatal(err)
		}
	}
	if open, err := stationDB.OpenHelp(ctx); err != nil || len(open) != 2 {
		t.Fatalf("Got(OpenHelp) = %d, %v, want 2 (one more, once)", len(open), err)
	}
}

// An event a kiosk could still forge on its own subject is checked.
func TestDecodeEvent_Refuses(t *testing.T) {
	for _, b := range []string{"{}", "not json", `{"id":"x","kind":"help"}`, strings.Repeat("x", room.MaxEventSize+1)} {
		if _, err := room.DecodeEvent([]byte(b)); !errors.Is(err, room.ErrInvalidEvent) {
			t.Errorf("Got(DecodeEvent(%.20q)) = %v, want ErrInvalidEvent", b, err)
		}
	}
}
