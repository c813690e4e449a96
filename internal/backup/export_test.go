package backup

import (
	"context"
	"errors"
	"io"
	"time"
)

// RestoreSteps are the steps after which RestoreFailingAt can fail.
var RestoreSteps = []string{stepCopied, stepVerified, stepPrepared, stepKept, stepCleared, stepSwapped}

// ErrInjected is the error RestoreFailingAt fails with.
var ErrInjected = errors.New("injected failure")

// RestoreFailingAt is Restore failing with ErrInjected right after step.
func RestoreFailingAt(ctx context.Context, dataDir, file string, now time.Time, step string) (Restored, error) {
	return restore(ctx, dataDir, file, now, RestoreOptions{}, func(s string) error {
		if s == step {
			return ErrInjected
		}
		return nil
	})
}

// DecryptToTemp is the decryption of Restore, with a work factor of at
// most 2^maxWork, into a temporary file of dir (its path returned).
func DecryptToTemp(src, dir, passphrase string, maxWork int) (string, error) {
	return decryptToTemp(src, dir, restoreTemp, passphrase, maxWork)
}

// SealForTest encrypts the file src to w as SaveSealed does.
func SealForTest(s Seal, w io.Writer, src string) ([32]byte, error) { return s.encrypt(w, src) }
