package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pasapas/internal/journal"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// writeRecords writes n kiosk visits (every third with a help request) and
// n accompaniments with themes, equipment and tags, through the store.
func writeRecords(t *testing.T, db *sqlite.DB, mediator int64, n int) {
	t.Helper()
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i := range n {
		at := start.Add(time.Duration(i) * time.Minute)
		v := visit.Visit{Key: fmt.Sprintf("fill-%05d", i), Started: at, Updated: at, Lang: "fr",
			GuideID: "ameli-attestation", StepCount: 5, FurthestStep: 2, MaxTextSize: 1}
		var err error
		if i%3 == 0 {
			v.HelpCount, v.FirstHelp = 1, at
			err = db.RaiseHelp(ctx, v, visit.HelpRequest{VisitKey: v.Key, Raised: at, GuideID: v.GuideID,
				Step: 2, Screen: visit.Step})
		} else {
			err = db.SaveVisit(ctx, v)
		}
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "save visit", err)
		}
		if _, err := db.SaveAccompaniment(ctx, fullAccompaniment(mediator, i)); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SaveAccompaniment", err)
		}
	}
}

// fullAccompaniment is an accompaniment with three themes, two pieces of
// equipment and two tags, so that a transaction writes several tables.
func fullAccompaniment(mediator int64, i int) journal.Accompaniment {
	a := journal.NewAccompaniment(journal.NewDate(2026, 3, 2+i%20), mediator)
	a.DurationMinutes = 15 + i%60
	a.Place.Name = "Centre social des Lilas"
	a.Themes = []journal.Theme{journal.ThemeEmail, journal.ThemeAideAuxDemarchesAdministratives}
	a.AdminThemes = []journal.Theme{journal.ThemeSocialSante}
	a.Procedure = "Attestation de droits"
	a.Equipment = []journal.Equipment{journal.EquipmentOrdinateur, journal.EquipmentTelephone}
	a.Tags = []string{fmt.Sprintf("lot-%d", i%7), "crash-test"}
	a.Notes = strings.Repeat("Aide à la démarche en ligne. ", 40) // a few pages a transaction
	return a
}

// childRows are the rows fullAccompaniment writes beside the accompaniment.
const (
	themesPerAccompaniment    = 3
	equipmentPerAccompaniment = 2
	tagsPerAccompaniment      = 2
)

// filledDatabase makes a database with n visits and n accompaniments in a
// new folder, closes it and returns its path.
func filledDatabase(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	writeRecords(t, db, addAccount(t, db, "mediatrice"), n)
	if err := db.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	return path
}

// groupCounts runs a query of (id, count) rows.
func groupCounts(t *testing.T, db *sql.DB, query string) map[int64]int64 {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", query, err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", query, err)
		}
		out[id] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", query, err)
	}
	return out
}

// wholeTransactions lists the records of db that only part of their
// transaction wrote: an accompaniment without all the themes, equipment
// and tags of fullAccompaniment (or child rows without it), a visit whose
// help_count differs from its help requests.
func wholeTransactions(t *testing.T, db *sql.DB) []string {
	t.Helper()
	var problems []string
	themes := groupCounts(t, db, "SELECT accompaniment_id, count(*) FROM accompaniment_themes GROUP BY 1")
	equipment := groupCounts(t, db, "SELECT accompaniment_id, count(*) FROM accompaniment_equipment GROUP BY 1")
	tags := groupCounts(t, db, "SELECT accompaniment_id, count(*) FROM accompaniment_tags GROUP BY 1")
	present := groupCounts(t, db, "SELECT id, 1 FROM accompaniments")
	for id := range present {
		if themes[id] != themesPerAccompaniment || equipment[id] != equipmentPerAccompaniment || tags[id] != tagsPerAccompaniment {
			problems = append(problems, fmt.Sprintf("accompaniment %d has %d themes, %d equipment, %d tags, want %d, %d, %d",
				id, themes[id], equipment[id], tags[id], themesPerAccompaniment, equipmentPerAccompaniment, tagsPerAccompaniment))
		}
	}
	for _, child := range []map[int64]int64{themes, equipment, tags} {
		for id := range child {
			if present[id] == 0 {
				problems = append(problems, fmt.Sprintf("child rows of accompaniment %d, which does not exist", id))
			}
		}
	}
	helps := groupCounts(t, db, "SELECT visit_id, count(*) FROM help_requests GROUP BY visit_id")
	counts := groupCounts(t, db, "SELECT id, help_count FROM visits")
	for id, n := range counts {
		if helps[id] != n {
			problems = append(problems, fmt.Sprintf("visit %d has help_count %d and %d help requests", id, n, helps[id]))
		}
	}
	return problems
}
