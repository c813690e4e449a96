package backup

import (
	"cmp"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"pasapas/internal/sqlite"
)

// List returns the backups in dir, newest first, each with its date and
// the record counts read from the file (read-only: nothing is written
// beside them). An encrypted backup (.db.age) is listed with Encrypted
// set and no counts. A file that cannot be read is listed with Err set. A
// folder that does not exist holds no backup. Other files are ignored.
func List(ctx context.Context, dir string) ([]Info, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fsErr("list backups", err)
	}
	var out []Info
	for _, e := range entries {
		t, safety, encrypted, ok := parseName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		info := Info{Path: filepath.Join(dir, e.Name()), Time: t, SafetyCopy: safety, Encrypted: encrypted}
		if st, err := e.Info(); err == nil {
			info.Size = st.Size()
		}
		if encrypted {
			out = append(out, info) // its counts need the passphrase
			continue
		}
		fi, err := sqlite.InspectFile(ctx, info.Path)
		info.SchemaVersion, info.Counts, info.Err = fi.SchemaVersion, fi.Counts, err
		out = append(out, info)
	}
	slices.SortFunc(out, func(a, b Info) int {
		return cmp.Or(b.Time.Compare(a.Time), cmp.Compare(b.Path, a.Path))
	})
	return out, nil
}
