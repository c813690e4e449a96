package backup

import (
	"context"
	"errors"
	"time"
)

// RestoreSteps are the steps after which RestoreFailingAt can fail.
var RestoreSteps = []string{stepCopied, stepVerified, stepKept, stepCleared, stepSwapped}

// ErrInjected is the error RestoreFailingAt fails with.
var ErrInjected = errors.New("injected failure")

// RestoreFailingAt is Restore failing with ErrInjected right after step.
func RestoreFailingAt(ctx context.Context, dataDir, file string, now time.Time, step string) (Restored, error) {
	return restore(ctx, dataDir, file, now, func(s string) error {
		if s == step {
			return ErrInjected
		}
		return nil
	})
}
