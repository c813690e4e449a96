package backup_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"pasapas/internal/backup"
	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

// backedUp returns a store with n records, closed, and a backup of it
// taken before m more records were added.
func backedUp(t *testing.T, n, m int) (*store, backup.Info) {
	t.Helper()
	s := newStore(t)
	s.add(t, n)
	info, err := backup.Create(context.Background(), s, backup.Dir(s.dataDir), at(2, 9))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Create", err)
	}
	s.add(t, m)
	s.close(t)
	return s, info
}

// dataFiles returns the hashes of the files of the data folder (not of
// the backups folder), and fails the test on a temporary file.
func dataFiles(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	fs := files(t, dir)
	for name := range fs {
		if strings.HasSuffix(name, ".tmp") {
			t.Errorf("Got(%q) = a temporary file left behind, want none", name)
		}
	}
	return fs
}

func TestRestore(t *testing.T) {
	ctx := context.Background()
	s, b := backedUp(t, 3, 2)
	s.reopen(t)
	before := s.fingerprint(t)
	s.close(t)

	now := time.Date(2026, 3, 4, 11, 30, 0, 0, time.Local)
	got, err := backup.Restore(ctx, s.dataDir, b.Path, now)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Restore", err)
	}
	wantSafety := filepath.Join(backup.Dir(s.dataDir), "pasapas-20260304-113000-before-restore.db")
	if got.SafetyCopy != wantSafety || got.Backup.Counts != b.Counts || !got.Backup.Time.Equal(b.Time) {
		t.Errorf("Got(%q) = %+v, want safety copy %s and the backup's counts %+v", "Restore", got, wantSafety, b.Counts)
	}
	// The safety copy holds the database as it was; it is listed.
	if fp := fileFingerprint(t, got.SafetyCopy); fp != before {
		t.Errorf("Got(%q) = %s, want the replaced database's %s", "safety copy", fp, before)
	}
	infos, err := backup.List(ctx, backup.Dir(s.dataDir))
	if err != nil || len(infos) != 2 || !infos[0].SafetyCopy || infos[0].Counts.Visits != 5 {
		t.Errorf("Got(%q) = %+v, %v, want the safety copy (5 visits) first", "List", infos, err)
	}
	// What is in place is the backup, and opens.
	if got := names(dataFiles(t, s.dataDir)); !slices.Equal(got, []string{sqlite.FileName}) {
		t.Errorf("Got(%q) = %v, want the database alone", "data folder", got)
	}
	s.reopen(t)
	s.close(t)
	if fp := restoredFingerprint(t, s.Path()); fp != fileFingerprint(t, b.Path) {
		t.Errorf("Got(%q) = %s, want the backup's", "restored fingerprint", fp)
	}
	s.reopen(t)
	if h := sqlite.CheckHealth(ctx, s.Path()); h.State != sqlite.HealthSound {
		t.Errorf("Got(%q) = %v, want sound", "CheckHealth after restore", h)
	}
	s.add(t, 1) // and it takes writes
}

func TestRestore_Refused(t *testing.T) {
	ctx := context.Background()
	s, b := backedUp(t, 3, 1)
	good, err := os.ReadFile(b.Path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	file := func(content []byte) string {
		p := filepath.Join(t.TempDir(), "candidate.db")
		writeFile(t, p, content)
		return p
	}
	altered := func(statements ...string) string {
		p := file(good)
		raw, err := sql.Open("sqlite3", "file:"+p)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "sql.Open", err)
		}
		defer raw.Close()
		for _, st := range statements {
			if _, err := raw.Exec(st); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", st, err)
			}
		}
		return p
	}
	garbled := slices.Clone(good)
	for i := 3 * 4096; i < len(garbled); i += 7 {
		garbled[i] = 0xee
	}
	for _, tc := range []struct {
		name    string
		file    string
		kind    failure.Kind
		message string
	}{
		{"garbage", file(bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 4096)), failure.Invalid, "not a SQLite database"},
		{"text", file([]byte("Sauvegarde du centre, à ouvrir avec Pas à pas\n")), failure.Invalid, "not a SQLite database"},
		{"empty", file(nil), failure.Invalid, "too short"},
		{"half a backup", file(good[:len(good)/2]), failure.Damaged, "damaged"},
		{"a damaged backup", file(garbled), failure.Damaged, "damaged"},
		{"another program's database", func() string {
			p := filepath.Join(t.TempDir(), "other.db")
			raw, err := sql.Open("sqlite3", "file:"+p)
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "sql.Open", err)
			}
			defer raw.Close()
			if _, err := raw.Exec("CREATE TABLE contacts(name TEXT)"); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "CREATE", err)
			}
			return p
		}(), failure.Invalid, "not a Pas à pas database"},
		{"no visits table", altered("DROP TABLE help_requests", "DROP TABLE visits"), failure.Invalid, "no visits table"},
		{"a view of its own", altered("CREATE VIEW everything AS SELECT * FROM visits"), failure.Invalid, "unexpected view"},
		{"a newer version", altered(fmt.Sprintf("PRAGMA user_version = %d", sqlite.SchemaVersion()+1)),
			failure.NewerVersion, "knows up to"},
		{"the database itself", filepath.Join(s.dataDir, sqlite.FileName), failure.Invalid, "the database itself"},
		{"no such file", filepath.Join(t.TempDir(), "absent.db"), failure.NotFound, ""},
		{"a folder", t.TempDir(), failure.Invalid, "not a file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := dataFiles(t, s.dataDir)
			backupsBefore := files(t, backup.Dir(s.dataDir))
			_, err := backup.Restore(ctx, s.dataDir, tc.file, at(5, 10))
			if got := failure.KindOf(err); got != tc.kind {
				t.Fatalf("Got(%q) = %v (%v), want %v", "KindOf(Restore)", got, err, tc.kind)
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("Got(%q) = %q, want it to contain %q", "error", err, tc.message)
			}
			if after := dataFiles(t, s.dataDir); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("Got(%q) = %v, want %v unchanged", "data folder", names(after), names(before))
			}
			if after := files(t, backup.Dir(s.dataDir)); fmt.Sprint(after) != fmt.Sprint(backupsBefore) {
				t.Errorf("Got(%q) = %v, want %v unchanged", "backups folder", names(after), names(backupsBefore))
			}
		})
	}
}

