// Command pasapas is the Pas à pas desktop application: the kiosk that
// guides visitors through online procedures, step by step.
//
//	pasapas [--data DIR] [--fullscreen] [--idle 3m] [--guide ID] [--lang CODE]
//
// --guide opens the kiosk on one guide's first screen (a desktop shortcut
// per procedure, or a mediator starting a guide for a visitor); --lang is
// the visitor language the kiosk starts in and comes back to (fr, en, ar,
// es, pt, tr, uk).
//
// The data folder holds the database and the centre's own guides; it
// defaults to the user's configuration folder + "pasapas" and can be set
// with --data or PASAPAS_DATA.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime"

	"pasapas/internal/app"
	"pasapas/internal/version"
)

func main() {
	// Nothing in Pas à pas takes a memory profile, but the station's
	// embedded NATS server imports net/http/pprof, which keeps the runtime
	// recording the call stack of one allocation every 512 kB: a table of
	// stacks that only grows, for as long as the kiosk runs (+20 MB in 750
	// simulated visits, internal/ui/kiosk/soak_test.go). Set first thing
	// in main, as the runtime asks.
	runtime.MemProfileRate = 0
	m := &app.Main{Log: slog.New(slog.NewTextHandler(os.Stderr, nil))}
	err := m.ParseFlags(os.Args[1:])
	if err == nil && m.ShowVersion {
		fmt.Println("pasapas", version.Version)
		return
	}
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "pasapas:", err)
		os.Exit(2)
	}
	if err := m.Run(context.Background()); err != nil {
		m.Log.Error("pasapas stopped", "err", err)
		os.Exit(1)
	}
	if m.Restart {
		if err := restart(); err != nil {
			m.Log.Error("restart after restore", "err", err)
			os.Exit(1)
		}
	}
}
