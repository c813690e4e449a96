package backup_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pasapas/internal/backup"
	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

// testWorkFactor keeps scrypt cheap in tests (2^10 instead of 2^18).
const testWorkFactor = 10

func testSeal(passphrase string) backup.Seal {
	return backup.Seal{Passphrase: passphrase, WorkFactor: testWorkFactor}
}

const goodPassphrase = "le chat de Lucie dort au soleil"

// sealedBackup returns a closed store of n records and an encrypted
// backup of it on a "stick", taken before m more records.
func sealedBackup(t *testing.T, n, m int) (*store, backup.Info) {
	t.Helper()
	s := newStore(t)
	s.add(t, n)
	info, err := backup.SaveSealed(context.Background(), s, t.TempDir(), at(2, 9), testSeal(goodPassphrase))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SaveSealed", err)
	}
	s.add(t, m)
	s.close(t)
	return s, info
}

func TestRestore_Encrypted(t *testing.T) {
	ctx := context.Background()
	s, b := sealedBackup(t, 3, 2)
	got, err := backup.RestoreWith(ctx, s.dataDir, b.Path, at(4, 10), backup.RestoreOptions{Passphrase: goodPassphrase})
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "RestoreWith", err)
	}
	if got.Backup.Counts.Visits != 3 || !got.Backup.Encrypted || !got.Backup.Time.Equal(at(2, 9)) {
		t.Errorf("Got(%q) = %+v, want the encrypted backup's 3 visits of %v", "Restored", got.Backup, at(2, 9))
	}
	info, err := sqlite.InspectFile(ctx, s.Path())
	if err != nil || info.Counts.Visits != 3 {
		t.Errorf("Got(%q) = %+v, %v, want 3 visits in place", "InspectFile", info, err)
	}
	if got := names(dataFiles(t, s.dataDir)); !slices.Equal(slices.Sorted(slices.Values(got)), []string{backup.DirName, sqlite.FileName}) &&
		!slices.Equal(got, []string{sqlite.FileName}) {
		t.Errorf("Got(%q) = %v, want the database alone", "data folder", got)
	}
}

