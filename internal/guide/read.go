package guide

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strconv"
)

// folder lists and reads the guide files of one source, with the rules for
// files nobody vetted: regular files only, at most MaxFileSize bytes read.
type folder interface {
	// next returns up to n more entries of the folder; io.EOF at the end.
	next(n int) ([]fs.DirEntry, error)
	// read returns the content of the file name of the folder.
	read(name string, typ fs.FileMode) ([]byte, error)
	// readPicture returns the content of the file name of the folder's
	// pictures folder, at most MaxPictureSize bytes (else errTooLarge).
	readPicture(name string) ([]byte, error)
	close() error
}

// Errors of read, each reported with its own problem code.
var (
	errTooLarge = errors.New("file too large")
	errLink     = errors.New("symbolic link")
)

// notRegularError says that a guide file name is something else than a
// regular file: a named pipe, a device, a socket, a folder.
type notRegularError struct{ mode fs.FileMode }

func (e notRegularError) Error() string { return "not a regular file: " + kindOf(e.mode) }

// kindOf names what a file that is not regular is.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "device"
	case m.IsDir():
		return "folder"
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	default:
		return "special file"
	}
}

// openFolder opens the folder of a source: on disk through os.Root when
// src.Path is set, else in src.FS.
func openFolder(src Source) (folder, error) {
	if src.Path != "" {
		root, err := os.OpenRoot(src.Path)
		if err != nil {
			return nil, err
		}
		dir, err := root.Open(".")
		if err != nil {
			return nil, errors.Join(err, root.Close())
		}
		return &rootFolder{root: root, dir: dir}, nil
	}
	f, err := src.FS.Open(src.Dir)
	if err != nil {
		return nil, err
	}
	if d, ok := f.(fs.ReadDirFile); ok {
		return &fsFolder{fsys: src.FS, dir: src.Dir, f: d}, nil
	}
	// An fs.FS whose folders cannot be listed bit by bit: list it whole.
	if err := f.Close(); err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(src.FS, src.Dir)
	if err != nil {
		return nil, err
	}
	return &fsFolder{fsys: src.FS, dir: src.Dir, listed: entries}, nil
}

// fsFolder is a folder of an fs.FS (the embedded library, a test's MapFS,
// os.DirFS). Symbolic links are not followed: an fs.FS cannot say whether
// one stays inside the folder.
type fsFolder struct {
	fsys     fs.FS
	dir      string
	f        fs.ReadDirFile
	listed   []fs.DirEntry
	pictures map[string]fs.FileMode // the pictures folder, listed on first use
}

func (d *fsFolder) next(n int) ([]fs.DirEntry, error) {
	if d.f != nil {
		return d.f.ReadDir(n)
	}
	if len(d.listed) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.listed))
	out := d.listed[:n]
	d.listed = d.listed[n:]
	return out, nil
}

func (d *fsFolder) read(name string, typ fs.FileMode) ([]byte, error) {
	if typ&fs.ModeSymlink != 0 {
		return nil, errLink
	}
	if !typ.IsRegular() {
		return nil, notRegularError{typ}
	}
	f, err := d.fsys.Open(path.Join(d.dir, name))
	if err != nil {
		return nil, err
	}
	data, err := readRegular(f, MaxFileSize)
	return data, errors.Join(err, f.Close())
}

// readPicture reads a picture of the fs.FS folder. The pictures folder is
// listed once: a symbolic link is refused, as for guide files.
func (d *fsFolder) readPicture(name string) ([]byte, error) {
	if d.pictures == nil {
		d.pictures = map[string]fs.FileMode{}
		entries, err := fs.ReadDir(d.fsys, path.Join(d.dir, PicturesDir))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		for i, e := range entries {
			if i == MaxFiles {
				break
			}
			d.pictures[e.Name()] = e.Type()
		}
	}
	typ, ok := d.pictures[name]
	switch {
	case !ok:
		return nil, fs.ErrNotExist
	case typ&fs.ModeSymlink != 0:
		return nil, errLink
	case !typ.IsRegular():
		return nil, notRegularError{typ}
	}
	f, err := d.fsys.Open(path.Join(d.dir, PicturesDir, name))
	if err != nil {
		return nil, err
	}
	data, err := readRegular(f, MaxPictureSize)
	return data, errors.Join(err, f.Close())
}

func (d *fsFolder) close() error {
	if d.f != nil {
		return d.f.Close()
	}
	return nil
}

// rootFolder is a folder on disk, read through os.Root: a symbolic link is
// followed only when it leads to a regular file inside the folder; the type
// of a file is checked with Lstat before it is opened, it is opened without
// blocking (a named pipe with no writer would block forever), and checked
// again once open.
type rootFolder struct {
	root *os.Root
	dir  *os.File
}

func (d *rootFolder) next(n int) ([]fs.DirEntry, error) { return d.dir.ReadDir(n) }

func (d *rootFolder) read(name string, _ fs.FileMode) ([]byte, error) {
	info, err := d.root.Lstat(name)
	if err != nil {
		return nil, err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		if info, err = d.root.Stat(name); err != nil {
			return nil, fmt.Errorf("%w: %w", errLink, err)
		}
	}
	if !info.Mode().IsRegular() {
		return nil, notRegularError{info.Mode()}
	}
	return d.open(name, MaxFileSize)
}

// readPicture reads pictures/name with the rules of read.
func (d *rootFolder) readPicture(name string) ([]byte, error) {
	p := PicturesDir + "/" + name
	info, err := d.root.Lstat(p)
	if err != nil {
		return nil, err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		if info, err = d.root.Stat(p); err != nil {
			return nil, fmt.Errorf("%w: %w", errLink, err)
		}
	}
	if !info.Mode().IsRegular() {
		return nil, notRegularError{info.Mode()}
	}
	if info.Size() > MaxPictureSize {
		return nil, errTooLarge
	}
	return d.open(p, MaxPictureSize)
}

// open opens name without blocking and reads at most limit bytes of it if
// it is a regular file.
func (d *rootFolder) open(name string, limit int64) ([]byte, error) {
	f, err := d.root.OpenFile(name, os.O_RDONLY|openNonBlocking, 0)
	if err != nil {
		return nil, err
	}
	data, err := readRegular(f, limit)
	return data, errors.Join(err, f.Close())
}

func (d *rootFolder) close() error { return errors.Join(d.dir.Close(), d.root.Close()) }

// readRegular reads an open file that must be regular and at most limit
// bytes: its type and size are checked on the open file (it may have been
// swapped since it was listed), then at most limit+1 bytes are read,
// whatever the size said.
func readRegular(f fs.File, limit int64) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegularError{st.Mode()}
	}
	if st.Size() > limit {
		return nil, errTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, errTooLarge
	}
	return data, nil
}

// readProblem reports the error of folder.read as a problem of the file.
func readProblem(err error, ps *problems) {
	var nr notRegularError
	switch {
	case errors.Is(err, errTooLarge):
		ps.errorf(0, CodeTooLarge, kv("Max", strconv.Itoa(MaxFileSize)), "the file is larger than %d bytes", MaxFileSize)
	case errors.As(err, &nr):
		k := kindOf(nr.mode)
		ps.errorf(0, CodeNotRegular, kv("Kind", k), "not a regular file but a %s: it is not read", k)
	case errors.Is(err, errLink):
		ps.errorf(0, CodeBadLink, kv("Reason", err.Error()), "a symbolic link that does not lead to a file inside the folder: it is not read (%v)", err)
	default:
		ps.errorf(0, CodeUnreadable, kv("Reason", err.Error()), "cannot read the file: %v", err)
	}
}
