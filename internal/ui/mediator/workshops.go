package mediator

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
		s.themed(list)
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
