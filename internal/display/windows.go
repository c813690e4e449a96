//go:build windows

package display

import (
	"fmt"
	"runtime"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"

	"pasapas/internal/screen"
)

// This file is the Windows side. Coordinates are physical pixels as long
// as the process is per-monitor DPI aware, which GLFW (under Fyne) makes
// it.

// system is the Windows window system: nothing to open but the functions
// to call.
type system struct {
	p procs

	// EnumWindows calls back through a function made once per
	// connection (Go can make only a limited number of them); enumMu
	// guards visit, what the callback does during one WindowsOf.
	enumMu sync.Mutex
	visit  func(windows.HWND)
	enumCB uintptr
}

func openSystem() (*system, error) {
	p, err := loadProcs()
	if err != nil {
		return nil, err
	}
	s := &system{p: p}
	s.enumCB = windows.NewCallback(func(h windows.HWND, _ uintptr) uintptr {
		s.visit(h)
		return 1 // go on
	})
	return s, nil
}

func (s *system) close() error { return nil }

// window checks that win is a window, and returns it as an HWND.
func window(win uintptr) (windows.HWND, error) {
	h := windows.HWND(win)
	if win == 0 || !windows.IsWindow(h) {
		return 0, fmt.Errorf("%w: %#x", ErrNoWindow, win)
	}
	return h, nil
}

func (s *system) idle() (time.Duration, error) {
	li := lastInputInfo{cbSize: uint32(unsafe.Sizeof(lastInputInfo{}))}
	if _, err := call(s.p.getLastInputInfo, uintptr(unsafe.Pointer(&li))); err != nil {
		return 0, err
	}
	now, _, _ := s.p.getTickCount.Call() // GetTickCount cannot fail
	return sinceTicks(uint32(now), li.dwTime), nil
}

// monitorInfo returns the MONITORINFO of the monitor that holds most of
// win (the nearest one), or of the primary monitor when win is 0.
func (s *system) monitorInfo(win uintptr) (monitorInfo, error) {
	how := uintptr(monitorDefaultToNearest)
	if win == 0 {
		how = monitorDefaultToPrimary
	} else if _, err := window(win); err != nil {
		return monitorInfo{}, err
	}
	hm, err := call(s.p.monitorFromWindow, win, how)
	if err != nil {
		return monitorInfo{}, err
	}
	mi := monitorInfo{cbSize: uint32(unsafe.Sizeof(monitorInfo{}))}
	if _, err := call(s.p.getMonitorInfo, hm, uintptr(unsafe.Pointer(&mi))); err != nil {
		return monitorInfo{}, err
	}
	return mi, nil
}

func (s *system) monitor(win uintptr) (screen.Rect, error) {
	mi, err := s.monitorInfo(win)
	return rect(mi.rcMonitor), err
}

func (s *system) workArea(win uintptr) (screen.Rect, error) {
	mi, err := s.monitorInfo(win)
	return rect(mi.rcWork), err
}

// rects returns the visible frame of a window and its window rectangle,
// which on Windows 10 and later is larger by invisible resizing borders.
// The visible frame is DWM's extended frame bounds, or the window
// rectangle where DWM gives none (composition off, on old systems).
func (s *system) rects(h windows.HWND) (visible, whole screen.Rect, err error) {
	var wr, fr windows.Rect
	if _, err := call(s.p.getWindowRect, uintptr(h), uintptr(unsafe.Pointer(&wr))); err != nil {
		return visible, whole, err
	}
	whole = rect(wr)
	if windows.DwmGetWindowAttribute(h, windows.DWMWA_EXTENDED_FRAME_BOUNDS, unsafe.Pointer(&fr), uint32(unsafe.Sizeof(fr))) != nil {
		return whole, whole, nil // no DWM frame: the window rectangle is what shows
	}
	return rect(fr), whole, nil
}

func (s *system) frame(win uintptr) (screen.Rect, error) {
	h, err := window(win)
	if err != nil {
		return screen.Rect{}, err
	}
	f, _, err := s.rects(h)
	return f, err
}

func (s *system) place(win uintptr, r screen.Rect) error {
	if r.Empty() {
		return fmt.Errorf("display: placing window %#x at the empty rectangle %v", win, r)
	}
	h, err := window(win)
	if err != nil {
		return err
	}
	if flag(s.p.isZoomed, win) || flag(s.p.isIconic, win) {
		// Back to the normal state, without taking the focus. ShowWindow
		// returns the former visibility, not an error.
		s.p.showWindow.Call(win, swShowNoActivate)
	}
	// The invisible borders change with the monitor's DPI: when the
	// window moved to another monitor, correct once.
	var at screen.Rect
	for range 2 {
		visible, whole, err := s.rects(h)
		if err != nil {
			return err
		}
		to := between(whole, visible).around(r)
		if _, err := call(s.p.setWindowPos, win, 0, uintptr(to.X), uintptr(to.Y), uintptr(to.W), uintptr(to.H),
			swpNoZOrder|swpNoActivate|swpNoOwnerZOrder); err != nil {
			return err
		}
		if at, _, err = s.rects(h); err != nil || at == r {
			return err
		}
	}
	return fmt.Errorf("%w: window %#x is at %v, not %v", ErrNotHonoured, win, at, r)
}

