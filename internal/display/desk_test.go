//go:build !windows

package display

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"

	"pasapas/internal/screen"
)

// This file starts the real window systems the X11 tests run against: an
// Xvfb server, with or without openbox, and windows made with xgb.

// desk is a virtual X display for one test: its own Xvfb, maybe openbox,
// a raw xgb client that makes the test's windows, and the Conn under test.
type desk struct {
	t       *testing.T
	display string
	x       *xgb.Conn // the test's own client, which owns the windows
	root    xproto.Window
	wm      bool
	conn    *Conn
}

// The screen every desk has, unless told otherwise.
var deskScreen = screen.Rect{W: 1366, H: 768}

// waitStep is how often the helpers look again while they wait.
const waitStep = 10 * time.Millisecond

// need fails the test when a program the X tests run is missing.
func need(t *testing.T, programs ...string) {
	t.Helper()
	for _, p := range programs {
		if _, err := exec.LookPath(p); err != nil {
			t.Fatalf("%s is not installed: run `make test`, which installs xvfb openbox wmctrl x11-utils xdotool (%v)", p, err)
		}
	}
}

// newDesk starts Xvfb (with xvfbArgs, or one 1366x768 screen), and openbox
// when wm is true, points DISPLAY at it, and opens a Conn.
func newDesk(t *testing.T, wm bool, xvfbArgs ...string) *desk {
	t.Helper()
	need(t, "Xvfb")
	if len(xvfbArgs) == 0 {
		xvfbArgs = []string{"-screen", "0", "1366x768x24"}
	}
	d := &desk{t: t, display: startXvfb(t, xvfbArgs)}
	t.Setenv("DISPLAY", d.display)
	x, err := xgb.NewConnDisplay(d.display)
	if err != nil {
		t.Fatalf("connecting to %s: %v", d.display, err)
	}
	t.Cleanup(x.Close)
	d.x, d.root = x, xproto.Setup(x).DefaultScreen(x).Root
	if wm {
		d.startOpenbox()
	}
	c, err := Open()
	if err != nil {
		t.Fatalf("Open() on %s: %v", d.display, err)
	}
	t.Cleanup(func() {
		if err := c.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
	})
	d.conn = c
	return d
}

// eventually waits until ok holds, for d at most, and fails the test with
// what it was waiting for otherwise.
func (d *desk) eventually(limit time.Duration, ok func() (bool, string)) {
	d.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		done, what := ok()
		if done {
			return
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("after %v, still waiting until %s", limit, what)
		}
		time.Sleep(waitStep)
	}
}

// atom interns name with the test's client.
func (d *desk) atom(name string) xproto.Atom {
	d.t.Helper()
	r, err := xproto.InternAtom(d.x, false, uint16(len(name)), name).Reply()
	if err != nil {
		d.t.Fatalf("InternAtom(%s): %v", name, err)
	}
	return r.Atom
}

// prop32 reads a property of 32-bit items with the test's client; nil when
// it is absent.
func (d *desk) prop32(w xproto.Window, name string) []uint32 {
	d.t.Helper()
	r, err := xproto.GetProperty(d.x, false, w, d.atom(name), xproto.GetPropertyTypeAny, 0, 1024).Reply()
	if err != nil {
		d.t.Fatalf("GetProperty(%#x, %s): %v", w, name, err)
	}
	if r.Format != 32 {
		return nil
	}
	v := make([]uint32, r.ValueLen)
	for i := range v {
		v[i] = xgb.Get32(r.Value[4*i:])
	}
	return v
}

// setProp32 sets a property of 32-bit items of type typ with the test's
// client.
func (d *desk) setProp32(w xproto.Window, name string, typ xproto.Atom, v ...uint32) {
	d.t.Helper()
	b := make([]byte, 4*len(v))
	for i, x := range v {
		xgb.Put32(b[4*i:], x)
	}
	if err := xproto.ChangePropertyChecked(d.x, xproto.PropModeReplace, w, d.atom(name), typ, 32, uint32(len(v)), b).Check(); err != nil {
		d.t.Fatalf("ChangeProperty(%#x, %s): %v", w, name, err)
	}
}

