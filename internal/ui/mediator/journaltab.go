package mediator

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/guide"
	"pasapas/internal/journal"
	"pasapas/internal/visit"
)

// readVisits reads today's kiosk visits and which were logged already; it
// runs off the UI goroutine.
func (s *nowView) readVisits(ctx context.Context) ([]visit.Visit, map[string]bool, error) {
	now := s.Now()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	visits, err := s.Visits(ctx, day, day.AddDate(0, 0, 1))
	if err != nil {
		return nil, nil, err
	}
	logged := map[string]bool{}
	if s.Journal != nil {
		today := journal.DateOf(now)
		accs, err := s.Journal.Accompaniments(ctx, today.AddDays(-1), today.AddDays(1))
		if err != nil {
			return visits, logged, err
		}
		for _, a := range accs {
			logged[a.VisitKey] = true
		}
	}
	return visits, logged, nil
}

// visitsBox lists today's kiosk visits, each with a one-tap "log the
// accompaniment" that opens the form pre-filled from the visit.
func (s *nowView) visitsBox(d nowData) fyne.CanvasObject {
	title := "mediator.visits.title"
	r := s.now.room()
	if r != nil { // a station has no kiosk of its own: these are the room's
		title = "mediator.visits.title.room"
	}
	box := container.NewVBox(widget.NewLabelWithStyle(s.Tr.T(title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if d.err != nil {
		box.Add(widget.NewLabel(s.errorText(d.err)))
		return box
	}
	visits, logged := d.visits, d.logged
	if len(visits) == 0 {
		box.Add(widget.NewLabel(s.Tr.T("mediator.visits.none")))
	}
	for i := len(visits) - 1; i >= 0; i-- { // most recent first
		v := visits[i]
		title := s.Tr.T("mediator.visits.noguide")
		if v.GuideID != "" {
			title = s.guideTitle(v.GuideID)
		}
		outcome := "going_on"
		if v.Outcome != "" {
			outcome = string(v.Outcome)
		}
		line := s.Tr.T("mediator.visits.line", "Time", v.Started.Local().Format("15:04"), "Guide", title,
			"Outcome", s.Tr.T("visit.outcome."+outcome))
		if r != nil {
			if name, _ := r.kioskOf(v.Key); name != "" {
				line = name + " — " + line
			}
		}
		label := widget.NewLabel(line)
		label.Wrapping = fyne.TextWrapWord
		var action fyne.CanvasObject
		switch {
		case logged[v.Key]:
			action = widget.NewLabel(s.Tr.T("mediator.visits.logged"))
		case v.GuideID != "" && s.Journal != nil:
			b := widget.NewButtonWithIcon(s.Tr.T("mediator.visits.log"), theme.DocumentCreateIcon(), s.act(func() { s.now.logVisit(v) }))
			b.Importance = widget.HighImportance
			action = b
		}
		if action == nil {
			box.Add(label)
			continue
		}
		box.Add(container.NewBorder(nil, nil, nil, action, label))
	}
	return box
}

// logVisit opens the accompaniment form pre-filled from a kiosk visit:
// theme, procedure, duration, date, place.
func (s *nowView) logVisit(v visit.Visit) {
	g := s.Library.ByID(v.GuideID)
	if g == nil {
		return
	}
	cat, _ := guide.CategoryByID(g.Category)
	a := journal.FromVisit(v, cat, guide.Plain(g.In(guide.Reference).Title))
	s.jr.openForm(a, s.Tr.T("journal.form.from_visit"))
}

// openForm shows the accompaniment form over the tabs, once the centre's
// places are read (off the UI goroutine).
func (s *journalView) openForm(a journal.Accompaniment, title string) {
	background(s.Space, func(ctx context.Context) ([]string, error) {
		return s.jr.readPlaces(ctx)
	}, func(places []string, err error) {
		if err != nil {
			s.Log.Error("load settings", "err", err)
		}
		var f *accForm
		f = s.jr.newAccForm(a, places, func(saved bool) {
			s.Form = nil
			done := s.afterForm
			s.afterForm = ""
			s.showHome()
			if saved {
				if done == "" {
					done = "journal.saved"
				}
				s.notice(s.Tr.T(done))
			}
		})
		s.Form = f
		s.paused = true
		s.setContent(f.content(title))
	})
}

// readPlaces returns the centre's activity places from the settings; with
// none set, the centre's name stands for its one place.
func (s *journalView) readPlaces(ctx context.Context) ([]string, error) {
	if s.Settings == nil {
		return nil, nil
	}
	st, err := s.Settings.LoadSettings(ctx)
	if err != nil {
		return nil, err
	}
	if len(st.Places) == 0 && st.CentreName != "" {
		return []string{st.CentreName}, nil
	}
	return st.Places, nil
}

// journalTab lists recent accompaniments with Duplicate and Edit, and a
// button for a new one.
func (s *journalView) journalTab() fyne.CanvasObject {
	newButton := widget.NewButtonWithIcon(s.Tr.T("journal.form.new"), theme.ContentAddIcon(), s.act(func() {
		today := journal.DateOf(s.Now())
		s.jr.openForm(journal.NewAccompaniment(today, s.user.ID), s.Tr.T("journal.form.new"))
	}))
	newButton.Importance = widget.HighImportance
	holder := container.NewStack(widget.NewLabel(s.Tr.T("work.loading")))
	today := journal.DateOf(s.Now())
	background(s.Space, func(ctx context.Context) ([]journal.Accompaniment, error) {
		if s.Journal == nil {
			return nil, nil
		}
		return s.Journal.Accompaniments(ctx, today.AddDays(-30), today.AddDays(1))
	}, func(accs []journal.Accompaniment, err error) {
		holder.Objects = []fyne.CanvasObject{s.desk(s.jr.accompanimentList(accs, err))} // a list fills the space left
		holder.Refresh()
	})
	return container.NewBorder(container.NewVBox(container.NewHBox(newButton),
		widget.NewLabelWithStyle(s.Tr.T("journal.list.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		nil, nil, nil, holder)
}

// accompanimentList is a virtual list of accompaniments, most recent first,
// each with Duplicate and Edit: only the rows on screen are drawn, so a
// busy month stays instant.
func (s *journalView) accompanimentList(accs []journal.Accompaniment, err error) fyne.CanvasObject {
	if err != nil {
		return widget.NewLabel(s.errorText(err))
	}
	if len(accs) == 0 {
		return widget.NewLabel(s.Tr.T("journal.list.none"))
	}
	return widget.NewList(func() int { return len(accs) },
		func() fyne.CanvasObject {
			label := widget.NewLabel("")
			label.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, container.NewHBox(
				widget.NewButtonWithIcon(s.Tr.T("journal.list.duplicate"), theme.ContentCopyIcon(), nil),
				widget.NewButtonWithIcon(s.Tr.T("journal.list.edit"), theme.DocumentCreateIcon(), nil)), label)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			a := accs[len(accs)-1-i] // most recent first
			row := o.(*fyne.Container)
			text := fmt.Sprintf("%s — %s — %s", a.Date.In(time.Local).Format("02/01/2006"), journal.DurationLabel(a.DurationMinutes), themesText(a))
			if a.Procedure != "" {
				text += " — " + a.Procedure
			}
			row.Objects[0].(*widget.Label).SetText(text)
			buttons := row.Objects[1].(*fyne.Container).Objects
			buttons[0].(*widget.Button).OnTapped = s.act(func() {
				s.jr.openForm(a.Duplicate(journal.DateOf(s.Now())), s.Tr.T("journal.form.new"))
			})
			buttons[1].(*widget.Button).OnTapped = s.act(func() { s.jr.openForm(a, s.Tr.T("journal.form.edit")) })
		})
}

func themesText(a journal.Accompaniment) string {
	var out string
	for i, t := range append(append([]journal.Theme{}, a.Themes...), a.AdminThemes...) {
		if i > 0 {
			out += ", "
		}
		out += t.Label()
	}
	return out
}
