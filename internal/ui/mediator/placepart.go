package mediator

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/journal"
	"pasapas/internal/ui/controls"
)

// placePart is where an activity took place, as the national tool asks
// it: the type of place, then the activity place's name (the centre's
// places offered) or, for a home or another place, its commune checked
// against the official list. The accompaniment and workshop forms share
// it.
type placePart struct {
	placeType *choice[journal.PlaceType]
	placeName *widget.SelectEntry
	placeCom  *communeField
	places    []string
}

func newPlacePart(s *Space, places []string) *placePart {
	p := &placePart{places: places, placeName: widget.NewSelectEntry(places), placeCom: newCommuneField(s)}
	p.placeName.OnChanged = func(text string) {
		if !clip(&p.placeName.Entry, journal.MaxTitleLen, text) {
			s.touch()
		}
	}
	p.placeType = newChoice(journal.PlaceTypes(), journal.PlaceType.Label, s.Tr.T("journal.form.choose"), func() {
		s.touch()
		p.showPlace()
	})
	return p
}

// placeContent lays the place out: its type beside its name or commune.
func (p *placePart) placeContent() fyne.CanvasObject {
	return container.NewGridWithColumns(2, container.NewVBox(p.placeType), container.NewVBox(p.placeName, p.placeCom.content()))
}

// showPlace shows the place's name for an activity place, its commune for
// a home or another place.
func (p *placePart) showPlace() {
	t, _ := p.placeType.Value()
	p.placeName.Hidden = t != journal.PlaceLieuActivite
	com := t == journal.PlaceDomicile || t == journal.PlaceAutre
	p.placeName.Refresh()
	p.placeCom.show(com)
}

// setPlace fills the part from pl; an activity place without a name gets
// the centre's first place.
func (p *placePart) setPlace(pl journal.Place) {
	p.placeType.Set(pl.Type)
	name := pl.Name
	if name == "" && pl.Type == journal.PlaceLieuActivite && len(p.places) > 0 {
		name = p.places[0]
	}
	p.placeName.SetText(name)
	p.placeCom.set(pl.Commune, pl.PostalCode)
	p.showPlace()
}

// readPlace returns the place described, and a problem when its commune
// is not in the official list.
func (p *placePart) readPlace() (journal.Place, []journal.Problem) {
	var pl journal.Place
	pl.Type, _ = p.placeType.Value()
	switch pl.Type {
	case journal.PlaceLieuActivite:
		pl.Name = strings.TrimSpace(p.placeName.Text)
	case journal.PlaceDomicile, journal.PlaceAutre:
		var err error
		pl.Commune, pl.PostalCode, pl.INSEE, err = p.placeCom.read()
		if err != nil {
			return pl, []journal.Problem{{Field: "place.commune", Code: journal.CodeCommuneUnknown}}
		}
	}
	return pl, nil
}

// splitTags reads a comma-separated list of tags.
func splitTags(text string) []string {
	var tags []string
	for _, t := range strings.Split(text, ",") {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, t)
		}
	}
	return tags
}

// activityPart is the rest of what an accompaniment and a workshop share:
// the duration (presets or « Autre durée »), the equipment, the themes
// with the administrative sub-themes and the procedure shown only with
// « Aide aux démarches administratives », the tags and the notes.
type activityPart struct {
	duration        *choice[int]
	custom          *controls.Field
	equipment       *checkSet[journal.Equipment]
	themes, admin   *checkSet[journal.Theme]
	adminBox        *fyne.Container
	procedure, tags *controls.Field
	notes           *controls.Lines
}

// customMinutes stands for « Autre durée » in the duration list.
const customMinutes = -1

// newActivityPart makes the widgets; the sub-themes' problems show under
// them, in errs.
func newActivityPart(s *Space, errs *fieldErrors) *activityPart {
	tr := s.Tr
	touch := func() { s.touch() }
	p := &activityPart{custom: field(maxNumber), procedure: field(journal.MaxTitleLen), tags: field(maxTags), notes: controls.NewLines(3, journal.MaxNotesLen)}
	p.custom.SetPlaceHolder(tr.T("journal.form.minutes"))
	p.custom.Hide()
	p.duration = newChoice(append(journal.DurationPresets(), customMinutes), func(m int) string {
		if m == customMinutes {
			return tr.T("journal.form.custom")
		}
		return journal.DurationLabel(m)
	}, tr.T("journal.form.choose"), func() {
		touch()
		m, _ := p.duration.Value()
		p.custom.Hidden = m != customMinutes
		p.custom.Refresh()
	})
	p.equipment = newCheckSet(journal.Equipments(), journal.Equipment.Label, 3, touch)
	p.admin = newCheckSet(journal.AdminThemes(), journal.Theme.Label, 2, touch)
	p.adminBox = container.NewVBox(bold(tr.T("journal.form.admin")), p.admin.Box,
		widget.NewLabel(tr.T("journal.form.procedure")), p.procedure, errs.errLabel("admin_themes"), errs.errLabel("procedure"))
	p.adminBox.Hide()
	p.themes = newCheckSet(journal.DigitalThemes(), journal.Theme.Label, 2, func() {
		touch()
		p.adminBox.Hidden = !p.themes.Has(journal.ThemeAideAuxDemarchesAdministratives)
		p.adminBox.Refresh()
	})
	p.tags.SetPlaceHolder(tr.T("journal.form.tags.hint"))
	return p
}

// minutes reads the duration: 0 when none is chosen; ok is false when
// « Autre durée » holds something other than a whole number from 0.
func (p *activityPart) minutes() (m int, ok bool) {
	m, chosen := p.duration.Value()
	if !chosen {
		return 0, true
	}
	if m != customMinutes {
		return m, true
	}
	ok = true
	n := count(p.custom, func(string) { ok = false })
	return n, ok
}

// setMinutes shows a stored duration: a preset, or « Autre durée » and
// its minutes.
func (p *activityPart) setMinutes(m int) {
	switch {
	case m > 0 && journal.IsPreset(m):
		p.duration.Set(m)
	case m > 0:
		p.duration.Set(customMinutes)
		p.custom.SetText(strconv.Itoa(m))
	}
}

// setActivity fills the equipment, themes, procedure, tags and notes.
func (p *activityPart) setActivity(eq []journal.Equipment, themes, admin []journal.Theme, procedure string, tags []string, notes string) {
	p.equipment.Set(eq)
	p.themes.Set(themes)
	p.admin.Set(admin)
	p.adminBox.Hidden = !p.themes.Has(journal.ThemeAideAuxDemarchesAdministratives)
	p.procedure.SetText(procedure)
	p.tags.SetText(strings.Join(tags, ", "))
	p.notes.SetText(notes)
}

// readThemes returns the themes ticked, and the sub-themes and procedure
// only with « Aide aux démarches administratives ».
func (p *activityPart) readThemes() (themes, admin []journal.Theme, procedure string) {
	themes = p.themes.Values()
	if p.themes.Has(journal.ThemeAideAuxDemarchesAdministratives) {
		admin, procedure = p.admin.Values(), strings.TrimSpace(p.procedure.Text)
	}
	return themes, admin, procedure
}
