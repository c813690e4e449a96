package mediator

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"pasapas/assets"
	"pasapas/internal/account"
	"pasapas/internal/demo"
	"pasapas/internal/guide"
	"pasapas/internal/journal"
	"pasapas/internal/locale"
	"pasapas/internal/report"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
	"pasapas/locales"
)

// BenchEnvDB names a database of five years of demo data (pasapasctl demo
// --months 60) for BenchmarkStatsYear, copied before use; without it the
// benchmark fills one (about 40 s).
const BenchEnvDB = "PASAPAS_BENCH_DB"

// BenchmarkStatsYear is the statistics tab for a year over five years of
// demo data, in two parts reported separately: the figures
// (report.Compute over the database: figures-ms) and the widgets (building
// the tab's content and laying it out in the space's 1240 × 680 window,
// as Fyne's test driver does it, no painting: widgets-ms), each the
// median of the iterations; widgets-p95-ms is the 95th percentile, and
// widgets-first-ms the first showing in the process, when Fyne has
// measured none of its texts yet (what a mediator waits for the first time
// a period is shown; later showings of the same figures find their
// texts measured).
//
//	go test -tags ci -run '^$' -bench StatsYear -benchtime 20x ./internal/ui/mediator/
func BenchmarkStatsYear(b *testing.B) {
	ctx := context.Background()
	db, now := statsBenchDB(b)
	s := statsBenchSpace(b, db, now)
	w := test.NewWindow(nil)
	b.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1240, 680))
	year := now.Year() - 1
	p, err := report.Days(journal.NewDate(year, 1, 1), journal.NewDate(year, 12, 31))
	if err != nil {
		b.Fatal(err)
	}
	s.Period = p
	// The program has its fonts loaded long before the statistics are
	// shown: load them now, measuring none of the tab's texts.
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		fyne.MeasureText("·", 14, style)
	}
	var figures, widgets []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		st, err := s.st.computeStats(ctx, p)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		body := container.NewVBox(s.st.statsContent(st))
		s.themed(body)
		w.SetContent(container.NewVScroll(body))
		t2 := time.Now()
		figures, widgets = append(figures, t1.Sub(t0)), append(widgets, t2.Sub(t1))
		if statsFirst == 0 {
			statsFirst = t2.Sub(t1)
		}
		if st.Totals.Accompaniments == 0 {
			b.Fatalf("Compute(%d) found no accompaniment: the demo data does not cover the year", year)
		}
	}
	b.StopTimer()
	ms := func(ds []time.Duration, p int) float64 {
		slices.Sort(ds)
		return float64(ds[min(len(ds)-1, len(ds)*p/100)].Microseconds()) / 1000
	}
	b.ReportMetric(ms(figures, 50), "figures-ms")
	b.ReportMetric(ms(widgets, 50), "widgets-ms")
	b.ReportMetric(ms(widgets, 95), "widgets-p95-ms")
	b.ReportMetric(float64(statsFirst.Microseconds())/1000, "widgets-first-ms")
}

// statsFirst is the widgets' time of the first showing in the process.
var statsFirst time.Duration

// statsBenchDB opens a copy of the database named by PASAPAS_BENCH_DB
// (its data end today), or fills a new one with five years of demo data
// ending on a fixed day; it returns the database and its « today ».
func statsBenchDB(b *testing.B) (*sqlite.DB, time.Time) {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "stats.db")
	now := time.Date(2026, 6, 1, 10, 0, 0, 0, time.Local)
	src := os.Getenv(BenchEnvDB)
	if src != "" {
		if err := copyFile(src, path); err != nil {
			b.Fatalf("%s=%s: %v", BenchEnvDB, src, err)
		}
		now = time.Now()
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if src == "" {
		if _, err := demo.Fill(ctx, db, demo.Options{Months: 60, Now: now, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	return db, now
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// statsBenchSpace is a mediator space over db, as the program makes it.
func statsBenchSpace(b *testing.B, db *sqlite.DB, now time.Time) *Space {
	b.Helper()
	a := test.NewTempApp(b)
	cat, err := locale.Load(locales.Files(), nil)
	if err != nil {
		b.Fatal(err)
	}
	lib, _ := guide.Load(guide.Options{}, guide.Source{FS: assets.Files(), Dir: "guides", Name: "g", Builtin: true})
	clock := func() time.Time { return now }
	k := visit.NewKiosk(visit.Config{}, lib, visit.NewRecorder(db, nil), clock)
	s := NewSpace(Deps{App: a, Accounts: &account.Service{Store: db, Audit: db, Now: clock}, Queue: db,
		Journal: db, Settings: db, Audit: db, Visits: db.Visits, Reports: db, Exports: db, ExportDir: b.TempDir(),
		Kiosk: k, Library: lib, Tr: cat.For("fr"), Now: clock, Background: func(f func()) { f() }})
	b.Cleanup(s.Close)
	return s
}
