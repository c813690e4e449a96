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
func (s *Space) workshopsTab() fyne.CanvasObject {
	add := widget.NewButtonWithIcon(s.Tr.T("workshop.new"), theme.ContentAddIcon(), s.act(func() { s.openWorkshopForm() }))
	add.Importance = widget.HighImportance
	list := container.NewVBox()
	ctx := context.Background()
	today := journal.DateOf(s.Now())
	for _, part := range []struct {
		title string
		load  func(context.Context, journal.Date) ([]journal.Workshop, error)
	}{{"workshop.upcoming", s.Journal.UpcomingWorkshops}, {"workshop.past", s.Journal.PastWorkshops}} {
		list.Add(widget.NewLabelWithStyle(s.Tr.T(part.title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		ws, err := part.load(ctx, today)
		if err != nil {
			list.Add(widget.NewLabel(s.errorText(err)))
			continue
		}
		if len(ws) == 0 {
			list.Add(widget.NewLabel(s.Tr.T("workshop.none")))
		}
		for _, w := range ws {
			text := s.Tr.T("workshop.line", "Title", w.Title, "First", dayText(w.FirstDate()), "Last", dayText(w.LastDate()),
				"Sessions", len(w.Sessions), "People", len(w.Participants)+w.Anonymous.Total)
			label := widget.NewLabel(text)
			label.Wrapping = fyne.TextWrapWord
			open := widget.NewButtonWithIcon(s.Tr.T("workshop.open"), theme.FolderOpenIcon(), s.act(func() { s.openWorkshop(w.ID) }))
			list.Add(container.NewBorder(nil, nil, nil, open, label))
		}
	}
	return container.NewBorder(container.NewHBox(add), nil, nil, nil, container.NewVScroll(list))
}

func dayText(d journal.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.In(time.Local).Format("02/01/2006")
}

// openWorkshop shows a workshop's sessions, each with its attendance.
func (s *Space) openWorkshop(id int64) {
	w, err := s.Journal.Workshop(context.Background(), id)
	if err != nil {
		s.notice(s.errorText(err))
		return
	}
	box := container.NewVBox(widget.NewLabelWithStyle(w.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for i, sess := range w.Sessions {
		n := i + 1
		text := s.Tr.T("workshop.session", "N", n, "Date", dayText(sess.Date), "Start", sess.Start.String(),
			"Duration", journal.DurationLabel(sess.DurationMinutes))
		sessID := sess.ID
		att := widget.NewButtonWithIcon(s.Tr.T("workshop.attendance"), theme.CheckButtonCheckedIcon(),
			s.act(func() { s.openAttendance(w, sessID, n) }))
		sheet := widget.NewButtonWithIcon(s.Tr.T("workshop.sheet"), theme.DocumentPrintIcon(), s.act(func() {
			path, err := s.writeSheet(w, n)
			if err != nil {
				s.notice(s.Tr.T("export.failed", "Reason", s.errorText(err)))
				return
			}
			s.notice(s.Tr.T("export.done", "Path", path))
		}))
		if _, ok := s.Exports.(export.SheetSource); !ok {
			sheet.Hide()
		}
		box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(sheet, att), widget.NewLabel(text)))
	}
	back := widget.NewButtonWithIcon(s.Tr.T("journal.form.cancel"), theme.NavigateBackIcon(), s.act(s.showHome))
	s.paused = true // a page is open: the Now tab waits
	s.setContent(container.NewBorder(nil, container.NewHBox(back), nil, nil, container.NewVScroll(box)))
}

// writeSheet writes the A4 sign-in sheet of session n of w as a PDF in the
// export folder and returns its path.
func (s *Space) writeSheet(w journal.Workshop, n int) (string, error) {
	src, ok := s.Exports.(export.SheetSource)
	if !ok {
		return "", fmt.Errorf("no sheet source")
	}
	ctx := context.Background()
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

// openAttendance shows present / absent / excused for every participant of
// one session.
func (s *Space) openAttendance(w journal.Workshop, sessionID int64, n int) {
	ctx := context.Background()
	marks, err := s.Journal.WorkshopAttendance(ctx, w.ID)
	if err != nil {
		s.notice(s.errorText(err))
		return
	}
	current := map[journal.Participant]journal.Presence{}
	for _, m := range marks {
		if m.SessionID == sessionID {
			current[m.Participant] = m.Presence
		}
	}
	presLabels := []string{}
	for _, p := range journal.Presences() {
		presLabels = append(presLabels, s.Tr.T(p.MessageID()))
	}
	type row struct {
		p     journal.Participant
		radio *widget.RadioGroup
	}
	var rows []row
	box := container.NewVBox(widget.NewLabelWithStyle(s.Tr.T("workshop.attendance.title", "Title", w.Title, "N", n),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, p := range w.ParticipantList() {
		name := s.participantName(p)
		r := widget.NewRadioGroup(presLabels, func(string) { s.touch() })
		r.Horizontal = true
		if pr, ok := current[p]; ok {
			r.SetSelected(s.Tr.T(pr.MessageID()))
		}
		rows = append(rows, row{p, r})
		box.Add(container.NewBorder(nil, nil, widget.NewLabel(name), nil, r))
	}
	s.Attendance = nil
	for _, r := range rows {
		s.Attendance = append(s.Attendance, r.radio)
	}
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	save := widget.NewButtonWithIcon(s.Tr.T("journal.form.save"), theme.DocumentSaveIcon(), s.act(func() {
		var ms []journal.Mark
		for _, r := range rows {
			for _, p := range journal.Presences() {
				if r.radio.Selected == s.Tr.T(p.MessageID()) {
					ms = append(ms, journal.Mark{SessionID: sessionID, Participant: r.p, Presence: p})
				}
			}
		}
		if err := s.Journal.SetAttendance(ctx, sessionID, ms); err != nil {
			msg.SetText(s.errorText(err))
			return
		}
		s.openWorkshop(w.ID)
		s.notice(s.Tr.T("workshop.attendance.saved"))
	}))
	save.Importance = widget.HighImportance
	s.AttendanceSave = save
	back := widget.NewButtonWithIcon(s.Tr.T("journal.form.cancel"), theme.NavigateBackIcon(), s.act(func() { s.openWorkshop(w.ID) }))
	s.setContent(container.NewBorder(nil, container.NewVBox(msg, container.NewHBox(save, back)), nil, nil, container.NewVScroll(box)))
}

// participantName is the named beneficiary's name, or "anonyme N".
func (s *Space) participantName(p journal.Participant) string {
	if p.BeneficiaryID == 0 {
		return s.Tr.T("workshop.anonymous", "N", p.Anonymous)
	}
	b, err := s.Journal.Beneficiary(context.Background(), p.BeneficiaryID)
	if err != nil || b.IsErased() {
		return s.Tr.T("workshop.erased", "ID", p.BeneficiaryID)
	}
	return b.DisplayName()
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
}

func (s *Space) openWorkshopForm() {
	tr := s.Tr
	f := &workshopForm{ages: map[journal.AgeBand]*widget.Entry{}, statuses: map[journal.SocialStatus]*widget.Entry{}}
	f.title = widget.NewEntry()
	f.date = widget.NewEntry()
	f.date.SetText(s.Now().Format("02/01/2006"))
	f.start = widget.NewEntry()
	f.start.SetText("14:00")
	var durs []string
	for _, m := range journal.DurationPresets() {
		durs = append(durs, journal.DurationLabel(m))
	}
	f.duration = widget.NewSelect(durs, nil)
	f.duration.SetSelected(journal.DurationLabel(120))
	f.weeks = widget.NewEntry()
	f.weeks.SetText("1")
	lv, _ := labels(journal.Levels())
	f.level = widget.NewRadioGroup(lv, nil)
	f.level.Horizontal = true
	dig, _ := labels(journal.DigitalThemes())
	adm, _ := labels(journal.AdminThemes())
	f.themes = widget.NewCheckGroup(dig, nil)
	f.admin = widget.NewCheckGroup(adm, nil)
	f.placeName = widget.NewSelectEntry(s.places())
	if ps := s.places(); len(ps) > 0 {
		f.placeName.SetText(ps[0])
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
	f.named = s.newBeneficiaryPicker()
	f.errors = widget.NewLabel("")
	f.errors.Wrapping = fyne.TextWrapWord
	f.errors.Importance = widget.DangerImportance
	bold := func(id string) *widget.Label {
		return widget.NewLabelWithStyle(tr.T(id), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	save := widget.NewButtonWithIcon(tr.T("journal.form.save"), theme.DocumentSaveIcon(), s.act(func() { s.saveWorkshop(f) }))
	save.Importance = widget.HighImportance
	s.WorkshopSave = save
	s.Workshop = f
	cancel := widget.NewButtonWithIcon(tr.T("journal.form.cancel"), theme.CancelIcon(), s.act(s.showHome))
	body := container.NewVBox(
		bold("workshop.new"),
		bold("workshop.title"), f.title,
		bold("workshop.level"), f.level,
		bold("journal.form.themes"), container.NewGridWithColumns(3, f.themes),
		bold("journal.form.admin"), container.NewGridWithColumns(2, f.admin),
		bold("journal.form.place"), f.placeName,
		container.NewGridWithColumns(4,
			container.NewVBox(bold("journal.form.date"), f.date),
			container.NewVBox(bold("workshop.start"), f.start),
			container.NewVBox(bold("journal.form.duration"), f.duration),
			container.NewVBox(bold("workshop.weeks"), f.weeks)),
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
func (s *Space) saveWorkshop(f *workshopForm) {
	var msgs []string
	bad := func(id string) { msgs = append(msgs, s.Tr.T(id)) }
	atoi := func(e *widget.Entry) int {
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
	w := journal.Workshop{Title: strings.TrimSpace(f.title.Text), Place: journal.Place{Type: journal.PlaceLieuActivite, Name: strings.TrimSpace(f.placeName.Text)}}
	if s.user != nil {
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
	weeks := atoi(f.weeks)
	if weeks < 1 || weeks > 52 {
		bad("workshop.invalid.weeks")
		weeks = 1
	}
	w.Sessions = journal.WeeklySeries(first, weeks)
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
		saved, err := s.Journal.SaveWorkshop(context.Background(), w)
		if err != nil {
			msgs = append(msgs, s.errorText(err))
		} else {
			s.openWorkshop(saved.ID)
			s.notice(s.Tr.T("workshop.saved"))
			return
		}
	}
	f.errors.SetText("• " + strings.Join(msgs, "\n• "))
}
