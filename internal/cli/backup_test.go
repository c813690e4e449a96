package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"pasapas/internal/cli"
	"pasapas/internal/datadir"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// backupDataFolder makes a data folder whose database holds n visits.
func backupDataFolder(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	defer db.Close()
	backupAddVisits(t, db, 0, n)
	return dir
}

func backupAddVisits(t *testing.T, db *sqlite.DB, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		at := time.Date(2026, 3, 2, 9, i, 0, 0, time.UTC)
		if err := db.SaveVisit(context.Background(), visit.Visit{Key: fmt.Sprintf("k%d", i), Started: at, Updated: at,
			Lang: "fr", MaxTextSize: 1}); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
		}
	}
}

// runCtl runs pasapasctl with args and returns its status and outputs.
func runCtl(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := cli.Run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func backupVisitsIn(t *testing.T, path string) int {
	t.Helper()
	info, err := sqlite.InspectFile(context.Background(), path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "InspectFile", err)
	}
	return info.Counts.Visits
}

func TestRun_Backup(t *testing.T) {
	data := backupDataFolder(t, 3)
	out := filepath.Join(t.TempDir(), "centre.db")

	code, stdout, stderr := runCtl("backup", "--data", data, "-o", out)
	if code != 0 || stderr != "" {
		t.Fatalf("Run(backup -o) = %d, stderr %q, want 0", code, stderr)
	}
	if want := fmt.Sprintf("saved %s (3 visits, 0 accompaniments, 0 workshops, 0 beneficiaries)\n", out); stdout != want {
		t.Errorf("Run(backup -o) stdout = %q, want %q", stdout, want)
	}
	if _, err := sqlite.VerifyFile(context.Background(), out); err != nil {
		t.Errorf("Got(%q) = %v, want a valid backup", "VerifyFile", err)
	}

	code, _, stderr = runCtl("backup", "--data", data, "-o", out)
	if code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("Run(backup -o existing) = %d, stderr %q, want 1 and \"already exists\"", code, stderr)
	}

	stick := t.TempDir()
	code, stdout, _ = runCtl("backup", "-o", stick, "--data", data)
	if code != 0 || !regexp.MustCompile(`^saved .*/pasapas-\d{8}-\d{6}\.db \(3 visits`).MatchString(stdout) {
		t.Errorf("Run(backup -o FOLDER) = %d, %q, want a backup named by its time in the folder", code, stdout)
	}

	// Without -o: into the data folder's backups, then listed.
	code, stdout, _ = runCtl("backup", "--data", data)
	if code != 0 || !strings.Contains(stdout, filepath.Join(data, "backups", "pasapas-")) {
		t.Errorf("Run(backup) = %d, %q, want a backup in %s/backups", code, stdout, data)
	}
	code, stdout, _ = runCtl("backup", "--data", data, "--list")
	line := regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d  3 visits, 0 accompaniments, 0 workshops, 0 beneficiaries  .*pasapas-\d{8}-\d{6}\.db\n$`)
	if code != 0 || !line.MatchString(stdout) {
		t.Errorf("Run(backup --list) = %d, %q, want one line matching %v", code, stdout, line)
	}
}

func TestRun_BackupErrors(t *testing.T) {
	empty := t.TempDir()
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no database", []string{"backup", "--data", empty}, 1, "no database in " + empty},
		{"no folder for the file", []string{"backup", "--data", backupDataFolder(t, 1), "-o", filepath.Join(empty, "absent", "x.db")}, 1, "no folder"},
		{"-o and --list", []string{"backup", "--data", empty, "-o", "x.db", "--list"}, 2, "usage:"},
		{"an argument", []string{"backup", "--data", empty, "x.db"}, 2, "usage:"},
		{"an unknown flag", []string{"backup", "--force"}, 2, "flag provided but not defined"},
		{"list with no backup", []string{"backup", "--data", empty, "--list"}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCtl(tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) || (tc.stderr == "" && stderr != "") {
				t.Errorf("Run(%q) = %d, stderr %q, want %d and %q", tc.args, code, stderr, tc.code, tc.stderr)
			}
		})
	}
}

func TestRun_Restore(t *testing.T) {
	ctx := context.Background()
	data := backupDataFolder(t, 3)
	saved := filepath.Join(t.TempDir(), "centre.db")
	if code, _, stderr := runCtl("backup", "--data", data, "-o", saved); code != 0 {
		t.Fatalf("Run(backup) = %d, %s", code, stderr)
	}
	dbPath := filepath.Join(data, sqlite.FileName)
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	backupAddVisits(t, db, 3, 2)

	// While the program has the database open: refused.
	code, _, stderr := runCtl("restore", "--data", data, saved)
	if code != 1 || !strings.Contains(stderr, "in use") {
		t.Errorf("Run(restore while open) = %d, %q, want 1 and \"in use\"", code, stderr)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}

	// While Pas à pas runs on the folder (it holds the folder's lock, even
	// between two writes): refused.
	release, err := datadir.Lock(data)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCtl("restore", "--data", data, saved)
	if code != 1 || !strings.Contains(stderr, "another copy of Pas à pas runs on this data folder") {
		t.Errorf("Run(restore while Pas à pas runs) = %d, %q, want 1 and why", code, stderr)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}

	// Not a backup: refused, with a clear message.
	garbage := filepath.Join(t.TempDir(), "photo.jpg")
	if err := os.WriteFile(garbage, bytes.Repeat([]byte{0xff, 0xd8, 0xff, 0xe0}, 100), 0o600); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
	code, stdout, stderr := runCtl("restore", "--data", data, garbage)
	if code != 1 || stdout != "" || !strings.Contains(stderr, "not a SQLite database") ||
		!strings.Contains(stderr, "not a Pas à pas backup; nothing was changed") {
		t.Errorf("Run(restore garbage) = %d, %q, %q, want 1 and a clear message", code, stdout, stderr)
	}
	if got := backupVisitsIn(t, dbPath); got != 5 {
		t.Errorf("Got(%q) = %d, want 5 (unchanged)", "visits after a refused restore", got)
	}

	// The backup, with the flag after the file.
	code, stdout, stderr = runCtl("restore", saved, "--data", data)
	if code != 0 || stderr != "" {
		t.Fatalf("Run(restore) = %d, %q, want 0", code, stderr)
	}
	want := regexp.MustCompile(`^restored .*centre\.db \(3 visits, 0 accompaniments, 0 workshops, 0 beneficiaries\) into .*pasapas\.db\n` +
		`the database it replaced is kept as .*/backups/pasapas-\d{8}-\d{6}-before-restore\.db\n$`)
	if !want.MatchString(stdout) {
		t.Errorf("Run(restore) stdout = %q, want it to match %v", stdout, want)
	}
	if got := backupVisitsIn(t, dbPath); got != 3 {
		t.Errorf("Got(%q) = %d, want 3", "visits after restore", got)
	}
	code, stdout, _ = runCtl("backup", "--data", data, "--list")
	if code != 0 || !strings.Contains(stdout, "5 visits, 0 accompaniments, 0 workshops, 0 beneficiaries, kept before a restore") {
		t.Errorf("Run(backup --list) = %d, %q, want the safety copy listed", code, stdout)
	}

	for _, args := range [][]string{{"restore", "--data", data}, {"restore", "--data", data, saved, saved}} {
		if code, _, stderr := runCtl(args...); code != 2 || !strings.Contains(stderr, "usage:") {
			t.Errorf("Run(%q) = %d, %q, want 2 and the usage", args, code, stderr)
		}
	}
}
