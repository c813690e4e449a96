package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// startup runs the shared start-up bench (the kiosk, a bare Fyne window
// and a Chromium kiosk, interleaved, cold and warm) and keeps the medians
// of its paired ratios.
func startup(t *table, dir string, rounds int, b builds, data string) error {
	script := filepath.Join(dir, "startup")
	if _, err := os.Stat(script); err != nil {
		return fmt.Errorf("the shared start-up bench is not at %s: %w", script, err)
	}
	kiosk, err := shim(filepath.Dir(b.kiosk), b.kiosk)
	if err != nil {
		return err
	}
	cmd := exec.Command(script, "-n", strconv.Itoa(rounds), "--", kiosk, "--data", data)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("%s: %w\n%s", script, err, out)
	}
	os.Stdout.Write(out)
	var mode, metric, app, bare, chr string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		f := strings.Fields(line)
		switch {
		case len(f) > 4 && (f[0] == "cold" || f[0] == "warm"):
			mode = f[0]
			metric = strings.Join(f[1:4], " ")
			parts := strings.Split(line, "|")
			app, bare, chr = median(parts[0]), median(parts[1]), median(parts[2])
		case strings.HasPrefix(strings.TrimSpace(line), "ratio app/"):
			on := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "ratio app/"), ":")
			on = on[:strings.Index(on, ":")]
			r, _ := strconv.ParseFloat(median(line), 64)
			if metric == "peak PSS MiB" {
				continue // RSS is what the goal is on; PSS is in the visit row
			}
			base, goal := bare, "≤ 1.1×"
			if on == "Chromium" {
				base, goal = chr, "≤ 0.5×"
			}
			unit := " ms"
			what := mode + " start, first pixels"
			if strings.HasPrefix(metric, "peak RSS") {
				unit, what, goal = " MiB", mode+" start, peak RSS", "≤ 1.1× bare"
				if on == "Chromium" {
					goal = "—"
				}
			}
			t.add(what, app+unit, on+" "+base+unit, r, goal)
		}
	}
	return nil
}

// shim writes beside bin a script the shared start-up bench starts in its
// place. The bench hands the program it measures "app MODE ROUND" before
// the program's own arguments (its run function passes its own "$@" on):
// pasapas stops reading flags at the first word that is not one, never saw
// --data, and every start measured was the installation on a new data
// folder, with the mediator space's window over the kiosk. The script
// drops those three words and execs the program (the process measured is
// the program itself); for a cold start it first evicts the program from
// the page cache, as the bench does for what it is given (GNU dd,
// iflag=nocache: a few milliseconds, counted in the program's time).
func shim(dir, bin string) (string, error) {
	path := filepath.Join(dir, "startup-shim")
	script := "#!/bin/sh\n# made by internal/bench/feel (startup.go): see shim\n" +
		"if [ \"$2\" = cold ]; then dd if='" + bin + "' iflag=nocache count=0 status=none; fi\n" +
		"shift 3\nexec '" + bin + "' \"$@\"\n"
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		return "", err
	}
	return path, nil
}

// median returns the middle of the first "min/median/max" in s.
func median(s string) string {
	for _, f := range strings.Fields(s) {
		if p := strings.Split(f, "/"); len(p) == 3 {
			return p[1]
		}
	}
	return "n/a"
}
