package browser

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestListDownloads(t *testing.T) {
	type file struct {
		name string
		age  time.Duration
	}
	tests := []struct {
		name  string
		files []file
		dirs  []string
		want  []string
	}{
		{name: "empty"},
		{name: "finished files, oldest first",
			files: []file{{"b.pdf", time.Minute}, {"a.pdf", 3 * time.Minute}, {"c.png", 0}},
			want:  []string{"a.pdf", "b.pdf", "c.png"}},
		{name: "downloads under way skipped",
			files: []file{{"attestation.pdf", time.Minute}, {"Unconfirmed 1234.crdownload", 0},
				{"avis.pdf", 0}, {"avis.pdf.part", 0}, {"releve.pdf.part", 0}},
			want: []string{"attestation.pdf"}},
		{name: "hidden files and folders skipped",
			files: []file{{".DS_Store", 0}, {".com.google.Chrome.x1", 0}, {"ok.pdf", 0}},
			dirs:  []string{"sub"},
			want:  []string{"ok.pdf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			now := time.Now()
			for _, f := range tt.files {
				p := filepath.Join(dir, f.name)
				if err := os.WriteFile(p, []byte(f.name), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(p, now.Add(-f.age), now.Add(-f.age)); err != nil {
					t.Fatal(err)
				}
			}
			for _, d := range tt.dirs {
				if err := os.Mkdir(filepath.Join(dir, d), 0o700); err != nil {
					t.Fatal(err)
				}
			}
			docs, err := listDownloads(dir)
			if err != nil {
				t.Fatalf("listDownloads() = %v", err)
			}
			var got []string
			for _, d := range docs {
				got = append(got, d.Name)
				if d.Path != filepath.Join(dir, d.Name) || d.Size != int64(len(d.Name)) {
					t.Errorf("document %+v, want its path in %s and size %d", d, dir, len(d.Name))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("listDownloads() = %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("no folder", func(t *testing.T) {
		docs, err := listDownloads(filepath.Join(t.TempDir(), "gone"))
		if err != nil || docs != nil {
			t.Fatalf("listDownloads(gone) = %v, %v; want nothing and no error", docs, err)
		}
	})
}
