package journal_test

import (
	"reflect"
	"testing"

	"pasapas/internal/journal"
)

func validWorkshop() journal.Workshop {
	return journal.Workshop{
		Title:      "Premiers pas sur tablette",
		Themes:     []journal.Theme{journal.ThemePrendreEnMainDuMateriel},
		Place:      journal.Place{Type: journal.PlaceLieuActivite, Name: "Médiathèque"},
		MediatorID: 7,
		Sessions: []journal.Session{{Date: journal.NewDate(2026, 3, 9), Start: journal.TimeOfDay{Hour: 14},
			DurationMinutes: 90}},
		Anonymous: journal.AnonymousCounts{Total: 5},
	}
}

func TestWorkshop_Validate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(w *journal.Workshop)
		want []journal.Problem
	}{
		{"valid", func(w *journal.Workshop) {}, nil},
		{"no title", func(w *journal.Workshop) { w.Title = "  " }, []journal.Problem{p("title", "title.required")}},
		{"unknown level", func(w *journal.Workshop) { w.Level = "Expert" }, []journal.Problem{p("level", "level.invalid")}},
		{"level", func(w *journal.Workshop) { w.Level = journal.LevelAvance }, nil},
		{"no theme", func(w *journal.Workshop) { w.Themes = nil }, []journal.Problem{p("themes", "themes.required")}},
		{"admin theme without the procedures theme", func(w *journal.Workshop) {
			w.AdminThemes = []journal.Theme{journal.ThemeJustice}
		}, []journal.Problem{p("admin_themes", "admin_themes.not_allowed")}},
		{"at another place without commune", func(w *journal.Workshop) { w.Place = journal.Place{Type: journal.PlaceAutre} },
			[]journal.Problem{p("place.commune", "place.commune_required")}},
		{"unknown equipment", func(w *journal.Workshop) { w.Equipment = []journal.Equipment{"Console"} },
			[]journal.Problem{p("equipment", "equipment.invalid")}},
		{"no mediator", func(w *journal.Workshop) { w.MediatorID = 0 }, []journal.Problem{p("mediator", "mediator.required")}},
		{"NIR in the notes", func(w *journal.Workshop) { w.Notes = "185057800608436" },
			[]journal.Problem{p("notes", "notes.looks_like_nir")}},
		{"NUL in the title", func(w *journal.Workshop) { w.Title = "Atelier\x00" }, []journal.Problem{p("title", "text.control")}},
		{"no session", func(w *journal.Workshop) { w.Sessions = nil }, []journal.Problem{p("sessions", "sessions.required")}},
		{"session without date", func(w *journal.Workshop) { w.Sessions[0].Date = journal.Date{} },
			[]journal.Problem{p("sessions[0].date", "date.required")}},
		{"session at 25:00", func(w *journal.Workshop) { w.Sessions[0].Start = journal.TimeOfDay{Hour: 25} },
			[]journal.Problem{p("sessions[0].start", "start.invalid")}},
		{"session without duration", func(w *journal.Workshop) { w.Sessions[0].DurationMinutes = 0 },
			[]journal.Problem{p("sessions[0].duration", "duration.required")}},
		{"second session too long", func(w *journal.Workshop) {
			w.Sessions = append(w.Sessions, journal.Session{Date: journal.NewDate(2026, 3, 16), DurationMinutes: 601})
		}, []journal.Problem{p("sessions[1].duration", "sessions.duration_range")}},
		{"session too short", func(w *journal.Workshop) { w.Sessions[0].DurationMinutes = 4 },
			[]journal.Problem{p("sessions[0].duration", "sessions.duration_range")}},
		{"custom durations at the bounds", func(w *journal.Workshop) {
			w.Sessions[0].DurationMinutes = 5
			w.Sessions = append(w.Sessions, journal.Session{Date: journal.NewDate(2026, 3, 16), DurationMinutes: 600},
				journal.Session{Date: journal.NewDate(2026, 3, 23), DurationMinutes: 137})
		}, nil},
		{"cancelled session", func(w *journal.Workshop) { w.Sessions[0].Cancelled = true }, nil},
		{"procedure without the procedures theme", func(w *journal.Workshop) { w.Procedure = "Demande de RSA" },
			[]journal.Problem{p("procedure", "procedure.not_allowed")}},
		{"procedure and admin themes with the procedures theme", func(w *journal.Workshop) {
			w.Themes = append(w.Themes, journal.ThemeAideAuxDemarchesAdministratives)
			w.AdminThemes = []journal.Theme{journal.ThemeSocialSante}
			w.Procedure = "Demande de RSA"
		}, nil},
		{"digital theme given as administrative", func(w *journal.Workshop) {
			w.Themes = append(w.Themes, journal.ThemeAideAuxDemarchesAdministratives)
			w.AdminThemes = []journal.Theme{journal.ThemeEmail}
		}, []journal.Problem{p("admin_themes", "admin_themes.invalid")}},
		{"place with commune, postal and INSEE codes", func(w *journal.Workshop) {
			w.Place = journal.Place{Type: journal.PlaceAutre, Commune: "Ajaccio", PostalCode: "20000", INSEE: "2A004"}
		}, nil},
		{"bad INSEE code", func(w *journal.Workshop) { w.Place.INSEE = "6926" },
			[]journal.Problem{p("place.insee", "insee.invalid")}},
		{"no participant", func(w *journal.Workshop) { w.Anonymous.Total = 0 },
			[]journal.Problem{p("participants", "participants.required")}},
		{"named participant only", func(w *journal.Workshop) { w.Anonymous.Total, w.Participants = 0, []int64{3} }, nil},
		{"bad participant id", func(w *journal.Workshop) { w.Participants = []int64{-1} },
			[]journal.Problem{p("participants", "participants.invalid")}},
		{"negative total", func(w *journal.Workshop) { w.Anonymous.Total = -2; w.Participants = []int64{3} },
			[]journal.Problem{p("anonymous", "anonymous.negative")}},
		{"negative count", func(w *journal.Workshop) {
			w.Anonymous.Genders = map[journal.Gender]int{journal.GenderFeminin: -1}
		}, []journal.Problem{p("anonymous", "anonymous.negative")}},
		{"genders add up to the total", func(w *journal.Workshop) {
			w.Anonymous.Genders = map[journal.Gender]int{journal.GenderFeminin: 3, journal.GenderMasculin: 2}
		}, nil},
		{"genders exceed the total", func(w *journal.Workshop) {
			w.Anonymous.Genders = map[journal.Gender]int{journal.GenderFeminin: 4, journal.GenderMasculin: 2}
		}, []journal.Problem{p("anonymous.gender", "anonymous.counts_exceed_total")}},
		{"age bands exceed the total", func(w *journal.Workshop) {
			w.Anonymous.AgeBands = map[journal.AgeBand]int{journal.AgeSoixanteDixPlus: 6}
		}, []journal.Problem{p("anonymous.age_band", "anonymous.counts_exceed_total")}},
		{"statuses exceed the total", func(w *journal.Workshop) {
			w.Anonymous.Statuses = map[journal.SocialStatus]int{journal.StatusRetraite: 3, journal.StatusEnEmploi: 3}
		}, []journal.Problem{p("anonymous.status", "anonymous.counts_exceed_total")}},
		{"already accompanied exceeds the total", func(w *journal.Workshop) { w.Anonymous.AlreadyAccompanied = 6 },
			[]journal.Problem{p("anonymous.already_accompanied", "anonymous.counts_exceed_total")}},
		{"non communiqué given", func(w *journal.Workshop) {
			w.Anonymous.Genders = map[journal.Gender]int{journal.GenderNonCommunique: 1}
		}, []journal.Problem{p("anonymous.gender", "anonymous.invalid")}},
		{"unknown age band", func(w *journal.Workshop) {
			w.Anonymous.AgeBands = map[journal.AgeBand]int{"Mineur": 1}
		}, []journal.Problem{p("anonymous.age_band", "anonymous.invalid")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := validWorkshop()
			tc.edit(&w)
			checkProblems(t, "Validate", w.Validate(), tc.want)
		})
	}
}

