package mediator

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/ui/controls"
	"pasapas/internal/ui/themes"
)

// page is the mediator window's frame around whatever page is shown: the
// desk theme (light, or the kiosk's high contrast when the centre asks),
// the page's background, and the notices that float over its corner.
type page struct {
	Window    fyne.Window
	Notice    *widget.Label
	noticeBox *fyne.Container
	noticeSeq int
	override  *container.ThemeOverride
	pageBg    *canvas.Rectangle // the page's light (or high-contrast) background
	look      themes.DeskLook   // the desk theme's palette, shared by every override of the space
	onTouch   func()            // any pointer activity on the page (the lock's timer)
	post      func(func())      // onto the UI goroutine
}

// setContent shows c as the page.
func (s *page) setContent(c fyne.CanvasObject) {
	if s.Notice == nil {
		s.Notice = widget.NewLabel("")
		s.Notice.Importance = widget.SuccessImportance
		s.Notice.Wrapping = fyne.TextWrapWord
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
		bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = theme.Color(theme.ColorNameSuccess), 2, 6
		closeNotice := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { s.noticeBox.Hide() })
		closeNotice.Importance = widget.LowImportance
		s.noticeBox = container.NewStack(bg, container.NewPadded(
			container.NewBorder(nil, nil, nil, closeNotice, container.NewGridWrap(fyne.NewSize(420, 60), s.Notice))))
	}
	s.noticeBox.Hide() // a new page: the last confirmation is gone
	// The notice floats over the page's bottom right corner: it never
	// pushes down what is under the mediator's pointer.
	overlay := container.NewVBox(layout.NewSpacer(), container.NewHBox(layout.NewSpacer(), s.noticeBox))
	// The mediator reads at a desk: normal sizes and colours, whatever the
	// visitor chose — and whatever the application's theme is (on the
	// mediator's station there is no kiosk to set it, and the window would
	// paint the system's dark background under dark text).
	desk := themes.NewDeskWith(&s.look)
	s.pageBg = canvas.NewRectangle(desk.Color(theme.ColorNameBackground, theme.VariantLight))
	s.override = container.NewThemeOverride(
		container.NewStack(s.pageBg, controls.NewActivity(func(fyne.Position) { s.onTouch() }), c, container.NewPadded(overlay)),
		desk)
	s.Window.SetContent(s.override)
}

// themed redraws a container whose objects were just replaced, giving
// them the desk theme. (A theme override applies to the objects it holds
// when it is made; refreshing the page's override would re-measure every
// text of every tab, seconds with a year of data.)
func (s *page) themed(c *fyne.Container) {
	objs := c.Objects
	c.Objects = []fyne.CanvasObject{s.desk(container.NewVBox(objs...))}
	c.Refresh()
}

// desk gives o the mediator space's theme.
func (s *page) desk(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewThemeOverride(o, themes.NewDeskWith(&s.look))
}

// notice shows a one-line confirmation above the tabs.
func (s *page) notice(text string) {
	if s.Notice == nil {
		return
	}
	s.Notice.SetText(text)
	s.noticeBox.Show()
	s.noticeSeq++
	seq := s.noticeSeq
	time.AfterFunc(noticeFor, func() {
		s.post(func() {
			if s.noticeSeq == seq { // not replaced by a newer one
				s.noticeBox.Hide()
			}
		})
	})
}

// noticeFor is how long a confirmation stays.
const noticeFor = 8 * time.Second
