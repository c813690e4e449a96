//go:build !windows

package display

import (
	"fmt"
	"slices"
	"time"

	"github.com/jezek/xgb/xproto"

	"pasapas/internal/screen"
)

// This file asks the window manager for changes, as EWMH 1.5 describes
// (https://specifications.freedesktop.org/wm-spec/): a change of a managed
// window is a ClientMessage sent to the root window with the
// SubstructureNotify and SubstructureRedirect masks, which the window
// manager carries out a moment later, in the order it was sent. Without a
// window manager the X server itself is asked, where that means something.

// Actions of a _NET_WM_STATE message (EWMH "_NET_WM_STATE").
const (
	stateRemove = 0
	stateAdd    = 1
)

// sourcePager is the source indication of our requests (EWMH "Source
// indication in requests"): 2 is a pager or another tool acting for the
// user, which window managers obey even where they would refuse an
// application (focus stealing prevention).
const sourcePager = 2

// gravityNorthWest makes the x, y of a _NET_MOVERESIZE_WINDOW the top-left
// corner of the outer frame (ICCCM 4.1.2.3, window gravity).
const gravityNorthWest = 1

// placeWait is how long Place waits for the window manager to move a
// window before it checks and corrects once.
const placeWait = 500 * time.Millisecond

// stateData is the data of a _NET_WM_STATE message that adds or removes
// one or two states (second may be 0).
func stateData(action uint32, first, second xproto.Atom) []uint32 {
	return []uint32{action, uint32(first), uint32(second), sourcePager, 0}
}

// moveResizeData is the data of a _NET_MOVERESIZE_WINDOW message (EWMH
// "_NET_MOVERESIZE_WINDOW"): the flags (gravity in bits 0-7, which of x,
// y, width, height are given in bits 8-11, the source in bits 12-15), then
// the frame's top-left corner and the size of the client window.
func moveResizeData(x, y, w, h int) []uint32 {
	flags := uint32(gravityNorthWest | 1<<8 | 1<<9 | 1<<10 | 1<<11 | sourcePager<<12)
	return []uint32{flags, uint32(int32(x)), uint32(int32(y)), uint32(w), uint32(h)}
}

// send sends the window manager a client message of type typ about win
// (EWMH "Root Window Properties (and Related Messages)": to the root,
// with SubstructureNotify|SubstructureRedirect).
func (s *system) send(win xproto.Window, typ xproto.Atom, data []uint32) error {
	d := make([]uint32, 5)
	copy(d, data)
	ev := xproto.ClientMessageEvent{Format: 32, Window: win, Type: typ, Data: xproto.ClientMessageDataUnionData32New(d)}
	mask := uint32(xproto.EventMaskSubstructureNotify | xproto.EventMaskSubstructureRedirect)
	if err := xproto.SendEventChecked(s.x, false, s.root, mask, string(ev.Bytes())).Check(); err != nil {
		return fmt.Errorf("display: message to the window manager about %#x: %w", uint32(win), err)
	}
	return nil
}

// managed reports whether the window manager manages win: whether win has
// an ICCCM WM_STATE other than Withdrawn (ICCCM 4.1.3.1), which the window
// manager sets when it takes a window on. It is how a missing window shows
// (ErrNoWindow) too.
func (s *system) managed(win xproto.Window) (bool, error) {
	v, err := s.prop32(win, s.atom.wmState)
	if err != nil {
		return false, err
	}
	return len(v) > 0 && v[0] != 0, nil
}

// states returns win's _NET_WM_STATE atoms.
func (s *system) states(win xproto.Window) ([]uint32, error) {
	return s.prop32(win, s.atom.netWMState)
}