func TestAnonymousCounts_NonCommunique(t *testing.T) {
	c := journal.AnonymousCounts{
		Total:    10,
		Genders:  map[journal.Gender]int{journal.GenderFeminin: 6, journal.GenderMasculin: 3},
		AgeBands: map[journal.AgeBand]int{journal.AgeSoixanteDixPlus: 4},
	}
	for _, tc := range []struct {
		name      string
		got, want int
	}{
		{"feminin", c.GenderCount(journal.GenderFeminin), 6},
		{"gender non communiqué", c.GenderCount(journal.GenderNonCommunique), 1},
		{"70+", c.AgeBandCount(journal.AgeSoixanteDixPlus), 4},
		{"12-17", c.AgeBandCount(journal.AgeDouzeDixHuit), 0},
		{"age non communiqué", c.AgeBandCount(journal.AgeNonCommunique), 6},
		{"status non communiqué (none given)", c.StatusCount(journal.StatusNonCommunique), 10},
		{"retired (none given)", c.StatusCount(journal.StatusRetraite), 0},
	} {
		if tc.got != tc.want {
			t.Errorf("Got(%q) = %d, want %d", tc.name, tc.got, tc.want)
		}
	}
	// The counts of every value add up to the total.
	for name, sum := range map[string]int{
		"genders":  sumOf(journal.Genders(), c.GenderCount),
		"ages":     sumOf(journal.AgeBands(), c.AgeBandCount),
		"statuses": sumOf(journal.SocialStatuses(), c.StatusCount),
	} {
		if sum != c.Total {
			t.Errorf("Got(%q) = %d, want %d", "sum of "+name, sum, c.Total)
		}
	}
}