// TestRestore_EncryptedRefused: no passphrase, a wrong one, a file cut
// short or damaged, a plain SQLite file named .age by mistake is fine but
// an age file of something else is not a backup: each refused with its
// reason, and nothing changes.
func TestRestore_EncryptedRefused(t *testing.T) {
	ctx := context.Background()
	s, b := sealedBackup(t, 3, 1)
	good, err := os.ReadFile(b.Path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	file := func(content []byte) string {
		p := filepath.Join(t.TempDir(), "candidate.db.age")
		writeFile(t, p, content)
		return p
	}
	flipped := slices.Clone(good)
	flipped[len(flipped)/2] ^= 0x01
	notBackup := filepath.Join(t.TempDir(), "notes.txt")
	writeFile(t, notBackup, []byte(strings.Repeat("des notes, pas une base\n", 200)))
	sealedText := filepath.Join(t.TempDir(), "notes.age")
	{
		f, err := os.Create(sealedText)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Create", err)
		}
		if _, err := backup.SealForTest(testSeal(goodPassphrase), f, notBackup); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "encrypt", err)
		}
		if err := f.Close(); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
		}
	}
	if err := os.MkdirAll(backup.Dir(s.dataDir), 0o700); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "MkdirAll", err)
	}
	for _, tc := range []struct {
		name       string
		file       string
		passphrase string
		kind       failure.Kind
		sentinel   error
		message    string
	}{
		{"no passphrase", b.Path, "", failure.Unauthorized, backup.ErrPassphraseNeeded, "passphrase is needed"},
		{"a wrong passphrase", b.Path, "le chien de Lucie dort au soleil", failure.Unauthorized, backup.ErrWrongPassphrase, "wrong passphrase"},
		{"cut at half", file(good[:len(good)/2]), goodPassphrase, failure.Damaged, nil, "cut short"},
		{"cut in the header", file(good[:60]), goodPassphrase, failure.Damaged, nil, "damaged"},
		{"its last byte missing", file(good[:len(good)-1]), goodPassphrase, failure.Damaged, nil, "cut short"},
		{"one bit changed", file(flipped), goodPassphrase, failure.Damaged, nil, "damaged"},
		{"twice in a row", file(append(slices.Clone(good), good...)), goodPassphrase, failure.Damaged, nil, "damaged"},
		{"an encrypted text", sealedText, goodPassphrase, failure.Invalid, nil, "not a SQLite database"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := dataFiles(t, s.dataDir)
			backupsBefore := files(t, backup.Dir(s.dataDir))
			_, err := backup.RestoreWith(ctx, s.dataDir, tc.file, at(5, 10), backup.RestoreOptions{Passphrase: tc.passphrase})
			if got := failure.KindOf(err); got != tc.kind {
				t.Fatalf("Got(%q) = %v (%v), want %v", "KindOf(RestoreWith)", got, err, tc.kind)
			}
			if tc.sentinel != nil && !errors.Is(err, tc.sentinel) {
				t.Errorf("Got(%q) = %v, want %v", "error", err, tc.sentinel)
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
	// The plain Restore of an encrypted file asks for the passphrase.
	if _, err := backup.Restore(ctx, s.dataDir, b.Path, at(5, 11)); !errors.Is(err, backup.ErrPassphraseNeeded) {
		t.Errorf("Got(%q) = %v, want ErrPassphraseNeeded", "Restore(encrypted)", err)
	}
}

// TestRestore_EncryptedTooCostly: a file asking more scrypt work than
// MaxWorkFactor is refused, not opened for minutes.
func TestRestore_EncryptedTooCostly(t *testing.T) {
	s := newStore(t)
	s.add(t, 1)
	seal := testSeal(goodPassphrase)
	seal.WorkFactor = 13
	info, err := backup.SaveSealed(context.Background(), s, t.TempDir(), at(2, 9), seal)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SaveSealed", err)
	}
	dir := t.TempDir()
	if _, err := backup.DecryptToTemp(info.Path, dir, goodPassphrase, 12); failure.KindOf(err) != failure.Damaged {
		t.Errorf("Got(%q) = %v, want %s", "DecryptToTemp(work 13 > 12)", err, failure.Damaged)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("Got(%q) = %v, want nothing left", "folder", names(got))
	}
}

func TestCheckPassphrase(t *testing.T) {
	for _, tc := range []struct {
		passphrase string
		want       error
	}{
		{"le chat de Lucie dort au soleil", nil},
		{"Trois-Pommes & 42 girafes bleues", nil},
		{"court", backup.ErrPassphraseShort},
		{"Tr0ub4dor&3xyz", backup.ErrPassphraseShort},
		{"azertyuiopazertyuiop", backup.ErrPassphraseWeak},
		{"motdepassemotdepasse", backup.ErrPassphraseWeak},
		{"1234567890123456789", backup.ErrPassphraseWeak},
		{"le chat de Lucie\x00dort au soleil", backup.ErrPassphraseControl},
		{"le chat de Lucie\ndort au soleil", backup.ErrPassphraseControl},
		{strings.Repeat("girafe bleue ", 30), backup.ErrPassphraseLong},
	} {
		err := backup.CheckPassphrase(tc.passphrase)
		if tc.want == nil && err != nil || tc.want != nil && (!errors.Is(err, tc.want) || failure.KindOf(err) != failure.Invalid) {
			t.Errorf("Got(CheckPassphrase(%q)) = %v, want %v", tc.passphrase, err, tc.want)
		}
	}
	if err := backup.ConfirmPassphrase(goodPassphrase, goodPassphrase+" "); !errors.Is(err, backup.ErrPassphraseMismatch) {
		t.Errorf("Got(%q) = %v, want ErrPassphraseMismatch", "ConfirmPassphrase", err)
	}
}

// FuzzOpenEncrypted hands the decryption of Restore hostile bytes as an
// encrypted backup. It must never panic, never leave a file behind when
// it refuses, and never accept garbage: what it accepts decrypts to
// exactly a plaintext that was sealed with the passphrase (one of the
// seeds'), never to anything else.
//
//	go test ./internal/backup -run '^$' -fuzz '^FuzzOpenEncrypted$' -fuzztime 1m
func FuzzOpenEncrypted(f *testing.F) {
	// Plaintexts the same in every fuzzing process (the workers run this
	// again): two 64 KiB chunks and a bit, and a few bytes.
	plain := bytes.Repeat([]byte("SQLite format 3\x00 pas à pas "), 5000)
	sealed := func(b []byte) []byte {
		src := filepath.Join(f.TempDir(), "plain.db")
		writeBytes(f, src, b)
		var out bytes.Buffer
		if _, err := backup.SealForTest(testSeal(goodPassphrase), &out, src); err != nil {
			f.Fatalf("Got(%q) = %v, want nil error", "encrypt", err)
		}
		return out.Bytes()
	}
	small := []byte("SQLite format 3\x00 tiny")
	valid, tiny := sealed(plain), sealed(small)
	for _, seed := range [][]byte{
		valid, tiny,
		valid[:len(valid)/2], valid[:100], valid[:len(valid)-1],
		flip(valid, len(valid)/2, 1), flip(valid, 30, 2), // the payload, the stanza
		append(slices.Clone(tiny), 0),
		[]byte("age-encryption.org/v1\n-> scrypt AAAAAAAAAAAAAAAAAAAAAA 10\n\n--- AAAA\n"),
		[]byte("age-encryption.org/v1\n-> scrypt c2FsdHNhbHRzYWx0c2FsdA 30\nAAAA\n--- AAAA\n"),
		[]byte("-----BEGIN AGE ENCRYPTED FILE-----\n"),
		plain[:200],
	} {
		f.Add(seed)
	}
	accepted := map[[32]byte]bool{sum(plain): true, sum(small): true}
	dir := f.TempDir()
	candidate := filepath.Join(f.TempDir(), "candidate.db.age")
	f.Fuzz(func(t *testing.T, data []byte) {
		writeBytes(t, candidate, data)
		out, err := backup.DecryptToTemp(candidate, dir, goodPassphrase, 12)
		if err != nil {
			switch failure.KindOf(err) {
			case failure.Damaged, failure.Unauthorized:
			default:
				t.Fatalf("Got(%q) = %v (kind %s), want damaged or unauthorized", "DecryptToTemp", err, failure.KindOf(err))
			}
			if left := files(t, dir); len(left) != 0 {
				t.Fatalf("Got(%q) = %v after a refusal, want nothing", "folder", names(left))
			}
			return
		}
		got, rerr := os.ReadFile(out)
		if rerr != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", rerr)
		}
		if rerr := os.Remove(out); rerr != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Remove", rerr)
		}
		if !accepted[sum(got)] {
			t.Fatalf("Got(%q) = %d bytes never sealed, want a refusal", "DecryptToTemp", len(got))
		}
	})
}

