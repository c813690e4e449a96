package kiosk

import (
	"log/slog"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"

	"pasapas/internal/display"
	"pasapas/internal/screen"
)

// WindowDesk is the Desk of a real screen: it reaches the kiosk window
// through Fyne's native handle and moves it, and the browser's windows,
// through the window system (package display). Its window-system calls run
// on one goroutine of their own, in order.
type WindowDesk struct {
	win        fyne.Window
	conn       *display.Conn
	fullscreen bool
	log        *slog.Logger
	ops        chan func()

	mu     sync.Mutex
	handle uintptr // the kiosk's native window; 0 until shown
	area   screen.Rect
	mode   Mode
	split  screen.Split
	tree   func() []int // the browser's processes, in Column mode
	placed bool         // the browser's windows were found and placed
	// aboveChecked: whether the window manager keeps the guide above was
	// looked at (once, after it had time to apply it) and logged.
	aboveChecked bool
	keepFailed   bool // the last try to put the column back failed
}

var _ Desk = (*WindowDesk)(nil)

// SiteWait is how long the browser has to show a window: a cold start of
// Chromium on an old PC with software rendering takes well over 20 s.
const SiteWait = 90 * time.Second

// NewDesk connects to the window system for the kiosk window w. fullscreen
// is the --fullscreen choice for the Whole mode (else the window is
// maximised). It returns an error when there is no window system to talk
// to: the kiosk then keeps its window as Fyne made it.
func NewDesk(w fyne.Window, fullscreen bool, log *slog.Logger) (*WindowDesk, error) {
	conn, err := display.Open()
	if err != nil {
		return nil, err
	}
	return NewDeskOn(conn, screen.Rect{}, w, fullscreen, log), nil
}

// NewDeskOn is NewDesk over a connection already open, with the work
// area of the monitor the window will likely show on (the primary one,
// display.Conn.WorkArea(0)), or an empty one: the kiosk draws its first
// screen at that area's scale rather than changing scale, fonts and every
// text's drawing once the window is up. Start reads the window's own.
func NewDeskOn(conn *display.Conn, area screen.Rect, w fyne.Window, fullscreen bool, log *slog.Logger) *WindowDesk {
	d := &WindowDesk{win: w, conn: conn, fullscreen: fullscreen, log: log, ops: make(chan func(), 32), mode: -1, area: area}
	go func() {
		for op := range d.ops {
			op()
		}
	}()
	return d
}

// Start is called on the UI goroutine once the window is on screen: it
// takes the native handle, reads the monitor and puts the kiosk in the mode
// asked so far (the whole screen at start).
func (d *WindowDesk) Start() {
	var handle uintptr
	if nw, ok := d.win.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			switch c := ctx.(type) {
			case driver.X11WindowContext:
				handle = c.WindowHandle
			case driver.WindowsWindowContext:
				handle = c.HWND
			}
		})
	}
	if handle == 0 {
		d.log.Warn("no native window handle: the kiosk cannot share the screen with the site")
		return
	}
	d.mu.Lock()
	d.handle = handle
	mode, split := d.mode, d.split
	d.mu.Unlock()
	d.ops <- func() {
		d.readArea(handle)
		if mode < 0 {
			mode = Whole
		}
		d.apply(handle, mode, split)
	}
}

// SetFullscreen changes the Whole mode to fill the screen (a public kiosk,
// chosen at installation or in the settings) or to a maximised window, and
// applies it at once if the kiosk is in that mode.
func (d *WindowDesk) SetFullscreen(on bool) {
	d.mu.Lock()
	handle, mode, split := d.handle, d.mode, d.split
	d.mu.Unlock()
	d.ops <- func() {
		d.fullscreen = on // read only on this goroutine
		if handle != 0 && mode == Whole {
			d.apply(handle, mode, split)
		}
	}
}

// Close ends the window-system goroutine and the connection.
func (d *WindowDesk) Close() {
	close(d.ops)
	if err := d.conn.Close(); err != nil {
		d.log.Warn("close the window system connection", "err", err)
	}
}

// Area returns the work area of the kiosk's monitor, as last read.
func (d *WindowDesk) Area() screen.Rect {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.area
}

func (d *WindowDesk) readArea(handle uintptr) {
	a, err := d.conn.WorkArea(handle)
	if err != nil {
		d.log.Warn("read the screen's work area", "err", err)
		return
	}
	d.mu.Lock()
	d.area = a
	d.mu.Unlock()
}

// Idle returns the time since the last input anywhere on the screen.
func (d *WindowDesk) Idle() (time.Duration, error) { return d.conn.Idle() }

// Apply puts the kiosk window in mode m.
func (d *WindowDesk) Apply(m Mode, split screen.Split) {
	d.mu.Lock()
	d.mode, d.split = m, split
	if m == Whole {
		d.tree, d.placed = nil, false
	}
	handle := d.handle
	d.mu.Unlock()
	if handle == 0 {
		return // Start applies it
	}
	d.ops <- func() { d.apply(handle, m, split) }
}

