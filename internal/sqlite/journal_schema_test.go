package sqlite_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

// TestDB_JournalForeignKeys checks the references between journal tables
// below the domain: the database refuses what the store would never write.
func TestDB_JournalForeignKeys(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	b := saveBeneficiary(t, db, namedBeneficiary(mediator))
	a := anonymousAccompaniment(mediator, day(2026, 3, 2))
	a.BeneficiaryID = b.ID
	saveAccompaniment(t, db, a)
	w := workshopFor(mediator, day(2026, 3, 2), 1)
	w.Participants = []int64{b.ID}
	saveWorkshop(t, db, w)
	for _, stmt := range []string{
		"DELETE FROM beneficiaries",
		"DELETE FROM accounts",
		"INSERT INTO accompaniment_themes(accompaniment_id, theme) VALUES (4242, 'Email')",
		"INSERT INTO workshop_sessions(workshop_id, date, start_minute, duration_minutes) VALUES (4242, '2026-03-02', 0, 60)",
		"INSERT INTO attendance(session_id, participant_id, presence) VALUES (4242, 4242, 'present')",
		"UPDATE accompaniments SET visit_key = 'no-such-visit'",
		"UPDATE beneficiaries SET first_name = NULL",                      // named rows keep their names…
		"UPDATE beneficiaries SET erased_at = '2026-03-02T00:00:00.000Z'", // …and erased ones have none
		"UPDATE accompaniments SET referred = 1",
		"INSERT INTO workshop_participants(workshop_id, beneficiary_id, anonymous_number) SELECT id, NULL, NULL FROM workshops",
	} {
		t.Run(stmt, func(t *testing.T) {
			if err := sqlite.ExecTx(ctx, db, stmt); failure.KindOf(err) != failure.Invalid {
				t.Errorf("Got(%q) = %v, want %v", stmt, err, failure.Invalid)
			}
		})
	}
	if n := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM beneficiaries"); n != 1 {
		t.Errorf("Got(%q) = %d, want 1", "count(beneficiaries)", n)
	}
}

// TestSchema_JournalTables checks that migration 003 made the journal's
// tables, and that the number of each migration is where it belongs.
func TestSchema_JournalTables(t *testing.T) {
	db, _ := openDB(t)
	for _, table := range []string{"beneficiaries", "accompaniments", "accompaniment_themes", "accompaniment_equipment",
		"accompaniment_tags", "workshops", "workshop_themes", "workshop_equipment", "workshop_tags",
		"workshop_sessions", "workshop_participants", "attendance"} {
		if got := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table); got != 1 {
			t.Errorf("Got(%q) = %d, want 1", "table "+table, got)
		}
	}
	files := migrationFiles(t)
	if i := slices.Index(files, "003_journal.sql"); i != 2 {
		t.Errorf("Got(%q) = %d in %v, want the third migration", "003_journal.sql", i, files)
	}
	for _, idx := range []string{"accompaniments_date", "workshop_sessions_date"} {
		if got := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?", idx); got != 1 {
			t.Errorf("Got(%q) = %d, want 1", "index "+idx, got)
		}
	}
	if !strings.Contains(strings.Join(files, " "), "002_") {
		t.Errorf("Got(%q) = %v, want migration 002 (accounts) before 003", "migrations", files)
	}
}
