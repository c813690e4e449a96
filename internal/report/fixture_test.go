package report_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Paris on every machine

	"pasapas/internal/account"
	"pasapas/internal/journal"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// The hand-made centre of these tests: March 2026 in Paris (summer time
// from 29 March), "today" the 20th. The expected figures are worked out in
// the comments of fill and checked in stats_test.go.

var (
	march = journal.NewDate(2026, time.March, 1)
	april = journal.NewDate(2026, time.April, 1)
	today = journal.NewDate(2026, time.March, 20)
)

func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "LoadLocation", err)
	}
	return loc
}

func day(m time.Month, d int) journal.Date { return journal.NewDate(2026, m, d) }

// openStore opens a new database in t.TempDir() with a fixed clock and one
// mediator account, whose id it returns.
func openStore(t testing.TB) (*sqlite.DB, int64) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), sqlite.FileName))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Got(%q) = %v, want nil error", "Close", err)
		}
	})
	db.Now = func() time.Time { return time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC) }
	id, err := db.CreateAccount(ctx, account.Account{Name: "mediatrice", DisplayName: "Médiatrice",
		Role: account.Mediator, Verifier: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", Created: db.Now()})
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "CreateAccount", err)
	}
	return db, id
}

// fixture is the ids fill gave the records.
type fixture struct {
	zoe, ali, jeanne    int64 // beneficiaries
	tablette, demarches journal.Workshop
}

func must[T any](t testing.TB, what string) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", what, err)
		}
		return v
	}
}

