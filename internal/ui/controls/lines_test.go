package controls

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Tab leaves the field for the next one instead of typing a tab.
func TestLines_TabMovesOn(t *testing.T) {
	lines, next := NewLines(3), widget.NewEntry()
	w := test.NewWindow(container.NewVBox(lines, next))
	defer w.Close()
	w.Canvas().Focus(lines)
	test.Type(lines, "Espace numérique")
	w.Canvas().(test.WindowlessCanvas).FocusNext()
	test.Type(w.Canvas().Focused().(fyne.Focusable).(*widget.Entry), "Lyon")
	if lines.Text != "Espace numérique" || next.Text != "Lyon" || !lines.MultiLine {
		t.Fatalf("lines %q, next %q", lines.Text, next.Text)
	}
	// The window gives Tab to a field only if it accepts it (as a plain
	// multi-line entry does), else moves the focus on.
	var plain, ours fyne.Tabbable = widget.NewMultiLineEntry(), lines
	if !plain.AcceptsTab() || ours.AcceptsTab() {
		t.Fatalf("AcceptsTab: Fyne's multi-line entry %v, Lines %v; want true, false", plain.AcceptsTab(), ours.AcceptsTab())
	}
}
