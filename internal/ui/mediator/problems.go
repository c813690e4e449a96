// Package mediator provides the mediator space: login and the first
// coordinator account, the inactivity lock, the current kiosk visit and
// the help queue, and the list of guide files that could not be loaded.
package mediator

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/guide"
	"pasapas/internal/locale"
)

// Message returns a guide problem in the mediator's language, as
// `pasapasctl guides check` prints it: "file:line: level: message", the
// file's name escaped (a hostile name cannot write on the screen).
func Message(tr *locale.Tr, p guide.Problem) string { return p.Format(tr) }

// ProblemsContent lists the guides loaded and every problem found, errors
// first.
func ProblemsContent(tr *locale.Tr, loaded int, problems []guide.Problem) fyne.CanvasObject {
	list := container.NewVBox()
	errs, warns := 0, 0
	for _, level := range []guide.Level{guide.Error, guide.Warning} {
		for _, p := range problems {
			if p.Level != level {
				continue
			}
			icon := widget.NewIcon(theme.WarningIcon())
			if level == guide.Error {
				icon = widget.NewIcon(theme.ErrorIcon())
				errs++
			} else {
				warns++
			}
			l := widget.NewLabel(Message(tr, p))
			l.Wrapping = fyne.TextWrapWord
			list.Add(container.NewBorder(nil, nil, container.NewVBox(icon), nil, l))
		}
	}
	summary := widget.NewLabel(tr.T("mediator.guides.summary", "Loaded", loaded, "Errors", errs, "Warnings", warns))
	summary.Wrapping = fyne.TextWrapWord
	if len(problems) == 0 {
		list.Add(widget.NewLabel(tr.T("mediator.guides.none")))
	}
	title := widget.NewLabelWithStyle(tr.T("mediator.guides.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVScroll(container.NewVBox(title, summary, widget.NewSeparator(), list))
}

// AddGuides takes the library with the centre's own guides, read after the
// start, and their problems (shown in the Guides tab).
func (s *Space) AddGuides(lib *guide.Library, ps []guide.Problem) {
	if lib != nil {
		s.Library = lib
	}
	s.Problems = append(s.Problems, ps...)
}
