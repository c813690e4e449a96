package journal_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"pasapas/internal/journal"
)

func validBeneficiary() journal.Beneficiary {
	b := journal.NewBeneficiary(journal.NewDate(2026, 3, 9), 7)
	b.FirstName, b.LastName = "Zoé", "Ébrard"
	b.BirthYear = 1956
	return b
}

func TestBeneficiary_Validate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(b *journal.Beneficiary)
		want []journal.Problem
	}{
		{"valid", func(b *journal.Beneficiary) {}, nil},
		{"everything", func(b *journal.Beneficiary) {
			b.Commune, b.PostalCode, b.Phone, b.Email = "Lyon", "69003", "+33 6 12 34 56 78", "zoe.ebrard@example.fr"
			b.Gender, b.Status = journal.GenderFeminin, journal.StatusRetraite
		}, nil},
		{"no first name", func(b *journal.Beneficiary) { b.FirstName = " " },
			[]journal.Problem{p("first_name", "beneficiary.first_name_required")}},
		{"no last name", func(b *journal.Beneficiary) { b.LastName = "" },
			[]journal.Problem{p("last_name", "beneficiary.last_name_required")}},
		{"long last name", func(b *journal.Beneficiary) { b.LastName = strings.Repeat("n", 101) },
			[]journal.Problem{p("last_name", "text.too_long")}},
		{"NUL in the last name", func(b *journal.Beneficiary) { b.LastName = "Du\x00pont" },
			[]journal.Problem{p("last_name", "text.control")}},
		{"no year of birth", func(b *journal.Beneficiary) { b.BirthYear = 0 }, nil},
		{"born in 1900", func(b *journal.Beneficiary) { b.BirthYear = 1900 }, nil},
		{"born in 1899", func(b *journal.Beneficiary) { b.BirthYear = 1899 },
			[]journal.Problem{p("birth_year", "beneficiary.birth_year_range")}},
		{"born the year of consent", func(b *journal.Beneficiary) { b.BirthYear = 2026 }, nil},
		{"born after consent", func(b *journal.Beneficiary) { b.BirthYear = 2027 },
			[]journal.Problem{p("birth_year", "beneficiary.birth_year_range")}},
		{"two-digit year", func(b *journal.Beneficiary) { b.BirthYear = 56 },
			[]journal.Problem{p("birth_year", "beneficiary.birth_year_range")}},
		{"no consent date", func(b *journal.Beneficiary) { b.ConsentDate = journal.Date{} },
			[]journal.Problem{p("consent", "beneficiary.consent_required")}},
		{"no consent author", func(b *journal.Beneficiary) { b.ConsentBy = 0 },
			[]journal.Problem{p("consent_by", "beneficiary.consent_by_required")}},
		{"bad e-mail", func(b *journal.Beneficiary) { b.Email = "zoe at example.fr" },
			[]journal.Problem{p("email", "email.invalid")}},
		{"e-mail with a name", func(b *journal.Beneficiary) { b.Email = "Zoé <zoe@example.fr>" },
			[]journal.Problem{p("email", "email.invalid")}},
		{"e-mail without domain dot", func(b *journal.Beneficiary) { b.Email = "zoe@localhost" },
			[]journal.Problem{p("email", "email.invalid")}},
		{"short phone", func(b *journal.Beneficiary) { b.Phone = "06 12 34" },
			[]journal.Problem{p("phone", "phone.invalid")}},
		{"phone with letters", func(b *journal.Beneficiary) { b.Phone = "06 12 34 56 7B" },
			[]journal.Problem{p("phone", "phone.invalid")}},
		{"French phone not starting with 0", func(b *journal.Beneficiary) { b.Phone = "6123456789" },
			[]journal.Problem{p("phone", "phone.invalid")}},
		{"dotted phone", func(b *journal.Beneficiary) { b.Phone = "06.12.34.56.78" }, nil},
		{"bad postal code", func(b *journal.Beneficiary) { b.PostalCode = "690" },
			[]journal.Problem{p("postal_code", "postal_code.invalid")}},
		{"gender left empty", func(b *journal.Beneficiary) { b.Gender = "" },
			[]journal.Problem{p("gender", "gender.invalid")}},
		{"unknown status", func(b *journal.Beneficiary) { b.Status = "Etudiant" },
			[]journal.Problem{p("status", "status.invalid")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := validBeneficiary()
			tc.edit(&b)
			checkProblems(t, "Validate", b.Validate(), tc.want)
		})
	}
}

