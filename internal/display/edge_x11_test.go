//go:build !windows

package display

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jezek/xgb/xproto"

	"pasapas/internal/screen"
)

// These tests check the edges: no window manager, a closed window, one
// Conn used from several goroutines.

// TestConn_WithoutWindowManager checks what each method does on a bare X
// server: nothing hangs, and what needs a window manager says so.
func TestConn_WithoutWindowManager(t *testing.T) {
	d := newDesk(t, false)
	w := uintptr(d.window(4242, screen.Rect{X: 10, Y: 10, W: 300, H: 200}))
	other := uintptr(d.window(4343, screen.Rect{X: 20, Y: 20, W: 300, H: 200}))
	limit := 3 * time.Second
	call := func(what string, f func() error) error {
		t.Helper()
		return bounded(t, limit, what, f)
	}
	t.Run("WorkArea", func(t *testing.T) {
		for _, win := range []uintptr{0, w} {
			got, err := within(t, limit, "WorkArea", func() (screen.Rect, error) { return d.conn.WorkArea(win) })
			if err != nil || got != deskScreen {
				t.Errorf("WorkArea(%#x) = %v, %v, want the root window %v", win, got, err, deskScreen)
			}
		}
	})
	t.Run("Place", func(t *testing.T) {
		for _, r := range []screen.Rect{guideColumn, siteBeside} {
			if err := call("Place", func() error { return d.conn.Place(w, r) }); err != nil {
				t.Fatalf("Place(%#x, %v) = %v", w, r, err)
			}
			if got := d.frameOf(xproto.Window(w)); got != r {
				t.Errorf("the window is at %v after Place(%v)", got, r)
			}
			if got, err := d.conn.Frame(w); err != nil || got != r {
				t.Errorf("Frame(%#x) = %v, %v, want %v", w, got, err, r)
			}
		}
	})
	t.Run("SetAbove", func(t *testing.T) {
		err := call("SetAbove", func() error { return d.conn.SetAbove(other, true) })
		if !errors.Is(err, ErrNoWindowManager) {
			t.Errorf("SetAbove(%#x, true) = %v, want an error wrapping ErrNoWindowManager", other, err)
		}
		tree, err := xproto.QueryTree(d.x, d.root).Reply()
		if err != nil {
			t.Fatalf("QueryTree: %v", err)
		}
		if top := tree.Children[len(tree.Children)-1]; uintptr(top) != other {
			t.Errorf("the top window is %#x after SetAbove(%#x, true), want it raised", top, other)
		}
		if above, err := d.conn.IsAbove(other); err != nil || above {
			t.Errorf("IsAbove(%#x) = %v, %v, want false: nothing keeps it above", other, above, err)
		}
		if err := call("SetAbove", func() error { return d.conn.SetAbove(other, false) }); err != nil {
			t.Errorf("SetAbove(%#x, false) = %v, want nil", other, err)
		}
	})
	t.Run("SetUndecorated", func(t *testing.T) {
		if err := call("SetUndecorated", func() error { return d.conn.SetUndecorated(w, true) }); err != nil {
			t.Errorf("SetUndecorated(%#x, true) = %v", w, err)
		}
	})
	t.Run("Maximize", func(t *testing.T) {
		if err := call("Maximize", func() error { return d.conn.Maximize(w) }); err != nil {
			t.Fatalf("Maximize(%#x) = %v", w, err)
		}
		if got := d.frameOf(xproto.Window(w)); got != deskScreen {
			t.Errorf("the window is at %v after Maximize, want %v", got, deskScreen)
		}
	})
	t.Run("Fullscreen", func(t *testing.T) {
		d.must("Place", d.conn.Place(other, guideColumn))
		if err := call("Fullscreen", func() error { return d.conn.Fullscreen(other, true) }); err != nil {
			t.Fatalf("Fullscreen(%#x, true) = %v", other, err)
		}
		if got := d.frameOf(xproto.Window(other)); got != deskScreen {
			t.Errorf("the window is at %v after Fullscreen, want %v", got, deskScreen)
		}
		if err := call("Fullscreen", func() error { return d.conn.Fullscreen(other, false) }); err != nil {
			t.Errorf("Fullscreen(%#x, false) = %v", other, err)
		}
	})
	t.Run("Activate", func(t *testing.T) {
		for _, win := range []uintptr{w, other} {
			if err := call("Activate", func() error { return d.conn.Activate(win) }); err != nil {
				t.Fatalf("Activate(%#x) = %v", win, err)
			}
			f, err := xproto.GetInputFocus(d.x).Reply()
			if err != nil || uintptr(f.Focus) != win {
				t.Errorf("the focus is on %#x (%v) after Activate(%#x)", f.Focus, err, win)
			}
		}
	})
	t.Run("Idle", func(t *testing.T) {
		if _, err := within(t, limit, "Idle", d.conn.Idle); err != nil {
			t.Errorf("Idle() = %v", err)
		}
	})
}

func TestConn_ClosedWindow(t *testing.T) {
	d := newDesk(t, true)
	w := d.window(4242, screen.Rect{W: 100, H: 100})
	if err := xproto.DestroyWindowChecked(d.x, w).Check(); err != nil {
		t.Fatalf("DestroyWindow: %v", err)
	}
	win := uintptr(w)
	for _, tt := range []struct {
		name string
		call func() error
	}{
		{"Frame", func() error { _, err := d.conn.Frame(win); return err }},
		{"Monitor", func() error { _, err := d.conn.Monitor(win); return err }},
		{"WorkArea", func() error { _, err := d.conn.WorkArea(win); return err }},
		{"Place", func() error { return d.conn.Place(win, guideColumn) }},
		{"SetAbove", func() error { return d.conn.SetAbove(win, true) }},
		{"IsAbove", func() error { _, err := d.conn.IsAbove(win); return err }},
		{"SetUndecorated", func() error { return d.conn.SetUndecorated(win, true) }},
		{"Maximize", func() error { return d.conn.Maximize(win) }},
		{"Fullscreen", func() error { return d.conn.Fullscreen(win, true) }},
		{"Activate", func() error { return d.conn.Activate(win) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := bounded(t, 3*time.Second, tt.name, tt.call); !errors.Is(err, ErrNoWindow) {
				t.Errorf("%s(%#x) on a closed window = %v, want an error wrapping ErrNoWindow", tt.name, win, err)
			}
		})
	}
}

// TestConn_ConcurrentUse uses one Conn from several goroutines at once, as
// the kiosk does (an idle watch beside the window placement).
func TestConn_ConcurrentUse(t *testing.T) {
	d := newDesk(t, true)
	w := uintptr(d.window(4242, screen.Rect{W: 300, H: 200}))
	errs := make(chan error, 3)
	go func() {
		for range 50 {
			if _, err := d.conn.Idle(); err != nil {
				errs <- fmt.Errorf("Idle: %w", err)
				return
			}
		}
		errs <- nil
	}()
	go func() {
		for i := range 10 {
			if err := d.conn.Place(w, []screen.Rect{guideColumn, siteBeside}[i%2]); err != nil {
				errs <- fmt.Errorf("Place: %w", err)
				return
			}
		}
		errs <- nil
	}()
	go func() {
		for range 20 {
			if ws, err := d.conn.WindowsOf([]int{4242}); err != nil || len(ws) != 1 {
				errs <- fmt.Errorf("WindowsOf = %#x, %w", ws, err)
				return
			}
		}
		errs <- nil
	}()
	for range 3 {
		select {
		case err := <-errs:
			if err != nil {
				t.Error(err)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("the goroutines did not finish within 20 s")
		}
	}
}
