package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/sqlite"
)

// Canary identifiers: after erasure none may be found anywhere.
var canaries = []string{"Zéphyrine", "Canarinette", "06 98 76 54 32", "0698765432", "zephyrine.canari@example.org",
	"zephyrine", "canarinette"}

func canaryBeneficiary(mediator int64) journal.Beneficiary {
	b := namedBeneficiary(mediator)
	b.FirstName, b.LastName = "Zéphyrine", "Canarinette"
	b.Phone, b.Email = "06 98 76 54 32", "zephyrine.canari@example.org"
	b.BirthYear = 1985
	return b
}

// findCanaries returns "table.column" for every cell of every table of the
// database that contains one of the canaries, ignoring ASCII case.
func findCanaries(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "sqlite_master", err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Scan", err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	var found []string
	for _, table := range tables {
		cols, err := db.Query("SELECT name FROM pragma_table_info(?)", table)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "pragma_table_info", err)
		}
		var columns []string
		for cols.Next() {
			var c string
			if err := cols.Scan(&c); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "Scan", err)
			}
			columns = append(columns, c)
		}
		cols.Close()
		for _, c := range columns {
			for _, canary := range canaries {
				n := queryInt(t, db, fmt.Sprintf(`SELECT count(*) FROM %q WHERE instr(lower(CAST(%q AS TEXT)), lower(?)) > 0`,
					table, c), canary)
				if n > 0 {
					found = append(found, fmt.Sprintf("%s.%s (%q)", table, c, canary))
				}
			}
		}
	}
	return found
}

// activityCounts counts the rows that statistics count.
func activityCounts(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, q := range []string{
		"SELECT count(*) FROM beneficiaries",
		"SELECT count(*) FROM accompaniments",
		"SELECT count(*) FROM accompaniments WHERE beneficiary_id IS NOT NULL",
		"SELECT count(*) FROM accompaniment_themes",
		"SELECT count(*) FROM workshops",
		"SELECT count(*) FROM workshop_sessions",
		"SELECT count(*) FROM workshop_participants",
		"SELECT count(*) FROM attendance",
		"SELECT count(*) FROM accompaniments WHERE person_gender = 'Feminin' AND person_age_band = 'QuaranteCinquanteNeuf' AND person_status = 'Retraite' AND person_commune = 'Villeurbanne'",
	} {
		out[q] = queryInt(t, db, q)
	}
	return out
}

// seedCanary stores a canary beneficiary with an accompaniment and a
// workshop, with the identifiers also typed into free texts, plus another
// person's activity that mentions them.
func seedCanary(t *testing.T, db *sqlite.DB, mediator int64, activity journal.Date) journal.Beneficiary {
	t.Helper()
	ctx := context.Background()
	b := canaryBeneficiary(mediator)
	b.ConsentDate = activity
	b = saveBeneficiary(t, db, b)
	a := anonymousAccompaniment(mediator, activity)
	a.BeneficiaryID = b.ID
	a.Themes = []journal.Theme{journal.ThemeAideAuxDemarchesAdministratives}
	a.Procedure = "Compte ameli de Zéphyrine Canarinette"
	a.Notes = "Rappeler Zéphyrine au 0698765432 ou zephyrine.canari@example.org"
	a.Tags = []string{"famille Canarinette"}
	saveAccompaniment(t, db, a)
	other := anonymousAccompaniment(mediator, activity)
	other.Notes = "Venue avec sa voisine Zéphyrine (06.98.76.54.32). Alimentation ok."
	saveAccompaniment(t, db, other)
	w := workshopFor(mediator, activity, 2)
	w.Participants = []int64{b.ID}
	w.Title = "Atelier de Mme Canarinette"
	w.Notes = "Zéphyrine apporte sa tablette"
	w.Tags = []string{"zephyrine"}
	w = saveWorkshop(t, db, w)
	if err := db.SetAttendance(ctx, w.Sessions[0].ID, []journal.Mark{
		{Participant: journal.Participant{BeneficiaryID: b.ID}, Presence: journal.Present}}); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SetAttendance", err)
	}
	if found := findCanaries(t, sqlite.Writer(db)); len(found) == 0 {
		t.Fatalf("Got(%q) = none, want the canaries stored before erasure", "findCanaries")
	}
	return b
}

// fileHasCanary reports which canaries are in the database file or its
// -wal, byte for byte.
func fileHasCanary(t *testing.T, path string) []string {
	t.Helper()
	var found []string
	for _, p := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
		}
		for _, c := range canaries {
			if bytes.Contains(data, []byte(c)) {
				found = append(found, p+": "+c)
			}
		}
	}
	return found
}