func sumOf[T any](values []T, count func(T) int) int {
	n := 0
	for _, v := range values {
		n += count(v)
	}
	return n
}

func TestWeeklySeries(t *testing.T) {
	first := journal.Session{ID: 9, Date: journal.NewDate(2026, 3, 23), Start: journal.TimeOfDay{Hour: 9, Minute: 30},
		DurationMinutes: 120}
	got := journal.WeeklySeries(first, 6)
	var dates []string
	for _, s := range got {
		dates = append(dates, s.Date.String())
		if s.ID != 0 || s.Start != first.Start || s.DurationMinutes != 120 {
			t.Errorf("Got(%q) = %+v, want no id, same time and duration", "session", s)
		}
	}
	want := []string{"2026-03-23", "2026-03-30", "2026-04-06", "2026-04-13", "2026-04-20", "2026-04-27"}
	if !reflect.DeepEqual(dates, want) {
		t.Errorf("Got(%q) = %v, want %v", "WeeklySeries dates", dates, want)
	}
	if got := journal.WeeklySeries(first, 0); got != nil {
		t.Errorf("Got(%q) = %v, want nil", "WeeklySeries(0)", got)
	}
	w := journal.Workshop{Sessions: []journal.Session{got[3], got[0], got[5]}}
	if w.FirstDate() != got[0].Date || w.LastDate() != got[5].Date {
		t.Errorf("Got(%q) = %v..%v, want %v..%v", "First/LastDate", w.FirstDate(), w.LastDate(), got[0].Date, got[5].Date)
	}
}

func TestWorkshop_ParticipantList(t *testing.T) {
	w := journal.Workshop{Participants: []int64{12, 5}, Anonymous: journal.AnonymousCounts{Total: 2}}
	got := w.ParticipantList()
	want := []journal.Participant{{BeneficiaryID: 12}, {BeneficiaryID: 5}, {Anonymous: 1}, {Anonymous: 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Got(%q) = %v, want %v", "ParticipantList", got, want)
	}
	if got[3].Label() != "anonyme 2" || got[0].Label() != "" {
		t.Errorf("Got(%q) = %q, %q, want %q and \"\"", "Label", got[3].Label(), got[0].Label(), "anonyme 2")
	}
}

func TestMark_Validate(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    journal.Mark
		want []journal.Problem
	}{
		{"named present", journal.Mark{Participant: journal.Participant{BeneficiaryID: 3}, Presence: journal.Present}, nil},
		{"anonymous excused", journal.Mark{Participant: journal.Participant{Anonymous: 2}, Presence: journal.Excused}, nil},
		{"unknown presence", journal.Mark{Participant: journal.Participant{Anonymous: 2}, Presence: "late"},
			[]journal.Problem{p("presence", "attendance.invalid")}},
		{"nobody", journal.Mark{Presence: journal.Absent}, []journal.Problem{p("participant", "attendance.unknown_participant")}},
		{"both", journal.Mark{Participant: journal.Participant{BeneficiaryID: 3, Anonymous: 1}, Presence: journal.Absent},
			[]journal.Problem{p("participant", "attendance.unknown_participant")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkProblems(t, "Validate", tc.m.Validate(), tc.want)
		})
	}
}

func TestWorkshop_Normalize(t *testing.T) {
	w := validWorkshop()
	w.Sessions = []journal.Session{
		{Date: journal.NewDate(2026, 3, 16), Start: journal.TimeOfDay{Hour: 9}},
		{Date: journal.NewDate(2026, 3, 9), Start: journal.TimeOfDay{Hour: 14}},
		{Date: journal.NewDate(2026, 3, 9), Start: journal.TimeOfDay{Hour: 9}},
	}
	w.Participants = []int64{4, 2, 4}
	w.Anonymous.Genders = map[journal.Gender]int{journal.GenderFeminin: 0}
	n := w.Normalize()
	if n.Sessions[0].Start.Hour != 9 || n.Sessions[1].Start.Hour != 14 || n.Sessions[2].Date.Day != 16 {
		t.Errorf("Got(%q) = %+v, want by date then time", "Sessions", n.Sessions)
	}
	if !reflect.DeepEqual(n.Participants, []int64{4, 2}) || n.Anonymous.Genders != nil {
		t.Errorf("Got(%q) = %v %v, want [4 2] and no zero count", "Normalize", n.Participants, n.Anonymous.Genders)
	}
	if w.Sessions[0].Date.Day != 16 {
		t.Errorf("Got(%q) = %+v, want the original untouched", "original", w.Sessions)
	}
}
