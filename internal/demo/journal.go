package demo

import (
	"context"
	"fmt"
	"strings"

	"pasapas/internal/guide"
	"pasapas/internal/journal"
	"pasapas/internal/visit"
)

// beneficiaries records the named beneficiaries, their consents spread
// over the first half of the period.
func (f *filler) beneficiaries(ctx context.Context) error {
	span := f.today.In(f.opts.Location).Sub(f.res.From.In(f.opts.Location)).Hours() / 24
	for i, p := range people {
		consent := f.res.From.AddDays(int(span) * i / (2 * len(people)))
		b := journal.NewBeneficiary(consent, f.mediator())
		b.FirstName, b.LastName, b.BirthYear = p.first, p.last, p.born
		b.Gender, b.Status = p.gender, p.status
		c := pick(f.g, communes[:len(communes)-1])
		b.Commune, b.PostalCode = c.name, c.postalCode
		if f.g.chance(0.6) {
			b.Phone = fmt.Sprintf("06 %02d %02d %02d %02d", f.g.intn(100), f.g.intn(100), f.g.intn(100), f.g.intn(100))
		}
		if f.g.chance(0.3) {
			b.Email = strings.ReplaceAll(journal.FoldSearch(p.first+"."+p.last), " ", "-") + "@example.org"
		}
		stored, err := f.s.SaveBeneficiary(ctx, b)
		if err != nil {
			return fmt.Errorf("demo beneficiary: %w", err)
		}
		f.named = append(f.named, stored)
		f.res.Beneficiaries++
	}
	return nil
}

// consented returns the named beneficiaries who had agreed by day d.
func (f *filler) consented(d journal.Date) []journal.Beneficiary {
	n := 0
	for n < len(f.named) && !f.named[n].ConsentDate.After(d) {
		n++
	}
	return f.named[:n]
}

// accompanimentsDay writes the accompaniments of day d: some kiosk visits
// of the day, logged as the mediator space pre-fills them, and the people
// who came to the desk.
func (f *filler) accompanimentsDay(ctx context.Context, d journal.Date, visits []visit.Visit) error {
	for _, v := range visits {
		if v.GuideID == "" || (v.HelpCount == 0 && v.Outcome != visit.Appointment) || !f.g.chance(0.4) {
			continue
		}
		a := f.fromVisit(v)
		if err := f.save(ctx, a); err != nil {
			return err
		}
	}
	n := f.g.between(2, 7) * season(d.Month) / 100
	for range n {
		if err := f.save(ctx, f.accompaniment(d)); err != nil {
			return err
		}
	}
	return nil
}

func (f *filler) save(ctx context.Context, a journal.Accompaniment) error {
	if _, err := f.s.SaveAccompaniment(ctx, a); err != nil {
		return err
	}
	f.res.Accompaniments++
	return nil
}

// fromVisit returns the accompaniment a mediator logs from kiosk visit v.
func (f *filler) fromVisit(v visit.Visit) journal.Accompaniment {
	if f.byID == nil {
		f.byID = map[string]*guide.Guide{}
		for _, g := range f.opts.Guides {
			f.byID[g.ID] = g
		}
	}
	g := f.byID[v.GuideID]
	c, _ := guide.CategoryByID(g.Category)
	a := journal.FromVisit(v, c, guide.Plain(g.In(guide.Reference).Title))
	a.Date = journal.DateOf(v.Started.In(f.opts.Location))
	a.MediatorID = f.mediator()
	a.Place.Name = centre
	a.Equipment = []journal.Equipment{journal.EquipmentOrdinateur}
	f.person(&a)
	return a
}

// accompaniment returns an accompaniment at the desk on day d: mostly
// administrative procedures, else a digital skill.
func (f *filler) accompaniment(d journal.Date) journal.Accompaniment {
	g := f.g
	a := journal.NewAccompaniment(d, f.mediator())
	a.DurationMinutes = pick(g, durations)
	a.Place = f.place()
	a.Equipment = []journal.Equipment{pick(g, equipment)}
	if g.chance(0.65) {
		a.Themes = []journal.Theme{journal.ThemeAideAuxDemarchesAdministratives}
		theme, name := f.procedure()
		a.AdminThemes = []journal.Theme{theme}
		if g.chance(0.1) {
			other, _ := f.procedure()
			a.AdminThemes = append(a.AdminThemes, other)
		}
		if g.chance(0.85) {
			a.Procedure = name
		}
		if g.chance(0.12) {
			a.Themes = append(a.Themes, pick(g, digitalThemes))
		}
	} else {
		a.Themes = []journal.Theme{pick(g, digitalThemes)}
		if g.chance(0.25) {
			a.Themes = append(a.Themes, pick(g, digitalThemes))
		}
	}
	a.Autonomy = pick(g, autonomies)
	if g.chance(0.1) {
		a.Referred, a.Referral = true, one(g, journal.Referrals())
	}
	if g.chance(0.04) {
		a.Tags = []string{"Permanence CAF"}
	}
	if g.chance(0.04) {
		a.Notes = "Revenir avec le dernier avis d’imposition."
	}
	f.person(&a)
	return a
}

// procedure returns an administrative theme and one of its procedures,
// each theme weighing the sum of its procedures' weights.
func (f *filler) procedure() (journal.Theme, string) {
	themes := make([]weighted[int], len(procedures))
	for i, p := range procedures {
		w := 0
		for _, n := range p.names {
			w += n.w
		}
		themes[i] = weighted[int]{i, w}
	}
	p := procedures[pick(f.g, themes)]
	return p.theme, pick(f.g, p.names)
}

// place returns where an accompaniment took place.
func (f *filler) place() journal.Place {
	p := journal.Place{Type: pick(f.g, places)}
	switch p.Type {
	case journal.PlaceLieuActivite:
		p.Name = centre
	case journal.PlaceDomicile, journal.PlaceAutre:
		c := pick(f.g, communes[:len(communes)-1])
		p.Commune, p.PostalCode = c.name, c.postalCode
		if p.Type == journal.PlaceAutre {
			p.Name = "Mairie annexe"
		}
	}
	return p
}

// person sets who was accompanied: now and then a named beneficiary, else
// an anonymous profile, some of it not said.
func (f *filler) person(a *journal.Accompaniment) {
	g := f.g
	if named := f.consented(a.Date); len(named) > 0 && g.chance(0.1) {
		a.BeneficiaryID = one(g, named).ID
		return
	}
	p := journal.Profile{
		AlreadyAccompanied: g.chance(0.45),
		Gender:             pick(g, genders),
		AgeBand:            pick(g, ageBands),
		Status:             pick(g, statuses),
	}
	switch p.AgeBand {
	case journal.AgeSoixanteDixPlus, journal.AgeSoixanteSoixanteNeuf:
		if g.chance(0.8) {
			p.Status = journal.StatusRetraite
		}
	case journal.AgeDouzeDixHuit:
		p.Status = journal.StatusScolarise
	}
	c := pick(g, communes)
	p.Commune, p.PostalCode = c.name, c.postalCode
	a.Person = p
}
