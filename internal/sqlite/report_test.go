package sqlite_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

func TestDB_HasActivity(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		add  func(t *testing.T, db *sqlite.DB, mediator int64)
		want bool
	}{
		{"accounts only", func(*testing.T, *sqlite.DB, int64) {}, false},
		{"a visit", func(t *testing.T, db *sqlite.DB, _ int64) {
			if err := db.SaveVisit(ctx, visit.Visit{Key: "k", Started: journalClock, Updated: journalClock,
				Lang: "fr", MaxTextSize: 1}); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
			}
		}, true},
		{"an accompaniment", func(t *testing.T, db *sqlite.DB, m int64) {
			saveAccompaniment(t, db, anonymousAccompaniment(m, day(2026, 3, 1)))
		}, true},
		{"a workshop", func(t *testing.T, db *sqlite.DB, m int64) {
			saveWorkshop(t, db, workshopFor(m, day(2026, 3, 1), 1))
		}, true},
		{"a beneficiary", func(t *testing.T, db *sqlite.DB, m int64) {
			saveBeneficiary(t, db, namedBeneficiary(m))
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _, _, mediator := openJournal(t)
			tt.add(t, db, mediator)
			got, err := db.HasActivity(ctx)
			if err != nil || got != tt.want {
				t.Errorf("Got(HasActivity) = %v, %v, want %v, nil", got, err, tt.want)
			}
		})
	}
}

func TestDB_ReportData(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	// Zoé: accompanied in February and in March. Léo: only in a workshop.
	zoe := saveBeneficiary(t, db, namedBeneficiary(mediator))
	leo := namedBeneficiary(mediator)
	leo.FirstName, leo.LastName, leo.Gender = "Léo", "Petit", journal.GenderMasculin
	leo = saveBeneficiary(t, db, leo)
	for _, d := range []journal.Date{day(2026, 2, 10), day(2026, 3, 5), day(2026, 4, 1)} {
		a := anonymousAccompaniment(mediator, d)
		a.BeneficiaryID = zoe.ID
		saveAccompaniment(t, db, a)
	}
	saveAccompaniment(t, db, anonymousAccompaniment(mediator, day(2026, 3, 1)))
	w := workshopFor(mediator, day(2026, 3, 25), 2) // 25 March and 1 April
	w.Participants = []int64{leo.ID}
	w = saveWorkshop(t, db, w)
	for i, s := range w.Sessions {
		if err := db.SetAttendance(ctx, s.ID, []journal.Mark{
			{Participant: journal.Participant{BeneficiaryID: leo.ID}, Presence: journal.Present},
			{Participant: journal.Participant{Anonymous: i + 1}, Presence: journal.Absent}}); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SetAttendance", err)
		}
	}
	start := time.Date(2026, 2, 28, 23, 0, 0, 0, time.UTC) // midnight in Paris
	end := time.Date(2026, 3, 31, 22, 0, 0, 0, time.UTC)
	for i, at := range []time.Time{start.Add(-time.Millisecond), start, end.Add(-time.Millisecond), end} {
		if err := db.SaveVisit(ctx, visit.Visit{Key: string(rune('a' + i)), Started: at, Updated: at, Lang: "fr",
			MaxTextSize: 1}); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
		}
	}

	q := report.Query{From: day(2026, 3, 1), To: day(2026, 4, 1), Start: start, End: end}
	// More reads than reader connections: each must give its connection
	// back outside any transaction.
	var d report.Data
	for range 6 {
		var err error
		if d, err = db.ReportData(ctx, q); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "ReportData", err)
		}
	}
	if got := len(d.Accompaniments); got != 2 {
		t.Errorf("Got(len(Accompaniments)) = %d, want 2 (1 and 5 March)", got)
	}
	if len(d.Workshops) != 1 || len(d.Workshops[0].Sessions) != 2 {
		t.Errorf("Got(Workshops) = %+v, want the workshop with both its sessions", d.Workshops)
	}
	wantMarks := []journal.Mark{
		{SessionID: w.Sessions[0].ID, Participant: journal.Participant{BeneficiaryID: leo.ID}, Presence: journal.Present},
		{SessionID: w.Sessions[0].ID, Participant: journal.Participant{Anonymous: 1}, Presence: journal.Absent},
	}
	if !reflect.DeepEqual(d.Marks, wantMarks) {
		t.Errorf("Got(Marks) = %+v, want %+v (25 March only)", d.Marks, wantMarks)
	}
	if got := d.Beneficiaries[zoe.ID]; got.ID != zoe.ID || got.FirstName != "" || got.LastName != "" ||
		got.Phone != "" || got.BirthYear != 1950 || got.Gender != journal.GenderFeminin || got.Commune != "Villeurbanne" {
		t.Errorf("Got(Beneficiaries[zoé]) = %+v, want her profile without names", got)
	}
	if _, ok := d.Beneficiaries[leo.ID]; !ok || len(d.Beneficiaries) != 2 {
		t.Errorf("Got(Beneficiaries) = %+v, want Zoé and Léo", d.Beneficiaries)
	}
	if want := map[int64]bool{zoe.ID: true}; !reflect.DeepEqual(d.Earlier, want) {
		t.Errorf("Got(Earlier) = %v, want %v", d.Earlier, want)
	}
	var keys []string
	for _, v := range d.Visits {
		keys = append(keys, v.Key)
	}
	if want := []string{"b", "c"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("Got(Visits) = %q, want %q (from Start included, to End excluded)", keys, want)
	}
	// The readers are free: the writer is not blocked by them.
	if err := db.SaveVisit(ctx, visit.Visit{Key: "after", Started: end, Updated: end, Lang: "fr", MaxTextSize: 1}); err != nil {
		t.Errorf("Got(SaveVisit after ReportData) = %v, want nil error", err)
	}
}

