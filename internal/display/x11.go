//go:build !windows

package display

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/screensaver"
	"github.com/jezek/xgb/xinerama"
	"github.com/jezek/xgb/xproto"

	"pasapas/internal/screen"
)

// This file holds the X11 connection: opening it, reading properties, the
// monitors and work areas, a window's frame and the idle time. ewmh.go asks
// the window manager for changes, x11_clients.go finds a process's windows.

// extensionInit serializes the initialization of X extensions: xgb records
// each extension's event and error decoders in package-level tables, which
// two connections opening at once would write together. It is this
// package's one global, forced by xgb's.
var extensionInit sync.Mutex

// system is an X11 connection to the display named by $DISPLAY, on its
// default screen.
type system struct {
	x        *xgb.Conn
	root     xproto.Window
	atom     atoms
	saver    bool // the MIT-SCREEN-SAVER extension is there (Idle)
	xinerama bool // the XINERAMA extension is there (monitors)
	closing  sync.Once
}

// atoms are the X atoms this package uses, interned once when the
// connection opens.
type atoms struct {
	supportingWMCheck, supported, clientList, workArea, currentDesktop  xproto.Atom
	activeWindow, moveResizeWindow, frameExtents, wmPID, netWMState     xproto.Atom
	stateAbove, stateMaxVert, stateMaxHorz, stateFullscreen, motifHints xproto.Atom
	wmState                                                             xproto.Atom
}

// names pairs each atom with its name.
func (a *atoms) names() []struct {
	name string
	atom *xproto.Atom
} {
	return []struct {
		name string
		atom *xproto.Atom
	}{
		{"_NET_SUPPORTING_WM_CHECK", &a.supportingWMCheck},
		{"_NET_SUPPORTED", &a.supported},
		{"_NET_CLIENT_LIST", &a.clientList},
		{"_NET_WORKAREA", &a.workArea},
		{"_NET_CURRENT_DESKTOP", &a.currentDesktop},
		{"_NET_ACTIVE_WINDOW", &a.activeWindow},
		{"_NET_MOVERESIZE_WINDOW", &a.moveResizeWindow},
		{"_NET_FRAME_EXTENTS", &a.frameExtents},
		{"_NET_WM_PID", &a.wmPID},
		{"_NET_WM_STATE", &a.netWMState},
		{"_NET_WM_STATE_ABOVE", &a.stateAbove},
		{"_NET_WM_STATE_MAXIMIZED_VERT", &a.stateMaxVert},
		{"_NET_WM_STATE_MAXIMIZED_HORZ", &a.stateMaxHorz},
		{"_NET_WM_STATE_FULLSCREEN", &a.stateFullscreen},
		{"_MOTIF_WM_HINTS", &a.motifHints},
		{"WM_STATE", &a.wmState},
	}
}

// openSystem connects to $DISPLAY.
func openSystem() (*system, error) {
	name := os.Getenv("DISPLAY")
	if name == "" {
		if os.Getenv("WAYLAND_DISPLAY") != "" {
			return nil, fmt.Errorf("%w: Wayland without XWayland (DISPLAY is not set)", ErrUnavailable)
		}
		return nil, fmt.Errorf("%w: DISPLAY is not set", ErrUnavailable)
	}
	x, err := xgb.NewConnDisplay(name)
	if err != nil {
		return nil, fmt.Errorf("%w: X display %q: %w", ErrUnavailable, name, err)
	}
	s := &system{x: x, root: xproto.Setup(x).DefaultScreen(x).Root}
	// Nothing here selects events, but the server still sends a few to
	// every client (MappingNotify when the keyboard changes): read them,
	// or xgb's queue fills up and blocks the replies. Every request this
	// package makes is checked, so no X error goes this way.
	go func() {
		for {
			if ev, xerr := x.WaitForEvent(); ev == nil && xerr == nil {
				return // the connection is closed
			}
		}
	}()
	if err := s.init(); err != nil {
		x.Close()
		return nil, err
	}
	return s, nil
}

// init interns the atoms and looks for the extensions.
func (s *system) init() error {
	names := s.atom.names()
	cookies := make([]xproto.InternAtomCookie, len(names))
	for i, n := range names {
		cookies[i] = xproto.InternAtom(s.x, false, uint16(len(n.name)), n.name)
	}
	for i, n := range names {
		r, err := cookies[i].Reply()
		if err != nil {
			return fmt.Errorf("display: interning %s: %w", n.name, err)
		}
		*n.atom = r.Atom
	}
	extensionInit.Lock()
	defer extensionInit.Unlock()
	// A missing extension is not an error here: Idle says so when asked,
	// and the monitors fall back to the whole screen.
	s.saver = screensaver.Init(s.x) == nil
	s.xinerama = xinerama.Init(s.x) == nil
	return nil
}

