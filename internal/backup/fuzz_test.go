package backup_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"pasapas/internal/backup"
	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

// FuzzRestore hands Restore hostile bytes as a backup file. It must never
// panic, and unless the bytes are a valid Pas à pas backup (then the
// database holds its records, brought up to date, plus the audit entry of
// the restore; exactly its data when it is of this version),
// the database must keep every byte and
// nothing temporary may stay beside it. Seeds: testdata/fuzz/FuzzRestore
// (garbage, text, another program's database, a lone header) and, added
// here, a real backup, cut and damaged copies of it, and one of a newer
// version.
//
//	go test ./internal/backup -run '^$' -fuzz '^FuzzRestore$' -fuzztime 1m
func FuzzRestore(f *testing.F) {
	ctx := context.Background()
	dataDir := f.TempDir()
	valid := realBackup(f)
	for _, seed := range [][]byte{
		valid,
		valid[:100],
		valid[:len(valid)/2],
		flip(valid, 4096*2, 64),
		flip(valid, 60, 4), // the user_version
		flip(valid, 28, 4), // the page count
		withVersion(valid, sqlite.SchemaVersion()+1),
	} {
		f.Add(seed)
	}

	// The data folder's database, closed, as the program leaves it before
	// a restore.
	dbPath := filepath.Join(dataDir, sqlite.FileName)
	original := valid
	writeBytes(f, dbPath, original)
	originalSum := sha256.Sum256(original)
	candidate := filepath.Join(f.TempDir(), "candidate.db")
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.Local)

	f.Fuzz(func(t *testing.T, data []byte) {
		writeBytes(t, candidate, data)
		got, err := backup.Restore(ctx, dataDir, candidate, now)
		if err == nil {
			// A valid backup: the database now holds its records (brought
			// up to date when it is of an older version) and the restore's
			// audit entry. The original goes back first, whatever follows.
			restored, rerr := os.ReadFile(dbPath)
			writeBytes(t, dbPath, original)
			if got.SafetyCopy != "" {
				os.Remove(got.SafetyCopy) //nolint:errcheck // test cleanup
			}
			if rerr != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", rerr)
			}
			check := filepath.Join(t.TempDir(), "restored.db")
			writeBytes(t, check, restored)
			fi, err := sqlite.VerifyFile(ctx, check)
			if err != nil {
				t.Fatalf("Got(%q) = %v after a restore that succeeded, want a sound database", "VerifyFile", err)
			}
			if fi.Counts != got.Backup.Counts || fi.SchemaVersion != sqlite.SchemaVersion() {
				t.Fatalf("Got(%q) = %+v, want the backup's counts %+v at version %d", "restored database", fi, got.Backup.Counts, sqlite.SchemaVersion())
			}
			if got.Backup.SchemaVersion == sqlite.SchemaVersion() && restoredFingerprint(t, check) != fileFingerprint(t, candidate) {
				t.Fatalf("Got(%q) = other data, want the backup's (and the restore's audit entry)", "restored database")
			}
			return
		}
		switch failure.KindOf(err) {
		case failure.Invalid, failure.Damaged, failure.NewerVersion:
		default:
			t.Fatalf("Got(%q) = %v (kind %s), want invalid, damaged or newer_version", "Restore", err, failure.KindOf(err))
		}
		b, rerr := os.ReadFile(dbPath)
		if rerr != nil || sha256.Sum256(b) != originalSum {
			t.Fatalf("Got(%q) = changed (%v) after a refused restore, want every byte kept", "database", rerr)
		}
		entries, rerr := os.ReadDir(dataDir)
		if rerr != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "ReadDir", rerr)
		}
		for _, e := range entries {
			if n := e.Name(); n != sqlite.FileName && n != backup.DirName {
				t.Fatalf("Got(%q) = left beside the database, want nothing", n)
			}
		}
	})
}

// realBackup returns the bytes of a backup of a database with a few
// visits and accompaniments.
func realBackup(f *testing.F) []byte {
	f.Helper()
	s := newStore(f)
	s.add(f, 3)
	info, err := backup.Create(context.Background(), s, backup.Dir(s.dataDir), time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local))
	if err != nil {
		f.Fatalf("Got(%q) = %v, want nil error", "Create", err)
	}
	b, err := os.ReadFile(info.Path)
	if err != nil {
		f.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	return b
}

// flip returns a copy of b with n bytes from off inverted.
func flip(b []byte, off, n int) []byte {
	c := slices.Clone(b)
	for i := off; i < off+n && i < len(c); i++ {
		c[i] ^= 0xff
	}
	return c
}

// withVersion returns a copy of the database b with another user_version.
func withVersion(b []byte, v int) []byte {
	c := slices.Clone(b)
	binary.BigEndian.PutUint32(c[60:64], uint32(v))
	return c
}

func writeBytes(tb testing.TB, path string, b []byte) {
	tb.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		tb.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
}
