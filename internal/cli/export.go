package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"pasapas/assets"
	"pasapas/internal/datadir"
	"pasapas/internal/export"
	"pasapas/internal/exportjob"
	"pasapas/internal/failure"
	"pasapas/internal/guide"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/sqlite"
)

const exportUsage = "export --data DIR --what activities|attendance|stats --format csv|csv-excel|xlsx|pdf --from YYYY-MM-DD --to YYYY-MM-DD [-o FILE | --dir DIR] [--detailed]   export a period, --to included (pdf: stats only), to the Documents folder by default; --detailed: with names, for internal use"

// exportCmd runs "pasapasctl export" through the export job the app uses
// (internal/exportjob). The period runs from --from to --to, both days
// included, as a person says "du 1er au 31 octobre". The file is -o, or
// named after what it holds in --dir, or in the Documents folder. Funders'
// exports hold no name; --detailed adds the names and notes, marks the
// file for internal use and is written in the audit trail (every export
// is). Errors are printed on stderr with what to do, and give status 1;
// nothing is left on error.
func exportCmd(args []string, stdout, stderr io.Writer) int {
	fs, data := commandFlags("export", stderr)
	what := fs.String("what", "", "activities, attendance or stats")
	format := fs.String("format", "", "csv, csv-excel, xlsx or pdf (pdf: stats only)")
	from := fs.String("from", "", "first day, YYYY-MM-DD")
	to := fs.String("to", "", "last day, included, YYYY-MM-DD")
	out := fs.String("o", "", "file to write (replaced if it exists)")
	dir := fs.String("dir", "", "folder to write in, the file named after what it holds (default: the Documents folder)")
	detailed := fs.Bool("detailed", false, "activities or attendance with names and notes, for the centre's internal use only (audited)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pasapasctl export: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	req, err := exportRequest(*what, *format, *from, *to, *out, *dir, *detailed)
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl export: %v\n", err)
		return 1
	}
	if err := runExport(*data, req, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "pasapasctl export: %v\n", err)
		if hint := exportHint(err, *data); hint != "" {
			fmt.Fprintln(stderr, "  "+hint)
		}
		return 1
	}
	return 0
}

