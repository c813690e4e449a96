package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// sizes compares the stripped binaries: the kiosk against the bare Fyne
// window, and against the shared baseline (Fyne + go-sqlite3 + go-i18n).
func sizes(t *table, b builds, shared string) error {
	k, err := os.Stat(b.kiosk)
	if err != nil {
		return err
	}
	bare, err := os.Stat(b.bare)
	if err != nil {
		return err
	}
	mb := func(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
	t.add("stripped binary (-s -w -trimpath)", mb(k.Size()), "bare Fyne window "+mb(bare.Size()),
		float64(k.Size())/float64(bare.Size()), "≤ 1.6×")
	src, err := filepath.Abs(filepath.Join(shared, "baseline-app"))
	if err != nil {
		return err
	}
	out := filepath.Join(filepath.Dir(b.bare), "baseline-app")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", out, ".")
	cmd.Dir = src
	if msg, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "feel: the shared baseline-app did not build (%v): %s\n", err, msg)
		return nil
	}
	base, err := os.Stat(out)
	if err != nil {
		return err
	}
	t.add("stripped binary (-s -w -trimpath)", mb(k.Size()), "Fyne + SQLite + i18n "+mb(base.Size()),
		float64(k.Size())/float64(base.Size()), "—")
	return nil
}
