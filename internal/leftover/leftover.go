// Package leftover names the program's temporary files and folders after
// the process that makes them — a prefix, the process id, a dash, random
// digits, a suffix — so that a later start can tell those a stopped
// process left behind (killed, a power cut) from those of a program still
// running, and remove them.
package leftover

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Pattern returns prefix + "<this process's id>-*" + suffix, the pattern
// to give os.CreateTemp or os.MkdirTemp.
func Pattern(prefix, suffix string) string {
	return prefix + strconv.Itoa(os.Getpid()) + "-*" + suffix
}

// Owner returns the id of the process that made the file or folder name,
// named by Pattern(prefix, suffix); 0 for prefix + random + suffix, a name
// of a version before this package. ok is false for other names.
func Owner(name, prefix, suffix string) (pid int, ok bool) {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return 0, false
	}
	if rest, ok = strings.CutSuffix(rest, suffix); !ok || rest == "" {
		return 0, false
	}
	id, random, hasPid := strings.Cut(rest, "-")
	if !hasPid {
		return 0, true
	}
	n, err := strconv.Atoi(id)
	if err != nil || n <= 0 || random == "" {
		return 0, false
	}
	return n, true
}

// Left reports whether the file or folder named by Pattern(prefix,
// suffix) at path was left by a stopped process: its name is such a name,
// it is this user's, and the process that made it no longer runs (or the
// name has no process id). Files of this process are never left.
func Left(path, prefix, suffix string) bool {
	pid, ok := Owner(filepath.Base(path), prefix, suffix)
	if !ok || pid == os.Getpid() || (pid > 0 && running(pid)) {
		return false
	}
	info, err := os.Lstat(path)
	return err == nil && ours(info)
}

// Remove removes from dir the files and folders that Left reports as left
// by a stopped process and that keep accepts (nil: all; it looks at what
// a folder holds before it is removed), and returns their paths. Errors
// are of what could not be read or removed; the others are removed
// anyway. A dir that does not exist holds nothing left.
func Remove(dir, prefix, suffix string, keep func(path string, e fs.DirEntry) bool) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if !Left(path, prefix, suffix) || (keep != nil && !keep(path, e)) {
			continue
		}
		if err := os.RemoveAll(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, path)
	}
	return removed, errors.Join(errs...)
}

// Only returns a keep function for Remove that accepts a folder holding
// nothing but regular files whose names match one of the patterns
// (filepath.Match), and nothing else: a folder of the program's, not
// somebody's that happens to have the same name.
func Only(patterns ...string) func(path string, e fs.DirEntry) bool {
	return func(path string, e fs.DirEntry) bool {
		if !e.IsDir() {
			return false
		}
		entries, err := os.ReadDir(path)
		if err != nil {
			return false
		}
		for _, f := range entries {
			if !f.Type().IsRegular() || !matchAny(f.Name(), patterns) {
				return false
			}
		}
		return true
	}
}

// File is a keep function for Remove that accepts regular files only.
func File(_ string, e fs.DirEntry) bool { return e.Type().IsRegular() }

func matchAny(name string, patterns []string) bool {
	for _, p := range patterns {
		if ok, _ := filepath.Match(p, name); ok {
			return true
		}
	}
	return false
}
