package app

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
	"pasapas/internal/settings"
	"pasapas/internal/sqlite"
	"pasapas/internal/ui/mediator"
)

// centreGuide is a guide only this centre has, on the site of its town
// hall: it loads only with that site in the official sites of the settings.
const centreGuide = `id = "atelier-mairie"
category = "internet"
url = "https://www.mairie-exemple.fr/atelier"
checked = 2026-09-15
title = "Venir à l'atelier de la mairie"

[[steps]]
id = "inscription"
title = "Inscrivez-vous"
text = ["Écrivez votre nom sur la liste de l'accueil."]
`

const secondGuide = `id = "atelier-tablette"
category = "internet"
url = "https://www.service-public.fr"
checked = 2026-09-15
title = "Venir à l'atelier tablette"

[[steps]]
id = "inscription"
title = "Inscrivez-vous"
text = ["Écrivez votre nom sur la liste de l'accueil."]
`

// waitUntil runs cond on the UI loop until it holds, for 10 s at most.
func waitUntil(t *testing.T, l *uiLoop, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		ok := false
		l.do(func() { ok = cond() })
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("Got(%s) = false after 10 s, want true", what)
		}
	}
}

// The settings saved on the station reach a « poste public » as the
// program wires it: its idle time and help hold, and the centre's own
// guide (which needs the town hall's site the settings allow) in its
// library; a change saved later reaches it too; and with its station away
// it starts again with what it last received.
func TestRoom_SettingsAndGuidesReachKiosk(t *testing.T) {
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	sdir := t.TempDir()
	if _, err := station.Init(sdir, "127.0.0.1:0", "Accueil"); err != nil {
		t.Fatal(err)
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
	s := settings.Defaults()
	s.CentreName, s.Places = "Centre social des Lilas", []string{"Accueil"}
	s.KioskIdle, s.HelpHold = 4*time.Minute, 25*time.Minute
	s.OfficialHosts = []string{"www.mairie-exemple.fr"}
	if err := sdb.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(guidesDir(sdir), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(guidesDir(sdir), "atelier-mairie.fr.toml"), []byte(centreGuide), 0o600); err != nil {
		t.Fatal(err)
	}
	runner := startStation(ctx, stationConfig{Dir: sdir, Store: sdb, Room: mediator.NewRoom(sdb, sdb.RoomVisitKiosk, log),
		Log: log, Listen: "127.0.0.1:0", Settings: sdb.LoadSettings, Guides: guidesDir(sdir)})
	t.Cleanup(func() {
		if err := runner.Close(); err != nil {
			t.Error(err)
		}
	})
	addr := runner.Wait()
	if addr == "" {
		t.Fatal("the station did not start")
	}
	code, _, err := runner.st.NewCode()
	if err != nil {
		t.Fatal(err)
	}
	kdir := t.TempDir()
	if _, err := link.Join(ctx, kdir, addr, code, "Poste 1"); err != nil {
		t.Fatalf("Got(link.Join) = %v, want nil", err)
	}

	// The public PC starts: defaults of its own, then the station's.
	a, l := open(t, kdir)
	if a.role != Public {
		t.Fatalf("Got(role) = %q, want public", a.role)
	}
	l.do(a.started)
	waitUntil(t, l, "the station's idle time and help hold on the kiosk", func() bool {
		c := a.k.Config()
		return c.IdleAfter == 4*time.Minute && c.HelpHold == 25*time.Minute
	})
	waitUntil(t, l, "the centre's guide in the kiosk's library", func() bool {
		return a.k.Library().ByID("atelier-mairie") != nil && a.deps.Library.ByID("atelier-mairie") != nil
	})

	// The mediator saves new settings and the coordinator added a guide.
	if err := os.WriteFile(filepath.Join(guidesDir(sdir), "atelier-tablette.fr.toml"), []byte(secondGuide), 0o600); err != nil {
		t.Fatal(err)
	}
	s.KioskIdle = 6 * time.Minute
	if err := sdb.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	runner.Publish(s) // what the mediator space's OnSettings does on a station
	waitUntil(t, l, "the new idle time on the kiosk", func() bool { return a.k.Config().IdleAfter == 6*time.Minute })
	waitUntil(t, l, "the new guide in the kiosk's library", func() bool {
		lib := a.k.Library()
		return lib.ByID("atelier-tablette") != nil && lib.ByID("atelier-mairie") != nil
	})

	// The station away: the PC starts again with what it received.
	l.do(a.Close)
	if err := runner.Close(); err != nil {
		t.Fatal(err)
	}
	a2, l2 := open(t, kdir)
	var idle time.Duration
	l2.do(func() { idle = a2.k.Config().IdleAfter })
	if idle != 6*time.Minute {
		t.Fatalf("Got(idle time at start, station away) = %v, want the 6 min last received", idle)
	}
	l2.do(a2.started)
	waitUntil(t, l2, "the centre's guides at start, station away", func() bool {
		lib := a2.k.Library()
		return lib.ByID("atelier-tablette") != nil && lib.ByID("atelier-mairie") != nil
	})
}
