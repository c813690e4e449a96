package mediator

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/audit"
	"pasapas/internal/journal"
	"pasapas/internal/ui/controls"
)

// accForm is the form of an individual accompaniment, with the field set of
// the national mediators' tool and its French labels. Widgets hold values
// (choice, checkSet), never labels to match back. It fits a 1366 × 768
// laptop: drop-down lists instead of long rows of buttons, the text in one
// scroll, « Enregistrer » always visible with the number of problems, each
// problem under its field, and the scroll brought to the first.
type accForm struct {
	s    *Space
	base journal.Accompaniment // what the form started from (id, visit, beneficiary, Updated…)

	date       *widget.Entry
	duration   *choice[int]
	custom     *widget.Entry
	placeType  *choice[journal.PlaceType]
	placeName  *widget.SelectEntry
	placeCom   *communeField
	equipment  *checkSet[journal.Equipment]
	themes     *checkSet[journal.Theme]
	admin      *checkSet[journal.Theme]
	adminBox   *fyne.Container
	procedure  *widget.Entry
	autonomy   *choice[journal.Autonomy]
	referred   *widget.Check
	referral   *choice[journal.Referral]
	tags       *widget.Entry
	notes      *controls.Lines
	person     *personPart
	errs       map[string]*widget.Label // a problem's field prefix → the label under that field
	summary    *widget.Label            // next to « Enregistrer »
	scroll     *container.Scroll
	body       *fyne.Container
	Save       *widget.Button
	Cancel     *widget.Button
	Delete     *widget.Button
	ConfirmDel *widget.Button
	onDone     func(saved bool)
	places     []string
}

// customMinutes stands for « Autre durée » in the duration list.
const customMinutes = -1

// newAccForm builds the form filled with a; onDone is called after a save
// or a deletion (true) or Cancel (false). places are the centre's places.
func (s *journalView) newAccForm(a journal.Accompaniment, places []string, onDone func(bool)) *accForm {
	tr := s.Tr
	touch := func() { s.touch() }
	f := &accForm{s: s.Space, base: a, onDone: onDone, places: places, errs: map[string]*widget.Label{}}
	f.date = widget.NewEntry()
	f.date.SetPlaceHolder("jj/mm/aaaa")
	f.custom = widget.NewEntry()
	f.custom.SetPlaceHolder(tr.T("journal.form.minutes"))
	f.custom.Hide()
	f.duration = newChoice(append(journal.DurationPresets(), customMinutes), func(m int) string {
		if m == customMinutes {
			return tr.T("journal.form.custom")
		}
		return journal.DurationLabel(m)
	}, tr.T("journal.form.choose"), func() {
		touch()
		m, _ := f.duration.Value()
		f.custom.Hidden = m != customMinutes
		f.custom.Refresh()
	})
	f.placeName = widget.NewSelectEntry(places)
	f.placeCom = newCommuneField(s.Space)
	f.placeType = newChoice(journal.PlaceTypes(), journal.PlaceType.Label, tr.T("journal.form.choose"), func() {
		touch()
		f.showPlace()
	})
	f.equipment = newCheckSet(journal.Equipments(), journal.Equipment.Label, 3, touch)
	f.admin = newCheckSet(journal.AdminThemes(), journal.Theme.Label, 2, touch)
	f.procedure = widget.NewEntry()
	f.adminBox = container.NewVBox(bold(tr.T("journal.form.admin")), f.admin.Box,
		widget.NewLabel(tr.T("journal.form.procedure")), f.procedure, f.errLabel("admin_themes"), f.errLabel("procedure"))
	f.themes = newCheckSet(journal.DigitalThemes(), journal.Theme.Label, 2, func() {
		touch()
		f.adminBox.Hidden = !f.themes.Has(journal.ThemeAideAuxDemarchesAdministratives)
		f.adminBox.Refresh()
	})
	f.autonomy = newChoice(journal.Autonomies(), journal.Autonomy.Label, tr.T("journal.form.choose"), touch)
	f.referral = newChoice(journal.Referrals(), journal.Referral.Label, tr.T("journal.form.choose"), touch)
	f.referred = widget.NewCheck(tr.T("journal.form.referred"), func(on bool) {
		touch()
		if on {
			f.referral.Enable()
		} else {
			f.referral.ClearSelected()
			f.referral.Disable()
		}
	})
	f.tags = widget.NewEntry()
	f.tags.SetPlaceHolder(tr.T("journal.form.tags.hint"))
	f.notes = controls.NewLines(3)
	f.person = newPersonPart(s.Space)
	f.summary = widget.NewLabel("")
	f.summary.Importance = widget.DangerImportance
	f.Save = widget.NewButtonWithIcon(tr.T("journal.form.save"), theme.DocumentSaveIcon(), s.act(f.save))
	f.Save.Importance = widget.HighImportance
	f.Cancel = widget.NewButtonWithIcon(tr.T("journal.form.cancel"), theme.CancelIcon(), s.act(func() { f.onDone(false) }))
	f.ConfirmDel = widget.NewButtonWithIcon(tr.T("journal.form.delete.confirm"), theme.WarningIcon(), s.act(f.remove))
	f.ConfirmDel.Importance = widget.DangerImportance
	f.ConfirmDel.Hide()
	f.Delete = widget.NewButtonWithIcon(tr.T("journal.form.delete"), theme.DeleteIcon(), s.act(f.ConfirmDel.Show))
	if a.ID == 0 {
		f.Delete.Hide()
	}
	f.load(a)
	return f
}

