package backup

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"filippo.io/age"

	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

// Backups that leave the PC (SaveSealed, WriteFile: a USB stick, a file
// given to pasapasctl backup -o) are encrypted with age
// (filippo.io/age, https://age-encryption.org/v1) to a passphrase the
// coordinator chooses: scrypt derives the key (work factor 2^18, about a
// second and 256 MiB per try, which is what makes guessing slow), and
// ChaCha20-Poly1305 seals every 64 KiB of the file, so that a wrong
// passphrase, a damaged byte or a truncated file is refused instead of
// read. The file is named pasapas-YYYYMMDD-HHMMSS.db.age; the age command
// line tool opens it too (age -d).

// EncryptedSuffix ends the name of an encrypted backup.
const EncryptedSuffix = ".age"

// DefaultWorkFactor is the scrypt work factor (log2 N) of the encrypted
// backups: age's own default, about a second on a recent PC.
const DefaultWorkFactor = 18

// MaxWorkFactor is the highest work factor a file may ask for when it is
// opened (2^20: a few seconds); a file asking more is refused rather than
// keeping the program busy.
const MaxWorkFactor = 20

// ageMagic starts every age file (the binary format, not the armored one).
const ageMagic = "age-encryption.org/v1\n"

// Errors of encrypted backups, inside a *failure.Error: ErrPassphraseNeeded
// and ErrWrongPassphrase are failure.Unauthorized, ErrPlainRefused is
// failure.Invalid.
var (
	// ErrPassphraseNeeded: the file is encrypted and no passphrase was
	// given, or a backup leaving the PC was asked without one: ask for it.
	ErrPassphraseNeeded = errors.New("this backup is encrypted: its passphrase is needed")
	// ErrWrongPassphrase: the passphrase does not open the file.
	ErrWrongPassphrase = errors.New("wrong passphrase: the backup cannot be opened with it")
)

// Seal says how a backup that leaves the PC is protected: encrypted to
// Passphrase, or, only when Plain is set (pasapasctl --plain), written as
// a plain SQLite file anyone can read.
type Seal struct {
	Passphrase string
	Plain      bool
	// WorkFactor is scrypt's log2 N; 0 means DefaultWorkFactor. Tests use
	// less.
	WorkFactor int
}

// check refuses a seal that would write a plain copy without saying so.
func (s Seal) check(op string) error {
	if !s.Plain && s.Passphrase == "" {
		return failure.New(failure.Unauthorized, op, ErrPassphraseNeeded)
	}
	if s.WorkFactor < 0 || s.WorkFactor > 30 {
		return failure.Errorf(failure.Invalid, op, "scrypt work factor %d out of range", s.WorkFactor)
	}
	return nil
}

