package kiosk

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"pasapas/internal/visit"
)

// soakVisits is how many visits TestSoak drives: make soak asks for
// 10,000; make test runs the default (16 under the race detector,
// soak_race_test.go; 200 without it, soak_short_test.go).
var soakVisits = flag.Int("soak.visits", shortSoak, "visits TestSoak drives through the kiosk")

// The soak runs in a child process of the test, with Fyne's cache of
// drawings kept soakCache instead of a minute (FYNE_CACHE, read when Fyne
// loads). Fyne keeps what it drew for an object until the object has not
// been drawn for that long, and looks for such objects at most every
// fyneCleanEvery, when a window is painted. The real driver paints many
// times a second, and a visit lasts minutes: the cache holds the screen
// in front of the visitor. Fyne's test driver paints only when asked
// (Capture), and the soak goes through a visit in milliseconds: with a
// minute's cache, every measure would count the last minute's screens.
const (
	soakChild      = "PASAPAS_SOAK_CHILD"
	soakCache      = time.Second
	fyneCleanEvery = 10 * time.Second // internal/cache.Clean in fyne v2.7
)

// TestSoak drives -soak.visits visits through the kiosk on a fake clock —
// every screen, four screen sizes, every visitor language, text sizes,
// contrast, help answered and not, the idle warning and visits ended by
// inactivity — and checks that the kiosk can run for months: the number
// of goroutines after the last visit is the number before the first, and
// the live heap after the last visit is within 10 % of what it was after
// the 100th.
func TestSoak(t *testing.T) {
	if *soakVisits < 2*soakWays {
		t.Fatalf("-soak.visits=%d: at least %d are needed, every way of a visit twice", *soakVisits, 2*soakWays)
	}
	if os.Getenv(soakChild) == "" {
		soakInChild(t)
		return
	}
	n := *soakVisits
	// The heap after the last visit is compared with the heap after the
	// 100th; a run of fewer than 200 visits (under the race detector,
	// ten times slower) compares it with the heap at its half.
	mark := 100
	if n < 2*mark {
		mark = n / 2
	}
	// The program records no allocation for a memory profile
	// (cmd/pasapas); a test binary does, unless -test.memprofile asks:
	// the table of the allocations' call stacks grows with every new one.
	if f := flag.Lookup("test.memprofile"); f == nil || f.Value.String() == "" {
		runtime.MemProfileRate = 0
	}
	s := newSoak(t)
	p := &painter{w: s.w}
	p.paint()
	started, clock := time.Now(), s.now
	before := runtime.NumGoroutine()
	var atMark heapSize
	for i := range n {
		s.visit(i)
		p.due()
		switch {
		case i+1 == mark:
			atMark = p.measure()
			t.Logf("after visit %d: %v, %d goroutines, %v", mark, atMark, runtime.NumGoroutine(), time.Since(started).Round(time.Millisecond))
		case (i+1)%1000 == 0 && i+1 < n:
			m := p.measure()
			t.Logf("after visit %d: %v, %d goroutines, %v", i+1, m, runtime.NumGoroutine(), time.Since(started).Round(time.Millisecond))
		}
	}
	elapsed := time.Since(started)
	last := p.measure()
	after := settle(before)
	t.Logf("%d visits in %v (%v on the fake clock); goroutines %d before the first visit, %d after the last; "+
		"live heap %s after visit %d, %s after visit %d (%+.1f %%); after the last, %v",
		n, elapsed.Round(time.Millisecond), s.now.Sub(clock).Round(time.Hour), before, after,
		kB(atMark.live), mark, kB(last.live), n, 100*(float64(last.live)-float64(atMark.live))/float64(atMark.live), last)
	t.Logf("screens %v; sizes %v; languages %v; outcomes %v; browser opened %d, closed %d; printed %d; read aloud %d",
		s.seen, s.sizes, s.inLang, s.outcomes, s.browser.opens, s.browser.closes, s.prints, s.speaker.reads)

	if after != before {
		var b strings.Builder
		pprof.Lookup("goroutine").WriteTo(&b, 1) //nolint:errcheck // a strings.Builder does not fail
		t.Errorf("goroutines: %d after %d visits, want %d as before the first; by where they wait:\n%s", after, n, before, b.String())
	}
	if float64(last.live) > 1.10*float64(atMark.live) {
		t.Errorf("live heap after visit %d = %s, want within 10 %% of %s after visit %d", n, kB(last.live), kB(atMark.live), mark)
	}
	s.checkRecorded(clock, n)
}

