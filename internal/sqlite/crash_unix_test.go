//go:build unix

package sqlite_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// R1: no acknowledged commit is lost when the process is killed at any
// instant, and no transaction is ever half applied.
//
// TestCrash_KillNine starts this test binary again as a child that writes
// real records through the store (kiosk visits, help requests, and
// accompaniments with their themes, equipment and tags) and prints a line
// after each commit returned. The parent kills it with SIGKILL at a random
// moment, sometimes before its first commit (while Open migrates), checks
// the database, and starts the next child on the same file.
//
//	go test ./internal/sqlite/ -run TestCrash -crash.cycles=200   (make crash)

var crashCycles = flag.Int("crash.cycles", 0,
	"kill -9 cycles of TestCrash_KillNine (default $PASAPAS_CRASH_CYCLES, else 20)")

const (
	crashChildEnv = "PASAPAS_CRASH_CHILD_DB"    // the child writes to this database
	crashStartEnv = "PASAPAS_CRASH_CHILD_START" // the child's first sequence number
	crashModeEnv  = "PASAPAS_CRASH_CHILD_MODE"  // "split": the negative control
	// crashCyclesEnv sets the number of cycles when -crash.cycles is not given.
	crashCyclesEnv     = "PASAPAS_CRASH_CYCLES"
	defaultCrashCycles = 20
)

func cyclesWanted(t *testing.T) int {
	if *crashCycles > 0 {
		return *crashCycles
	}
	if s := os.Getenv(crashCyclesEnv); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			t.Fatalf("Got(%q) = %q, want a positive number", crashCyclesEnv, s)
		}
		return n
	}
	return defaultCrashCycles
}

func TestCrash_KillNine(t *testing.T) {
	if path := os.Getenv(crashChildEnv); path != "" {
		crashChild(path, os.Getenv(crashStartEnv), os.Getenv(crashModeEnv))
		return
	}
	cycles := cyclesWanted(t)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, seed>>7))
	t.Logf("seed %d, %d cycles", seed, cycles)

	path := filepath.Join(t.TempDir(), sqlite.FileName)
	acked := newAcks()
	began := time.Now()
	early := 0
	for c := range cycles {
		// One cycle in five is killed without waiting for a commit, often
		// while Open creates or migrates the database.
		wait := rng.IntN(5) != 0
		if !wait {
			early++
		}
		problems := crashCycle(t, path, c, acked, "", wait, time.Duration(rng.IntN(60))*time.Millisecond)
		for _, p := range problems {
			t.Error(p)
		}
		if t.Failed() {
			t.Fatalf("cycle %d of %d failed (seed %d)", c+1, cycles, seed)
		}
	}
	if acked.total() == 0 {
		t.Fatalf("Got(%q) = 0 commits in %d cycles, want some", "children", cycles)
	}
	problems, rows := verifyCrashDatabase(t, path, acked)
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("%d cycles (%d killed before any commit) in %v: %d commits acknowledged "+
		"(%d visits, %d help requests, %d accompaniments), all present; %d rows checked, integrity ok",
		cycles, early, time.Since(began).Round(time.Millisecond), acked.total(), len(acked.visits), acked.helpCount(),
		len(acked.accompaniments), rows)
}

// acks are the records children said were saved.
type acks struct {
	visits         map[string]bool
	helps          map[string]int // visit key → help requests acknowledged
	accompaniments map[int64]bool
}

func newAcks() *acks {
	return &acks{visits: map[string]bool{}, helps: map[string]int{}, accompaniments: map[int64]bool{}}
}

func (a *acks) total() int { return len(a.visits) + a.helpCount() + len(a.accompaniments) }

func (a *acks) helpCount() int {
	n := 0
	for _, c := range a.helps {
		n += c
	}
	return n
}

// add records one line of a child.
func (a *acks) add(line string) error {
	f := strings.Fields(line)
	switch {
	case len(f) == 2 && f[0] == "visit":
		a.visits[f[1]] = true
	case len(f) == 3 && f[0] == "help":
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return err
		}
		a.helps[f[1]] = max(a.helps[f[1]], n)
	case len(f) == 2 && f[0] == "accompaniment":
		id, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return err
		}
		a.accompaniments[id] = true
	default:
		return fmt.Errorf("unexpected line %q", line)
	}
	return nil
}

