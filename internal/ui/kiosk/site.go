package kiosk

import (
	"context"
	"errors"
	"net/url"
	"time"

	"pasapas/internal/browser"
	"pasapas/internal/locale"
	"pasapas/internal/screen"
)

// Browser opens the official site for the visit in a private browser, and
// closes it — deleting what it kept — when the visit ends. Its methods may
// take time (starting, killing, reading folders): the view calls them off
// the UI goroutine.
type Browser interface {
	// Open starts the browser on u, its window at r; when the visit's
	// browser already runs, it does nothing. An error wrapping
	// browser.ErrNoBrowser means no private browser is installed.
	Open(u *url.URL, r screen.Rect) error
	// Running reports whether the visit's browser still runs.
	Running() bool
	// Tree returns the browser's processes, whose windows are placed.
	Tree() []int
	// Downloads lists the documents the visitor downloaded.
	Downloads() ([]browser.Document, error)
	// CloseAll ends the browser and deletes its profile and downloads.
	CloseAll()
}

// Mode is how the kiosk window sits on the screen.
type Mode int

// Modes of the kiosk window.
const (
	// Whole: the kiosk fills the screen (no site open).
	Whole Mode = iota
	// Column: the guide is a column along one side, kept above the
	// official site, which has the rest of the screen.
	Column
	// Cover: the kiosk covers the whole screen above the site (the idle
	// warning while the site is open).
	Cover
)

// Desk places the kiosk window and the browser on the real screen: the
// window system around the kiosk. Its methods return at once; the work is
// done off the UI goroutine.
type Desk interface {
	// Area returns the usable part of the kiosk's monitor (less task
	// bars), or an empty rectangle when it is unknown.
	Area() screen.Rect
	// Apply puts the kiosk window in mode m; in Column mode at
	// split.Column, above the browser.
	Apply(m Mode, split screen.Split)
	// ShowSite places the windows of the processes tree returns at
	// split.Site and brings them forward, then calls shown from the UI
	// goroutine; when none appears in time it calls missing instead.
	ShowSite(split screen.Split, tree func() []int, shown, missing func())
	// Idle returns the time since the last input anywhere on the screen
	// (in the browser too). It may be called from any goroutine.
	Idle() (time.Duration, error)
	// Keep puts the guide column and the site back in place when they
	// moved (a browser window maximised over the guide). It is called off
	// the UI goroutine about once a second.
	Keep()
}

// sample is what the view reads off the UI goroutine every second.
type sample struct {
	idle    time.Duration
	idleOK  bool
	running bool
	docs    []browser.Document
}

// read samples the system's idle time, whether the browser still runs and
// what it downloaded. It runs off the UI goroutine.
func (v *View) read() sample {
	var s sample
	if v.Desk != nil {
		d, err := v.Desk.Idle()
		s.idle, s.idleOK = d, err == nil
		v.Desk.Keep()
	}
	if v.Browser != nil {
		s.running = v.Browser.Running()
		docs, err := v.Browser.Downloads()
		if err != nil {
			v.Log.Warn("read the visit's downloads", "err", err)
		}
		s.docs = docs
	}
	return s
}

// apply takes a sample into the visit, on the UI goroutine.
func (v *View) apply(s sample) {
	k := v.Kiosk
	if s.idleOK {
		k.NoteIdle(s.idle)
	}
	changed := false
	if k.SiteOpen() && !s.running && !v.opening {
		v.Log.Info("the official site's browser was closed")
		k.SiteClosed()
		changed = true
	}
	if has := len(s.docs) > 0; has != k.HasDocuments() {
		k.SetDocuments(has)
		changed = true
	}
	v.docs = s.docs
	if k.HelpWaiting() != v.waitingShown { // a mediator answered
		changed = true
	}
	if v.Window.Canvas().Size() != v.drawnAt { // the window was placed anew: wrap the rows for its size
		changed = true
	}
	if v.warning && s.idleOK && s.idle < 2*time.Second {
		// Someone typed or moved the pointer: the warning goes, as for a
		// tap on « Continuer ».
		v.warning = false
		changed = true
	}
	if changed {
		v.Render()
	}
	v.Tick()
}

// background runs work off the UI goroutine, one job after another: the
// browser is started and closed in the order the visitor asked. Before
// StartTimer (tests drive the view by hand) the job runs at once.
func (v *View) background(job func()) {
	if v.jobs == nil {
		job()
		return
	}
	v.jobs <- job
}

func (v *View) worker(jobs <-chan func()) {
	for job := range jobs {
		job()
	}
}

// split returns how the screen is shared for the visitor's language.
func (v *View) split() screen.Split {
	var area screen.Rect
	if v.Desk != nil {
		area = v.Desk.Area()
	}
	if area.Empty() {
		size := v.Window.Canvas().Size()
		scale := v.Window.Canvas().Scale()
		area = screen.Rect{W: int(size.Width * scale), H: int(size.Height * scale)}
	}
	return screen.Share(area, v.dir.RTL)
}

