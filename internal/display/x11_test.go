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

	"github.com/jezek/xgb/randr"
	"github.com/jezek/xgb/xproto"

	"pasapas/internal/screen"
)

// These tests run against real X servers (Xvfb), with openbox as the
// window manager or without any.

// The rectangles of the kiosk on the 1366x768 desk: the guide column and
// the site beside it (screen.Share's split).
var (
	guideColumn = screen.Rect{W: 546, H: 768}
	siteBeside  = screen.Rect{X: 546, W: 820, H: 768}
)

func TestOpen(t *testing.T) {
	for _, tt := range []struct {
		name, display, wayland string
	}{
		{"no display", "", ""},
		{"Wayland without XWayland", "", "wayland-0"},
		{"no X server there", ":1999", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("DISPLAY", tt.display)
			t.Setenv("WAYLAND_DISPLAY", tt.wayland)
			c, err := Open()
			if !errors.Is(err, ErrUnavailable) {
				if c != nil {
					t.Errorf("Close() = %v", c.Close())
				}
				t.Fatalf("Open() with DISPLAY=%q = %v, want an error wrapping ErrUnavailable", tt.display, err)
			}
		})
	}
	t.Run("closing twice", func(t *testing.T) {
		d := newDesk(t, false)
		for i := range 2 {
			if err := d.conn.Close(); err != nil {
				t.Fatalf("Close() #%d = %v", i+1, err)
			}
		}
		if _, err := within(t, 3*time.Second, "Idle after Close", d.conn.Idle); err == nil {
			t.Errorf("Idle() after Close = nil error, want one")
		}
	})
}

func TestConn_Idle(t *testing.T) {
	d := newDesk(t, true)
	need(t, "xdotool")
	for i, tt := range []struct {
		name  string
		input []string
	}{
		{"the pointer moves", []string{"mousemove", "100", "100"}},
		{"a key is pressed", []string{"key", "shift"}},
		{"the pointer moves again", []string{"mousemove", "300", "200"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := d.idle()
			time.Sleep(300 * time.Millisecond)
			later := d.idle()
			if later < before+250*time.Millisecond {
				t.Errorf("Idle() = %v, then %v 300 ms later, want it grown by about 300 ms", before, later)
			}
			if out, err := d.run("xdotool", tt.input...); err != nil {
				t.Fatalf("xdotool %v: %v: %s", tt.input, err, out)
			}
			if after := d.idle(); after >= later || after > 200*time.Millisecond {
				t.Errorf("Idle() = %v after xdotool %s (#%d), was %v: want it back near 0", after, strings.Join(tt.input, " "), i, later)
			}
		})
	}
}

// idle returns the Conn's Idle, failing the test on an error.
func (d *desk) idle() time.Duration {
	d.t.Helper()
	i, err := d.conn.Idle()
	if err != nil {
		d.t.Fatalf("Idle() = %v", err)
	}
	return i
}

func TestConn_WorkArea(t *testing.T) {
	d := newDesk(t, true)
	w := uintptr(d.window(4242, screen.Rect{X: 100, Y: 100, W: 400, H: 300}))
	for _, win := range []uintptr{0, w} {
		if got, err := d.conn.WorkArea(win); err != nil || got != deskScreen {
			t.Errorf("WorkArea(%#x) with openbox and no panel = %v, %v, want %v", win, got, err, deskScreen)
		}
	}
	// A panel along the top: openbox takes its strut off _NET_WORKAREA.
	d.panel(40)
	want := screen.Rect{Y: 40, W: 1366, H: 728}
	for _, win := range []uintptr{0, w} {
		if got, err := d.conn.WorkArea(win); err != nil || got != want {
			t.Errorf("WorkArea(%#x) with a 40 px panel at the top = %v, %v, want %v", win, got, err, want)
		}
	}
	if got, err := d.conn.Monitor(w); err != nil || got != deskScreen {
		t.Errorf("Monitor(%#x) with a panel = %v, %v, want the whole screen %v", w, got, err, deskScreen)
	}
}

// panel maps a dock along the top of the screen, height pixels high, and
// waits until openbox takes it off the work area.
func (d *desk) panel(height int) {
	d.t.Helper()
	d.window(1, screen.Rect{W: deskScreen.W, H: height}, func(w xproto.Window) {
		d.setProp32(w, "_NET_WM_WINDOW_TYPE", xproto.AtomAtom, uint32(d.atom("_NET_WM_WINDOW_TYPE_DOCK")))
		// _NET_WM_STRUT_PARTIAL: left, right, top, bottom, then the
		// start and end of each: left_start_y, left_end_y,
		// right_start_y, right_end_y, top_start_x, top_end_x, ...
		d.setProp32(w, "_NET_WM_STRUT_PARTIAL", xproto.AtomCardinal,
			0, 0, uint32(height), 0, 0, 0, 0, 0, 0, uint32(deskScreen.W-1), 0, 0)
	})
	d.eventually(5*time.Second, func() (bool, string) {
		wa := d.prop32(d.root, "_NET_WORKAREA")
		return len(wa) >= 4 && wa[1] == uint32(height), fmt.Sprintf("_NET_WORKAREA starts below the panel (now %v)", wa)
	})
}