// checkRecorded checks that the database holds the n visits, each with
// the outcome the visitor gave.
func (s *soak) checkRecorded(from time.Time, n int) {
	s.t.Helper()
	s.rec.Flush()
	vs, err := s.db.Visits(context.Background(), from, s.now.Add(time.Hour))
	if err != nil {
		s.t.Fatal(err)
	}
	got := map[visit.Outcome]int{}
	for _, v := range vs {
		got[v.Outcome]++
	}
	if len(vs) != n || fmt.Sprint(got) != fmt.Sprint(s.outcomes) {
		s.t.Errorf("visits recorded: %d %v, want %d %v", len(vs), got, n, s.outcomes)
	}
}

// soakInChild runs TestSoak again in a child process with FYNE_CACHE set,
// and shows what it measures as it goes (with -v).
func soakInChild(t *testing.T) {
	args := []string{"-test.run=^TestSoak$", "-test.count=1", "-test.v", fmt.Sprintf("-soak.visits=%d", *soakVisits)}
	if d, ok := t.Deadline(); ok {
		args = append(args, "-test.timeout="+time.Until(d).Round(time.Second).String())
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), soakChild+"=1", "FYNE_CACHE="+soakCache.String())
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var said strings.Builder // the child's output, without the program's log
	sc := bufio.NewScanner(out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if logLine.MatchString(line) {
			continue
		}
		said.WriteString(line + "\n")
		if _, figures, ok := strings.Cut(line, "soak_test.go:"); ok {
			_, figures, _ = strings.Cut(figures, " ") // after the line number
			t.Log(figures)
		}
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the soak failed (%v):\n%s", err, said.String())
	}
}

// logLine matches a line of the program's log (slog, Fyne) in the
// child's output.
var logLine = regexp.MustCompile(`^\s*\d{4}/\d\d/\d\d \d\d:\d\d:\d\d `)

// painter paints the soak's window as the real driver does, which lets
// Fyne drop the drawings of what is no longer on screen.
type painter struct {
	w    fyne.Window
	last time.Time // when the last paint ended
}

func (p *painter) paint() {
	p.w.Canvas().Capture()
	p.last = time.Now()
}

// due paints when Fyne may clean its cache again.
func (p *painter) due() {
	if time.Since(p.last) >= fyneCleanEvery {
		p.paint()
	}
}

// heapSize is the heap after a full collection: live objects, the memory
// their spans hold; and, for the log, the memory Go holds from the system
// once it returned what is free, and the process's resident memory
// (Linux: Go's, SQLite's, the program's code).
type heapSize struct{ live, inuse, held, rss uint64 }

func (h heapSize) String() string {
	s := fmt.Sprintf("live heap %s (in use %s), Go holds %s", kB(h.live), kB(h.inuse), kB(h.held))
	if h.rss > 0 {
		s += ", resident " + kB(h.rss)
	}
	return s
}

// resident returns the process's resident memory, 0 where /proc does not
// say.
func resident() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var n uint64
			fmt.Sscanf(strings.TrimSpace(v), "%d", &n) //nolint:errcheck // 0 when unreadable
			return n * 1024
		}
	}
	return 0
}

// measure waits until Fyne may clean its cache and nothing drawn before
// now is kept, paints, collects garbage and returns the heap.
func (p *painter) measure() heapSize {
	time.Sleep(max(fyneCleanEvery-time.Since(p.last), soakCache+100*time.Millisecond))
	p.paint()
	var m runtime.MemStats
	runtime.GC()
	debug.FreeOSMemory() // a second collection, and what is free goes back to the system
	runtime.ReadMemStats(&m)
	return heapSize{live: m.HeapAlloc, inuse: m.HeapInuse, held: m.Sys - m.HeapReleased, rss: resident()}
}

// settle waits up to 5 s for the goroutines to come down to want (those
// that end do it asynchronously), and returns how many there are.
func settle(want int) int {
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); n > want && time.Now().Before(deadline); n = runtime.NumGoroutine() {
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond)
	}
	return n
}

func kB(b uint64) string { return fmt.Sprintf("%d kB", b/1024) }
