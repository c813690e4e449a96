package controls

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Lines is a multi-line entry that Tab leaves, like every other field: a
// plain multi-line entry of Fyne keeps Tab as text, and a keyboard user is
// trapped in it.
type Lines struct {
	widget.Entry
}

// NewLines returns an empty multi-line entry showing rows lines.
func NewLines(rows int) *Lines {
	e := &Lines{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(rows)
	return e
}

// AcceptsTab says Tab moves to the next field.
func (e *Lines) AcceptsTab() bool { return false }
