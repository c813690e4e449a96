package backup

import (
	"context"
	"os"
	"path/filepath"

	"pasapas/internal/account"
	"pasapas/internal/sqlite"
)

// Checked is what Check found in a backup file.
type Checked struct {
	Info Info
	// Accounts are the backup's own accounts: who may restore it when the
	// database they would be checked against is the damaged one.
	Accounts []account.Account
}

// Check reads the backup file as Restore will, without changing anything:
// an encrypted one is decrypted with passphrase into a private temporary
// folder (removed after), then the file is verified (integrity, schema,
// version: sqlite.VerifyFile) and its accounts read. It is what the
// recovery window does before it proves the coordinator against the
// backup and stops anything. Errors, the same as Restore's for the same
// file before it changes anything: ErrPassphraseNeeded and
// ErrWrongPassphrase (failure.Unauthorized), failure.Damaged (an
// encrypted file damaged or cut short, integrity_check failing),
// failure.Invalid (not a Pas à pas database), failure.NewerVersion, and
// the file system's (failure.NotFound, ReadOnly…).
func Check(ctx context.Context, file, passphrase string) (Checked, error) {
	const op = "check backup"
	st, err := os.Stat(file)
	if err != nil {
		return Checked{}, fsErr(op, err)
	}
	info := Info{Path: file, Size: st.Size()}
	info.Time, info.SafetyCopy, _, _ = parseName(filepath.Base(file))
	if info.Encrypted, err = IsEncrypted(file); err != nil {
		return Checked{}, fsErr(op, err)
	}
	path := file
	if info.Encrypted {
		private, err := privateDir()
		if err != nil {
			return Checked{}, fsErr(op, err)
		}
		defer os.RemoveAll(private) //nolint:errcheck // a private temporary folder
		if path, err = decryptToTemp(file, private, "check-*.db", passphrase, MaxWorkFactor); err != nil {
			return Checked{}, err
		}
	}
	fi, err := sqlite.VerifyFile(ctx, path)
	if err != nil {
		return Checked{}, err
	}
	info.SchemaVersion, info.Counts = fi.SchemaVersion, fi.Counts
	accounts, err := sqlite.AccountsInFile(ctx, path)
	if err != nil {
		return Checked{}, err
	}
	return Checked{Info: info, Accounts: accounts}, nil
}
