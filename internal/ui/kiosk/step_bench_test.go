package kiosk

import (
	"runtime"
	"slices"
	"testing"
	"time"
)

// BenchmarkStepChange is the kiosk's own work when the visitor goes from
// one step to the next or back (Suivant, Précédent): the state machine,
// building what changes and laying the window out, as Fyne's test driver
// does it (no painting). It walks the ameli guide's steps forward from
// step 2 to the last and back, one step per iteration, and reports the
// median and 95th percentile of one change besides the mean: in elapsed
// time (p50-ms, p95-ms), and in the CPU time of the UI goroutine's thread
// (cpu-p50-ms, cpu-p95-ms, on Linux), which a busy machine does not
// lengthen — the program's own work.
//
//	go test -tags ci -run '^$' -bench StepChange ./internal/ui/kiosk/
func BenchmarkStepChange(b *testing.B) {
	for _, c := range []struct {
		name   string
		lang   string
		column bool // the official site is open: the guide is a column beside it
	}{
		{"whole/fr", "fr", false},
		{"whole/ar", "ar", false},
		{"column/fr", "fr", true},
	} {
		b.Run(c.name, func(b *testing.B) {
			h := stepHarness(b, c.lang, c.column)
			last := len(h.k.Guide().In(c.lang).Steps) - 1
			forward := true
			times := make([]time.Duration, 0, b.N)
			cpu := make([]time.Duration, 0, b.N)
			runtime.LockOSThread() // threadCPU reads this goroutine's thread
			defer runtime.UnlockOSThread()
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				i := h.k.StepIndex()
				if i >= last {
					forward = false
				} else if i <= 1 {
					forward = true
				}
				c0, cpuOK := threadCPU()
				t0 := time.Now()
				if forward {
					h.v.Next.Tapped(nil)
				} else {
					h.v.Prev.Tapped(nil)
				}
				times = append(times, time.Since(t0))
				if c1, ok := threadCPU(); ok && cpuOK {
					cpu = append(cpu, c1-c0)
				}
			}
			b.StopTimer()
			if h.k.StepIndex() < 1 || h.k.StepIndex() > last {
				b.Fatalf("StepIndex() = %d after the walk, want within 1..%d", h.k.StepIndex(), last)
			}
			for _, m := range []struct {
				name string
				ds   []time.Duration
			}{{"", times}, {"cpu-", cpu}} {
				if len(m.ds) == 0 {
					continue
				}
				slices.Sort(m.ds)
				b.ReportMetric(float64(m.ds[len(m.ds)/2].Microseconds())/1000, m.name+"p50-ms")
				b.ReportMetric(float64(m.ds[len(m.ds)*95/100].Microseconds())/1000, m.name+"p95-ms")
			}
		})
	}
}

// stepHarness is a kiosk on a 1366×768 screen at the ameli guide's second
// step (the first that does not open the site), in lang; with column, the
// site was opened at the first step and the guide is a column beside it.
func stepHarness(tb testing.TB, lang string, column bool) *harness {
	tb.Helper()
	h, _ := newDeskHarness(tb, 1366, 768)
	h.k.SetLanguage(lang)
	if !h.k.OpenGuide("ameli-compte") {
		tb.Fatal("OpenGuide(ameli-compte) = false")
	}
	h.k.Begin()
	for range h.k.Guide().In(lang).Checklist {
		h.k.Answer(true)
	}
	h.v.Render()
	if column {
		h.v.Site.Tapped(nil)
	}
	h.v.Next.Tapped(nil)
	if h.k.StepIndex() != 1 {
		tb.Fatalf("StepIndex() = %d, want 1", h.k.StepIndex())
	}
	if got := h.v.mode() == Column; got != column {
		tb.Fatalf("column mode = %v, want %v", got, column)
	}
	return h
}
