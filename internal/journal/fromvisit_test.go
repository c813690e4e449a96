package journal_test

import (
	"slices"
	"testing"
	"time"

	"pasapas/internal/guide"
	"pasapas/internal/journal"
	"pasapas/internal/visit"
)

// TestCategoryThemes maps every kiosk category to valid CRA themes.
func TestCategoryThemes(t *testing.T) {
	aide := journal.ThemeAideAuxDemarchesAdministratives
	want := map[string]struct {
		themes, admin []journal.Theme
	}{
		"internet": {[]journal.Theme{journal.ThemeNavigationSurInternet}, nil},
		"sante":    {[]journal.Theme{aide}, []journal.Theme{journal.ThemeSocialSante}},
		"logement": {[]journal.Theme{aide}, []journal.Theme{journal.ThemeLogement}},
		"argent":   {[]journal.Theme{aide}, []journal.Theme{journal.ThemeArgentImpots}},
		"travail":  {[]journal.Theme{aide}, []journal.Theme{journal.ThemeTravailFormation}},
		"papiers":  {[]journal.Theme{aide}, []journal.Theme{journal.ThemePapiersElectionsCitoyennete}},
	}
	for _, c := range guide.Categories() {
		t.Run(c.ID, func(t *testing.T) {
			w, ok := want[c.ID]
			if !ok {
				t.Fatalf("Got(%q) = a new category (theme %q), want it added to this test", c.ID, c.Theme)
			}
			themes, admin := journal.CategoryThemes(c)
			if !slices.Equal(themes, w.themes) || !slices.Equal(admin, w.admin) {
				t.Errorf("Got(%q) = %v + %v, want %v + %v", c.ID, themes, admin, w.themes, w.admin)
			}
		})
	}
	themes, admin := journal.CategoryThemes(guide.Category{ID: "autre", Theme: "Inconnu"})
	if !slices.Equal(themes, []journal.Theme{aide}) || admin != nil {
		t.Errorf("Got(%q) = %v + %v, want AideAuxDemarchesAdministratives alone", "unknown theme", themes, admin)
	}
}

func TestFromVisit(t *testing.T) {
	start := time.Date(2026, 3, 9, 14, 0, 0, 0, time.Local)
	for _, tc := range []struct {
		name      string
		v         visit.Visit
		category  string
		duration  int
		procedure string
	}{
		{"ended after 22 min", visit.Visit{Key: "k1", Started: start, Updated: start.Add(22 * time.Minute),
			Ended: start.Add(22 * time.Minute)}, "sante", 30, "Créer son compte ameli"},
		{"still going, 50 min", visit.Visit{Key: "k2", Started: start, Updated: start.Add(50 * time.Minute)},
			"travail", 60, "Créer son compte ameli"},
		{"internet: no procedure", visit.Visit{Key: "k3", Started: start, Updated: start.Add(5 * time.Minute),
			Ended: start.Add(5 * time.Minute)}, "internet", 15, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ok := guide.CategoryByID(tc.category)
			if !ok {
				t.Fatalf("Got(%q) = no category, want one", tc.category)
			}
			a := journal.FromVisit(tc.v, c, "Créer son compte ameli")
			if a.Date != journal.NewDate(2026, 3, 9) || a.DurationMinutes != tc.duration || a.Procedure != tc.procedure ||
				a.VisitKey != tc.v.Key || a.Place.Type != journal.PlaceLieuActivite || a.Person != journal.UnknownProfile() ||
				!a.Anonymous() || a.ID != 0 {
				t.Errorf("Got(%q) = %+v, want date 2026-03-09, %d min, procedure %q, anonymous at the activity place",
					"FromVisit", a, tc.duration, tc.procedure)
			}
			// With the mediator and the place name, it is ready to save.
			a.MediatorID, a.Place.Name = 7, "Centre social"
			checkProblems(t, "Validate", a.Validate(), nil)
		})
	}
}
