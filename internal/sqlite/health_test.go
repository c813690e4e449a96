package sqlite_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

// allFiles returns the SHA-256 of every file of dir, by name.
func allFiles(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadDir", err)
	}
	out := map[string][32]byte{}
	for _, e := range entries {
		if e.Type().IsRegular() {
			out[e.Name()] = fileHashes(t, filepath.Join(dir, e.Name()))[e.Name()]
		}
	}
	return out
}

// garblePages overwrites pages of the database file with garbage, from
// the root page of the visits table on.
func garblePages(t *testing.T, path string) {
	t.Helper()
	ro, err := sqlite.InspectFile(context.Background(), path)
	if err != nil || ro.Counts.Visits == 0 {
		t.Fatalf("Got(%q) = %v, %v, want visits to damage", "InspectFile", ro, err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	const page = 4096
	for i := 2 * page; i < min(len(b), 12*page); i++ {
		b[i] = byte(i*7 + 3)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
}

func TestCheckHealth(t *testing.T) {
	ctx := context.Background()
	good := filledDatabase(t, 60)
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	// A copy of a database and its -wal taken while it was open, as a
	// crash leaves them.
	crashed := func(t *testing.T, path string) {
		src := filepath.Join(t.TempDir(), sqlite.FileName)
		write(t, src, goodBytes)
		db, err := sqlite.Open(ctx, src)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
		}
		defer db.Close()
		if _, err := sqlite.Writer(db).Exec("PRAGMA wal_autocheckpoint = 0"); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "wal_autocheckpoint", err)
		}
		writeRecords(t, db, addAccount(t, db, "crash"), 5)
		copyFile(t, src, path)
		copyFile(t, src+"-wal", path+"-wal")
	}

	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, path string)
		want    sqlite.HealthState
		problem string // contained in Problem
	}{
		{"no file", func(*testing.T, string) {}, sqlite.HealthNew, ""},
		{"empty file", func(t *testing.T, p string) { write(t, p, nil) }, sqlite.HealthNew, ""},
		{"sound, closed", func(t *testing.T, p string) { write(t, p, goodBytes) }, sqlite.HealthSound, ""},
		{"sound, with the -wal of a crash", crashed, sqlite.HealthSound, ""},
		{"pages overwritten with garbage", func(t *testing.T, p string) {
			write(t, p, goodBytes)
			garblePages(t, p)
		}, sqlite.HealthDamaged, "malformed"},
		{"truncated", func(t *testing.T, p string) { write(t, p, goodBytes[:len(goodBytes)/2]) },
			sqlite.HealthDamaged, "malformed"},
		{"header only", func(t *testing.T, p string) { write(t, p, goodBytes[:100]) },
			sqlite.HealthDamaged, "malformed"},
		{"text", func(t *testing.T, p string) {
			write(t, p, bytes.Repeat([]byte("Ceci n'est pas une base de données.\n"), 200))
		}, sqlite.HealthDamaged, "not a SQLite database"},
		{"zeros", func(t *testing.T, p string) { write(t, p, make([]byte, 16384)) },
			sqlite.HealthDamaged, "not a SQLite database"},
		{"too short", func(t *testing.T, p string) { write(t, p, []byte("SQLite")) },
			sqlite.HealthDamaged, "too short"},
		{"sqlite header then garbage", func(t *testing.T, p string) {
			write(t, p, append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xff}, 8192)...))
		}, sqlite.HealthDamaged, ""},
		{"empty file beside a -wal with data", func(t *testing.T, p string) {
			crashed(t, p)
			write(t, p, nil)
		}, sqlite.HealthDamaged, "empty but its write-ahead log"},
		{"no file beside a -wal with data", func(t *testing.T, p string) {
			crashed(t, p)
			if err := os.Remove(p); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "Remove", err)
			}
		}, sqlite.HealthDamaged, "missing"},
		{"a folder", func(t *testing.T, p string) {
			if err := os.Mkdir(p, 0o700); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "Mkdir", err)
			}
		}, sqlite.HealthDamaged, "not a file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, sqlite.FileName)
			tc.prepare(t, path)
			before := allFiles(t, dir)

			h := sqlite.CheckHealth(ctx, path)
			if h.State != tc.want || !strings.Contains(h.Problem, tc.problem) {
				t.Errorf("Got(%q) = %v, want %s with a problem containing %q", "CheckHealth", h, tc.want, tc.problem)
			}
			// The full check after a crash, the quick one otherwise.
			wantCheck := "quick_check"
			if _, crashed := before[sqlite.FileName+"-wal"]; crashed {
				wantCheck = "integrity_check"
			}
			if h.State == sqlite.HealthSound && h.Check != wantCheck {
				t.Errorf("Got(%q) = %q, want %q", "Check", h.Check, wantCheck)
			}
			if want := tc.want == sqlite.HealthNew || tc.want == sqlite.HealthSound; h.Usable() != want {
				t.Errorf("Got(%q) = %v, want %v", "Usable()", h.Usable(), want)
			}
			// Nothing written: every file keeps its bytes. Only the -shm
			// index may appear beside a database read with its -wal.
			after := allFiles(t, dir)
			for name, sum := range before {
				if after[name] != sum && name != sqlite.FileName+"-shm" {
					t.Errorf("Got(%q) = changed, want the same bytes", name)
				}
			}
			for name := range after {
				if _, ok := before[name]; !ok && name != sqlite.FileName+"-shm" {
					t.Errorf("Got(%q) = created, want no new file", name)
				}
			}
			if _, ok := before[sqlite.FileName+"-wal"]; !ok {
				if _, ok := after[sqlite.FileName+"-shm"]; ok {
					t.Errorf("Got(%q) = created beside a closed database, want nothing", "-shm")
				}
			}
		})
	}
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
}

