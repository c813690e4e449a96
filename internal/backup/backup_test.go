package backup_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pasapas/internal/backup"
	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

func TestCreate(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	s.add(t, 7)
	dir := backup.Dir(s.dataDir)
	now := time.Date(2026, 3, 2, 14, 5, 9, 0, time.Local)

	info, err := backup.Create(ctx, s, dir, now)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Create", err)
	}
	want := filepath.Join(s.dataDir, "backups", "pasapas-20260302-140509.db")
	if info.Path != want || !info.Time.Equal(now) || info.SafetyCopy {
		t.Errorf("Got(%q) = %+v, want %s at %v", "Create", info, want, now)
	}
	if info.Counts != (sqlite.Counts{Visits: 7, Accompaniments: 7}) || info.SchemaVersion != sqlite.SchemaVersion() {
		t.Errorf("Got(%q) = %+v, want 7 visits, 7 accompaniments, version %d", "Counts", info, sqlite.SchemaVersion())
	}
	st, err := os.Stat(want)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Stat", err)
	}
	if st.Size() != info.Size || st.Mode().Perm() != 0o600 {
		t.Errorf("Got(%q) = size %d mode %v, want size %d mode 0600", "backup file", st.Size(), st.Mode().Perm(), info.Size)
	}
	if got := names(files(t, dir)); !slices.Equal(got, []string{"pasapas-20260302-140509.db"}) {
		t.Errorf("Got(%q) = %v, want the backup alone (no temporary file)", "backups folder", got)
	}
	if got := fileFingerprint(t, want); got != s.fingerprint(t) {
		t.Errorf("Got(%q) = %s, want the database's", "fingerprint of the backup", got)
	}
	// A backup is a rollback-journal file: opening it creates no -wal.
	b, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	if b[18] != 1 || b[19] != 1 {
		t.Errorf("Got(%q) = %d,%d, want 1,1 (not WAL)", "header bytes 18,19", b[18], b[19])
	}
}

// TestCreate_NoDeletedData is R14: what was deleted before a backup is not
// in it, not even in free pages.
func TestCreate_NoDeletedData(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	s.add(t, 3)
	const canary = "CANARY-b4ckup-9e1d"
	a, err := s.SaveAccompaniment(ctx, s.accompaniment(strings.Repeat(canary+" ", 50)))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SaveAccompaniment", err)
	}
	if err := s.DeleteAccompaniment(ctx, a.ID); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "DeleteAccompaniment", err)
	}
	info, err := backup.Create(ctx, s, backup.Dir(s.dataDir), at(2, 10))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Create", err)
	}
	b, err := os.ReadFile(info.Path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	if bytes.Contains(b, []byte("CANARY")) {
		t.Errorf("Got(%q) = contains the deleted canary, want no trace", info.Path)
	}
	if !bytes.Contains(b, []byte("Centre social des Lilas")) {
		t.Errorf("Got(%q) = no kept data, want the rows not deleted", info.Path)
	}
}

// badSource is a Source that fails, or writes something else than a
// database.
type badSource struct {
	err   error
	bytes []byte
}

func (b badSource) VacuumInto(_ context.Context, dest string) error {
	if b.err != nil {
		return b.err
	}
	return os.WriteFile(dest, b.bytes, 0o600)
}

func (b badSource) Fingerprint(context.Context) (string, error) { return "x", b.err }

func TestCreate_Fails(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	s.add(t, 2)
	good, err := backup.Create(ctx, s, backup.Dir(s.dataDir), at(1, 9))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Create", err)
	}
	goodBytes, err := os.ReadFile(good.Path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	garbled := slices.Clone(goodBytes)
	for i := 4096; i < len(garbled); i++ {
		garbled[i] ^= 0x5a
	}
	for _, tc := range []struct {
		name string
		src  backup.Source
		kind failure.Kind
	}{
		{"disk full while copying", badSource{err: failure.New(failure.DiskFull, "copy database", errors.New("database or disk is full"))}, failure.DiskFull},
		{"the copy is not a database", badSource{bytes: []byte("not a database at all, not even close")}, failure.Invalid},
		{"the copy is damaged", badSource{bytes: garbled}, failure.Damaged},
		{"no database to copy", backup.File(filepath.Join(t.TempDir(), "absent.db")), failure.NotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := backup.Dir(s.dataDir)
			before := files(t, dir)
			_, err := backup.Create(ctx, tc.src, dir, at(2, 9))
			if got := failure.KindOf(err); got != tc.kind {
				t.Errorf("Got(%q) = %v (%v), want %v", "KindOf(Create)", got, err, tc.kind)
			}
			if after := files(t, dir); !slices.Equal(slices.Sorted(slices.Values(names(after))), slices.Sorted(slices.Values(names(before)))) {
				t.Errorf("Got(%q) = %v, want %v (nothing left behind)", "backups folder", names(after), names(before))
			}
		})
	}
}

