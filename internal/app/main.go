package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"fyne.io/fyne/v2/app"

	"pasapas/internal/datadir"
	"pasapas/internal/locale"
	"pasapas/internal/ui/kiosk"
	"pasapas/internal/visit"
	"pasapas/locales"
)

// Main is the program as started from the command line: its flags, then
// Open, Run and Close.
type Main struct {
	DataDir    string
	Fullscreen bool
	IdleAfter  time.Duration
	// Guide is the guide to open at start (--guide); empty for the welcome.
	Guide string
	// Lang is the kiosk's language at start and after each visit (--lang).
	Lang string
	// ShowVersion: print the version and stop (--version).
	ShowVersion bool
	Log         *slog.Logger
	idleSet     bool // --idle was given: it wins over the settings
	// Restart asks main to start the program again (after a restore).
	Restart bool
}

// ParseFlags reads the command line.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("pasapas", flag.ContinueOnError)
	fs.StringVar(&m.DataDir, "data", "", "data folder (default: $"+datadir.EnvVar+" or the user configuration folder)")
	fs.BoolVar(&m.Fullscreen, "fullscreen", false, "fill the screen (kiosk mode)")
	fs.DurationVar(&m.IdleAfter, "idle", visit.DefaultIdleAfter, "time without input before the idle warning (default: the centre's setting)")
	fs.StringVar(&m.Guide, "guide", "", "open the kiosk on this guide (its id, e.g. ameli-compte)")
	fs.BoolVar(&m.ShowVersion, "version", false, "print the version and stop")
	fs.StringVar(&m.Lang, "lang", "", "the visitor language the kiosk starts in and comes back to (fr, en, ar, es, pt, tr, uk)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fs.Visit(func(f *flag.Flag) { m.idleSet = m.idleSet || f.Name == "idle" })
	return nil
}

// Run opens the app on the data folder, runs it until its window closes,
// and closes it. A data folder that cannot be used is said in a window
// too: a Windows program has no console.
func (m *Main) Run(ctx context.Context) error {
	c := Config{DataDir: m.DataDir, Fullscreen: m.Fullscreen, Guide: m.Guide, Lang: m.Lang, Log: m.Log}
	if m.idleSet {
		c.IdleAfter = m.IdleAfter
	}
	a, err := Open(ctx, c)
	var se *startError
	if errors.As(err, &se) {
		m.cannotStart(se.dir, se.err)
	}
	if err != nil {
		return err
	}
	stop := a.quitOnSignal()
	err = a.Run()
	stop()
	a.Close()
	m.Restart = a.Restart()
	return err
}

// cannotStart says why the program does not start, on the terminal and in
// a window, for a minute at most.
func (m *Main) cannotStart(dir string, err error) {
	fmt.Fprintf(os.Stderr, "pasapas: %s: %v\n", dir, err)
	catalog, lerr := locale.Load(locales.Files(), m.Log)
	if lerr != nil {
		return
	}
	why := string(datadir.Why(err))
	tr := catalog.For(locale.Reference)
	kiosk.CannotStart(app.NewWithID(AppID), tr, tr.T("start."+why+".title"),
		tr.T("start."+why+".body", "Dir", dir, "Reason", err.Error()), CannotStartFor)
}

// CannotStartFor is how long the window saying why the program does not
// start stays open.
const CannotStartFor = time.Minute

// startError is a data folder the program cannot use: not made, locked by
// another copy, of an unknown role.
type startError struct {
	dir string
	err error
}

func (e *startError) Error() string { return e.dir + ": " + e.err.Error() }
func (e *startError) Unwrap() error { return e.err }
