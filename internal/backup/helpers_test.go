package backup_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/journal"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// store is an open database in a data folder of its own.
type store struct {
	*sqlite.DB
	dataDir  string
	mediator int64
	seq      int
	closed   bool
}

// newStore opens a database in a new data folder, with a mediator
// account; it is closed at the end of the test unless closed before.
func newStore(t testing.TB) *store {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	s := &store{DB: db, dataDir: dir}
	t.Cleanup(func() {
		if !s.closed {
			db.Close()
		}
	})
	s.mediator, err = db.CreateAccount(context.Background(), account.Account{Name: "mediatrice",
		DisplayName: "Médiatrice", Role: account.Coordinator, Verifier: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
		Created: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "CreateAccount", err)
	}
	return s
}

func (s *store) close(t testing.TB) {
	t.Helper()
	if err := s.DB.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	s.closed = true
}

// reopen opens the database of the folder again.
func (s *store) reopen(t *testing.T) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), s.Path())
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open again", err)
	}
	s.DB, s.closed = db, false
}

// add writes n visits and n accompaniments.
func (s *store) add(t testing.TB, n int) {
	t.Helper()
	ctx := context.Background()
	for range n {
		s.seq++
		at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(s.seq) * time.Minute)
		if err := s.SaveVisit(ctx, visit.Visit{Key: fmt.Sprintf("v%04d", s.seq), Started: at, Updated: at,
			Lang: "fr", MaxTextSize: 1}); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
		}
		if _, err := s.SaveAccompaniment(ctx, s.accompaniment("")); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SaveAccompaniment", err)
		}
	}
}

func (s *store) accompaniment(notes string) journal.Accompaniment {
	a := journal.NewAccompaniment(journal.NewDate(2026, 3, 2), s.mediator)
	a.DurationMinutes = 20
	a.Place.Name = "Centre social des Lilas"
	a.Themes = []journal.Theme{journal.ThemeEmail}
	a.Equipment = []journal.Equipment{journal.EquipmentOrdinateur}
	a.Notes = notes
	return a
}

// fingerprint returns the fingerprint of the store's data.
func (s *store) fingerprint(t *testing.T) string {
	t.Helper()
	fp, err := s.Fingerprint(context.Background())
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Fingerprint", err)
	}
	return fp
}

func fileFingerprint(t *testing.T, path string) string {
	t.Helper()
	fp, err := sqlite.FileFingerprint(context.Background(), path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "FileFingerprint", err)
	}
	return fp
}

// files returns the SHA-256 of every file directly in dir, by name.
func files(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadDir", err)
	}
	out := map[string][32]byte{}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
		}
		out[e.Name()] = sha256.Sum256(b)
	}
	return out
}

func names[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
}

// at is a fixed local time of the tests.
func at(day, hour int) time.Time {
	return time.Date(2026, 3, day, hour, 0, 0, 0, time.Local)
}

// restoredFingerprint returns the fingerprint of a restored database
// without the audit entry of the restore itself: the backup's data.
func restoredFingerprint(t testing.TB, path string) string {
	t.Helper()
	c := filepath.Join(t.TempDir(), "copy.db")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	if err := os.WriteFile(c, b, 0o600); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
	raw, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: c}).EscapedPath()) // "seed#0" in the path
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "sql.Open", err)
	}
	if _, err := raw.Exec("DELETE FROM audit WHERE action = 'restore'"); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "DELETE", err)
	}
	if err := raw.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	fp, err := sqlite.FileFingerprint(context.Background(), c)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "FileFingerprint", err)
	}
	return fp
}
