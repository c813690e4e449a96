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

// ctlPassphrase is a passphrase that passes the strength rule.
const ctlPassphrase = "le chat de Lucie dort au soleil"

// passphraseFile writes p to a file and returns its path.
func passphraseFile(t *testing.T, p string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "passphrase.txt")
	if err := os.WriteFile(f, []byte(p+"\n"), 0o600); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
	return f
}

func TestRun_Backup(t *testing.T) {
	data := backupDataFolder(t, 3)
	pass := passphraseFile(t, ctlPassphrase)
	out := filepath.Join(t.TempDir(), "centre.db")

	// -o: encrypted, named .age, unreadable as a database.
	code, stdout, stderr := cli.RunBackupTool(nil, "backup", "--data", data, "-o", out, "--passphrase-file", pass)
	if code != 0 || stderr != "" {
		t.Fatalf("Run(backup -o) = %d, stderr %q, want 0", code, stderr)
	}
	if want := fmt.Sprintf("saved %s.age (3 visits, 0 accompaniments, 0 workshops, 0 beneficiaries, encrypted: keep the passphrase apart from the file)\n", out); stdout != want {
		t.Errorf("Run(backup -o) stdout = %q, want %q", stdout, want)
	}
	if _, err := sqlite.InspectFile(context.Background(), out+".age"); err == nil {
		t.Errorf("Got(%q) = nil error, want the encrypted copy unreadable without its passphrase", "InspectFile")
	}
	code, _, stderr = cli.RunBackupTool(nil, "backup", "--data", data, "-o", out, "--passphrase-file", pass)
	if code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("Run(backup -o existing) = %d, stderr %q, want 1 and \"already exists\"", code, stderr)
	}

	// Typed twice on the terminal (here: two lines).
	stick := t.TempDir()
	code, stdout, stderr = cli.RunBackupTool(strings.NewReader(ctlPassphrase+"\n"+ctlPassphrase+"\n"), "backup", "-o", stick, "--data", data)
	if code != 0 || !regexp.MustCompile(`^saved .*/pasapas-\d{8}-\d{6}\.db\.age \(3 visits`).MatchString(stdout) {
		t.Errorf("Run(backup -o FOLDER) = %d, %q, %q, want an encrypted backup named by its time in the folder", code, stdout, stderr)
	}

	// --plain: a plain copy, with a warning.
	plain := filepath.Join(t.TempDir(), "centre.db")
	code, stdout, stderr = cli.RunBackupTool(nil, "backup", "--data", data, "-o", plain, "--plain")
	if code != 0 || !strings.Contains(stderr, "NOT encrypted") || !strings.HasPrefix(stdout, "saved "+plain+" (3 visits") {
		t.Errorf("Run(backup -o --plain) = %d, %q, %q, want a plain copy and a warning", code, stdout, stderr)
	}
	if _, err := sqlite.VerifyFile(context.Background(), plain); err != nil {
		t.Errorf("Got(%q) = %v, want a valid backup", "VerifyFile", err)
	}

	// Without -o: into the data folder's backups (on the PC: plain), then listed.
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
	data := backupDataFolder(t, 1)
	pass := passphraseFile(t, ctlPassphrase)
	for _, tc := range []struct {
		name   string
		in     string
		args   []string
		code   int
		stderr string
	}{
		{"no database", "", []string{"backup", "--data", empty}, 1, "no database in " + empty},
		{"no folder for the file", "", []string{"backup", "--data", data, "-o", filepath.Join(empty, "absent", "x.db"), "--passphrase-file", pass}, 1, "no folder"},
		{"-o and --list", "", []string{"backup", "--data", empty, "-o", "x.db", "--list"}, 2, "usage:"},
		{"--plain without -o", "", []string{"backup", "--data", empty, "--plain"}, 2, "usage:"},
		{"--plain and a passphrase", "", []string{"backup", "--data", empty, "-o", "x.db", "--plain", "--passphrase-file", pass}, 2, "usage:"},
		{"an argument", "", []string{"backup", "--data", empty, "x.db"}, 2, "usage:"},
		{"an unknown flag", "", []string{"backup", "--force"}, 2, "flag provided but not defined"},
		{"list with no backup", "", []string{"backup", "--data", empty, "--list"}, 0, ""},
		{"no passphrase given", "", []string{"backup", "--data", data, "-o", filepath.Join(empty, "x.db")}, 1, "--passphrase-file"},
		{"a weak passphrase", "", []string{"backup", "--data", data, "-o", filepath.Join(empty, "x.db"), "--passphrase-file", passphraseFile(t, "azertyuiopazertyuiop")},
			1, "too easy to guess"},
		{"a short passphrase", "soleil\nsoleil\n", []string{"backup", "--data", data, "-o", filepath.Join(empty, "x.db")}, 1, "too short"},
		{"two passphrases", ctlPassphrase + "\n" + ctlPassphrase + "!\n", []string{"backup", "--data", data, "-o", filepath.Join(empty, "x.db")}, 1, "differ"},
		{"no passphrase file", "", []string{"backup", "--data", data, "-o", filepath.Join(empty, "x.db"), "--passphrase-file", filepath.Join(empty, "none")}, 1, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := cli.RunBackupTool(strings.NewReader(tc.in), tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) || (tc.stderr == "" && stderr != "") {
				t.Errorf("Run(%q) = %d, stderr %q, want %d and %q", tc.args, code, stderr, tc.code, tc.stderr)
			}
		})
	}
	if got, err := os.ReadDir(empty); err != nil || len(got) != 0 {
		t.Errorf("Got(%q) = %v, %v, want nothing written", "folder", got, err)
	}
}