// encrypt writes the plain file src to w, encrypted to s.Passphrase, and
// returns the SHA-256 of what it read.
func (s Seal) encrypt(w io.Writer, src string) ([32]byte, error) {
	r, err := age.NewScryptRecipient(s.Passphrase)
	if err != nil {
		return [32]byte{}, err
	}
	if s.WorkFactor != 0 {
		r.SetWorkFactor(s.WorkFactor)
	} else {
		r.SetWorkFactor(DefaultWorkFactor)
	}
	in, err := os.Open(src)
	if err != nil {
		return [32]byte{}, err
	}
	defer in.Close()
	enc, err := age.Encrypt(w, r)
	if err != nil {
		return [32]byte{}, err
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(enc, h), in); err != nil {
		return [32]byte{}, err
	}
	if err := enc.Close(); err != nil {
		return [32]byte{}, err
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// IsEncrypted reports whether the file at path is an age file (by its
// first bytes, whatever its name).
func IsEncrypted(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	head := make([]byte, len(ageMagic))
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, err
	}
	return string(head[:n]) == ageMagic, nil
}

// decrypt writes the plaintext of the age file src to w, with passphrase
// and at most 2^maxWork of scrypt work, and returns the SHA-256 of the
// plaintext. Errors: ErrPassphraseNeeded, ErrWrongPassphrase
// (Unauthorized), a file that is damaged, truncated or asks too much
// work (Damaged), and those of w (their own kind). Whatever was written
// to w before an error must be thrown away.
func decrypt(w io.Writer, src, passphrase string, maxWork int) ([32]byte, error) {
	const op = "open encrypted backup"
	if passphrase == "" {
		return [32]byte{}, failure.New(failure.Unauthorized, op, ErrPassphraseNeeded)
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return [32]byte{}, failure.New(failure.Unauthorized, op, ErrPassphraseNeeded)
	}
	id.SetMaxWorkFactor(maxWork)
	in, err := os.Open(src)
	if err != nil {
		return [32]byte{}, fsErr(op, err)
	}
	defer in.Close()
	plain, err := age.Decrypt(bufio.NewReader(in), id)
	if err != nil {
		if errors.Is(err, age.ErrIncorrectIdentity) {
			return [32]byte{}, failure.New(failure.Unauthorized, op, ErrWrongPassphrase)
		}
		return [32]byte{}, failure.Errorf(failure.Damaged, op, "%s is damaged: %v", src, err)
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(&errWriter{w: w}, h), plain); err != nil {
		var we writeErr
		if errors.As(err, &we) {
			return [32]byte{}, fsErr(op, we.err)
		}
		return [32]byte{}, failure.Errorf(failure.Damaged, op, "%s is damaged or cut short: %v", src, err)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// errWriter marks the errors of the destination, so that a full disk is
// not taken for a damaged file.
type errWriter struct{ w io.Writer }

type writeErr struct{ err error }

func (e writeErr) Error() string { return e.err.Error() }

func (e *errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil {
		return n, writeErr{err}
	}
	return n, nil
}

// verifySealed decrypts the file at path and checks that it gives back
// exactly the plaintext whose SHA-256 is want: what reached the stick is
// what was meant, and opens with the passphrase.
func (s Seal) verifySealed(path string, want [32]byte) error {
	work := s.WorkFactor
	if work == 0 {
		work = DefaultWorkFactor
	}
	got, err := decrypt(io.Discard, path, s.Passphrase, max(work, MaxWorkFactor))
	if err != nil {
		return fmt.Errorf("the encrypted copy does not read back: %w", err)
	}
	if !bytes.Equal(got[:], want[:]) {
		return failure.Errorf(failure.Damaged, "check encrypted backup", "the encrypted copy differs from the backup")
	}
	return nil
}

// Inspect returns what the backup file holds (version, counts, and its
// date when its name is a backup's), reading an encrypted one with
// passphrase (decrypted into a private temporary folder, removed after):
// the list a coordinator chooses from before restoring a USB copy. Errors
// are Restore's for the same file (ErrPassphraseNeeded,
// ErrWrongPassphrase, Damaged, Invalid, NewerVersion is not one: the
// version is returned).
func Inspect(ctx context.Context, file, passphrase string) (Info, error) {
	const op = "read backup"
	st, err := os.Stat(file)
	if err != nil {
		return Info{}, fsErr(op, err)
	}
	info := Info{Path: file, Size: st.Size()}
	info.Time, info.SafetyCopy, _, _ = parseName(filepath.Base(file))
	if info.Encrypted, err = IsEncrypted(file); err != nil {
		return Info{}, fsErr(op, err)
	}
	path := file
	if info.Encrypted {
		private, err := privateDir()
		if err != nil {
			return Info{}, fsErr(op, err)
		}
		defer os.RemoveAll(private) //nolint:errcheck // a private temporary folder
		if path, err = decryptToTemp(file, private, "inspect-*.db", passphrase, MaxWorkFactor); err != nil {
			return Info{}, err
		}
	}
	fi, err := sqlite.InspectFile(ctx, path)
	if err != nil {
		return Info{}, err
	}
	info.SchemaVersion, info.Counts = fi.SchemaVersion, fi.Counts
	return info, nil
}
