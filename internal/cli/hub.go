package cli

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"pasapas/internal/room/station"
)

const stationHubUsage = "station hub --data DIR (--url tls://HOST:PORT --centre NAME [--seed FILE] [--ca FILE] | --off)   make the station a leaf of a federation's hub (anonymous activity only); it applies at the next start"

// stationHub sets or removes the federation hub in station.json. The
// address, credentials and CA are checked now, as the station will read
// them (a plain link to a hub elsewhere than on this machine is refused).
func stationHub(args []string, stdout, stderr io.Writer) int {
	var url, centre, seed, ca *string
	var off *bool
	dir, rest, status := roomFlags("station hub", args, stderr, func(fs *flag.FlagSet) {
		url = fs.String("url", "", "the hub's leaf-node address, tls://host:port")
		centre = fs.String("centre", "", "this centre's name in the federation (letters, digits, - or _)")
		seed = fs.String("seed", "", "the nkey seed file the hub knows this station by")
		ca = fs.String("ca", "", "the PEM certificate of the hub's certificate authority (default: the system's)")
		off = fs.Bool("off", false, "leave the federation")
	})
	if status >= 0 {
		return status
	}
	if len(rest) != 0 || (*off == (*url != "")) {
		fmt.Fprintln(stderr, "usage: pasapasctl "+stationHubUsage)
		return 2
	}
	cfg, err := station.LoadConfig(dir)
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl station hub: %v\n", err)
		return 1
	}
	if *off {
		cfg.Hub = nil
	} else {
		abs := func(p string) string {
			if p == "" {
				return ""
			}
			if a, err := filepath.Abs(p); err == nil {
				return a
			}
			return p
		}
		cfg.Hub = &station.Hub{URL: *url, Centre: *centre, SeedFile: abs(*seed), CAFile: abs(*ca)}
		if err := station.CheckHub(cfg.Hub); err != nil {
			fmt.Fprintf(stderr, "pasapasctl station hub: %v\n", err)
			return 1
		}
	}
	if err := station.SaveConfig(dir, cfg); err != nil {
		fmt.Fprintf(stderr, "pasapasctl station hub: %v\n", err)
		return 1
	}
	if *off {
		fmt.Fprintln(stdout, "The station leaves the federation at its next start.")
	} else {
		fmt.Fprintf(stdout, "The station joins the hub %s as %q at its next start (anonymous activity only).\n", *url, *centre)
	}
	return 0
}