func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// errLabel returns the (hidden) label that shows the problems of field.
func (f *accForm) errLabel(field string) *widget.Label {
	l := fieldError()
	f.errs[field] = l
	return l
}

// showPlace shows the place's name for an activity place, its commune for
// a home or another place.
func (f *accForm) showPlace() {
	t, _ := f.placeType.Value()
	f.placeName.Hidden = t != journal.PlaceLieuActivite
	com := t == journal.PlaceDomicile || t == journal.PlaceAutre
	f.placeCom.Name.Hidden, f.placeCom.Postal.Hidden = !com, !com
	f.placeName.Refresh()
	f.placeCom.Name.Refresh()
	f.placeCom.Postal.Refresh()
}

// load fills the widgets from a.
func (f *accForm) load(a journal.Accompaniment) {
	if !a.Date.IsZero() {
		f.date.SetText(a.Date.In(timeLocal()).Format("02/01/2006"))
	}
	switch {
	case a.DurationMinutes > 0 && journal.IsPreset(a.DurationMinutes):
		f.duration.Set(a.DurationMinutes)
	case a.DurationMinutes > 0:
		f.duration.Set(customMinutes)
		f.custom.SetText(strconv.Itoa(a.DurationMinutes))
	}
	f.placeType.Set(a.Place.Type)
	name := a.Place.Name
	if name == "" && a.Place.Type == journal.PlaceLieuActivite && len(f.places) > 0 {
		name = f.places[0]
	}
	f.placeName.SetText(name)
	f.placeCom.set(a.Place.Commune, a.Place.PostalCode)
	f.showPlace()
	f.equipment.Set(a.Equipment)
	f.themes.Set(a.Themes)
	f.admin.Set(a.AdminThemes)
	f.adminBox.Hidden = !a.HasAdminTheme()
	f.procedure.SetText(a.Procedure)
	f.autonomy.Set(a.Autonomy)
	f.referred.SetChecked(a.Referred)
	f.referral.Set(a.Referral)
	if !a.Referred {
		f.referral.Disable()
	}
	f.tags.SetText(strings.Join(a.Tags, ", "))
	f.notes.SetText(a.Notes)
	f.person.load(a)
}

// read returns the accompaniment the form describes, and the problems the
// form itself found (a date or a commune it cannot read).
func (f *accForm) read() (journal.Accompaniment, []journal.Problem) {
	a := f.base
	var ps []journal.Problem
	a.Date = journal.Date{}
	if d, err := parseDay(f.date.Text); err == nil {
		a.Date = d
	} else if strings.TrimSpace(f.date.Text) != "" {
		ps = append(ps, journal.Problem{Field: "date", Code: journal.CodeDateUnreadable})
	}
	a.DurationMinutes = 0
	if m, ok := f.duration.Value(); ok && m != customMinutes {
		a.DurationMinutes = m
	} else if ok {
		a.DurationMinutes, _ = strconv.Atoi(strings.TrimSpace(f.custom.Text))
	}
	a.Place = journal.Place{}
	a.Place.Type, _ = f.placeType.Value()
	switch a.Place.Type {
	case journal.PlaceLieuActivite:
		a.Place.Name = strings.TrimSpace(f.placeName.Text)
	case journal.PlaceDomicile, journal.PlaceAutre:
		var err error
		a.Place.Commune, a.Place.PostalCode, a.Place.INSEE, err = f.placeCom.read()
		if err != nil {
			ps = append(ps, journal.Problem{Field: "place.commune", Code: journal.CodeCommuneUnknown})
		}
	}
	a.Equipment = f.equipment.Values()
	a.Themes, a.AdminThemes, a.Procedure = f.themes.Values(), nil, ""
	if a.HasAdminTheme() {
		a.AdminThemes = f.admin.Values()
		a.Procedure = strings.TrimSpace(f.procedure.Text)
	}
	a.Autonomy, _ = f.autonomy.Value()
	a.Referred = f.referred.Checked
	a.Referral = ""
	if a.Referred {
		a.Referral, _ = f.referral.Value()
	}
	a.Tags = nil
	for _, t := range strings.Split(f.tags.Text, ",") {
		if t = strings.TrimSpace(t); t != "" {
			a.Tags = append(a.Tags, t)
		}
	}
	a.Notes = strings.TrimSpace(f.notes.Text)
	ps = append(ps, f.person.read(&a)...)
	if f.s.user != nil {
		a.MediatorID = f.s.user.ID
	}
	return a, ps
}

