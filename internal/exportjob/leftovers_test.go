//go:build cgo

package exportjob_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"pasapas/internal/account"
	"pasapas/internal/export"
	"pasapas/internal/leftover"
	"pasapas/internal/report"
)

// peekStream is a store that looks at the export's folder while the
// activities are written, then stops.
type peekStream struct {
	fakeSource
	dir  string
	seen *[]string
}

func (peekStream) Accounts(context.Context) ([]account.Account, error) {
	return []account.Account{{ID: 1, DisplayName: "Camille Martin"}}, nil
}

func (p peekStream) ReadStream(context.Context, report.Query, func(report.Stream) error) error {
	es, err := os.ReadDir(p.dir)
	for _, e := range es {
		*p.seen = append(*p.seen, e.Name())
	}
	return errors.Join(err, errors.New("stopped here"))
}

// TestJob_Run_TempNamedAfterProcess: an export's temporary file is named
// after the process writing it, so that export.CleanLeftovers removes it
// at the next start when the process was stopped midway (killed, a power
// cut), and never an export still going on.
func TestJob_Run_TempNamedAfterProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Documents")
	var seen []string
	r := request(export.WhatActivities, export.CSV, false)
	if _, err := newJob(peekStream{dir: dir, seen: &seen}, dir).Run(context.Background(), r); err == nil {
		t.Fatal("Got(Run) = nil error, want the store's")
	}
	if len(seen) != 1 {
		t.Fatalf("Got(folder while writing) = %q, want one temporary file", seen)
	}
	if pid, ok := leftover.Owner(seen[0], ".pasapas-export-", ".tmp"); !ok || pid != os.Getpid() {
		t.Errorf("Got(%q) = %d, %v, want this process %d", seen[0], pid, ok, os.Getpid())
	}
}
