package mediator

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// choice is a drop-down list whose entries are values of T: the widget
// shows their labels and the form reads the value by its position, never
// by matching a label back.
type choice[T comparable] struct {
	*widget.Select
	values []T
}

func newChoice[T comparable](values []T, label func(T) string, placeholder string, changed func()) *choice[T] {
	labels := make([]string, len(values))
	for i, v := range values {
		labels[i] = label(v)
	}
	c := &choice[T]{Select: widget.NewSelect(labels, nil), values: values}
	c.PlaceHolder = placeholder
	c.OnChanged = func(string) {
		if changed != nil {
			changed()
		}
	}
	return c
}

// Value returns the value chosen and whether there is one.
func (c *choice[T]) Value() (T, bool) {
	i := c.SelectedIndex()
	if i < 0 || i >= len(c.values) {
		var zero T
		return zero, false
	}
	return c.values[i], true
}

// Set chooses v; a value not offered clears the choice.
func (c *choice[T]) Set(v T) {
	for i, x := range c.values {
		if x == v {
			c.SetSelectedIndex(i)
			return
		}
	}
	c.ClearSelected()
}

// checkSet is one check box per value of T, laid in columns.
type checkSet[T comparable] struct {
	Box    *fyne.Container
	checks []*widget.Check
	values []T
}

func newCheckSet[T comparable](values []T, label func(T) string, columns int, changed func()) *checkSet[T] {
	c := &checkSet[T]{values: values}
	var objs []fyne.CanvasObject
	for _, v := range values {
		ch := widget.NewCheck(label(v), func(bool) {
			if changed != nil {
				changed()
			}
		})
		c.checks = append(c.checks, ch)
		objs = append(objs, ch)
	}
	c.Box = container.NewGridWithColumns(columns, objs...)
	return c
}

// Values returns the values ticked, in the list's order.
func (c *checkSet[T]) Values() []T {
	var out []T
	for i, ch := range c.checks {
		if ch.Checked {
			out = append(out, c.values[i])
		}
	}
	return out
}

// Has reports whether v is ticked.
func (c *checkSet[T]) Has(v T) bool {
	for i, x := range c.values {
		if x == v {
			return c.checks[i].Checked
		}
	}
	return false
}

// Set ticks exactly the values vs.
func (c *checkSet[T]) Set(vs []T) {
	for i, x := range c.values {
		on := false
		for _, v := range vs {
			on = on || v == x
		}
		c.checks[i].SetChecked(on)
	}
}

// Check returns the check box of v (for tests), or nil.
func (c *checkSet[T]) Check(v T) *widget.Check {
	for i, x := range c.values {
		if x == v {
			return c.checks[i]
		}
	}
	return nil
}

// labels returns the French labels of enum values, and a reverse lookup.
// Only the workshop and beneficiary forms still use it; new forms use
// choice and checkSet, which read values by position.
func labels[T interface{ Label() string }](values []T) ([]string, func(string) (T, bool)) {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = v.Label()
	}
	return out, func(l string) (T, bool) {
		for _, v := range values {
			if v.Label() == l {
				return v, true
			}
		}
		var zero T
		return zero, false
	}
}
