package cli_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/cli"
	"pasapas/internal/journal"
	"pasapas/internal/settings"
	"pasapas/internal/sqlite"
)

// exportData returns a data folder holding a centre with one accompaniment
// on 2026-10-01 and a workshop of two sessions (7 and 14 October), and the
// workshop's id.
func exportData(t *testing.T) (string, int64) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "sqlite.Open", err)
	}
	defer db.Close()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", what, err)
		}
	}
	s := settings.Defaults()
	s.CentreName = "Espace numérique des Lilas"
	must("SaveSettings", db.SaveSettings(ctx, s))
	mid, err := db.CreateAccount(ctx, account.Account{Name: "camille", DisplayName: "Camille Martin",
		Role: account.Mediator, Verifier: "x", Created: time.Now()})
	must("CreateAccount", err)
	a := journal.NewAccompaniment(journal.NewDate(2026, 10, 1), mid)
	a.DurationMinutes, a.Place.Name = 30, "Centre social"
	a.Themes = []journal.Theme{journal.ThemeEmail}
	_, err = db.SaveAccompaniment(ctx, a)
	must("SaveAccompaniment", err)
	w, err := db.SaveWorkshop(ctx, journal.Workshop{Title: "Premiers pas sur tablette",
		Themes: []journal.Theme{journal.ThemeEmail}, Place: journal.Place{Type: journal.PlaceLieuActivite, Name: "Médiathèque"},
		MediatorID: mid, Sessions: journal.WeeklySeries(journal.Session{Date: journal.NewDate(2026, 10, 7),
			Start: journal.TimeOfDay{Hour: 14}, DurationMinutes: 90}, 2),
		Anonymous: journal.AnonymousCounts{Total: 2}})
	must("SaveWorkshop", err)
	return dir, w.ID
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = cli.Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestRun_Export(t *testing.T) {
	dir, _ := exportData(t)
	out := t.TempDir()
	tests := []struct {
		name, what, format, from, to string
		rows                         string // "Lignes" of the header block
	}{
		{"activities csv", "activities", "csv", "2026-10-01", "2026-10-31", "5"}, // 1 individual, 2 × 2 anonymous
		{"the last day is included", "activities", "csv", "2026-09-01", "2026-10-01", "1"},
		{"attendance csv-excel", "attendance", "csv-excel", "2026-10-01", "2026-10-31", "4"},
		{"empty period", "activities", "csv", "2026-12-01", "2026-12-31", "0"},
		{"stats xlsx", "stats", "xlsx", "2026-10-01", "2026-10-31", ""},
		{"stats pdf", "stats", "pdf", "2026-10-01", "2026-10-31", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(out, strings.ReplaceAll(tt.name, " ", "-"))
			code, stdout, stderr := runCLI("export", "--data", dir, "--what", tt.what, "--format", tt.format,
				"--from", tt.from, "--to", tt.to, "-o", file)
			if code != 0 || stderr != "" || !strings.HasPrefix(stdout, file+" written") {
				t.Fatalf("Run(export %s) = %d, %q, %q, want 0 and %q written", tt.name, code, stdout, stderr, file)
			}
			b, err := os.ReadFile(file)
			if err != nil || len(b) == 0 {
				t.Fatalf("Got(ReadFile) = %d bytes, %v, want the export", len(b), err)
			}
			if tt.rows == "" {
				return
			}
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
			r.FieldsPerRecord = -1
			if tt.format == "csv-excel" {
				r.Comma = ';'
			}
			recs, err := r.ReadAll()
			if err != nil || len(recs) < 9 {
				t.Fatalf("Got(csv) = %q, %v, want a header block", recs, err)
			}
			if got := recs[7]; got[0] != "Lignes" || got[1] != tt.rows {
				t.Errorf("Got(header row 8) = %q, want [Lignes %s]", got, tt.rows)
			}
			if got := len(recs) - 9; strconv.Itoa(got) != tt.rows {
				t.Errorf("Got(rows) = %d, want %s", got, tt.rows)
			}
		})
	}
}

