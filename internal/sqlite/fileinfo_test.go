package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// vacuumCopy writes a consistent copy of db to a new file and returns it.
func vacuumCopy(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := db.VacuumInto(context.Background(), dest); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "VacuumInto", err)
	}
	return dest
}

// alteredCopy copies a sound database and changes it with statements run
// by the driver alone.
func alteredCopy(t *testing.T, src string, statements ...string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "altered.db")
	copyFile(t, src, dest)
	raw := rawDB(t, dest)
	for _, s := range statements {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", s, err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	return dest
}

// firstVersionDatabase makes a database as version 1 of the program made
// it: only the first migration applied.
func firstVersionDatabase(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v1.db")
	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "sql.Open", err)
	}
	defer raw.Close()
	first, err := os.ReadFile(filepath.Join("migrations", migrationFiles(t)[0]))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	for _, s := range []string{
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
		string(first),
		`INSERT INTO schema_migrations VALUES (1, '001_visits.sql', '2025-01-01T00:00:00.000Z')`,
		`INSERT INTO visits(key, started_at, updated_at, lang) VALUES ('old', '2025-01-01T09:00:00.000Z', '2025-01-01T09:00:00.000Z', 'fr')`,
		`PRAGMA user_version = 1`,
	} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", s, err)
		}
	}
	return path
}

func TestVerifyFile(t *testing.T) {
	ctx := context.Background()
	path := filledDatabase(t, 12)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	good := vacuumCopy(t, db)
	if err := db.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	newer := filepath.Join(t.TempDir(), "newer.db")
	if err := sqlite.VacuumFile(ctx, newerDatabase(t, false), newer); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "VacuumFile", err)
	}
	file := func(b []byte) string {
		p := filepath.Join(t.TempDir(), "file.db")
		write(t, p, b)
		return p
	}

	for _, tc := range []struct {
		name    string
		path    string
		kind    failure.Kind
		message string // contained in the error
		version int
		counts  sqlite.Counts
	}{
		{name: "a backup of today's schema", path: good, version: sqlite.SchemaVersion(),
			counts: sqlite.Counts{Visits: 12, Accompaniments: 12}},
		{name: "a database of version 1", path: firstVersionDatabase(t), version: 1,
			counts: sqlite.Counts{Visits: 1}},
		{name: "text", path: file([]byte(strings.Repeat("bonjour\n", 100))), kind: failure.Invalid,
			message: "not a SQLite database"},
		{name: "empty", path: file(nil), kind: failure.Invalid, message: "too short"},
		{name: "zeros", path: file(make([]byte, 8192)), kind: failure.Invalid, message: "not a SQLite database"},
		{name: "truncated", path: file(goodBytes[:len(goodBytes)/3]), kind: failure.Damaged},
		{name: "garbage pages", path: func() string {
			p := file(goodBytes)
			garblePages(t, p)
			return p
		}(), kind: failure.Damaged},
		{name: "another program's database", path: func() string {
			p := filepath.Join(t.TempDir(), "other.db")
			raw := rawDB(t, p)
			defer raw.Close()
			if _, err := raw.Exec("CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('x')"); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "CREATE", err)
			}
			return p
		}(), kind: failure.Invalid, message: "no schema version"},
		{name: "a trigger of its own", path: alteredCopy(t, good,
			"CREATE TRIGGER wipe AFTER INSERT ON visits BEGIN DELETE FROM accompaniments; END"),
			kind: failure.Invalid, message: "unexpected trigger wipe"},
		{name: "a table missing", path: alteredCopy(t, good, "DROP TABLE workshop_tags"),
			kind: failure.Invalid, message: "workshop_tags"},
		{name: "a column missing", path: alteredCopy(t, good, "ALTER TABLE visits DROP COLUMN max_text_size"),
			kind: failure.Invalid, message: "table visits"},
		{name: "migrations not recorded", path: alteredCopy(t, good, "DELETE FROM schema_migrations WHERE version = 2"),
			kind: failure.Invalid, message: "schema_migrations records"},
		{name: "newer version", path: newer, kind: failure.NewerVersion, message: "knows up to"},
		{name: "a folder", path: t.TempDir(), kind: failure.Invalid, message: "not a file"},
		{name: "no file", path: filepath.Join(t.TempDir(), "absent.db"), kind: failure.NotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Dir(tc.path)
			before := allFilesIn(t, dir)
			info, err := sqlite.VerifyFile(ctx, tc.path)
			if got := failure.KindOf(err); got != tc.kind && !(tc.kind == "" && err == nil) {
				t.Fatalf("Got(%q) = %v (%v), want kind %q", "VerifyFile", got, err, tc.kind)
			}
			if err != nil && !strings.Contains(err.Error(), tc.message) {
				t.Errorf("Got(%q) = %q, want it to contain %q", "error", err, tc.message)
			}
			if err == nil && (info.SchemaVersion != tc.version || info.Counts != tc.counts) {
				t.Errorf("Got(%q) = %+v, want version %d, counts %+v", "VerifyFile", info, tc.version, tc.counts)
			}
			if after := allFilesIn(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("Got(%q) = %v, want %v (nothing written)", "files", keys(after), keys(before))
			}
		})
	}
}