func (s *system) setAbove(win uintptr, above bool) error {
	if _, err := window(win); err != nil {
		return err
	}
	after := hwndNoTopmost
	if above {
		after = hwndTopmost
	}
	_, err := call(s.p.setWindowPos, win, after, 0, 0, 0, 0, swpNoMove|swpNoSize|swpNoActivate)
	return err
}

// long returns the window long at index i (GWL_STYLE, GWL_EXSTYLE).
func (s *system) long(win uintptr, i int32) (uintptr, error) {
	if _, err := window(win); err != nil {
		return 0, err
	}
	r, _, _ := s.p.getWindowLongPtr.Call(win, uintptr(i)) // 0 is a valid style: IsWindow checked the handle
	return r, nil
}

func (s *system) isAbove(win uintptr) (bool, error) {
	ex, err := s.long(win, gwlExStyle)
	return ex&wsExTopmost != 0, err
}

func (s *system) setUndecorated(win uintptr, undecorated bool) error {
	style, err := s.long(win, gwlStyle)
	if err != nil {
		return err
	}
	next := style | wsDecorations
	if undecorated {
		next = style &^ wsDecorations
	}
	if next == style {
		return nil
	}
	gwl := int32(gwlStyle)
	r, _, err := s.p.setWindowLongPtr.Call(win, uintptr(gwl), next)
	if r == 0 && err != nil && err != windows.Errno(0) {
		return fmt.Errorf("display: SetWindowLongPtrW: %w", err)
	}
	// The frame is drawn anew only when told so.
	_, err = call(s.p.setWindowPos, win, 0, 0, 0, 0, 0,
		swpFrameChanged|swpNoMove|swpNoSize|swpNoZOrder|swpNoActivate|swpNoOwnerZOrder)
	return err
}

func (s *system) maximize(win uintptr) error {
	if _, err := window(win); err != nil {
		return err
	}
	s.p.showWindow.Call(win, swMaximize) // returns the former visibility, not an error
	return nil
}

func (s *system) fullscreen(win uintptr, on bool) error {
	if !on {
		return s.setAbove(win, false)
	}
	m, err := s.monitor(win)
	if err != nil {
		return err
	}
	if err := s.place(win, m); err != nil {
		return err
	}
	return s.setAbove(win, true)
}

func (s *system) activate(win uintptr) error {
	if _, err := window(win); err != nil {
		return err
	}
	if flag(s.p.isIconic, win) {
		s.p.showWindow.Call(win, swRestore) // returns the former visibility, not an error
	}
	if flag(s.p.setForegroundWindow, win) {
		return nil
	}
	// Windows lets only the process that has the foreground give it away:
	// attach this thread's input to the foreground window's thread for a
	// moment, which makes this process count as that one.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	me := windows.GetCurrentThreadId()
	fg, _ := windows.GetWindowThreadProcessId(windows.GetForegroundWindow(), nil) // 0 when nothing has the foreground
	if fg != 0 && fg != me {
		if _, err := call(s.p.attachThreadInput, uintptr(me), uintptr(fg), 1); err != nil {
			return err
		}
		defer s.p.attachThreadInput.Call(uintptr(me), uintptr(fg), 0) // detaching cannot be undone if it fails
	}
	s.p.bringWindowToTop.Call(win) // best effort before the real request
	if !flag(s.p.setForegroundWindow, win) {
		return fmt.Errorf("%w: window %#x was not brought to the foreground", ErrNotHonoured, win)
	}
	return nil
}

func (s *system) windowsOf(pids []int) ([]uintptr, error) {
	want := pidSet(pids)
	if len(want) == 0 {
		return nil, nil
	}
	var found []uintptr
	s.enumMu.Lock()
	defer s.enumMu.Unlock()
	s.visit = func(h windows.HWND) {
		if !windows.IsWindowVisible(h) || flag(s.p.getWindow, uintptr(h), gwOwner) {
			return // hidden, or owned by another window (a dialog)
		}
		var cloaked uint32
		if windows.DwmGetWindowAttribute(h, windows.DWMWA_CLOAKED, unsafe.Pointer(&cloaked), 4) == nil && cloaked != 0 {
			return // on another virtual desktop, or a suspended app
		}
		var pid uint32
		if _, err := windows.GetWindowThreadProcessId(h, &pid); err == nil && want[pid] {
			found = append(found, uintptr(h))
		}
	}
	defer func() { s.visit = nil }()
	if err := windows.EnumWindows(s.enumCB, nil); err != nil {
		return nil, fmt.Errorf("display: EnumWindows: %w", err)
	}
	return found, nil
}