func TestCheckOnStart(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 10, 15, 0, 0, time.Local)
	stamp := ".damaged-20260302-101500"

	t.Run("damaged: moved aside with its -wal, then a new database opens", func(t *testing.T) {
		path := filledDatabase(t, 40)
		garblePages(t, path)
		write(t, path+"-wal", []byte("not really a log"))
		garbled := fileHashes(t, path)[sqlite.FileName]

		h, err := sqlite.CheckOnStart(ctx, path, now)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "CheckOnStart", err)
		}
		if h.State != sqlite.HealthDamaged || h.Usable() || h.MovedTo != path+stamp {
			t.Errorf("Got(%q) = %+v, want damaged, moved to %s", "CheckOnStart", h, path+stamp)
		}
		if got := fileHashes(t, h.MovedTo)[filepath.Base(h.MovedTo)]; got != garbled {
			t.Errorf("Got(%q) = other bytes, want the damaged file unchanged", h.MovedTo)
		}
		for _, p := range []string{path, path + "-wal"} {
			if _, err := os.Stat(p); !os.IsNotExist(err) {
				t.Errorf("Got(%q) = %v, want no such file", "Stat "+filepath.Base(p), err)
			}
		}
		if _, err := os.Stat(h.MovedTo + "-wal"); err != nil {
			t.Errorf("Got(%q) = %v, want the -wal moved with its database", "Stat moved -wal", err)
		}
		// The same second again: another name.
		write(t, path, []byte("garbage"))
		h2, err := sqlite.CheckOnStart(ctx, path, now)
		if err != nil || h2.MovedTo != path+stamp+"-2" {
			t.Errorf("Got(%q) = %+v, %v, want moved to %s", "CheckOnStart again", h2, err, path+stamp+"-2")
		}
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want a new database", "Open after", err)
		}
		defer db.Close()
		if h := sqlite.CheckHealth(ctx, path); h.State != sqlite.HealthSound {
			t.Errorf("Got(%q) = %v, want sound", "CheckHealth of the new database", h)
		}
	})

	t.Run("sound or new: nothing moved", func(t *testing.T) {
		for _, path := range []string{filledDatabase(t, 3), filepath.Join(t.TempDir(), sqlite.FileName)} {
			dir := filepath.Dir(path)
			before := allFiles(t, dir)
			h, err := sqlite.CheckOnStart(ctx, path, now)
			if err != nil || !h.Usable() || h.MovedTo != "" {
				t.Errorf("Got(%q) = %+v, %v, want usable, nothing moved", "CheckOnStart", h, err)
			}
			if after := allFiles(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("Got(%q) = %v, want %v", "files after", keys(after), keys(before))
			}
		}
	})

	t.Run("newer version: sound here, Open refuses it", func(t *testing.T) {
		path := newerDatabase(t, false)
		h, err := sqlite.CheckOnStart(ctx, path, now)
		if err != nil || h.State != sqlite.HealthSound {
			t.Errorf("Got(%q) = %+v, %v, want sound", "CheckOnStart", h, err)
		}
		if _, err := sqlite.Open(ctx, path); failure.KindOf(err) != failure.NewerVersion {
			t.Errorf("Got(%q) = %v, want %s", "Open", err, failure.NewerVersion)
		}
	})
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
