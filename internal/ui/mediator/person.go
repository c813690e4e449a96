package mediator

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/journal"
	"pasapas/internal/ui/controls"
)

// personPart is the person accompanied: a named beneficiary who agreed to
// it, found by typing their name, or an anonymous profile (already
// accompanied, commune, gender, age band, status).
type personPart struct {
	s        *Space
	chosen   int64 // the beneficiary picked, 0 for an anonymous person
	Search   *controls.Field
	found    *fyne.Container
	named    *widget.Label
	unlink   *widget.Button
	profile  *fyne.Container
	already  *widget.Check
	commune  *communeField
	gender   *choice[journal.Gender]
	ageBand  *choice[journal.AgeBand]
	status   *choice[journal.SocialStatus]
	searchID int // the last search asked: older answers are dropped
}

func newPersonPart(s *Space) *personPart {
	tr := s.Tr
	touch := func() { s.touch() }
	p := &personPart{s: s, Search: field(maxSearch), found: container.NewVBox(), named: widget.NewLabel("")}
	p.Search.SetPlaceHolder(tr.T("journal.form.person.search"))
	p.Search.OnChanged = func(q string) { touch(); p.search(q) }
	p.unlink = widget.NewButtonWithIcon(tr.T("journal.form.person.unlink"), theme.ContentClearIcon(), s.act(func() { p.pick(journal.Beneficiary{}) }))
	p.already = widget.NewCheck(tr.T("journal.form.already"), func(bool) { touch() })
	p.commune = newCommuneField(s)
	choose := tr.T("journal.form.choose")
	p.gender = newChoice(journal.Genders(), journal.Gender.Label, choose, touch)
	p.ageBand = newChoice(journal.AgeBands(), journal.AgeBand.Label, choose, touch)
	p.status = newChoice(journal.SocialStatuses(), journal.SocialStatus.Label, choose, touch)
	p.profile = container.NewVBox(p.already,
		container.NewGridWithColumns(2,
			container.NewVBox(widget.NewLabel(tr.T("journal.form.person.commune")), p.commune.content()),
			container.NewVBox(widget.NewLabel(tr.T("journal.form.person.gender")), p.gender)),
		container.NewGridWithColumns(2,
			container.NewVBox(widget.NewLabel(tr.T("journal.form.person.age")), p.ageBand),
			container.NewVBox(widget.NewLabel(tr.T("journal.form.person.status")), p.status)))
	return p
}

// search lists, off the UI goroutine, the consenting beneficiaries whose
// name holds what was typed (two letters at least).
func (p *personPart) search(q string) {
	p.searchID++
	id := p.searchID
	q = strings.TrimSpace(q)
	if len([]rune(q)) < 2 || p.s.Journal == nil {
		p.found.Objects = nil
		p.found.Refresh()
		return
	}
	background(p.s, func(ctx context.Context) ([]journal.Beneficiary, error) {
		return p.s.Journal.SearchBeneficiaries(ctx, q, 6)
	}, func(bs []journal.Beneficiary, err error) {
		if id != p.searchID {
			return // the mediator typed on
		}
		p.found.Objects = nil
		if err != nil {
			p.found.Add(widget.NewLabel(p.s.errorText(err)))
		}
		for _, b := range bs {
			if b.IsErased() {
				continue
			}
			p.found.Add(widget.NewButtonWithIcon(b.DisplayName(), theme.AccountIcon(), p.s.act(func() { p.pick(b) })))
		}
		if len(bs) == 0 && err == nil {
			p.found.Add(widget.NewLabel(p.s.Tr.T("journal.form.person.none")))
		}
		p.s.themed(p.found)
	})
}

// pick links the accompaniment to b (or, with the zero Beneficiary, makes
// the person anonymous again).
func (p *personPart) pick(b journal.Beneficiary) {
	p.chosen = b.ID
	p.found.Objects = nil
	p.found.Refresh()
	p.Search.SetText("")
	p.show(b.DisplayName())
}

func (p *personPart) show(name string) {
	named := p.chosen != 0
	p.named.SetText(p.s.Tr.T("journal.form.person.named", "Name", name))
	p.named.Hidden, p.unlink.Hidden = !named, !named
	p.Search.Hidden = named
	p.profile.Hidden = named
	p.named.Refresh()
	p.profile.Refresh()
	p.Search.Refresh()
}

func (p *personPart) load(a journal.Accompaniment) {
	p.chosen = a.BeneficiaryID
	name := ""
	if a.BeneficiaryID != 0 {
		name = p.s.Tr.T("journal.form.named", "ID", a.BeneficiaryID)
		id := a.BeneficiaryID
		background(p.s, func(ctx context.Context) (journal.Beneficiary, error) {
			return p.s.Journal.Beneficiary(ctx, id)
		}, func(b journal.Beneficiary, err error) {
			if err == nil && p.chosen == id {
				p.show(b.DisplayName())
			}
		})
	}
	p.already.SetChecked(a.Person.AlreadyAccompanied)
	p.commune.set(a.Person.Commune, a.Person.PostalCode)
	p.gender.Set(a.Person.Gender)
	p.ageBand.Set(a.Person.AgeBand)
	p.status.Set(a.Person.Status)
	p.show(name)
}

// read puts the person into a; a commune that does not exist is a problem.
func (p *personPart) read(a *journal.Accompaniment) []journal.Problem {
	a.BeneficiaryID = p.chosen
	if p.chosen != 0 {
		a.Person = journal.Profile{}
		return nil
	}
	var ps []journal.Problem
	var err error
	a.Person.AlreadyAccompanied = p.already.Checked
	a.Person.Commune, a.Person.PostalCode, a.Person.INSEE, err = p.commune.read()
	if err != nil {
		ps = append(ps, journal.Problem{Field: "person.commune", Code: journal.CodeCommuneUnknown})
	}
	a.Person.Gender, _ = p.gender.Value()
	a.Person.AgeBand, _ = p.ageBand.Value()
	a.Person.Status, _ = p.status.Value()
	return ps
}

func (p *personPart) content() fyne.CanvasObject {
	return container.NewVBox(bold(p.s.Tr.T("journal.form.person")),
		container.NewBorder(nil, nil, nil, p.unlink, p.named), p.Search, p.found, p.profile)
}
