package sqlite_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// openDB opens a store on a new file in a temporary folder and closes it at
// the end of the test.
func openDB(t testing.TB) (*sqlite.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Got(%q) = %v, want nil error", "Close", err)
		}
	})
	return db, path
}

// rawDB opens the file with the driver alone, outside the store, with one
// connection so that per-connection PRAGMAs stick.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite3", sqlite.DSN(path))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "sql.Open", err)
	}
	raw.SetMaxOpenConns(1)
	return raw
}

func queryInt(t *testing.T, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, query string, args ...any) int {
	t.Helper()
	var n int
	if err := q.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", query, err)
	}
	return n
}

type migrationRow struct {
	Version   int
	Name      string
	AppliedAt string
}

func migrationRows(t *testing.T, db *sql.DB) []migrationRow {
	t.Helper()
	rows, err := db.Query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SELECT schema_migrations", err)
	}
	defer rows.Close()
	var out []migrationRow
	for rows.Next() {
		var m migrationRow
		if err := rows.Scan(&m.Version, &m.Name, &m.AppliedAt); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Scan schema_migrations", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "rows schema_migrations", err)
	}
	return out
}

// migrationFiles lists the .sql files of migrations/, sorted.
func migrationFiles(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("migrations")
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadDir migrations", err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

func TestOpen_CreatesSchema(t *testing.T) {
	db, path := openDB(t)
	files := migrationFiles(t)
	if len(files) == 0 {
		t.Fatalf("Got(%q) = no migration file, want at least one", "migrations/")
	}
	if got := sqlite.SchemaVersion(); got != len(files) {
		t.Errorf("Got(%q) = %d, want %d (one per migration file)", "SchemaVersion()", got, len(files))
	}

	w := sqlite.Writer(db)
	if got := queryInt(t, w, "PRAGMA user_version"); got != sqlite.SchemaVersion() {
		t.Errorf("Got(%q) = %d, want %d", "PRAGMA user_version", got, sqlite.SchemaVersion())
	}
	rows := migrationRows(t, w)
	if len(rows) != len(files) {
		t.Fatalf("Got(%q) = %d rows, want %d (one per file %v)", "schema_migrations", len(rows), len(files), files)
	}
	for i, m := range rows {
		if m.Version != i+1 || m.Name != files[i] {
			t.Errorf("Got(%q) = (%d, %q), want (%d, %q)", fmt.Sprintf("schema_migrations row %d", i), m.Version, m.Name, i+1, files[i])
		}
		if _, err := time.Parse("2006-01-02T15:04:05.000Z", m.AppliedAt); err != nil {
			t.Errorf("Got(%q) = %q, want a UTC time with ms: %v", "applied_at", m.AppliedAt, err)
		}
	}
	for _, table := range []string{"visits", "help_requests"} {
		if got := queryInt(t, w, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table); got != 1 {
			t.Errorf("Got(%q) = %d, want 1", "table "+table, got)
		}
	}
	if db.Path() != path {
		t.Errorf("Got(%q) = %q, want %q", "Path()", db.Path(), path)
	}
}

func TestOpen_ReopenAppliesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	before := migrationRows(t, sqlite.Writer(db))
	if err := db.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	time.Sleep(2 * time.Millisecond) // a re-applied migration would get a later applied_at

	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open again", err)
	}
	defer db.Close()
	after := migrationRows(t, sqlite.Writer(db))
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("Got(%q) = %v, want %v", "schema_migrations after reopening", after, before)
	}
	if got := queryInt(t, sqlite.Writer(db), "PRAGMA user_version"); got != sqlite.SchemaVersion() {
		t.Errorf("Got(%q) = %d, want %d", "PRAGMA user_version", got, sqlite.SchemaVersion())
	}
}

// TestDB_Pragmas checks the settings that make commits durable (R2), avoid
// "database is locked" (R3) and erase deleted data (R14), on the writer and
// on every reader the pool can hold at once.
func TestDB_Pragmas(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	want := []struct {
		pragma string
		value  string
	}{
		{"journal_mode", "wal"},
		{"synchronous", "2"},
		{"foreign_keys", "1"},
		{"busy_timeout", "5000"},
		{"secure_delete", "1"},
	}

	var conns []*sql.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	names := []string{}
	wc, err := sqlite.Writer(db).Conn(ctx)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "writer Conn", err)
	}
	conns = append(conns, wc)
	names = append(names, "writer")
	readers := sqlite.Readers(db)
	if n := readers.Stats().MaxOpenConnections; n < 2 {
		t.Errorf("Got(%q) = %d, want at least 2 readers", "readers MaxOpenConnections", n)
	}
	// Hold as many readers as the pool allows, at once, so each is a
	// distinct connection.
	for i := range readers.Stats().MaxOpenConnections {
		c, err := readers.Conn(ctx)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", fmt.Sprintf("reader Conn %d", i), err)
		}
		conns = append(conns, c)
		names = append(names, fmt.Sprintf("reader %d", i))
	}
	if got := readers.Stats().OpenConnections; got != len(conns)-1 {
		t.Errorf("Got(%q) = %d, want %d distinct readers", "readers OpenConnections", got, len(conns)-1)
	}

	for i, c := range conns {
		for _, p := range want {
			t.Run(names[i]+"/"+p.pragma, func(t *testing.T) {
				var got string
				if err := c.QueryRowContext(ctx, "PRAGMA "+p.pragma).Scan(&got); err != nil {
					t.Fatalf("Got(%q) = %v, want nil error", "PRAGMA "+p.pragma, err)
				}
				if got != p.value {
					t.Errorf("Got(%q) = %v, want %v", "PRAGMA "+p.pragma, got, p.value)
				}
			})
		}
		// Readers cannot write; the writer can.
		wantQueryOnly := "1"
		if i == 0 {
			wantQueryOnly = "0"
		}
		var got string
		if err := c.QueryRowContext(ctx, "PRAGMA query_only").Scan(&got); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "PRAGMA query_only", err)
		}
		if got != wantQueryOnly {
			t.Errorf("Got(%q) = %v, want %v", names[i]+" PRAGMA query_only", got, wantQueryOnly)
		}
	}
}

