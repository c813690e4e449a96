package mediator

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/ui/themes"
)

// statsTab shows the statistics of a period with bar charts: a preset
// (this month, last month, this quarter, this year) or any two dates.
func (s *statsView) statsTab() fyne.CanvasObject {
	tr := s.Tr
	var presets []string
	for _, p := range report.Presets() {
		presets = append(presets, tr.T(p.MessageID()))
	}
	custom := tr.T("stats.custom")
	choice := widget.NewSelect(append(presets, custom), nil)
	from, to := field(maxDate), field(maxDate)
	from.SetPlaceHolder("jj/mm/aaaa")
	to.SetPlaceHolder("jj/mm/aaaa")
	dates := container.NewGridWithColumns(2, from, to)
	dates.Hide()
	body := container.NewVBox()
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	show := func() {
		s.touch()
		msg.SetText("")
		p, err := s.st.chosenPeriod(choice.Selected, from.Text, to.Text)
		if err != nil {
			msg.SetText(tr.T("stats.bad_period"))
			return
		}
		// Figures of a year over years of data take a while: computed off
		// the UI goroutine, the kiosk never waits for them.
		body.Objects = []fyne.CanvasObject{widget.NewLabel(tr.T("work.loading"))}
		s.themed(body)
		background(s.Space, func(ctx context.Context) (report.Stats, error) {
			return s.st.computeStats(ctx, p)
		}, func(st report.Stats, err error) {
			if err != nil {
				body.Objects = nil
				s.themed(body)
				msg.SetText(s.errorText(err))
				return
			}
			s.Period, s.Stats = p, &st
			body.Objects = []fyne.CanvasObject{s.st.statsContent(st)}
			s.themed(body)
		})
	}
	choice.OnChanged = func(v string) {
		dates.Hidden = v != custom
		dates.Refresh()
		if v != custom {
			show()
		}
	}
	showButton := widget.NewButtonWithIcon(tr.T("stats.show"), theme.SearchIcon(), show)
	s.StatsShow = showButton
	s.StatsChoice, s.StatsFrom, s.StatsTo = choice, &from.Entry, &to.Entry
	top := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(tr.T("stats.period")), showButton, choice), dates, msg)
	if s.Exports != nil {
		s.Export = s.st.newExportPanel()
		top.Add(s.Export.content())
	}
	choice.SetSelected(presets[0])
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(body))
}

// chosenPeriod turns the period widgets into a report period.
func (s *statsView) chosenPeriod(choice, from, to string) (report.Period, error) {
	today := journal.DateOf(s.Now())
	for _, p := range report.Presets() {
		if s.Tr.T(p.MessageID()) == choice {
			return report.PresetPeriod(p, today)
		}
	}
	f, err := parseDay(from)
	if err != nil {
		return report.Period{}, err
	}
	t, err := parseDay(to)
	if err != nil {
		return report.Period{}, err
	}
	return report.Days(f, t)
}

func (s *statsView) computeStats(ctx context.Context, p report.Period) (report.Stats, error) {
	if s.Reports == nil {
		return report.Stats{}, failure.Errorf(failure.Internal, "statistics", "no report source")
	}
	return report.Compute(ctx, s.Reports, p, report.Options{
		Today: journal.DateOf(s.Now()), Location: time.Local,
		GuideTitle: func(id string) string { return s.guideTitle(id) },
	})
}

