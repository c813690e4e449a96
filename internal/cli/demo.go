package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"pasapas/internal/datadir"
	"pasapas/internal/demo"
	"pasapas/internal/sqlite"
)

// demoFill fills an empty database with demo activity:
//
//	pasapasctl demo --data DIR [--months 12] [--seed 1]
//
// It prints what it wrote and the demo accounts' secrets. A database that
// already holds activity is refused (status 1); bad flags give status 2.
func demoFill(args []string, stdout, stderr io.Writer) int {
	fs, dataFlag := commandFlags("pasapasctl demo", stderr)
	months := fs.Int("months", demo.DefaultMonths, fmt.Sprintf("months of activity, from 1 to %d", demo.MaxMonths))
	seed := fs.Uint64("seed", demo.DefaultSeed, "seed of the activity: the same seed gives the same data")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: pasapasctl demo --data DIR [--months 12] [--seed 1]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 || *months < 1 || *months > demo.MaxMonths || *seed == 0 {
		fmt.Fprintf(stderr, "pasapasctl demo: --months must be from 1 to %d and --seed at least 1, with no other argument\n",
			demo.MaxMonths)
		fs.Usage()
		return 2
	}
	dir, err := datadir.Resolve(*dataFlag, os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl: %v\n", err)
		return 1
	}
	if err := datadir.Create(dir); err != nil {
		fmt.Fprintf(stderr, "pasapasctl: %v\n", err)
		return 1
	}
	path := filepath.Join(dir, sqlite.FileName)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl: open %s: %v\n", path, err)
		return 1
	}
	res, err := demo.Fill(ctx, db, demo.Options{Months: *months, Seed: *seed})
	if cerr := db.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if errors.Is(err, demo.ErrNotEmpty) {
		fmt.Fprintf(stderr, "pasapasctl: %s already holds activity (visits, accompaniments, workshops or beneficiaries): "+
			"demo data only goes into an empty database; choose another --data folder\n", path)
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl: demo data in %s: %v\n", path, err)
		return 1
	}
	fmt.Fprintf(stdout, "Demo data written to %s (seed %d, %d months, %s to %s):\n", path, *seed, *months,
		res.From, res.To.AddDays(-1))
	fmt.Fprintf(stdout, "  %d kiosk visits\n  %d accompaniments\n  %d workshops, %d sessions\n  %d named beneficiaries\n",
		res.Visits, res.Accompaniments, res.Workshops, res.Sessions, res.Beneficiaries)
	if len(res.Accounts) > 0 {
		fmt.Fprintln(stdout, "Demo accounts (note the secrets: they are not shown again):")
		for _, a := range res.Accounts {
			fmt.Fprintf(stdout, "  %-18s %-12s %s\n", a.Name, a.Role, a.Secret)
		}
	}
	return 0
}
