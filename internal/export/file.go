package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

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

// Build returns the function that writes one export of d in format f. PDF
// exists for statistics only; other pairs give an error naming what works.
func Build(what What, d Data, h Header, f Format, opts report.Options) (func(io.Writer) error, error) {
	switch what {
	case WhatActivities, WhatAttendance:
		if f == PDF {
			return nil, fmt.Errorf("--format pdf is for --what stats only; for %s use csv, csv-excel or xlsx", what)
		}
		t := Activities(h, d)
		if what == WhatAttendance {
			t = Attendance(h, d)
		}
		return func(w io.Writer) error { return Write(w, t, f) }, nil
	case WhatStats:
		s := report.StatsOf(d.Data, opts)
		if f == PDF {
			return func(w io.Writer) error { return WriteStatsPDF(w, h, s) }, nil
		}
		t := StatsTable(h, s)
		return func(w io.Writer) error { return Write(w, t, f) }, nil
	}
	return nil, fmt.Errorf("unknown --what %q (known: activities, attendance, stats)", what)
}

// WriteFile writes a file at path through write: into a temporary file of
// the same folder, synced, then renamed over path, so that a failure
// never leaves half a file at path. The file is readable by its owner
// only (it may hold names).
func WriteFile(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if st, serr := os.Stat(path); serr == nil && st.IsDir() {
		return fmt.Errorf("cannot write %s: it is a folder", path)
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
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