// changeState adds or removes one or two _NET_WM_STATE atoms (second may
// be 0). A managed window asks the window manager; a withdrawn one (not
// mapped yet, or no window manager) gets its property edited, which a
// window manager reads when the window is mapped (EWMH "_NET_WM_STATE").
func (s *system) changeState(win xproto.Window, add bool, first, second xproto.Atom) error {
	m, err := s.managed(win)
	if err != nil {
		return err
	}
	if m {
		action := uint32(stateRemove)
		if add {
			action = stateAdd
		}
		return s.send(win, s.atom.netWMState, stateData(action, first, second))
	}
	cur, err := s.states(win)
	if err != nil {
		return err
	}
	next := make([]uint32, 0, len(cur)+2)
	for _, a := range cur {
		if a != uint32(first) && a != uint32(second) {
			next = append(next, a)
		}
	}
	if add {
		next = append(next, uint32(first))
		if second != 0 {
			next = append(next, uint32(second))
		}
	}
	return s.setProp32(win, s.atom.netWMState, xproto.AtomAtom, next)
}

// raise puts win on top of its siblings, once.
func (s *system) raise(win xproto.Window) error {
	err := xproto.ConfigureWindowChecked(s.x, win, xproto.ConfigWindowStackMode, []uint32{xproto.StackModeAbove}).Check()
	if err != nil {
		return windowError(win, err)
	}
	return nil
}

func (s *system) place(win uintptr, r screen.Rect) error {
	if r.Empty() {
		return fmt.Errorf("display: placing window %#x at the empty rectangle %v", win, r)
	}
	w := xproto.Window(win)
	m, err := s.managed(w)
	if err != nil {
		return err
	}
	wm, err := s.hasWM()
	if err != nil {
		return err
	}
	ewmh := false
	if m && wm {
		if err := s.leaveFullStates(w); err != nil {
			return err
		}
		if ewmh, err = s.supports(s.atom.moveResizeWindow); err != nil {
			return err
		}
	}
	// The window manager may read the corner otherwise than EWMH says, or
	// change the decorations meanwhile: look where the frame went, and
	// correct once.
	at, dx, dy := screen.Rect{}, 0, 0
	for range 2 {
		frame, inside, err := s.geometry(w)
		if err != nil {
			return err
		}
		in := between(frame, inside).within(r)
		if ewmh {
			err = s.send(w, s.atom.moveResizeWindow, moveResizeData(r.X+dx, r.Y+dy, in.W, in.H))
		} else {
			// ICCCM 4.1.5: a window manager reads x, y as the frame's
			// corner (for the default NorthWest gravity); without one, they
			// are the window's outer corner, its border included.
			mask := uint16(xproto.ConfigWindowX | xproto.ConfigWindowY | xproto.ConfigWindowWidth | xproto.ConfigWindowHeight)
			vals := []uint32{uint32(int32(r.X + dx)), uint32(int32(r.Y + dy)), uint32(in.W), uint32(in.H)}
			if err = xproto.ConfigureWindowChecked(s.x, w, mask, vals).Check(); err != nil {
				err = windowError(w, err)
			}
		}
		if err != nil {
			return err
		}
		if at, err = s.awaitFrame(w, r, placeWait); err != nil || at == r {
			return err
		}
		dx, dy = dx+r.X-at.X, dy+r.Y-at.Y
	}
	return fmt.Errorf("%w: window %#x is at %v, not %v", ErrNotHonoured, win, at, r)
}

// leaveFullStates takes a managed window out of the maximized and
// fullscreen states, where the window manager would not move it.
func (s *system) leaveFullStates(win xproto.Window) error {
	st, err := s.states(win)
	if err != nil {
		return err
	}
	full := func(st []uint32) bool {
		return slices.Contains(st, uint32(s.atom.stateMaxVert)) || slices.Contains(st, uint32(s.atom.stateMaxHorz)) ||
			slices.Contains(st, uint32(s.atom.stateFullscreen))
	}
	if !full(st) {
		return nil
	}
	if err := s.send(win, s.atom.netWMState, stateData(stateRemove, s.atom.stateMaxVert, s.atom.stateMaxHorz)); err != nil {
		return err
	}
	if err := s.send(win, s.atom.netWMState, stateData(stateRemove, s.atom.stateFullscreen, 0)); err != nil {
		return err
	}
	// The frame extents change with the state: wait until it has changed
	// (Place checks the result anyway).
	for deadline := time.Now().Add(placeWait); full(st) && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
		if st, err = s.states(win); err != nil {
			return err
		}
	}
	return nil
}

