package report_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"pasapas/internal/report"
	"pasapas/internal/room"
	"pasapas/internal/visit"
)

// A station's statistics cover the whole room, with each PC's share: the
// visits that two kiosks sent (one named, one whose name the station
// never recorded) and the station's own, from its days as a « poste
// seul ».
func TestCompute_ByKiosk(t *testing.T) {
	ctx := context.Background()
	db, _ := openStore(t)
	loc := paris(t)
	at := func(d, h int) time.Time { return time.Date(2026, time.March, d, h, 0, 0, 0, loc) }
	const (
		poste2  = "k0000000002"
		poste10 = "k000000000a"
		gone    = "k00000000ff" // removed before its name was recorded
	)
	if err := db.NameRoomKiosk(ctx, poste2, "Poste 2"); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "NameRoomKiosk", err)
	}
	if err := db.NameRoomKiosk(ctx, poste10, "Poste 10"); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "NameRoomKiosk", err)
	}
	type sent struct {
		kiosk string // "" for the station's own visit
		v     visit.Visit
		helps int
	}
	visits := []sent{
		{poste2, visit.Visit{Key: "a1", Started: at(2, 10), Outcome: visit.Done}, 0},
		{poste2, visit.Visit{Key: "a2", Started: at(3, 10), Outcome: visit.Abandoned}, 2},
		{poste2, visit.Visit{Key: "a3", Started: at(4, 10), Outcome: visit.Done}, 1},
		{poste10, visit.Visit{Key: "b1", Started: at(5, 10), Outcome: visit.NotYet}, 1},
		{gone, visit.Visit{Key: "c1", Started: at(6, 10), Outcome: visit.Done}, 0},
		{"", visit.Visit{Key: "s1", Started: at(7, 10), Outcome: visit.TimedOut}, 0},
		// Outside the period: counts nowhere.
		{poste2, visit.Visit{Key: "a0", Started: at(2, 10).AddDate(0, -1, 0), Outcome: visit.Done}, 1},
	}
	for _, s := range visits {
		v := s.v
		v.Updated, v.Ended, v.Lang = v.Started.Add(10*time.Minute), v.Started.Add(10*time.Minute), "fr"
		v.HelpCount = s.helps
		if s.kiosk == "" {
			if err := db.SaveVisit(ctx, v); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
			}
			continue
		}
		for i := range s.helps { // each request, as the kiosk sent it
			h := visit.HelpRequest{VisitKey: v.Key, Raised: v.Started.Add(time.Duration(i+1) * time.Minute), Screen: visit.Step}
			e, err := room.NewHelpEvent(v, h, h.Raised)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.ApplyRoomEvent(ctx, s.kiosk, e); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "ApplyRoomEvent", err)
			}
		}
		e, err := room.NewVisitEvent(v, v.Ended)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.ApplyRoomEvent(ctx, s.kiosk, e); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "ApplyRoomEvent", err)
		}
	}
	p, err := report.NewPeriod(march, april)
	if err != nil {
		t.Fatal(err)
	}
	st, err := report.Compute(ctx, db, p, report.Options{Today: today, Location: loc})
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Compute", err)
	}
	// By name, « Poste 2 » before « Poste 10 »; the kiosk without a name
	// under its id.
	want := []report.KioskFigures{
		{Label: gone, Visits: 1, Done: 1},
		{Label: "Poste 2", Visits: 3, Done: 2, HelpVisits: 2, HelpRequests: 3},
		{Label: "Poste 10", Visits: 1, HelpVisits: 1, HelpRequests: 1},
		{Label: "Ce poste", MessageID: "report.kiosk.self", ThisPC: true, Visits: 1},
	}
	if !reflect.DeepEqual(st.Kiosk.ByKiosk, want) {
		t.Fatalf("Got(%q) = %+v, want %+v", "Kiosk.ByKiosk", st.Kiosk.ByKiosk, want)
	}
	if st.Kiosk.Visits != 6 || st.Kiosk.HelpVisits != 3 {
		t.Errorf("Got(%q) = %d visits, %d with help, want the whole room: 6, 3", "Kiosk", st.Kiosk.Visits, st.Kiosk.HelpVisits)
	}
	if got := st.Kiosk.ByKiosk[1].HelpRate(); got != 2.0/3 {
		t.Errorf("Got(%q) = %v, want %v", "HelpRate of Poste 2", got, 2.0/3)
	}
	b := st.Kiosk.VisitsByKiosk()
	if b.Total != 6 || len(b.Counts) != 4 || b.Counts[1].Value != 3 || b.Share(b.Counts[1]) != 0.5 {
		t.Errorf("Got(%q) = %+v, want the 4 PCs' visits of 6", "VisitsByKiosk", b)
	}

	// A kiosk renamed: its visits, past ones too, count under the new name.
	if err := db.NameRoomKiosk(ctx, poste10, "Accueil"); err != nil {
		t.Fatal(err)
	}
	st, err = report.Compute(ctx, db, p, report.Options{Today: today, Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Kiosk.ByKiosk[0].Label; got != "Accueil" { // now first by name
		t.Errorf("Got(%q) = %q, want %q", "first kiosk after renaming", got, "Accueil")
	}
}

// A PC that is not a station has no breakdown: its visits are all its own.
func TestCompute_ByKioskAlone(t *testing.T) {
	st, _ := marchStats(t, 0)
	if st.Kiosk.Visits == 0 || st.Kiosk.ByKiosk != nil {
		t.Fatalf("Got(%q) = %+v with %d visits, want none", "Kiosk.ByKiosk", st.Kiosk.ByKiosk, st.Kiosk.Visits)
	}
}