// The fields the new breakdowns count (equipment, tags, autonomy,
// referral; a workshop's equipment and tags) come back from the one read.
func TestDB_ReportData_BreakdownFields(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	a := anonymousAccompaniment(mediator, day(2026, 3, 5))
	a.Equipment = []journal.Equipment{journal.EquipmentOrdinateur, journal.EquipmentTelephone}
	a.Tags = []string{"Permanence CAF"}
	a.Autonomy = journal.AutonomyPartiellementAutonome
	a.Referred, a.Referral = true, journal.ReferralAideSociale
	saveAccompaniment(t, db, a)
	w := workshopFor(mediator, day(2026, 3, 10), 1)
	w.Tags = []string{"Numérique"}
	saveWorkshop(t, db, w)

	d, err := db.ReportData(ctx, report.Query{From: day(2026, 3, 1), To: day(2026, 4, 1),
		Start: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || len(d.Accompaniments) != 1 || len(d.Workshops) != 1 {
		t.Fatalf("Got(ReportData) = %d accompaniments, %d workshops, %v, want 1, 1", len(d.Accompaniments), len(d.Workshops), err)
	}
	got := d.Accompaniments[0]
	if !reflect.DeepEqual(got.Equipment, a.Equipment) || !reflect.DeepEqual(got.Tags, a.Tags) ||
		got.Autonomy != a.Autonomy || !got.Referred || got.Referral != a.Referral {
		t.Errorf("Got(accompaniment) = %+v, want the equipment, tags, autonomy and referral saved", got)
	}
	if gw := d.Workshops[0]; !reflect.DeepEqual(gw.Equipment, w.Equipment) || !reflect.DeepEqual(gw.Tags, w.Tags) {
		t.Errorf("Got(workshop) = equipment %v, tags %v, want %v, %v", gw.Equipment, gw.Tags, w.Equipment, w.Tags)
	}
	st := report.StatsOf(report.Data{Period: report.Period{From: day(2026, 3, 1), To: day(2026, 4, 1)},
		Accompaniments: d.Accompaniments, Workshops: d.Workshops, Marks: d.Marks}, report.Options{})
	if c, _ := st.Equipment.Find("Tablette"); c.Value != 1 || st.Totals.Referred != 1 || st.Totals.SessionMinutes != 90 {
		t.Errorf("Got(stats) = Tablette %d, referred %d, session minutes %d, want 1, 1, 90", c.Value,
			st.Totals.Referred, st.Totals.SessionMinutes)
	}
}