// TestRun_BackupDamaged: a backup of a damaged database says the database
// is damaged and to restore a backup, never "choose another backup".
func TestRun_BackupDamaged(t *testing.T) {
	data := t.TempDir()
	if err := os.WriteFile(filepath.Join(data, sqlite.FileName), bytes.Repeat([]byte("SQLite format 3\x00 but not a database "), 500), 0o600); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
	code, _, stderr := runCtl("backup", "--data", data)
	if code != 1 || !strings.Contains(stderr, "the database itself is damaged") || strings.Contains(stderr, "choose another backup") {
		t.Errorf("Run(backup of a damaged database) = %d, %q, want the database named damaged and the way out", code, stderr)
	}
}

func TestRun_Restore(t *testing.T) {
	ctx := context.Background()
	data := backupDataFolder(t, 3)
	saved := filepath.Join(t.TempDir(), "centre.db")
	if code, _, stderr := cli.RunBackupTool(nil, "backup", "--data", data, "-o", saved, "--plain"); code != 0 {
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

// TestRun_RestoreEncrypted: an encrypted backup asks for its passphrase; a
// wrong one, a truncated file, no passphrase: refused, nothing changed.
func TestRun_RestoreEncrypted(t *testing.T) {
	data := backupDataFolder(t, 3)
	pass := passphraseFile(t, ctlPassphrase)
	saved := filepath.Join(t.TempDir(), "centre.db")
	if code, _, stderr := cli.RunBackupTool(nil, "backup", "--data", data, "-o", saved, "--passphrase-file", pass); code != 0 {
		t.Fatalf("Run(backup) = %d, %s", code, stderr)
	}
	saved += ".age"
	db, err := sqlite.Open(context.Background(), filepath.Join(data, sqlite.FileName))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	backupAddVisits(t, db, 3, 2)
	if err := db.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	whole, err := os.ReadFile(saved)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadFile", err)
	}
	truncated := filepath.Join(t.TempDir(), "cut.db.age")
	if err := os.WriteFile(truncated, whole[:len(whole)-100], 0o600); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
	}
	for _, tc := range []struct {
		name, in string
		args     []string
		stderr   string
	}{
		{"a wrong passphrase typed", "le chien de Lucie dort au soleil\n", []string{"restore", "--data", data, saved}, "wrong passphrase"},
		{"a wrong passphrase file", "", []string{"restore", "--data", data, "--passphrase-file", passphraseFile(t, "autre chose"), saved}, "reminder sheet"},
		{"no passphrase", "", []string{"restore", "--data", data, saved}, "--passphrase-file"},
		{"a truncated file", "", []string{"restore", "--data", data, "--passphrase-file", pass, truncated}, "damaged or cut short"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := cli.RunBackupTool(strings.NewReader(tc.in), tc.args...)
			if code != 1 || stdout != "" || !strings.Contains(stderr, tc.stderr) || !strings.Contains(stderr, "nothing was changed") {
				t.Errorf("Run(%q) = %d, %q, %q, want 1, %q and nothing changed", tc.args, code, stdout, stderr, tc.stderr)
			}
			if got := backupVisitsIn(t, filepath.Join(data, sqlite.FileName)); got != 5 {
				t.Errorf("Got(%q) = %d, want 5 (unchanged)", "visits", got)
			}
		})
	}
	code, stdout, stderr := cli.RunBackupTool(strings.NewReader(ctlPassphrase+"\n"), "restore", "--data", data, saved)
	if code != 0 || !strings.HasPrefix(stdout, "restored "+saved+" (3 visits") {
		t.Errorf("Run(restore encrypted) = %d, %q, %q, want restored", code, stdout, stderr)
	}
	if got := backupVisitsIn(t, filepath.Join(data, sqlite.FileName)); got != 3 {
		t.Errorf("Got(%q) = %d, want 3", "visits after restore", got)
	}
}
