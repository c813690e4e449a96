package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// visitDiff lists the fields where got differs from want; times are
// compared as instants and must come back in UTC.
func visitDiff(got, want visit.Visit) []string {
	var diffs []string
	field := func(name string, g, w any) {
		if g != w {
			diffs = append(diffs, fmt.Sprintf("%s: got %v, want %v", name, g, w))
		}
	}
	timeField := func(name string, g, w time.Time) {
		if !g.Equal(w) || g.IsZero() != w.IsZero() {
			diffs = append(diffs, fmt.Sprintf("%s: got %v, want %v", name, g, w))
		}
		if !g.IsZero() && g.Location() != time.UTC {
			diffs = append(diffs, fmt.Sprintf("%s: got location %v, want UTC", name, g.Location()))
		}
	}
	field("Key", got.Key, want.Key)
	timeField("Started", got.Started, want.Started)
	timeField("Updated", got.Updated, want.Updated)
	timeField("Ended", got.Ended, want.Ended)
	field("Lang", got.Lang, want.Lang)
	field("GuideID", got.GuideID, want.GuideID)
	field("StepCount", got.StepCount, want.StepCount)
	field("FurthestStep", got.FurthestStep, want.FurthestStep)
	field("Outcome", got.Outcome, want.Outcome)
	field("HelpCount", got.HelpCount, want.HelpCount)
	timeField("FirstHelp", got.FirstHelp, want.FirstHelp)
	field("MaxTextSize", got.MaxTextSize, want.MaxTextSize)
	return diffs
}

// stored is what the store gives back for v: times in UTC, to the ms.
func stored(v visit.Visit) visit.Visit {
	ms := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.UTC().Truncate(time.Millisecond)
	}
	v.Started, v.Updated, v.Ended, v.FirstHelp = ms(v.Started), ms(v.Updated), ms(v.Ended), ms(v.FirstHelp)
	return v
}

func allVisits(t *testing.T, db *sqlite.DB) []visit.Visit {
	t.Helper()
	vs, err := db.Visits(context.Background(), time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Visits", err)
	}
	return vs
}

func TestDB_SaveVisit(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	paris := time.FixedZone("Paris", 2*60*60)
	start := time.Date(2025, 6, 2, 9, 30, 15, 123_456_789, paris)

	steps := []struct {
		name string
		v    visit.Visit
	}{
		{"insert", visit.Visit{Key: "abc", Started: start, Updated: start, Lang: "ar", MaxTextSize: 1}},
		{"update", visit.Visit{Key: "abc", Started: start, Updated: start.Add(90 * time.Second), Lang: "ar",
			GuideID: "ameli-attestation", StepCount: 7, FurthestStep: 3, HelpCount: 1,
			FirstHelp: start.Add(40 * time.Second), MaxTextSize: 3}},
		{"end", visit.Visit{Key: "abc", Started: start, Updated: start.Add(5 * time.Minute), Ended: start.Add(5 * time.Minute),
			Lang: "fr", GuideID: "ameli-attestation", StepCount: 7, FurthestStep: 7, Outcome: visit.Done, HelpCount: 2,
			FirstHelp: start.Add(40 * time.Second), MaxTextSize: 2}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if err := db.SaveVisit(ctx, s.v); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
			}
			vs := allVisits(t, db)
			if len(vs) != 1 {
				t.Fatalf("Got(%q) = %d rows, want 1", "Visits", len(vs))
			}
			for _, d := range visitDiff(vs[0], stored(s.v)) {
				t.Errorf("Got(%q) = %s", "Visits()[0]", d)
			}
		})
	}
	if got := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM visits"); got != 1 {
		t.Errorf("Got(%q) = %d, want 1", "count(visits)", got)
	}
	// Time is stored as UTC text with milliseconds.
	var raw string
	if err := sqlite.Writer(db).QueryRow("SELECT started_at FROM visits").Scan(&raw); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "started_at", err)
	}
	if want := "2025-06-02T07:30:15.123Z"; raw != want {
		t.Errorf("Got(%q) = %q, want %q", "started_at", raw, want)
	}
}

func TestDB_SaveVisit_Invalid(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	now := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		v    visit.Visit
	}{
		{"unknown outcome", visit.Visit{Key: "k1", Started: now, Updated: now, Lang: "fr", Outcome: "gave_up", MaxTextSize: 1}},
		{"negative step count", visit.Visit{Key: "k2", Started: now, Updated: now, Lang: "fr", StepCount: -1, MaxTextSize: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := db.SaveVisit(ctx, tc.v)
			if got := failure.KindOf(err); got != failure.Invalid {
				t.Errorf("Got(%q) = %v, want %v (error: %v)", "KindOf(SaveVisit)", got, failure.Invalid, err)
			}
		})
	}
	if got := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM visits"); got != 0 {
		t.Errorf("Got(%q) = %d, want 0", "count(visits)", got)
	}
}

