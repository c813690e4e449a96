//go:build cgo

// These tests read a real SQLite store, which needs cgo.

package exportjob_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/audit"
	"pasapas/internal/export"
	"pasapas/internal/exportjob"
	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/sqlite"
)

// The centre of these tests: one mediator, Zoé Ébrard (with a phone)
// accompanied on 5 October with a note.
const (
	zoe   = "Ébrard Zoé"
	phone = "06 12 34 56 78"
	note  = "Rappeler pour le dossier CAF."
)

func openCentre(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), sqlite.FileName))
	check(t, "sqlite.Open", err)
	t.Cleanup(func() { check(t, "Close", db.Close()) })
	db.Now = func() time.Time { return clock }
	mid, err := db.CreateAccount(ctx, account.Account{Name: "camille", DisplayName: "Camille Martin",
		Role: account.Mediator, Verifier: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", Created: clock})
	check(t, "CreateAccount", err)
	b := journal.NewBeneficiary(journal.NewDate(2026, 9, 1), mid)
	b.FirstName, b.LastName, b.Phone = "Zoé", "Ébrard", phone
	b, err = db.SaveBeneficiary(ctx, b)
	check(t, "SaveBeneficiary", err)
	a := journal.NewAccompaniment(journal.NewDate(2026, 10, 5), mid)
	a.DurationMinutes, a.Place.Name, a.Notes = 30, "Centre social", note
	a.Themes = []journal.Theme{journal.ThemeEmail}
	a.BeneficiaryID = b.ID
	_, err = db.SaveAccompaniment(ctx, a)
	check(t, "SaveAccompaniment", err)
	return db
}

func newJob(src export.Source, documents string) exportjob.Job {
	return exportjob.Job{Source: src, Now: func() time.Time { return clock }, Location: paris,
		Documents: func() (string, error) { return documents, nil }}
}

func request(what export.What, f export.Format, detailed bool) exportjob.Request {
	return exportjob.Request{Spec: export.Spec{What: what, Format: f, Detailed: detailed}, Period: october,
		Centre: "Espace des Lilas", ExportedBy: "Camille Martin"}
}

// entries returns the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	check(t, "ReadDir", err)
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// With no folder given, the export goes to the Documents folder, created
// (owner only) if missing, under a name that says what it holds; a second
// export of the same period is written beside the first, never over it.
func TestJob_Run_Documents(t *testing.T) {
	docs := filepath.Join(t.TempDir(), "Documents")
	job := newJob(openCentre(t), docs)
	res, err := job.Run(context.Background(), request(export.WhatActivities, export.CSVExcel, false))
	check(t, "Run", err)
	want := filepath.Join(docs, "pasapas-activites-2026-10-01-au-2026-10-31-excel.csv")
	if res.Path != want || res.Rows != 1 || !res.At.Equal(clock) || res.Spec.Detailed {
		t.Errorf("Got(Run) = %+v, want %s, 1 row, at %v", res, want, clock)
	}
	st, err := os.Stat(docs)
	check(t, "Stat", err)
	if st.Mode().Perm() != 0o700 {
		t.Errorf("Got(Documents folder mode) = %v, want 0700 (created by the job)", st.Mode().Perm())
	}
	st, err = os.Stat(res.Path)
	check(t, "Stat", err)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("Got(file mode) = %v, want 0600", st.Mode().Perm())
	}
	b, err := os.ReadFile(res.Path)
	check(t, "ReadFile", err)
	for _, s := range []string{zoe, "Zoé Ébrard", phone, note} {
		if bytes.Contains(b, []byte(s)) {
			t.Errorf("Got(funders' export) holds %q, want no beneficiary field", s)
		}
	}
	if !bytes.Contains(b, []byte("Espace des Lilas")) || !bytes.Contains(b, []byte("20/10/2026 16:00")) {
		t.Errorf("Got(header block) = %.300q, want the centre and the time in Paris", b)
	}

	again, err := job.Run(context.Background(), request(export.WhatActivities, export.CSVExcel, false))
	check(t, "Run", err)
	if want := filepath.Join(docs, "pasapas-activites-2026-10-01-au-2026-10-31-excel (2).csv"); again.Path != want {
		t.Errorf("Got(second Run) = %s, want %s", again.Path, want)
	}
	if got := entries(t, docs); len(got) != 2 {
		t.Errorf("Got(Documents) = %q, want the two exports and nothing else", got)
	}
}

