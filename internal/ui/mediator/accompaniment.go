package mediator

import (
	"context"
	"errors"
	"fmt"
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
	*fieldErrors
	*placePart
	*activityPart

	date       *controls.Field
	autonomy   *choice[journal.Autonomy]
	referred   *widget.Check
	referral   *choice[journal.Referral]
	person     *personPart
	Save       *widget.Button
	Cancel     *widget.Button
	Delete     *widget.Button
	ConfirmDel *widget.Button
	onDone     func(saved bool)
}

// newAccForm builds the form filled with a; onDone is called after a save
// or a deletion (true) or Cancel (false). places are the centre's places.
func (s *journalView) newAccForm(a journal.Accompaniment, places []string, onDone func(bool)) *accForm {
	tr := s.Tr
	touch := func() { s.touch() }
	f := &accForm{s: s.Space, base: a, onDone: onDone, fieldErrors: newFieldErrors(tr), placePart: newPlacePart(s.Space, places)}
	f.activityPart = newActivityPart(s.Space, f.fieldErrors)
	f.date = field(maxDate)
	f.date.SetPlaceHolder("jj/mm/aaaa")
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
	f.person = newPersonPart(s.Space)
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

// load fills the widgets from a.
func (f *accForm) load(a journal.Accompaniment) {
	if !a.Date.IsZero() {
		f.date.SetText(a.Date.In(timeLocal()).Format("02/01/2006"))
	}
	f.setMinutes(a.DurationMinutes)
	f.setPlace(a.Place)
	f.setActivity(a.Equipment, a.Themes, a.AdminThemes, a.Procedure, a.Tags, a.Notes)
	f.autonomy.Set(a.Autonomy)
	f.referred.SetChecked(a.Referred)
	f.referral.Set(a.Referral)
	if !a.Referred {
		f.referral.Disable()
	}
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
	a.DurationMinutes, _ = f.minutes() // an unreadable one is 0: « durée obligatoire »
	var pps []journal.Problem
	a.Place, pps = f.readPlace()
	ps = append(ps, pps...)
	a.Equipment = f.equipment.Values()
	a.Themes, a.AdminThemes, a.Procedure = f.readThemes()
	a.Autonomy, _ = f.autonomy.Value()
	a.Referred = f.referred.Checked
	a.Referral = ""
	if a.Referred {
		a.Referral, _ = f.referral.Value()
	}
	a.Tags = splitTags(f.tags.Text)
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
		bold(title), f.errs["general"],
		container.NewGridWithColumns(2,
			container.NewVBox(bold(tr.T("journal.form.date")), f.date, f.errLabel("date")),
			container.NewVBox(bold(tr.T("journal.form.duration")), f.duration, f.custom, f.errLabel("duration"))),
		bold(tr.T("journal.form.place")),
		f.placeContent(),
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
	bar := container.NewBorder(nil, nil, container.NewHBox(f.Save, f.Cancel), container.NewHBox(f.Delete, f.ConfirmDel), f.summary)
	return container.NewBorder(nil, bar, nil, nil, f.scrolled(f.body))
}
