package sqlite_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// journalClock is the fixed "now" of the journal tests.
var journalClock = time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)

// openJournal opens a store whose clock is a variable the test moves, and
// creates a mediator account.
func openJournal(t *testing.T) (*sqlite.DB, string, *time.Time, int64) {
	t.Helper()
	db, path := openDB(t)
	now := journalClock
	db.Now = func() time.Time { return now }
	return db, path, &now, addAccount(t, db, "mediatrice")
}

// addAccount inserts an account row (migration 002) and returns its id.
func addAccount(t *testing.T, db *sqlite.DB, name string) int64 {
	t.Helper()
	ctx := context.Background()
	if err := sqlite.ExecTx(ctx, db, `INSERT INTO accounts(name, display_name, role, verifier, created_at)
		VALUES (?, ?, 'mediator', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', '2026-01-01T00:00:00.000Z')`,
		name, name); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "insert account", err)
	}
	return int64(queryInt(t, sqlite.Writer(db), "SELECT id FROM accounts WHERE name = ?", name))
}

func day(y int, m time.Month, d int) journal.Date { return journal.NewDate(y, m, d) }

func anonymousAccompaniment(mediator int64, d journal.Date) journal.Accompaniment {
	a := journal.NewAccompaniment(d, mediator)
	a.DurationMinutes = 30
	a.Place.Name = "Centre social des Lilas"
	a.Themes = []journal.Theme{journal.ThemeEmail}
	return a
}

func namedBeneficiary(mediator int64) journal.Beneficiary {
	b := journal.NewBeneficiary(day(2026, 3, 1), mediator)
	b.FirstName, b.LastName = "Zoé", "Ébrard"
	b.BirthYear = 1950
	b.Commune, b.PostalCode = "Villeurbanne", "69100"
	b.Gender, b.Status = journal.GenderFeminin, journal.StatusRetraite
	return b
}

func workshopFor(mediator int64, first journal.Date, n int) journal.Workshop {
	return journal.Workshop{
		Title:      "Premiers pas sur tablette",
		Level:      journal.LevelDebutant,
		Themes:     []journal.Theme{journal.ThemePrendreEnMainDuMateriel},
		Equipment:  []journal.Equipment{journal.EquipmentTablette},
		Place:      journal.Place{Type: journal.PlaceLieuActivite, Name: "Médiathèque"},
		MediatorID: mediator,
		Sessions: journal.WeeklySeries(journal.Session{Date: first, Start: journal.TimeOfDay{Hour: 14},
			DurationMinutes: 90}, n),
		Anonymous: journal.AnonymousCounts{Total: 3, AlreadyAccompanied: 1,
			Genders: map[journal.Gender]int{journal.GenderFeminin: 2}},
	}
}

func saveAccompaniment(t *testing.T, db *sqlite.DB, a journal.Accompaniment) journal.Accompaniment {
	t.Helper()
	got, err := db.SaveAccompaniment(context.Background(), a)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SaveAccompaniment", err)
	}
	return got
}

func saveBeneficiary(t *testing.T, db *sqlite.DB, b journal.Beneficiary) journal.Beneficiary {
	t.Helper()
	got, err := db.SaveBeneficiary(context.Background(), b)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SaveBeneficiary", err)
	}
	return got
}

func saveWorkshop(t *testing.T, db *sqlite.DB, w journal.Workshop) journal.Workshop {
	t.Helper()
	got, err := db.SaveWorkshop(context.Background(), w)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SaveWorkshop", err)
	}
	return got
}

// wantProblem checks that err is Invalid and lists (field, code).
func wantProblem(t *testing.T, what string, err error, field, code string) {
	t.Helper()
	if got := failure.KindOf(err); got != failure.Invalid {
		t.Fatalf("Got(%q) = %v, want %v (error: %v)", "KindOf("+what+")", got, failure.Invalid, err)
	}
	if ps := journal.Problems(err); !slices.Contains(ps, journal.Problem{Field: field, Code: code}) {
		t.Errorf("Got(%q) = %v, want (%s, %s)", "Problems("+what+")", ps, field, code)
	}
}

