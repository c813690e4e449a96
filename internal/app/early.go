package app

import (
	"log/slog"
	"sync"

	"pasapas/assets"
	"pasapas/internal/display"
	"pasapas/internal/glossary"
	"pasapas/internal/guide"
	"pasapas/internal/screen"
)

// early is the work Open starts on goroutines of its own as it begins, so
// that it goes on while Open waits for the data folder, the database and
// the window system: the glossary and the pictograms' names, and the
// connection to the window system (round trips to the X server). Open
// takes each when it needs it.
//
// The built-in guides (tens of milliseconds of parsing and checking, seven
// languages) are loaded by the first to ask (guides): after the first
// screen, with the centre's own guides, unless the kiosk starts on a guide
// (--guide).
type early struct {
	content chan builtins
	dial    chan dialed
	taken   bool // the connection was taken (display)
	log     *slog.Logger
	guides  func() (*guide.Library, []guide.Problem)
}

// builtins is the content that comes with the program, but the guides.
type builtins struct {
	gloss    *glossary.Glossary
	problems []guide.Problem // the glossary's
	pictos   func(name string) bool
}

// dialed is the window system's connection, with the work area of the
// primary monitor.
type dialed struct {
	conn *display.Conn
	area screen.Rect
	err  error
}

// startEarly starts the early work. The built-in guides are checked
// without the centre's official sites and overrides, which concern only
// the centre's own guides.
func startEarly(log *slog.Logger) *early {
	e := &early{content: make(chan builtins, 1), dial: make(chan dialed, 1), log: log}
	e.guides = sync.OnceValues(func() (*guide.Library, []guide.Problem) {
		b := e.builtins()
		return guide.Load(guide.Options{Terms: b.gloss.Has, Pictograms: b.pictos},
			guide.Source{FS: assets.Files(), Dir: "guides", Name: "assets/guides", Builtin: true})
	})
	go func() {
		var b builtins
		b.gloss, b.problems = glossary.Load(assets.Files(), "glossary", "assets/glossary")
		var err error
		if b.pictos, err = guide.PictogramsIn(assets.Files(), "pictograms"); err != nil {
			log.Error("list the pictograms", "err", err)
		}
		e.content <- b
	}()
	go func() {
		var d dialed
		if d.conn, d.err = display.Open(); d.err == nil {
			if a, err := d.conn.WorkArea(0); err == nil {
				d.area = a
			}
		}
		e.dial <- d
	}()
	return e
}

// builtins waits for the glossary and the pictograms' names. Any
// goroutine may call it.
func (e *early) builtins() builtins {
	b := <-e.content
	e.content <- b // for the next caller
	return b
}

// display waits for the window system's connection; the caller owns it.
func (e *early) display() dialed {
	e.taken = true
	return <-e.dial
}

// close closes the window system's connection if nobody took it.
func (e *early) close() {
	if e.taken {
		return
	}
	if d := e.display(); d.conn != nil {
		if err := d.conn.Close(); err != nil {
			e.log.Warn("close the window system connection", "err", err)
		}
	}
}