// fill writes the hand-made month through the real store.
func fill(t *testing.T, db *sqlite.DB, mediator int64) fixture {
	t.Helper()
	ctx := context.Background()
	loc := paris(t)
	var f fixture

	// Named beneficiaries.
	// Zoé: 76 in 2026 (70 ans et plus), Feminin, Retraite, Villeurbanne;
	// accompanied in February, so already accompanied in March.
	zoe := journal.NewBeneficiary(day(time.January, 10), mediator)
	zoe.FirstName, zoe.LastName, zoe.BirthYear = "Zoé", "Ébrard", 1950
	zoe.Commune, zoe.PostalCode = "Villeurbanne", "69100"
	zoe.Gender, zoe.Status = journal.GenderFeminin, journal.StatusRetraite
	f.zoe = must[journal.Beneficiary](t, "SaveBeneficiary")(db.SaveBeneficiary(ctx, zoe)).ID
	// Ali: 26 (25 - 39 ans), Masculin, EnEmploi, Lyon; only in a
	// workshop: new.
	ali := journal.NewBeneficiary(day(time.March, 1), mediator)
	ali.FirstName, ali.LastName, ali.BirthYear = "Ali", "Benali", 2000
	ali.Commune, ali.PostalCode = "Lyon", "69003"
	ali.Gender, ali.Status = journal.GenderMasculin, journal.StatusEnEmploi
	f.ali = must[journal.Beneficiary](t, "SaveBeneficiary")(db.SaveBeneficiary(ctx, ali)).ID
	// Jeanne: nothing said about her; "déjà accompagnée" said on her
	// first accompaniment.
	jeanne := journal.NewBeneficiary(day(time.March, 1), mediator)
	jeanne.FirstName, jeanne.LastName = "Jeanne", "Martin"
	f.jeanne = must[journal.Beneficiary](t, "SaveBeneficiary")(db.SaveBeneficiary(ctx, jeanne)).ID

	// Individual accompaniments: A1–A5 are in March, A0 and A6 are out.
	acc := func(d journal.Date, minutes int, place journal.Place, themes, admin []journal.Theme, procedure string,
		beneficiary int64, person journal.Profile) {
		a := journal.NewAccompaniment(d, mediator)
		a.DurationMinutes, a.Place = minutes, place
		a.Themes, a.AdminThemes, a.Procedure = themes, admin, procedure
		a.BeneficiaryID, a.Person = beneficiary, person
		must[journal.Accompaniment](t, "SaveAccompaniment")(db.SaveAccompaniment(ctx, a))
	}
	centre := journal.Place{Type: journal.PlaceLieuActivite, Name: "Centre social"}
	aide := []journal.Theme{journal.ThemeAideAuxDemarchesAdministratives}
	unknown := journal.UnknownProfile()
	// A0, February: Zoé's earlier activity.
	acc(day(time.February, 15), 30, centre, []journal.Theme{journal.ThemeEmail}, nil, "", f.zoe, unknown)
	// A1, 1 March (the first day: in): anonymous, new.
	acc(march, 30, centre, aide, []journal.Theme{journal.ThemeSocialSante}, "Carte Vitale", 0,
		journal.Profile{Commune: "Villeurbanne", Gender: journal.GenderFeminin,
			AgeBand: journal.AgeVingtCinqTrenteNeuf, Status: journal.StatusSansEmploi})
	// A2: Jeanne, said already accompanied.
	said := unknown
	said.AlreadyAccompanied = true
	acc(day(time.March, 5), 15, journal.Place{Type: journal.PlaceADistance}, []journal.Theme{journal.ThemeEmail},
		nil, "", f.jeanne, said)
	// A3: Zoé at home.
	acc(day(time.March, 10), 60, journal.Place{Type: journal.PlaceDomicile, Commune: "Villeurbanne"}, aide,
		[]journal.Theme{journal.ThemeArgentImpots}, "impots.gouv", f.zoe, unknown)
	// A4: anonymous, nothing said but "déjà accompagné"; the same
	// procedure as A1, spelt otherwise.
	acc(day(time.March, 12), 45, centre, aide, []journal.Theme{journal.ThemeSocialSante, journal.ThemeLogement},
		" carte  vitale ", 0, said)
	// A5, 31 March (the last day: in): no procedure named.
	acc(day(time.March, 31), 120, journal.Place{Type: journal.PlaceAutre, Commune: "Lyon"}, aide, nil, "", 0,
		journal.Profile{Commune: "Lyon", Gender: journal.GenderMasculin, AgeBand: journal.AgeSoixanteDixPlus,
			Status: journal.StatusRetraite})
	// A6, 1 April (the To day: out).
	acc(april, 30, centre, []journal.Theme{journal.ThemeEmail}, nil, "", 0, unknown)

	// Workshop "tablette": Ali and Zoé and 3 anonymous (2 Feminin, one
	// 60 - 69 ans, the first already accompanied), weekly from 4 March:
	// 4, 11, 18 held, 25 planned (after today).
	tablette := journal.Workshop{
		Title: "Premiers pas sur tablette", Level: journal.LevelDebutant,
		Themes: []journal.Theme{journal.ThemePrendreEnMainDuMateriel},
		Place:  centre, MediatorID: mediator,
		Sessions: journal.WeeklySeries(journal.Session{Date: day(time.March, 4), Start: journal.TimeOfDay{Hour: 14},
			DurationMinutes: 90}, 4),
		Participants: []int64{f.ali, f.zoe},
		Anonymous: journal.AnonymousCounts{Total: 3, AlreadyAccompanied: 1,
			Genders:  map[journal.Gender]int{journal.GenderFeminin: 2},
			AgeBands: map[journal.AgeBand]int{journal.AgeSoixanteSoixanteNeuf: 1}},
	}
	f.tablette = must[journal.Workshop](t, "SaveWorkshop")(db.SaveWorkshop(ctx, tablette))
	named := func(id int64) journal.Participant { return journal.Participant{BeneficiaryID: id} }
	anon := func(n int) journal.Participant { return journal.Participant{Anonymous: n} }
	mark := func(session int64, marks map[journal.Participant]journal.Presence) {
		var ms []journal.Mark
		for p, pr := range marks {
			ms = append(ms, journal.Mark{Participant: p, Presence: pr})
		}
		if err := db.SetAttendance(ctx, session, ms); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SetAttendance", err)
		}
	}
	// 4 March: 3 present, 1 absent, 1 excused.
	mark(f.tablette.Sessions[0].ID, map[journal.Participant]journal.Presence{named(f.ali): journal.Present,
		named(f.zoe): journal.Present, anon(1): journal.Present, anon(2): journal.Absent, anon(3): journal.Excused})
	// 11 March: Ali absent, 3 present, anonyme 3 not marked.
	mark(f.tablette.Sessions[1].ID, map[journal.Participant]journal.Presence{named(f.ali): journal.Absent,
		named(f.zoe): journal.Present, anon(1): journal.Present, anon(2): journal.Present})
	// 18 March: attendance not taken. 25 March: planned.

	// Workshop "démarches": 25 February and 4 March, 2 anonymous (one
	// Masculin); on 4 March the first present, the second absent.
	demarches := journal.Workshop{
		Title: "Démarches en ligne", Themes: aide, AdminThemes: []journal.Theme{journal.ThemeTravailFormation},
		Place: journal.Place{Type: journal.PlaceADistance}, MediatorID: mediator,
		Sessions: journal.WeeklySeries(journal.Session{Date: day(time.February, 25), Start: journal.TimeOfDay{Hour: 10},
			DurationMinutes: 60}, 2),
		Anonymous: journal.AnonymousCounts{Total: 2, Genders: map[journal.Gender]int{journal.GenderMasculin: 1}},
	}
	f.demarches = must[journal.Workshop](t, "SaveWorkshop")(db.SaveWorkshop(ctx, demarches))
	mark(f.demarches.Sessions[1].ID, map[journal.Participant]journal.Presence{anon(1): journal.Present,
		anon(2): journal.Absent})

	// Kiosk visits, in Paris time. Out: V1 and V10.
	at := func(m time.Month, d, h, min, s int) time.Time { return time.Date(2026, m, d, h, min, s, 0, loc) }
	visits := []struct {
		start     time.Time
		guide     string
		steps     int
		furthest  int
		outcome   visit.Outcome
		helpCount int
	}{
		{at(time.February, 28, 23, 59, 59), "ameli-compte", 5, 5, visit.Done, 1}, // V1: out
		{at(time.March, 1, 0, 0, 0), "ameli-compte", 5, 5, visit.Done, 1},        // V2
		{at(time.March, 10, 10, 0, 0), "ameli-compte", 5, 2, visit.Abandoned, 0}, // V3: stops at 2
		{at(time.March, 11, 10, 0, 0), "ameli-compte", 5, 2, visit.TimedOut, 2},  // V4: stops at 2
		{at(time.March, 12, 10, 0, 0), "ameli-compte", 5, 0, visit.NotYet, 0},    // V5: stops at 0 (checklist)
		{at(time.March, 13, 10, 0, 0), "ameli-compte", 5, 5, visit.NotYet, 0},    // V6: reached the end
		{at(time.March, 14, 10, 0, 0), "caf-aide-logement", 6, 3, visit.EndedByStaff, 0},
		{at(time.March, 15, 10, 0, 0), "", 0, 0, visit.Abandoned, 0},                      // V8: no guide
		{at(time.March, 31, 23, 59, 59), "caf-aide-logement", 6, 6, visit.Appointment, 1}, // V9: in
		{at(time.April, 1, 0, 0, 0), "caf-aide-logement", 6, 6, visit.Done, 0},            // V10: out
		{at(time.March, 20, 9, 0, 0), "caf-aide-logement", 6, 1, "", 0},                   // V11: going on
	}
	for i, v := range visits {
		rec := visit.Visit{Key: "v" + string(rune('a'+i)), Started: v.start, Updated: v.start.Add(5 * time.Minute),
			Lang: "fr", GuideID: v.guide, StepCount: v.steps, FurthestStep: v.furthest, Outcome: v.outcome,
			HelpCount: v.helpCount, MaxTextSize: 1}
		if v.outcome != "" {
			rec.Ended = rec.Updated
		}
		if v.helpCount > 0 {
			rec.FirstHelp = v.start.Add(time.Minute)
		}
		if err := db.SaveVisit(ctx, rec); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
		}
	}
	return f
}
