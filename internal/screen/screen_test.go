package screen

import (
	"fmt"
	"testing"
)

func TestShare(t *testing.T) {
	tests := []struct {
		area         Rect
		rtl          bool
		column, site Rect
	}{
		// 40 % is less than 480 px: the column is 480 px, the site the rest.
		{Rect{W: 1024, H: 768}, false, Rect{0, 0, 480, 768}, Rect{480, 0, 544, 768}},
		{Rect{W: 1366, H: 768}, false, Rect{0, 0, 546, 768}, Rect{546, 0, 820, 768}},
		{Rect{W: 1920, H: 1080}, false, Rect{0, 0, 768, 1080}, Rect{768, 0, 1152, 1080}},
		// Right to left: the column on the right, where reading starts.
		{Rect{W: 1024, H: 768}, true, Rect{544, 0, 480, 768}, Rect{0, 0, 544, 768}},
		{Rect{W: 1920, H: 1080}, true, Rect{1152, 0, 768, 1080}, Rect{0, 0, 1152, 1080}},
		// A work area less a task bar at the top, on a second monitor.
		{Rect{X: 1920, Y: 40, W: 1366, H: 728}, false, Rect{1920, 40, 546, 728}, Rect{2466, 40, 820, 728}},
		// Too small for 480 + 480: each gets half.
		{Rect{W: 800, H: 600}, false, Rect{0, 0, 400, 600}, Rect{400, 0, 400, 600}},
		{Rect{W: 801, H: 600}, true, Rect{401, 0, 400, 600}, Rect{0, 0, 401, 600}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v-rtl=%v", tt.area, tt.rtl), func(t *testing.T) {
			s := Share(tt.area, tt.rtl)
			if s.Column != tt.column || s.Site != tt.site {
				t.Fatalf("Share(%v, %v) = column %v site %v, want %v and %v", tt.area, tt.rtl, s.Column, s.Site, tt.column, tt.site)
			}
			if s.Column.Overlaps(s.Site) {
				t.Fatal("the column and the site overlap")
			}
			if s.Column.W+s.Site.W != tt.area.W || s.Column.H != tt.area.H || s.Site.H != tt.area.H {
				t.Fatal("the column and the site do not cover the area together")
			}
		})
	}
}

func TestRect_Overlaps(t *testing.T) {
	a := Rect{0, 0, 480, 768}
	for _, tt := range []struct {
		b    Rect
		want bool
	}{
		{Rect{480, 0, 544, 768}, false}, // touching edges do not overlap
		{Rect{479, 0, 544, 768}, true},
		{Rect{0, 768, 10, 10}, false},
		{Rect{100, 100, 0, 10}, false}, // empty
		{Rect{-10, -10, 20, 20}, true},
	} {
		if got := a.Overlaps(tt.b); got != tt.want {
			t.Errorf("%v.Overlaps(%v) = %v, want %v", a, tt.b, got, tt.want)
		}
	}
}

func TestScale(t *testing.T) {
	for _, tt := range []struct {
		area Rect
		want float32
	}{
		{Rect{W: 800, H: 600}, 1},
		{Rect{W: 1024, H: 768}, 1},
		{Rect{W: 1366, H: 768}, 1},        // limited by the height
		{Rect{W: 1920, H: 1080}, 1.40625}, // 1080/768
		{Rect{W: 3840, H: 2160}, 2},       // at most twice
		{Rect{}, 1},
	} {
		if got := Scale(tt.area); got != tt.want {
			t.Errorf("Scale(%v) = %v, want %v", tt.area, got, tt.want)
		}
	}
}

func TestRect_String(t *testing.T) {
	if got := (Rect{X: 546, Y: 0, W: 820, H: 768}).String(); got != "820x768+546+0" {
		t.Fatalf("String() = %q", got)
	}
}