// The detailed export holds the names and the notes, starts with the
// internal-use mark, and its audit entry says so without a name.
func TestJob_Run_Detailed(t *testing.T) {
	dir := t.TempDir()
	job := newJob(openCentre(t), "")
	r := request(export.WhatActivities, export.CSV, true)
	r.Dir = dir
	res, err := job.Run(context.Background(), r)
	check(t, "Run", err)
	if filepath.Base(res.Path) != "pasapas-activites-usage-interne-2026-10-01-au-2026-10-31.csv" {
		t.Errorf("Got(file) = %s, want a name saying « usage interne »", res.Path)
	}
	b, err := os.ReadFile(res.Path)
	check(t, "ReadFile", err)
	if !bytes.HasPrefix(b, []byte(export.InternalMark)) || !bytes.Contains(b, []byte(zoe)) || !bytes.Contains(b, []byte(note)) {
		t.Errorf("Got(detailed export) = %.400q, want the mark first, the name and the note", b)
	}
	e := res.AuditEntry(7)
	want := audit.Entry{At: clock.In(paris), AccountID: 7, Action: audit.Export,
		Detail: "activities csv 2026-10-01/2026-10-31 detailed (names), 1 rows"}
	if e != want {
		t.Errorf("Got(AuditEntry) = %+v, want %+v", e, want)
	}
	if strings.Contains(e.Detail, "Ébrard") {
		t.Errorf("Got(audit detail) = %q, want no name", e.Detail)
	}
}

// A path given is replaced; its folder must exist.
func TestJob_Run_Path(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "stats.pdf")
	check(t, "WriteFile", os.WriteFile(path, []byte("previous"), 0o600))
	job := newJob(openCentre(t), "")
	r := request(export.WhatStats, export.PDF, false)
	r.Path = path
	res, err := job.Run(context.Background(), r)
	check(t, "Run", err)
	b, err := os.ReadFile(path)
	check(t, "ReadFile", err)
	if res.Path != path || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("Got(Run) = %s, %.10q, want %s replaced by a PDF", res.Path, b, path)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("Got(folder) = %q, want only the export", got)
	}
}

// fakeSource fails every read with err.
type fakeSource struct{ err error }

func (f fakeSource) ReportData(context.Context, report.Query) (report.Data, error) {
	return report.Data{}, f.err
}
func (f fakeSource) Beneficiary(context.Context, int64) (journal.Beneficiary, error) {
	return journal.Beneficiary{}, f.err
}
func (f fakeSource) Accounts(context.Context) ([]account.Account, error) { return nil, f.err }

