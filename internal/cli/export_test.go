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
	"pasapas/internal/audit"
	"pasapas/internal/cli"
	"pasapas/internal/journal"
	"pasapas/internal/settings"
	"pasapas/internal/sqlite"
)

// exportData returns a data folder holding a centre with one accompaniment
// of Zoé Ébrard (with a phone and a note) on 2026-10-01 and a workshop of
// two sessions (7 and 14 October) with two anonymous participants, and the
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
	b := journal.NewBeneficiary(journal.NewDate(2026, 9, 1), mid)
	b.FirstName, b.LastName, b.Phone = "Zoé", "Ébrard", "06 12 34 56 78"
	b, err = db.SaveBeneficiary(ctx, b)
	must("SaveBeneficiary", err)
	a := journal.NewAccompaniment(journal.NewDate(2026, 10, 1), mid)
	a.DurationMinutes, a.Place.Name = 30, "Centre social"
	a.Themes = []journal.Theme{journal.ThemeEmail}
	a.BeneficiaryID, a.Notes = b.ID, "Rappeler pour le dossier CAF."
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
	missing := filepath.Join(t.TempDir(), "absent")
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
		{"detailed statistics", append(with("--what", "stats"), "--detailed"), 1, "--detailed is for --what activities or attendance"},
		{"file and folder", append(with("-o", out), "--dir", t.TempDir()), 1, "give -o FILE or --dir DIR, not both"},
		{"folder without database", with("--data", t.TempDir()), 1, "no database in "},
		{"missing folder", with("-o", filepath.Join(missing, "out.csv")), 1,
			"cannot write in folder " + missing + ": it does not exist\n  create the folder first"},
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

// Without -o the export goes to the Documents folder, created, under a
// name saying what it holds; a funders' export holds no name, phone nor
// note; every export is in the audit trail.
func TestRun_ExportDocuments(t *testing.T) {
	dir, _ := exportData(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	code, stdout, stderr := runCLI("export", "--data", dir, "--what", "activities", "--format", "csv",
		"--from", "2026-10-01", "--to", "2026-10-31")
	want := filepath.Join(home, "Documents", "pasapas-activites-2026-10-01-au-2026-10-31.csv")
	if code != 0 || stderr != "" || stdout != want+" written (activities, 2026-10-01 – 2026-10-31)\n" {
		t.Fatalf("Run(export) = %d, %q, %q, want 0 and %s written", code, stdout, stderr, want)
	}
	b, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("Got(ReadFile) = %v, want the export", err)
	}
	for _, s := range []string{"Ébrard", "06 12 34 56 78", "Rappeler", "usage interne"} {
		if bytes.Contains(bytes.ToLower(b), bytes.ToLower([]byte(s))) {
			t.Errorf("Got(funders' export) holds %q, want no beneficiary field and no internal mark", s)
		}
	}
	if got := auditDetails(t, dir); len(got) != 1 || !strings.HasPrefix(got[0], "activities csv 2026-10-01/2026-10-31 funders, 5 rows by pasapasctl") {
		t.Errorf("Got(audit trail) = %q, want the export recorded", got)
	}
}

// --detailed writes the names and notes, says « usage interne » first,
// and is audited without a name.
func TestRun_ExportDetailed(t *testing.T) {
	dir, _ := exportData(t)
	out := t.TempDir()
	code, stdout, stderr := runCLI("export", "--data", dir, "--what", "activities", "--format", "csv-excel",
		"--from", "2026-10-01", "--to", "2026-10-31", "--dir", out, "--detailed")
	file := filepath.Join(out, "pasapas-activites-usage-interne-2026-10-01-au-2026-10-31-excel.csv")
	if code != 0 || stderr != "" || !strings.HasSuffix(stdout, "detailed: names inside, for internal use only)\n") ||
		!strings.HasPrefix(stdout, file+" written") {
		t.Fatalf("Run(export --detailed) = %d, %q, %q, want 0 and %s written, detailed", code, stdout, stderr, file)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("Got(ReadFile) = %v, want the export", err)
	}
	if !bytes.HasPrefix(b, []byte("\uFEFFUSAGE INTERNE — NE PAS TRANSMETTRE")) || !bytes.Contains(b, []byte("Ébrard Zoé")) ||
		!bytes.Contains(b, []byte("Rappeler pour le dossier CAF.")) {
		t.Errorf("Got(detailed export) = %.300q, want the mark first, the name and the note", b)
	}
	got := auditDetails(t, dir)
	if len(got) != 1 || !strings.HasPrefix(got[0], "activities csv-excel 2026-10-01/2026-10-31 detailed (names), 5 rows by pasapasctl") ||
		strings.Contains(got[0], "Ébrard") {
		t.Errorf("Got(audit trail) = %q, want the detailed export recorded, without a name", got)
	}
}

// auditDetails returns the details of the audit trail's export entries.
func auditDetails(t *testing.T, dir string) []string {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "sqlite.Open", err)
	}
	defer db.Close()
	es, err := db.AuditEntries(ctx, time.Time{}, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "AuditEntries", err)
	}
	var out []string
	for _, e := range es {
		if e.Action == audit.Export {
			out = append(out, e.Detail)
		}
	}
	return out
}

// A damaged database says so and what to do — restore a copy — never
// « choose another backup », and writes nothing.
func TestRun_ExportDamaged(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"not a database", func(t *testing.T, path string) {
			if err := os.WriteFile(path, bytes.Repeat([]byte("not a database "), 512), 0o600); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
			}
		}},
		{"damaged pages", func(t *testing.T, path string) {
			b, err := os.ReadFile(path)
			if err != nil || len(b) < 3*4096 {
				t.Fatalf("Got(ReadFile) = %d bytes, %v, want a database of several pages", len(b), err)
			}
			// Keep the header page; scramble every page after it.
			for i := 4096; i < len(b); i++ {
				b[i] = byte(i*7 + 3)
			}
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "WriteFile", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, _ := exportData(t)
			for _, f := range []string{sqlite.FileName + "-wal", sqlite.FileName + "-shm"} {
				if err := os.Remove(filepath.Join(dir, f)); err != nil && !os.IsNotExist(err) {
					t.Fatalf("Got(Remove %s) = %v, want nil error", f, err)
				}
			}
			tt.damage(t, filepath.Join(dir, sqlite.FileName))
			out := t.TempDir()
			code, stdout, stderr := runCLI("export", "--data", dir, "--what", "activities", "--format", "xlsx",
				"--from", "2026-10-01", "--to", "2026-10-31", "--dir", out)
			if code != 1 || stdout != "" || !strings.Contains(stderr, "the database is damaged") ||
				!strings.Contains(stderr, "pasapasctl restore --data "+dir) || strings.Contains(stderr, "choose another backup") {
				t.Errorf("Run(export of a damaged database) = %d, %q, %q, want 1, « the database is damaged » and how to restore",
					code, stdout, stderr)
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("Got(output folder) = %d entries, want nothing written", len(entries))
			}
		})
	}
}