// window makes a top-level window as a program with process id pid would,
// at r (its inside), maps it, and waits until it is shown: managed by the
// window manager, or viewable without one.
func (d *desk) window(pid int, r screen.Rect, setup ...func(xproto.Window)) xproto.Window {
	t := d.t
	t.Helper()
	id := d.bareWindow(r)
	title := fmt.Sprintf("pid %d", pid)
	if err := xproto.ChangePropertyChecked(d.x, xproto.PropModeReplace, id, xproto.AtomWmName, xproto.AtomString, 8,
		uint32(len(title)), []byte(title)).Check(); err != nil {
		t.Fatalf("setting WM_NAME: %v", err)
	}
	d.setProp32(id, "_NET_WM_PID", xproto.AtomCardinal, uint32(pid))
	for _, f := range setup {
		f(id)
	}
	if err := xproto.MapWindowChecked(d.x, id).Check(); err != nil {
		t.Fatalf("MapWindow: %v", err)
	}
	d.eventually(5*time.Second, func() (bool, string) {
		if d.wm {
			st := d.prop32(id, "WM_STATE")
			listed := slices.Contains(d.prop32(d.root, "_NET_CLIENT_LIST"), uint32(id))
			return len(st) > 0 && st[0] == 1 && listed, "openbox manages the window (WM_STATE Normal, in _NET_CLIENT_LIST)"
		}
		a, err := xproto.GetWindowAttributes(d.x, id).Reply()
		return err == nil && a.MapState == xproto.MapStateViewable, "the window is viewable"
	})
	return id
}

// bareWindow creates a top-level window at r, unmapped and without
// properties.
func (d *desk) bareWindow(r screen.Rect) xproto.Window {
	d.t.Helper()
	id, err := xproto.NewWindowId(d.x)
	if err != nil {
		d.t.Fatal(err)
	}
	scr := xproto.Setup(d.x).DefaultScreen(d.x)
	if err := xproto.CreateWindowChecked(d.x, scr.RootDepth, id, d.root, int16(r.X), int16(r.Y), uint16(r.W), uint16(r.H), 0,
		xproto.WindowClassInputOutput, scr.RootVisual, xproto.CwBackPixel, []uint32{scr.WhitePixel}).Check(); err != nil {
		d.t.Fatalf("CreateWindow: %v", err)
	}
	return id
}

// frameOf returns where the window manager's frame of w is, as X itself
// says it: the geometry of the child of the root that holds w.
func (d *desk) frameOf(w xproto.Window) screen.Rect {
	d.t.Helper()
	for {
		tr, err := xproto.QueryTree(d.x, w).Reply()
		if err != nil {
			d.t.Fatalf("QueryTree(%#x): %v", w, err)
		}
		if tr.Parent == d.root {
			break
		}
		w = tr.Parent
	}
	g, err := xproto.GetGeometry(d.x, xproto.Drawable(w)).Reply()
	if err != nil {
		d.t.Fatalf("GetGeometry(%#x): %v", w, err)
	}
	b := int(g.BorderWidth)
	return screen.Rect{X: int(g.X), Y: int(g.Y), W: int(g.Width) + 2*b, H: int(g.Height) + 2*b}
}

// xwininfoFrame returns the frame of w from what xwininfo says: where the
// window is (xwininfo -id) grown by the frame extents (xwininfo -wm).
func (d *desk) xwininfoFrame(w xproto.Window) screen.Rect {
	d.t.Helper()
	need(d.t, "xwininfo")
	id := strconv.Itoa(int(w))
	geo, err := d.run("xwininfo", "-id", id)
	if err != nil {
		d.t.Fatalf("xwininfo -id: %v: %s", err, geo)
	}
	hints, err := d.run("xwininfo", "-wm", "-id", id)
	if err != nil {
		d.t.Fatalf("xwininfo -wm -id: %v: %s", err, hints)
	}
	var r screen.Rect
	var in insets
	for _, f := range []struct {
		out, key string
		dst      *int
	}{
		{geo, "Absolute upper-left X:", &r.X}, {geo, "Absolute upper-left Y:", &r.Y},
		{geo, "Width:", &r.W}, {geo, "Height:", &r.H},
		{hints, "Frame extents:", &in.left},
	} {
		i := strings.Index(f.out, f.key)
		if i < 0 {
			if f.dst == &in.left {
				return r // no window manager: no frame
			}
			d.t.Fatalf("no %q in xwininfo's output: %s", f.key, f.out)
		}
		rest := f.out[i+len(f.key):]
		if f.dst == &in.left {
			_, err = fmt.Sscanf(rest, " %d, %d, %d, %d", &in.left, &in.right, &in.top, &in.bottom)
		} else {
			_, err = fmt.Sscan(rest, f.dst)
		}
		if err != nil {
			d.t.Fatalf("reading %q in xwininfo's output: %v", f.key, err)
		}
	}
	return in.around(r)
}

// run runs a program on the desk's display, for 10 s at most.
func (d *desk) run(name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+d.display)
	cmd.WaitDelay = time.Second
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// within runs f, failing the test when it takes more than limit: a call
// to the window system must never hang.
func within[T any](t *testing.T, limit time.Duration, what string, f func() (T, error)) (T, error) {
	t.Helper()
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-time.After(limit):
		t.Fatalf("%s did not return within %v", what, limit)
		var zero T
		return zero, nil
	}
}

// bounded is within for a function that returns only an error.
func bounded(t *testing.T, limit time.Duration, what string, f func() error) error {
	t.Helper()
	_, err := within(t, limit, what, func() (struct{}, error) { return struct{}{}, f() })
	return err
}
