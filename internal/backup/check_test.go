package backup_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"pasapas/internal/backup"
	"pasapas/internal/failure"
)

// Check reads a backup as Restore will and changes nothing: a plain or an
// encrypted copy gives its counts and accounts; a missing passphrase, a
// wrong one, a damaged file, a file that is no backup and a missing file
// are each refused with their own error, and the file is left as it was.
func TestCheck(t *testing.T) {
	ctx := context.Background()
	_, sealed := sealedBackup(t, 3, 0)
	s := newStore(t)
	s.add(t, 2)
	plain, err := backup.Create(ctx, s, t.TempDir(), at(3, 9))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Create", err)
	}
	b, err := os.ReadFile(sealed.Path)
	if err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(t.TempDir(), filepath.Base(sealed.Path))
	b[len(b)/2] ^= 0xff
	writeFile(t, damaged, b)
	notBackup := filepath.Join(t.TempDir(), "notes.db")
	writeFile(t, notBackup, []byte("ceci n'est pas une base"))

	for _, tc := range []struct {
		name, file, passphrase string
		visits                 int
		encrypted              bool
		err                    error
		kind                   failure.Kind
	}{
		{"plain", plain.Path, "", 2, false, nil, ""},
		{"plain, a passphrase given anyway", plain.Path, goodPassphrase, 2, false, nil, ""},
		{"encrypted", sealed.Path, goodPassphrase, 3, true, nil, ""},
		{"encrypted, no passphrase", sealed.Path, "", 0, false, backup.ErrPassphraseNeeded, failure.Unauthorized},
		{"encrypted, wrong passphrase", sealed.Path, "une autre phrase bien longue", 0, false, backup.ErrWrongPassphrase, failure.Unauthorized},
		{"encrypted, damaged", damaged, goodPassphrase, 0, false, nil, failure.Damaged},
		{"not a backup", notBackup, "", 0, false, nil, failure.Invalid},
		{"missing", filepath.Join(t.TempDir(), "absent.db.age"), goodPassphrase, 0, false, nil, failure.NotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := files(t, filepath.Dir(tc.file))
			got, err := backup.Check(ctx, tc.file, tc.passphrase)
			if tc.kind != "" {
				if failure.KindOf(err) != tc.kind || (tc.err != nil && !errors.Is(err, tc.err)) {
					t.Fatalf("Got(%q) = %v (%s), want %v (%s)", "Check", err, failure.KindOf(err), tc.err, tc.kind)
				}
			} else {
				if err != nil {
					t.Fatalf("Got(%q) = %v, want nil error", "Check", err)
				}
				if got.Info.Counts.Visits != tc.visits || got.Info.Encrypted != tc.encrypted || len(got.Accounts) != 1 ||
					got.Accounts[0].Name != "mediatrice" {
					t.Errorf("Got(%q) = %+v, want %d visits, encrypted %v, the account mediatrice", "Check", got, tc.visits, tc.encrypted)
				}
			}
			after := files(t, filepath.Dir(tc.file))
			if len(after) != len(before) {
				t.Errorf("Got(%q) = %v, want %v (nothing written beside the file)", "files", names(after), names(before))
			}
			for name, sum := range before {
				if after[name] != sum {
					t.Errorf("Got(%q) = changed, want the file as it was", name)
				}
			}
		})
	}
}