// fileHashes returns the SHA-256 of the database file and of its -wal,
// if there is one.
func fileHashes(t *testing.T, path string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "ReadFile "+p, err)
		}
		out[filepath.Base(p)] = sha256.Sum256(b)
	}
	return out
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile "+from, err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile "+to, err)
	}
}

// newerDatabase makes a database whose user_version is one past what this
// program knows, in two forms: with the version in the main file, and with
// it only in the -wal (as after a crash of a newer program).
func newerDatabase(t *testing.T, inWAL bool) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, sqlite.FileName)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	now := time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)
	if err := db.SaveVisit(ctx, visit.Visit{Key: "k1", Started: now, Updated: now, Lang: "fr", MaxTextSize: 1}); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}

	raw := rawDB(t, path)
	if _, err := raw.Exec("PRAGMA wal_autocheckpoint = 0"); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "wal_autocheckpoint", err)
	}
	if _, err := raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", sqlite.SchemaVersion()+1)); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "set user_version", err)
	}
	if _, err := raw.Exec("CREATE TABLE from_the_future (x TEXT)"); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "CREATE TABLE", err)
	}
	if inWAL {
		// Copy the file and its -wal while the writer is open: the new
		// version is only in the -wal.
		crash := filepath.Join(t.TempDir(), sqlite.FileName)
		copyFile(t, path, crash)
		copyFile(t, path+"-wal", crash+"-wal")
		path = crash
	}
	if err := raw.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close raw", err)
	}
	return path
}

func TestOpen_NewerVersion(t *testing.T) {
	for _, tc := range []struct {
		name  string
		inWAL bool
	}{
		{"version in the file", false},
		{"version in the wal", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := newerDatabase(t, tc.inWAL)
			before := fileHashes(t, path)
			if _, ok := before[sqlite.FileName+"-wal"]; ok != tc.inWAL {
				t.Fatalf("Got(%q) = %v, want %v", "has -wal before Open", ok, tc.inWAL)
			}

			db, err := sqlite.Open(context.Background(), path)
			if err == nil {
				db.Close()
				t.Fatalf("Got(%q) = nil error, want %s", "Open", failure.NewerVersion)
			}
			if got := failure.KindOf(err); got != failure.NewerVersion {
				t.Errorf("Got(%q) = %v, want %v (error: %v)", "KindOf(Open)", got, failure.NewerVersion, err)
			}
			msg := err.Error()
			for _, want := range []string{
				fmt.Sprintf("schema version %d", sqlite.SchemaVersion()+1),
				fmt.Sprintf("knows up to %d", sqlite.SchemaVersion()),
			} {
				if !strings.Contains(msg, want) {
					t.Errorf("Got(%q) = %q, want it to contain %q", "error message", msg, want)
				}
			}

			after := fileHashes(t, path)
			if fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("Got(%q) = %x, want %x (unchanged)", "file hashes after Open", after, before)
			}
		})
	}
}

func TestOpen_NotADatabase(t *testing.T) {
	for _, tc := range []struct {
		name    string
		content []byte
	}{
		{"a few bytes", []byte("hello")},
		{"text", bytes.Repeat([]byte("Ceci n'est pas une base de données.\n"), 200)},
		{"binary", bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3}, 1024)},
		{"sqlite header then garbage", append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xff}, 8192)...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), sqlite.FileName)
			if err := os.WriteFile(path, tc.content, 0o600); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
			}
			before := fileHashes(t, path)
			db, err := sqlite.Open(context.Background(), path)
			if err == nil {
				db.Close()
				t.Fatalf("Got(%q) = nil error, want %s", "Open", failure.Damaged)
			}
			if got := failure.KindOf(err); got != failure.Damaged {
				t.Errorf("Got(%q) = %v, want %v (error: %v)", "KindOf(Open)", got, failure.Damaged, err)
			}
			if after := fileHashes(t, path); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("Got(%q) = %x, want %x (unchanged)", "file hashes after Open", after, before)
			}
		})
	}
}