func TestJob_Run_Errors(t *testing.T) {
	root := t.TempDir()
	previous := filepath.Join(root, "previous.csv")
	check(t, "WriteFile", os.WriteFile(previous, []byte("previous export"), 0o600))
	db := openCentre(t)
	damaged := fakeSource{failure.New(failure.Damaged, "read report data", errors.New("database disk image is malformed"))}
	busy := fakeSource{failure.New(failure.Internal, "read report data", errors.New("database is locked"))}
	with := func(r exportjob.Request, edit func(*exportjob.Request)) exportjob.Request {
		edit(&r)
		return r
	}
	csv := request(export.WhatActivities, export.CSV, false)
	tests := []struct {
		name   string
		src    export.Source
		r      exportjob.Request
		reason exportjob.Reason
		kind   failure.Kind
		folder string
		text   string // in Error()
	}{
		{"pdf of activities", db, request(export.WhatActivities, export.PDF, false), exportjob.Invalid, failure.Invalid, "",
			"not supported"},
		{"detailed statistics", db, request(export.WhatStats, export.XLSX, true), exportjob.Invalid, failure.Invalid, "",
			"no detailed form"},
		{"empty period", db, with(csv, func(r *exportjob.Request) { r.Period.To = r.Period.From }), exportjob.Invalid,
			failure.Invalid, "", "ends before it starts"},
		{"missing folder", db, with(csv, func(r *exportjob.Request) { r.Path = filepath.Join(root, "absent", "out.csv") }),
			exportjob.FolderMissing, failure.NotFound, filepath.Join(root, "absent"),
			"cannot write in folder " + filepath.Join(root, "absent") + ": it does not exist"},
		{"folder is a file", db, with(csv, func(r *exportjob.Request) { r.Dir = previous }), exportjob.FolderMissing,
			failure.NotFound, previous, "cannot write in folder " + previous},
		{"path is a folder", db, with(csv, func(r *exportjob.Request) { r.Path = root }), exportjob.PathIsFolder,
			failure.Invalid, "", "it is a folder"},
		// A damaged database says so, and nothing about backups.
		{"damaged database", damaged, with(csv, func(r *exportjob.Request) { r.Path = previous }),
			exportjob.DatabaseDamaged, failure.Damaged, "", "the database is damaged: nothing was exported"},
		{"database locked", busy, with(csv, func(r *exportjob.Request) { r.Dir = root }), exportjob.Database,
			failure.Internal, "", "cannot read the database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := newJob(tt.src, filepath.Join(root, "Documents")).Run(context.Background(), tt.r)
			var e *exportjob.Error
			if !errors.As(err, &e) || e.Reason != tt.reason || failure.KindOf(err) != tt.kind || res.Path != "" {
				t.Fatalf("Got(Run) = %+v, %v (kind %s), want reason %s, kind %s", res, err, failure.KindOf(err), tt.reason, tt.kind)
			}
			if exportjob.ReasonOf(err) != tt.reason || e.Folder != tt.folder || !strings.Contains(err.Error(), tt.text) {
				t.Errorf("Got(error) = %q (folder %q), want %q (folder %q)", err, e.Folder, tt.text, tt.folder)
			}
			if strings.Contains(err.Error(), "backup") || strings.Contains(err.Error(), "no such file or directory") {
				t.Errorf("Got(error) = %q, want no word of backups nor a bare « no such file or directory »", err)
			}
			if got := e.Reason.MessageID(); got != "export.error."+string(tt.reason) {
				t.Errorf("Got(MessageID) = %q, want export.error.%s", got, tt.reason)
			}
		})
	}
	// Nothing was left: the previous file is intact, no temporary file,
	// and no Documents folder was made for requests that failed first.
	if got := entries(t, root); len(got) != 1 || got[0] != "previous.csv" {
		t.Errorf("Got(folder after the errors) = %q, want only previous.csv", got)
	}
	if b, _ := os.ReadFile(previous); string(b) != "previous export" {
		t.Errorf("Got(previous.csv) = %q, want it untouched", b)
	}
}

// FileName says what the file holds, never who.
func TestFileName(t *testing.T) {
	q, err := report.PresetPeriod(report.LastQuarter, journal.NewDate(2026, 1, 15))
	check(t, "PresetPeriod", err)
	tests := []struct {
		spec export.Spec
		want string
	}{
		{export.Spec{What: export.WhatActivities, Format: export.XLSX}, "pasapas-activites-2025-10-01-au-2025-12-31.xlsx"},
		{export.Spec{What: export.WhatAttendance, Format: export.CSVExcel, Detailed: true},
			"pasapas-presences-usage-interne-2025-10-01-au-2025-12-31-excel.csv"},
		{export.Spec{What: export.WhatStats, Format: export.PDF}, "pasapas-statistiques-2025-10-01-au-2025-12-31.pdf"},
		{export.Spec{What: export.WhatStats, Format: export.CSV}, "pasapas-statistiques-2025-10-01-au-2025-12-31.csv"},
	}
	for _, tt := range tests {
		if got := exportjob.FileName(tt.spec, q); got != tt.want {
			t.Errorf("Got(FileName(%+v)) = %q, want %q", tt.spec, got, tt.want)
		}
	}
}

// Formats lists, before any click, only the formats an export has.
func TestFormats(t *testing.T) {
	for _, what := range export.Whats() {
		for _, f := range exportjob.Formats(what) {
			if err := (export.Spec{What: what, Format: f}).Check(); err != nil {
				t.Errorf("Got(Check(%s as %s)) = %v, want nil: Formats lists it", what, f, err)
			}
		}
	}
	if fs := exportjob.Formats(export.WhatActivities); len(fs) != 3 || fs[2] != export.XLSX {
		t.Errorf("Got(Formats(activities)) = %v, want csv, csv-excel, xlsx", fs)
	}
	if !exportjob.Detailable(export.WhatAttendance) || exportjob.Detailable(export.WhatStats) {
		t.Errorf("Got(Detailable) = attendance %v, stats %v, want true, false",
			exportjob.Detailable(export.WhatAttendance), exportjob.Detailable(export.WhatStats))
	}
}