func TestSaveSealed(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	s.add(t, 4)
	stick := t.TempDir()
	seal := testSeal("le chat de Lucie dort au soleil")
	info, err := backup.SaveSealed(ctx, s, stick, at(3, 16), seal)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SaveSealed", err)
	}
	if want := filepath.Join(stick, backup.Name(at(3, 16))+".age"); info.Path != want || info.Counts.Visits != 4 || !info.Encrypted {
		t.Errorf("Got(%q) = %+v, want %s, encrypted, with 4 visits", "SaveSealed", info, want)
	}
	// Only the encrypted file reached the stick, and it is not SQLite.
	if got := names(files(t, stick)); !slices.Equal(got, []string{filepath.Base(info.Path)}) {
		t.Errorf("Got(%q) = %v, want the encrypted file alone", "stick", got)
	}
	if _, err := sqlite.InspectFile(ctx, info.Path); err == nil {
		t.Errorf("Got(%q) = nil error, want the encrypted file unreadable as a database", "InspectFile")
	}
	if _, err := backup.SaveSealed(ctx, s, filepath.Join(stick, "absent"), at(3, 16), seal); failure.KindOf(err) != failure.NotFound {
		t.Errorf("Got(%q) = %v, want %s", "SaveSealed(no folder)", err, failure.NotFound)
	}
	if _, err := backup.SaveSealed(ctx, s, info.Path, at(3, 17), seal); failure.KindOf(err) != failure.Invalid {
		t.Errorf("Got(%q) = %v, want %s", "SaveSealed(a file)", err, failure.Invalid)
	}
	// No passphrase, no copy: SaveTo (the old call) writes nothing.
	if _, err := backup.SaveTo(ctx, s, stick, at(3, 18)); !errors.Is(err, backup.ErrPassphraseNeeded) ||
		failure.KindOf(err) != failure.Unauthorized {
		t.Errorf("Got(%q) = %v, want ErrPassphraseNeeded", "SaveTo", err)
	}
	// A plain copy only when asked.
	plain, err := backup.SaveSealed(ctx, s, stick, at(3, 19), backup.Seal{Plain: true})
	if err != nil || filepath.Base(plain.Path) != backup.Name(at(3, 19)) || plain.Encrypted || plain.Counts.Visits != 4 {
		t.Errorf("Got(%q) = %+v, %v, want a plain .db", "SaveSealed(plain)", plain, err)
	}

	// WriteFile: the name given (+ .age when encrypted), never over a file.
	named := filepath.Join(stick, "centre-lilas.db")
	if info, err := backup.WriteFile(ctx, backup.File(s.Path()), named, seal); err != nil || info.Counts.Visits != 4 ||
		!info.Time.IsZero() || info.Path != named+".age" {
		t.Errorf("Got(%q) = %+v, %v, want %s.age, 4 visits, no time", "WriteFile", info, err, named)
	}
	if _, err := backup.WriteFile(ctx, s, named, seal); failure.KindOf(err) != failure.Conflict {
		t.Errorf("Got(%q) = %v, want %s", "WriteFile(existing)", err, failure.Conflict)
	}
	if info, err := backup.WriteFile(ctx, s, named, backup.Seal{Plain: true}); err != nil || info.Path != named || info.Encrypted {
		t.Errorf("Got(%q) = %+v, %v, want the plain %s", "WriteFile(plain)", info, err, named)
	}
}

func TestList(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := backup.Dir(s.dataDir)
	if infos, err := backup.List(ctx, dir); err != nil || len(infos) != 0 {
		t.Errorf("Got(%q) = %v, %v, want nothing", "List(no folder)", infos, err)
	}
	for i, day := range []int{3, 1, 2} {
		s.add(t, 1+i)
		if _, err := backup.Create(ctx, s, dir, at(day, 12)); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Create", err)
		}
	}
	// Beside them: a file with a backup's name that is not a database, a
	// safety copy, and files that are not backups at all.
	writeFile(t, filepath.Join(dir, backup.Name(at(4, 8))), []byte("garbage"))
	writeFile(t, filepath.Join(dir, "pasapas-20260301-080000-before-restore.db"), nil)
	writeFile(t, filepath.Join(dir, "notes.txt"), []byte("x"))
	writeFile(t, filepath.Join(dir, "pasapas-2026.db"), []byte("x"))

	infos, err := backup.List(ctx, dir)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "List", err)
	}
	type row struct {
		day, visits int
		safety, bad bool
	}
	var got []row
	for _, i := range infos {
		got = append(got, row{i.Time.Day(), i.Counts.Visits, i.SafetyCopy, i.Err != nil})
	}
	want := []row{{4, 0, false, true}, {3, 1, false, false}, {2, 6, false, false}, {1, 3, false, false}, {1, 0, true, true}}
	if !slices.Equal(got, want) {
		t.Errorf("Got(%q) = %v, want %v (newest first)", "List", got, want)
	}
}

func TestDue(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := backup.Dir(s.dataDir)
	due := func(what string, want bool) {
		t.Helper()
		got, err := backup.Due(ctx, s, dir)
		if err != nil || got != want {
			t.Errorf("Got(%q) = %v, %v, want %v", what, got, err, want)
		}
	}
	due("Due with no backup", true)
	s.add(t, 2)
	if _, err := backup.Create(ctx, s, dir, at(2, 9)); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Create", err)
	}
	due("Due just after a backup", false)
	s.add(t, 1)
	due("Due after a change", true)
	info, err := backup.Create(ctx, s, dir, at(2, 13))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Create", err)
	}
	due("Due after the second backup", false)
	// A safety copy is not an automatic backup.
	writeFile(t, filepath.Join(dir, "pasapas-20260302-150000-before-restore.db"), []byte("x"))
	due("Due beside a newer safety copy", false)
	writeFile(t, info.Path, []byte("damaged"))
	due("Due when the newest backup is damaged", true)

	made, ok, err := backup.CreateIfDue(ctx, s, dir, at(2, 17), backup.DefaultPolicy)
	if err != nil || !ok || made.Counts.Visits != 3 {
		t.Errorf("Got(%q) = %+v, %v, %v, want a backup of 3 visits", "CreateIfDue", made, ok, err)
	}
	if _, ok, err := backup.CreateIfDue(ctx, s, dir, at(2, 18), backup.DefaultPolicy); ok || err != nil {
		t.Errorf("Got(%q) = %v, %v, want nothing to do", "CreateIfDue again", ok, err)
	}
}