// crashCycle runs one child and kills it: after its first commit and
// delay when wait, else delay after it started. It returns what is wrong
// with the database afterwards. A child of mode "split" writes help
// requests in two transactions, which the checks must catch.
func crashCycle(t *testing.T, path string, cycle int, acked *acks, mode string, wait bool, delay time.Duration) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrash_KillNine$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path, crashStartEnv+"="+strconv.Itoa(cycle*1_000_000),
		crashModeEnv+"="+mode)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "StdoutPipe", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "start child", err)
	}
	first := make(chan struct{})
	var mu sync.Mutex
	var lines []string
	read := make(chan error, 1)
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			mu.Lock()
			lines = append(lines, s.Text())
			if len(lines) == 1 {
				close(first)
			}
			mu.Unlock()
		}
		read <- s.Err()
	}()
	if wait {
		select {
		case <-first:
		case <-time.After(30 * time.Second):
			t.Errorf("Got(%q) = no commit after 30 s, want one (stderr: %s)", "child", stderr.String())
		}
	}
	time.Sleep(delay)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "kill child", err)
	}
	if err := <-read; err != nil {
		t.Errorf("Got(%q) = %v, want nil error", "read child", err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != -1 {
		t.Errorf("Got(%q) = %v, want killed by a signal (stderr: %s)", "child exit", err, stderr.String())
	}
	mu.Lock()
	defer mu.Unlock()
	for _, l := range lines {
		if err := acked.add(l); err != nil {
			t.Errorf("Got(%q) = %v, want an acknowledgement", "child line", err)
		}
	}
	// Sound, once a child has committed. Before, the first Open may have
	// been killed before creating the file (new), or while it turned the
	// new file to WAL mode, leaving a rollback journal that only a writer
	// may roll back (unchecked: Open does it).
	h := sqlite.CheckHealth(context.Background(), path)
	early := acked.total() == 0 && (h.State == sqlite.HealthNew || h.State == sqlite.HealthUnchecked)
	if h.State != sqlite.HealthSound && !early {
		t.Errorf("Got(%q) = %v, want sound", "CheckHealth after kill", h)
	}
	if acked.total() == 0 {
		return nil
	}
	problems, _ := verifyCrashDatabase(t, path, acked)
	return problems
}

// verifyCrashDatabase checks the database after a kill through a
// read-only connection (it reads the -wal as the next Open would): the
// integrity, every acknowledged record, and whole transactions only. It
// returns what is wrong and how many rows it checked.
func verifyCrashDatabase(t *testing.T, path string, acked *acks) (problems []string, rows int) {
	t.Helper()
	ctx := context.Background()
	ro, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "open read-only", err)
	}
	defer ro.Close()
	problem := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	var integrity string
	if err := ro.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("Got(%q) = %q, %v, want ok", "PRAGMA integrity_check", integrity, err)
	}

	// Whole transactions only: help_count is written in the transaction
	// that adds the help request, an accompaniment with its child rows.
	problems = append(problems, wholeTransactions(t, ro)...)

	// Every acknowledged record.
	type visitRow struct{ id, helpCount int64 }
	visits := map[string]visitRow{}
	vrows, err := ro.QueryContext(ctx, "SELECT key, id, help_count FROM visits")
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SELECT visits", err)
	}
	for vrows.Next() {
		var key string
		var v visitRow
		if err := vrows.Scan(&key, &v.id, &v.helpCount); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Scan visits", err)
		}
		visits[key] = v
	}
	vrows.Close()
	for key := range acked.visits {
		if _, ok := visits[key]; !ok {
			problem("Got(%q) = missing, want the acknowledged visit", key)
		}
	}
	for key, n := range acked.helps {
		if v, ok := visits[key]; !ok || v.helpCount < int64(n) {
			problem("Got(%q) = %+v (present %v), want at least %d acknowledged help requests", key, v, ok, n)
		}
	}
	present := groupCounts(t, ro, "SELECT id, 1 FROM accompaniments")
	for id := range acked.accompaniments {
		if present[id] == 0 {
			problem("Got(%q) = missing, want the acknowledged accompaniment", fmt.Sprint("accompaniment ", id))
		}
	}
	for _, q := range []string{"visits", "help_requests", "accompaniments", "accompaniment_themes",
		"accompaniment_equipment", "accompaniment_tags"} {
		var n int
		if err := ro.QueryRowContext(ctx, "SELECT count(*) FROM "+q).Scan(&n); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "count "+q, err)
		}
		rows += n
	}
	return problems, rows
}

