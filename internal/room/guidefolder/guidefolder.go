// Package guidefolder moves a centre's own guide folder (<data>/guides:
// "<id>.<lang>.toml" files and their pictures/ folder) from the station
// to its kiosks: Read takes the files the station publishes, with the
// room's limits, and Replace puts the files a kiosk received in place of
// its copy in one move, so that the guide loader never sees half of an
// update. Files are data only: they are written readable and writable by
// their owner, never executable, under names room.ValidGuideFileName
// allows.
package guidefolder

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"

	"pasapas/internal/guide"
	"pasapas/internal/room"
)

// File is one file of a guide folder.
type File struct {
	Name string // e.g. "atelier-tablette.fr.toml", "pictures/plan.svg"
	Data []byte
}

// Entry returns the file as a room.GuideFile: its name, size and SHA-256.
func (f File) Entry() room.GuideFile {
	sum := sha256.Sum256(f.Data)
	return room.GuideFile{Name: f.Name, Size: int64(len(f.Data)), SHA256: hex.EncodeToString(sum[:])}
}

// Skipped is a file of the folder left out, and why (for the log).
type Skipped struct {
	Name string
	Why  string
}

// Read returns the files of the guide folder dir, sorted by name: the
// ".toml" files at its top and the files of its pictures folder. Names
// room.ValidGuideFileName refuses, what is not a regular file (a symbolic
// link is followed only inside dir), a file over room.MaxGuideFileSize,
// the files after the first room.MaxGuideFiles and those past
// room.MaxGuideBytes in all are left out and listed in skipped. A missing
// folder has no file; an error means the folder could not be listed.
func Read(dir string) (files []File, skipped []Skipped, err error) {
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("guidefolder: %w", err)
	}
	defer root.Close()
	names, skipped, err := list(root, ".", func(n string) bool { return path.Ext(n) == ".toml" })
	if err != nil {
		return nil, skipped, err
	}
	pics, sk, err := list(root, guide.PicturesDir, func(string) bool { return true })
	skipped = append(skipped, sk...)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, skipped, err
	}
	names = append(names, pics...)
	sort.Strings(names)
	total := int64(0)
	for i, name := range names {
		if i == room.MaxGuideFiles {
			skipped = append(skipped, Skipped{name, "more than " + strconv.Itoa(room.MaxGuideFiles) + " files: this one and the next are left out"})
			break
		}
		data, err := readFile(root, name)
		if err != nil {
			skipped = append(skipped, Skipped{name, err.Error()})
			continue
		}
		if total += int64(len(data)); total > room.MaxGuideBytes {
			skipped = append(skipped, Skipped{name, "more than " + strconv.Itoa(room.MaxGuideBytes) + " bytes in all: this one and the next are left out"})
			break
		}
		files = append(files, File{Name: name, Data: data})
	}
	return files, skipped, nil
}

// list returns the names (with their folder, "." left out) of dir in
// root that want keeps and room.ValidGuideFileName allows; folders are
// ignored, other names kept by want are skipped.
func list(root *os.Root, dir string, want func(string) bool) ([]string, []Skipped, error) {
	d, err := root.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	defer d.Close()
	var names []string
	var skipped []Skipped
	for {
		batch, err := d.ReadDir(256)
		for _, e := range batch {
			name := path.Join(dir, e.Name())
			switch {
			case e.IsDir() || !want(e.Name()):
			case !room.ValidGuideFileName(name):
				skipped = append(skipped, Skipped{name, "name not allowed (lower-case letters, digits, . - _)"})
			case len(names) > 4*room.MaxGuideFiles: // enough to say that there are too many
			default:
				names = append(names, name)
			}
		}
		if errors.Is(err, io.EOF) || len(batch) == 0 {
			return names, skipped, nil
		}
		if err != nil {
			return names, skipped, fmt.Errorf("guidefolder: list %s: %w", dir, err)
		}
	}
}

// readFile reads a regular file of root (a link only to a file inside
// it), at most room.MaxGuideFileSize bytes, without blocking on a named
// pipe.
func readFile(root *os.Root, name string) ([]byte, error) {
	info, err := root.Stat(name) // follows a link, inside root only
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if info.Size() > room.MaxGuideFileSize {
		return nil, fmt.Errorf("larger than %d bytes", room.MaxGuideFileSize)
	}
	f, err := root.OpenFile(name, os.O_RDONLY|openNonBlocking, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(f, room.MaxGuideFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > room.MaxGuideFileSize {
		return nil, fmt.Errorf("larger than %d bytes", room.MaxGuideFileSize)
	}
	return data, nil
}

// Replace makes dir hold exactly files, in one move: they are written and
// synced into dir.new, then dir becomes dir.old, dir.new becomes dir, and
// dir.old is removed. A crash leaves the old folder or the new one (see
// Recover). A name room.ValidGuideFileName refuses, more than
// room.MaxGuideFiles files or one over room.MaxGuideFileSize is an error,
// and dir is left as it was.
func Replace(dir string, files []File) error {
	if len(files) > room.MaxGuideFiles {
		return fmt.Errorf("guidefolder: %d files, at most %d", len(files), room.MaxGuideFiles)
	}
	for _, f := range files {
		if !room.ValidGuideFileName(f.Name) || len(f.Data) > room.MaxGuideFileSize {
			return fmt.Errorf("guidefolder: file %q refused", f.Name)
		}
	}
	if err := Recover(dir); err != nil {
		return err
	}
	tmp, old := dir+".new", dir+".old"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("guidefolder: %w", err)
	}
	if err := write(tmp, files); err != nil {
		return errors.Join(err, os.RemoveAll(tmp))
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("guidefolder: %w", err)
	}
	if err := os.Rename(dir, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return errors.Join(fmt.Errorf("guidefolder: %w", err), os.RemoveAll(tmp))
	}
	if err := os.Rename(tmp, dir); err != nil {
		return errors.Join(fmt.Errorf("guidefolder: %w", err), Recover(dir))
	}
	if err := syncDir(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("guidefolder: %w", err)
	}
	return nil
}

// write makes the folder tmp with files, each synced.
func write(tmp string, files []File) error {
	if err := os.MkdirAll(filepath.Join(tmp, guide.PicturesDir), 0o700); err != nil {
		return fmt.Errorf("guidefolder: %w", err)
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(tmp, filepath.FromSlash(f.Name)), f.Data); err != nil {
			return err
		}
	}
	if err := syncDir(filepath.Join(tmp, guide.PicturesDir)); err != nil {
		return err
	}
	return syncDir(tmp)
}

func writeFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("guidefolder: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		return errors.Join(fmt.Errorf("guidefolder: write %s: %w", name, err), f.Close())
	}
	if err := f.Sync(); err != nil {
		return errors.Join(fmt.Errorf("guidefolder: sync %s: %w", name, err), f.Close())
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("guidefolder: %w", err)
	}
	return nil
}

// Recover finishes or undoes a Replace a crash interrupted: when dir is
// missing and dir.old is there, dir.old is put back; a half-written
// dir.new goes, and so does dir.old once dir is in place.
func Recover(dir string) error {
	tmp, old := dir+".new", dir+".old"
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Lstat(old); err == nil {
			if err := os.Rename(old, dir); err != nil {
				return fmt.Errorf("guidefolder: put back %s: %w", old, err)
			}
		}
	}
	return errors.Join(os.RemoveAll(tmp), os.RemoveAll(old))
}
