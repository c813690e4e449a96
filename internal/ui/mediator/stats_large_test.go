package mediator

import (
	"database/sql"
	"strings"
	"testing"

	"pasapas/internal/account"
)

// Issue 16's bad input: a year with 50,000 kiosk visits, shown over a
// period of ten years. Tapping « Afficher » returns at once with
// « Chargement… » on the screen; the figures are computed off the UI
// goroutine and come back through the event loop, complete.
func TestStats_TenYearsOf50000VisitsKeepTheScreenResponsive(t *testing.T) {
	h := newSpace(t)
	// 50,000 ended visits over 2025, one every 10.5 minutes, written
	// in one statement (SaveVisit one by one would take minutes).
	raw, err := sql.Open("sqlite3", h.db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO visits (key, started_at, updated_at, ended_at, lang, guide_id, step_count, furthest_step, outcome)
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
		SELECT 'soak-' || i,
			strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (i * 630) || ' seconds'),
			strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (i * 630 + 300) || ' seconds'),
			strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01', '+' || (i * 630 + 300) || ' seconds'),
			'fr', 'ameli-compte', 4, 4, 'done'
		FROM n`); err != nil {
		t.Fatal(err)
	}
	h.login(account.Coordinator)
	loop := h.playLoop()
	for i, it := range h.s.Tabs.Items {
		if it.Text == "Statistiques" {
			h.s.Tabs.SelectIndex(i)
		}
	}
	if h.s.StatsChoice == nil {
		t.Fatal("no statistics tab")
	}
	loop("the first period's figures", func() bool { return !strings.Contains(h.texts(), "Chargement") })
	h.s.StatsChoice.SetSelected("Entre deux dates")
	h.s.StatsFrom.SetText("01/01/2017")
	h.s.StatsTo.SetText("31/12/2026")
	tapAtOnce(t, h.s.StatsShow, "« Afficher »")
	if !strings.Contains(h.texts(), "Chargement") {
		t.Fatalf("nothing says the figures are coming:\n%s", h.texts())
	}
	loop("ten years of figures", func() bool { return !strings.Contains(h.texts(), "Chargement") })
	got := h.texts()
	for _, want := range []string{"50000", "janvier 2025", "décembre 2025"} {
		if !strings.Contains(got, want) {
			t.Errorf("the ten years' statistics lack %q:\n%.3000s", want, got)
		}
	}
}