// awaitFrame waits until win's frame is at want, or for d at most, and
// returns where the frame is.
func (s *system) awaitFrame(win xproto.Window, want screen.Rect, d time.Duration) (screen.Rect, error) {
	deadline := time.Now().Add(d)
	for {
		f, _, err := s.geometry(win)
		if err != nil || f == want || time.Now().After(deadline) {
			return f, err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (s *system) setAbove(win uintptr, above bool) error {
	w := xproto.Window(win)
	wm, err := s.hasWM()
	if err != nil {
		return err
	}
	if wm {
		return s.changeState(w, above, s.atom.stateAbove, 0)
	}
	if !above {
		return nil // nothing kept it above
	}
	if err := s.raise(w); err != nil {
		return err
	}
	return fmt.Errorf("%w: window %#x was raised once, nothing keeps it above", ErrNoWindowManager, win)
}

func (s *system) isAbove(win uintptr) (bool, error) {
	st, err := s.states(xproto.Window(win))
	if err != nil {
		return false, err
	}
	return slices.Contains(st, uint32(s.atom.stateAbove)), nil
}

// Motif window manager hints (_MOTIF_WM_HINTS: flags, functions,
// decorations, input mode, status), which every current window manager
// reads for decorations (Motif's MwmUtil.h).
const (
	motifFlagDecorations = 1 << 1 // the decorations field is set
	motifDecorAll        = 1      // all decorations
)

func (s *system) setUndecorated(win uintptr, undecorated bool) error {
	w := xproto.Window(win)
	v, err := s.prop32(w, s.atom.motifHints)
	if err != nil {
		return err
	}
	hints := make([]uint32, 5)
	copy(hints, v)
	hints[0] |= motifFlagDecorations
	hints[2] = motifDecorAll
	if undecorated {
		hints[2] = 0
	}
	return s.setProp32(w, s.atom.motifHints, s.atom.motifHints, hints)
}

func (s *system) maximize(win uintptr) error {
	wm, err := s.hasWM()
	if err != nil {
		return err
	}
	if wm {
		return s.changeState(xproto.Window(win), true, s.atom.stateMaxVert, s.atom.stateMaxHorz)
	}
	wa, err := s.workArea(win)
	if err != nil {
		return err
	}
	return s.place(win, wa)
}

func (s *system) fullscreen(win uintptr, on bool) error {
	wm, err := s.hasWM()
	if err != nil {
		return err
	}
	if wm {
		return s.changeState(xproto.Window(win), on, s.atom.stateFullscreen, 0)
	}
	if !on {
		return nil
	}
	m, err := s.monitor(win)
	if err != nil {
		return err
	}
	if err := s.place(win, m); err != nil {
		return err
	}
	return s.raise(xproto.Window(win))
}

func (s *system) activate(win uintptr) error {
	w := xproto.Window(win)
	m, err := s.managed(w)
	if err != nil {
		return err
	}
	wm, err := s.hasWM()
	if err != nil {
		return err
	}
	if m && wm {
		// EWMH "_NET_ACTIVE_WINDOW": source, timestamp (0: now), the
		// requestor's active window (none).
		return s.send(w, s.atom.activeWindow, []uint32{sourcePager, 0, 0})
	}
	if err := xproto.MapWindowChecked(s.x, w).Check(); err != nil {
		return windowError(w, err)
	}
	if wm {
		return nil // the window manager takes the window on, and focuses it
	}
	if err := s.raise(w); err != nil {
		return err
	}
	err = xproto.SetInputFocusChecked(s.x, xproto.InputFocusParent, w, xproto.TimeCurrentTime).Check()
	if err != nil {
		return windowError(w, err)
	}
	return nil
}
