package mediator

import (
	"fyne.io/fyne/v2"

	"pasapas/internal/screen"
)

// The space's window is made for a 1366 × 768 laptop's screen, less the
// panels; on a smaller screen, or at a larger system scale (Windows laptops
// at 125 or 150 %), it takes the work area less a window frame.
const (
	spaceWidth, spaceHeight = 1240, 680
	// frameWidth and frameHeight are what a window manager's borders and
	// title bar take around the content, in pixels (openbox 2 + 2 and
	// 22 + 2, Windows 10 16 and 39): the larger of each.
	frameWidth, frameHeight = 16, 40
)

// windowSize is the size of the space's window, in Fyne's units, for a work
// area in pixels shown at scale (pixels per unit). An empty area (no window
// system to ask) or a scale of 0 gives the ordinary size.
func windowSize(area screen.Rect, scale float32) fyne.Size {
	size := fyne.NewSize(spaceWidth, spaceHeight)
	if area.Empty() || scale <= 0 {
		return size
	}
	if w := float32(area.W-frameWidth) / scale; w < size.Width {
		size.Width = w
	}
	if h := float32(area.H-frameHeight) / scale; h < size.Height {
		size.Height = h
	}
	return size
}

// FitScreen makes the space's window fit a work area (in pixels) of the
// screen it shows on, at the scale its canvas now has: call it once the
// window is shown, when the scale is known. A window already smaller is
// left as staff made it.
func (s *Space) FitScreen(area screen.Rect) {
	if s.Window == nil {
		return
	}
	want := windowSize(area, s.Window.Canvas().Scale())
	now := s.Window.Canvas().Size()
	if now.Width <= want.Width && now.Height <= want.Height {
		return
	}
	s.Window.Resize(fyne.NewSize(min(now.Width, want.Width), min(now.Height, want.Height)))
	s.Window.CenterOnScreen() // where the window manager put the larger one, it may overlap the screen's edge
}