func TestDB_Visits(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	day := time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)
	for i, at := range []time.Time{
		day.Add(-time.Millisecond), // the day before
		day.Add(10 * time.Hour),    // saved before an earlier one: order is by start
		day,                        // the first instant of the day
		day.Add(24*time.Hour - time.Millisecond),
		day.Add(24 * time.Hour), // the next day
	} {
		v := visit.Visit{Key: fmt.Sprint("k", i), Started: at, Updated: at, Lang: "fr", MaxTextSize: 1}
		if err := db.SaveVisit(ctx, v); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
		}
	}
	for _, tc := range []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"one day", day, day.Add(24 * time.Hour), []string{"k2", "k1", "k3"}},
		{"empty range", day, day, nil},
		{"local times", day.In(time.FixedZone("Paris", 7200)), day.Add(11 * time.Hour).In(time.FixedZone("Paris", 7200)), []string{"k2", "k1"}},
		{"everything", day.Add(-48 * time.Hour), day.Add(48 * time.Hour), []string{"k0", "k2", "k1", "k3", "k4"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vs, err := db.Visits(ctx, tc.from, tc.to)
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "Visits", err)
			}
			var keys []string
			for _, v := range vs {
				keys = append(keys, v.Key)
			}
			if fmt.Sprint(keys) != fmt.Sprint(tc.want) {
				t.Errorf("Got(%q) = %v, want %v", "Visits keys", keys, tc.want)
			}
		})
	}
}

type helpRow struct {
	VisitKey string
	RaisedAt string
	GuideID  sql.NullString
	Step     int
	Screen   string
}

func helpRows(t *testing.T, db *sqlite.DB) []helpRow {
	t.Helper()
	rows, err := sqlite.Writer(db).Query(`SELECT v.key, h.raised_at, h.guide_id, h.step, h.screen
		FROM help_requests h JOIN visits v ON v.id = h.visit_id ORDER BY h.id`)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "help_requests", err)
	}
	defer rows.Close()
	var out []helpRow
	for rows.Next() {
		var h helpRow
		if err := rows.Scan(&h.VisitKey, &h.RaisedAt, &h.GuideID, &h.Step, &h.Screen); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Scan", err)
		}
		out = append(out, h)
	}
	return out
}

func TestDB_RaiseHelp(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	w := sqlite.Writer(db)
	start := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	v := visit.Visit{Key: "abc", Started: start, Updated: start, Lang: "fr", MaxTextSize: 1}

	steps := []struct {
		name      string
		help      visit.HelpRequest
		wantHelps []helpRow
	}{
		{"on the welcome screen", visit.HelpRequest{VisitKey: "abc", Raised: start.Add(time.Minute), Screen: visit.Screen("welcome")},
			[]helpRow{{"abc", "2025-06-02T09:01:00.000Z", sql.NullString{}, 0, "welcome"}}},
		{"on a step", visit.HelpRequest{VisitKey: "abc", Raised: start.Add(2 * time.Minute), GuideID: "caf", Step: 4, Screen: visit.Screen("step")},
			[]helpRow{{"abc", "2025-06-02T09:01:00.000Z", sql.NullString{}, 0, "welcome"},
				{"abc", "2025-06-02T09:02:00.000Z", sql.NullString{String: "caf", Valid: true}, 4, "step"}}},
	}
	for i, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			v.Updated = s.help.Raised
			v.HelpCount = i + 1
			v.FirstHelp = steps[0].help.Raised
			v.GuideID = s.help.GuideID
			if err := db.RaiseHelp(ctx, v, s.help); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "RaiseHelp", err)
			}
			if got := queryInt(t, w, "SELECT count(*) FROM visits"); got != 1 {
				t.Errorf("Got(%q) = %d, want 1", "count(visits)", got)
			}
			if got := queryInt(t, w, "SELECT count(*) FROM help_requests"); got != i+1 {
				t.Errorf("Got(%q) = %d, want %d", "count(help_requests)", got, i+1)
			}
			if got := helpRows(t, db); fmt.Sprint(got) != fmt.Sprint(s.wantHelps) {
				t.Errorf("Got(%q) = %v, want %v", "help_requests", got, s.wantHelps)
			}
			vs := allVisits(t, db)
			if len(vs) != 1 {
				t.Fatalf("Got(%q) = %d rows, want 1", "Visits", len(vs))
			}
			for _, d := range visitDiff(vs[0], stored(v)) {
				t.Errorf("Got(%q) = %s", "Visits()[0]", d)
			}
		})
	}
}