func sum(b []byte) [32]byte { return sha256.Sum256(b) }

func TestInspect(t *testing.T) {
	ctx := context.Background()
	_, b := sealedBackup(t, 3, 0)
	info, err := backup.Inspect(ctx, b.Path, goodPassphrase)
	if err != nil || info.Counts.Visits != 3 || !info.Encrypted || !info.Time.Equal(at(2, 9)) {
		t.Errorf("Got(%q) = %+v, %v, want 3 visits, encrypted, of %v", "Inspect", info, err, at(2, 9))
	}
	if _, err := backup.Inspect(ctx, b.Path, "une autre phrase bien longue"); !errors.Is(err, backup.ErrWrongPassphrase) {
		t.Errorf("Got(%q) = %v, want ErrWrongPassphrase", "Inspect(wrong)", err)
	}
}

func TestReminderSheet(t *testing.T) {
	for _, english := range []bool{false, true} {
		lines := backup.ReminderSheet(backup.Sheet{Centre: "Centre social des Lilas", Made: at(2, 9), KeepDays: 30, English: english})
		text := strings.Join(lines, "\n")
		for _, want := range []string{"Centre social des Lilas", "02/03/2026", "30", ".db.age", "pasapasctl restore"} {
			if !strings.Contains(text, want) {
				t.Errorf("Got(ReminderSheet(english=%v)) = %q, want %q in it", english, text, want)
			}
		}
		if strings.Contains(text, goodPassphrase) {
			t.Errorf("Got(ReminderSheet) = holds a passphrase, want a line to write it by hand")
		}
		if strings.Contains(text, "pasapas-") {
			t.Errorf("Got(ReminderSheet(no File)) = %q, want no file named", text)
		}
	}
}

// With the copy's path, the sheet says which file it goes with and in
// which folder it was written.
func TestReminderSheet_File(t *testing.T) {
	file := filepath.Join("/media", "cle", backup.Name(at(2, 9))+backup.EncryptedSuffix)
	for _, english := range []bool{false, true} {
		text := strings.Join(backup.ReminderSheet(backup.Sheet{Centre: "Les Lilas", Made: at(2, 9), File: file, English: english}), "\n")
		for _, want := range []string{filepath.Base(file), filepath.Join("/media", "cle"), "02/03/2026 " + at(2, 9).Local().Format("15:04")} {
			if !strings.Contains(text, want) {
				t.Errorf("Got(ReminderSheet(english=%v, File)) = %q, want %q in it", english, text, want)
			}
		}
	}
}