// apply runs on the window-system goroutine.
func (d *WindowDesk) apply(handle uintptr, m Mode, split screen.Split) {
	c := d.conn
	check := func(what string, err error) {
		if err != nil {
			d.log.Warn("window system", "what", what, "mode", m, "err", err)
		}
	}
	switch m {
	case Whole:
		check("not above", c.SetAbove(handle, false))
		if d.fullscreen {
			check("undecorated", c.SetUndecorated(handle, true))
			check("fullscreen", c.Fullscreen(handle, true))
			return
		}
		check("decorated", c.SetUndecorated(handle, false))
		check("maximise", c.Maximize(handle))
	case Column:
		check("leave fullscreen", c.Fullscreen(handle, false))
		check("undecorated", c.SetUndecorated(handle, true))
		check("place column", c.Place(handle, split.Column))
		check("above", c.SetAbove(handle, true))
	case Cover:
		mon, err := c.Monitor(handle)
		check("monitor", err)
		if err == nil {
			check("undecorated", c.SetUndecorated(handle, true))
			check("place cover", c.Place(handle, mon))
			check("above", c.SetAbove(handle, true))
			check("activate", c.Activate(handle))
		}
	}
}

// ShowSite finds the browser's windows, places them beside the guide and
// brings them forward, then runs shown on the UI goroutine; missing runs
// there instead when none shows within SiteWait.
func (d *WindowDesk) ShowSite(split screen.Split, tree func() []int, shown, missing func()) {
	d.mu.Lock()
	d.tree, d.split = tree, split
	handle := d.handle
	d.mu.Unlock()
	go func() {
		deadline := time.Now().Add(SiteWait)
		for time.Now().Before(deadline) {
			wins, err := d.conn.WindowsOf(tree())
			if err != nil {
				d.log.Warn("find the browser's windows", "err", err)
			}
			if len(wins) > 0 {
				done := make(chan struct{})
				d.ops <- func() {
					defer close(done)
					d.placeSite(handle, wins, split)
					if len(wins) > 0 {
						if err := d.conn.Activate(wins[0]); err != nil {
							d.log.Warn("bring the site forward", "err", err)
						}
					}
				}
				<-done
				d.mu.Lock()
				d.placed = true
				d.mu.Unlock()
				fyne.Do(shown)
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
		d.log.Error("the browser showed no window", "after", SiteWait)
		fyne.Do(missing)
	}()
}

// placeSite puts the browser's windows at split.Site, and the guide above.
func (d *WindowDesk) placeSite(handle uintptr, wins []uintptr, split screen.Split) {
	for _, w := range wins {
		if err := d.conn.Place(w, split.Site); err != nil {
			d.log.Warn("place the site", "err", err)
		}
	}
	if handle != 0 {
		if err := d.conn.SetAbove(handle, true); err != nil {
			d.log.Warn("keep the guide above", "err", err)
		}
	}
}

// Keep puts things back when they moved in Column mode: a browser window
// maximised or dragged over the guide goes back beside it, the guide back
// in its column. It runs off the UI goroutine, about once a second.
func (d *WindowDesk) Keep() {
	d.mu.Lock()
	mode, split, tree, placed, handle := d.mode, d.split, d.tree, d.placed, d.handle
	d.mu.Unlock()
	if mode != Column || tree == nil || !placed || handle == 0 {
		return
	}
	wins, err := d.conn.WindowsOf(tree())
	if err != nil || len(wins) == 0 {
		return
	}
	d.mu.Lock()
	check := !d.aboveChecked
	d.aboveChecked = true
	d.mu.Unlock()
	done := make(chan struct{})
	d.ops <- func() {
		defer close(done)
		if above, err := d.conn.IsAbove(handle); check && err == nil && !above {
			d.log.Warn("the window manager does not keep the guide above the site; Keep puts the site back beside it when it moves")
		}
		if f, err := d.conn.Frame(handle); err == nil && f != split.Column {
			err := d.conn.Place(handle, split.Column)
			d.mu.Lock()
			first := !d.keepFailed
			d.keepFailed = err != nil
			d.mu.Unlock()
			switch {
			case err == nil:
				d.log.Info("guide column moved: put back", "was", f.String(), "column", split.Column.String())
			case first: // said once, not every second
				d.log.Warn("the guide column cannot be put back", "was", f.String(), "err", err)
			}
		}
		for _, w := range wins {
			f, err := d.conn.Frame(w)
			if err == nil && f.Overlaps(split.Column) {
				d.log.Info("site window over the guide: put back", "was", f.String(), "site", split.Site.String())
				d.placeSite(handle, []uintptr{w}, split)
			}
		}
	}
	<-done
}
