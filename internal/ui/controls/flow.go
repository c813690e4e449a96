package controls

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Flow lays objects in rows from the start of the reading direction, as
// many on a row as fit in width, the next ones on the rows below: a bar of
// buttons that wraps in a narrow guide column instead of widening it.
// An object wider than width has a row of its own.
func (d Dir) Flow(width float32, objs ...fyne.CanvasObject) *fyne.Container {
	gap := theme.Padding()
	rows := container.NewVBox()
	var row []fyne.CanvasObject
	var used float32
	for _, o := range objs {
		w := o.MinSize().Width
		if len(row) > 0 && used+gap+w > width {
			rows.Add(d.Row(row...))
			row, used = nil, 0
		}
		if len(row) > 0 {
			used += gap
		}
		row = append(row, o)
		used += w
	}
	if len(row) > 0 {
		rows.Add(d.Row(row...))
	}
	return rows
}

// Fits reports whether objects fit side by side in width.
func Fits(width float32, objs ...fyne.CanvasObject) bool {
	var used float32
	for i, o := range objs {
		if i > 0 {
			used += theme.Padding()
		}
		used += o.MinSize().Width
	}
	return used <= width
}
