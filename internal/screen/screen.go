// Package screen decides how the kiosk shares the screen with the official
// site: the rectangle of the guide column, the rectangle of the browser,
// and how much the kiosk's text grows on a big screen. It is plain
// arithmetic on pixels; the window system is reached elsewhere.
package screen

import "fmt"

// Rect is a rectangle on the screen, in physical pixels, from its top-left
// corner.
type Rect struct {
	X, Y, W, H int
}

// String writes r as WxH+X+Y, the X11 geometry notation.
func (r Rect) String() string { return fmt.Sprintf("%dx%d%+d%+d", r.W, r.H, r.X, r.Y) }

// Empty reports whether r has no area.
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// Right is the x just past the rectangle.
func (r Rect) Right() int { return r.X + r.W }

// Bottom is the y just past the rectangle.
func (r Rect) Bottom() int { return r.Y + r.H }

// Overlaps reports whether r and o share any pixel.
func (r Rect) Overlaps(o Rect) bool {
	return !r.Empty() && !o.Empty() &&
		r.X < o.Right() && o.X < r.Right() && r.Y < o.Bottom() && o.Y < r.Bottom()
}

// Contains reports whether the point (x, y) is inside r.
func (r Rect) Contains(x, y int) bool {
	return x >= r.X && x < r.Right() && y >= r.Y && y < r.Bottom()
}

// Sizes of the guide column.
const (
	// MinColumn is the narrowest guide column on a screen of ordinary width.
	MinColumn = 480
	// ColumnShare is the part of a wide screen the guide column takes.
	ColumnShare = 0.40
	// MinSite is the narrowest browser that still shows a site's phone
	// layout; below it, the screen is cut in two halves.
	MinSite = 480
)

// Split is how a screen is shared between the guide and the official site.
type Split struct {
	Column Rect // the guide, full height, on the reading-direction start
	Site   Rect // the browser, in the rest of the screen
}

// Share returns how the work area (the screen less any task bar) is shared
// when the official site is open. The column is on the left, or on the
// right for a right-to-left language; it is MinColumn wide, or ColumnShare
// of the width when that is more; when that would leave the site narrower
// than MinSite, each gets half. The two never overlap and together cover
// the area.
func Share(area Rect, rtl bool) Split {
	col := max(MinColumn, int(float64(area.W)*ColumnShare+0.5))
	if area.W-col < MinSite {
		col = area.W / 2
	}
	site := area.W - col
	s := Split{
		Column: Rect{X: area.X, Y: area.Y, W: col, H: area.H},
		Site:   Rect{X: area.X + col, Y: area.Y, W: site, H: area.H},
	}
	if rtl {
		s.Site.X = area.X
		s.Column.X = area.X + site
	}
	return s
}

// The screen the kiosk's sizes are drawn for: text sizes, buttons and the
// 64 px targets are right at 1024×768.
const (
	ReferenceW = 1024
	ReferenceH = 768
)

// MaxScale is the most the kiosk grows on a big screen.
const MaxScale = 2

// Scale returns how much the kiosk's text and controls grow on a screen of
// this size: 1 up to 1024×768, then with the smaller of the two ratios (a
// wide screen is limited by its height), at most MaxScale. 1920×1080 gives
// about 1.4.
func Scale(area Rect) float32 {
	if area.Empty() {
		return 1
	}
	s := min(float32(area.W)/ReferenceW, float32(area.H)/ReferenceH)
	return min(max(s, 1), MaxScale)
}
