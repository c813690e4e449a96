package mediator

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/journal"
	"pasapas/internal/ui/controls"
)

// workshopForm is the form of a workshop: on creation with its series of
// sessions, on edit without (they are changed on its page). It has the
// national tool's fields — place type and commune, equipment, themes and
// administrative sub-themes, procedure, tags, notes — and, like the
// accompaniment form, widgets that hold values, problems under their
// fields and their number next to « Enregistrer ».
type workshopForm struct {
	s    *Space
	base journal.Workshop // the workshop edited (ID ≠ 0), or empty
	*fieldErrors
	*placePart
	*activityPart

	title, date, start, weeks  *controls.Field
	level                      *choice[journal.Level]
	total, already, men, women *controls.Field
	ages                       map[journal.AgeBand]*controls.Field
	statuses                   map[journal.SocialStatus]*controls.Field
	named                      *beneficiaryPicker
}

func (s *workshopsView) workshopForm(base journal.Workshop, places []string) {
	tr := s.Tr
	touch := func() { s.touch() }
	f := &workshopForm{s: s.Space, base: base, fieldErrors: newFieldErrors(tr), placePart: newPlacePart(s.Space, places),
		ages: map[journal.AgeBand]*controls.Field{}, statuses: map[journal.SocialStatus]*controls.Field{}}
	entry := func(max int, text string) *controls.Field {
		e := field(max)
		e.SetText(text)
		e.OnChanged = func(string) { touch() }
		return e
	}
	f.title = entry(journal.MaxTitleLen, "")
	f.date = entry(maxDate, s.Now().Format("02/01/2006"))
	f.start = entry(maxHour, "14:00")
	f.weeks = entry(maxNumber, "1")
	f.activityPart = newActivityPart(s.Space, f.fieldErrors)
	f.duration.Set(120)
	f.level = newChoice(journal.Levels(), journal.Level.Label, tr.T("journal.form.choose"), touch)
	num := func() *controls.Field { e := entry(maxNumber, ""); e.SetPlaceHolder("0"); return e }
	f.total, f.already, f.men, f.women = num(), num(), num(), num()
	ageGrid := container.NewGridWithColumns(4)
	for _, a := range journal.AgeBands() {
		if a != journal.AgeNonCommunique {
			f.ages[a] = num()
			ageGrid.Add(container.NewVBox(widget.NewLabel(a.Label()), f.ages[a]))
		}
	}
	stGrid := container.NewGridWithColumns(4)
	for _, st := range journal.SocialStatuses() {
		if st != journal.StatusNonCommunique {
			f.statuses[st] = num()
			stGrid.Add(container.NewVBox(widget.NewLabel(st.Label()), f.statuses[st]))
		}
	}
	f.named = s.bn.newBeneficiaryPicker()
	f.setPlace(journal.Place{Type: journal.PlaceLieuActivite})

	save := widget.NewButtonWithIcon(tr.T("journal.form.save"), theme.DocumentSaveIcon(), s.act(f.save))
	save.Importance = widget.HighImportance
	s.WorkshopSave = save
	s.Workshop = f
	cancel := widget.NewButtonWithIcon(tr.T("journal.form.cancel"), theme.CancelIcon(), s.act(s.showHome))
	sessions := container.NewVBox(container.NewGridWithColumns(2, // four columns need 1,300 px
		container.NewVBox(bold(tr.T("journal.form.date")), f.date),
		container.NewVBox(bold(tr.T("workshop.start")), f.start),
		container.NewVBox(bold(tr.T("journal.form.duration")), f.duration, f.custom),
		container.NewVBox(bold(tr.T("workshop.weeks")), f.weeks)), f.errLabel("sessions"))
	title := "workshop.new"
	if base.ID != 0 {
		sessions.Hide()
		title = "workshop.edit"
		f.fill(base)
		cancel.OnTapped = s.act(func() { s.ws.openWorkshop(base.ID) })
	}
	body := container.NewVBox(
		bold(tr.T(title)), f.errs["general"],
		container.NewGridWithColumns(2,
			container.NewVBox(bold(tr.T("workshop.title")), f.title, f.errLabel("title")),
			container.NewVBox(bold(tr.T("workshop.level")), f.level, f.errLabel("level"))),
		sessions,
		bold(tr.T("journal.form.place")), f.placeContent(), f.errLabel("place"),
		bold(tr.T("journal.form.equipment")), f.equipment.Box, f.errLabel("equipment"),
		bold(tr.T("journal.form.themes")), f.themes.Box, f.errLabel("themes"),
		f.adminBox,
		bold(tr.T("journal.form.tags")), f.tags, f.errLabel("tags"),
		bold(tr.T("workshop.notes")), f.notes, f.errLabel("notes"),
		widget.NewSeparator(),
		bold(tr.T("workshop.named")), f.named.content(), f.errLabel("participants"),
		bold(tr.T("workshop.anonymous.title")),
		container.NewGridWithColumns(4,
			container.NewVBox(widget.NewLabel(tr.T("workshop.anonymous.total")), f.total),
			container.NewVBox(widget.NewLabel(tr.T("journal.form.already")), f.already),
			container.NewVBox(widget.NewLabel(journal.GenderFeminin.Label()), f.women),
			container.NewVBox(widget.NewLabel(journal.GenderMasculin.Label()), f.men)),
		widget.NewLabel(tr.T("journal.form.person.age")), ageGrid,
		widget.NewLabel(tr.T("journal.form.person.status")), stGrid,
		widget.NewLabel(tr.T("workshop.anonymous.hint")), f.errLabel("anonymous"),
	)
	f.errs["mediator"] = f.errs["general"]
	s.paused = true // a page is open: the Now tab waits
	bar := container.NewBorder(nil, nil, container.NewHBox(save, cancel), nil, f.summary)
	s.setContent(container.NewBorder(nil, bar, nil, nil, f.scrolled(body)))
}

