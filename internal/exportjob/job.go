// Package exportjob writes one export of a period to a file: the one piece
// the desktop app and pasapasctl share. A Request (what, format, detailed
// or not, period, folder or file) goes in; the file is written atomically
// — into a temporary file of the same folder, synced, renamed into place,
// readable by its owner only — and a Result comes back, with what the
// caller needs to tell the user and to audit. On failure nothing is left
// and the *Error says why (Reason), for each side to word.
//
// Exports go by default to the user's Documents folder (DefaultDir),
// created if missing, under a name that says what they hold
// (FileName) and never replaces an earlier file there.
//
// Typical use, off the interface's goroutine:
//
//	job := exportjob.Job{Source: db, GuideTitle: title}
//	res, err := job.Run(ctx, exportjob.Request{
//		Spec:   export.Spec{What: export.WhatActivities, Format: export.XLSX},
//		Period: p, Centre: centre, ExportedBy: user.DisplayName,
//	})
//	if err != nil { show(tr(exportjob.ReasonOf(err).MessageID(), …)); return }
//	audit.Add(res.AuditEntry(user.ID))
package exportjob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pasapas/internal/audit"
	"pasapas/internal/export"
	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
)

// Formats returns the formats export what can be written in, in menu
// order (export.FormatsFor): a screen offers these and no other.
func Formats(what export.What) []export.Format { return export.FormatsFor(what) }

// Detailable reports whether export what has a detailed form for the
// centre's own use (export.Detailable).
func Detailable(what export.What) bool { return export.Detailable(what) }

// Request is one export to write.
type Request struct {
	// Spec is what to write, in which format, and whether detailed
	// (names and notes, marked for internal use) or for funders (the
	// default: no name, no note).
	Spec   export.Spec
	Period report.Period
	// Path is the file to write, replaced if it exists; its folder must
	// exist. When empty the job chooses the file: FileName in Dir, or in
	// the Documents folder (DefaultDir) when Dir is empty, the folder
	// being created if missing, and " (2)", " (3)"… added to the name
	// rather than replace a file.
	Path string
	Dir  string
	// Centre, ExportedBy and Filters fill the file's header block.
	Centre     string
	ExportedBy string
	Filters    []export.Filter
}

// Result is what a written export was: enough to tell the user and to
// audit it.
type Result struct {
	Path   string // the file written, absolute
	Spec   export.Spec
	Period report.Period
	// Rows is how many rows of records the file holds (activities,
	// attendance); 0 for statistics.
	Rows int
	At   time.Time // when it was made (the header's "Exporté le")
}

// AuditDetail returns the audit trail's description of the export, with
// no personal data: "activities xlsx 2026-01-01/2026-03-31 funders, 120
// rows" or "… detailed (names), 120 rows".
func (r Result) AuditDetail() string {
	kind := "funders"
	if r.Spec.Detailed {
		kind = "detailed (names)"
	}
	return fmt.Sprintf("%s %s %s/%s %s, %d rows", r.Spec.What, r.Spec.Format, r.Period.From, r.Period.Last(), kind, r.Rows)
}

// AuditEntry returns the audit entry of the export made by the account
// accountID (0 for pasapasctl, which has no login).
func (r Result) AuditEntry(accountID int64) audit.Entry {
	return audit.Entry{At: r.At, AccountID: accountID, Action: audit.Export, Detail: r.AuditDetail()}
}

// Job writes exports from one store.
type Job struct {
	// Source reads the records: *sqlite.DB.
	Source export.Source
	// Now is the clock (nil is time.Now): the export's time, and today,
	// the last day whose workshop sessions are held.
	Now func() time.Time
	// Location is the centre's time zone (nil is time.Local).
	Location *time.Location
	// GuideTitle returns a kiosk guide's title for the statistics (nil:
	// its id).
	GuideTitle func(id string) string
	// Documents returns the default folder (nil is DefaultDir).
	Documents func() (string, error)
}