func (s *system) close() error {
	s.closing.Do(s.x.Close)
	return nil
}

// windowError names the window in err, and turns the X errors that say
// there is no such window into ErrNoWindow.
func windowError(win xproto.Window, err error) error {
	var bw xproto.WindowError
	var bd xproto.DrawableError
	if errors.As(err, &bw) || errors.As(err, &bd) {
		return fmt.Errorf("%w: %#x", ErrNoWindow, uint32(win))
	}
	return fmt.Errorf("display: window %#x: %w", uint32(win), err)
}

// prop32 returns the items of a property made of 32-bit items (CARDINAL,
// WINDOW and ATOM lists), or nil when win has no such property.
func (s *system) prop32(win xproto.Window, prop xproto.Atom) ([]uint32, error) {
	r, err := xproto.GetProperty(s.x, false, win, prop, xproto.GetPropertyTypeAny, 0, 1<<16).Reply()
	if err != nil {
		return nil, windowError(win, err)
	}
	if r.Format != 32 {
		return nil, nil
	}
	v := make([]uint32, r.ValueLen)
	for i := range v {
		v[i] = xgb.Get32(r.Value[4*i:])
	}
	return v, nil
}

// setProp32 replaces a property made of 32-bit items of type typ.
func (s *system) setProp32(win xproto.Window, prop, typ xproto.Atom, v []uint32) error {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		xgb.Put32(b[4*i:], x)
	}
	err := xproto.ChangePropertyChecked(s.x, xproto.PropModeReplace, win, prop, typ, 32, uint32(len(v)), b).Check()
	if err != nil {
		return windowError(win, err)
	}
	return nil
}

// hasWM reports whether an EWMH window manager runs: the root's
// _NET_SUPPORTING_WM_CHECK names a window whose own property names itself
// (EWMH "_NET_SUPPORTING_WM_CHECK"); a window manager that died leaves the
// root's property naming a window that is gone.
func (s *system) hasWM() (bool, error) {
	v, err := s.prop32(s.root, s.atom.supportingWMCheck)
	if err != nil || len(v) == 0 {
		return false, err
	}
	w, err := s.prop32(xproto.Window(v[0]), s.atom.supportingWMCheck)
	if errors.Is(err, ErrNoWindow) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return len(w) > 0 && w[0] == v[0], nil
}

// supports reports whether the window manager lists atom in the root's
// _NET_SUPPORTED (EWMH "_NET_SUPPORTED").
func (s *system) supports(atom xproto.Atom) (bool, error) {
	v, err := s.prop32(s.root, s.atom.supported)
	if err != nil {
		return false, err
	}
	return slices.Contains(v, uint32(atom)), nil
}

func (s *system) idle() (time.Duration, error) {
	if !s.saver {
		return 0, fmt.Errorf("%w: the X server has no MIT-SCREEN-SAVER extension", ErrUnavailable)
	}
	r, err := screensaver.QueryInfo(s.x, xproto.Drawable(s.root)).Reply()
	if err != nil {
		return 0, fmt.Errorf("display: idle time: %w", err)
	}
	return time.Duration(r.MsSinceUserInput) * time.Millisecond, nil
}

// monitors returns the heads of the screen from Xinerama (which current
// X servers derive from RandR, and XWayland provides too), or the whole
// screen when Xinerama is absent or off.
func (s *system) monitors() ([]screen.Rect, error) {
	if s.xinerama {
		on, err := xinerama.IsActive(s.x).Reply()
		if err != nil {
			return nil, fmt.Errorf("display: xinerama: %w", err)
		}
		if on.State != 0 {
			q, err := xinerama.QueryScreens(s.x).Reply()
			if err != nil {
				return nil, fmt.Errorf("display: xinerama screens: %w", err)
			}
			mons := make([]screen.Rect, 0, len(q.ScreenInfo))
			for _, h := range q.ScreenInfo {
				mons = append(mons, screen.Rect{X: int(h.XOrg), Y: int(h.YOrg), W: int(h.Width), H: int(h.Height)})
			}
			if len(mons) > 0 {
				return mons, nil
			}
		}
	}
	g, err := xproto.GetGeometry(s.x, xproto.Drawable(s.root)).Reply()
	if err != nil {
		return nil, fmt.Errorf("display: root window: %w", err)
	}
	return []screen.Rect{{W: int(g.Width), H: int(g.Height)}}, nil
}

