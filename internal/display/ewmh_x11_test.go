//go:build !windows

package display

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"

	"pasapas/internal/screen"
)

// These tests ask openbox for changes and check what it did.

func TestConn_Place(t *testing.T) {
	d := newDesk(t, true)
	for _, tt := range []struct {
		name  string
		setup func(w uintptr)
		to    screen.Rect
	}{
		{"the guide column", nil, guideColumn},
		{"the site beside it", nil, siteBeside},
		{"a small window", nil, screen.Rect{X: 300, Y: 200, W: 400, H: 300}},
		{"partly off the screen", nil, screen.Rect{X: -100, Y: 500, W: 400, H: 300}},
		{"undecorated", func(w uintptr) { d.undecorate(w) }, siteBeside},
		{"maximized", func(w uintptr) {
			d.must("Maximize", d.conn.Maximize(w))
			d.waitState(w, "_NET_WM_STATE_MAXIMIZED_VERT", true)
		}, guideColumn},
		{"fullscreen", func(w uintptr) {
			d.must("Fullscreen", d.conn.Fullscreen(w, true))
			d.waitState(w, "_NET_WM_STATE_FULLSCREEN", true)
		}, siteBeside},
		{"twice in a row", func(w uintptr) { d.must("Place", d.conn.Place(w, guideColumn)) }, siteBeside},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := uintptr(d.window(4242, screen.Rect{X: 10, Y: 10, W: 200, H: 100}))
			if tt.setup != nil {
				tt.setup(w)
			}
			start := time.Now()
			if err := d.conn.Place(w, tt.to); err != nil {
				t.Fatalf("Place(%#x, %v) = %v", w, tt.to, err)
			}
			t.Logf("Place took %v", time.Since(start))
			if got, err := d.conn.Frame(w); err != nil || got != tt.to {
				t.Errorf("Frame(%#x) after Place = %v, %v, want %v", w, got, err, tt.to)
			}
			if got := d.frameOf(xproto.Window(w)); got != tt.to {
				t.Errorf("openbox's frame window after Place(%v) is at %v", tt.to, got)
			}
			if got := d.xwininfoFrame(xproto.Window(w)); got != tt.to {
				t.Errorf("xwininfo puts the frame at %v after Place(%v)", got, tt.to)
			}
			for _, s := range []string{"_NET_WM_STATE_MAXIMIZED_VERT", "_NET_WM_STATE_MAXIMIZED_HORZ", "_NET_WM_STATE_FULLSCREEN"} {
				if d.hasState(w, s) {
					t.Errorf("_NET_WM_STATE still holds %s after Place", s)
				}
			}
		})
	}
	t.Run("narrower than the window's minimum", func(t *testing.T) {
		// WM_NORMAL_HINTS (ICCCM 4.1.2.3): flags (PMinSize), 4 unused,
		// then the minimum width and height, and 11 more fields.
		hints := make([]uint32, 18)
		hints[0], hints[5], hints[6] = 1<<4, 600, 400
		w := uintptr(d.window(4242, screen.Rect{W: 600, H: 400}, func(w xproto.Window) {
			d.setProp32(w, "WM_NORMAL_HINTS", xproto.AtomWmSizeHints, hints...)
		}))
		start := time.Now()
		err := d.conn.Place(w, guideColumn)
		if !errors.Is(err, ErrNotHonoured) {
			t.Errorf("Place(%#x, %v) with a 600 px minimum width = %v, want an error wrapping ErrNotHonoured", w, guideColumn, err)
		}
		t.Logf("Place gave up after %v: %v", time.Since(start), err)
	})
	t.Run("an empty rectangle", func(t *testing.T) {
		w := uintptr(d.window(4242, screen.Rect{W: 10, H: 10}))
		if err := d.conn.Place(w, screen.Rect{W: 100}); err == nil {
			t.Errorf("Place(%#x, 100x0) = nil, want an error", w)
		}
	})
}

// must fails the test when a call made for its setup fails.
func (d *desk) must(what string, err error) {
	d.t.Helper()
	if err != nil {
		d.t.Fatalf("%s: %v", what, err)
	}
}

// undecorate removes w's decorations and waits until openbox has.
func (d *desk) undecorate(w uintptr) {
	d.t.Helper()
	d.must("SetUndecorated", d.conn.SetUndecorated(w, true))
	d.eventually(5*time.Second, func() (bool, string) {
		ext := d.prop32(xproto.Window(w), "_NET_FRAME_EXTENTS")
		return slices.Equal(ext, []uint32{0, 0, 0, 0}), fmt.Sprintf("openbox takes the frame off (extents %v)", ext)
	})
}