func TestDB_SaveAccompaniment(t *testing.T) {
	ctx := context.Background()
	db, _, now, mediator := openJournal(t)
	if err := db.SaveVisit(ctx, visit.Visit{Key: "visit-1", Started: journalClock, Updated: journalClock,
		Lang: "fr", MaxTextSize: 1}); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
	}
	a := journal.Accompaniment{
		Date:            day(2026, 3, 14),
		DurationMinutes: 45,
		Place:           journal.Place{Type: journal.PlaceDomicile, Commune: "Vaulx-en-Velin", PostalCode: "69120"},
		Equipment:       []journal.Equipment{journal.EquipmentTelephone, journal.EquipmentOrdinateur},
		Themes:          []journal.Theme{journal.ThemeAideAuxDemarchesAdministratives, journal.ThemeEmail},
		AdminThemes:     []journal.Theme{journal.ThemeSocialSante, journal.ThemeFamilleScolarite},
		Procedure:       "Créer son compte ameli",
		Autonomy:        journal.AutonomyPartiellementAutonome,
		Referred:        true,
		Referral:        journal.ReferralAideSociale,
		Tags:            []string{"CAF", "urgent"},
		Notes:           "Revenir avec l'attestation.",
		MediatorID:      mediator,
		Person: journal.Profile{AlreadyAccompanied: true, Commune: "Lyon", PostalCode: "69003",
			Gender: journal.GenderMasculin, AgeBand: journal.AgeSoixanteDixPlus, Status: journal.StatusRetraite},
		VisitKey: "visit-1",
	}
	got := saveAccompaniment(t, db, a)
	if got.ID == 0 {
		t.Fatalf("Got(%q) = 0, want an id", "SaveAccompaniment().ID")
	}
	want := a.Normalize()
	want.ID, want.Created, want.Updated = got.ID, journalClock, journalClock
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Got(%q) = %+v, want %+v", "SaveAccompaniment()", got, want)
	}
	read, err := db.Accompaniment(ctx, got.ID)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Accompaniment", err)
	}
	if !reflect.DeepEqual(read, want) {
		t.Errorf("Got(%q) = %+v, want %+v", "Accompaniment()", read, want)
	}

	t.Run("update", func(t *testing.T) {
		*now = journalClock.Add(time.Hour)
		up := read
		up.Themes, up.AdminThemes, up.Procedure = []journal.Theme{journal.ThemeBureautique}, nil, ""
		up.Referred, up.Referral, up.Tags = false, "", nil
		got := saveAccompaniment(t, db, up)
		want := up
		want.Updated = *now
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Got(%q) = %+v, want %+v", "SaveAccompaniment(update)", got, want)
		}
		if n := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM accompaniment_themes"); n != 1 {
			t.Errorf("Got(%q) = %d, want 1 (old themes replaced)", "count(accompaniment_themes)", n)
		}
	})
	t.Run("same visit twice", func(t *testing.T) {
		again := a
		_, err := db.SaveAccompaniment(ctx, again)
		wantProblem(t, "SaveAccompaniment", err, "visit", journal.CodeVisitAlreadyRecorded)
	})
	t.Run("unknown id", func(t *testing.T) {
		gone := read
		gone.ID = 999
		_, err := db.SaveAccompaniment(ctx, gone)
		if got := failure.KindOf(err); got != failure.NotFound {
			t.Errorf("Got(%q) = %v, want %v (error: %v)", "KindOf(SaveAccompaniment)", got, failure.NotFound, err)
		}
	})
	t.Run("delete", func(t *testing.T) {
		if err := db.DeleteAccompaniment(ctx, got.ID); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "DeleteAccompaniment", err)
		}
		if _, err := db.Accompaniment(ctx, got.ID); failure.KindOf(err) != failure.NotFound {
			t.Errorf("Got(%q) = %v, want %v", "Accompaniment(deleted)", err, failure.NotFound)
		}
		for _, table := range []string{"accompaniment_themes", "accompaniment_equipment", "accompaniment_tags"} {
			if n := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM "+table); n != 0 {
				t.Errorf("Got(%q) = %d, want 0 (cascade)", "count("+table+")", n)
			}
		}
		if err := db.DeleteAccompaniment(ctx, got.ID); failure.KindOf(err) != failure.NotFound {
			t.Errorf("Got(%q) = %v, want %v", "DeleteAccompaniment(again)", err, failure.NotFound)
		}
	})
}

