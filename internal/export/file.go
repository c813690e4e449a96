package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"pasapas/internal/failure"
	"pasapas/internal/report"
)

// What names an export: "activities", "attendance" or "stats".
type What string

// The exports.
const (
	WhatActivities What = "activities"
	WhatAttendance What = "attendance"
	WhatStats      What = "stats"
)

// Spec says which export to make: what, in which format, and whether it
// is the detailed export for the centre's own use (names and notes,
// marked InternalMark) rather than the one for funders (no name, no
// note), which is the default.
type Spec struct {
	What     What
	Format   Format
	Detailed bool
}

// Errors of Spec.Check, wrapped with kind failure.Invalid.
var (
	ErrUnknownWhat = errors.New("unknown export")
	ErrNotDetailed = errors.New("this export has no detailed form")
)

// Whats returns the exports, in the order a screen offers them.
func Whats() []What { return []What{WhatActivities, WhatAttendance, WhatStats} }

// FormatsFor returns the formats export what can be written in, in the
// order a menu shows them: CSV, CSV for French Excel and XLSX for every
// export, and PDF for statistics only. An unknown export has none. A
// screen offers these and no other, so that a format that does not apply
// is never a surprise after the click.
func FormatsFor(what What) []Format {
	switch what {
	case WhatActivities, WhatAttendance:
		return []Format{CSV, CSVExcel, XLSX}
	case WhatStats:
		return Formats()
	}
	return nil
}

// Detailable reports whether export what has a detailed form: activities
// and attendance do; statistics hold no name and have none.
func Detailable(what What) bool { return what == WhatActivities || what == WhatAttendance }

// Check returns nil when s can be written, or an error of kind
// failure.Invalid wrapping ErrUnknownWhat, ErrUnsupported (a format
// FormatsFor does not list) or ErrNotDetailed.
func (s Spec) Check() error {
	const op = "export"
	switch {
	case FormatsFor(s.What) == nil:
		return failure.New(failure.Invalid, op, fmt.Errorf("%w %q", ErrUnknownWhat, s.What))
	case !slices.Contains(FormatsFor(s.What), s.Format):
		return failure.New(failure.Invalid, op, fmt.Errorf("%s as %q: %w", s.What, s.Format, ErrUnsupported))
	case s.Detailed && !Detailable(s.What):
		return failure.New(failure.Invalid, op, fmt.Errorf("%s: %w", s.What, ErrNotDetailed))
	}
	return nil
}

// Build returns the function that writes the funders' export what of d
// in format f: BuildSpec of Spec{What: what, Format: f}.
func Build(what What, d Data, h Header, f Format, opts report.Options) (func(io.Writer) error, error) {
	return BuildSpec(Spec{What: what, Format: f}, d, h, opts)
}

// BuildSpec returns the function that writes export s of d: activities
// or attendance (Activities, Attendance, or their detailed forms), or
// the statistics of d (StatsTables, or WriteStatsPDF). A spec that
// Check refuses gives its error.
func BuildSpec(s Spec, d Data, h Header, opts report.Options) (func(io.Writer) error, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	switch s.What {
	case WhatActivities, WhatAttendance:
		var t Table
		switch {
		case s.What == WhatActivities && s.Detailed:
			t = DetailedActivities(h, d)
		case s.What == WhatActivities:
			t = Activities(h, d)
		case s.Detailed:
			t = DetailedAttendance(h, d)
		default:
			t = Attendance(h, d)
		}
		return func(w io.Writer) error { return Write(w, t, s.Format) }, nil
	default:
		st := report.StatsOf(d.Data, opts)
		if s.Format == PDF {
			return func(w io.Writer) error { return WriteStatsPDF(w, h, st) }, nil
		}
		ts := StatsTables(h, st)
		return func(w io.Writer) error { return WriteTables(w, ts, s.Format) }, nil
	}
}

// Rows returns how many rows the activities or attendance export of d
// holds (the "Lignes" of its header block): what a caller reports or
// audits. Statistics have no rows of records: 0.
func Rows(s Spec, d Data) int {
	switch s.What {
	case WhatActivities:
		_, n := d.sessions()
		return len(d.Accompaniments) + n
	case WhatAttendance:
		return len(report.Participations(d.Data, d.Today))
	}
	return 0
}

// WriteFile writes a file at path through write: into a temporary file of
// the same folder, synced, then renamed over path, so that a failure
// never leaves half a file at path. The file is readable by its owner
// only (it may hold names).
func WriteFile(path string, write func(io.Writer) error) (err error) {
	dir, _ := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if st, serr := os.Stat(path); serr == nil && st.IsDir() {
		return fmt.Errorf("cannot write %s: it is a folder", path)
	}
	tmp, err := os.CreateTemp(dir, TempPattern())
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the temporary file's name from a *PathError, keeping
// its reason ("permission denied", "no such file or directory").
func unwrapPath(err error) error {
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
