package exportjob_test

import (
	"testing"
	"time"

	"pasapas/internal/journal"
	"pasapas/internal/report"
)

var (
	paris   = time.FixedZone("Paris", 2*3600)
	clock   = time.Date(2026, 10, 20, 14, 0, 0, 0, time.UTC) // 16:00 in Paris
	october = report.Period{From: journal.NewDate(2026, 10, 1), To: journal.NewDate(2026, 11, 1), Preset: report.Custom}
)

func check(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", what, err)
	}
}
