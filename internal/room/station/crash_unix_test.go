//go:build unix

package station_test

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// Kill -9 of the station while a kiosk publishes, and of the kiosk while
// it queues: the child processes are this test binary started again with
// an environment variable, as internal/sqlite's crash test does.
//
// make test runs a short count; make crash the 50 cycles:
//
//	go test ./internal/room/station -run TestCrash -room.cycles=50 -room.kiosk.cycles=50   (make crash)

var (
	roomCycles = flag.Int("room.cycles", 0,
		"kill -9 cycles of TestCrash_StationKilled (default $"+roomCyclesEnv+", else 20)")
	roomKioskCycles = flag.Int("room.kiosk.cycles", 0,
		"kill -9 cycles of TestCrash_KioskKilled (default $"+roomKioskCyclesEnv+", else 5)")
)

const (
	childStationEnv = "PASAPAS_ROOM_CHILD_STATION" // the child runs the station of this data folder
	childKioskEnv   = "PASAPAS_ROOM_CHILD_KIOSK"   // the child queues visits in this kiosk folder
	childAddrEnv    = "PASAPAS_ROOM_CHILD_ADDR"
	// The numbers of cycles when the flags are not given (go test ./...
	// takes no flag of one package).
	roomCyclesEnv      = "PASAPAS_ROOM_CYCLES"
	roomKioskCyclesEnv = "PASAPAS_ROOM_KIOSK_CYCLES"
)

// cyclesWanted returns the flag's value if given, else the environment
// variable's, else def.
func cyclesWanted(t *testing.T, flagged int, env string, def int) int {
	t.Helper()
	if flagged > 0 {
		return flagged
	}
	if s := os.Getenv(env); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			t.Fatalf("Got(%s) = %q, want a positive number", env, s)
		}
		return n
	}
	return def
}

func TestMain(m *testing.M) {
	switch {
	case os.Getenv(childStationEnv) != "":
		os.Exit(stationChild(os.Getenv(childStationEnv), os.Getenv(childAddrEnv)))
	case os.Getenv(childKioskEnv) != "":
		os.Exit(kioskChild(os.Getenv(childKioskEnv), os.Getenv(childAddrEnv)))
	}
	os.Exit(m.Run())
}

// stationChild runs the station on SQLite until it is killed.
func stationChild(dir, addr string) int {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	st, err := station.Open(ctx, dir, station.Options{Store: db, Listen: addr})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("ready", st.Addr())
	select {}
}

// kioskChild queues visits and prints each key once it is in the outbox.
func kioskChild(dir, addr string) int {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	l, err := link.Open(dir, link.Options{Outbox: db, Station: addr})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for i := 0; ; i++ {
		key := fmt.Sprintf("child-%d-%d", os.Getpid(), i)
		if err := l.SaveVisit(ctx, aVisit(key)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Println("queued", key)
	}
}

// startChild starts this binary with env and waits for its first line
// starting with want; the other lines go to lines.
func startChild(t *testing.T, env []string, want string, lines func(string)) (*exec.Cmd, chan struct{}) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		once := sync.Once{}
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), want) {
				once.Do(func() { close(ready) })
			}
			if lines != nil {
				lines(sc.Text())
			}
		}
	}()
	select {
	case <-ready:
	case <-done:
		t.Fatalf("Got(child) = exited, want %q", want)
	case <-time.After(30 * time.Second):
		t.Fatalf("Got(child) = silent, want %q", want)
	}
	return cmd, done
}

func kill(t *testing.T, cmd *exec.Cmd, done chan struct{}) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-done
	if err := cmd.Wait(); err == nil {
		t.Fatal("Got(child's exit) = nil, want killed")
	}
}

