package journal

import (
	"pasapas/internal/guide"
	"pasapas/internal/visit"
)

// CategoryThemes returns the themes an accompaniment gets for a kiosk guide
// of category c, from c.Theme:
//
//   - a digital-mediation theme (the "internet" category's
//     NavigationSurInternet) is the one theme, with no administrative theme;
//   - an administrative theme (SocialSante, Logement…) gives "Aide aux
//     démarches administratives" plus that administrative theme;
//   - a known alias is read as its theme ("TravailFormationEntreprise" is
//     TravailFormation);
//   - anything else gives "Aide aux démarches administratives" alone, since
//     kiosk guides are procedures.
func CategoryThemes(c guide.Category) (themes, admin []Theme) {
	t, ok := ParseTheme(c.Theme)
	switch {
	case ok && t.Administrative():
		return []Theme{ThemeAideAuxDemarchesAdministratives}, []Theme{t}
	case ok:
		return []Theme{t}, nil
	default:
		return []Theme{ThemeAideAuxDemarchesAdministratives}, nil
	}
}

// FromVisit returns an accompaniment pre-filled from a kiosk visit with the
// guide of category c titled guideTitle:
//
//   - the date is the day the visit started, in local time;
//   - the duration is the visit's length (to its end, or to its last update
//     while it goes on) rounded up to a preset (RoundUpToPreset);
//   - the place is the centre's activity place (the caller sets its Name);
//   - the themes come from CategoryThemes;
//   - the procedure is the guide's title when the themes allow one;
//   - the person is anonymous with nothing said (UnknownProfile);
//   - VisitKey links it to the visit.
//
// The caller sets MediatorID and Place.Name, and the mediator completes
// the rest.
func FromVisit(v visit.Visit, c guide.Category, guideTitle string) Accompaniment {
	a := NewAccompaniment(DateOf(v.Started.Local()), 0)
	end := v.Ended
	if end.IsZero() {
		end = v.Updated
	}
	a.DurationMinutes = RoundUpToPreset(end.Sub(v.Started))
	a.Themes, a.AdminThemes = CategoryThemes(c)
	if a.HasAdminTheme() {
		a.Procedure = guideTitle
	}
	a.VisitKey = v.Key
	return a
}
