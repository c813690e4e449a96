//go:build !windows

package display

import (
	"slices"
	"testing"

	"github.com/jezek/xgb/xproto"
)

func TestStateData(t *testing.T) {
	for _, tt := range []struct {
		name          string
		action        uint32
		first, second uint32
		want          []uint32
	}{
		{"add one state", stateAdd, 300, 0, []uint32{1, 300, 0, 2, 0}},
		{"remove two states", stateRemove, 312, 313, []uint32{0, 312, 313, 2, 0}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := stateData(tt.action, xproto.Atom(tt.first), xproto.Atom(tt.second))
			if !slices.Equal(got, tt.want) {
				t.Errorf("stateData(%d, %d, %d) = %v, want %v", tt.action, tt.first, tt.second, got, tt.want)
			}
		})
	}
}

func TestMoveResizeData(t *testing.T) {
	// Flags: NorthWest gravity (1), x, y, width and height given (0xF00),
	// from a pager (0x2000).
	for _, tt := range []struct {
		name       string
		x, y, w, h int
		want       []uint32
	}{
		{"the guide column", 0, 0, 544, 741, []uint32{0x2F01, 0, 0, 544, 741}},
		{"the site beside it", 546, 0, 818, 741, []uint32{0x2F01, 546, 0, 818, 741}},
		{"a monitor left of the primary", -1024, 10, 100, 100, []uint32{0x2F01, 0xFFFF_FC00, 10, 100, 100}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := moveResizeData(tt.x, tt.y, tt.w, tt.h); !slices.Equal(got, tt.want) {
				t.Errorf("moveResizeData(%d, %d, %d, %d) = %#x, want %#x", tt.x, tt.y, tt.w, tt.h, got, tt.want)
			}
		})
	}
}