// TestDB_SaveAccompaniment_EveryCode stores every code of every enum: the
// CHECK constraints of the schema and the Go enums list the same codes.
func TestDB_SaveAccompaniment_EveryCode(t *testing.T) {
	db, _, _, mediator := openJournal(t)
	base := anonymousAccompaniment(mediator, day(2026, 3, 2))
	var cases []journal.Accompaniment
	for _, th := range journal.DigitalThemes() {
		a := base
		a.Themes = []journal.Theme{th}
		cases = append(cases, a)
	}
	a := base
	a.Themes, a.AdminThemes = []journal.Theme{journal.ThemeAideAuxDemarchesAdministratives}, journal.AdminThemes()
	cases = append(cases, a)
	for _, p := range journal.PlaceTypes() {
		a := base
		a.Place = journal.Place{Type: p, Name: "Lieu", Commune: "Lyon"}
		cases = append(cases, a)
	}
	for _, e := range journal.Equipments() {
		a := base
		a.Equipment = []journal.Equipment{e}
		cases = append(cases, a)
	}
	for _, x := range journal.Autonomies() {
		a := base
		a.Autonomy = x
		cases = append(cases, a)
	}
	for _, r := range journal.Referrals() {
		a := base
		a.Referred, a.Referral = true, r
		cases = append(cases, a)
	}
	for _, g := range journal.Genders() {
		a := base
		a.Person.Gender = g
		cases = append(cases, a)
	}
	for _, band := range journal.AgeBands() {
		a := base
		a.Person.AgeBand = band
		cases = append(cases, a)
	}
	for _, s := range journal.SocialStatuses() {
		a := base
		a.Person.Status = s
		cases = append(cases, a)
	}
	for i, a := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			got := saveAccompaniment(t, db, a)
			want := a.Normalize()
			want.ID, want.Created, want.Updated = got.ID, got.Created, got.Updated
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Got(%q) = %+v, want %+v", "SaveAccompaniment()", got, want)
			}
		})
	}
	// A code the schema does not know is refused below the domain too.
	for _, stmt := range []string{
		"UPDATE accompaniments SET place_type = 'Ailleurs'",
		"UPDATE accompaniments SET person_gender = ''",
		"UPDATE accompaniments SET person_age_band = NULL",
		"INSERT INTO accompaniment_themes(accompaniment_id, theme) SELECT id, 'Cuisine' FROM accompaniments LIMIT 1",
	} {
		if err := sqlite.ExecTx(context.Background(), db, stmt); failure.KindOf(err) != failure.Invalid {
			t.Errorf("Got(%q) = %v, want %v", stmt, err, failure.Invalid)
		}
	}
}

func TestDB_SaveAccompaniment_Invalid(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	b := saveBeneficiary(t, db, namedBeneficiary(mediator))
	if err := db.EraseBeneficiary(ctx, b.ID); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "EraseBeneficiary", err)
	}
	for _, tc := range []struct {
		name        string
		edit        func(a *journal.Accompaniment)
		field, code string
	}{
		{"a broken rule", func(a *journal.Accompaniment) { a.Themes = nil }, "themes", journal.CodeThemesRequired},
		{"a NIR in the notes", func(a *journal.Accompaniment) { a.Notes = "NIR 2 84 12 75 114 023 45" },
			"notes", journal.CodeNotesLooksLikeNIR},
		{"unknown beneficiary", func(a *journal.Accompaniment) { a.BeneficiaryID = 4242 },
			"beneficiary", journal.CodeBeneficiaryNotFound},
		{"erased beneficiary", func(a *journal.Accompaniment) { a.BeneficiaryID = b.ID },
			"beneficiary", journal.CodeBeneficiaryErased},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := anonymousAccompaniment(mediator, day(2026, 3, 2))
			tc.edit(&a)
			_, err := db.SaveAccompaniment(ctx, a)
			wantProblem(t, "SaveAccompaniment", err, tc.field, tc.code)
		})
	}
	t.Run("unknown mediator", func(t *testing.T) {
		_, err := db.SaveAccompaniment(ctx, anonymousAccompaniment(mediator+100, day(2026, 3, 2)))
		if got := failure.KindOf(err); got != failure.Invalid {
			t.Errorf("Got(%q) = %v, want %v (error: %v)", "KindOf(SaveAccompaniment)", got, failure.Invalid, err)
		}
	})
	if n := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM accompaniments"); n != 0 {
		t.Errorf("Got(%q) = %d, want 0", "count(accompaniments)", n)
	}
}