// read returns the workshop the form describes and the problems the form
// itself found (a date, an hour, a number it cannot read).
func (f *workshopForm) read() (journal.Workshop, []fieldProblem) {
	tr := f.s.Tr
	var ps []fieldProblem
	bad := func(field, id string) { ps = append(ps, fieldProblem{field, tr.T(id)}) }
	w := f.base // an edit keeps id, sessions, stamps
	w.Title = strings.TrimSpace(f.title.Text)
	w.Level, _ = f.level.Value()
	var pps []journal.Problem
	w.Place, pps = f.readPlace()
	ps = append(ps, f.problems(pps)...)
	w.Equipment = f.equipment.Values()
	w.Themes, w.AdminThemes, w.Procedure = f.readThemes()
	w.Tags = splitTags(f.tags.Text)
	w.Notes = strings.TrimSpace(f.notes.Text)
	if f.s.user != nil && w.MediatorID == 0 {
		w.MediatorID = f.s.user.ID
	}
	w.Participants = f.named.ids()
	numbers := func(id string) { bad("anonymous", id) }
	atoi := func(e *controls.Field) int { return count(e, numbers) }
	w.Anonymous = journal.AnonymousCounts{Total: atoi(f.total), AlreadyAccompanied: atoi(f.already),
		Genders:  map[journal.Gender]int{journal.GenderFeminin: atoi(f.women), journal.GenderMasculin: atoi(f.men)},
		AgeBands: map[journal.AgeBand]int{}, Statuses: map[journal.SocialStatus]int{}}
	for a, e := range f.ages {
		w.Anonymous.AgeBands[a] = atoi(e)
	}
	for st, e := range f.statuses {
		w.Anonymous.Statuses[st] = atoi(e)
	}
	if f.base.ID != 0 {
		return w, ps
	}
	first := journal.Session{}
	if d, err := parseDay(f.date.Text); err == nil {
		first.Date = d
	} else {
		bad("sessions", "journal.form.bad_date")
	}
	var h, m int
	if _, err := fmt.Sscanf(strings.TrimSpace(f.start.Text), "%d:%d", &h, &m); err == nil {
		first.Start = journal.TimeOfDay{Hour: h, Minute: m}
	} else {
		bad("sessions", "workshop.invalid.start")
	}
	var ok bool
	if first.DurationMinutes, ok = f.minutes(); !ok {
		bad("sessions", "workshop.invalid.number")
	}
	weeks := count(f.weeks, func(id string) { bad("sessions", id) })
	if weeks < 1 || weeks > 52 {
		bad("sessions", "workshop.invalid.weeks")
		weeks = 1
	}
	w.Sessions = journal.WeeklySeries(first, weeks)
	return w, ps
}

// save checks the workshop — what the form read, the domain's rules, the
// dates of its sessions — and stores it off the UI goroutine, then shows
// its page.
func (f *workshopForm) save() {
	w, ps := f.read()
	if len(ps) == 0 {
		ps = f.problems(journal.Problems(w.Validate()))
	}
	if len(ps) == 0 {
		ps = f.problems(journal.Problems(w.CheckSessionDates(f.base, journal.DateOf(f.s.Now()))))
	}
	if len(ps) > 0 {
		f.show(ps)
		return
	}
	f.s.WorkshopSave.Disable()
	background(f.s, func(ctx context.Context) (journal.Workshop, error) {
		return f.s.Journal.SaveWorkshop(ctx, w)
	}, func(saved journal.Workshop, err error) {
		f.s.WorkshopSave.Enable()
		if err != nil {
			if ps := journal.Problems(err); len(ps) > 0 {
				f.showProblems(ps)
				return
			}
			f.showGeneral(f.s.ws.workshopError(err))
			return
		}
		f.s.ws.showWorkshop(saved)
		f.s.notice(f.s.Tr.T("workshop.saved"))
	})
}

// fill puts a stored workshop's fields in the form.
func (f *workshopForm) fill(w journal.Workshop) {
	f.title.SetText(w.Title)
	f.level.Set(w.Level)
	f.setPlace(w.Place)
	f.setActivity(w.Equipment, w.Themes, w.AdminThemes, w.Procedure, w.Tags, w.Notes)
	n := func(e *controls.Field, v int) {
		if v > 0 {
			e.SetText(strconv.Itoa(v))
		}
	}
	n(f.total, w.Anonymous.Total)
	n(f.already, w.Anonymous.AlreadyAccompanied)
	n(f.women, w.Anonymous.Genders[journal.GenderFeminin])
	n(f.men, w.Anonymous.Genders[journal.GenderMasculin])
	for a, e := range f.ages {
		n(e, w.Anonymous.AgeBands[a])
	}
	for st, e := range f.statuses {
		n(e, w.Anonymous.Statuses[st])
	}
}

// count reads a number field of the workshop form: empty is 0; anything
// but a whole number from 0 is reported through bad and counts 0.
func count(e *controls.Field, bad func(id string)) int {
	t := strings.TrimSpace(e.Text)
	if t == "" {
		return 0
	}
	n, err := strconv.Atoi(t)
	if err != nil || n < 0 {
		bad("workshop.invalid.number")
		return 0
	}
	return n
}
