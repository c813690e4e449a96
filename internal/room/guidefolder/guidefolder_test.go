package guidefolder_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"pasapas/internal/room"
	"pasapas/internal/room/guidefolder"
)

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

func names(files []guidefolder.File) string {
	var out []string
	for _, f := range files {
		out = append(out, f.Name)
	}
	return strings.Join(out, " ")
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "b.fr.toml"), "b")
	write(t, filepath.Join(dir, "a.fr.toml"), "a")
	write(t, filepath.Join(dir, "README.md"), "not a guide")
	write(t, filepath.Join(dir, "Majuscule.fr.toml"), "bad name")
	write(t, filepath.Join(dir, "big.fr.toml"), strings.Repeat("x", room.MaxGuideFileSize+1))
	write(t, filepath.Join(dir, "pictures", "plan.svg"), "<svg/>")
	write(t, filepath.Join(dir, "sub", "c.fr.toml"), "in a sub-folder")
	outside := filepath.Join(t.TempDir(), "secret.fr.toml")
	write(t, outside, "outside")
	if runtime.GOOS != "windows" {
		if err := os.Symlink(outside, filepath.Join(dir, "escape.fr.toml")); err != nil {
			t.Fatal(err)
		}
	}
	files, skipped, err := guidefolder.Read(dir)
	if err != nil {
		t.Fatalf("Got(Read) = %v, want nil", err)
	}
	if got := names(files); got != "a.fr.toml b.fr.toml pictures/plan.svg" {
		t.Fatalf("Got(Read's files) = %q, want a, b and the picture", got)
	}
	why := map[string]string{}
	for _, s := range skipped {
		why[s.Name] = s.Why
	}
	for _, name := range []string{"Majuscule.fr.toml", "big.fr.toml"} {
		if why[name] == "" {
			t.Errorf("Got(skipped) = %v, want %s said", skipped, name)
		}
	}
	if runtime.GOOS != "windows" && why["escape.fr.toml"] == "" {
		t.Errorf("Got(skipped) = %v, want the link out of the folder said", skipped)
	}
	if files, skipped, err := guidefolder.Read(filepath.Join(dir, "none")); err != nil || files != nil || skipped != nil {
		t.Fatalf("Got(Read(missing folder)) = %v, %v, %v, want nothing", files, skipped, err)
	}
}

func TestRead_TooMany(t *testing.T) {
	dir := t.TempDir()
	for i := range room.MaxGuideFiles + 3 {
		write(t, filepath.Join(dir, fmt.Sprintf("g%03d.fr.toml", i)), "x")
	}
	files, skipped, err := guidefolder.Read(dir)
	if err != nil || len(files) != room.MaxGuideFiles || len(skipped) != 1 || skipped[0].Name != "g200.fr.toml" {
		t.Fatalf("Got(Read) = %d files, %v, %v, want %d and the rest said once", len(files), skipped, err, room.MaxGuideFiles)
	}
}

func TestReplace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "guides")
	write(t, filepath.Join(dir, "old.fr.toml"), "old")
	files := []guidefolder.File{{Name: "a.fr.toml", Data: []byte("a")}, {Name: "pictures/p.svg", Data: []byte("p")}}
	if err := guidefolder.Replace(dir, files); err != nil {
		t.Fatalf("Got(Replace) = %v, want nil", err)
	}
	got, _, err := guidefolder.Read(dir)
	if err != nil || names(got) != "a.fr.toml pictures/p.svg" {
		t.Fatalf("Got(folder after Replace) = %q, %v, want exactly the new files", names(got), err)
	}
	if runtime.GOOS != "windows" {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			fi, err := d.Info()
			if err == nil && fi.Mode().Perm() != 0o600 {
				t.Errorf("Got(mode of %s) = %v, want 0600 (never executable)", p, fi.Mode())
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range [][]guidefolder.File{
		{{Name: "../escape.toml", Data: []byte("x")}},
		{{Name: "run.exe", Data: []byte("x")}},
		{{Name: "big.fr.toml", Data: make([]byte, room.MaxGuideFileSize+1)}},
		make([]guidefolder.File, room.MaxGuideFiles+1),
	} {
		if err := guidefolder.Replace(dir, bad); err == nil {
			t.Errorf("Got(Replace(%d files, first %q)) = nil, want refused", len(bad), bad[0].Name)
		}
	}
	if got, _, _ := guidefolder.Read(dir); names(got) != "a.fr.toml pictures/p.svg" {
		t.Fatalf("Got(folder after refused Replaces) = %q, want it unchanged", names(got))
	}
}

// A crash between the two renames of Replace leaves only guides.old: it
// comes back. A crash while writing leaves guides.new: it goes.
func TestRecover(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "guides")
	write(t, filepath.Join(dir+".old", "a.fr.toml"), "a")
	write(t, filepath.Join(dir+".new", "half.fr.toml"), "h")
	if err := guidefolder.Recover(dir); err != nil {
		t.Fatalf("Got(Recover) = %v, want nil", err)
	}
	if got, _, err := guidefolder.Read(dir); err != nil || names(got) != "a.fr.toml" {
		t.Fatalf("Got(folder after Recover) = %q, %v, want the old folder back", names(got), err)
	}
	for _, gone := range []string{dir + ".old", dir + ".new"} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("Got(Stat(%s)) = %v, want gone", gone, err)
		}
	}
}
