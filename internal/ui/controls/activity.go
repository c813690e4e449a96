package controls

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Activity is an invisible widget laid under a screen: it reports where the
// pointer is over the parts of the screen that have no button, so that the
// idle timer knows someone is there. It takes no taps.
type Activity struct {
	widget.BaseWidget
	on func(fyne.Position)
}

// NewActivity returns an activity catcher calling on with the pointer's
// absolute position for each movement.
func NewActivity(on func(fyne.Position)) *Activity {
	a := &Activity{on: on}
	a.ExtendBaseWidget(a)
	return a
}

// MouseIn reports the pointer's position.
func (a *Activity) MouseIn(e *desktop.MouseEvent) { a.on(e.AbsolutePosition) }

// MouseMoved reports the pointer's position.
func (a *Activity) MouseMoved(e *desktop.MouseEvent) { a.on(e.AbsolutePosition) }

// MouseOut does nothing.
func (a *Activity) MouseOut() {}

// CreateRenderer draws nothing.
func (a *Activity) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}
