package mediator

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/failure"
	"pasapas/internal/guide"
	"pasapas/internal/journal"
	"pasapas/internal/report"
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

// statsContent lays out totals and every breakdown as labelled bars.
func (s *statsView) statsContent(st report.Stats) fyne.CanvasObject {
	tr := s.Tr
	t := st.Totals
	box := container.NewVBox()
	heading := func(id string) {
		box.Add(widget.NewLabelWithStyle(tr.T(id), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	box.Add(widget.NewLabelWithStyle(s.st.periodLabel(s.Period), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if st.Empty() {
		empty := widget.NewLabel(tr.T("stats.empty"))
		empty.Wrapping = fyne.TextWrapWord
		box.Add(empty)
		return box
	}
	heading("stats.totals")
	box.Add(container.NewGridWithColumns(4,
		figureText(tr.T("stats.hours"), hours(t.Minutes())),
		figureText(tr.T("stats.hours.individual"), hours(t.IndividualMinutes)),
		figureText(tr.T("stats.hours.sessions"), hours(t.SessionMinutes)),
		figure(tr.T("stats.accompaniments"), t.Accompaniments),
		figure(tr.T("stats.individual"), t.Individual),
		figure(tr.T("stats.collective"), t.Collective),
		figure(tr.T("stats.people"), t.People),
		figure(tr.T("stats.new"), t.New),
		figure(tr.T("stats.already"), t.AlreadyAccompanied),
		figure(tr.T("stats.participants"), t.WorkshopParticipants),
		figureText(tr.T("stats.attendance"), percent(t.Attendance.Rate(), t.Attendance.Marked())),
		figure(tr.T("stats.visits"), t.Visits),
		figureText(tr.T("stats.help_rate"), percent(st.Kiosk.HelpRate(), st.Kiosk.Visits)),
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
		box.Add(bars(b.b))
	}
	heading("stats.by.month")
	box.Add(s.st.monthBars(st.Months))
	heading("stats.kiosk.stops")
	if len(st.Kiosk.Stops) == 0 {
		box.Add(widget.NewLabel(tr.T("stats.none")))
	}
	for _, g := range st.Kiosk.Stops {
		if g.Stopped == 0 {
			continue
		}
		box.Add(widget.NewLabel(tr.T("stats.kiosk.stop", "Guide", g.Label, "Step", g.Step, "Count", g.AtStep, "Stopped", g.Stopped, "Visits", g.Visits)))
	}
	if len(st.Kiosk.ByKiosk) > 0 { // a station: the kiosks of its room
		heading("stats.kiosk.bykiosk")
		box.Add(s.st.kioskFigures(st.Kiosk))
	}
	return box
}

// kioskFigures draws a station's visits per PC of the room: a bar each,
// then each one's help requests.
func (s *statsView) kioskFigures(k report.Kiosk) fyne.CanvasObject {
	b := k.VisitsByKiosk()
	lines := container.NewVBox()
	for i, f := range k.ByKiosk {
		name := f.Label
		if f.MessageID != "" {
			name = s.Tr.T(f.MessageID)
		}
		b.Counts[i].Label = name
		line := widget.NewLabel(s.Tr.T("stats.kiosk.line", "Kiosk", name, "Visits", f.Visits, "Done", f.Done,
			"Help", f.HelpVisits, "Rate", percent(f.HelpRate(), f.Visits), "Requests", f.HelpRequests))
		line.Wrapping = fyne.TextWrapWord
		lines.Add(line)
	}
	return container.NewVBox(bars(b), lines)
}

func figure(label string, n int) fyne.CanvasObject { return figureText(label, fmt.Sprint(n)) }

func figureText(label, value string) fyne.CanvasObject {
	v := widget.NewLabelWithStyle(value, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.SizeName = theme.SizeNameHeadingText
	l := widget.NewLabel(label)
	l.Wrapping = fyne.TextWrapWord
	return container.NewVBox(v, l)
}

func percent(rate float64, of int) string {
	if of == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f %%", rate*100)
}

// bars draws a breakdown as horizontal bars, each with its label and value.
func bars(b report.Breakdown) fyne.CanvasObject {
	box := container.NewVBox()
	maxv := b.Max()
	if len(b.Counts) == 0 || maxv == 0 {
		return widget.NewLabel("—")
	}
	for _, c := range b.Counts {
		label := widget.NewLabel(guide.Plain(c.Label))
		label.Truncation = fyne.TextTruncateEllipsis
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(max(2, 420*float32(c.Value)/float32(maxv)), 18))
		value := widget.NewLabel(fmt.Sprintf("%d (%.0f %%)", c.Value, b.Share(c)*100))
		box.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(320, 36), label), nil,
			container.NewHBox(container.NewCenter(bar), value)))
	}
	return box
}

// hours writes minutes as hours with one decimal at most: "12", "1,5".
func hours(minutes int) string {
	h := report.Hours(minutes)
	if h == float64(int(h)) {
		return fmt.Sprintf("%d h", int(h))
	}
	return strings.Replace(fmt.Sprintf("%.1f h", h), ".", ",", 1)
}

// monthBars draws the month-by-month table as one bar per month
// (accompaniments), with people and hours beside it.
func (s *statsView) monthBars(months []report.Month) fyne.CanvasObject {
	b := report.Breakdown{}
	table := container.NewVBox()
	for _, m := range months {
		name := monthName(m.From)
		b.Counts = append(b.Counts, report.Count{Label: name, Value: m.Accompaniments})
		b.Total += m.Accompaniments
		table.Add(widget.NewLabel(s.Tr.T("stats.month.line", "Month", name, "Accompaniments", m.Accompaniments,
			"People", m.People, "Hours", hours(m.Minutes()))))
	}
	return container.NewVBox(bars(b), table)
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
