package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// work runs the kiosk's step-change benchmark (Fyne's test driver: the
// program's own work, no painting) and keeps its p50 and p95.
func work(t *table) error {
	cmd := exec.Command("go", "test", "-tags", "ci", "-run", "^$", "-bench", "StepChange", "-benchtime", "300x", "./internal/ui/kiosk/")
	cmd.Env = append(os.Environ(), "LANG=fr_FR.UTF-8")
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("step benchmark: %w\n%s", err, out)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	name := ""
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 0 && strings.HasPrefix(f[0], "BenchmarkStepChange/") {
			name = strings.TrimPrefix(f[0], "BenchmarkStepChange/")
			if i := strings.LastIndex(name, "-"); i > 0 {
				name = name[:i]
			}
		}
		for i := 1; i < len(f); i++ { // the figures may follow on the next line (a log line between)
			if f[i] == "p50-ms" || f[i] == "p95-ms" {
				v, _ := strconv.ParseFloat(f[i-1], 64)
				p := strings.TrimSuffix(f[i], "-ms")
				t.add("own work per step, "+p+" ("+name+")", ms(v), "goal 2 ms", v/2, "≤ 2 ms at p95")
			}
		}
	}
	return nil
}
