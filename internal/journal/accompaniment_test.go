package journal_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
)

// validAccompaniment is an accompaniment that breaks no rule.
func validAccompaniment() journal.Accompaniment {
	a := journal.NewAccompaniment(journal.NewDate(2026, 3, 9), 7)
	a.DurationMinutes = 30
	a.Place.Name = "Centre social des Lilas"
	a.Themes = []journal.Theme{journal.ThemeEmail}
	return a
}

// checkProblems checks that err is exactly the problems want, as a
// failure.Invalid error holding a *ValidationError.
func checkProblems(t *testing.T, what string, err error, want []journal.Problem) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Errorf("Got(%q) = %v, want nil error", what, err)
		}
		return
	}
	if got := failure.KindOf(err); got != failure.Invalid {
		t.Fatalf("Got(%q) = %v, want %v (error: %v)", "KindOf("+what+")", got, failure.Invalid, err)
	}
	var ve *journal.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Got(%q) = %T, want a *journal.ValidationError", what, err)
	}
	if !reflect.DeepEqual(ve.Problems, want) {
		t.Errorf("Got(%q) = %v, want %v", what, ve.Problems, want)
	}
}

func p(field, code string) journal.Problem { return journal.Problem{Field: field, Code: code} }

func TestAccompaniment_Validate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(a *journal.Accompaniment)
		want []journal.Problem
	}{
		{"valid", func(a *journal.Accompaniment) {}, nil},
		{"no date", func(a *journal.Accompaniment) { a.Date = journal.Date{} }, []journal.Problem{p("date", "date.required")}},
		{"impossible date", func(a *journal.Accompaniment) { a.Date = journal.Date{Year: 2026, Month: 2, Day: 30} },
			[]journal.Problem{p("date", "date.required")}},
		{"no duration", func(a *journal.Accompaniment) { a.DurationMinutes = 0 },
			[]journal.Problem{p("duration", "duration.required")}},
		{"negative duration", func(a *journal.Accompaniment) { a.DurationMinutes = -15 },
			[]journal.Problem{p("duration", "duration.range")}},
		{"a day long", func(a *journal.Accompaniment) { a.DurationMinutes = 24 * 60 },
			[]journal.Problem{p("duration", "duration.range")}},
		{"custom 23 h 59", func(a *journal.Accompaniment) { a.DurationMinutes = 23*60 + 59 }, nil},
		{"custom 1 min", func(a *journal.Accompaniment) { a.DurationMinutes = 1 }, nil},
		{"no place", func(a *journal.Accompaniment) { a.Place = journal.Place{} },
			[]journal.Problem{p("place.type", "place.required")}},
		{"unknown place", func(a *journal.Accompaniment) { a.Place.Type = "Ailleurs" },
			[]journal.Problem{p("place.type", "place.invalid")}},
		{"activity place without name", func(a *journal.Accompaniment) { a.Place.Name = " " },
			[]journal.Problem{p("place.name", "place.name_required")}},
		{"at home without commune", func(a *journal.Accompaniment) { a.Place = journal.Place{Type: journal.PlaceDomicile} },
			[]journal.Problem{p("place.commune", "place.commune_required")}},
		{"other place without commune", func(a *journal.Accompaniment) { a.Place = journal.Place{Type: journal.PlaceAutre} },
			[]journal.Problem{p("place.commune", "place.commune_required")}},
		{"at home with commune", func(a *journal.Accompaniment) {
			a.Place = journal.Place{Type: journal.PlaceDomicile, Commune: "Lyon", PostalCode: "69003"}
		}, nil},
		{"at a distance, nothing else", func(a *journal.Accompaniment) { a.Place = journal.Place{Type: journal.PlaceADistance} }, nil},
		{"bad place postal code", func(a *journal.Accompaniment) { a.Place.PostalCode = "6900" },
			[]journal.Problem{p("place.postal_code", "postal_code.invalid")}},
		{"postal code with letters", func(a *journal.Accompaniment) { a.Place.PostalCode = "2A004" },
			[]journal.Problem{p("place.postal_code", "postal_code.invalid")}},
		{"long place name", func(a *journal.Accompaniment) { a.Place.Name = strings.Repeat("é", 201) },
			[]journal.Problem{p("place.name", "text.too_long")}},
		{"unknown equipment", func(a *journal.Accompaniment) { a.Equipment = []journal.Equipment{"Console"} },
			[]journal.Problem{p("equipment", "equipment.invalid")}},
		{"no equipment with a phone", func(a *journal.Accompaniment) {
			a.Equipment = []journal.Equipment{journal.EquipmentAucun, journal.EquipmentTelephone}
		}, []journal.Problem{p("equipment", "equipment.none_with_others")}},
		{"no equipment alone", func(a *journal.Accompaniment) { a.Equipment = []journal.Equipment{journal.EquipmentAucun} }, nil},
		{"no theme", func(a *journal.Accompaniment) { a.Themes = nil }, []journal.Problem{p("themes", "themes.required")}},
		{"unknown theme", func(a *journal.Accompaniment) { a.Themes = []journal.Theme{"Cuisine"} },
			[]journal.Problem{p("themes", "themes.invalid")}},
		{"administrative theme among themes", func(a *journal.Accompaniment) {
			a.Themes = []journal.Theme{journal.ThemeLogement}
		}, []journal.Problem{p("themes", "themes.invalid")}},
		{"admin theme without the procedures theme", func(a *journal.Accompaniment) {
			a.AdminThemes = []journal.Theme{journal.ThemeLogement}
		}, []journal.Problem{p("admin_themes", "admin_themes.not_allowed")}},
		{"admin theme with the procedures theme", func(a *journal.Accompaniment) {
			a.Themes = []journal.Theme{journal.ThemeAideAuxDemarchesAdministratives}
			a.AdminThemes = []journal.Theme{journal.ThemeLogement, journal.ThemeArgentImpots}
		}, nil},
		{"digital theme among admin themes", func(a *journal.Accompaniment) {
			a.Themes = []journal.Theme{journal.ThemeAideAuxDemarchesAdministratives}
			a.AdminThemes = []journal.Theme{journal.ThemeEmail}
		}, []journal.Problem{p("admin_themes", "admin_themes.invalid")}},
		{"procedure without the procedures theme", func(a *journal.Accompaniment) { a.Procedure = "Demande de RSA" },
			[]journal.Problem{p("procedure", "procedure.not_allowed")}},
		{"procedure with the procedures theme", func(a *journal.Accompaniment) {
			a.Themes = []journal.Theme{journal.ThemeAideAuxDemarchesAdministratives}
			a.Procedure = "Demande de RSA"
		}, nil},
		{"long procedure", func(a *journal.Accompaniment) {
			a.Themes = []journal.Theme{journal.ThemeAideAuxDemarchesAdministratives}
			a.Procedure = strings.Repeat("x", 201)
		}, []journal.Problem{p("procedure", "text.too_long")}},
		{"no autonomy", func(a *journal.Accompaniment) { a.Autonomy = "" }, nil},
		{"unknown autonomy", func(a *journal.Accompaniment) { a.Autonomy = "Expert" },
			[]journal.Problem{p("autonomy", "autonomy.invalid")}},
		{"referred without structure", func(a *journal.Accompaniment) { a.Referred = true },
			[]journal.Problem{p("referral", "referral.structure_required")}},
		{"structure without referral", func(a *journal.Accompaniment) { a.Referral = journal.ReferralAutre },
			[]journal.Problem{p("referral", "referral.structure_not_allowed")}},
		{"unknown structure", func(a *journal.Accompaniment) { a.Referred, a.Referral = true, "Mairie" },
			[]journal.Problem{p("referral", "referral.invalid")}},
		{"referred", func(a *journal.Accompaniment) { a.Referred, a.Referral = true, journal.ReferralAideSociale }, nil},
		{"blank tag", func(a *journal.Accompaniment) { a.Tags = []string{"CAF", " "} },
			[]journal.Problem{p("tags", "tags.invalid")}},
		{"long tag", func(a *journal.Accompaniment) { a.Tags = []string{strings.Repeat("t", 51)} },
			[]journal.Problem{p("tags", "tags.invalid")}},
		{"tag with a NIR", func(a *journal.Accompaniment) { a.Tags = []string{"185057800608436"} },
			[]journal.Problem{p("tags", "tags.invalid")}},
		{"NIR in the notes", func(a *journal.Accompaniment) { a.Notes = "Son numéro : 1 85 05 78 006 084 36." },
			[]journal.Problem{p("notes", "notes.looks_like_nir")}},
		{"tax number in the notes", func(a *journal.Accompaniment) { a.Notes = "numéro fiscal 3012345678901" },
			[]journal.Problem{p("notes", "notes.looks_like_nir")}},
		{"phone in the notes", func(a *journal.Accompaniment) { a.Notes = "Rappeler au 06 12 34 56 78." }, nil},
		{"long notes", func(a *journal.Accompaniment) { a.Notes = strings.Repeat("n", journal.MaxNotesLen+1) },
			[]journal.Problem{p("notes", "text.too_long")}},
		{"NUL in the notes", func(a *journal.Accompaniment) { a.Notes = "rappeler\x00demain" },
			[]journal.Problem{p("notes", "text.control")}},
		{"line breaks and tabs in the notes", func(a *journal.Accompaniment) { a.Notes = "ligne 1\r\nligne 2\tfin" }, nil},
		{"escape in the place", func(a *journal.Accompaniment) { a.Place.Name = "Salle \x1b[31m1" },
			[]journal.Problem{p("place.name", "text.control")}},
		{"no mediator", func(a *journal.Accompaniment) { a.MediatorID = 0 },
			[]journal.Problem{p("mediator", "mediator.required")}},
		{"gender left empty", func(a *journal.Accompaniment) { a.Person.Gender = "" },
			[]journal.Problem{p("person.gender", "gender.invalid")}},
		{"unknown age band", func(a *journal.Accompaniment) { a.Person.AgeBand = "Mineur" },
			[]journal.Problem{p("person.age_band", "age_band.invalid")}},
		{"status left empty", func(a *journal.Accompaniment) { a.Person.Status = "" },
			[]journal.Problem{p("person.status", "status.invalid")}},
		{"bad person postal code", func(a *journal.Accompaniment) { a.Person.PostalCode = "Lyon" },
			[]journal.Problem{p("person.postal_code", "postal_code.invalid")}},
		{"long person commune", func(a *journal.Accompaniment) { a.Person.Commune = strings.Repeat("c", 101) },
			[]journal.Problem{p("person.commune", "text.too_long")}},
		{"named: the profile is the store's", func(a *journal.Accompaniment) {
			a.BeneficiaryID, a.Person = 3, journal.Profile{}
		}, nil},
		{"several problems at once", func(a *journal.Accompaniment) {
			a.Date, a.DurationMinutes, a.Themes, a.MediatorID = journal.Date{}, 0, nil, 0
		}, []journal.Problem{p("date", "date.required"), p("duration", "duration.required"),
			p("themes", "themes.required"), p("mediator", "mediator.required")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := validAccompaniment()
			tc.edit(&a)
			checkProblems(t, "Validate", a.Validate(), tc.want)
		})
	}
}

