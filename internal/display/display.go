// Package display reaches the window system: the monitors and their work
// areas, placing windows, keeping one above the others, finding the windows
// of a process, and the idle time of the whole system.
//
// The kiosk uses it to share the screen between its guide column (a Fyne
// window) and the official site (a browser it started): both are placed side
// by side, never overlapping, the guide kept above so that a click in the
// browser never covers it; and the visitor's idle time counts input in every
// window, the browser's included.
//
// A window is named by its native handle, as a uintptr: the X11 window id on
// Linux and the BSDs (what Fyne's driver.X11WindowContext.WindowHandle
// holds), the HWND on Windows (driver.WindowsWindowContext.HWND).
// Rectangles are screen.Rect values in physical pixels, in the desktop's
// coordinates (from the corner of the X11 root window; from the corner of
// the primary monitor on Windows, where a monitor on its left has negative
// x), and always describe a window's outer frame, its title bar and borders
// included.
//
// On X11 it speaks EWMH (the Extended Window Manager Hints,
// https://specifications.freedesktop.org/wm-spec/) to the window manager
// through github.com/jezek/xgb; without a window manager it configures the
// windows itself where that means something. On Windows it calls user32 and
// dwmapi.
package display

import (
	"errors"
	"time"

	"pasapas/internal/screen"
)

var (
	// ErrUnavailable means there is no window system to reach: no DISPLAY
	// (a text console, or Wayland without XWayland), an X server that
	// refuses the connection, or an X server without an extension a method
	// needs.
	ErrUnavailable = errors.New("display: no window system")

	// ErrNoWindowManager means an X11 display has no EWMH window manager,
	// so a request that only a window manager can keep (such as keeping a
	// window above the others) was carried out as far as the X server
	// alone allows.
	ErrNoWindowManager = errors.New("display: no window manager")

	// ErrNoWindow means a handle names no window: it was closed, or never
	// was one.
	ErrNoWindow = errors.New("display: no such window")

	// ErrNotHonoured means the window manager was asked and did not do it
	// (for instance it kept a window inside the screen, or at a minimum
	// size larger than asked).
	ErrNotHonoured = errors.New("display: the window manager did not honour the request")
)

// Conn is a connection to the window system. Its methods are safe for
// concurrent use; Close it when done.
type Conn struct {
	sys *system
}

// Open connects to the window system: on X11 the display named by $DISPLAY,
// on Windows nothing needs opening. The error wraps ErrUnavailable when
// there is no window system to reach.
func Open() (*Conn, error) {
	s, err := openSystem()
	if err != nil {
		return nil, err
	}
	return &Conn{sys: s}, nil
}

// Close ends the connection. Closing twice is harmless.
func (c *Conn) Close() error { return c.sys.close() }

// Idle returns the time since the last keyboard or pointer input anywhere on
// the system, in any window. On X11 it comes from the MIT-SCREEN-SAVER
// extension (an error wrapping ErrUnavailable without it), on Windows from
// GetLastInputInfo.
func (c *Conn) Idle() (time.Duration, error) { return c.sys.idle() }

// Monitor returns the whole rectangle of the monitor that holds most of win
// (the nearest monitor when win is on none; the primary monitor when win
// is 0).
func (c *Conn) Monitor(win uintptr) (screen.Rect, error) { return c.sys.monitor(win) }

// WorkArea returns the usable part of the monitor that holds most of win
// (see Monitor): the monitor less the task bars and panels. On X11 it is
// the monitor intersected with the window manager's _NET_WORKAREA for the
// current desktop, or the whole monitor when no window manager sets one.
// _NET_WORKAREA is one rectangle for the whole desktop: with several
// monitors, a panel along the top of one also shortens the others.
func (c *Conn) WorkArea(win uintptr) (screen.Rect, error) { return c.sys.workArea(win) }

// Frame returns where win's outer frame is on the screen, decorations
// included. The error wraps ErrNoWindow when win is not a window.
func (c *Conn) Frame(win uintptr) (screen.Rect, error) { return c.sys.frame(win) }

// Place puts win's outer frame, decorations included, exactly at r. A
// maximized or fullscreen window is first brought back to its normal state.
// It returns once the frame is at r (about 10-25 ms under openbox); when a
// window manager puts it elsewhere (a window whose minimum size is larger
// than r, say), Place corrects once, and after 1.5 s at most returns an
// error wrapping ErrNotHonoured. The error wraps
// ErrNoWindow when win is not a window. On X11 it asks the window manager
// with _NET_MOVERESIZE_WINDOW, or configures the window itself when there
// is none. A browser's client-side shadows (_GTK_FRAME_EXTENTS) count as
// part of its frame, as they are painted without a compositor.
func (c *Conn) Place(win uintptr, r screen.Rect) error { return c.sys.place(win, r) }

// SetAbove asks that win be kept above the other windows (above true), or
// stacked normally again (false). The window manager applies it a moment
// later; IsAbove tells whether it did. On X11 without a window manager the
// window is raised once when above is true, and the error wraps
// ErrNoWindowManager since nothing will keep it above.
func (c *Conn) SetAbove(win uintptr, above bool) error { return c.sys.setAbove(win, above) }

// IsAbove reports whether win is currently kept above the others: on X11
// whether its _NET_WM_STATE holds _NET_WM_STATE_ABOVE (always false without
// a window manager), on Windows whether it is topmost.
func (c *Conn) IsAbove(win uintptr) (bool, error) { return c.sys.isAbove(win) }

// SetUndecorated removes win's title bar and borders (undecorated true), or
// gives them back. A kiosk column needs neither a title bar nor a close
// button. On X11 it sets the _MOTIF_WM_HINTS property, which window
// managers honour; without a window manager nothing draws decorations and
// the property is simply kept for one that starts later.
func (c *Conn) SetUndecorated(win uintptr, undecorated bool) error {
	return c.sys.setUndecorated(win, undecorated)
}

// Maximize makes win fill the work area of its monitor, in the window
// manager's maximized state. On X11 without a window manager it places win
// on WorkArea(win).
func (c *Conn) Maximize(win uintptr) error { return c.sys.maximize(win) }

// Fullscreen makes win cover its whole monitor, above task bars and panels
// (on true), or brings it back from that state (false). On X11 it is the
// window manager's fullscreen state; without a window manager, on places
// win on Monitor(win) and raises it, and off does nothing: Place it
// afterwards. On Windows, on places the frame on the monitor and keeps it
// topmost (undecorate the window first, or its title bar shows), and off
// only ends the topmost: Place it afterwards.
func (c *Conn) Fullscreen(win uintptr, on bool) error { return c.sys.fullscreen(win, on) }

// Activate raises win, restoring it if minimized, and gives it the keyboard
// focus.
func (c *Conn) Activate(win uintptr) error { return c.sys.activate(win) }

// WindowsOf returns the shown top-level windows that belong to any of the
// processes pids, minimized ones included, in the window manager's order
// (the order they were mapped in), or none. On X11 a window belongs to the
// process named by its _NET_WM_PID property, as every current toolkit and
// browser sets it; on Windows, to the process that created it.
func (c *Conn) WindowsOf(pids []int) ([]uintptr, error) { return c.sys.windowsOf(pids) }

// pidSet returns the positive pids as a set, in the width both window
// systems use for a process id.
func pidSet(pids []int) map[uint32]bool {
	want := make(map[uint32]bool, len(pids))
	for _, p := range pids {
		if p > 0 {
			want[uint32(p)] = true
		}
	}
	return want
}
