package main

import (
	"fmt"
	"io"
	"strings"
)

// table is the one table make bench prints: a figure, its baseline in the
// same run, their ratio, and the goal.
type table struct{ rows [][5]string }

func (t *table) add(what, value, baseline string, ratio float64, goal string) {
	r := "—"
	if ratio > 0 {
		r = fmt.Sprintf("%.2f×", ratio)
	}
	t.rows = append(t.rows, [5]string{what, value, baseline, r, goal})
}

func (t *table) print(w io.Writer) {
	head := [5]string{"measure", "Pas à pas", "baseline (same run)", "ratio", "goal"}
	width := [5]int{}
	for _, r := range append([][5]string{head}, t.rows...) {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	line := func(r [5]string) {
		var b strings.Builder
		b.WriteString("|")
		for i, c := range r {
			b.WriteString(" " + c + strings.Repeat(" ", width[i]-len([]rune(c))) + " |")
		}
		fmt.Fprintln(w, b.String())
	}
	line(head)
	var sep [5]string
	for i := range sep {
		sep[i] = strings.Repeat("-", width[i])
	}
	line(sep)
	for _, r := range t.rows {
		line(r)
	}
}
