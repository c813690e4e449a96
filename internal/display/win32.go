//go:build windows

package display

import (
	"fmt"
	"unsafe"

	"golang.org/x/sys/windows"

	"pasapas/internal/screen"
)

// This file declares the Win32 functions and structures that
// golang.org/x/sys/windows lacks, as the Windows SDK headers (winuser.h,
// sysinfoapi.h) define them.

// Window styles and the indexes of GetWindowLongPtrW (winuser.h).
const (
	gwlStyle   = -16
	gwlExStyle = -20

	wsCaption     = 0x00C00000
	wsSysMenu     = 0x00080000
	wsThickFrame  = 0x00040000
	wsMinimizeBox = 0x00020000
	wsMaximizeBox = 0x00010000
	wsExTopmost   = 0x00000008

	// wsDecorations are the parts of WS_OVERLAPPEDWINDOW beyond the bare
	// window: the title bar and its buttons, the resizing border.
	wsDecorations = wsCaption | wsSysMenu | wsThickFrame | wsMinimizeBox | wsMaximizeBox
)

// ShowWindow commands, SetWindowPos flags and special windows, GetWindow
// and MonitorFromWindow arguments (winuser.h).
const (
	swShowNoActivate = 4
	swMaximize       = 3
	swRestore        = 9

	swpNoSize        = 0x0001
	swpNoMove        = 0x0002
	swpNoZOrder      = 0x0004
	swpNoActivate    = 0x0010
	swpFrameChanged  = 0x0020
	swpNoOwnerZOrder = 0x0200

	gwOwner = 4

	monitorDefaultToPrimary = 1
	monitorDefaultToNearest = 2
)

// hwndTopmost and hwndNoTopmost are HWND_TOPMOST ((HWND)-1) and
// HWND_NOTOPMOST ((HWND)-2).
const (
	hwndTopmost   = ^uintptr(0)
	hwndNoTopmost = ^uintptr(1)
)

// monitorInfo is MONITORINFO; cbSize must hold its size.
type monitorInfo struct {
	cbSize    uint32
	rcMonitor windows.Rect
	rcWork    windows.Rect
	dwFlags   uint32
}

// lastInputInfo is LASTINPUTINFO; cbSize must hold its size.
type lastInputInfo struct {
	cbSize uint32
	dwTime uint32
}

// procs are the functions of user32.dll and kernel32.dll this package
// calls, loaded when the connection opens.
type procs struct {
	setWindowPos, showWindow, isZoomed, isIconic, getWindow  *windows.LazyProc
	getWindowRect, getWindowLongPtr, setWindowLongPtr        *windows.LazyProc
	monitorFromWindow, getMonitorInfo, getLastInputInfo      *windows.LazyProc
	setForegroundWindow, bringWindowToTop, attachThreadInput *windows.LazyProc
	getTickCount                                             *windows.LazyProc
}

// loadProcs finds every function, so that no call panics later.
func loadProcs() (procs, error) {
	user32 := windows.NewLazySystemDLL("user32.dll")
	kernel32 := windows.NewLazySystemDLL("kernel32.dll")
	// On 32-bit Windows, GetWindowLongPtrW is a macro for GetWindowLongW.
	get, set := "GetWindowLongPtrW", "SetWindowLongPtrW"
	if unsafe.Sizeof(uintptr(0)) == 4 {
		get, set = "GetWindowLongW", "SetWindowLongW"
	}
	p := procs{
		setWindowPos:        user32.NewProc("SetWindowPos"),
		showWindow:          user32.NewProc("ShowWindow"),
		isZoomed:            user32.NewProc("IsZoomed"),
		isIconic:            user32.NewProc("IsIconic"),
		getWindow:           user32.NewProc("GetWindow"),
		getWindowRect:       user32.NewProc("GetWindowRect"),
		getWindowLongPtr:    user32.NewProc(get),
		setWindowLongPtr:    user32.NewProc(set),
		monitorFromWindow:   user32.NewProc("MonitorFromWindow"),
		getMonitorInfo:      user32.NewProc("GetMonitorInfoW"),
		getLastInputInfo:    user32.NewProc("GetLastInputInfo"),
		setForegroundWindow: user32.NewProc("SetForegroundWindow"),
		bringWindowToTop:    user32.NewProc("BringWindowToTop"),
		attachThreadInput:   user32.NewProc("AttachThreadInput"),
		getTickCount:        kernel32.NewProc("GetTickCount"),
	}
	for _, f := range []*windows.LazyProc{
		p.setWindowPos, p.showWindow, p.isZoomed, p.isIconic, p.getWindow,
		p.getWindowRect, p.getWindowLongPtr, p.setWindowLongPtr,
		p.monitorFromWindow, p.getMonitorInfo, p.getLastInputInfo,
		p.setForegroundWindow, p.bringWindowToTop, p.attachThreadInput, p.getTickCount,
	} {
		if err := f.Find(); err != nil {
			return procs{}, fmt.Errorf("%w: %w", ErrUnavailable, err)
		}
	}
	return p, nil
}

// call calls f and returns its result, or an error naming f when the
// result is 0, which all the functions called this way return on failure.
func call(f *windows.LazyProc, args ...uintptr) (uintptr, error) {
	r, _, err := f.Call(args...)
	if r != 0 {
		return r, nil
	}
	if err == nil || err == windows.Errno(0) {
		return 0, fmt.Errorf("display: %s failed", f.Name)
	}
	return 0, fmt.Errorf("display: %s: %w", f.Name, err)
}

// flag calls f, a function returning a BOOL that is no failure (IsZoomed,
// IsIconic), and returns it.
func flag(f *windows.LazyProc, args ...uintptr) bool {
	r, _, _ := f.Call(args...) // the last error means nothing for these
	return r != 0
}

// rect converts a Win32 RECT.
func rect(r windows.Rect) screen.Rect {
	return screen.Rect{X: int(r.Left), Y: int(r.Top), W: int(r.Right - r.Left), H: int(r.Bottom - r.Top)}
}
