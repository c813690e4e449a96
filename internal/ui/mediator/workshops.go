package mediator

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/export"
	"pasapas/internal/journal"
)

// workshopsTab lists the upcoming and past workshops, and creates new ones.
func (s *workshopsView) workshopsTab() fyne.CanvasObject {
	add := widget.NewButtonWithIcon(s.Tr.T("workshop.new"), theme.ContentAddIcon(), s.act(func() { s.ws.openWorkshopForm() }))
	add.Importance = widget.HighImportance
	list := container.NewVBox(widget.NewLabel(s.Tr.T("work.loading")))
	today := journal.DateOf(s.Now())
	type part struct {
		title string
		ws    []journal.Workshop
		err   error
	}
	background(s.Space, func(ctx context.Context) ([]part, error) {
		var parts []part
		for _, p := range []struct {
			title string
			load  func(context.Context, journal.Date) ([]journal.Workshop, error)
		}{{"workshop.upcoming", s.Journal.UpcomingWorkshops}, {"workshop.past", s.Journal.PastWorkshops}} {
			ws, err := p.load(ctx, today)
			parts = append(parts, part{p.title, ws, err})
		}
		return parts, nil
	}, func(parts []part, _ error) {
		list.Objects = nil
		for _, p := range parts {
			list.Add(widget.NewLabelWithStyle(s.Tr.T(p.title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			if p.err != nil {
				list.Add(widget.NewLabel(s.errorText(p.err)))
				continue
			}
			if len(p.ws) == 0 {
				list.Add(widget.NewLabel(s.Tr.T("workshop.none")))
			}
			for _, w := range p.ws {
				text := s.Tr.T("workshop.line", "Title", w.Title, "First", dayText(w.FirstDate()), "Last", dayText(w.LastDate()),
					"Sessions", len(w.Sessions), "People", len(w.Participants)+w.Anonymous.Total)
				label := widget.NewLabel(text)
				label.Wrapping = fyne.TextWrapWord
				open := widget.NewButtonWithIcon(s.Tr.T("workshop.open"), theme.FolderOpenIcon(), s.act(func() { s.ws.openWorkshop(w.ID) }))
				list.Add(container.NewBorder(nil, nil, nil, open, label))
			}
		}
		themed(list)
	})
	return container.NewBorder(container.NewHBox(add), nil, nil, nil, container.NewVScroll(list))
}

func dayText(d journal.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.In(time.Local).Format("02/01/2006")
}

// writeSheet writes the A4 sign-in sheet of session n of w as a PDF in the
// export folder and returns its path.
func (s *workshopsView) writeSheet(ctx context.Context, w journal.Workshop, n int) (string, error) {
	src, ok := s.Exports.(export.SheetSource)
	if !ok {
		return "", fmt.Errorf("no sheet source")
	}
	centre := ""
	if st, err := s.Settings.LoadSettings(ctx); err == nil {
		centre = st.CentreName
	}
	sh, err := export.LoadSheet(ctx, src, centre, w.ID, n)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(s.ExportDir, 0o700); err != nil {
		return "", err
	}
	path := filepath.Join(s.ExportDir, fmt.Sprintf("emargement-atelier-%d-seance-%d.pdf", w.ID, n))
	return path, export.WriteFile(path, func(out io.Writer) error { return export.WriteSheet(out, sh) })
}

// workshopForm is the creation form of a workshop and its series of sessions.
type workshopForm struct {
	title, date, start, weeks, total, already *widget.Entry
	duration                                  *widget.Select
	level                                     *widget.RadioGroup
	themes, admin                             *widget.CheckGroup
	placeName                                 *widget.SelectEntry
	men, women                                *widget.Entry
	ages                                      map[journal.AgeBand]*widget.Entry
	statuses                                  map[journal.SocialStatus]*widget.Entry
	named                                     *beneficiaryPicker
	errors                                    *widget.Label
	procedure, custom                         *widget.Entry
	base                                      journal.Workshop // the workshop edited (ID ≠ 0), or empty
}

// openWorkshopForm opens the form of a new workshop once the centre's
// places are read (off the UI goroutine).
func (s *workshopsView) openWorkshopForm() {
	background(s.Space, s.jr.readPlaces, func(places []string, err error) {
		if err != nil {
			s.Log.Error("load settings", "err", err)
		}
		s.ws.workshopForm(journal.Workshop{}, places)
	})
}

// openWorkshopEdit opens the form on a stored workshop: its sessions are
// changed on its page (cancel, attendance), the rest here.
func (s *workshopsView) openWorkshopEdit(w journal.Workshop) {
	type read struct {
		named  []journal.Beneficiary
		places []string
	}
	background(s.Space, func(ctx context.Context) (read, error) {
		var r read
		for _, id := range w.Participants {
			b, err := s.Journal.Beneficiary(ctx, id)
			if err != nil {
				return r, err
			}
			r.named = append(r.named, b)
		}
		var err error
		r.places, err = s.jr.readPlaces(ctx)
		return r, err
	}, func(r read, err error) {
		if err != nil {
			s.notice(s.recordError(err))
			return
		}
		s.ws.workshopForm(w, r.places)
		s.Workshop.named.picked = r.named
		s.Workshop.named.redraw()
	})
}

func (s *workshopsView) workshopForm(base journal.Workshop, places []string) {
	tr := s.Tr
	f := &workshopForm{ages: map[journal.AgeBand]*widget.Entry{}, statuses: map[journal.SocialStatus]*widget.Entry{}, base: base}
	f.title = widget.NewEntry()
	f.date = widget.NewEntry()
	f.date.SetText(s.Now().Format("02/01/2006"))
	f.start = widget.NewEntry()
	f.start.SetText("14:00")
	var durs []string
	for _, m := range journal.DurationPresets() {
		durs = append(durs, journal.DurationLabel(m))
	}
	durs = append(durs, tr.T("journal.form.custom"))
	f.custom = widget.NewEntry()
	f.custom.SetPlaceHolder(tr.T("journal.form.minutes"))
	f.custom.Hide()
	f.duration = widget.NewSelect(durs, func(v string) {
		f.custom.Hidden = v != tr.T("journal.form.custom")
		f.custom.Refresh()
	})
	f.duration.SetSelected(journal.DurationLabel(120))
	f.procedure = widget.NewEntry()
	f.procedure.SetPlaceHolder(tr.T("journal.form.procedure"))
	f.weeks = widget.NewEntry()
	f.weeks.SetText("1")
	lv, _ := labels(journal.Levels())
	f.level = widget.NewRadioGroup(lv, nil)
	f.level.Horizontal = true
	dig, _ := labels(journal.DigitalThemes())
	adm, _ := labels(journal.AdminThemes())
	f.themes = widget.NewCheckGroup(dig, nil)
	f.admin = widget.NewCheckGroup(adm, nil)
	f.placeName = widget.NewSelectEntry(places)
	if len(places) > 0 {
		f.placeName.SetText(places[0])
	}
	num := func() *widget.Entry { e := widget.NewEntry(); e.SetPlaceHolder("0"); return e }
	f.total, f.already, f.men, f.women = num(), num(), num(), num()
	ageGrid := container.NewGridWithColumns(4)
	for _, a := range journal.AgeBands() {
		if a == journal.AgeNonCommunique {
			continue
		}
		f.ages[a] = num()
		ageGrid.Add(container.NewVBox(widget.NewLabel(a.Label()), f.ages[a]))
	}
	stGrid := container.NewGridWithColumns(4)
	for _, st := range journal.SocialStatuses() {
		if st == journal.StatusNonCommunique {
			continue
		}
		f.statuses[st] = num()
		stGrid.Add(container.NewVBox(widget.NewLabel(st.Label()), f.statuses[st]))
	}
	f.named = s.bn.newBeneficiaryPicker()
	f.errors = widget.NewLabel("")
	f.errors.Wrapping = fyne.TextWrapWord
	f.errors.Importance = widget.DangerImportance
	bold := func(id string) *widget.Label {
		return widget.NewLabelWithStyle(tr.T(id), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	save := widget.NewButtonWithIcon(tr.T("journal.form.save"), theme.DocumentSaveIcon(), s.act(func() { s.ws.saveWorkshop(f) }))
	save.Importance = widget.HighImportance
	s.WorkshopSave = save
	s.Workshop = f
	cancel := widget.NewButtonWithIcon(tr.T("journal.form.cancel"), theme.CancelIcon(), s.act(s.showHome))
	sessions := container.NewGridWithColumns(4,
		container.NewVBox(bold("journal.form.date"), f.date),
		container.NewVBox(bold("workshop.start"), f.start),
		container.NewVBox(bold("journal.form.duration"), f.duration, f.custom),
		container.NewVBox(bold("workshop.weeks"), f.weeks))
	title := "workshop.new"
	if base.ID != 0 { // its sessions are changed on its page
		sessions.Hide()
		title = "workshop.edit"
		f.fill(base)
		cancel.OnTapped = s.act(func() { s.ws.openWorkshop(base.ID) })
	}
	body := container.NewVBox(
		bold(title),
		bold("workshop.title"), f.title,
		bold("workshop.level"), f.level,
		bold("journal.form.themes"), container.NewGridWithColumns(3, f.themes),
		bold("journal.form.admin"), container.NewGridWithColumns(2, f.admin), f.procedure,
		bold("journal.form.place"), f.placeName,
		sessions,
		widget.NewSeparator(),
		bold("workshop.named"), f.named.content(),
		bold("workshop.anonymous.title"),
		container.NewGridWithColumns(4,
			container.NewVBox(widget.NewLabel(tr.T("workshop.anonymous.total")), f.total),
			container.NewVBox(widget.NewLabel(tr.T("journal.form.already")), f.already),
			container.NewVBox(widget.NewLabel(journal.GenderFeminin.Label()), f.women),
			container.NewVBox(widget.NewLabel(journal.GenderMasculin.Label()), f.men)),
		widget.NewLabel(tr.T("journal.form.person.age")), ageGrid,
		widget.NewLabel(tr.T("journal.form.person.status")), stGrid,
		widget.NewLabel(tr.T("workshop.anonymous.hint")),
		f.errors,
	)
	s.paused = true // a page is open: the Now tab waits
	s.setContent(container.NewBorder(nil, container.NewHBox(save, cancel), nil, nil, container.NewVScroll(body)))
}

// saveWorkshop reads the form, validates and stores the workshop.
func (s *workshopsView) saveWorkshop(f *workshopForm) {
	var msgs []string
	bad := func(id string) { msgs = append(msgs, s.Tr.T(id)) }
	atoi := func(e *widget.Entry) int { return count(e, bad) }
	w := f.base // an edit keeps id, sessions, stamps
	w.Title = strings.TrimSpace(f.title.Text)
	w.Place = journal.Place{Type: journal.PlaceLieuActivite, Name: strings.TrimSpace(f.placeName.Text)}
	w.Themes, w.AdminThemes, w.Procedure = nil, nil, ""
	if s.user != nil && w.MediatorID == 0 {
		w.MediatorID = s.user.ID
	}
	_, lv := labels(journal.Levels())
	w.Level, _ = lv(f.level.Selected)
	_, th := labels(journal.Themes())
	for _, l := range f.themes.Selected {
		if t, ok := th(l); ok {
			w.Themes = append(w.Themes, t)
		}
	}
	if w.HasAdminTheme() {
		for _, l := range f.admin.Selected {
			if t, ok := th(l); ok {
				w.AdminThemes = append(w.AdminThemes, t)
			}
		}
		w.Procedure = strings.TrimSpace(f.procedure.Text)
	}
	if f.base.ID != 0 {
		s.ws.finishWorkshop(f, w, msgs)
		return
	}
	first := journal.Session{}
	if d, err := parseDay(f.date.Text); err == nil {
		first.Date = d
	} else {
		bad("journal.form.bad_date")
	}
	var h, m int
	if _, err := fmt.Sscanf(strings.TrimSpace(f.start.Text), "%d:%d", &h, &m); err == nil {
		first.Start = journal.TimeOfDay{Hour: h, Minute: m}
	} else {
		bad("workshop.invalid.start")
	}
	for _, p := range journal.DurationPresets() {
		if f.duration.Selected == journal.DurationLabel(p) {
			first.DurationMinutes = p
		}
	}
	if !f.custom.Hidden {
		first.DurationMinutes = atoi(f.custom)
	}
	weeks := atoi(f.weeks)
	if weeks < 1 || weeks > 52 {
		bad("workshop.invalid.weeks")
		weeks = 1
	}
	w.Sessions = journal.WeeklySeries(first, weeks)
	s.ws.finishWorkshop(f, w, msgs)
}

// finishWorkshop adds the participants, checks and stores the workshop
// off the UI goroutine, then shows its page.
func (s *workshopsView) finishWorkshop(f *workshopForm, w journal.Workshop, msgs []string) {
	bad := func(id string) { msgs = append(msgs, s.Tr.T(id)) }
	atoi := func(e *widget.Entry) int { return count(e, bad) }
	w.Participants = f.named.ids()
	w.Anonymous = journal.AnonymousCounts{Total: atoi(f.total), AlreadyAccompanied: atoi(f.already),
		Genders:  map[journal.Gender]int{journal.GenderFeminin: atoi(f.women), journal.GenderMasculin: atoi(f.men)},
		AgeBands: map[journal.AgeBand]int{}, Statuses: map[journal.SocialStatus]int{}}
	for a, e := range f.ages {
		w.Anonymous.AgeBands[a] = atoi(e)
	}
	for st, e := range f.statuses {
		w.Anonymous.Statuses[st] = atoi(e)
	}
	if len(msgs) == 0 {
		if err := w.Validate(); err != nil {
			for _, p := range journal.Problems(err) {
				msgs = append(msgs, s.Tr.T(p.MessageID()))
			}
		}
	}
	if len(msgs) == 0 {
		if err := w.CheckSessionDates(f.base, journal.DateOf(s.Now())); err != nil {
			for _, p := range journal.Problems(err) {
				msgs = append(msgs, s.Tr.T(p.MessageID()))
			}
		}
	}
	if len(msgs) > 0 {
		f.errors.SetText("• " + strings.Join(msgs, "\n• "))
		return
	}
	s.WorkshopSave.Disable()
	background(s.Space, func(ctx context.Context) (journal.Workshop, error) {
		return s.Journal.SaveWorkshop(ctx, w)
	}, func(saved journal.Workshop, err error) {
		s.WorkshopSave.Enable()
		if err != nil {
			f.errors.SetText("• " + s.ws.workshopError(err))
			return
		}
		s.ws.showWorkshop(saved)
		s.notice(s.Tr.T("workshop.saved"))
	})
}

// fill puts a stored workshop's fields in the form.
func (f *workshopForm) fill(w journal.Workshop) {
	f.title.SetText(w.Title)
	if w.Level != "" {
		f.level.SetSelected(w.Level.Label())
	}
	var th, ad []string
	for _, t := range w.Themes {
		th = append(th, t.Label())
	}
	for _, t := range w.AdminThemes {
		ad = append(ad, t.Label())
	}
	f.themes.SetSelected(th)
	f.admin.SetSelected(ad)
	f.procedure.SetText(w.Procedure)
	f.placeName.SetText(w.Place.Name)
	n := func(e *widget.Entry, v int) {
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
func count(e *widget.Entry, bad func(id string)) int {
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