func TestDB_Accompaniments(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	for _, d := range []journal.Date{day(2026, 2, 28), day(2026, 3, 1), day(2026, 3, 31), day(2026, 4, 1), day(2026, 3, 1)} {
		saveAccompaniment(t, db, anonymousAccompaniment(mediator, d))
	}
	got, err := db.Accompaniments(ctx, day(2026, 3, 1), day(2026, 4, 1))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Accompaniments", err)
	}
	var dates []string
	for _, a := range got {
		dates = append(dates, a.Date.String())
	}
	if want := []string{"2026-03-01", "2026-03-01", "2026-03-31"}; !slices.Equal(dates, want) {
		t.Errorf("Got(%q) = %v, want %v", "Accompaniments(March)", dates, want)
	}
}

func TestDB_SaveAccompaniment_Named(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	b := namedBeneficiary(mediator)
	b.BirthYear = 1956 // 69 in 2025, 70 in 2026
	b = saveBeneficiary(t, db, b)

	steps := []struct {
		name     string
		date     journal.Date
		said     bool // "already accompanied" ticked
		wantBand journal.AgeBand
		already  bool
	}{
		{"first", day(2026, 1, 10), false, journal.AgeSoixanteDixPlus, false},
		{"earlier, still first", day(2025, 12, 20), false, journal.AgeSoixanteSoixanteNeuf, false},
		{"later", day(2026, 2, 1), false, journal.AgeSoixanteDixPlus, true},
		{"said so", day(2024, 1, 1), true, journal.AgeSoixanteSoixanteNeuf, true},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			a := anonymousAccompaniment(mediator, s.date)
			a.BeneficiaryID = b.ID
			a.Person = journal.Profile{AlreadyAccompanied: s.said, Commune: "ignored", Gender: journal.GenderMasculin}
			got := saveAccompaniment(t, db, a)
			want := journal.Profile{AlreadyAccompanied: s.already, Commune: "Villeurbanne", PostalCode: "69100",
				Gender: journal.GenderFeminin, AgeBand: s.wantBand, Status: journal.StatusRetraite}
			if got.Person != want {
				t.Errorf("Got(%q) = %+v, want %+v", "Person", got.Person, want)
			}
		})
	}

	t.Run("beneficiary changes", func(t *testing.T) {
		b.Commune, b.PostalCode, b.BirthYear = "Bron", "69500", 1990
		saveBeneficiary(t, db, b)
		h, err := db.BeneficiaryHistory(ctx, b.ID)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "BeneficiaryHistory", err)
		}
		if len(h.Accompaniments) != len(steps) {
			t.Fatalf("Got(%q) = %d, want %d", "len(History.Accompaniments)", len(h.Accompaniments), len(steps))
		}
		for _, a := range h.Accompaniments {
			if a.Person.Commune != "Bron" || a.Person.AgeBand != journal.AgeBandFor(1990, a.Date) {
				t.Errorf("Got(%q) = %+v, want Bron and the band of 1990 at %s", "Person", a.Person, a.Date)
			}
		}
		if first := h.Accompaniments[0].Date; first != day(2026, 2, 1) {
			t.Errorf("Got(%q) = %s, want the most recent first", "History.Accompaniments[0].Date", first)
		}
	})
}
