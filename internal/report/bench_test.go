package report_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"pasapas/internal/demo"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/sqlite"
)

// fiveYears opens a database in b.TempDir() holding 5 years of demo
// activity up to 20 March 2026, and returns it with "this year" (2026) and
// the options of the statistics screen.
func fiveYears(b *testing.B) (*sqlite.DB, report.Period, report.Options) {
	b.Helper()
	ctx := context.Background()
	loc := paris(b)
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), sqlite.FileName))
	if err != nil {
		b.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	b.Cleanup(func() {
		if err := db.Close(); err != nil {
			b.Errorf("Got(%q) = %v, want nil error", "Close", err)
		}
	})
	now := time.Date(2026, 3, 20, 15, 0, 0, 0, loc)
	res, err := demo.Fill(ctx, db, demo.Options{Months: 60, Now: now, Location: loc})
	if err != nil {
		b.Fatalf("Got(%q) = %v, want nil error", "Fill", err)
	}
	b.Logf("5 years of demo data: %d visits, %d accompaniments, %d workshops", res.Visits, res.Accompaniments,
		res.Workshops)
	// A whole calendar year: 2025.
	p, err := report.NewPeriod(journal.NewDate(2025, 1, 1), journal.NewDate(2026, 1, 1))
	if err != nil {
		b.Fatalf("Got(%q) = %v, want nil error", "NewPeriod", err)
	}
	return db, p, report.Options{Today: journal.DateOf(now), Location: loc}
}

// BenchmarkStats_Year computes a year's statistics over 5 years of demo
// data, filled once before the timer: "load+compute" is what the
// statistics screen waits for (the read from SQLite included), "compute"
// the computation alone on a year read once.
func BenchmarkStats_Year(b *testing.B) {
	db, p, opts := fiveYears(b)
	ctx := context.Background()
	b.Run("load+compute", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := report.Compute(ctx, db, p, opts); err != nil {
				b.Fatalf("Got(%q) = %v, want nil error", "Compute", err)
			}
		}
	})
	b.Run("compute", func(b *testing.B) {
		d, err := report.Load(ctx, db, p, opts.Location)
		if err != nil {
			b.Fatalf("Got(%q) = %v, want nil error", "Load", err)
		}
		b.ReportAllocs()
		for b.Loop() {
			report.StatsOf(d, opts)
		}
	})
}
