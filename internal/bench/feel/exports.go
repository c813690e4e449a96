package main

import (
	"fmt"
	"os/exec"
)

// exports runs the export benchmark of 100,000 accompaniments (the data in
// memory, the writers' own time and allocations) and sets each figure
// against the goal: XLSX in 1.5 s and 150 MB allocated, CSV in
// 0.3 s.
func exports(t *table) error {
	cmd := exec.Command("go", "test", "-tags", "ci", "-run", "^$", "-bench", "Activities100k/(csv|xlsx)$",
		"-benchmem", "-benchtime", "3x", "./internal/export/")
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("export benchmark: %w\n%s", err, out)
	}
	for _, g := range []struct {
		format  string
		seconds float64
		mb      float64 // 0: no goal on memory
	}{{"xlsx", 1.5, 150}, {"csv", 0.3, 0}} {
		m := metrics(out, "BenchmarkActivities100k/"+g.format)
		s, alloc := m["ns/op"]/1e9, m["B/op"]/1e6
		if s == 0 {
			return fmt.Errorf("export benchmark: no figures for %s in\n%s", g.format, out)
		}
		t.add(fmt.Sprintf("100,000 accompaniments → %s: time", g.format), fmt.Sprintf("%.2f s", s),
			fmt.Sprintf("goal %.1f s", g.seconds), s/g.seconds, fmt.Sprintf("≤ %.1f s", g.seconds))
		goal, base, ratio := "—", "—", 0.0
		if g.mb > 0 {
			goal, base, ratio = fmt.Sprintf("≤ %.0f MB", g.mb), fmt.Sprintf("goal %.0f MB", g.mb), alloc/g.mb
		}
		t.add(fmt.Sprintf("100,000 accompaniments → %s: allocated", g.format), fmt.Sprintf("%.1f MB", alloc),
			base, ratio, goal)
	}
	return nil
}
