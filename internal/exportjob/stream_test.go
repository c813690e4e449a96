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
	"pasapas/internal/exportjob"
	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
)

// brokenStream is a store whose activities stop part way with a damaged
// page: the first accompaniment reads, the second does not.
type brokenStream struct{ fakeSource }

func (brokenStream) Accounts(context.Context) ([]account.Account, error) {
	return []account.Account{{ID: 1, DisplayName: "Camille Martin"}}, nil
}

func (b brokenStream) ReadStream(_ context.Context, _ report.Query, fn func(report.Stream) error) error {
	a := journal.NewAccompaniment(journal.NewDate(2026, 10, 5), 1)
	a.DurationMinutes = 30
	return fn(report.Stream{Count: 2, Accompaniments: func(yield func(journal.Accompaniment, error) bool) {
		if yield(a, nil) {
			yield(journal.Accompaniment{}, b.err)
		}
	}})
}

// TestJob_Run_StreamReadError: activities read as they are written that
// stop part way leave no file — the one replaced is intact, no temporary
// file stays — and the error says the database is damaged.
func TestJob_Run_StreamReadError(t *testing.T) {
	root := t.TempDir()
	previous := filepath.Join(root, "previous")
	check(t, "WriteFile", os.WriteFile(previous, []byte("previous export"), 0o600))
	src := brokenStream{fakeSource{failure.New(failure.Damaged, "read period", errors.New("database disk image is malformed"))}}
	for _, f := range []export.Format{export.CSV, export.CSVExcel, export.XLSX} {
		t.Run(string(f), func(t *testing.T) {
			r := request(export.WhatActivities, f, false)
			r.Path = previous
			res, err := newJob(src, filepath.Join(root, "Documents")).Run(context.Background(), r)
			if exportjob.ReasonOf(err) != exportjob.DatabaseDamaged || failure.KindOf(err) != failure.Damaged || res.Path != "" {
				t.Fatalf("Got(Run) = %+v, %v, want reason %s", res, err, exportjob.DatabaseDamaged)
			}
		})
	}
	if got := entries(t, root); len(got) != 1 || got[0] != "previous" {
		t.Errorf("Got(folder after the errors) = %q, want only previous", got)
	}
	if b, _ := os.ReadFile(previous); string(b) != "previous export" {
		t.Errorf("Got(previous) = %q, want it untouched", b)
	}
}