// Run writes the export r and returns what it wrote. It checks the
// request (an empty period is Invalid) and the folder before reading
// anything, then reads the period in one snapshot (export.LoadFor: names
// only for a detailed export; the activities from a StreamSource as they
// are written, export.ReadActivities), writes the file and renames it
// into place. Errors are *Error (see
// Reason); nothing is left behind on error, and a file replaced at
// Request.Path is left as it was.
func (j Job) Run(ctx context.Context, r Request) (Result, error) {
	if err := r.Spec.Check(); err != nil {
		return Result{}, &Error{Reason: Invalid, Err: err}
	}
	if r.Period.From.IsZero() || !r.Period.From.Before(r.Period.To) {
		return Result{}, &Error{Reason: Invalid, Err: failure.New(failure.Invalid, "export", report.ErrPeriodOrder)}
	}
	now := time.Now()
	if j.Now != nil {
		now = j.Now()
	}
	loc := j.Location
	if loc == nil {
		loc = time.Local
	}
	now = now.In(loc)
	res := Result{Spec: r.Spec, Period: r.Period, At: now}

	dir, name, replace, err := j.destination(r)
	if err != nil {
		return Result{}, err
	}
	tmp, err := os.CreateTemp(dir, export.TempPattern())
	if err != nil {
		return Result{}, folderError(dir, filepath.Join(dir, name), err)
	}
	done := false
	defer func() {
		if !done {
			// The export failed: its error is the one returned; the
			// temporary file goes (closing it twice is harmless).
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()

	today := journal.DateOf(now)
	h := export.Header{Centre: r.Centre, ExportedBy: r.ExportedBy, ExportedAt: now,
		From: r.Period.From, To: r.Period.Last(), Filters: r.Filters}
	if ss, ok := j.Source.(export.StreamSource); ok && r.Spec.What == export.WhatActivities {
		// The activities are written as they are read.
		var werr error
		res.Rows, err = export.ReadActivities(ctx, ss, r.Spec, r.Period, today, loc, h, func(t export.Table) error {
			werr = writeSynced(tmp, func(w io.Writer) error { return export.Write(w, t, r.Spec.Format) })
			return werr
		})
		switch {
		case werr != nil:
			return Result{}, writeError(dir, werr)
		case err != nil:
			return Result{}, databaseError(err)
		}
	} else {
		d, err := export.LoadFor(ctx, j.Source, r.Spec, r.Period, today, loc)
		if err != nil {
			return Result{}, databaseError(err)
		}
		res.Rows = export.Rows(r.Spec, d)
		write, err := export.BuildSpec(r.Spec, d, h, report.Options{Today: today, Location: loc, GuideTitle: j.GuideTitle})
		if err != nil {
			return Result{}, &Error{Reason: Invalid, Err: err}
		}
		if err := writeSynced(tmp, write); err != nil {
			return Result{}, writeError(dir, err)
		}
	}
	path, err := place(tmp.Name(), dir, name, replace)
	if err != nil {
		return Result{}, err
	}
	done = true
	if err := syncDir(dir); err != nil {
		return Result{}, writeError(dir, err)
	}
	res.Path = path
	return res, nil
}

// destination returns the folder and the file name to write, and whether
// an existing file is replaced (a path given) or kept (a name chosen).
func (j Job) destination(r Request) (dir, name string, replace bool, err error) {
	if r.Path != "" {
		path, err := filepath.Abs(r.Path)
		if err != nil {
			return "", "", false, &Error{Reason: Internal, Path: r.Path, Err: err}
		}
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			return "", "", false, &Error{Reason: PathIsFolder, Path: path, Err: fs.ErrExist}
		}
		dir = filepath.Dir(path)
		if err := checkFolder(dir); err != nil {
			return "", "", false, err
		}
		return dir, filepath.Base(path), true, nil
	}
	dir = r.Dir
	if dir == "" {
		documents := j.Documents
		if documents == nil {
			documents = DefaultDir
		}
		if dir, err = documents(); err != nil {
			return "", "", false, &Error{Reason: NoDocuments, Err: err}
		}
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return "", "", false, &Error{Reason: Internal, Folder: r.Dir, Err: err}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", false, folderError(dir, "", err)
	}
	return dir, FileName(r.Spec, r.Period), false, nil
}

// checkFolder returns nil when dir is an existing folder, else a
// FolderMissing error.
func checkFolder(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case err == nil && !st.IsDir():
		return &Error{Reason: FolderMissing, Folder: dir, Err: fmt.Errorf("%s is a file", dir)}
	case err != nil:
		return folderError(dir, "", err)
	}
	return nil
}