func TestRestore_DatabaseInUse(t *testing.T) {
	ctx := context.Background()
	s, b := backedUp(t, 2, 1)
	s.reopen(t)
	before := s.fingerprint(t)
	_, err := backup.Restore(ctx, s.dataDir, b.Path, at(5, 10))
	if failure.KindOf(err) != failure.Conflict || !strings.Contains(err.Error(), "close Pas à pas") {
		t.Fatalf("Got(%q) = %v, want %s", "Restore while open", err, failure.Conflict)
	}
	if got := s.fingerprint(t); got != before {
		t.Errorf("Got(%q) = changed, want the open database untouched", "fingerprint")
	}
	s.add(t, 1) // still works
}

// TestRestore_FailsMidway makes a restore fail after each of its steps:
// the previous database is always there, with the same data, and nothing
// temporary is left.
func TestRestore_FailsMidway(t *testing.T) {
	ctx := context.Background()
	for _, current := range []string{"sound", "damaged", "none"} {
		for _, step := range backup.RestoreSteps {
			t.Run(current+"/after "+step, func(t *testing.T) {
				s, b := backedUp(t, 3, 2)
				dbPath := s.Path()
				switch current {
				case "damaged":
					writeFile(t, dbPath, bytes.Repeat([]byte("SQLite format 3\x00 but not much more "), 300))
				case "none":
					if err := os.Remove(dbPath); err != nil {
						t.Fatalf("Got(%q) = %v, want nil error", "Remove", err)
					}
				}
				var before string
				if current == "sound" {
					before = fileFingerprint(t, dbPath)
				}
				beforeFiles := dataFiles(t, s.dataDir)

				_, err := backup.RestoreFailingAt(ctx, s.dataDir, b.Path, at(5, 10), step)
				if !errors.Is(err, backup.ErrInjected) {
					t.Fatalf("Got(%q) = %v, want the injected failure", "Restore", err)
				}
				after := dataFiles(t, s.dataDir)
				switch current {
				case "sound":
					if fp := fileFingerprint(t, dbPath); fp != before {
						t.Errorf("Got(%q) = other data, want the previous database", "fingerprint")
					}
				case "damaged":
					if fmt.Sprint(after) != fmt.Sprint(beforeFiles) {
						t.Errorf("Got(%q) = %v, want the damaged file back in place, unchanged", "data folder", names(after))
					}
				case "none":
					if len(after) != 0 {
						t.Errorf("Got(%q) = %v, want still no database", "data folder", names(after))
					}
				}
			})
		}
	}
}