// statsContent lays out totals and every breakdown as labelled bars, in
// canvas objects only (see sheet).
func (s *statsView) statsContent(st report.Stats) fyne.CanvasObject {
	tr := s.Tr
	t := st.Totals
	sh := newSheet(themes.NewDeskWith(&s.look), s.st.textWidth())
	box := container.NewVBox()
	heading := func(id string) { box.Add(sh.line(tr.T(id), true)) }
	box.Add(sh.line(s.st.periodLabel(s.Period), true))
	if st.Empty() {
		for _, l := range sh.wrap(tr.T("stats.empty"), sh.textWidth) {
			box.Add(sh.line(l, false))
		}
		return box
	}
	heading("stats.totals")
	figure := func(id string, n int) fyne.CanvasObject { return sh.figure(tr.T(id), fmt.Sprint(n), figureWidth) }
	figureText := func(id, v string) fyne.CanvasObject { return sh.figure(tr.T(id), v, figureWidth) }
	box.Add(container.NewGridWrap(fyne.NewSize(figureWidth, sh.heading+3*sh.size+2*sh.pad),
		figureText("stats.hours", hours(t.Minutes())),
		figureText("stats.hours.individual", hours(t.IndividualMinutes)),
		figureText("stats.hours.sessions", hours(t.SessionMinutes)),
		figure("stats.accompaniments", t.Accompaniments),
		figure("stats.individual", t.Individual),
		figure("stats.collective", t.Collective),
		figure("stats.people", t.People),
		figure("stats.new", t.New),
		figure("stats.already", t.AlreadyAccompanied),
		figure("stats.participants", t.WorkshopParticipants),
		figureText("stats.attendance", percent(t.Attendance.Rate(), t.Attendance.Marked())),
		figure("stats.visits", t.Visits),
		figureText("stats.help_rate", percent(st.Kiosk.HelpRate(), st.Kiosk.Visits)),
	))
	for _, b := range []struct {
		id string
		b  report.Breakdown
	}{
		{"stats.by.theme", st.Themes}, {"stats.by.admin", st.AdminThemes}, {"stats.by.procedure", st.Procedures},
		{"stats.by.age", st.AgeBands}, {"stats.by.gender", st.Genders}, {"stats.by.status", st.Statuses},
		{"stats.by.commune", st.Communes.Top(10)}, {"stats.by.duration", st.Durations}, {"stats.by.place", st.PlaceTypes},
		{"stats.by.equipment", st.Equipment}, {"stats.by.tags", st.Tags}, {"stats.by.autonomy", st.Autonomy},
		{"stats.by.referral", st.Referrals},
		{"stats.kiosk.guides", st.Kiosk.Guides}, {"stats.kiosk.outcomes", st.Kiosk.Outcomes},
	} {
		heading(b.id)
		box.Add(sh.chart(b.b))
	}
	heading("stats.by.month")
	box.Add(s.st.monthBars(sh, st.Months))
	heading("stats.kiosk.stops")
	if len(st.Kiosk.Stops) == 0 {
		box.Add(sh.line(tr.T("stats.none"), false))
	}
	for _, g := range st.Kiosk.Stops {
		if g.Stopped == 0 {
			continue
		}
		text := tr.T("stats.kiosk.stop", "Guide", g.Label, "Step", g.Step, "Count", g.AtStep, "Stopped", g.Stopped, "Visits", g.Visits)
		for _, l := range sh.wrap(text, sh.textWidth) {
			box.Add(sh.line(l, false))
		}
	}
	if len(st.Kiosk.ByKiosk) > 0 { // a station: the kiosks of its room
		heading("stats.kiosk.bykiosk")
		box.Add(s.st.kioskFigures(sh, st.Kiosk))
	}
	return box
}

// The statistics' widths: the room for a line of text in the space's
// window of 1240 (less its margins and the scroll bar), the least it is
// given in a small window, and a figure of the totals (four a row at
// 1240).
const (
	statsWidth    = 1100
	statsMinWidth = 560
	statsMargins  = 140
	figureWidth   = 280
)

// textWidth is the width of the statistics' lines in the window as it
// is now: narrower on a small screen (FitScreen), never wider than the
// space's own window gives.
func (s *statsView) textWidth() float32 {
	if s.Window == nil {
		return statsWidth
	}
	return min(statsWidth, max(statsMinWidth, s.Window.Canvas().Size().Width-statsMargins))
}

// kioskFigures draws a station's visits per PC of the room: a bar each,
// then each one's help requests.
func (s *statsView) kioskFigures(sh *sheet, k report.Kiosk) fyne.CanvasObject {
	b := k.VisitsByKiosk()
	box := container.NewVBox()
	for i, f := range k.ByKiosk {
		name := f.Label
		if f.MessageID != "" {
			name = s.Tr.T(f.MessageID)
		}
		b.Counts[i].Label = name
		line := s.Tr.T("stats.kiosk.line", "Kiosk", name, "Visits", f.Visits, "Done", f.Done,
			"Help", f.HelpVisits, "Rate", percent(f.HelpRate(), f.Visits), "Requests", f.HelpRequests)
		for _, l := range sh.wrap(line, sh.textWidth) {
			box.Add(sh.line(l, false))
		}
	}
	return container.NewVBox(sh.chart(b), box)
}

func percent(rate float64, of int) string {
	if of == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f %%", rate*100)
}

// hours writes minutes as hours with one decimal at most: "12 h", "1,5 h".
func hours(minutes int) string { return hoursNumber(minutes) + " h" }

// hoursNumber is hours without the unit: "12", "1,5".
func hoursNumber(minutes int) string {
	h := report.Hours(minutes)
	if h == float64(int(h)) {
		return fmt.Sprintf("%d", int(h))
	}
	return strings.Replace(fmt.Sprintf("%.1f", h), ".", ",", 1)
}

// monthBars draws the month-by-month table as one bar per month
// (accompaniments), with people and hours beside it.
func (s *statsView) monthBars(sh *sheet, months []report.Month) fyne.CanvasObject {
	b := report.Breakdown{}
	table := container.NewVBox()
	for _, m := range months {
		name := monthName(m.From)
		b.Counts = append(b.Counts, report.Count{Label: name, Value: m.Accompaniments})
		b.Total += m.Accompaniments
		// The message says the unit: « 12 h ».
		table.Add(sh.line(s.Tr.T("stats.month.line", "Month", name, "Accompaniments", m.Accompaniments,
			"People", m.People, "Hours", hoursNumber(m.Minutes())), false))
	}
	return container.NewVBox(sh.chart(b), table)
}

// monthName names a month in French, for the month-by-month table.
func monthName(d journal.Date) string {
	names := [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"}
	if d.Month < 1 || d.Month > 12 {
		return fmt.Sprint(d.Year)
	}
	return fmt.Sprintf("%s %d", names[d.Month-1], d.Year)
}
