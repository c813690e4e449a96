package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"pasapas/internal/sqlite"
)

// readLedger returns the erasures of the ledger beside the database.
func readLedger(t *testing.T, dbPath string) []sqlite.Erasure {
	t.Helper()
	es, skipped, err := sqlite.ReadErasures(sqlite.LedgerPath(dbPath))
	if err != nil || skipped != 0 {
		t.Fatalf("Got(%q) = %d skipped, %v, want nil error", "ReadErasures", skipped, err)
	}
	return es
}

// TestDB_EraseBeneficiary_Ledger: an erasure, by request or by retention,
// is in the ledger beside the database (id and date, nothing else, 0600).
func TestDB_EraseBeneficiary_Ledger(t *testing.T) {
	ctx := context.Background()
	db, path, now, mediator := openJournal(t)
	b := seedCanary(t, db, mediator, day(2026, 3, 2))
	old := namedBeneficiary(mediator)
	old.ConsentDate = day(2023, 1, 2)
	old = saveBeneficiary(t, db, old)

	if err := db.EraseBeneficiary(ctx, b.ID); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "EraseBeneficiary", err)
	}
	if err := db.EraseBeneficiary(ctx, b.ID); err != nil { // twice: one line
		t.Fatalf("Got(%q) = %v, want nil error", "EraseBeneficiary again", err)
	}
	*now = now.Add(time.Hour)
	n, err := db.AnonymiseDue(ctx, now.AddDate(3, 0, 0), 24)
	if err != nil || n != 1 {
		t.Fatalf("Got(%q) = %d, %v, want 1", "AnonymiseDue", n, err)
	}
	got := readLedger(t, path)
	want := []sqlite.Erasure{{ID: b.ID, At: now.Add(-time.Hour).UTC()}, {ID: old.ID, At: now.UTC()}}
	if len(got) != 2 || got[0].ID != want[0].ID || !got[0].At.Equal(want[0].At) ||
		got[1].ID != want[1].ID || !got[1].At.Equal(want[1].At) {
		t.Errorf("Got(%q) = %v, want %v", "ledger", got, want)
	}
	raw, err := os.ReadFile(sqlite.LedgerPath(path))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	for _, canary := range append(canaries, "Zoé", "Ébrard", "Villeurbanne") {
		if strings.Contains(strings.ToLower(string(raw)), strings.ToLower(canary)) {
			t.Errorf("Got(%q) = holds %q, want ids and dates only", "ledger", canary)
		}
	}
	if st, err := os.Stat(sqlite.LedgerPath(path)); runtime.GOOS != "windows" && (err != nil || st.Mode().Perm() != 0o600) {
		t.Errorf("Got(%q) = %v, %v, want 0600", "ledger mode", st.Mode(), err)
	}
}

// TestDB_EraseBeneficiary_LedgerUnwritable: an erasure that cannot be
// recorded outside the database is refused and changes nothing.
func TestDB_EraseBeneficiary_LedgerUnwritable(t *testing.T) {
	ctx := context.Background()
	db, path, _, mediator := openJournal(t)
	b := saveBeneficiary(t, db, namedBeneficiary(mediator))
	if err := os.Mkdir(sqlite.LedgerPath(path), 0o700); err != nil { // a folder where the file goes
		t.Fatalf("Got(%q) = %v, want nil error", "Mkdir", err)
	}
	if err := db.EraseBeneficiary(ctx, b.ID); err == nil {
		t.Fatalf("Got(%q) = nil, want an error when the ledger cannot be written", "EraseBeneficiary")
	}
	if got, err := db.Beneficiary(ctx, b.ID); err != nil || got.IsErased() || got.FirstName != "Zoé" {
		t.Errorf("Got(%q) = %+v, %v, want unchanged", "Beneficiary", got, err)
	}
}

// TestReadErasures_Damaged: a line cut by a crash and a damaged line are
// skipped and counted; the others are read, and appending goes on after.
func TestReadErasures_Damaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), sqlite.ErasuresName)
	at := time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC)
	if err := sqlite.AppendErasures(path, []sqlite.Erasure{{ID: 7, At: at}}); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "AppendErasures", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "OpenFile", err)
	}
	if _, err := f.WriteString("garbage line\n2026-03-05T11:00:00.000Z 8"); err != nil { // the last one cut
		t.Fatalf("Got(%q) = %v, want nil error", "WriteString", err)
	}
	if err := f.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	if err := sqlite.AppendErasures(path, []sqlite.Erasure{{ID: 9, At: at.Add(2 * time.Hour)}}); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "AppendErasures after a torn line", err)
	}
	es, skipped, err := sqlite.ReadErasures(path)
	var ids []int64
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	if err != nil || skipped != 2 || !slices.Equal(ids, []int64{7, 9}) {
		t.Errorf("Got(%q) = %v, %d skipped, %v, want [7 9] and 2 skipped", "ReadErasures", ids, skipped, err)
	}
	if es, skipped, err := sqlite.ReadErasures(filepath.Join(t.TempDir(), "none")); es != nil || skipped != 0 || err != nil {
		t.Errorf("Got(%q) = %v, %d, %v, want nothing", "ReadErasures(missing)", es, skipped, err)
	}
}

// TestDB_ApplyErasures applies a ledger to an older copy: the person
// erased since is erased again (as of the ledger's date, free texts
// redacted), and nobody else: not an id the copy does not hold, not one
// already erased, not someone created after the erasure under a reused id.
func TestDB_ApplyErasures(t *testing.T) {
	ctx := context.Background()
	db, path, now, mediator := openJournal(t)
	b := seedCanary(t, db, mediator, day(2026, 3, 2))
	gone := saveBeneficiary(t, db, namedBeneficiary(mediator))
	if err := db.EraseBeneficiary(ctx, gone.ID); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "EraseBeneficiary", err)
	}
	later := saveBeneficiary(t, db, namedBeneficiary(mediator))
	erasedAt := now.Add(time.Hour)
	es := []sqlite.Erasure{
		{ID: b.ID, At: erasedAt},
		{ID: gone.ID, At: erasedAt},
		{ID: later.ID, At: later.Created.Add(-time.Minute)}, // an id used again after the erasure
		{ID: 9999, At: erasedAt},
	}
	n, err := db.ApplyErasures(ctx, es)
	if err != nil || n != 1 {
		t.Fatalf("Got(%q) = %d, %v, want 1 erased", "ApplyErasures", n, err)
	}
	got, err := db.Beneficiary(ctx, b.ID)
	if err != nil || !got.Erased.Equal(erasedAt) {
		t.Errorf("Got(%q) = erased %v, %v, want erased as of %v", "Beneficiary", got.Erased, err, erasedAt)
	}
	if found := findCanaries(t, sqlite.Writer(db)); len(found) != 0 {
		t.Errorf("Got(%q) = %v, want none", "findCanaries", found)
	}
	if got, err := db.Beneficiary(ctx, later.ID); err != nil || got.IsErased() {
		t.Errorf("Got(%q) = %+v, %v, want not erased", "Beneficiary(created after)", got, err)
	}
	// Nothing of this goes to the ledger: it only holds the real erasure.
	if got := readLedger(t, path); len(got) != 1 || got[0].ID != gone.ID {
		t.Errorf("Got(%q) = %v, want the one erasure asked for", "ledger", got)
	}
	if n, err := db.ApplyErasures(ctx, es); err != nil || n != 0 {
		t.Errorf("Got(%q) = %d, %v, want nothing left to do", "ApplyErasures again", n, err)
	}
}
