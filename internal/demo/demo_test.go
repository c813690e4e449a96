package demo_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/demo"
	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/settings"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// now is the moment of the fills: a Friday afternoon in Paris.
var now = time.Date(2026, 3, 20, 15, 0, 0, 0, time.UTC)

func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "LoadLocation", err)
	}
	return loc
}

func openStore(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), sqlite.FileName))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Got(%q) = %v, want nil error", "Close", err)
		}
	})
	return db
}

func fill(t testing.TB, db *sqlite.DB, opts demo.Options) demo.Result {
	t.Helper()
	res, err := demo.Fill(context.Background(), db, opts)
	if err != nil {
		t.Fatalf("Got(Fill(%+v)) = %v, want nil error", opts, err)
	}
	return res
}

// everything returns the statistics of all the demo activity, planned
// sessions included.
func everything(t testing.TB, db *sqlite.DB, res demo.Result) report.Stats {
	t.Helper()
	p, err := report.NewPeriod(res.From, res.To.AddMonths(3))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "NewPeriod", err)
	}
	st, err := report.Compute(context.Background(), db, p, report.Options{Today: res.To, Location: paris(t)})
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Compute", err)
	}
	return st
}

func allVisits(t testing.TB, db *sqlite.DB) []visit.Visit {
	t.Helper()
	vs, err := db.Visits(context.Background(), time.Time{}, now.AddDate(1, 0, 0))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Visits", err)
	}
	return vs
}

func TestFill_SameSeedSameData(t *testing.T) {
	opts := demo.Options{Months: 3, Seed: 7, Now: now, Location: paris(t)}
	a, b := openStore(t), openStore(t)
	resA, resB := fill(t, a, opts), fill(t, b, opts)
	resA.Accounts, resB.Accounts = nil, nil // secrets are random
	if !reflect.DeepEqual(resA, resB) {
		t.Errorf("Got(Fill results) = %+v and %+v, want the same", resA, resB)
	}
	stA, stB := everything(t, a, resA), everything(t, b, resB)
	if !reflect.DeepEqual(stA, stB) {
		t.Errorf("Got(stats of two fills with seed 7) = %+v and %+v, want the same", stA.Totals, stB.Totals)
	}
	if va, vb := allVisits(t, a), allVisits(t, b); !reflect.DeepEqual(va, vb) {
		t.Errorf("Got(visits of two fills with seed 7) = %d and %d visits, not the same", len(va), len(vb))
	}

	c := openStore(t)
	opts.Seed = 8
	stC := everything(t, c, fill(t, c, opts))
	if reflect.DeepEqual(stA.Totals, stC.Totals) {
		t.Errorf("Got(stats with seeds 7 and 8) = %+v twice, want them to differ", stA.Totals)
	}
}

func TestFill_RefusesActivity(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		setup func(t *testing.T, db *sqlite.DB)
	}{
		{"filled before", func(t *testing.T, db *sqlite.DB) {
			fill(t, db, demo.Options{Months: 1, Now: now})
		}},
		{"one kiosk visit", func(t *testing.T, db *sqlite.DB) {
			if err := db.SaveVisit(ctx, visit.Visit{Key: "real", Started: now, Updated: now, Lang: "fr",
				MaxTextSize: 1}); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openStore(t)
			tt.setup(t, db)
			visits, accounts := len(allVisits(t, db)), countAccounts(t, db)
			_, err := demo.Fill(ctx, db, demo.Options{Months: 1, Now: now})
			if !errors.Is(err, demo.ErrNotEmpty) || failure.KindOf(err) != failure.Conflict {
				t.Fatalf("Got(Fill) = %v, want a Conflict ErrNotEmpty", err)
			}
			if v, a := len(allVisits(t, db)), countAccounts(t, db); v != visits || a != accounts {
				t.Errorf("Got(visits, accounts after a refused fill) = %d, %d, want %d, %d", v, a, visits, accounts)
			}
		})
	}
}

func countAccounts(t testing.TB, db *sqlite.DB) int {
	t.Helper()
	n, err := db.CountAccounts(context.Background())
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "CountAccounts", err)
	}
	return n
}

// A centre that created its first account may still try demo data: the
// demo mediators are added beside it, without a demo coordinator.
func TestFill_AccountsOnly(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	svc := &account.Service{Store: db, Now: func() time.Time { return now }}
	if _, err := svc.Create(ctx, "direction", "Direction", account.Coordinator, "Une phrase bien longue", 0); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Create", err)
	}
	res := fill(t, db, demo.Options{Months: 1, Now: now})
	var roles []account.Role
	for _, c := range res.Accounts {
		roles = append(roles, c.Role)
	}
	if want := []account.Role{account.Mediator, account.Mediator}; !reflect.DeepEqual(roles, want) {
		t.Errorf("Got(roles of the demo accounts) = %v, want %v", roles, want)
	}
	if n := countAccounts(t, db); n != 3 {
		t.Errorf("Got(CountAccounts) = %d, want 3", n)
	}
}

func TestFill_BadMonths(t *testing.T) {
	for _, months := range []int{-1, demo.MaxMonths + 1} {
		db := openStore(t)
		_, err := demo.Fill(context.Background(), db, demo.Options{Months: months, Now: now})
		if failure.KindOf(err) != failure.Invalid {
			t.Errorf("Got(Fill(months %d)) = %v, want an Invalid error", months, err)
		}
	}
}