func TestCrash_StationKilled(t *testing.T) {
	cycles := cyclesWanted(t, *roomCycles, roomCyclesEnv, 20)
	stationDir, kioskDir := t.TempDir(), t.TempDir()
	addr := freeAddr(t)
	if _, err := station.Init(stationDir, addr, "Crash"); err != nil {
		t.Fatal(err)
	}
	env := []string{childStationEnv + "=" + stationDir, childAddrEnv + "=" + addr}
	cmd, done := startChild(t, env, "ready", nil)
	ctx := context.Background()
	a, err := station.Dial(ctx, stationDir)
	if err != nil {
		t.Fatal(err)
	}
	code, _, err := a.NewCode(ctx)
	a.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := link.Join(ctx, kioskDir, addr, code, "Poste"); err != nil {
		t.Fatal(err)
	}
	outbox := openDB(t, kioskDir)
	l := openLink(t, kioskDir, link.Options{Outbox: outbox})

	// The kiosk publishes without pause: visits and help requests.
	var visits, helps atomic.Int64
	stop := make(chan struct{})
	producerDone := make(chan error, 1)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				producerDone <- nil
				return
			default:
			}
			var err error
			if i%3 == 2 {
				key := fmt.Sprintf("h%d", i)
				_, err = l.RaiseHelp(ctx, aVisit(key), aHelp(key))
				helps.Add(1)
			} else {
				err = l.SaveVisit(ctx, aVisit(fmt.Sprintf("v%d", i)))
				visits.Add(1)
			}
			if err != nil {
				producerDone <- err
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	began := time.Now()
	for range cycles {
		time.Sleep(time.Duration(50+rng.IntN(400)) * time.Millisecond)
		kill(t, cmd, done)
		cmd, done = startChild(t, env, "ready", nil)
	}
	killing := time.Since(began)
	close(stop)
	if err := <-producerDone; err != nil {
		t.Fatal(err)
	}
	waitForLong(t, "the kiosk's outbox empty", func() bool {
		p, err := outbox.PendingOutbox(ctx, 1)
		return err == nil && len(p) == 0
	})
	// Acknowledged by the stream is not yet applied: wait for the station's
	// consumer, then stop it and count.
	total := int(visits.Load() + helps.Load())
	db := openDB(t, stationDir)
	waitForLong(t, "every event applied", func() bool {
		n, err := db.RoomEventCount(ctx)
		return err == nil && n >= total
	})
	kill(t, cmd, done)
	n, err := db.RoomEventCount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != total {
		t.Fatalf("Got(events in the station's database) = %d, want %d (each queued event once)", n, total)
	}
	vs, err := db.Visits(ctx, t0.Add(-time.Hour), t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != total {
		t.Fatalf("Got(visits) = %d, want %d", len(vs), total)
	}
	open, err := db.OpenHelp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(open) != int(helps.Load()) {
		t.Fatalf("Got(help requests) = %d, want %d (once each)", len(open), helps.Load())
	}
	t.Logf("%d kill -9 cycles of the station in %v (%v with the last events applied): %d events (%d visits, "+
		"%d help requests) queued by the kiosk, %d in the station's database, each once",
		cycles, killing.Round(time.Millisecond), time.Since(began).Round(time.Millisecond), total, visits.Load(),
		helps.Load(), n)
}

// The kiosk's outbox survives its own kill -9: every visit the child said
// was queued reaches the station, once.
func TestCrash_KioskKilled(t *testing.T) {
	stationDB := openDB(t, t.TempDir())
	st, _ := newStation(t, stationDB, station.Options{})
	kioskDir := pair(t, st, "Poste")
	var mu sync.Mutex
	var queued []string
	env := []string{childKioskEnv + "=" + kioskDir, childAddrEnv + "=" + st.Addr()}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	cycles := cyclesWanted(t, *roomKioskCycles, roomKioskCyclesEnv, 5)
	for range cycles {
		cmd, done := startChild(t, env, "queued", func(line string) {
			if k, ok := strings.CutPrefix(line, "queued "); ok {
				mu.Lock()
				queued = append(queued, k)
				mu.Unlock()
			}
		})
		time.Sleep(time.Duration(20+rng.IntN(200)) * time.Millisecond)
		kill(t, cmd, done)
	}
	outbox := openDB(t, kioskDir)
	openLink(t, kioskDir, link.Options{Outbox: outbox, Station: st.Addr()})
	waitForLong(t, "the kiosk's outbox empty", func() bool {
		p, err := outbox.PendingOutbox(context.Background(), 1)
		return err == nil && len(p) == 0
	})
	mu.Lock()
	defer mu.Unlock()
	if len(queued) == 0 {
		t.Fatal("Got(queued) = 0, want the child to queue visits")
	}
	// An empty outbox means the station's stream has every event; its
	// database applies them a moment later.
	var vs []visit.Visit
	seen := map[string]int{}
	waitForLong(t, "every queued visit applied in the station's database", func() bool {
		var err error
		if vs, err = stationDB.Visits(context.Background(), t0.Add(-time.Hour), t0.Add(time.Hour)); err != nil {
			return false
		}
		clear(seen)
		for _, v := range vs {
			seen[v.Key]++
		}
		for _, k := range queued {
			if seen[k] == 0 {
				return false
			}
		}
		return true
	})
	for _, k := range queued {
		if seen[k] != 1 {
			t.Errorf("Got(visit %s in the station's database) = %d times, want once", k, seen[k])
		}
	}
	n, err := stationDB.RoomEventCount(context.Background())
	if err != nil || n != len(vs) {
		t.Fatalf("Got(RoomEventCount) = %d, %v, want %d (one event per visit)", n, err, len(vs))
	}
	t.Logf("%d kill -9 of the kiosk: %d visits said queued, all delivered", cycles, len(queued))
}

func waitForLong(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("Got(%s) = false after 60 s, want true", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
