// Command feel measures what a visitor feels of the kiosk, each figure as
// a ratio against a baseline measured in the same run, and prints one
// table: start and memory against a bare Fyne window and Chromium (through
// ../shared/bench/startup), key press → the new step on screen against a
// bare Fyne window changing a label, the kiosk's own work per step (Go
// benchmark), the statistics screen for a year of five years of demo data
// (Go benchmark, figures and widgets), the stripped binary against a bare
// Fyne window's, and the memory of a visit with the official site open.
// make bench runs it.
//
//	go run ./internal/bench/feel [-presses 120] [-rounds 5] [-startup DIR] [-data DIR] [-stats-db FILE] [-only keys,work,stats,exports,size,visit,start]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/jezek/xgb/xproto"
)

func main() {
	presses := flag.Int("presses", 120, "key presses timed per program")
	rounds := flag.Int("rounds", 5, "rounds of the start-up bench")
	startupDir := flag.String("startup", "../shared/bench", "the folder of the shared startup bench")
	data := flag.String("data", "bin/bench-kiosk", "an installed data folder for the kiosk (made when missing)")
	only := flag.String("only", "start,keys,work,stats,exports,size,visit", "what to measure")
	statsDB := flag.String("stats-db", "", "a database of pasapasctl demo --months 60 for the statistics (default: pasapas.db beside -data)")
	bin := flag.String("bin", "bin/bench", "where the programs measured are built")
	kioskBin := flag.String("kiosk", "", "measure this kiosk binary instead of building ./cmd/pasapas (before/after)")
	flag.Parse()
	want := map[string]bool{}
	for _, w := range strings.Split(*only, ",") {
		want[strings.TrimSpace(w)] = true
	}
	t := &table{}
	b, err := build(*bin)
	if err != nil {
		fail(err)
	}
	if *kioskBin != "" {
		b.kiosk = *kioskBin
	}
	if err := installed(b, *data); err != nil {
		fail(err)
	}
	if want["start"] {
		if err := startup(t, *startupDir, *rounds, b, *data); err != nil {
			fail(err)
		}
	}
	if want["keys"] {
		if err := keys(t, b, *data, *presses); err != nil {
			fail(err)
		}
	}
	if want["work"] {
		if err := work(t); err != nil {
			fail(err)
		}
	}
	if want["stats"] {
		db := *statsDB
		if db == "" {
			db = filepath.Join(filepath.Dir(filepath.Clean(*data)), "pasapas.db")
		}
		if err := stats(t, db); err != nil {
			fail(err)
		}
	}
	if want["exports"] {
		if err := exports(t); err != nil {
			fail(err)
		}
	}
	if want["size"] {
		if err := sizes(t, b, *startupDir); err != nil {
			fail(err)
		}
	}
	if want["visit"] {
		if err := visitMemory(t, b, *data); err != nil {
			fail(err)
		}
	}
	t.print(os.Stdout)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "feel:", err)
	os.Exit(1)
}

// percentile returns the p-th percentile (0–100) of ds in milliseconds.
func percentile(ds []time.Duration, p int) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := min(len(s)-1, len(s)*p/100)
	return float64(s[i].Microseconds()) / 1000
}

// keys times key → new step on screen for the kiosk (the ameli guide,
// steps 2 ⇄ 3 by Enter and Escape) and key → new label text for the bare
// window, one after the other on fresh screens.
func keys(t *table, b builds, data string, n int) error {
	home, err := os.MkdirTemp("", "feel-home-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(home)
	env := []string{"HOME=" + home, "LANG=fr_FR.UTF-8"}
	// The guide's introduction, « Commencer », four « Oui », then from
	// « Ouvrir le site » Tab Tab to « Suivant »: step 2. Then Enter goes
	// to step 3, Escape back to step 2.
	kiosk := program{name: "kiosk", args: []string{b.kiosk, "--data", data, "--guide", "ameli-compte"}, env: env,
		prepare: []xproto.Keysym{keyReturn, keyReturn, keyReturn, keyReturn, keyReturn, keyTab, keyTab, keyReturn},
		presses: []xproto.Keysym{keyReturn, keyEscape}}
	bare := program{name: "bare", args: []string{b.bare}, env: env, presses: []xproto.Keysym{keyReturn}}
	kt, err := keyToPixels(kiosk, n)
	if err != nil {
		return err
	}
	bt, err := keyToPixels(bare, n)
	if err != nil {
		return err
	}
	for _, p := range []int{50, 95} {
		k, bb := percentile(kt, p), percentile(bt, p)
		t.add(fmt.Sprintf("key → new step on screen, p%d (%d presses)", p, n), ms(k), fmt.Sprintf("bare Fyne label change %s", ms(bb)), k/bb, "≤ 1.2× at p95")
	}
	return nil
}

func ms(v float64) string { return fmt.Sprintf("%.1f ms", v) }