func TestOpen_EmptyFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open(empty file)", err)
	}
	defer db.Close()
	if got := queryInt(t, sqlite.Writer(db), "PRAGMA user_version"); got != sqlite.SchemaVersion() {
		t.Errorf("Got(%q) = %d, want %d", "PRAGMA user_version", got, sqlite.SchemaVersion())
	}
	now := time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)
	if err := db.SaveVisit(ctx, visit.Visit{Key: "k", Started: now, Updated: now, Lang: "fr", MaxTextSize: 1}); err != nil {
		t.Errorf("Got(%q) = %v, want nil error", "SaveVisit", err)
	}
}

// secretColumn matches column names that would hold a credential or a
// national identifier (R6).
var secretColumn = regexp.MustCompile(`(?i)(pass|mdp|secret|nir|secu|fiscal|spi|iban)`)

func TestSchema_NoSecretColumns(t *testing.T) {
	// The pattern itself catches the names it is meant for.
	for _, name := range []string{"password", "mdp_hash", "client_secret", "nir", "numero_secu", "num_fiscal", "spi", "IBAN"} {
		if !secretColumn.MatchString(name) {
			t.Errorf("Got(%q) = no match, want a match", name)
		}
	}

	db, _ := openDB(t)
	r := sqlite.Readers(db)
	rows, err := r.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
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
	if len(tables) < 3 {
		t.Fatalf("Got(%q) = %v, want the schema's tables", "tables", tables)
	}
	columns := 0
	for _, table := range tables {
		t.Run(table, func(t *testing.T) {
			rows, err := r.Query("SELECT name FROM pragma_table_info(?)", table)
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "pragma_table_info", err)
			}
			defer rows.Close()
			for rows.Next() {
				var col string
				if err := rows.Scan(&col); err != nil {
					t.Fatalf("Got(%q) = %v, want nil error", "Scan", err)
				}
				columns++
				if secretColumn.MatchString(col) {
					t.Errorf("Got(%q) = matches %v, want no credential or national identifier column", table+"."+col, secretColumn)
				}
			}
		})
	}
	if columns == 0 {
		t.Errorf("Got(%q) = 0, want the columns of %v", "columns", tables)
	}
}

// TestDB_DiskFull fills the database up to a small max_page_count: the write
// that does not fit fails with failure.DiskFull, writes nothing, and the
// store works again once there is room.
func TestDB_DiskFull(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	w := sqlite.Writer(db)
	pages := queryInt(t, w, "PRAGMA page_count")
	if _, err := w.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+2)); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "max_page_count", err)
	}

	now := time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)
	long := strings.Repeat("x", 1500) // a few rows fill a page
	var err error
	saved := 0
	for i := range 200 {
		v := visit.Visit{Key: fmt.Sprintf("%s-%03d", long, i), Started: now, Updated: now, Lang: "fr", MaxTextSize: 1}
		if err = db.SaveVisit(ctx, v); err != nil {
			break
		}
		saved++
	}
	if err == nil {
		t.Fatalf("Got(%q) = nil error after %d rows, want %s", "SaveVisit", saved, failure.DiskFull)
	}
	if got := failure.KindOf(err); got != failure.DiskFull {
		t.Errorf("Got(%q) = %v, want %v (error: %v)", "KindOf(SaveVisit)", got, failure.DiskFull, err)
	}
	if got := queryInt(t, w, "SELECT count(*) FROM visits"); got != saved {
		t.Errorf("Got(%q) = %d, want %d (the failed write left nothing)", "count(visits)", got, saved)
	}

	if _, err := w.Exec("PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "max_page_count", err)
	}
	v := visit.Visit{Key: "after", Started: now, Updated: now, Lang: "fr", MaxTextSize: 1}
	if err := db.SaveVisit(ctx, v); err != nil {
		t.Errorf("Got(%q) = %v, want nil error once there is room", "SaveVisit", err)
	}
}

// TestDB_SecureDelete writes a canary, deletes it and checkpoints: its bytes
// must be gone from the database file and its -wal (R14).
func TestDB_SecureDelete(t *testing.T) {
	ctx := context.Background()
	db, path := openDB(t)
	canary := "CANARY-7f3a9c-canary"
	now := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	for _, key := range []string{"kept-1", canary, "kept-2"} {
		v := visit.Visit{Key: key, Started: now, Updated: now, Lang: "fr", GuideID: key + "-guide", MaxTextSize: 1}
		if err := db.SaveVisit(ctx, v); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
		}
	}
	if err := sqlite.ExecTx(ctx, db, "DELETE FROM visits WHERE key = ?", canary); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "DELETE", err)
	}
	if _, err := sqlite.Writer(db).Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "wal_checkpoint", err)
	}
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
		}
		if bytes.Contains(b, []byte("CANARY")) {
			t.Errorf("Got(%q) = contains the deleted canary, want no trace", filepath.Base(p))
		}
		if p == path && !bytes.Contains(b, []byte("kept-1-guide")) {
			t.Errorf("Got(%q) = no kept row, want the rows not deleted", filepath.Base(p))
		}
	}
}
