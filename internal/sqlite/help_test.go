package sqlite_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// helpEnd is how a help request ended, as stored.
type helpEnd struct {
	Resolved   string // resolved_at, "" while open
	Outcome    string // "" while open
	ResolvedBy bool   // a mediator's account is recorded
}

func helpEnds(t *testing.T, db *sqlite.DB) map[string]helpEnd {
	t.Helper()
	rows, err := sqlite.Writer(db).Query("SELECT screen, resolved_at, outcome, resolved_by FROM help_requests")
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SELECT help_requests", err)
	}
	defer rows.Close()
	out := map[string]helpEnd{}
	for rows.Next() {
		var screen string
		var resolved, outcome sql.NullString
		var by sql.NullInt64
		if err := rows.Scan(&screen, &resolved, &outcome, &by); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Scan", err)
		}
		out[screen] = helpEnd{resolved.String, outcome.String, by.Valid}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "rows", err)
	}
	return out
}

// TestDB_HelpClosesWithVisit checks that a help request never outlives its
// visit: ending the visit (SaveVisit with Ended, or CloseOpenVisits after a
// crash) closes its open requests — « sans intervention » when nobody
// acknowledged them, resolved when a mediator had — and OpenHelp lists
// only requests of visits going on.
func TestDB_HelpClosesWithVisit(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	mediator := addAccount(t, db, "mediatrice")
	start := time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC)
	ended := visit.Visit{Key: "ends", Started: start, Updated: start, Lang: "fr", MaxTextSize: 1}
	crashed := visit.Visit{Key: "crashed", Started: start, Updated: start.Add(4 * time.Minute), Lang: "fr", MaxTextSize: 1}
	// The screen names each request.
	raise := func(v visit.Visit, screen string, at time.Duration) int64 {
		t.Helper()
		h := visit.HelpRequest{VisitKey: v.Key, Raised: start.Add(at), Screen: visit.Screen(screen)}
		if err := db.RaiseHelp(ctx, v, h); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "RaiseHelp", err)
		}
		return int64(queryInt(t, sqlite.Writer(db), "SELECT id FROM help_requests WHERE screen = ?", screen))
	}
	raise(ended, "unseen", time.Minute)
	acked := raise(ended, "acked", 2*time.Minute)
	resolved := raise(ended, "resolved", 3*time.Minute)
	raise(crashed, "crash-unseen", 4*time.Minute)
	if err := db.AcknowledgeHelp(ctx, acked, mediator, start.Add(150*time.Second)); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "AcknowledgeHelp", err)
	}
	if err := db.ResolveHelp(ctx, resolved, mediator, start.Add(200*time.Second)); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ResolveHelp", err)
	}
	openScreens := func() []string {
		t.Helper()
		hs, err := db.OpenHelp(ctx)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "OpenHelp", err)
		}
		var out []string
		for _, h := range hs {
			if h.Outcome != "" || !h.Resolved.IsZero() {
				t.Errorf("Got(%q) = %+v, want an open request", "OpenHelp", h)
			}
			out = append(out, string(h.Screen))
		}
		return out
	}
	if got := openScreens(); len(got) != 3 {
		t.Errorf("Got(%q) = %v, want unseen, acked, crash-unseen", "OpenHelp", got)
	}

	endAt := start.Add(5 * time.Minute)
	ended.Updated, ended.Ended, ended.Outcome = endAt, endAt, visit.TimedOut
	if err := db.SaveVisit(ctx, ended); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit(ended)", err)
	}
	stamp := "2026-03-15T09:05:00.000Z"
	want := map[string]helpEnd{
		"unseen":       {stamp, string(visit.HelpNoIntervention), false},
		"acked":        {stamp, string(visit.HelpResolved), false},
		"resolved":     {"2026-03-15T09:03:20.000Z", string(visit.HelpResolved), true},
		"crash-unseen": {},
	}
	for screen, w := range want {
		if got := helpEnds(t, db)[screen]; got != w {
			t.Errorf("Got(%q) = %+v, want %+v", screen+" after SaveVisit", got, w)
		}
	}
	if got := openScreens(); len(got) != 1 || got[0] != "crash-unseen" {
		t.Errorf("Got(%q) = %v, want [crash-unseen]", "OpenHelp", got)
	}

	if _, err := db.CloseOpenVisits(ctx); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "CloseOpenVisits", err)
	}
	want["crash-unseen"] = helpEnd{"2026-03-15T09:04:00.000Z", string(visit.HelpNoIntervention), false}
	for screen, w := range want {
		if got := helpEnds(t, db)[screen]; got != w {
			t.Errorf("Got(%q) = %+v, want %+v", screen+" after CloseOpenVisits", got, w)
		}
	}
	if got := openScreens(); len(got) != 0 {
		t.Errorf("Got(%q) = %v, want none", "OpenHelp", got)
	}

	// A request left open on an ended visit (written by an older version)
	// is not in the queue either.
	if err := sqlite.ExecTx(ctx, db, `INSERT INTO help_requests(visit_id, raised_at, step, screen)
		SELECT id, '2026-03-15T09:01:00.000Z', 0, 'left-open' FROM visits WHERE key = 'ends'`); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "INSERT", err)
	}
	if got := openScreens(); len(got) != 0 {
		t.Errorf("Got(%q) = %v, want none", "OpenHelp", got)
	}
}
