package app

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"pasapas/assets"
	"pasapas/internal/guide"
	"pasapas/internal/locale"
	"pasapas/internal/room"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
	"pasapas/internal/sqlite"
	"pasapas/internal/ui/kiosk"
	"pasapas/internal/ui/mediator"
	"pasapas/internal/visit"
	"pasapas/locales"
)

func TestRoleOf(t *testing.T) {
	alone := t.TempDir()
	st := t.TempDir()
	if _, err := station.Init(st, "127.0.0.1:0", "Accueil"); err != nil {
		t.Fatal(err)
	}
	both := t.TempDir()
	if _, err := station.Init(both, "127.0.0.1:0", "Accueil"); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(link.Dir(both), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(link.Dir(both), "link.json"), []byte(`{"id":"k0000000001"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	broken := t.TempDir()
	if err := os.MkdirAll(station.Dir(broken), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(station.Dir(broken), "station.json"), []byte(`{`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		dir     string
		want    Role
		wantErr bool
	}{
		{"poste seul", alone, Alone, false},
		{"station", st, Station, false},
		{"both folders", both, "", true},
		{"unreadable station.json", broken, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := roleOf(tc.dir)
			if got != tc.want || (err != nil) != tc.wantErr {
				t.Fatalf("Got(roleOf) = %q, %v, want %q (error %v)", got, err, tc.want, tc.wantErr)
			}
		})
	}
}

type news struct {
	visit string
	n     kiosk.HelpNews
}

// A help request raised on a « poste public » goes through its link to
// the station's database and its room (the mediator's help queue, with
// the kiosk's name), within a second; « J'arrive » in the room comes back
// to that kiosk's screen, « Aide terminée » closes its help screen, and
// « fin de visite » ends its visit. Everything
// on localhost, random ports, as the program wires it.
func TestRoom_HelpThroughLinkAndBack(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)

	// The station, as Run starts it.
	sdir := t.TempDir()
	if _, err := station.Init(sdir, "127.0.0.1:0", "Accueil"); err != nil {
		t.Fatalf("Got(station.Init) = %v, want nil", err)
	}
	if role, err := roleOf(sdir); role != Station || err != nil {
		t.Fatalf("Got(roleOf(station)) = %q, %v, want station", role, err)
	}
	sdb, err := sqlite.Open(ctx, filepath.Join(sdir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := sdb.Close(); err != nil {
			t.Error(err)
		}
	})
	rm := mediator.NewRoom(sdb, sdb.RoomVisitKiosk, log)
	refreshed := make(chan struct{}, 64)
	runner := startStation(ctx, stationConfig{Dir: sdir, Store: sdb, Room: rm, Log: log, Listen: "127.0.0.1:0",
		Refresh: func() {
			select {
			case refreshed <- struct{}{}:
			default:
			}
		}})
	t.Cleanup(func() {
		if err := runner.Close(); err != nil {
			t.Error(err)
		}
	})
	addr := runner.Wait()
	if addr == "" {
		t.Fatal("the station did not start")
	}

	// A kiosk joins with a code, then runs as Run runs a « poste public ».
	code, _, err := runner.st.NewCode()
	if err != nil {
		t.Fatal(err)
	}
	kdir := t.TempDir()
	info, err := link.Join(ctx, kdir, addr, code, "Poste 1")
	if err != nil {
		t.Fatalf("Got(link.Join) = %v, want nil", err)
	}
	if role, err := roleOf(kdir); role != Public || err != nil {
		t.Fatalf("Got(roleOf(kiosk)) = %q, %v, want public", role, err)
	}
	kdb, err := sqlite.Open(ctx, filepath.Join(kdir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := kdb.Close(); err != nil {
			t.Error(err)
		}
	})
	got := make(chan news, 8)
	ended := make(chan string, 2)
	quit := make(chan struct{})
	kl, err := openLink(kdir, linkConfig{Outbox: kdb, Log: log, Post: func(f func()) { f() },
		News: func(key string, n kiosk.HelpNews) { got <- news{key, n} },
		End:  func(key string) { ended <- key },
		Quit: func() { close(quit) }})
	if err != nil {
		t.Fatalf("Got(openLink) = %v, want nil", err)
	}
	t.Cleanup(func() {
		if err := kl.Close(); err != nil {
			t.Error(err)
		}
	})
	rec := visit.NewRecorder(kl.Store(), func(err error) { t.Errorf("visit not queued: %v", err) })
	t.Cleanup(rec.Close)
	lib, _ := guide.Load(guide.Options{}, guide.Source{FS: assets.Files(), Dir: "guides", Name: "g", Builtin: true})
	k := visit.NewKiosk(visit.Config{}, lib, rec, time.Now)
	// The kiosk's screens, to which the program hands the news on the UI
	// goroutine (here, the test's).
	cat, err := locale.Load(locales.Files(), log)
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	view := kiosk.New(kiosk.Deps{App: test.NewTempApp(t), Window: w, Kiosk: k, Catalog: cat, Library: lib,
		Assets: assets.Files(), StaffElsewhere: true})
	show := func(n news) { view.RoomHelp(n.visit, n.n) }

	// F1 on the kiosk.
	k.Start()
	k.ChooseGuide("ameli-compte")
	raised := time.Now()
	k.AskHelp()
	vis, _ := k.Visit()
	select {
	case n := <-got:
		if n.n != kiosk.HelpReceived {
			t.Fatalf("Got(news of the help request) = %+v, want HelpReceived", n)
		}
		show(n)
	case <-time.After(5 * time.Second):
		t.Fatal("the kiosk never learnt whether its help request was delivered")
	}
	var open []visit.Help
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if open, err = rm.OpenHelp(ctx); err != nil {
			t.Fatal(err)
		}
		if len(open) > 0 {
			break
		}
	}
	took := time.Since(raised)
	if len(open) != 1 || open[0].VisitKey != vis.Key || open[0].GuideID != "ameli-compte" {
		t.Fatalf("Got(room's OpenHelp) = %+v, want the request of visit %s", open, vis.Key)
	}
	if took > time.Second {
		t.Errorf("the help request took %v to reach the station's queue, want under a second", took)
	}
	t.Logf("help request from the kiosk's F1 to the station's queue: %v", took)
	if direct, err := sdb.OpenHelp(ctx); err != nil || len(direct) != 1 {
		t.Fatalf("Got(station's database OpenHelp) = %+v, %v, want the request", direct, err)
	}
	if from, err := sdb.RoomVisitKiosk(ctx, vis.Key); err != nil || from != info.ID {
		t.Fatalf("Got(RoomVisitKiosk) = %q, %v, want %q", from, err, info.ID)
	}
	select {
	case <-refreshed:
	case <-time.After(time.Second):
		t.Fatal("the station applied the event without refreshing the room")
	}
	if n, err := kdb.PendingOutbox(ctx, 10); err != nil || len(n) != 0 {
		t.Fatalf("Got(kiosk's outbox) = %d events, %v, want empty once the station has them", len(n), err)
	}

	// « J'arrive » in the station's room reaches the kiosk.
	if err := rm.AcknowledgeHelp(ctx, open[0].ID, 0, time.Now()); err != nil {
		t.Fatalf("Got(AcknowledgeHelp) = %v, want nil", err)
	}
	select {
	case n := <-got:
		if n != (news{vis.Key, kiosk.HelpSeen}) {
			t.Fatalf("Got(news) = %+v, want HelpSeen of %s", n, vis.Key)
		}
		show(n)
	case <-time.After(5 * time.Second):
		t.Fatal("« J'arrive » never reached the kiosk")
	}

	// « Aide terminée » in the station's room reaches the kiosk: its help
	// screen closes and its request no longer holds the visit.
	if !k.HelpShown() || !k.HelpWaiting() {
		t.Fatalf("Got(kiosk's help shown, waiting) = %v, %v before « Aide terminée », want true, true",
			k.HelpShown(), k.HelpWaiting())
	}
	if err := rm.ResolveHelp(ctx, open[0].ID, 0, time.Now()); err != nil {
		t.Fatalf("Got(ResolveHelp) = %v, want nil", err)
	}
	select {
	case n := <-got:
		if n != (news{vis.Key, kiosk.HelpDone}) {
			t.Fatalf("Got(news) = %+v, want HelpDone of %s", n, vis.Key)
		}
		show(n)
	case <-time.After(5 * time.Second):
		t.Fatal("« Aide terminée » never reached the kiosk")
	}
	if k.HelpShown() || k.HelpWaiting() {
		t.Fatalf("Got(kiosk's help shown, waiting) = %v, %v after « Aide terminée », want false, false",
			k.HelpShown(), k.HelpWaiting())
	}
	if cur, ok := k.Visit(); !ok || cur.Key != vis.Key || !cur.Ended.IsZero() {
		t.Fatalf("Got(kiosk's visit) = %+v, %v, want visit %s going on", cur, ok, vis.Key)
	}
	if left, err := sdb.OpenHelp(ctx); err != nil || len(left) != 0 {
		t.Fatalf("Got(station's OpenHelp) = %+v, %v, want none once resolved", left, err)
	}

	// « Fin de visite » from the station.
	if err := runner.st.Send(ctx, info.ID, room.Command{Kind: room.EndVisit, VisitKey: vis.Key}); err != nil {
		t.Fatal(err)
	}
	select {
	case key := <-ended:
		if key != vis.Key {
			t.Fatalf("Got(ended visit) = %q, want %q", key, vis.Key)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("« fin de visite » never reached the kiosk")
	}

	// « Fermer » on the station closes the program on that PC.
	if err := rm.CloseKiosk(ctx, info.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-quit:
	case <-time.After(5 * time.Second):
		t.Fatal("« Fermer » never reached the kiosk")
	}
}
