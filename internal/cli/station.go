package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"pasapas/internal/datadir"
	"pasapas/internal/room"
	"pasapas/internal/room/discovery"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
	"pasapas/internal/sqlite"
)

// The room network's commands (issue 14): make a PC the station, run it
// headless, open pairing codes, list and remove kiosks, and join a kiosk
// to its station.
const (
	stationInitUsage   = "station init --data DIR [--listen HOST:PORT] [--name NAME]   make this PC the mediator's station"
	stationRunUsage    = "station run --data DIR   run the station without its window (servers, tests); Ctrl+C stops it"
	stationCodeUsage   = "station code --data DIR   open a pairing code on the running station (valid 10 minutes, once)"
	stationKiosksUsage = "station kiosks --data DIR   list the paired kiosks, online or not"
	stationRemoveUsage = "station remove --data DIR NAME   unpair a kiosk: its credentials are refused from now on"
	kioskJoinUsage     = "kiosk join --data DIR --station HOST:PORT --code CODE [--name NAME]   pair this PC with a station as a « poste public »"
)

// roomFlags parses a room command's flags (flags may follow the
// arguments) and resolves the data folder.
func roomFlags(name string, args []string, stderr io.Writer, define func(*flag.FlagSet)) (dir string, rest []string, status int) {
	fs, data := commandFlags(name, stderr)
	if define != nil {
		define(fs)
	}
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return "", nil, 0
			}
			return "", nil, 2
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	dir, err := datadir.Resolve(*data, os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl %s: %v\n", name, err)
		return "", nil, 1
	}
	return dir, rest, -1
}

func stationInit(args []string, stdout, stderr io.Writer) int {
	var listen, name *string
	dir, rest, status := roomFlags("station init", args, stderr, func(fs *flag.FlagSet) {
		listen = fs.String("listen", fmt.Sprintf("0.0.0.0:%d", station.DefaultPort), "address the station listens on")
		name = fs.String("name", "", "the station's name on the network (default: this PC's name)")
	})
	if status >= 0 {
		return status
	}
	if len(rest) != 0 {
		fmt.Fprintln(stderr, "usage: pasapasctl "+stationInitUsage)
		return 2
	}
	if err := datadir.Create(dir); err != nil {
		fmt.Fprintf(stderr, "pasapasctl station init: %v\n", err)
		return 1
	}
	if _, err := link.Load(dir); err == nil {
		fmt.Fprintln(stderr, "pasapasctl station init: this data folder is a kiosk (« poste public »); a station needs its own")
		return 1
	}
	cfg, err := station.Init(dir, *listen, *name)
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl station init: %v\n", err)
		return 1
	}
	fp, err := station.Fingerprint(dir)
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl station init: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "This PC is now the station %q, listening on %s once it runs.\n", cfg.Name, cfg.Listen)
	fmt.Fprintf(stdout, "Certificate fingerprint (SHA-256): %s\n", fp)
	fmt.Fprintln(stdout, "Next: pasapasctl station run --data DIR (or start the app), then pasapasctl station code.")
	return 0
}

func stationRun(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return stationRunContext(ctx, args, stdout, stderr)
}

// stationRunContext runs the station until ctx ends.
func stationRunContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var verbose, announce *bool
	dir, rest, status := roomFlags("station run", args, stderr, func(fs *flag.FlagSet) {
		verbose = fs.Bool("v", false, "log what the station does")
		announce = fs.Bool("mdns", true, "announce the station on the network (mDNS/DNS-SD "+discovery.Service+")")
	})
	if status >= 0 {
		return status
	}
	if len(rest) != 0 {
		fmt.Fprintln(stderr, "usage: pasapasctl "+stationRunUsage)
		return 2
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl station run: %v\n", err)
		return 1
	}
	st, err := station.Open(ctx, dir, station.Options{Store: db, Logger: log})
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl station run: %v\n", err)
		if cerr := db.Close(); cerr != nil {
			fmt.Fprintf(stderr, "pasapasctl station run: %v\n", cerr)
		}
		return 1
	}
	fmt.Fprintf(stdout, "Station %q listening on %s (fingerprint %.16s…)\n", st.Name(), st.Addr(), st.Fingerprint())
	stopAnnounce := func() error { return nil }
	if *announce {
		if stopAnnounce, err = discovery.Advertise(st.Name(), st.Port(), st.Fingerprint()); err != nil {
			// Kiosks still reach it by address; say why they will not find it.
			fmt.Fprintf(stderr, "pasapasctl station run: not announced on the network: %v\n", err)
			stopAnnounce = func() error { return nil }
		}
	}
	<-ctx.Done()
	if err := errors.Join(stopAnnounce(), st.Close(), db.Close()); err != nil {
		fmt.Fprintf(stderr, "pasapasctl station run: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "Station stopped.")
	return 0
}

// adminDo runs fn on the running station of dir.
func adminDo(dir string, fn func(context.Context, *station.Admin) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	a, err := station.Dial(ctx, dir)
	if err != nil {
		return err
	}
	defer a.Close()
	return fn(ctx, a)
}

func stationCode(args []string, stdout, stderr io.Writer) int {
	dir, rest, status := roomFlags("station code", args, stderr, nil)
	if status >= 0 {
		return status
	}
	if len(rest) != 0 {
		fmt.Fprintln(stderr, "usage: pasapasctl "+stationCodeUsage)
		return 2
	}
	var code string
	var expires time.Time
	err := adminDo(dir, func(ctx context.Context, a *station.Admin) error {
		var err error
		code, expires, err = a.NewCode(ctx)
		return err
	})
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl station code: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, room.FormatCode(code))
	fmt.Fprintf(stderr, "Type it on the kiosk before %s (once; %d wrong tries close it).\n",
		expires.Local().Format("15:04"), room.MaxAttempts)
	return 0
}

