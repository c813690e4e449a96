package browser

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// recordName is the file, in the launcher's folder, that says which
// browser runs for the visit, so that the next start can close it after a
// crash (kill -9, power cut).
const recordName = "running.json"

// record is what running.json holds.
type record struct {
	PID     int    `json:"pid"`
	Start   string `json:"start,omitempty"` // when the process started, as the system counts; "" if unknown
	Program string `json:"program"`
	Visit   string `json:"visit"` // the visit folder, holding the profile and downloads
}

// writeRecord writes r as dir/running.json, atomically: a crash leaves the
// old record or the new one, never half of one.
func writeRecord(dir string, r record) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("browser: record: %w", err)
	}
	f, err := os.CreateTemp(dir, "running-*.tmp")
	if err != nil {
		return fmt.Errorf("browser: record: %w", err)
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, recordName))
	}
	if err != nil {
		if rerr := os.Remove(f.Name()); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			err = errors.Join(err, rerr)
		}
		return fmt.Errorf("browser: record: %w", err)
	}
	return nil
}

// readRecord reads dir/running.json; ok is false when there is none.
func readRecord(dir string) (r record, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, recordName))
	if errors.Is(err, fs.ErrNotExist) {
		return record{}, false, nil
	}
	if err != nil {
		return record{}, false, fmt.Errorf("browser: record: %w", err)
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return record{}, false, fmt.Errorf("browser: record %s: %w", filepath.Join(dir, recordName), err)
	}
	return r, true, nil
}

// removeRecord deletes dir/running.json; no record is no error.
func removeRecord(dir string) error {
	err := os.Remove(filepath.Join(dir, recordName))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("browser: record: %w", err)
	}
	return nil
}

// Recover cleans up after a kiosk that did not end its last visit (killed,
// crashed, or the power cut): it closes the browser dir/running.json names
// if that process is still the browser the kiosk started — a pid the system
// gave since to another program is left alone — and, on Linux, any process
// still working in a visit folder; then it deletes every visit folder under
// dir (profiles and downloads) and the record. Call it once at start, before
// any visit. A missing dir is no error; the errors met are returned
// together, after doing all that could be done.
func Recover(dir string, log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("browser: recover: %w", err)
	}
	var errs []error
	r, ok, err := readRecord(dir)
	if err != nil {
		errs = append(errs, err)
	}
	if ok {
		inDir := filepath.Dir(r.Visit) == dir && strings.HasPrefix(filepath.Base(r.Visit), "visit-")
		switch {
		case !inDir:
			errs = append(errs, fmt.Errorf("browser: record names %s, not a visit folder of %s: nothing killed", r.Visit, dir))
		case ours(r.PID, r):
			killed, err := killTree(r.PID, r.Start, nil)
			if err == nil {
				err = waitGone(killed, closeWait)
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("browser: close the browser left running (pid %d): %w", r.PID, err))
			} else {
				log.Info("browser left by the last run closed", "pid", r.PID, "processes", len(killed))
			}
		case alive(r.PID):
			log.Info("the browser left by the last run is gone; its pid is another program's now, left alone", "pid", r.PID)
		}
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return errors.Join(errs...)
	}
	if err != nil {
		return errors.Join(append(errs, fmt.Errorf("browser: recover: %w", err))...)
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir() && strings.HasPrefix(e.Name(), "visit-"):
			for _, pid := range strays(path) {
				killed, err := killTree(pid, identity(pid), nil)
				if err == nil {
					err = waitGone(killed, closeWait)
				}
				if err != nil {
					errs = append(errs, fmt.Errorf("browser: close a process left in %s (pid %d): %w", path, pid, err))
				} else {
					log.Info("process left in a visit folder closed", "pid", pid, "dir", path)
				}
			}
			if err := removeAll(path); err != nil {
				errs = append(errs, err)
			} else {
				log.Info("folder of an unfinished visit deleted", "dir", path)
			}
		case !e.IsDir() && strings.HasPrefix(e.Name(), "running-") && strings.HasSuffix(e.Name(), ".tmp"):
			if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, fmt.Errorf("browser: recover: %w", err))
			}
		}
	}
	if err := removeRecord(dir); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
