package journal_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
)

func TestValidINSEE(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"69266", true},
		{"97411", true}, // Saint-Denis (La Réunion)
		{"2A004", true}, // Ajaccio
		{"2B033", true}, // Bastia
		{"", false},
		{"6926", false},
		{"692660", false},
		{"2a004", false}, // Normalize upper-cases it first
		{"2C004", false},
		{"3A004", false},
		{"2AB04", false},
		{"69 26", false},
		{"６９２６６", false}, // full-width digits
	} {
		if got := journal.ValidINSEE(tc.in); got != tc.want {
			t.Errorf("Got(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestAccompaniment_Validate_INSEE(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(a *journal.Accompaniment)
		want []journal.Problem
	}{
		{"place and person codes", func(a *journal.Accompaniment) {
			a.Place = journal.Place{Type: journal.PlaceDomicile, Commune: "Bastia", PostalCode: "20200", INSEE: "2B033"}
			a.Person.Commune, a.Person.PostalCode, a.Person.INSEE = "Lyon", "69003", "69383"
		}, nil},
		{"bad place code", func(a *journal.Accompaniment) { a.Place.INSEE = "lyon" },
			[]journal.Problem{p("place.insee", "insee.invalid")}},
		{"bad person code", func(a *journal.Accompaniment) { a.Person.INSEE = "1234" },
			[]journal.Problem{p("person.insee", "insee.invalid")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := validAccompaniment()
			tc.edit(&a)
			checkProblems(t, "Validate", a.Normalize().Validate(), tc.want)
		})
	}
	b := journal.NewBeneficiary(journal.NewDate(2026, 3, 1), 7)
	b.FirstName, b.LastName, b.INSEE = "Zoé", "Ébrard", " 2a004 "
	if b = b.Normalize(); b.INSEE != "2A004" {
		t.Errorf("Got(%q) = %q, want %q", "Beneficiary.Normalize().INSEE", b.INSEE, "2A004")
	}
	checkProblems(t, "Beneficiary.Validate", b.Validate(), nil)
	b.INSEE = "2A0"
	checkProblems(t, "Beneficiary.Validate", b.Validate(), []journal.Problem{p("insee", "insee.invalid")})
	if got := b.ProfileAt(journal.NewDate(2026, 3, 2)).INSEE; got != "2A0" {
		t.Errorf("Got(%q) = %q, want the beneficiary's code", "ProfileAt().INSEE", got)
	}
}

func TestCheckUnchanged(t *testing.T) {
	at := time.Date(2026, 3, 15, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name         string
		read, stored time.Time
		want         failure.Kind
	}{
		{"same", at, at, ""},
		{"same instant, other zone", at.In(time.FixedZone("Paris", 3600)), at, ""},
		{"not read first", time.Time{}, at, ""},
		{"changed meanwhile", at, at.Add(time.Millisecond), failure.Conflict},
		{"read from the future", at.Add(time.Second), at, failure.Conflict},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := journal.CheckUnchanged("save", tc.read, tc.stored)
			if got := failure.KindOf(err); got != tc.want {
				t.Errorf("Got(%q) = %v, want %v", "KindOf(CheckUnchanged)", got, tc.want)
			}
			if err != nil && !errors.Is(err, journal.ErrModified) {
				t.Errorf("Got(%q) = %v, want it to wrap ErrModified", "CheckUnchanged", err)
			}
		})
	}
}

func TestSessionDateAllowed(t *testing.T) {
	today := journal.NewDate(2026, 3, 15)
	for _, tc := range []struct {
		day  journal.Date
		want bool
	}{
		{today, true},
		{journal.NewDate(2025, 3, 15), true},  // exactly a year ago
		{journal.NewDate(2025, 3, 14), false}, // a year and a day
		{journal.NewDate(2028, 3, 15), true},  // exactly two years ahead
		{journal.NewDate(2028, 3, 16), false},
		{journal.NewDate(2062, 3, 15), false}, // 2062 for 2026
		{journal.NewDate(2016, 3, 15), false},
	} {
		if got := journal.SessionDateAllowed(tc.day, today); got != tc.want {
			t.Errorf("Got(%q) = %v, want %v", tc.day.String(), got, tc.want)
		}
	}
}