func TestRun_ExportErrors(t *testing.T) {
	dir, _ := exportData(t)
	out := filepath.Join(t.TempDir(), "out.csv")
	ok := []string{"--data", dir, "--what", "activities", "--format", "csv", "--from", "2026-10-01", "--to", "2026-10-31", "-o", out}
	with := func(flag, value string) []string {
		args := append([]string{"export"}, ok...)
		for i := 1; i < len(args); i++ {
			if args[i] == flag {
				args[i+1] = value
			}
		}
		return args
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"bad date", with("--from", "2026-13-01"), 1, `--from "2026-13-01" is not a date of the form YYYY-MM-DD`},
		{"french date", with("--to", "31/10/2026"), 1, `--to "31/10/2026" is not a date of the form YYYY-MM-DD`},
		{"missing date", with("--from", ""), 1, "missing --from YYYY-MM-DD"},
		{"from after to", with("--from", "2026-11-01"), 1, "--from 2026-11-01 is after --to 2026-10-31"},
		{"unknown what", with("--what", "visits"), 1, `unknown --what "visits" (known: activities, attendance, stats)`},
		{"unknown format", with("--format", "ods"), 1, `unknown format "ods" (known: csv, csv-excel, xlsx, pdf)`},
		{"pdf of activities", with("--format", "pdf"), 1, "--format pdf is for --what stats only; for activities use csv, csv-excel or xlsx"},
		{"pdf of attendance", append(with("--format", "pdf")[:4], "attendance", "--format", "pdf", "--from", "2026-10-01", "--to", "2026-10-31", "-o", out), 1, "for attendance use csv"},
		{"no output", with("-o", ""), 1, "missing -o FILE"},
		{"folder without database", with("--data", t.TempDir()), 1, "no database in "},
		{"unwritable path", with("-o", filepath.Join(t.TempDir(), "absent", "out.csv")), 1, filepath.Join("absent", "out.csv") + ": no such file or directory"},
		{"output is a folder", with("-o", t.TempDir()), 1, "it is a folder"},
		{"unknown flag", append(with("--what", "stats"), "--mediator", "x"), 2, "flag provided but not defined: -mediator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) || stdout != "" {
				t.Errorf("Run(%q) = %d, %q, %q, want %d and stderr with %q", tt.args, code, stdout, stderr, tt.code, tt.stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("Got(%s) exists after an error, want no file", out)
			}
		})
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
		t.Errorf("Got(output folder) = %d entries, want none left behind", len(entries))
	}
}

func TestRun_Sheet(t *testing.T) {
	dir, id := exportData(t)
	file := filepath.Join(t.TempDir(), "feuille.pdf")
	ws := func(n int64) string { return strconv.FormatInt(n, 10) }
	code, stdout, stderr := runCLI("sheet", "--data", dir, "--workshop", ws(id), "--session", "2", "-o", file)
	if code != 0 || stderr != "" || !strings.Contains(stdout, "session 2 of 2, 2026-10-14") {
		t.Fatalf("Run(sheet) = %d, %q, %q, want 0 and the session written", code, stdout, stderr)
	}
	if b, err := os.ReadFile(file); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("Got(%s) = %v, want a PDF", file, err)
	}

	tests := []struct {
		name     string
		workshop string
		session  string
		out      string
		stderr   string
	}{
		{"unknown workshop", "999", "1", file, "no workshop 999"},
		{"unknown session", ws(id), "3", file, "workshop " + ws(id) + " has no session 3"},
		{"bad workshop", "abc", "1", file, `--workshop "abc" is not a workshop number`},
		{"bad session", ws(id), "0", file, `--session "0" is not a session number`},
		{"unwritable path", ws(id), "1", filepath.Join(dir, "absent", "f.pdf"), "no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI("sheet", "--data", dir, "--workshop", tt.workshop, "--session", tt.session, "-o", tt.out)
			if code != 1 || !strings.Contains(stderr, tt.stderr) || stdout != "" {
				t.Errorf("Run(sheet %s) = %d, %q, %q, want 1 and stderr with %q", tt.name, code, stdout, stderr, tt.stderr)
			}
		})
	}
}
