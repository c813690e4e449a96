package mediator

import (
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/journal"
	"pasapas/internal/locale"
)

// fieldErrors shows a form's problems where a mediator looks: each under
// its field, their number next to « Enregistrer », and the form's scroll
// brought to the first. The accompaniment and workshop forms share it.
type fieldErrors struct {
	tr      *locale.Tr
	errs    map[string]*widget.Label // a problem's field prefix → the label under that field
	summary *widget.Label            // next to « Enregistrer »
	scroll  *container.Scroll
	body    *fyne.Container
}

// fieldProblem is a problem's text and the field it belongs to ("" for
// the form as a whole).
type fieldProblem struct{ Field, Text string }

func newFieldErrors(tr *locale.Tr) *fieldErrors {
	e := &fieldErrors{tr: tr, errs: map[string]*widget.Label{}, summary: widget.NewLabel("")}
	e.summary.Importance = widget.DangerImportance
	e.summary.Wrapping = fyne.TextWrapWord
	e.errLabel("general")
	return e
}

// errLabel returns the (hidden) label that shows the problems of field.
func (e *fieldErrors) errLabel(field string) *widget.Label {
	if l, ok := e.errs[field]; ok {
		return l
	}
	l := fieldError()
	e.errs[field] = l
	return l
}

// scrolled wraps the form's body in the scroll that showProblems moves.
func (e *fieldErrors) scrolled(body *fyne.Container) *container.Scroll {
	e.body = body
	e.scroll = container.NewVScroll(body)
	return e.scroll
}

// problems words the domain's problems.
func (e *fieldErrors) problems(ps []journal.Problem) []fieldProblem {
	out := make([]fieldProblem, len(ps))
	for i, p := range ps {
		out[i] = fieldProblem{p.Field, e.tr.T(p.MessageID())}
	}
	return out
}

// showProblems puts each problem under its field, says how many next to
// « Enregistrer », and scrolls to the first.
func (e *fieldErrors) showProblems(ps []journal.Problem) { e.show(e.problems(ps)) }

func (e *fieldErrors) show(ps []fieldProblem) {
	for _, l := range e.errs {
		l.SetText("")
		l.Hide()
	}
	var first *widget.Label
	for _, p := range ps {
		l := e.labelFor(p.Field)
		text := p.Text
		if l.Text != "" {
			text = l.Text + "\n" + text
		}
		l.SetText(text)
		l.Show()
		if first == nil || l.Position().Y < first.Position().Y {
			first = l
		}
	}
	e.summary.SetText("")
	if len(ps) > 0 {
		e.summary.SetText(e.tr.N("journal.form.problems", len(ps)))
	}
	if e.body != nil {
		e.body.Refresh()
	}
	if first != nil && e.scroll != nil {
		e.scroll.Offset = fyne.NewPos(0, max(0, first.Position().Y-80))
		e.scroll.Refresh()
	}
}

// showGeneral shows a problem that belongs to no field (storage, conflict).
func (e *fieldErrors) showGeneral(text string) {
	e.show(nil)
	l := e.errs["general"]
	l.SetText(text)
	l.Show()
	e.summary.SetText(text)
}

var index = regexp.MustCompile(`\[\d+\]$`)

// labelFor finds the label of a problem's field: "place.commune" goes
// under the place, "sessions[0].date" under the sessions.
func (e *fieldErrors) labelFor(field string) *widget.Label {
	for key := field; key != ""; {
		if l, ok := e.errs[key]; ok {
			return l
		}
		if loc := index.FindStringIndex(key); loc != nil {
			key = key[:loc[0]]
			continue
		}
		i := strings.LastIndex(key, ".")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return e.errs["general"]
}

// Errors returns the problems shown, one per line (for tests).
func (e *fieldErrors) Errors() string {
	var out []string
	for _, l := range e.errs {
		if !l.Hidden && l.Text != "" {
			out = append(out, l.Text)
		}
	}
	return strings.Join(out, "\n")
}
