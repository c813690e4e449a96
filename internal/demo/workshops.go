package demo

import (
	"context"
	"fmt"
	"time"

	"pasapas/internal/journal"
)

// course is a workshop the centre runs again and again.
type course struct {
	title     string
	level     journal.Level
	themes    []journal.Theme
	admin     []journal.Theme
	equipment journal.Equipment
}

var courses = []course{
	{"Premiers pas sur tablette", journal.LevelDebutant,
		[]journal.Theme{journal.ThemePrendreEnMainDuMateriel}, nil, journal.EquipmentTablette},
	{"Bien utiliser son smartphone", journal.LevelDebutant,
		[]journal.Theme{journal.ThemePrendreEnMainDuMateriel, journal.ThemeGereSesContenusNumeriques}, nil,
		journal.EquipmentTelephone},
	{"Créer et gérer sa boîte mail", journal.LevelDebutant, []journal.Theme{journal.ThemeEmail}, nil,
		journal.EquipmentOrdinateur},
	{"Mes démarches en ligne", journal.LevelIntermediaire,
		[]journal.Theme{journal.ThemeAideAuxDemarchesAdministratives},
		[]journal.Theme{journal.ThemeSocialSante, journal.ThemeArgentImpots}, journal.EquipmentOrdinateur},
	{"Se protéger des arnaques en ligne", journal.LevelIntermediaire,
		[]journal.Theme{journal.ThemeSecuriteNumerique}, nil, journal.EquipmentTelephone},
	{"Les bases de l’ordinateur", journal.LevelDebutant,
		[]journal.Theme{journal.ThemePrendreEnMainDuMateriel, journal.ThemeBureautique}, nil,
		journal.EquipmentOrdinateur},
	{"Acheter et payer en ligne en sécurité", journal.LevelIntermediaire,
		[]journal.Theme{journal.ThemeBanqueEtAchatsEnLigne, journal.ThemeSecuriteNumerique}, nil,
		journal.EquipmentOrdinateur},
	{"Découvrir l’intelligence artificielle", journal.LevelAvance,
		[]journal.Theme{journal.ThemeIntelligenceArtificielle, journal.ThemeCultureNumerique}, nil,
		journal.EquipmentOrdinateur},
	{"Mon CV et ma recherche d’emploi en ligne", journal.LevelIntermediaire,
		[]journal.Theme{journal.ThemeInsertionProfessionnelle, journal.ThemeBureautique}, nil,
		journal.EquipmentOrdinateur},
}

// slot is a weekly time the centre holds workshops.
type slot struct {
	weekday  time.Weekday
	start    journal.TimeOfDay
	duration int
}

var slots = []slot{
	{time.Tuesday, journal.TimeOfDay{Hour: 14}, 90},
	{time.Thursday, journal.TimeOfDay{Hour: 10}, 120},
}

// workshops writes, for each weekly slot, series of 4 to 8 sessions one
// after the other with a few weeks between them, from the start of the
// period; the last series may go on after today, its later sessions
// planned. Sessions before today have their attendance, except now and
// then when it was not taken.
func (f *filler) workshops(ctx context.Context) error {
	for _, sl := range slots {
		first := f.res.From
		for first.In(time.UTC).Weekday() != sl.weekday {
			first = first.AddDays(1)
		}
		for first.Before(f.res.To) {
			n := f.g.between(4, 8)
			sessions := journal.WeeklySeries(journal.Session{Date: first, Start: sl.start, DurationMinutes: sl.duration}, n)
			if closed(sessions) {
				first = first.AddDays(7)
				continue
			}
			if err := f.workshop(ctx, sessions); err != nil {
				return fmt.Errorf("demo workshop of %s: %w", first, err)
			}
			first = sessions[n-1].Date.AddDays(7 * f.g.between(2, 4))
		}
	}
	return nil
}

// closed reports whether the centre is closed on one of the sessions.
func closed(sessions []journal.Session) bool {
	for _, s := range sessions {
		if holiday(s.Date) {
			return true
		}
	}
	return false
}

func (f *filler) workshop(ctx context.Context, sessions []journal.Session) error {
	g := f.g
	c := one(g, courses)
	w := journal.Workshop{
		Title: c.title, Level: c.level, Themes: c.themes, AdminThemes: c.admin,
		Equipment:  []journal.Equipment{c.equipment},
		Place:      journal.Place{Type: journal.PlaceLieuActivite, Name: centre},
		MediatorID: f.mediator(),
		Sessions:   sessions,
	}
	for _, b := range f.consented(sessions[0].Date) {
		if len(w.Participants) < 3 && g.chance(0.15) {
			w.Participants = append(w.Participants, b.ID)
		}
	}
	w.Anonymous = f.anonymousCounts(g.between(3, 8))
	stored, err := f.s.SaveWorkshop(ctx, w)
	if err != nil {
		return err
	}
	f.res.Workshops++
	f.res.Sessions += len(stored.Sessions)
	sheet := stored.ParticipantList()
	for _, s := range stored.Sessions {
		if !s.Date.Before(f.today) || g.chance(0.1) {
			continue // planned, or attendance not taken
		}
		marks := make([]journal.Mark, len(sheet))
		for i, p := range sheet {
			marks[i] = journal.Mark{Participant: p, Presence: pick(g, []weighted[journal.Presence]{
				{journal.Present, 82}, {journal.Absent, 12}, {journal.Excused, 6}})}
		}
		if err := f.s.SetAttendance(ctx, s.ID, marks); err != nil {
			return err
		}
	}
	return nil
}

// anonymousCounts returns the counts of total anonymous participants:
// genders mostly said, age bands and statuses often, the rest "non
// communiqué".
func (f *filler) anonymousCounts(total int) journal.AnonymousCounts {
	g := f.g
	c := journal.AnonymousCounts{Total: total, AlreadyAccompanied: g.between(0, total)}
	if g.chance(0.8) {
		women := g.between(0, total)
		c.Genders = map[journal.Gender]int{journal.GenderFeminin: women,
			journal.GenderMasculin: g.between(0, total-women)}
	}
	if g.chance(0.7) {
		c.AgeBands = map[journal.AgeBand]int{}
		for range g.between(total/2, total) {
			if a := pick(g, ageBands); a != journal.AgeNonCommunique {
				c.AgeBands[a]++
			}
		}
	}
	if g.chance(0.6) {
		c.Statuses = map[journal.SocialStatus]int{}
		for range g.between(total/2, total) {
			if s := pick(g, statuses); s != journal.StatusNonCommunique {
				c.Statuses[s]++
			}
		}
	}
	return c
}
