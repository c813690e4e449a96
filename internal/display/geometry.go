package display

import (
	"time"

	"pasapas/internal/screen"
)

// This file holds the arithmetic both window systems share: which monitor
// holds a window, how a work area cuts a monitor, what a frame adds around
// a window, and elapsed time from a wrapping millisecond counter.

// intersect returns the pixels a and b share, or the zero Rect when they
// share none.
func intersect(a, b screen.Rect) screen.Rect {
	x0, y0 := max(a.X, b.X), max(a.Y, b.Y)
	x1, y1 := min(a.Right(), b.Right()), min(a.Bottom(), b.Bottom())
	if x1 <= x0 || y1 <= y0 {
		return screen.Rect{}
	}
	return screen.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// area is the number of pixels in r.
func area(r screen.Rect) int {
	if r.Empty() {
		return 0
	}
	return r.W * r.H
}

// gap is the squared distance between the nearest pixels of a and b, 0 when
// they touch or overlap.
func gap(a, b screen.Rect) int {
	dx := max(0, b.X-a.Right(), a.X-b.Right())
	dy := max(0, b.Y-a.Bottom(), a.Y-b.Bottom())
	return dx*dx + dy*dy
}

// holding returns the monitor that holds most of the window frame win: the
// one sharing the most pixels with it, the nearest one when it is on none
// (as Windows' MONITOR_DEFAULTTONEAREST), the first on a tie. With no
// monitor it returns the zero Rect.
func holding(win screen.Rect, monitors []screen.Rect) screen.Rect {
	best, bestArea, bestGap := -1, 0, 0
	for i, m := range monitors {
		a, g := area(intersect(win, m)), gap(win, m)
		switch {
		case best < 0,
			a > bestArea,
			a == 0 && bestArea == 0 && g < bestGap:
			best, bestArea, bestGap = i, a, g
		}
	}
	if best < 0 {
		return screen.Rect{}
	}
	return monitors[best]
}

// usable returns the part of monitor inside the desktop's work area, or
// the whole monitor when the work area leaves nothing of it (a work area
// that ignores this monitor is wrong rather than meaning "no room").
func usable(monitor, work screen.Rect) screen.Rect {
	if u := intersect(monitor, work); !u.Empty() {
		return u
	}
	return monitor
}

// insets are the widths a frame adds on each side of what it surrounds: the
// window manager's decorations around an X11 client window
// (_NET_FRAME_EXTENTS), or the invisible resize borders Windows adds around
// a window's visible frame.
type insets struct {
	left, right, top, bottom int
}

// around returns the rectangle that surrounds r with the insets.
func (in insets) around(r screen.Rect) screen.Rect {
	return screen.Rect{
		X: r.X - in.left,
		Y: r.Y - in.top,
		W: r.W + in.left + in.right,
		H: r.H + in.top + in.bottom,
	}
}

// within returns what the insets leave inside r, at least one pixel wide
// and high (X11 has no empty windows).
func (in insets) within(r screen.Rect) screen.Rect {
	return screen.Rect{
		X: r.X + in.left,
		Y: r.Y + in.top,
		W: max(1, r.W-in.left-in.right),
		H: max(1, r.H-in.top-in.bottom),
	}
}

// between returns the insets that separate inner from outer (negative where
// inner sticks out).
func between(outer, inner screen.Rect) insets {
	return insets{
		left:   inner.X - outer.X,
		right:  outer.Right() - inner.Right(),
		top:    inner.Y - outer.Y,
		bottom: outer.Bottom() - inner.Bottom(),
	}
}

// sinceTicks returns the time from the millisecond tick last to the tick
// now, on a 32-bit counter that wraps every 49.7 days (Windows'
// GetTickCount, X11 timestamps): unsigned subtraction stays right across
// one wrap.
func sinceTicks(now, last uint32) time.Duration {
	return time.Duration(now-last) * time.Millisecond
}