// folderError returns the error of an operation on folder dir (creating
// it, or a file in it).
func folderError(dir, path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrPermission) || failure.IsReadOnlyFS(err):
		return &Error{Reason: FolderReadOnly, Folder: dir, Path: path, Err: pathCause(err)}
	case errors.Is(err, fs.ErrNotExist) || isNotDir(err):
		return &Error{Reason: FolderMissing, Folder: dir, Path: path, Err: pathCause(err)}
	case failure.IsDiskFull(err):
		return &Error{Reason: DiskFull, Folder: dir, Path: path, Err: pathCause(err)}
	}
	return &Error{Reason: Internal, Folder: dir, Path: path, Err: err}
}

// writeError returns the error of writing into folder dir.
func writeError(dir string, err error) error {
	if failure.IsDiskFull(err) {
		return &Error{Reason: DiskFull, Folder: dir, Err: pathCause(err)}
	}
	if errors.Is(err, fs.ErrPermission) || failure.IsReadOnlyFS(err) {
		return &Error{Reason: FolderReadOnly, Folder: dir, Err: pathCause(err)}
	}
	return &Error{Reason: Internal, Folder: dir, Err: err}
}

// databaseError returns the error of reading the records.
func databaseError(err error) error {
	switch failure.KindOf(err) {
	case failure.Damaged:
		return &Error{Reason: DatabaseDamaged, Err: err}
	case failure.Invalid:
		return &Error{Reason: Invalid, Err: err}
	}
	return &Error{Reason: Database, Err: err}
}

// pathCause drops the temporary file's name from a *PathError or a
// *LinkError, keeping its reason ("permission denied").
func pathCause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// writeSynced writes the export into f, flushes it to the disk and
// closes it.
func writeSynced(f *os.File, write func(io.Writer) error) error {
	if err := write(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// place renames the written temporary file tmp to name in dir: over an
// existing file when replace, else to the first free name of name,
// "name (2).ext", "name (3).ext"… It returns the path written.
func place(tmp, dir, name string, replace bool) (string, error) {
	path := filepath.Join(dir, name)
	if !replace {
		ext := filepath.Ext(name)
		base := strings.TrimSuffix(name, ext)
		for n := 2; ; n++ {
			if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
				break
			} else if err != nil {
				return "", folderError(dir, path, err)
			}
			if n > 999 {
				return "", &Error{Reason: FileBusy, Folder: dir, Path: path, Err: fs.ErrExist}
			}
			path = filepath.Join(dir, fmt.Sprintf("%s (%d)%s", base, n, ext))
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		// The folder took the temporary file: what refuses is the file.
		if errors.Is(err, fs.ErrPermission) || isBusy(err) {
			return "", &Error{Reason: FileBusy, Folder: dir, Path: path, Err: pathCause(err)}
		}
		return "", folderError(dir, path, err)
	}
	return path, nil
}

// FileName returns the name the job gives an export of period p:
// "pasapas-activites-2026-01-01-au-2026-03-31.xlsx";
// "pasapas-activites-usage-interne-…" for a detailed one; the CSV for
// French Excel ends in "-excel.csv". It holds no name of a person.
func FileName(s export.Spec, p report.Period) string {
	what := map[export.What]string{export.WhatActivities: "activites", export.WhatAttendance: "presences",
		export.WhatStats: "statistiques"}[s.What]
	if what == "" {
		what = "export"
	}
	if s.Detailed {
		what += "-usage-interne"
	}
	variant := ""
	if s.Format == export.CSVExcel {
		variant = "-excel"
	}
	return fmt.Sprintf("pasapas-%s-%s-au-%s%s%s", what, p.From, p.Last(), variant, s.Format.Ext())
}
