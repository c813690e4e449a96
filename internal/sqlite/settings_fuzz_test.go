package sqlite_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"pasapas/internal/settings"
)

// FuzzSettings: whatever a coordinator types in the settings, SaveSettings
// either stores exactly that (read back equal) or refuses it and changes
// nothing (the last good settings read back). Seeds are in
// testdata/fuzz/FuzzSettings.
//
//	go test ./internal/sqlite -run '^$' -fuzz '^FuzzSettings$' -fuzztime 1m
func FuzzSettings(f *testing.F) {
	f.Add("Centre social des Tilleuls", "Salle 1\nAccueil", "Lyon", "69003", "www.mairie-exemple.fr", "ameli-compte", 5, 45, 12, 15)
	f.Add("", "", "", "", "", "", 3, 30, 24, 10)
	f.Add("Centre\x00", "Salle\r\n", "L\u202eyon", "6900", "*.exemple.fr\nhttp://x", "../x", 0, 0, 0, 0)
	f.Add(strings.Repeat("é", 121), "\n\n", "\xff", "69 003", "exemple..fr", "AMELI", 61, 121, 25, 61)
	db, _ := openDB(f)
	ctx := context.Background()
	last, err := db.LoadSettings(ctx)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, places, commune, postal, hosts, overrides string, idle, hold, retention, lock int) {
		s := settings.Settings{CentreName: name, DefaultCommune: commune, PostalCode: postal,
			KioskIdle: time.Duration(idle) * time.Minute, HelpHold: time.Duration(hold) * time.Minute,
			RetentionMonths: retention, LockAfter: time.Duration(lock) * time.Minute}
		for _, list := range []struct {
			text string
			to   *[]string
		}{{places, &s.Places}, {hosts, &s.OfficialHosts}, {overrides, &s.GuideOverrides}} {
			if list.text != "" {
				*list.to = strings.Split(list.text, "\n")
			}
		}
		if err := db.SaveSettings(ctx, s); err != nil {
			if got, lerr := db.LoadSettings(ctx); lerr != nil || !reflect.DeepEqual(got, last) {
				t.Fatalf("SaveSettings(%+v) refused (%v) but the settings changed: %+v, want %+v", s, err, got, last)
			}
			return
		}
		got, err := db.LoadSettings(ctx)
		if err != nil || !reflect.DeepEqual(got, s) {
			t.Fatalf("SaveSettings(%+v) accepted, LoadSettings = %+v, %v", s, got, err)
		}
		last = got
	})
}