// openSite opens the guide's official site beside the guide; when the
// visit's browser already runs, it brings it forward.
func (v *View) openSite(raw string) {
	u, err := url.Parse(raw)
	if err != nil || v.Browser == nil {
		v.siteFailed(err, "no browser configured")
		return
	}
	if v.Kiosk.SiteOpen() && v.Desk != nil {
		v.Desk.ShowSite(v.split(), v.Browser.Tree, v.siteShown, v.siteMissing)
		return
	}
	split := v.split()
	v.opening = true
	key := v.visitKey()
	v.background(func() {
		err := v.Browser.Open(u, split.Site)
		v.post(func() {
			v.opening = false
			if key != v.visitKey() { // the visit ended meanwhile
				v.background(v.Browser.CloseAll)
				return
			}
			if err != nil {
				v.siteFailed(err, "")
				v.Render()
				return
			}
			v.Log.Info("official site opened", "host", u.Host)
			v.Kiosk.SiteOpened()
			v.notice = ""
			if v.Desk != nil { // until its window shows: « Le site s'ouvre. Patientez un peu. »
				v.siteWaiting = true
				v.Desk.ShowSite(v.split(), v.Browser.Tree, v.siteShown, v.siteMissing)
			}
			v.Render()
		})
	})
}

// siteFailed tells the visitor plainly that the site could not open, and
// the mediator why.
func (v *View) siteFailed(err error, why string) {
	v.Log.Error("open official site", "err", err, "why", why)
	v.notice = v.tr.T("kiosk.step.site.failed")
	if errors.Is(err, browser.ErrNoBrowser) {
		v.notice = v.tr.T("kiosk.step.site.nobrowser")
	}
	v.problem("kiosk.problem.site", err)
}

// siteShown: the browser's window is beside the guide.
func (v *View) siteShown() {
	if v.siteWaiting {
		v.siteWaiting = false
		v.Render()
	}
}

// siteMissing: the browser runs but no window of it appeared.
func (v *View) siteMissing() {
	v.siteWaiting = false
	v.Log.Error("the official site's browser shows no window: closed")
	v.problem("kiosk.problem.nowindow", nil)
	v.Kiosk.SiteClosed()
	v.background(v.Browser.CloseAll)
	v.notice = v.tr.T("kiosk.step.site.failed")
	v.Render()
}

// problem tells the mediator space what went wrong for the visitor.
func (v *View) problem(id string, err error) {
	if v.OnProblem == nil {
		return
	}
	reason := ""
	if err != nil {
		reason = err.Error()
	}
	v.OnProblem(v.Catalog.For(locale.Reference).T(id, "Reason", reason))
}

// visitKey identifies the visit in progress ("" when none).
func (v *View) visitKey() string {
	vis, ok := v.Kiosk.Visit()
	if !ok || !vis.Ended.IsZero() {
		return ""
	}
	return vis.Key
}

// mode returns where the kiosk window should be for what is on screen.
func (v *View) mode() Mode {
	switch {
	case !v.Kiosk.SiteOpen():
		return Whole
	case v.warning:
		return Cover
	}
	return Column
}

// place moves the kiosk window when its mode changed.
func (v *View) place() {
	m := v.mode()
	if v.Desk == nil || m == v.placed {
		return
	}
	v.placed = m
	v.Desk.Apply(m, v.split())
}

// printDocument sends a downloaded document to the printer, off the UI
// goroutine, and says what happened.
func (v *View) printDocument(d browser.Document) {
	if v.Print == nil {
		return
	}
	v.notice = v.tr.T("kiosk.documents.printing", "Name", d.Name)
	v.background(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		err := v.Print(ctx, d.Path)
		v.post(func() {
			if err != nil {
				v.Log.Error("print a downloaded document", "err", err)
				v.problem("kiosk.problem.print", err)
				v.notice = v.tr.T("kiosk.documents.printfailed")
			} else {
				v.notice = v.tr.T("kiosk.documents.printed", "Name", d.Name)
			}
			v.Render()
		})
	})
}

// QuickExit is how soon after it started a browser that stops is taken to
// have failed (a missing library, a sandbox refusal) rather than closed by
// the visitor.
const QuickExit = 10 * time.Second

// SiteExited is told, on the UI goroutine, that the visit's browser stopped
// by itself after running for after: err says why. A browser that stops at
// once has failed: the visitor reads it plainly, and the mediator why. A
// browser the visitor closed later gives the guide the whole screen back
// (the next reading of the sampler does it).
func (v *View) SiteExited(err error, after time.Duration) {
	if after >= QuickExit {
		v.Log.Info("the official site's browser stopped", "after", after, "err", err)
		return
	}
	v.Log.Error("the official site's browser stopped at once", "after", after, "err", err)
	v.problem("kiosk.problem.site", err)
	v.Kiosk.SiteClosed()
	v.notice = v.tr.T("kiosk.step.site.failed")
	v.Render()
}