// hasState reports whether w's _NET_WM_STATE holds the atom name.
func (d *desk) hasState(w uintptr, name string) bool {
	d.t.Helper()
	return slices.Contains(d.prop32(xproto.Window(w), "_NET_WM_STATE"), uint32(d.atom(name)))
}

// waitState waits until w's _NET_WM_STATE holds name (on) or not.
func (d *desk) waitState(w uintptr, name string, on bool) {
	d.t.Helper()
	d.eventually(5*time.Second, func() (bool, string) {
		return d.hasState(w, name) == on, fmt.Sprintf("%s in _NET_WM_STATE is %v", name, on)
	})
}

// stacking returns the windows openbox manages, from bottom to top.
func (d *desk) stacking() []uint32 {
	d.t.Helper()
	return d.prop32(d.root, "_NET_CLIENT_LIST_STACKING")
}

// waitAbove waits until top is stacked above bottom.
func (d *desk) waitAbove(top, bottom uintptr) {
	d.t.Helper()
	d.eventually(5*time.Second, func() (bool, string) {
		s := d.stacking()
		return slices.Index(s, uint32(top)) > slices.Index(s, uint32(bottom)),
			fmt.Sprintf("%#x is stacked above %#x (bottom to top: %#x)", top, bottom, s)
	})
}

// waitActive waits until openbox says w is the active window and X gives
// it the focus.
func (d *desk) waitActive(w uintptr) {
	d.t.Helper()
	d.eventually(5*time.Second, func() (bool, string) {
		a := d.prop32(d.root, "_NET_ACTIVE_WINDOW")
		f, err := xproto.GetInputFocus(d.x).Reply()
		if err != nil {
			d.t.Fatalf("GetInputFocus: %v", err)
		}
		return slices.Equal(a, []uint32{uint32(w)}) && uintptr(f.Focus) == w,
			fmt.Sprintf("%#x is active (_NET_ACTIVE_WINDOW %#x, focus %#x)", w, a, f.Focus)
	})
}

func TestConn_SetAbove(t *testing.T) {
	d := newDesk(t, true)
	need(t, "xprop")
	guide := uintptr(d.window(4242, screen.Rect{W: 200, H: 200}))
	site := uintptr(d.window(4343, screen.Rect{W: 200, H: 200}))
	d.must("Place", d.conn.Place(guide, guideColumn))
	d.must("Place", d.conn.Place(site, screen.Rect{X: 300, W: 1066, H: 768})) // overlapping the guide

	if err := d.conn.SetAbove(guide, true); err != nil {
		t.Fatalf("SetAbove(%#x, true) = %v", guide, err)
	}
	d.eventually(5*time.Second, func() (bool, string) {
		above, err := d.conn.IsAbove(guide)
		return err == nil && above, fmt.Sprintf("IsAbove(%#x) = true (now %v, %v)", guide, above, err)
	})
	if out, err := d.run("xprop", "-id", strconv.Itoa(int(guide)), "_NET_WM_STATE"); err != nil || !strings.Contains(out, "_NET_WM_STATE_ABOVE") {
		t.Errorf("xprop _NET_WM_STATE = %q, %v, want it to hold _NET_WM_STATE_ABOVE", out, err)
	}
	// A click in the site activates it: the guide stays above.
	d.must("Activate", d.conn.Activate(site))
	d.waitActive(site)
	d.waitAbove(guide, site)
	if above, err := d.conn.IsAbove(site); err != nil || above {
		t.Errorf("IsAbove(%#x), the site = %v, %v, want false", site, above, err)
	}

	if err := d.conn.SetAbove(guide, false); err != nil {
		t.Fatalf("SetAbove(%#x, false) = %v", guide, err)
	}
	d.waitState(guide, "_NET_WM_STATE_ABOVE", false)
	d.must("Activate", d.conn.Activate(site))
	d.waitAbove(site, guide)

	t.Run("before the window is mapped", func(t *testing.T) {
		w := d.bareWindow(screen.Rect{W: 100, H: 100})
		if err := d.conn.SetAbove(uintptr(w), true); err != nil {
			t.Fatalf("SetAbove(%#x, true) on an unmapped window = %v", w, err)
		}
		if above, err := d.conn.IsAbove(uintptr(w)); err != nil || !above {
			t.Errorf("IsAbove(%#x) on an unmapped window = %v, %v, want true", w, above, err)
		}
		if err := xproto.MapWindowChecked(d.x, w).Check(); err != nil {
			t.Fatalf("MapWindow: %v", err)
		}
		d.eventually(5*time.Second, func() (bool, string) {
			return slices.Contains(d.stacking(), uint32(w)), "openbox manages the window"
		})
		d.waitAbove(uintptr(w), site)
		if above, err := d.conn.IsAbove(uintptr(w)); err != nil || !above {
			t.Errorf("IsAbove(%#x) once mapped = %v, %v, want true", w, above, err)
		}
	})
}