func TestDB_EraseBeneficiary(t *testing.T) {
	ctx := context.Background()
	db, path, now, mediator := openJournal(t)
	b := seedCanary(t, db, mediator, day(2026, 3, 2))
	before := activityCounts(t, sqlite.Writer(db))

	*now = journalClock.Add(24 * time.Hour)
	if err := db.EraseBeneficiary(ctx, b.ID); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "EraseBeneficiary", err)
	}
	if found := findCanaries(t, sqlite.Writer(db)); len(found) > 0 {
		t.Errorf("Got(%q) = %v, want no identifier left in any table", "findCanaries", found)
	}
	if after := activityCounts(t, sqlite.Writer(db)); !reflect.DeepEqual(after, before) {
		t.Errorf("Got(%q) = %v, want %v (unchanged)", "activityCounts", after, before)
	}
	if found := fileHasCanary(t, path); len(found) > 0 {
		t.Errorf("Got(%q) = %v, want no identifier in the files (R14)", "fileHasCanary", found)
	}

	got, err := db.Beneficiary(ctx, b.ID)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Beneficiary", err)
	}
	want := journal.Beneficiary{ID: b.ID, Commune: "Villeurbanne", PostalCode: "69100", Gender: journal.GenderFeminin,
		Status: journal.StatusRetraite, ConsentDate: b.ConsentDate, ConsentBy: mediator, Created: journalClock,
		Updated: *now, LastActivity: day(2026, 3, 9), Erased: *now, ErasedAgeBand: journal.AgeQuaranteCinquanteNeuf}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Got(%q) = %+v, want %+v", "Beneficiary(erased)", got, want)
	}
	h, err := db.BeneficiaryHistory(ctx, b.ID)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "BeneficiaryHistory", err)
	}
	if len(h.Accompaniments) != 1 || len(h.Workshops) != 1 {
		t.Fatalf("Got(%q) = %+v, want the activity kept", "BeneficiaryHistory", h)
	}
	a := h.Accompaniments[0]
	if a.Procedure != "Compte ameli de "+journal.RedactedMark+" "+journal.RedactedMark || a.Notes != "" ||
		a.Person.AgeBand != journal.AgeQuaranteCinquanteNeuf || a.Person.Gender != journal.GenderFeminin {
		t.Errorf("Got(%q) = %+v, want the procedure redacted, no notes, the profile kept", "accompaniment", a)
	}
	others, err := db.Accompaniments(ctx, day(2026, 1, 1), day(2027, 1, 1))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Accompaniments", err)
	}
	if n := others[1].Notes; n != "Venue avec sa voisine [effacé] ([effacé]). Alimentation ok." {
		t.Errorf("Got(%q) = %q, want the identifiers redacted and the rest kept", "other notes", n)
	}

	t.Run("edit after erasure", func(t *testing.T) {
		a.DurationMinutes = 60
		got := saveAccompaniment(t, db, a)
		if got.Person != a.Person {
			t.Errorf("Got(%q) = %+v, want the kept profile %+v", "Person", got.Person, a.Person)
		}
	})
	t.Run("twice", func(t *testing.T) {
		if err := db.EraseBeneficiary(ctx, b.ID); err != nil {
			t.Errorf("Got(%q) = %v, want nil error", "EraseBeneficiary(again)", err)
		}
		if err := db.EraseBeneficiary(ctx, 4242); failure.KindOf(err) != failure.NotFound {
			t.Errorf("Got(%q) = %v, want %v", "EraseBeneficiary(unknown)", err, failure.NotFound)
		}
	})
	t.Run("not found by search", func(t *testing.T) {
		bs, err := db.SearchBeneficiaries(ctx, "", 0)
		if err != nil || len(bs) != 0 {
			t.Errorf("Got(%q) = %v, %v, want none", "SearchBeneficiaries", bs, err)
		}
	})
}

func TestDB_AnonymiseDue(t *testing.T) {
	ctx := context.Background()
	db, path, now, mediator := openJournal(t)
	// Last activity 2 March 2024: due from 3 March 2026 with 24 months.
	b := seedCanary(t, db, mediator, day(2024, 2, 24)) // workshop sessions on 24 February and 2 March 2024
	recent := namedBeneficiary(mediator)
	recent.ConsentDate = day(2024, 3, 3)
	recent = saveBeneficiary(t, db, recent)
	before := activityCounts(t, sqlite.Writer(db))

	for _, tc := range []struct {
		name   string
		now    time.Time
		months int
		want   int
	}{
		{"the day the period ends", time.Date(2026, 3, 2, 23, 0, 0, 0, time.UTC), 24, 0},
		{"a day later", time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC), 24, 1},
		{"again", time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC), 24, 0},
		{"longer setting is capped", time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC), 36, 0},
		{"shorter setting", time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC), 12, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			*now = tc.now
			n, err := db.AnonymiseDue(ctx, tc.now, tc.months)
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "AnonymiseDue", err)
			}
			if n != tc.want {
				t.Errorf("Got(%q) = %d, want %d", "AnonymiseDue", n, tc.want)
			}
		})
	}
	if found := findCanaries(t, sqlite.Writer(db)); len(found) > 0 {
		t.Errorf("Got(%q) = %v, want no identifier left in any table", "findCanaries", found)
	}
	if found := fileHasCanary(t, path); len(found) > 0 {
		t.Errorf("Got(%q) = %v, want no identifier in the files (R14)", "fileHasCanary", found)
	}
	if after := activityCounts(t, sqlite.Writer(db)); !reflect.DeepEqual(after, before) {
		t.Errorf("Got(%q) = %v, want %v (unchanged)", "activityCounts", after, before)
	}
	for _, id := range []int64{b.ID, recent.ID} {
		got, err := db.Beneficiary(ctx, id)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Beneficiary", err)
		}
		if !got.IsErased() || got.FirstName != "" {
			t.Errorf("Got(%q) = %+v, want erased", "Beneficiary", got)
		}
	}
}