// crashChild writes records until it is killed, printing a line after
// each commit: "visit KEY", "help KEY N" (the visit now has N help
// requests), "accompaniment ID". On any error it exits with status 3.
// In mode "split" it only raises help, saving the visit and inserting the
// request in two transactions: the wrong way, for the negative control.
func crashChild(path, start, mode string) {
	fail := func(what string, err error) {
		fmt.Fprintf(os.Stderr, "crash child: %s: %v (kind %s)\n", what, err, failure.KindOf(err))
		os.Exit(3)
	}
	seq, err := strconv.Atoi(start)
	if err != nil {
		fail("start", err)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		fail("open", err)
	}
	mediator, err := crashMediator(ctx, db)
	if err != nil {
		fail("account", err)
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i := seq; ; i++ {
		at = at.Add(time.Second)
		if mode == "split" {
			splitHelp(ctx, db, at, i, fail)
			continue
		}
		switch i % 3 {
		case 0:
			v := visit.Visit{Key: fmt.Sprintf("v%d", i), Started: at, Updated: at, Lang: "fr", GuideID: "caf-rsa",
				StepCount: 6, FurthestStep: i % 6, MaxTextSize: 1}
			if err := db.SaveVisit(ctx, v); err != nil {
				fail("save visit", err)
			}
			fmt.Printf("visit %s\n", v.Key)
		case 1:
			v := visit.Visit{Key: fmt.Sprintf("h%d", i), Started: at, Updated: at, Lang: "ar", GuideID: "ameli",
				StepCount: 4, FurthestStep: 1, MaxTextSize: 2, FirstHelp: at}
			for n := 1; n <= 2; n++ {
				v.HelpCount = n
				h := visit.HelpRequest{VisitKey: v.Key, Raised: at, GuideID: v.GuideID, Step: n, Screen: visit.Step}
				if err := db.RaiseHelp(ctx, v, h); err != nil {
					fail("raise help", err)
				}
				fmt.Printf("help %s %d\n", v.Key, n)
			}
		case 2:
			a, err := db.SaveAccompaniment(ctx, fullAccompaniment(mediator, i))
			if err != nil {
				fail("save accompaniment", err)
			}
			fmt.Printf("accompaniment %d\n", a.ID)
		}
	}
}

// crashMediator returns the id of the child's account, created by the
// first child that gets that far.
func crashMediator(ctx context.Context, db *sqlite.DB) (int64, error) {
	a, err := db.AccountByName(ctx, "crash")
	if err == nil {
		return a.ID, nil
	}
	if failure.KindOf(err) != failure.NotFound {
		return 0, err
	}
	return db.CreateAccount(ctx, account.Account{Name: "crash", DisplayName: "Crash", Role: account.Mediator,
		Verifier: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", Created: time.Now()})
}

// splitHelp raises help in two transactions, as a store must not: first
// the visit with its new count, then the request.
func splitHelp(ctx context.Context, db *sqlite.DB, at time.Time, i int, fail func(string, error)) {
	v := visit.Visit{Key: fmt.Sprintf("s%d", i), Started: at, Updated: at, Lang: "fr", MaxTextSize: 1,
		HelpCount: 1, FirstHelp: at}
	if err := db.SaveVisit(ctx, v); err != nil {
		fail("save visit", err)
	}
	time.Sleep(5 * time.Millisecond) // widens the gap, so that a few kills find it
	if err := sqlite.ExecTx(ctx, db, `INSERT INTO help_requests(visit_id, raised_at, step, screen)
		SELECT id, ?, 1, 'step' FROM visits WHERE key = ?`, "2026-03-02T09:00:00.000Z", v.Key); err != nil {
		fail("insert help request", err)
	}
	fmt.Printf("help %s 1\n", v.Key)
}

// TestCrash_DetectsHalfTransactions is the negative control: a child that
// writes one record in two transactions is caught by the same checks
// within a few kills, which shows they can fail.
func TestCrash_DetectsHalfTransactions(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		return
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, seed>>7))
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	acked := newAcks()
	const most = 50
	for c := range most {
		problems := crashCycle(t, path, c, acked, "split", true, time.Duration(rng.IntN(40))*time.Millisecond)
		if len(problems) > 0 {
			t.Logf("caught after %d kills: %s", c+1, problems[0])
			return
		}
	}
	t.Errorf("Got(%q) = no problem in %d kills (seed %d), want a half-applied record caught", "split writer", most, seed)
}