// TestDB_RaiseHelp_OneTransaction makes the help request's insert fail and
// checks that the visit's update was rolled back with it.
func TestDB_RaiseHelp_OneTransaction(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	w := sqlite.Writer(db)
	start := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	v := visit.Visit{Key: "abc", Started: start, Updated: start, Lang: "fr", MaxTextSize: 1}
	if err := db.SaveVisit(ctx, v); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
	}
	if _, err := w.Exec(`CREATE TRIGGER refuse_help BEFORE INSERT ON help_requests
		WHEN NEW.screen = 'refused' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "CREATE TRIGGER", err)
	}

	helped := v
	helped.Updated = start.Add(time.Minute)
	helped.HelpCount = 1
	helped.FirstHelp = helped.Updated
	err := db.RaiseHelp(ctx, helped, visit.HelpRequest{VisitKey: "abc", Raised: helped.Updated, Screen: visit.Screen("refused")})
	if err == nil {
		t.Fatalf("Got(%q) = nil error, want the trigger's error", "RaiseHelp")
	}
	if got := queryInt(t, w, "SELECT count(*) FROM help_requests"); got != 0 {
		t.Errorf("Got(%q) = %d, want 0", "count(help_requests)", got)
	}
	vs := allVisits(t, db)
	if len(vs) != 1 {
		t.Fatalf("Got(%q) = %d rows, want 1", "Visits", len(vs))
	}
	for _, d := range visitDiff(vs[0], stored(v)) {
		t.Errorf("Got(%q) = %s (the visit's update must roll back)", "Visits()[0]", d)
	}
}

func TestDB_CloseOpenVisits(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	start := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	visits := []visit.Visit{
		{Key: "open-1", Started: start, Updated: start.Add(3 * time.Minute), Lang: "fr", StepCount: 5, FurthestStep: 2, MaxTextSize: 1},
		{Key: "done", Started: start.Add(time.Minute), Updated: start.Add(9 * time.Minute), Ended: start.Add(9 * time.Minute),
			Lang: "en", Outcome: visit.Done, MaxTextSize: 1},
		{Key: "open-2", Started: start.Add(2 * time.Minute), Updated: start.Add(2*time.Minute + 1500*time.Millisecond), Lang: "uk", MaxTextSize: 2},
	}
	for _, v := range visits {
		if err := db.SaveVisit(ctx, v); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
		}
	}
	want := []visit.Visit{visits[0], visits[1], visits[2]}
	for _, i := range []int{0, 2} {
		want[i].Ended = want[i].Updated
		want[i].Outcome = visit.Abandoned
	}

	for _, tc := range []struct {
		name string
		n    int
	}{
		{"after a crash", 2},
		{"again", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := db.CloseOpenVisits(ctx)
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "CloseOpenVisits", err)
			}
			if n != tc.n {
				t.Errorf("Got(%q) = %d, want %d", "CloseOpenVisits", n, tc.n)
			}
			got := allVisits(t, db)
			if len(got) != len(want) {
				t.Fatalf("Got(%q) = %d rows, want %d", "Visits", len(got), len(want))
			}
			for i := range want {
				for _, d := range visitDiff(got[i], stored(want[i])) {
					t.Errorf("Got(%q) = %s", want[i].Key, d)
				}
			}
		})
	}
}

func TestDB_ForeignKeys(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	err := sqlite.ExecTx(ctx, db, `INSERT INTO help_requests(visit_id, raised_at, step, screen)
		VALUES (4242, '2025-06-02T09:00:00.000Z', 0, 'welcome')`)
	if err == nil {
		t.Fatalf("Got(%q) = nil error, want %s", "help request for a missing visit", failure.Invalid)
	}
	if got := failure.KindOf(err); got != failure.Invalid {
		t.Errorf("Got(%q) = %v, want %v (error: %v)", "KindOf", got, failure.Invalid, err)
	}
	if got := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM help_requests"); got != 0 {
		t.Errorf("Got(%q) = %d, want 0", "count(help_requests)", got)
	}

	// Deleting a visit deletes its help requests.
	start := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	v := visit.Visit{Key: "abc", Started: start, Updated: start, Lang: "fr", HelpCount: 1, FirstHelp: start, MaxTextSize: 1}
	if err := db.RaiseHelp(ctx, v, visit.HelpRequest{VisitKey: "abc", Raised: start, Screen: visit.Screen("welcome")}); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "RaiseHelp", err)
	}
	if err := sqlite.ExecTx(ctx, db, "DELETE FROM visits WHERE key = 'abc'"); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "DELETE visit", err)
	}
	if got := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM help_requests"); got != 0 {
		t.Errorf("Got(%q) = %d, want 0 (cascade)", "count(help_requests)", got)
	}
}

// TestDB_Concurrent writes from several goroutines while others read: no
// "database is locked", every write lands (R3).
func TestDB_Concurrent(t *testing.T) {
	const writers, each, readers = 8, 50, 4
	ctx := context.Background()
	db, _ := openDB(t)
	start := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	errs := make(chan error, writers*each+readers*each)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				at := start.Add(time.Duration(i) * time.Second)
				v := visit.Visit{Key: fmt.Sprint("w", w, "-", i), Started: at, Updated: at, Lang: "fr", MaxTextSize: 1}
				if i%3 == 0 {
					v.HelpCount = 1
					v.FirstHelp = at
					errs <- db.RaiseHelp(ctx, v, visit.HelpRequest{VisitKey: v.Key, Raised: at, Screen: visit.Screen("step")})
				} else {
					errs <- db.SaveVisit(ctx, v)
				}
			}
		})
	}
	for range readers {
		wg.Go(func() {
			for range each {
				_, err := db.Visits(ctx, start, start.Add(time.Hour))
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("Got(%q) = %v, want nil error", "concurrent call", err)
		}
	}
	if got := len(allVisits(t, db)); got != writers*each {
		t.Errorf("Got(%q) = %d, want %d", "visits", got, writers*each)
	}
}
