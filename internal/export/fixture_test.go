package export_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/export"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/settings"
	"pasapas/internal/sqlite"
)

// The small dataset every export test reads, stored through the real
// SQLite store. Period: October 2026, today the 20th.
//
//   - 1 October: an anonymous individual accompaniment whose procedure is
//     a formula and whose tag starts with "+";
//   - a workshop of three weekly sessions (7, 14 and 21 October, 14:00,
//     90 min) with Zoé Ébrard and two anonymous participants: on the 7th
//     Zoé and anonyme 1 present, anonyme 2 absent; on the 14th Zoé
//     excused, the others not marked; the 21st is after today;
//   - 31 October (the last day, included): Zoé, alone;
//   - 1 November: an accompaniment outside the period.
var (
	paris    = time.FixedZone("Paris", 2*3600)
	clock    = time.Date(2026, 10, 20, 7, 30, 0, 0, time.UTC) // 09:30 in Paris
	today    = journal.NewDate(2026, 10, 20)
	october  = mustDays(journal.NewDate(2026, 10, 1), journal.NewDate(2026, 10, 31))
	exported = time.Date(2026, 10, 20, 16, 5, 0, 0, paris)
)

const (
	centre            = "Espace numérique des Lilas"
	mediator          = "Camille Martin"
	formula           = `=HYPERLINK("http://example.com","clic")`
	accompanimentNote = "Revenir avec le dernier avis d’imposition."
	workshopNote      = "Prévoir les tablettes chargées."
)

func mustDays(first, last journal.Date) report.Period {
	p, err := report.Days(first, last)
	if err != nil {
		panic(err)
	}
	return p
}

// fixture is the stored dataset and what the tests compare against.
type fixture struct {
	db       *sqlite.DB
	dir      string
	acc1     journal.Accompaniment
	acc2     journal.Accompaniment
	workshop journal.Workshop
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "sqlite.Open", err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return clock }
	f := fixture{db: db, dir: dir}

	s := settings.Defaults()
	s.CentreName = centre
	check(t, "SaveSettings", db.SaveSettings(ctx, s))
	mid, err := db.CreateAccount(ctx, account.Account{Name: "camille", DisplayName: mediator,
		Role: account.Mediator, Verifier: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", Created: clock})
	check(t, "CreateAccount", err)

	b := journal.NewBeneficiary(journal.NewDate(2026, 9, 1), mid)
	b.FirstName, b.LastName, b.BirthYear = "Zoé", "Ébrard", 1950
	b.Commune, b.PostalCode = "Villeurbanne", "69100"
	b.Gender, b.Status = journal.GenderFeminin, journal.StatusRetraite
	b, err = db.SaveBeneficiary(ctx, b)
	check(t, "SaveBeneficiary", err)

	a := journal.NewAccompaniment(journal.NewDate(2026, 10, 1), mid)
	a.DurationMinutes = 45
	a.Place.Name = "Centre social des Lilas"
	a.Place.Commune, a.Place.PostalCode = "Saint-Étienne", "42000"
	a.Equipment = []journal.Equipment{journal.EquipmentOrdinateur, journal.EquipmentTelephone}
	a.Themes = []journal.Theme{journal.ThemeEmail, journal.ThemeAideAuxDemarchesAdministratives}
	a.AdminThemes = []journal.Theme{journal.ThemeLogement}
	a.Procedure = formula
	a.Tags = []string{"+33 rappel", "-moins"}
	a.Notes = accompanimentNote
	a.Autonomy = journal.AutonomyPartiellementAutonome
	a.Referred, a.Referral = true, journal.ReferralAideSociale
	a.Person = journal.Profile{AlreadyAccompanied: true, Commune: "Firminy", PostalCode: "42700",
		Gender: journal.GenderMasculin, AgeBand: journal.AgeQuaranteCinquanteNeuf, Status: journal.StatusEnEmploi}
	f.acc1, err = db.SaveAccompaniment(ctx, a)
	check(t, "SaveAccompaniment", err)

	a2 := journal.NewAccompaniment(journal.NewDate(2026, 10, 31), mid)
	a2.DurationMinutes = 30
	a2.Place.Name = "Centre social des Lilas"
	a2.Themes = []journal.Theme{journal.ThemeNavigationSurInternet}
	a2.BeneficiaryID = b.ID
	f.acc2, err = db.SaveAccompaniment(ctx, a2)
	check(t, "SaveAccompaniment", err)

	a3 := a2
	a3.Date = journal.NewDate(2026, 11, 1)
	_, err = db.SaveAccompaniment(ctx, a3)
	check(t, "SaveAccompaniment", err)

	w := journal.Workshop{
		Title:      "Premiers pas sur tablette",
		Level:      journal.LevelDebutant,
		Themes:     []journal.Theme{journal.ThemePrendreEnMainDuMateriel},
		Equipment:  []journal.Equipment{journal.EquipmentTablette},
		Place:      journal.Place{Type: journal.PlaceLieuActivite, Name: "Médiathèque"},
		MediatorID: mid,
		Notes:      workshopNote,
		Sessions: journal.WeeklySeries(journal.Session{Date: journal.NewDate(2026, 10, 7),
			Start: journal.TimeOfDay{Hour: 14}, DurationMinutes: 90}, 3),
		Participants: []int64{b.ID},
		Anonymous: journal.AnonymousCounts{Total: 2,
			Genders: map[journal.Gender]int{journal.GenderFeminin: 1}},
	}
	f.workshop, err = db.SaveWorkshop(ctx, w)
	check(t, "SaveWorkshop", err)
	zoe := journal.Participant{BeneficiaryID: b.ID}
	anon := func(n int) journal.Participant { return journal.Participant{Anonymous: n} }
	check(t, "SetAttendance", db.SetAttendance(ctx, f.workshop.Sessions[0].ID, []journal.Mark{
		{Participant: zoe, Presence: journal.Present},
		{Participant: anon(1), Presence: journal.Present},
		{Participant: anon(2), Presence: journal.Absent},
	}))
	check(t, "SetAttendance", db.SetAttendance(ctx, f.workshop.Sessions[1].ID, []journal.Mark{
		{Participant: zoe, Presence: journal.Excused},
	}))
	return f
}

func check(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", what, err)
	}
}

// header is the header block of the fixture's exports.
func header() export.Header {
	return export.Header{Centre: centre, ExportedBy: mediator, ExportedAt: exported,
		From: october.From, To: october.Last()}
}

// load reads October from the fixture's store for a funders' export: no
// names.
func (f fixture) load(t *testing.T) export.Data {
	t.Helper()
	d, err := export.LoadFor(context.Background(), f.db, export.Spec{What: export.WhatActivities, Format: export.CSV},
		october, today, paris)
	check(t, "export.LoadFor", err)
	if len(d.People) != 0 {
		t.Fatalf("Got(LoadFor funders) = %d names read, want none", len(d.People))
	}
	return d
}

// loadDetailed reads October from the fixture's store for a detailed
// export: with the names.
func (f fixture) loadDetailed(t *testing.T) export.Data {
	t.Helper()
	d, err := export.LoadFor(context.Background(), f.db, export.Spec{What: export.WhatActivities, Format: export.CSV,
		Detailed: true}, october, today, paris)
	check(t, "export.LoadFor", err)
	return d
}

// tool returns the path of a poppler tool; without it the PDF cannot be
// read back, and the test fails (make test installs poppler-utils).
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found: make deps-test installs poppler-utils", name)
	}
	return p
}