func TestConn_Monitor(t *testing.T) {
	// Two monitors side by side, made with RandR 1.5 on a 2390x768 screen:
	// the laptop's 1366x768 on the left, a 1024x768 one on the right.
	d := newDesk(t, true, "-screen", "0", "2390x768x24")
	left, right := screen.Rect{W: 1366, H: 768}, screen.Rect{X: 1366, W: 1024, H: 768}
	d.monitors(left, right)
	for _, tt := range []struct {
		name  string
		frame screen.Rect
		want  screen.Rect
	}{
		{"on the left", screen.Rect{X: 100, Y: 100, W: 400, H: 300}, left},
		{"on the right", screen.Rect{X: 1500, Y: 100, W: 400, H: 300}, right},
		{"mostly on the right", screen.Rect{X: 1266, Y: 100, W: 400, H: 300}, right},
		{"mostly on the left", screen.Rect{X: 1066, Y: 100, W: 400, H: 300}, left},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := uintptr(d.window(4242, screen.Rect{X: 10, Y: 10, W: 100, H: 100}))
			if err := d.conn.Place(w, tt.frame); err != nil {
				t.Fatalf("Place(%#x, %v) = %v", w, tt.frame, err)
			}
			if got, err := d.conn.Monitor(w); err != nil || got != tt.want {
				t.Errorf("Monitor(%#x) at %v = %v, %v, want %v", w, tt.frame, got, err, tt.want)
			}
			// openbox's _NET_WORKAREA covers both: the work area is the monitor.
			if got, err := d.conn.WorkArea(w); err != nil || got != tt.want {
				t.Errorf("WorkArea(%#x) at %v = %v, %v, want %v", w, tt.frame, got, err, tt.want)
			}
		})
	}
	if got, err := d.conn.Monitor(0); err != nil || got != left {
		t.Errorf("Monitor(0) = %v, %v, want the first monitor %v", got, err, left)
	}
}

// monitors replaces the screen's monitor by these, with RandR 1.5 (the
// first takes the screen's output, so the automatic monitor goes).
func (d *desk) monitors(mons ...screen.Rect) {
	t := d.t
	t.Helper()
	if err := randr.Init(d.x); err != nil {
		t.Fatalf("RandR: %v", err)
	}
	cur, err := randr.GetMonitors(d.x, d.root, true).Reply()
	if err != nil || len(cur.Monitors) != 1 || len(cur.Monitors[0].Outputs) != 1 {
		t.Fatalf("GetMonitors = %+v, %v, want Xvfb's one monitor with one output", cur, err)
	}
	for i, m := range mons {
		info := randr.MonitorInfo{
			Name: d.atom("MON" + strconv.Itoa(i)), Primary: i == 0,
			X: int16(m.X), Y: int16(m.Y), Width: uint16(m.W), Height: uint16(m.H),
			WidthInMillimeters: uint32(m.W / 4), HeightInMillimeters: uint32(m.H / 4),
		}
		if i == 0 {
			info.Outputs, info.NOutput = cur.Monitors[0].Outputs, 1
		}
		if err := randr.SetMonitorChecked(d.x, d.root, info).Check(); err != nil {
			t.Fatalf("SetMonitor(%v): %v", m, err)
		}
	}
	got, err := randr.GetMonitors(d.x, d.root, true).Reply()
	if err != nil || len(got.Monitors) != len(mons) {
		t.Fatalf("GetMonitors after SetMonitor = %+v, %v, want %d monitors", got, err, len(mons))
	}
}

func TestConn_Frame(t *testing.T) {
	d := newDesk(t, true)
	w := d.window(4242, screen.Rect{X: 100, Y: 100, W: 400, H: 300})
	got, err := d.conn.Frame(uintptr(w))
	if err != nil {
		t.Fatalf("Frame(%#x) = %v", w, err)
	}
	if x := d.frameOf(w); got != x {
		t.Errorf("Frame(%#x) = %v, want %v, openbox's frame window", w, got, x)
	}
	if x := d.xwininfoFrame(w); got != x {
		t.Errorf("Frame(%#x) = %v, want %v, as xwininfo says", w, got, x)
	}
	ext := d.prop32(w, "_NET_FRAME_EXTENTS")
	if len(ext) != 4 || ext[2] == 0 {
		t.Errorf("openbox's _NET_FRAME_EXTENTS = %v, want left, right, top, bottom with a title bar", ext)
	}
	t.Logf("openbox's frame extents (left, right, top, bottom): %v", ext)
}

func TestConn_WindowsOf(t *testing.T) {
	for _, wm := range []bool{true, false} {
		t.Run(map[bool]string{true: "openbox", false: "no window manager"}[wm], func(t *testing.T) {
			d := newDesk(t, wm)
			a1 := uintptr(d.window(4242, screen.Rect{W: 300, H: 200}))
			b := uintptr(d.window(4343, screen.Rect{W: 300, H: 200}))
			a2 := uintptr(d.window(4242, screen.Rect{W: 300, H: 200}))
			hidden := d.bareWindow(screen.Rect{W: 10, H: 10}) // never mapped
			d.setProp32(hidden, "_NET_WM_PID", xproto.AtomCardinal, 4242)
			for _, tt := range []struct {
				name string
				pids []int
				want []uintptr
			}{
				{"one process, two windows", []int{4242}, []uintptr{a1, a2}},
				{"the other process", []int{4343}, []uintptr{b}},
				{"both", []int{4343, 4242}, []uintptr{a1, b, a2}},
				{"a process with no window", []int{999}, nil},
				{"no process", nil, nil},
				{"no such pid", []int{0, -1}, nil},
			} {
				t.Run(tt.name, func(t *testing.T) {
					got, err := d.conn.WindowsOf(tt.pids)
					if err != nil || !slices.Equal(got, tt.want) {
						t.Errorf("WindowsOf(%v) = %#x, %v, want %#x", tt.pids, got, err, tt.want)
					}
				})
			}
		})
	}
}