// exportRequest checks the flags and returns the export they ask for.
func exportRequest(what, format, from, to, out, dir string, detailed bool) (exportjob.Request, error) {
	f, err := export.ParseFormat(format)
	if err != nil {
		return exportjob.Request{}, err
	}
	w := export.What(what)
	formats := exportjob.Formats(w)
	switch {
	case formats == nil:
		return exportjob.Request{}, fmt.Errorf("unknown --what %q (known: activities, attendance, stats)", what)
	case !slices.Contains(formats, f):
		var names []string
		for _, x := range formats {
			names = append(names, string(x))
		}
		return exportjob.Request{}, fmt.Errorf("--format %s is for --what stats only; for %s use %s or %s", f, what,
			strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
	case detailed && !exportjob.Detailable(w):
		return exportjob.Request{}, fmt.Errorf("--detailed is for --what activities or attendance: statistics hold no names")
	}
	first, err := parseDay("--from", from)
	if err != nil {
		return exportjob.Request{}, err
	}
	last, err := parseDay("--to", to)
	if err != nil {
		return exportjob.Request{}, err
	}
	period, err := report.Days(first, last)
	if err != nil {
		return exportjob.Request{}, fmt.Errorf("--from %s is after --to %s", first, last)
	}
	if out != "" && dir != "" {
		return exportjob.Request{}, errors.New("give -o FILE or --dir DIR, not both")
	}
	return exportjob.Request{Spec: export.Spec{What: w, Format: f, Detailed: detailed}, Period: period,
		Path: out, Dir: dir}, nil
}

func runExport(data string, req exportjob.Request, stdout, stderr io.Writer) error {
	ctx := context.Background()
	dir, db, err := openData(ctx, data)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := db.LoadSettings(ctx)
	if err != nil {
		return err
	}
	req.Centre, req.ExportedBy = st.CentreName, exporter()
	job := exportjob.Job{Source: db, Location: time.Local, GuideTitle: guideTitles(dir)}
	res, err := job.Run(ctx, req)
	if err != nil {
		return err
	}
	entry := res.AuditEntry(0)
	entry.Detail += " by " + req.ExportedBy
	if err := db.AddAudit(ctx, entry); err != nil {
		if !req.Spec.Detailed {
			// A funders' export holds no name: it stays, and the
			// failure to record it is said.
			fmt.Fprintf(stderr, "pasapasctl export: warning: the export was written but not recorded in the audit trail: %v\n", err)
		} else if rerr := os.Remove(res.Path); rerr != nil {
			return fmt.Errorf("a detailed export must be audited, and recording it failed (%v); remove %s by hand: %w", err, res.Path, rerr)
		} else {
			return fmt.Errorf("a detailed export must be audited, and recording it failed: nothing was exported: %w", err)
		}
	}
	kind := ""
	if req.Spec.Detailed {
		kind = ", detailed: names inside, for internal use only"
	}
	fmt.Fprintf(stdout, "%s written (%s, %s%s)\n", res.Path, req.Spec.What, req.Period, kind)
	return nil
}

// exportHint returns what to do about an export error, or "".
func exportHint(err error, data string) string {
	var e *exportjob.Error
	if errors.As(err, &e) {
		switch e.Reason {
		case exportjob.FolderReadOnly:
			return "choose a folder you may write in (-o FILE or --dir DIR), or ask for write access to " + e.Folder
		case exportjob.FolderMissing:
			return "create the folder first, or choose another one (-o FILE or --dir DIR)"
		case exportjob.FileBusy:
			return "close the file (a spreadsheet may have it open) or choose another name, then try again"
		case exportjob.DiskFull:
			return "free some space on that disk, or choose another folder, then try again"
		case exportjob.NoDocuments:
			return "choose where to write: -o FILE or --dir DIR"
		}
	}
	if failure.KindOf(err) == failure.Damaged {
		flag := ""
		if data != "" {
			flag = " --data " + data
		}
		return "the database needs repair before anything can be exported: list the automatic copies with " +
			"\"pasapasctl backup" + flag + " --list\" and put the latest good one back with \"pasapasctl restore" + flag +
			" FILE\" (Pas à pas closed)"
	}
	return ""
}

// parseDay parses the day given to flag name.
func parseDay(name, s string) (journal.Date, error) {
	if s == "" {
		return journal.Date{}, fmt.Errorf("missing %s YYYY-MM-DD", name)
	}
	d, err := journal.ParseDate(s)
	if err != nil {
		return journal.Date{}, fmt.Errorf("%s %q is not a date of the form YYYY-MM-DD", name, s)
	}
	return d, nil
}

// openData opens the database of the data folder flag (resolved as the
// app does), refusing a folder that holds none rather than creating one.
// A damaged database is failure.Damaged.
func openData(ctx context.Context, flag string) (string, *sqlite.DB, error) {
	dir, err := datadir.Resolve(flag, os.Getenv)
	if err != nil {
		return "", nil, err
	}
	path := filepath.Join(dir, sqlite.FileName)
	if _, err := os.Stat(path); err != nil {
		return "", nil, fmt.Errorf("no database in %s (%s not found)", dir, sqlite.FileName)
	}
	db, err := sqlite.Open(ctx, path)
	if failure.KindOf(err) == failure.Damaged {
		return "", nil, failure.New(failure.Damaged, "open "+path, fmt.Errorf("the database is damaged: nothing was read from it (%w)", err))
	}
	if err != nil {
		return "", nil, fmt.Errorf("open %s: %w", path, err)
	}
	return dir, db, nil
}

// exporter names who exports from the command line: there is no login,
// so it is the system account.
func exporter() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "pasapasctl (compte système " + u.Username + ")"
	}
	return "pasapasctl"
}

// guideTitles returns the French title of a kiosk guide id, from the
// built-in guides and the centre's own.
func guideTitles(dir string) func(string) string {
	lib, _ := guide.Load(guide.Options{},
		guide.Source{FS: assets.Files(), Dir: "guides", Name: "assets/guides", Builtin: true},
		guide.Source{FS: os.DirFS(filepath.Join(dir, "guides")), Dir: ".", Name: filepath.Join(dir, "guides")})
	return func(id string) string {
		if g := lib.ByID(id); g != nil {
			return guide.Plain(g.In("fr").Title)
		}
		return ""
	}
}

// writeFile writes a file at path through write: into a temporary file of
// the same folder, synced, then renamed over path, so that a failure
// never leaves half a file at path. The file is readable by its owner
// only (it may hold names).
func writeFile(path string, write func(io.Writer) error) error { return export.WriteFile(path, write) }