func TestRestore_ReplacesDamagedOrMissing(t *testing.T) {
	ctx := context.Background()
	s, b := backedUp(t, 3, 2)
	garbage := []byte("this was a database before a volunteer repaired the PC")
	writeFile(t, s.Path(), garbage)
	writeFile(t, s.Path()+"-wal", []byte("stale log"))
	now := at(6, 8)
	got, err := backup.Restore(ctx, s.dataDir, b.Path, now)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Restore", err)
	}
	moved := s.Path() + ".damaged-" + now.Format("20060102-150405")
	if got.SafetyCopy != moved {
		t.Errorf("Got(%q) = %q, want %q", "SafetyCopy", got.SafetyCopy, moved)
	}
	if b, err := os.ReadFile(moved); err != nil || !bytes.Equal(b, garbage) {
		t.Errorf("Got(%q) = %q, %v, want the damaged file kept as it was", "moved file", b, err)
	}
	if _, err := os.Stat(moved + "-wal"); err != nil {
		t.Errorf("Got(%q) = %v, want the stale -wal moved with it", "moved -wal", err)
	}
	if _, err := os.Stat(s.Path() + "-wal"); !os.IsNotExist(err) {
		t.Errorf("Got(%q) = %v, want no -wal beside the restored database", "Stat -wal", err)
	}
	if fp := restoredFingerprint(t, s.Path()); fp != fileFingerprint(t, b.Path) {
		t.Errorf("Got(%q) = other data, want the backup's", "restored fingerprint")
	}

	// No database at all (moved aside at start): restored, no safety copy.
	if err := os.Remove(s.Path()); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Remove", err)
	}
	got, err = backup.Restore(ctx, s.dataDir, b.Path, now)
	if err != nil || got.SafetyCopy != "" {
		t.Errorf("Got(%q) = %+v, %v, want restored with no safety copy", "Restore(no database)", got, err)
	}
}

// TestRestore_StaleLog restores over a database whose -wal a crash left
// (the program stopped unclean, and was not restarted before the
// restore): the log is kept in the safety copy, never replayed onto the
// restored file.
func TestRestore_StaleLog(t *testing.T) {
	ctx := context.Background()
	s, b := backedUp(t, 2, 0)
	s.reopen(t)
	s.add(t, 4)
	// A crash: the file and its -wal as they are while open.
	crash := t.TempDir()
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(s.Path() + suffix)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
		}
		writeFile(t, filepath.Join(crash, sqlite.FileName+suffix), data)
	}
	before := s.fingerprint(t)
	s.close(t)
	got, err := backup.Restore(ctx, crash, b.Path, at(6, 9))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Restore", err)
	}
	if fp := fileFingerprint(t, got.SafetyCopy); fp != before {
		t.Errorf("Got(%q) = other data, want the crashed database with its log", "safety copy")
	}
	restored := filepath.Join(crash, sqlite.FileName)
	if fp := restoredFingerprint(t, restored); fp != fileFingerprint(t, b.Path) {
		t.Errorf("Got(%q) = other data, want the backup's", "restored")
	}
	if got := names(dataFiles(t, crash)); !slices.Equal(got, []string{sqlite.FileName}) {
		t.Errorf("Got(%q) = %v, want the database alone", "data folder", got)
	}
	db, err := sqlite.Open(ctx, restored)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	defer db.Close()
	if fp, err := db.Fingerprint(ctx); err != nil || fp != fileFingerprint(t, restored) {
		t.Errorf("Got(%q) = %v, want the restored data once opened", "Fingerprint", err)
	}
}

// TestRestore_OlderVersion restores a backup of an older schema: it is
// accepted, and Open brings it up to date.
func TestRestore_OlderVersion(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	s.close(t)
	old := filepath.Join(t.TempDir(), "v1.db")
	raw, err := sql.Open("sqlite3", "file:"+old)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "sql.Open", err)
	}
	first, err := os.ReadFile("../sqlite/migrations/001_visits.sql")
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	for _, st := range []string{
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
		string(first),
		`INSERT INTO schema_migrations VALUES (1, '001_visits.sql', '2025-01-01T00:00:00.000Z')`,
		`INSERT INTO visits(key, started_at, updated_at, lang) VALUES ('old', '2025-01-01T09:00:00.000Z', '2025-01-01T09:00:00.000Z', 'fr')`,
		`PRAGMA user_version = 1`,
	} {
		if _, err := raw.Exec(st); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", st, err)
		}
	}
	raw.Close()
	got, err := backup.Restore(ctx, s.dataDir, old, at(7, 9))
	if err != nil || got.Backup.SchemaVersion != 1 || got.Backup.Counts.Visits != 1 {
		t.Fatalf("Got(%q) = %+v, %v, want version 1 with 1 visit", "Restore", got, err)
	}
	s.reopen(t)
	s.close(t)
	info, err := sqlite.InspectFile(ctx, s.Path())
	if err != nil || info.SchemaVersion != sqlite.SchemaVersion() || info.Counts.Visits != 1 {
		t.Errorf("Got(%q) = %+v, %v, want brought up to version %d", "after Open", info, err, sqlite.SchemaVersion())
	}
}