// TestAgeBandFor checks every boundary: the age is the year of the day
// minus the year of birth.
func TestAgeBandFor(t *testing.T) {
	day := journal.NewDate(2026, 1, 1)
	for _, tc := range []struct {
		born int
		want journal.AgeBand
	}{
		{0, journal.AgeNonCommunique},
		{2027, journal.AgeNonCommunique},
		{2026, journal.AgeMoinsDeDouze}, // 0
		{2015, journal.AgeMoinsDeDouze}, // 11
		{2014, journal.AgeDouzeDixHuit}, // 12
		{2009, journal.AgeDouzeDixHuit}, // 17
		{2008, journal.AgeDixHuitVingtQuatre},
		{2002, journal.AgeDixHuitVingtQuatre}, // 24
		{2001, journal.AgeVingtCinqTrenteNeuf},
		{1987, journal.AgeVingtCinqTrenteNeuf}, // 39
		{1986, journal.AgeQuaranteCinquanteNeuf},
		{1967, journal.AgeQuaranteCinquanteNeuf}, // 59
		{1966, journal.AgeSoixanteSoixanteNeuf},
		{1957, journal.AgeSoixanteSoixanteNeuf}, // 69
		{1956, journal.AgeSoixanteDixPlus},
		{1900, journal.AgeSoixanteDixPlus},
	} {
		if got := journal.AgeBandFor(tc.born, day); got != tc.want {
			t.Errorf("Got(%q) = %v, want %v", "AgeBandFor", got, tc.want)
		}
	}
	// The band is derived at the reference date: the same person moves up
	// on 1 January.
	b := validBeneficiary()
	b.BirthYear = 1956
	if got := b.AgeBandAt(journal.NewDate(2025, 12, 31)); got != journal.AgeSoixanteSoixanteNeuf {
		t.Errorf("Got(%q) = %v, want %v", "AgeBandAt(2025-12-31)", got, journal.AgeSoixanteSoixanteNeuf)
	}
	if got := b.AgeBandAt(journal.NewDate(2026, 1, 1)); got != journal.AgeSoixanteDixPlus {
		t.Errorf("Got(%q) = %v, want %v", "AgeBandAt(2026-01-01)", got, journal.AgeSoixanteDixPlus)
	}
}

func TestBeneficiary_Erase(t *testing.T) {
	b := validBeneficiary()
	b.ID, b.BirthYear = 3, 1980
	b.Phone, b.Email, b.Commune, b.PostalCode = "06 12 34 56 78", "zoe@example.fr", "Lyon", "69003"
	b.Gender, b.Status = journal.GenderFeminin, journal.StatusEnEmploi
	at := time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)
	got := b.Erase(at)
	want := journal.Beneficiary{ID: 3, Commune: "Lyon", PostalCode: "69003", Gender: journal.GenderFeminin,
		Status: journal.StatusEnEmploi, ConsentDate: b.ConsentDate, ConsentBy: b.ConsentBy, Erased: at,
		ErasedAgeBand: journal.AgeQuaranteCinquanteNeuf}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Got(%q) = %+v, want %+v", "Erase", got, want)
	}
	if !got.IsErased() || got.DisplayName() != "" || got.SearchKey() != "" || len(got.Identifiers()) != 0 {
		t.Errorf("Got(%q) = %+v, want no name left", "Erase", got)
	}
	// The kept band stays whatever the day.
	if band := got.AgeBandAt(journal.NewDate(2040, 1, 1)); band != journal.AgeQuaranteCinquanteNeuf {
		t.Errorf("Got(%q) = %v, want the band kept at erasure", "AgeBandAt after erasure", band)
	}
	if again := got.Erase(at.Add(time.Hour)); !reflect.DeepEqual(again, got) {
		t.Errorf("Got(%q) = %+v, want unchanged", "Erase twice", again)
	}
}

func TestRedact(t *testing.T) {
	ids := []string{"Zoé", "Ébrard", "06 12 34 56 78", "zoe.ebrard@example.fr", "A"}
	for _, tc := range []struct{ in, want string }{
		{"Appeler Zoé Ébrard", "Appeler [effacé] [effacé]"},
		{"zoe EBRARD est venue", "[effacé] [effacé] est venue"},
		{"tél. 0612345678, ou 06.12.34.56.78", "tél. [effacé], ou [effacé]"},
		{"écrire à zoe.ebrard@example.fr.", "écrire à [effacé]."},
		{"Zoé Zoé", "[effacé] [effacé]"},
		{"Zoélie et Ébrardi", "Zoélie et Ébrardi"}, // longer words are other names
		{"A la CAF", "A la CAF"},                   // one letter is ignored
		{"", ""},
	} {
		if got := journal.Redact(tc.in, ids); got != tc.want {
			t.Errorf("Got(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := journal.Redact("rien", nil); got != "rien" {
		t.Errorf("Got(%q) = %q, want unchanged", "Redact(nil)", got)
	}
	if got := journal.Redact("Œdipe et Oedipe", []string{"Œdipe"}); got != "[effacé] et [effacé]" {
		t.Errorf("Got(%q) = %q, want both forms redacted", "Œdipe", got)
	}
}

func TestBeneficiary_SearchKey(t *testing.T) {
	b := journal.Beneficiary{FirstName: "Jean-Noël", LastName: " Lefèvre  d'Œuf "}
	if got, want := b.SearchKey(), "lefevre d'oeuf jean-noel"; got != want {
		t.Errorf("Got(%q) = %q, want %q", "SearchKey", got, want)
	}
	if got := journal.FoldSearch("  ÉBRARD   Zoé "); got != "ebrard zoe" {
		t.Errorf("Got(%q) = %q, want %q", "FoldSearch", got, "ebrard zoe")
	}
}

func TestBeneficiary_ProfileAt(t *testing.T) {
	b := validBeneficiary()
	b.Commune, b.Gender = "Bron", journal.GenderMasculin
	got := b.ProfileAt(journal.NewDate(2026, 6, 1))
	want := journal.Profile{Commune: "Bron", Gender: journal.GenderMasculin, AgeBand: journal.AgeSoixanteDixPlus,
		Status: journal.StatusNonCommunique}
	if got != want {
		t.Errorf("Got(%q) = %+v, want %+v", "ProfileAt", got, want)
	}
}
