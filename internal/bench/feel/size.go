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

// sizes compares the stripped binaries: the kiosk against the bare Fyne
// window, and against the shared baseline (Fyne + go-sqlite3 + go-i18n).
func sizes(t *table, b builds, shared string) error {
	k, err := os.Stat(b.kiosk)
	if err != nil {
		return err
	}
	bare, err := os.Stat(b.bare)
	if err != nil {
		return err
	}
	mb := func(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
	t.add("stripped binary (-s -w -trimpath)", mb(k.Size()), "bare Fyne window "+mb(bare.Size()),
		float64(k.Size())/float64(bare.Size()), "≤ 1.6×")
	if low, high, err := stationShare(filepath.Dir(b.kiosk)); err != nil {
		fmt.Fprintf(os.Stderr, "feel: the station's share of the binary: %v\n", err)
	} else {
		for _, s := range []struct {
			what string
			n    int64
		}{{"its own symbols", low}, {"measured alone", high}} {
			rest := k.Size() - s.n
			t.add(fmt.Sprintf("stripped binary less the embedded station (%s: %s)", s.what, mb(s.n)), mb(rest),
				"bare Fyne window "+mb(bare.Size()), float64(rest)/float64(bare.Size()), "≤ 1.6× before the station")
		}
	}
	src, err := filepath.Abs(filepath.Join(shared, "baseline-app"))
	if err != nil {
		return err
	}
	out := filepath.Join(filepath.Dir(b.bare), "baseline-app")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", out, ".")
	cmd.Dir = src
	if msg, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "feel: the shared baseline-app did not build (%v): %s\n", err, msg)
		return nil
	}
	base, err := os.Stat(out)
	if err != nil {
		return err
	}
	t.add("stripped binary (-s -w -trimpath)", mb(k.Size()), "Fyne + SQLite + i18n "+mb(base.Size()),
		float64(k.Size())/float64(base.Size()), "—")
	return nil
}

// stationShare bounds the size of the embedded NATS station in the
// kiosk's binary. Low: the symbols of the github.com/nats-io modules
// (server, client, jwt, nkeys) in a build that keeps its symbol table (go
// tool nm -size), without their share of the tables of line numbers and
// types nor the libraries they bring (net/http for the monitoring, the
// compressors). High: a program that only starts a NATS server, stripped,
// less an empty program — which counts twice what the kiosk uses too
// (TLS, the network).
func stationShare(dir string) (low, high int64, err error) {
	out := filepath.Join(dir, "pasapas-symbols")
	if err := run("go", "build", "-trimpath", "-tags", shipTags, "-o", out, "./cmd/pasapas"); err != nil {
		return 0, 0, err
	}
	nm, err := exec.Command("go", "tool", "nm", "-size", out).Output()
	if err != nil {
		return 0, 0, fmt.Errorf("go tool nm: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(nm))
	for sc.Scan() {
		// address size type name
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[3], "github.com/nats-io/") {
			continue
		}
		if size, err := strconv.ParseInt(f[1], 10, 64); err == nil {
			low += size
		}
	}
	if err := sc.Err(); err != nil {
		return 0, 0, err
	}
	var sizes [2]int64
	for i, src := range []string{
		"package main\n\nfunc main() {}\n",
		"package main\n\nimport \"github.com/nats-io/nats-server/v2/server\"\n\n" +
			"func main() {\n\ts, err := server.NewServer(&server.Options{JetStream: true, Port: -1})\n" +
			"\tif err == nil {\n\t\ts.Start()\n\t\ts.Shutdown()\n\t}\n}\n",
	} {
		pkg := filepath.Join(dir, fmt.Sprintf("station-alone-%d", i))
		if err := os.MkdirAll(pkg, 0o755); err != nil {
			return 0, 0, err
		}
		if err := os.WriteFile(filepath.Join(pkg, "main.go"), []byte(src), 0o644); err != nil {
			return 0, 0, err
		}
		exe := filepath.Join(pkg, "prog")
		if err := run("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", exe, pkg); err != nil {
			return 0, 0, err
		}
		st, err := os.Stat(exe)
		if err != nil {
			return 0, 0, err
		}
		sizes[i] = st.Size()
	}
	return low, sizes[1] - sizes[0], nil
}