func (s *system) monitor(win uintptr) (screen.Rect, error) {
	mons, err := s.monitors()
	if err != nil {
		return screen.Rect{}, err
	}
	if win == 0 {
		return mons[0], nil
	}
	f, err := s.frame(win)
	if err != nil {
		return screen.Rect{}, err
	}
	return holding(f, mons), nil
}

func (s *system) workArea(win uintptr) (screen.Rect, error) {
	m, err := s.monitor(win)
	if err != nil {
		return screen.Rect{}, err
	}
	wa, ok, err := s.desktopWorkArea()
	if err != nil || !ok {
		return m, err
	}
	return usable(m, wa), nil
}

// desktopWorkArea returns the window manager's _NET_WORKAREA for the
// current desktop (EWMH "_NET_WORKAREA": x, y, width, height for each
// desktop), which spans all the monitors; ok is false when no window
// manager runs or it sets none.
func (s *system) desktopWorkArea() (wa screen.Rect, ok bool, err error) {
	wm, err := s.hasWM()
	if err != nil || !wm {
		return screen.Rect{}, false, err
	}
	v, err := s.prop32(s.root, s.atom.workArea)
	if err != nil {
		return screen.Rect{}, false, err
	}
	cur, err := s.prop32(s.root, s.atom.currentDesktop)
	if err != nil {
		return screen.Rect{}, false, err
	}
	d := 0
	if len(cur) > 0 {
		d = int(cur[0])
	}
	if len(v) < 4*(d+1) {
		d = 0 // a desktop the work area does not list: take the first
	}
	if len(v) < 4 {
		return screen.Rect{}, false, nil
	}
	q := v[4*d:]
	return screen.Rect{X: int(int32(q[0])), Y: int(int32(q[1])), W: int(q[2]), H: int(q[3])}, true, nil
}

func (s *system) frame(win uintptr) (screen.Rect, error) {
	f, _, err := s.geometry(xproto.Window(win))
	return f, err
}

// geometry returns where win's outer frame is on the screen, and the
// inside of win itself (its border excluded): the frame is the window
// grown by the window manager's _NET_FRAME_EXTENTS (EWMH
// "_NET_FRAME_EXTENTS": left, right, top, bottom), or, from a window
// manager that does not set them, the top-level window holding win.
func (s *system) geometry(win xproto.Window) (frame, inside screen.Rect, err error) {
	g, err := xproto.GetGeometry(s.x, xproto.Drawable(win)).Reply()
	if err != nil {
		return frame, inside, windowError(win, err)
	}
	t, err := xproto.TranslateCoordinates(s.x, win, s.root, 0, 0).Reply()
	if err != nil {
		return frame, inside, windowError(win, err)
	}
	inside = screen.Rect{X: int(t.DstX), Y: int(t.DstY), W: int(g.Width), H: int(g.Height)}
	bw := int(g.BorderWidth)
	outer := insets{bw, bw, bw, bw}.around(inside)
	ext, err := s.prop32(win, s.atom.frameExtents)
	if err != nil {
		return frame, inside, err
	}
	if len(ext) >= 4 {
		return insets{left: int(ext[0]), right: int(ext[1]), top: int(ext[2]), bottom: int(ext[3])}.around(outer), inside, nil
	}
	top, err := s.topLevel(win)
	if err != nil || top == win {
		return outer, inside, err
	}
	tg, err := xproto.GetGeometry(s.x, xproto.Drawable(top)).Reply()
	if err != nil {
		return frame, inside, windowError(top, err)
	}
	tb := int(tg.BorderWidth)
	return screen.Rect{X: int(tg.X), Y: int(tg.Y), W: int(tg.Width) + 2*tb, H: int(tg.Height) + 2*tb}, inside, nil
}

// topLevel returns the child of the root that holds win (a window
// manager's frame), or win itself when it is a child of the root.
func (s *system) topLevel(win xproto.Window) (xproto.Window, error) {
	for range 16 {
		t, err := xproto.QueryTree(s.x, win).Reply()
		if err != nil {
			return 0, windowError(win, err)
		}
		if t.Parent == s.root || t.Parent == 0 {
			return win, nil
		}
		win = t.Parent
	}
	return win, nil
}
