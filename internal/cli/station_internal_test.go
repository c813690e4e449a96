package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"pasapas/internal/room/station"
)

// syncBuffer is a bytes.Buffer safe to write from the running station.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func run(t *testing.T, want int, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if got := Run(args, &stdout, &stderr); got != want {
		t.Fatalf("Got(pasapasctl %s) = %d, want %d; stderr: %s", strings.Join(args, " "), got, want, stderr.String())
	}
	return stdout.String()
}

// The scripts of issue 14: init, run, code, join, kiosks, remove.
func TestStationCommands(t *testing.T) {
	stationDir, kioskDir := t.TempDir(), t.TempDir()
	run(t, 0, "station", "init", "--data", stationDir, "--listen", "127.0.0.1:0", "--name", "Accueil")
	run(t, 1, "station", "init", "--data", stationDir)
	run(t, 1, "station", "code", "--data", stationDir) // not running

	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int)
	go func() { done <- stationRunContext(ctx, []string{"--data", stationDir, "--mdns=false"}, &out, &errOut) }()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), "listening on") {
		if time.Now().After(deadline) {
			t.Fatalf("Got(station run) = %q, %q, want it listening", out.String(), errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	defer func() {
		cancel()
		if got := <-done; got != 0 {
			t.Errorf("Got(station run's status) = %d, want 0; stderr: %s", got, errOut.String())
		}
	}()
	line := strings.Fields(out.String())
	addr := ""
	for i, w := range line {
		if w == "on" && i+1 < len(line) {
			addr = line[i+1]
		}
	}
	code := strings.TrimSpace(run(t, 0, "station", "code", "--data", stationDir))
	if len(code) != 11 {
		t.Fatalf("Got(station code) = %q, want XXXXX-XXXXX", code)
	}
	joined := run(t, 0, "kiosk", "join", "--data", kioskDir, "--station", addr, "--code", code, "--name", "Poste 1")
	if !strings.Contains(joined, "Poste 1") {
		t.Fatalf("Got(kiosk join) = %q, want the kiosk's name", joined)
	}
	run(t, 1, "kiosk", "join", "--data", t.TempDir(), "--station", addr, "--code", code, "--name", "Poste 2")
	if got := run(t, 0, "station", "kiosks", "--data", stationDir); !strings.Contains(got, "Poste 1") {
		t.Fatalf("Got(station kiosks) = %q, want Poste 1", got)
	}
	run(t, 0, "station", "remove", "--data", stationDir, "Poste 1")
	run(t, 1, "station", "remove", "--data", stationDir, "Poste 1")
	if ks, err := station.ReadKiosks(stationDir); err != nil || len(ks) != 0 {
		t.Fatalf("Got(ReadKiosks) = %v, %v, want none", ks, err)
	}
	run(t, 2, "kiosk", "join", "--data", kioskDir)
}

// station hub: a plain address on the network is refused; a tls:// one
// with a CA file is written into station.json; --off removes it.
func TestStationHub(t *testing.T) {
	dir := t.TempDir()
	run(t, 0, "station", "init", "--data", dir, "--listen", "127.0.0.1:0", "--name", "Accueil")
	run(t, 1, "station", "hub", "--data", dir, "--url", "nats-leaf://192.0.2.1:7422", "--centre", "montreuil")
	run(t, 1, "station", "hub", "--data", dir, "--url", "tls://hub.example.org:7422", "--centre", "mon treuil")
	ca := filepath.Join(t.TempDir(), "ca.pem")
	run(t, 1, "station", "hub", "--data", dir, "--url", "tls://hub.example.org:7422", "--centre", "montreuil", "--ca", ca)
	// Any PEM certificate stands for the hub's CA here: this station's own.
	ca = filepath.Join(station.Dir(dir), "cert.pem")
	run(t, 0, "station", "hub", "--data", dir, "--url", "tls://hub.example.org:7422", "--centre", "montreuil", "--ca", ca)
	if cfg, err := station.LoadConfig(dir); err != nil || cfg.Hub == nil || cfg.Hub.CAFile != ca || cfg.Hub.Centre != "montreuil" {
		t.Fatalf("station.json after station hub: %+v, %v", cfg.Hub, err)
	}
	run(t, 2, "station", "hub", "--data", dir)
	out := run(t, 0, "station", "hub", "--data", dir, "--off")
	if !strings.Contains(out, "leaves the federation") {
		t.Fatalf("Got(station hub --off) = %q", out)
	}
	cfg, err := station.LoadConfig(dir)
	if err != nil || cfg.Hub != nil {
		t.Fatalf("station.json after --off: %+v, %v, want no hub", cfg.Hub, err)
	}
}
