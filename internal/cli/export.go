package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"time"

	"pasapas/assets"
	"pasapas/internal/datadir"
	"pasapas/internal/export"
	"pasapas/internal/guide"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/sqlite"
)

const exportUsage = "export --data DIR --what activities|attendance|stats --format csv|csv-excel|xlsx|pdf --from YYYY-MM-DD --to YYYY-MM-DD -o FILE   export a period, --to included (pdf: stats only)"

// exportCmd runs "pasapasctl export". The period runs from --from to --to,
// both days included, as a person says "du 1er au 31 octobre". Errors are
// printed on stderr and give status 1; nothing is left at -o on error.
func exportCmd(args []string, stdout, stderr io.Writer) int {
	fs, data := commandFlags("export", stderr)
	what := fs.String("what", "", "activities, attendance or stats")
	format := fs.String("format", "", "csv, csv-excel, xlsx or pdf (pdf: stats only)")
	from := fs.String("from", "", "first day, YYYY-MM-DD")
	to := fs.String("to", "", "last day, included, YYYY-MM-DD")
	out := fs.String("o", "", "file to write")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pasapasctl export: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if err := runExport(*data, *what, *format, *from, *to, *out, stdout); err != nil {
		fmt.Fprintf(stderr, "pasapasctl export: %v\n", err)
		return 1
	}
	return 0
}

func runExport(data, what, format, from, to, out string, stdout io.Writer) error {
	f, err := export.ParseFormat(format)
	if err != nil {
		return err
	}
	switch what {
	case "activities", "attendance":
		if f == export.PDF {
			return fmt.Errorf("--format pdf is for --what stats only; for %s use csv, csv-excel or xlsx", what)
		}
	case "stats":
	default:
		return fmt.Errorf("unknown --what %q (known: activities, attendance, stats)", what)
	}
	first, err := parseDay("--from", from)
	if err != nil {
		return err
	}
	last, err := parseDay("--to", to)
	if err != nil {
		return err
	}
	period, err := report.Days(first, last)
	if err != nil {
		return fmt.Errorf("--from %s is after --to %s", first, last)
	}
	if out == "" {
		return errors.New("missing -o FILE")
	}

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
	now := time.Now()
	today := journal.DateOf(now)
	d, err := export.Load(ctx, db, period, today, time.Local)
	if err != nil {
		return err
	}
	h := export.Header{Centre: st.CentreName, ExportedBy: exporter(), ExportedAt: now, From: first, To: last}

	write, err := export.Build(export.What(what), d, h, f,
		report.Options{Today: today, Location: time.Local, GuideTitle: guideTitles(dir)})
	if err != nil {
		return err
	}
	if err := writeFile(out, write); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s written (%s, %s)\n", out, what, period)
	return nil
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