func TestWorkshop_CheckSessionDates(t *testing.T) {
	today := journal.NewDate(2026, 3, 15)
	old := journal.Workshop{ID: 1, Sessions: []journal.Session{
		{ID: 10, Date: journal.NewDate(2023, 1, 9)}, {ID: 11, Date: journal.NewDate(2023, 1, 16)}}}
	for _, tc := range []struct {
		name     string
		sessions []journal.Session
		stored   journal.Workshop
		want     []journal.Problem
	}{
		{"new, last month", []journal.Session{{Date: journal.NewDate(2026, 2, 10)}}, journal.Workshop{}, nil},
		{"new, typo in the year", []journal.Session{{Date: journal.NewDate(2026, 3, 2)}, {Date: journal.NewDate(2062, 3, 9)}},
			journal.Workshop{}, []journal.Problem{p("sessions[1].date", "sessions.date_range")}},
		{"old sessions kept on their dates", old.Sessions, old, nil},
		{"an old session moved, still old", []journal.Session{{ID: 10, Date: journal.NewDate(2023, 1, 10)}, old.Sessions[1]},
			old, []journal.Problem{p("sessions[0].date", "sessions.date_range")}},
		{"a new session in an old workshop", append(append([]journal.Session(nil), old.Sessions...),
			journal.Session{Date: journal.NewDate(2023, 1, 23)}), old, []journal.Problem{p("sessions[2].date", "sessions.date_range")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := journal.Workshop{ID: tc.stored.ID, Sessions: tc.sessions}
			checkProblems(t, "CheckSessionDates", w.CheckSessionDates(tc.stored, today), tc.want)
		})
	}
}

func TestWorkshop_CheckRemovals(t *testing.T) {
	stored := journal.Workshop{ID: 1, Sessions: []journal.Session{{ID: 10}, {ID: 11}, {ID: 12, Cancelled: true}}}
	marked := func(id int64) bool { return id == 10 || id == 12 }
	for _, tc := range []struct {
		name string
		keep []journal.Session
		want failure.Kind
	}{
		{"all kept", stored.Sessions, ""},
		{"unmarked removed", []journal.Session{{ID: 10}, {ID: 12, Cancelled: true}}, ""},
		{"marked removed", []journal.Session{{ID: 11}, {ID: 12, Cancelled: true}}, failure.Conflict},
		{"marked and cancelled in this same save, removed", []journal.Session{{ID: 11}}, failure.Conflict},
		{"cancelled with marks removed", []journal.Session{{ID: 10}, {ID: 11}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := journal.Workshop{ID: 1, Sessions: tc.keep}
			err := w.CheckRemovals(stored, marked)
			if got := failure.KindOf(err); got != tc.want {
				t.Fatalf("Got(%q) = %v, want %v (error: %v)", "KindOf(CheckRemovals)", got, tc.want, err)
			}
			if err != nil && !reflect.DeepEqual(journal.Problems(err), []journal.Problem{p("sessions", "sessions.has_attendance")}) {
				t.Errorf("Got(%q) = %v, want (sessions, sessions.has_attendance)", "Problems", journal.Problems(err))
			}
		})
	}
}

func TestWorkshop_Held(t *testing.T) {
	w := journal.Workshop{Sessions: []journal.Session{{ID: 1}, {ID: 2, Cancelled: true}, {ID: 3}}}
	if got := w.Held(); len(got) != 2 || got[0].ID != 1 || got[1].ID != 3 {
		t.Errorf("Got(%q) = %+v, want sessions 1 and 3", "Held", got)
	}
}