// allFilesIn is allFiles for a folder that may be the file itself.
func allFilesIn(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil
	}
	return allFiles(t, dir)
}

func TestInspectFile(t *testing.T) {
	ctx := context.Background()
	path := filledDatabase(t, 4)
	info, err := sqlite.InspectFile(ctx, path)
	if err != nil || info.Counts != (sqlite.Counts{Visits: 4, Accompaniments: 4}) || info.SchemaVersion != sqlite.SchemaVersion() {
		t.Errorf("Got(%q) = %+v, %v, want 4 visits and 4 accompaniments", "InspectFile", info, err)
	}
	text := filepath.Join(t.TempDir(), "text.db")
	write(t, text, []byte(strings.Repeat("x", 5000)))
	if _, err := sqlite.InspectFile(ctx, text); failure.KindOf(err) != failure.Invalid {
		t.Errorf("Got(%q) = %v, want %s", "InspectFile(text)", err, failure.Invalid)
	}
}

func TestDB_Fingerprint(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	writeRecords(t, db, mediator, 5)
	fp := func(what string) string {
		t.Helper()
		s, err := db.Fingerprint(ctx)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", what, err)
		}
		return s
	}
	first := fp("Fingerprint")
	if again := fp("Fingerprint again"); again != first {
		t.Errorf("Got(%q) = %s, want %s (no change)", "Fingerprint again", again, first)
	}
	// A copy has the fingerprint of the database it copies.
	copyFP, err := sqlite.FileFingerprint(ctx, vacuumCopy(t, db))
	if err != nil || copyFP != first {
		t.Errorf("Got(%q) = %s, %v, want %s", "FileFingerprint(copy)", copyFP, err, first)
	}

	// Every kind of change shows.
	seen := map[string]string{first: "start"}
	now := time.Date(2026, 3, 2, 11, 0, 0, 0, time.UTC)
	for _, change := range []struct {
		name string
		do   func() error
	}{
		{"a visit added", func() error {
			return db.SaveVisit(ctx, visit.Visit{Key: "new", Started: now, Updated: now, Lang: "fr", MaxTextSize: 1})
		}},
		{"a visit updated", func() error {
			return db.SaveVisit(ctx, visit.Visit{Key: "new", Started: now, Updated: now, Lang: "ar", MaxTextSize: 1})
		}},
		{"a help request acknowledged", func() error {
			hs, err := db.OpenHelp(ctx)
			if err != nil || len(hs) == 0 {
				return fmt.Errorf("no help request: %v", err)
			}
			return db.AcknowledgeHelp(ctx, hs[0].ID, mediator, now)
		}},
		{"a setting changed", func() error {
			return sqlite.ExecTx(ctx, db, "INSERT INTO settings(key, value) VALUES ('place', 'Lilas')")
		}},
		{"an accompaniment deleted", func() error {
			as, err := db.Accompaniments(ctx, day(2026, 1, 1), day(2027, 1, 1))
			if err != nil || len(as) == 0 {
				return fmt.Errorf("no accompaniment: %v", err)
			}
			return db.DeleteAccompaniment(ctx, as[0].ID)
		}},
	} {
		if err := change.do(); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", change.name, err)
		}
		got := fp(change.name)
		if prev, ok := seen[got]; ok {
			t.Errorf("Got(%q) = the fingerprint of %q, want a new one", change.name, prev)
		}
		seen[got] = change.name
	}
}

func TestEnsureClosed(t *testing.T) {
	ctx := context.Background()
	path := filledDatabase(t, 2)
	if err := sqlite.EnsureClosed(ctx, path); err != nil {
		t.Errorf("Got(%q) = %v, want nil error", "EnsureClosed(closed)", err)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	if err := sqlite.EnsureClosed(ctx, path); failure.KindOf(err) != failure.Conflict {
		t.Errorf("Got(%q) = %v, want %s", "EnsureClosed(open)", err, failure.Conflict)
	}
	// The store still works after the check.
	now := time.Date(2026, 3, 2, 11, 0, 0, 0, time.UTC)
	if err := db.SaveVisit(ctx, visit.Visit{Key: "after", Started: now, Updated: now, Lang: "fr", MaxTextSize: 1}); err != nil {
		t.Errorf("Got(%q) = %v, want nil error", "SaveVisit", err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	if err := sqlite.EnsureClosed(ctx, path); err != nil {
		t.Errorf("Got(%q) = %v, want nil error", "EnsureClosed(closed again)", err)
	}
	if _, err := os.Stat(path + "-wal"); !os.IsNotExist(err) {
		t.Errorf("Got(%q) = %v, want no -wal once closed", "Stat -wal", err)
	}
}