func TestConn_SetUndecorated(t *testing.T) {
	d := newDesk(t, true)
	w := uintptr(d.window(4242, screen.Rect{W: 300, H: 200}))
	decorated := d.prop32(xproto.Window(w), "_NET_FRAME_EXTENTS")
	d.undecorate(w)
	f, err := d.conn.Frame(w)
	if err != nil {
		t.Fatalf("Frame(%#x) = %v", w, err)
	}
	if got := d.frameOf(xproto.Window(w)); got != f {
		t.Errorf("Frame(%#x) of an undecorated window = %v, openbox's frame is %v", w, f, got)
	}
	if err := d.conn.SetUndecorated(w, false); err != nil {
		t.Fatalf("SetUndecorated(%#x, false) = %v", w, err)
	}
	d.eventually(5*time.Second, func() (bool, string) {
		ext := d.prop32(xproto.Window(w), "_NET_FRAME_EXTENTS")
		return slices.Equal(ext, decorated), fmt.Sprintf("the frame is back (extents %v, want %v)", ext, decorated)
	})
}

func TestConn_Maximize(t *testing.T) {
	d := newDesk(t, true)
	d.panel(30)
	w := uintptr(d.window(4242, screen.Rect{W: 300, H: 200}))
	if err := d.conn.Maximize(w); err != nil {
		t.Fatalf("Maximize(%#x) = %v", w, err)
	}
	want := screen.Rect{Y: 30, W: 1366, H: 738}
	d.eventually(5*time.Second, func() (bool, string) {
		f, err := d.conn.Frame(w)
		return err == nil && f == want, fmt.Sprintf("the frame fills the work area %v (now %v, %v)", want, f, err)
	})
	if !d.hasState(w, "_NET_WM_STATE_MAXIMIZED_HORZ") {
		t.Errorf("_NET_WM_STATE lacks _NET_WM_STATE_MAXIMIZED_HORZ after Maximize")
	}
}

func TestConn_Fullscreen(t *testing.T) {
	d := newDesk(t, true)
	d.panel(30)
	w := uintptr(d.window(4242, screen.Rect{W: 300, H: 200}))
	d.must("Place", d.conn.Place(w, intersect(siteBeside, screen.Rect{Y: 30, W: 1366, H: 738})))
	before, err := d.conn.Frame(w)
	if err != nil {
		t.Fatalf("Frame(%#x) = %v", w, err)
	}
	if err := d.conn.Fullscreen(w, true); err != nil {
		t.Fatalf("Fullscreen(%#x, true) = %v", w, err)
	}
	d.eventually(5*time.Second, func() (bool, string) {
		f, err := d.conn.Frame(w)
		return err == nil && f == deskScreen, fmt.Sprintf("the window covers the monitor, panel included (now %v, %v)", f, err)
	})
	if err := d.conn.Fullscreen(w, false); err != nil {
		t.Fatalf("Fullscreen(%#x, false) = %v", w, err)
	}
	d.eventually(5*time.Second, func() (bool, string) {
		f, err := d.conn.Frame(w)
		return err == nil && f == before, fmt.Sprintf("the window is back at %v (now %v, %v)", before, f, err)
	})
}

func TestConn_Activate(t *testing.T) {
	d := newDesk(t, true)
	a := uintptr(d.window(4242, screen.Rect{W: 300, H: 200}))
	b := uintptr(d.window(4343, screen.Rect{W: 300, H: 200}))
	for _, w := range []uintptr{a, b, a} {
		if err := d.conn.Activate(w); err != nil {
			t.Fatalf("Activate(%#x) = %v", w, err)
		}
		d.waitActive(w)
	}
	t.Run("minimized", func(t *testing.T) {
		// ICCCM 4.1.4: WM_CHANGE_STATE to IconicState (3) minimizes.
		d.must("WM_CHANGE_STATE", d.conn.sys.send(xproto.Window(b), d.atom("WM_CHANGE_STATE"), []uint32{3}))
		d.eventually(5*time.Second, func() (bool, string) {
			st := d.prop32(xproto.Window(b), "WM_STATE")
			return len(st) > 0 && st[0] == 3, "openbox minimizes the window"
		})
		if err := d.conn.Activate(b); err != nil {
			t.Fatalf("Activate(%#x) = %v", b, err)
		}
		d.waitActive(b)
		if st := d.prop32(xproto.Window(b), "WM_STATE"); len(st) == 0 || st[0] != 1 {
			t.Errorf("WM_STATE = %v after Activate, want Normal (1)", st)
		}
	})
}
