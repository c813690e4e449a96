package mediator

import (
	"testing"

	"fyne.io/fyne/v2"

	"pasapas/internal/screen"
)

func TestWindowSize(t *testing.T) {
	for _, c := range []struct {
		area  screen.Rect
		scale float32
		want  fyne.Size
	}{
		{screen.Rect{}, 1, fyne.NewSize(1240, 680)},                                 // no window system
		{screen.Rect{W: 1366, H: 728}, 1, fyne.NewSize(1240, 680)},                  // the laptop it is made for
		{screen.Rect{W: 1920, H: 1050}, 1, fyne.NewSize(1240, 680)},                 // larger: not stretched
		{screen.Rect{W: 1024, H: 768}, 1, fyne.NewSize(1008, 680)},                  // narrower
		{screen.Rect{W: 1024, H: 600}, 1, fyne.NewSize(1008, 560)},                  // a netbook
		{screen.Rect{W: 1366, H: 728}, 1.25, fyne.NewSize(1080, 550.4)},             // Windows at 125 %
		{screen.Rect{X: 1920, W: 1920, H: 1040}, 1.5, fyne.NewSize(1240, 666.6667)}, // 150 %, second monitor
		{screen.Rect{W: 1024, H: 768}, 0, fyne.NewSize(1240, 680)},                  // scale unknown
	} {
		got := windowSize(c.area, c.scale)
		if d := got.Subtract(c.want); d.Width*d.Width > 0.01 || d.Height*d.Height > 0.01 {
			t.Errorf("windowSize(%v, %v) = %v, want %v", c.area, c.scale, got, c.want)
		}
	}
}

// On a 1024 × 768 screen the space's window is made narrower once shown;
// a window staff made smaller stays so.
func TestSpace_FitScreen(t *testing.T) {
	h := newSpace(t)
	h.w.Resize(fyne.NewSize(spaceWidth, spaceHeight))
	h.s.FitScreen(screen.Rect{W: 1024, H: 768})
	if got := h.w.Canvas().Size(); got.Width != 1008 || got.Height != 680 {
		t.Errorf("on a 1024 × 768 screen the window is %v, want 1008 × 680", got)
	}
	h.w.Resize(fyne.NewSize(800, 500))
	h.s.FitScreen(screen.Rect{W: 1366, H: 768})
	if got := h.w.Canvas().Size(); got.Width != 800 || got.Height != 500 {
		t.Errorf("a window made smaller became %v", got)
	}
}
