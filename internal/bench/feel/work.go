package main

import (
	"fmt"
	"os"
	"os/exec"
)

// work runs the kiosk's step-change benchmark (Fyne's test driver: the
// program's own work, no painting) and keeps its p50 and p95, in elapsed
// time and in the UI thread's CPU time (which the other programs of a busy
// machine do not lengthen).
func work(t *table) error {
	cmd := exec.Command("go", "test", "-tags", "ci", "-run", "^$", "-bench", "StepChange", "-benchtime", "300x", "./internal/ui/kiosk/")
	cmd.Env = append(os.Environ(), "LANG=fr_FR.UTF-8")
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("step benchmark: %w\n%s", err, out)
	}
	for _, name := range []string{"whole/fr", "whole/ar", "column/fr"} {
		m := metrics(out, "BenchmarkStepChange/"+name)
		for _, p := range []string{"p50", "p95"} {
			wall, cpu := m[p+"-ms"], m["cpu-"+p+"-ms"]
			what := fmt.Sprintf("own work per step, %s (%s): CPU; elapsed", p, name)
			value, ratio := "—; "+ms(wall), wall/2
			if cpu > 0 { // the ratio on the CPU time: the program's own work
				value, ratio = ms(cpu)+"; "+ms(wall), cpu/2
			}
			goal := "—"
			if p == "p95" {
				goal = "≤ 2 ms at p95"
			}
			t.add(what, value, "goal 2 ms", ratio, goal)
		}
	}
	return nil
}