func TestAccompaniment_Duplicate(t *testing.T) {
	a := validAccompaniment()
	a.ID, a.VisitKey, a.Notes = 12, "visit-1", "Venue avec sa fille."
	a.Created = time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)
	a.Updated = a.Created
	a.Tags = []string{"CAF"}
	a.BeneficiaryID = 4
	today := journal.NewDate(2026, 3, 15)
	d := a.Duplicate(today)

	want := a
	want.ID, want.VisitKey, want.Notes, want.Date = 0, "", "", today
	want.Created, want.Updated = time.Time{}, time.Time{}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("Got(%q) = %+v, want %+v", "Duplicate", d, want)
	}
	d.Tags[0] = "changed"
	d.Themes[0] = journal.ThemeBureautique
	if a.Tags[0] != "CAF" || a.Themes[0] != journal.ThemeEmail {
		t.Errorf("Got(%q) = %v %v, want the original untouched", "original after editing the copy", a.Tags, a.Themes)
	}
}

func TestAccompaniment_Normalize(t *testing.T) {
	a := validAccompaniment()
	a.Themes = []journal.Theme{journal.ThemeAideAuxDemarchesAdministratives, journal.ThemeEmail, journal.ThemeEmail}
	a.AdminThemes = []journal.Theme{journal.ThemeLogement, journal.ThemeSocialSante}
	a.Equipment = []journal.Equipment{journal.EquipmentTablette, journal.EquipmentOrdinateur}
	a.Tags = []string{" CAF ", "", "CAF", "urgent"}
	n := a.Normalize()
	if want := []journal.Theme{journal.ThemeEmail, journal.ThemeAideAuxDemarchesAdministratives}; !slices.Equal(n.Themes, want) {
		t.Errorf("Got(%q) = %v, want %v", "Themes", n.Themes, want)
	}
	if want := []journal.Theme{journal.ThemeSocialSante, journal.ThemeLogement}; !slices.Equal(n.AdminThemes, want) {
		t.Errorf("Got(%q) = %v, want %v", "AdminThemes", n.AdminThemes, want)
	}
	if want := []journal.Equipment{journal.EquipmentOrdinateur, journal.EquipmentTablette}; !slices.Equal(n.Equipment, want) {
		t.Errorf("Got(%q) = %v, want %v", "Equipment", n.Equipment, want)
	}
	if want := []string{"CAF", "urgent"}; !slices.Equal(n.Tags, want) {
		t.Errorf("Got(%q) = %v, want %v", "Tags", n.Tags, want)
	}
}

func TestProblem_MessageID(t *testing.T) {
	if got := p("place.commune", "place.commune_required").MessageID(); got != "journal.invalid.place.commune_required" {
		t.Errorf("Got(%q) = %q, want %q", "MessageID", got, "journal.invalid.place.commune_required")
	}
	if journal.Problems(errors.New("other")) != nil || journal.Problems(nil) != nil {
		t.Errorf("Got(%q) = problems, want nil", "Problems(other error)")
	}
	err := journal.InvalidError("op", "beneficiary", journal.CodeBeneficiaryErased)
	var ve *journal.ValidationError
	if !errors.As(err, &ve) || !ve.Has("beneficiary", journal.CodeBeneficiaryErased) || failure.KindOf(err) != failure.Invalid {
		t.Errorf("Got(%q) = %v, want an Invalid error with the problem", "InvalidError", err)
	}
	if !strings.Contains(err.Error(), "beneficiary: beneficiary.erased") {
		t.Errorf("Got(%q) = %q, want the field and code", "Error()", err.Error())
	}
}
