// Package mediator provides the mediator's screens. For now: the list of
// guide files that could not be loaded, or that have warnings, so that a
// mediator who dropped a corrected guide in the data folder sees at once
// whether it was taken.
package mediator

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/guide"
	"pasapas/internal/locale"
	"pasapas/internal/ui/themes"
)

// Message returns a guide problem in the mediator's language:
// "file:line: message".
func Message(tr *locale.Tr, p guide.Problem) string {
	args := []any{}
	for k, v := range p.Args {
		args = append(args, k, v)
	}
	text := tr.T("guide.problem."+p.Code, args...)
	if text == "guide.problem."+p.Code { // no translation: the English detail
		text = p.Detail
	}
	where := p.File
	if p.Line > 0 {
		where = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s: %s", where, text)
}

// ProblemsScreen lists the guides loaded and every problem found, errors
// first. onBack returns to the kiosk.
func ProblemsScreen(tr *locale.Tr, loaded int, problems []guide.Problem, onBack func()) fyne.CanvasObject {
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
	back := widget.NewButtonWithIcon(tr.T("mediator.back"), theme.NavigateBackIcon(), onBack)
	title := widget.NewLabelWithStyle(tr.T("mediator.guides.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	page := container.NewBorder(nil, container.NewHBox(back), nil, nil,
		container.NewVScroll(container.NewVBox(title, summary, widget.NewSeparator(), list)))
	// The mediator reads at a desk: normal sizes, whatever the visitor chose.
	return container.NewThemeOverride(page, themes.New(1, false))
}