// A year of demo activity looks like a centre's: every guide visited,
// mostly administrative procedures, some of everything "non communiqué",
// workshops of 4 to 8 weekly sessions with most people present, accounts
// that log in with the secrets shown.
func TestFill_Realistic(t *testing.T) {
	ctx := context.Background()
	loc := paris(t)
	db := openStore(t)
	res := fill(t, db, demo.Options{Now: now, Location: loc})
	if res.From != journal.NewDate(2025, 3, 20) || res.To != journal.NewDate(2026, 3, 20) {
		t.Errorf("Got(Fill period) = %s – %s, want 2025-03-20 – 2026-03-20", res.From, res.To)
	}
	st := everything(t, db, res)
	tot := st.Totals
	between := func(what string, got, lo, hi float64) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("Got(%s) = %v, want from %v to %v", what, got, lo, hi)
		}
	}
	between("visits", float64(tot.Visits), 1000, 3000)
	between("individual accompaniments", float64(tot.Individual), 700, 2000)
	between("workshops", float64(tot.Workshops), 8, 20)
	between("share of administrative procedures", st.Themes.Share(mustFind(t, st.Themes,
		string(journal.ThemeAideAuxDemarchesAdministratives))), 0.5, 0.8)
	between("attendance rate", tot.Attendance.Rate(), 0.7, 0.95)
	between("help rate", st.Kiosk.HelpRate(), 0.1, 0.4)
	between("named people", float64(tot.Named), 3, 8)
	between("share of new people", float64(tot.New)/float64(tot.People), 0.3, 0.8)
	if tot.Attendance.Unmarked == 0 {
		t.Errorf("Got(Attendance.Unmarked) = 0, want some sessions without attendance taken")
	}
	if len(st.Kiosk.Guides.Counts) != 13 || len(st.Kiosk.Stops) != 12 {
		t.Errorf("Got(guides visited) = %d (+ no guide), want 12", len(st.Kiosk.Stops))
	}
	for _, b := range []struct {
		name string
		b    report.Breakdown
	}{{"Genders", st.Genders}, {"AgeBands", st.AgeBands}, {"Statuses", st.Statuses}, {"Communes", st.Communes},
		{"Procedures", st.Procedures}} {
		if c := mustFind(t, b.b, report.KeyUnknown); c.Value == 0 {
			t.Errorf("Got(%s non communiqué) = 0, want some", b.name)
		}
	}
	for _, o := range st.Kiosk.Outcomes.Counts {
		if o.Key != report.Ongoing && o.Value == 0 {
			t.Errorf("Got(outcome %s) = 0, want some", o.Key)
		}
	}

	ws, err := db.Workshops(ctx, res.From, res.To.AddMonths(3))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Workshops", err)
	}
	for _, w := range ws {
		if n := len(w.Sessions); n < 4 || n > 8 || w.Sessions[1].Date != w.Sessions[0].Date.AddDays(7) {
			t.Errorf("Got(workshop %q sessions) = %v, want 4 to 8 weekly sessions", w.Title, w.Sessions)
		}
	}
	for _, v := range allVisits(t, db) {
		local := v.Started.In(loc)
		if wd := local.Weekday(); wd == time.Saturday || wd == time.Sunday || local.Hour() < 9 || local.Hour() >= 18 {
			t.Errorf("Got(visit started) = %v, want opening hours", local)
			break
		}
	}

	svc := &account.Service{Store: db, Now: func() time.Time { return now }}
	if len(res.Accounts) != 3 {
		t.Fatalf("Got(len(Accounts)) = %d, want 3 (a coordinator and two mediators)", len(res.Accounts))
	}
	c := res.Accounts[1]
	if _, err := svc.Login(ctx, c.Name, c.Secret); err != nil {
		t.Errorf("Got(Login(%q, secret shown)) = %v, want nil error", c.Name, err)
	}
}

func mustFind(t *testing.T, b report.Breakdown, key string) report.Count {
	t.Helper()
	c, ok := b.Find(key)
	if !ok {
		t.Fatalf("Got(Find(%q)) = none, want a count", key)
	}
	return c
}

// The demo centre is named in the settings, so that the mediator space
// opens on its activity rather than on « the centre's name is missing »;
// a centre that named itself keeps its name.
func TestFill_NamesTheCentre(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	fill(t, db, demo.Options{Months: 1, Now: now})
	st, err := db.LoadSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.CentreName == "" || len(st.Places) != 1 || st.DefaultCommune != "Villeurbanne" || st.PostalCode != "69100" {
		t.Errorf("settings after the demo fill: %+v", st)
	}
	if err := st.Validate(); err != nil {
		t.Errorf("the demo's settings are refused: %v", err)
	}

	own := openStore(t)
	mine := settings.Defaults()
	mine.CentreName, mine.Places = "Espace numérique de Belleville", []string{"Salle 2"}
	if err := own.SaveSettings(ctx, mine); err != nil {
		t.Fatal(err)
	}
	fill(t, own, demo.Options{Months: 1, Now: now})
	if st, err := own.LoadSettings(ctx); err != nil || st.CentreName != mine.CentreName || st.Places[0] != "Salle 2" {
		t.Errorf("a named centre's settings after the demo fill: %+v, %v", st, err)
	}
}
