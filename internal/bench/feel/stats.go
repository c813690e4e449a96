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

// stats runs the statistics screen's benchmark (a year over five years of
// demo data: the figures, report.Compute, and the widgets, built and laid
// out by Fyne's test driver) on db, the database make bench fills with
// pasapasctl demo --months 60 (the benchmark fills one itself when db is
// missing, about 40 s more).
func stats(t *table, db string) error {
	cmd := exec.Command("go", "test", "-tags", "ci", "-run", "^$", "-bench", "StatsYear", "-benchtime", "20x", "./internal/ui/mediator/")
	cmd.Env = append(os.Environ(), "LANG=fr_FR.UTF-8")
	if _, err := os.Stat(db); err == nil {
		abs, err := filepath.Abs(db)
		if err != nil {
			return err
		}
		cmd.Env = append(cmd.Env, "PASAPAS_BENCH_DB="+abs)
	}
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("statistics benchmark: %w\n%s", err, out)
	}
	m := metrics(out, "BenchmarkStatsYear")
	fig, wid, first := m["figures-ms"], m["widgets-ms"], m["widgets-first-ms"]
	if fig == 0 && wid == 0 {
		return fmt.Errorf("statistics benchmark: no figures in\n%s", out)
	}
	t.add("statistics, a year of 5: figures (report.Compute)", ms(fig), "goal 50 ms with the widgets", fig/50, "—")
	t.add("statistics, a year of 5: widgets (median; first showing)", ms(wid)+"; "+ms(first), "goal 50 ms with the figures", wid/50, "—")
	t.add("statistics, a year of 5: figures + widgets, first showing", ms(fig+first), "goal 50 ms", (fig+first)/50, "≤ 50 ms")
	return nil
}

// metrics returns the custom metrics (value, unit) of a benchmark's line,
// which may be split by a log line.
func metrics(out []byte, name string) map[string]float64 {
	m := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	in := false
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 0 && strings.HasPrefix(f[0], "Benchmark") {
			in = f[0] == name || strings.HasPrefix(f[0], name+"-") // the next benchmark ends this one
		}
		if !in {
			continue
		}
		for i := 2; i < len(f); i++ { // "value unit" pairs after the name and the count: 12 ns/op, 3.4 p95-ms
			if _, err := strconv.ParseFloat(f[i], 64); err == nil {
				continue
			}
			if v, err := strconv.ParseFloat(f[i-1], 64); err == nil {
				m[f[i]] = v
			}
		}
	}
	return m
}
