package display

import (
	"testing"
	"time"

	"pasapas/internal/screen"
)

func TestIntersect(t *testing.T) {
	mon := screen.Rect{X: 1920, W: 1366, H: 768}
	for _, tt := range []struct {
		name string
		a, b screen.Rect
		want screen.Rect
	}{
		{"work area less a top panel, over two monitors", mon, screen.Rect{Y: 40, W: 3286, H: 1040}, screen.Rect{X: 1920, Y: 40, W: 1366, H: 728}},
		{"inside", screen.Rect{X: 10, Y: 10, W: 5, H: 5}, screen.Rect{W: 100, H: 100}, screen.Rect{X: 10, Y: 10, W: 5, H: 5}},
		{"apart", mon, screen.Rect{W: 10, H: 10}, screen.Rect{}},
		{"touching edges share nothing", screen.Rect{W: 10, H: 10}, screen.Rect{X: 10, W: 10, H: 10}, screen.Rect{}},
		{"negative coordinates", screen.Rect{X: -1024, W: 1024, H: 768}, screen.Rect{X: -100, Y: 10, W: 200, H: 50}, screen.Rect{X: -100, Y: 10, W: 100, H: 50}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := intersect(tt.a, tt.b); got != tt.want {
				t.Errorf("intersect(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestHolding(t *testing.T) {
	left := screen.Rect{W: 1920, H: 1080}
	right := screen.Rect{X: 1920, W: 1366, H: 768}
	below := screen.Rect{Y: 1080, W: 1024, H: 768}
	mons := []screen.Rect{left, right, below}
	for _, tt := range []struct {
		name  string
		frame screen.Rect
		mons  []screen.Rect
		want  screen.Rect
	}{
		{"inside the first", screen.Rect{X: 100, Y: 100, W: 800, H: 600}, mons, left},
		{"inside the second", screen.Rect{X: 2000, W: 800, H: 600}, mons, right},
		{"mostly on the second", screen.Rect{X: 1800, W: 800, H: 600}, mons, right},
		{"mostly on the first", screen.Rect{X: 1500, W: 800, H: 600}, mons, left},
		{"mostly below", screen.Rect{X: 10, Y: 1000, W: 300, H: 300}, mons, below},
		{"a tie goes to the first", screen.Rect{X: 1820, W: 200, H: 100}, mons, left},
		{"off screen to the right: the nearest", screen.Rect{X: 5000, Y: 0, W: 10, H: 10}, mons, right},
		{"off screen below: the nearest", screen.Rect{X: 0, Y: 3000, W: 10, H: 10}, mons, below},
		{"off screen to the left: the nearest", screen.Rect{X: -5000, Y: 10, W: 10, H: 10}, mons, left},
		{"one monitor", screen.Rect{X: -5000, W: 10, H: 10}, []screen.Rect{right}, right},
		{"no monitor", screen.Rect{W: 5, H: 5}, nil, screen.Rect{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := holding(tt.frame, tt.mons); got != tt.want {
				t.Errorf("holding(%v) = %v, want %v", tt.frame, got, tt.want)
			}
		})
	}
}

func TestUsable(t *testing.T) {
	mon := screen.Rect{X: 1366, W: 1024, H: 768}
	for _, tt := range []struct {
		name       string
		work, want screen.Rect
	}{
		{"panel at the top of the whole desktop", screen.Rect{Y: 30, W: 2390, H: 738}, screen.Rect{X: 1366, Y: 30, W: 1024, H: 738}},
		{"panel on the left of the first monitor", screen.Rect{X: 48, W: 2342, H: 768}, mon},
		{"work area of the first monitor only", screen.Rect{W: 1366, H: 768}, mon},
		{"work area equal to the monitor", mon, mon},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := usable(mon, tt.work); got != tt.want {
				t.Errorf("usable(%v, %v) = %v, want %v", mon, tt.work, got, tt.want)
			}
		})
	}
}

func TestInsets_Around(t *testing.T) {
	for _, tt := range []struct {
		name   string
		in     insets
		inside screen.Rect
		want   screen.Rect
	}{
		{"openbox's title bar and borders", insets{1, 1, 22, 5}, screen.Rect{X: 547, Y: 22, W: 818, H: 741}, screen.Rect{X: 546, W: 820, H: 768}},
		{"no frame", insets{}, screen.Rect{X: 3, Y: 4, W: 5, H: 6}, screen.Rect{X: 3, Y: 4, W: 5, H: 6}},
		{"Windows 10's invisible borders", insets{7, 7, 0, 7}, screen.Rect{W: 683, H: 1040}, screen.Rect{X: -7, W: 697, H: 1047}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.around(tt.inside); got != tt.want {
				t.Errorf("%v.around(%v) = %v, want %v", tt.in, tt.inside, got, tt.want)
			}
		})
	}
}

func TestInsets_Within(t *testing.T) {
	for _, tt := range []struct {
		name  string
		in    insets
		outer screen.Rect
		want  screen.Rect
	}{
		{"openbox's title bar and borders", insets{1, 1, 22, 5}, screen.Rect{X: 546, W: 820, H: 768}, screen.Rect{X: 547, Y: 22, W: 818, H: 741}},
		{"a frame larger than the rectangle leaves one pixel", insets{10, 10, 10, 10}, screen.Rect{W: 15, H: 15}, screen.Rect{X: 10, Y: 10, W: 1, H: 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.within(tt.outer); got != tt.want {
				t.Errorf("%v.within(%v) = %v, want %v", tt.in, tt.outer, got, tt.want)
			}
		})
	}
}

func TestBetween(t *testing.T) {
	for _, tt := range []struct {
		name         string
		outer, inner screen.Rect
		want         insets
	}{
		{"a frame", screen.Rect{X: 546, W: 820, H: 768}, screen.Rect{X: 547, Y: 22, W: 818, H: 741}, insets{1, 1, 22, 5}},
		{"the same", screen.Rect{W: 5, H: 5}, screen.Rect{W: 5, H: 5}, insets{}},
		{"an inner rectangle sticking out", screen.Rect{X: 10, W: 10, H: 10}, screen.Rect{W: 30, H: 10}, insets{-10, -10, 0, 0}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := between(tt.outer, tt.inner)
			if in != tt.want {
				t.Fatalf("between(%v, %v) = %v, want %v", tt.outer, tt.inner, in, tt.want)
			}
			if back := in.around(tt.inner); back != tt.outer {
				t.Errorf("between(%v, %v).around(inner) = %v, want the outer rectangle", tt.outer, tt.inner, back)
			}
		})
	}
}

func TestSinceTicks(t *testing.T) {
	for _, tt := range []struct {
		name      string
		now, last uint32
		want      time.Duration
	}{
		{"six seconds", 10_000, 4_000, 6 * time.Second},
		{"across the wrap after 49.7 days", 500, 0xFFFF_FF00, 756 * time.Millisecond},
		{"input this very millisecond", 7, 7, 0},
		{"the longest", 0xFFFF_FFFF, 0, 0xFFFF_FFFF * time.Millisecond},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := sinceTicks(tt.now, tt.last); got != tt.want {
				t.Errorf("sinceTicks(%d, %d) = %v, want %v", tt.now, tt.last, got, tt.want)
			}
		})
	}
}
