//go:build !windows

package printer

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
)

// send prints path with CUPS's lp, found on PATH.
func send(ctx context.Context, path string) error {
	lp, err := exec.LookPath("lp")
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNoPrinter, err)
	}
	return run(exec.CommandContext(ctx, lp, lpArgs(path)...))
}

// lpArgs returns lp's arguments for path: after "--", a name starting with
// "-" is a file, not an option.
func lpArgs(path string) []string { return []string{"--", path} }

// run runs cmd; its error quotes what cmd wrote.
func run(cmd *exec.Cmd) error {
	out, err := cmd.CombinedOutput()
	if err != nil {
		if msg := strings.TrimSpace(string(out)); msg != "" {
			return fmt.Errorf("printer: %s: %w: %s", cmd.Path, err, msg)
		}
		return fmt.Errorf("printer: %s: %w", cmd.Path, err)
	}
	return nil
}