func stationKiosks(args []string, stdout, stderr io.Writer) int {
	dir, rest, status := roomFlags("station kiosks", args, stderr, nil)
	if status >= 0 {
		return status
	}
	if len(rest) != 0 {
		fmt.Fprintln(stderr, "usage: pasapasctl "+stationKiosksUsage)
		return 2
	}
	var ks []station.KioskStatus
	running := true
	err := adminDo(dir, func(ctx context.Context, a *station.Admin) error {
		var err error
		ks, err = a.Kiosks(ctx)
		return err
	})
	if errors.Is(err, station.ErrNotRunning) {
		running = false
		var paired []station.Kiosk
		paired, err = station.ReadKiosks(dir)
		for _, k := range paired {
			ks = append(ks, station.KioskStatus{Kiosk: k})
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl station kiosks: %v\n", err)
		return 1
	}
	if len(ks) == 0 {
		fmt.Fprintln(stdout, "No kiosk is paired yet: pasapasctl station code, then pasapasctl kiosk join on the kiosk.")
		return 0
	}
	for _, k := range ks {
		state := "offline"
		switch {
		case !running:
			state = "station not running"
		case k.Online:
			state = "online"
		}
		fmt.Fprintf(stdout, "%-24s %s  paired %s  %s\n", k.Name, k.ID, k.Paired.Local().Format("2006-01-02 15:04"), state)
	}
	return 0
}

func stationRemove(args []string, stdout, stderr io.Writer) int {
	dir, rest, status := roomFlags("station remove", args, stderr, nil)
	if status >= 0 {
		return status
	}
	if len(rest) != 1 {
		fmt.Fprintln(stderr, "usage: pasapasctl "+stationRemoveUsage)
		return 2
	}
	var k station.Kiosk
	err := adminDo(dir, func(ctx context.Context, a *station.Admin) error {
		var err error
		k, err = a.RemoveKiosk(ctx, rest[0])
		return err
	})
	if errors.Is(err, station.ErrNotRunning) {
		k, err = station.RemoveOffline(dir, rest[0])
	}
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl station remove: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Kiosk %q (%s) removed: its credentials are refused from now on; its past activity stays.\n", k.Name, k.ID)
	return 0
}

func kioskJoin(args []string, stdout, stderr io.Writer) int {
	var addr, code, name *string
	dir, rest, status := roomFlags("kiosk join", args, stderr, func(fs *flag.FlagSet) {
		addr = fs.String("station", "", "the station's address, HOST:PORT")
		code = fs.String("code", "", "the pairing code the station shows")
		name = fs.String("name", "", "this kiosk's name for the mediator (default: this PC's name)")
	})
	if status >= 0 {
		return status
	}
	if len(rest) != 0 || *addr == "" || *code == "" {
		fmt.Fprintln(stderr, "usage: pasapasctl "+kioskJoinUsage)
		return 2
	}
	if *name == "" {
		h, err := os.Hostname()
		if err != nil {
			fmt.Fprintf(stderr, "pasapasctl kiosk join: give --name: %v\n", err)
			return 2
		}
		*name = h
	}
	if _, err := station.LoadConfig(dir); err == nil {
		fmt.Fprintln(stderr, "pasapasctl kiosk join: this data folder is a station; a kiosk needs its own")
		return 1
	}
	if err := datadir.Create(dir); err != nil {
		fmt.Fprintf(stderr, "pasapasctl kiosk join: %v\n", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	info, err := link.Join(ctx, dir, *addr, *code, *name)
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl kiosk join: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "This PC is now the kiosk %q (%s) of the station at %s.\n", info.Name, info.ID, info.Station)
	fmt.Fprintf(stdout, "Station certificate pinned: %s\n", info.Fingerprint)
	return 0
}
