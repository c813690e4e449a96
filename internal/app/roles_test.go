package app

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pasapas/internal/room"
	"pasapas/internal/room/station"
	"pasapas/internal/sqlite"
	"pasapas/internal/ui/mediator"
)

// A fresh PC asks what it is first; « Poste du médiateur » makes its data
// folder a station (it starts as one after the installation).
func TestRoles_InstallationMakesAStation(t *testing.T) {
	dir := t.TempDir()
	a, l := open(t, dir)
	l.do(a.started)
	got := waitShown(t, l, a.sw, "Poste seul")
	for _, want := range []string{"Poste seul", "Poste du médiateur", "Poste public"} {
		if !strings.Contains(got, want) {
			t.Fatalf("the installation's first page = %q, want the choice %q", got, want)
		}
	}
	l.do(func() { test.Tap(a.space.RoleButtons[1]) }) // Poste du médiateur
	waitShown(t, l, a.sw, "coordina")
	if role, err := roleOf(dir); role != Station || err != nil {
		t.Fatalf("Got(roleOf) = %q, %v after « Poste du médiateur », want station", role, err)
	}
}

// « Poste public » pairs the PC with a running station through the code
// it shows: the refusals are worded (a wrong code, a station away), and
// a right code makes the folder a « poste public » and restarts.
func TestRoles_JoinAStation(t *testing.T) {
	ctx := context.Background()
	sdir := t.TempDir()
	if _, err := station.Init(sdir, "127.0.0.1:0", "Accueil"); err != nil {
		t.Fatal(err)
	}
	sdb, err := sqlite.Open(ctx, filepath.Join(sdir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sdb.Close() })
	log := slog.New(slog.DiscardHandler)
	runner := startStation(ctx, stationConfig{Dir: sdir, Store: sdb, Room: mediator.NewRoom(sdb, sdb.RoomVisitKiosk, log), Log: log, Listen: "127.0.0.1:0"})
	t.Cleanup(func() { runner.Close() })
	addr := runner.Wait()
	if addr == "" {
		t.Fatal("the station did not start")
	}

	kdir := t.TempDir()
	a, l := open(t, kdir)
	r := roles{a}
	if err := r.Join(ctx, "127.0.0.1:1", "ABCDE12345", "Poste 1"); !errors.Is(err, mediator.ErrStationAway) {
		t.Fatalf("Join with nothing at the address = %v, want ErrStationAway", err)
	}
	if err := r.Join(ctx, addr, "ABCDE12345", "Poste 1"); !errors.Is(err, room.ErrNoCode) {
		t.Fatalf("Join with no code open = %v, want room.ErrNoCode", err)
	}
	code, _, err := runner.st.NewCode()
	if err != nil {
		t.Fatal(err)
	}
	wrong := "ABCDE12345"
	if wrong == code {
		wrong = "ABCDE12346"
	}
	if err := r.Join(ctx, addr, wrong, "Poste 1"); !errors.Is(err, room.ErrWrongCode) {
		t.Fatalf("Join with a wrong code = %v, want room.ErrWrongCode", err)
	}
	if role, _ := roleOf(kdir); role != Alone {
		t.Fatalf("after refusals the folder is %q, want still « poste seul »", role)
	}
	// Through the page, as a person does it.
	l.do(a.started)
	waitShown(t, l, a.sw, "Poste public")
	l.do(func() { test.Tap(a.space.RoleButtons[2]) }) // Poste public
	waitShown(t, l, a.sw, "Relier ce poste")
	l.do(func() {
		f := a.space.JoinFields
		f[0].SetText(addr)
		f[1].SetText(room.FormatCode(code))
		f[2].SetText("Poste 1")
		test.Tap(a.space.JoinSubmit)
	})
	waitShown(t, l, a.sw, "redémarre")
	restarted := false
	l.do(func() { restarted = a.restart })
	if !restarted {
		t.Fatalf("after a right code: %q, want a restart", shown(a.sw))
	}
	if role, err := roleOf(kdir); role != Public || err != nil {
		t.Fatalf("Got(roleOf) = %q, %v after pairing, want public", role, err)
	}
}
