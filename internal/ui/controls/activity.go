package controls

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Activity is an invisible widget laid under a screen: it reports pointer
// movement over the parts of the screen that have no button, so that the
// idle timer knows someone is there. It takes no taps.
type Activity struct {
	widget.BaseWidget
	on func()
}

// NewActivity returns an activity catcher calling on for each movement.
func NewActivity(on func()) *Activity {
	a := &Activity{on: on}
	a.ExtendBaseWidget(a)
	return a
}

// MouseIn reports activity.
func (a *Activity) MouseIn(*desktop.MouseEvent) { a.on() }

// MouseMoved reports activity.
func (a *Activity) MouseMoved(*desktop.MouseEvent) { a.on() }

// MouseOut does nothing.
func (a *Activity) MouseOut() {}

// CreateRenderer draws nothing.
func (a *Activity) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}