// save validates, then stores the accompaniment off the UI goroutine.
func (f *accForm) save() {
	a, ps := f.read()
	if len(ps) == 0 {
		ps = journal.Problems(a.Validate())
	}
	if len(ps) > 0 {
		f.showProblems(ps)
		return
	}
	f.Save.Disable()
	background(f.s, func(ctx context.Context) (journal.Accompaniment, error) {
		return f.s.Journal.SaveAccompaniment(ctx, a)
	}, func(_ journal.Accompaniment, err error) {
		f.Save.Enable()
		if err != nil {
			if ps := journal.Problems(err); len(ps) > 0 {
				f.showProblems(ps)
				return
			}
			f.showGeneral(f.s.recordError(err))
			return
		}
		f.onDone(true)
	})
}

// remove deletes the accompaniment (asked twice), audited.
func (f *accForm) remove() {
	id := f.base.ID
	f.ConfirmDel.Disable()
	background(f.s, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, f.s.Journal.DeleteAccompaniment(ctx, id)
	}, func(_ struct{}, err error) {
		f.ConfirmDel.Enable()
		if err != nil {
			f.showGeneral(f.s.recordError(err))
			return
		}
		f.s.audit(audit.RecordDeleted, fmt.Sprintf("accompaniment %d", id))
		f.s.afterForm = "journal.deleted"
		f.onDone(true)
	})
}

// showProblems puts each problem under its field, says how many next to
// « Enregistrer », and scrolls to the first.
func (f *accForm) showProblems(ps []journal.Problem) {
	for _, l := range f.errs {
		l.SetText("")
		l.Hide()
	}
	var first *widget.Label
	for _, p := range ps {
		l := f.labelFor(p.Field)
		text := f.s.Tr.T(p.MessageID())
		if l.Text != "" {
			text = l.Text + "\n" + text
		}
		l.SetText(text)
		l.Show()
		if first == nil || l.Position().Y < first.Position().Y {
			first = l
		}
	}
	f.summary.SetText(f.s.Tr.N("journal.form.problems", len(ps)))
	f.body.Refresh()
	if first != nil && f.scroll != nil {
		f.scroll.Offset = fyne.NewPos(0, max(0, first.Position().Y-80))
		f.scroll.Refresh()
	}
}

// showGeneral shows a problem that belongs to no field (storage, conflict).
func (f *accForm) showGeneral(text string) {
	f.showProblems(nil)
	l := f.errs["general"]
	l.SetText(text)
	l.Show()
	f.summary.SetText(text)
}

// labelFor finds the label of a problem's field: "place.commune" goes
// under the place, "person.gender" under the person.
func (f *accForm) labelFor(field string) *widget.Label {
	for key := field; key != ""; {
		if l, ok := f.errs[key]; ok {
			return l
		}
		i := strings.LastIndex(key, ".")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return f.errs["general"]
}

// Errors returns the problems shown, one per line (for tests).
func (f *accForm) Errors() string {
	var out []string
	for _, l := range f.errs {
		if !l.Hidden && l.Text != "" {
			out = append(out, l.Text)
		}
	}
	return strings.Join(out, "\n")
}

// recordError words a storage error on a record, a conflict included.
func (s *Space) recordError(err error) string {
	if errors.Is(err, journal.ErrModified) {
		return s.Tr.T("journal.modified")
	}
	return s.errorText(err)
}

// content lays the form out.
func (f *accForm) content(title string) fyne.CanvasObject {
	tr := f.s.Tr
	reminder := widget.NewLabel(tr.T("journal.form.notes.reminder"))
	reminder.Wrapping = fyne.TextWrapWord
	reminder.Importance = widget.WarningImportance
	f.body = container.NewVBox(
		bold(title), f.errLabel("general"),
		container.NewGridWithColumns(2,
			container.NewVBox(bold(tr.T("journal.form.date")), f.date, f.errLabel("date")),
			container.NewVBox(bold(tr.T("journal.form.duration")), f.duration, f.custom, f.errLabel("duration"))),
		bold(tr.T("journal.form.place")),
		container.NewGridWithColumns(2, container.NewVBox(f.placeType), container.NewVBox(f.placeName, f.placeCom.content())),
		f.errLabel("place"),
		bold(tr.T("journal.form.equipment")), f.equipment.Box, f.errLabel("equipment"),
		bold(tr.T("journal.form.themes")), f.themes.Box, f.errLabel("themes"),
		f.adminBox,
		container.NewGridWithColumns(2,
			container.NewVBox(bold(tr.T("journal.form.autonomy")), f.autonomy, f.errLabel("autonomy")),
			container.NewVBox(f.referred, f.referral, f.errLabel("referral"))),
		bold(tr.T("journal.form.tags")), f.tags, f.errLabel("tags"),
		bold(tr.T("journal.form.notes")), reminder, f.notes, f.errLabel("notes"),
		widget.NewSeparator(), f.person.content(), f.errLabel("person"), f.errLabel("beneficiary"),
	)
	f.errs["mediator"] = f.errs["general"]
	f.scroll = container.NewVScroll(f.body)
	bar := container.NewBorder(nil, nil, container.NewHBox(f.Save, f.Cancel), container.NewHBox(f.Delete, f.ConfirmDel), f.summary)
	return container.NewBorder(nil, bar, nil, nil, f.scroll)
}
