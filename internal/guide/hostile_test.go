package guide_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"pasapas/assets"
	"pasapas/internal/guide"
)

// hostileOptions checks files as the kiosk does, with the real pictograms.
func hostileOptions(t testing.TB) guide.Options {
	t.Helper()
	opts := testOptions()
	pictos, err := guide.PictogramsIn(assets.Files(), "pictograms")
	if err != nil {
		t.Fatal(err)
	}
	opts.Pictograms = pictos
	return opts
}

// TestLoad_Hostile loads each folder of testdata/hostile, one hostile case
// of a guide "essai" each (line 1 of a file says what it tries), with the
// good guides beside it: the case is refused, or loads, with exactly the
// problems listed, and the good guides always load.
func TestLoad_Hostile(t *testing.T) {
	tests := []struct {
		dir   string
		want  []string
		loads bool
	}{
		{dir: "not-official", want: []string{"c/essai.fr.toml:5: error: not-official"}},
		{dir: "user-info", want: []string{"c/essai.fr.toml:5: error: url-user-info"}},
		{dir: "lookalike", want: []string{"c/essai.fr.toml:5: error: url-lookalike"}},
		{dir: "punycode", want: []string{"c/essai.fr.toml:5: error: url-lookalike"}},
		{dir: "port", want: []string{"c/essai.fr.toml:5: error: url-port"}},
		{dir: "http", want: []string{"c/essai.fr.toml:5: error: bad-url"}},
		{dir: "upper-case-host", want: []string{"c/essai.fr.toml:5: error: url-host"}},
		{dir: "control-raw", want: []string{"c/essai.fr.toml:7: error: bad-character"}},
		{dir: "control-escaped", want: []string{"c/essai.fr.toml:7: error: bad-character"}},
		{dir: "nul-raw", want: []string{"c/essai.fr.toml:7: error: bad-character"}},
		{dir: "bidi-raw", want: []string{"c/essai.fr.toml:7: error: bad-character"}},
		{dir: "bidi-escaped", want: []string{"c/essai.fr.toml:7: error: bad-character"}},
		{dir: "bidi-comment", want: []string{"c/essai.fr.toml:1: error: bad-character"}},
		{dir: "zero-width-title", want: []string{"c/essai.fr.toml:7: error: bad-character"}},
		{dir: "joiner-only-title", want: []string{"c/essai.fr.toml:7: error: invisible-text"}},
		{dir: "invalid-utf8", want: []string{"c/essai.fr.toml:7: error: bad-character"}},
		{dir: "pictogram-path", want: []string{"c/essai.fr.toml:4: error: bad-pictogram"}},
		{dir: "unknown-pictogram", want: []string{"c/essai.fr.toml:4: error: unknown-pictogram"}},
		{dir: "ancient-date", want: []string{"c/essai.fr.toml:6: error: old-date"}},
		{dir: "too-many-keywords", want: []string{"c/essai.fr.toml:9: error: too-many"}},
		{dir: "long-keyword", want: []string{"c/essai.fr.toml:9: error: too-long"}},
		{dir: "long-line", want: []string{"c/essai.fr.toml:7: error: long-line"}},
		{dir: "long-title", want: []string{"c/essai.fr.toml:7: error: too-long"}},
		{dir: "too-many-steps", want: []string{"c/essai.fr.toml:211: error: too-many"}},
		{dir: "too-many-sentences", want: []string{"c/essai.fr.toml:16: error: sentence-count"}},
		{dir: "todo", want: []string{"c/essai.fr.toml:8: warning: todo"}, loads: true},
		{dir: "windows-editor", loads: true},
		{dir: "arabic", loads: true},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			fsys := folder(t, "testdata/good", filepath.Join("testdata/hostile", tt.dir))
			lib, ps := guide.Load(hostileOptions(t), guide.Source{FS: fsys, Dir: ".", Name: "c"})
			if got := brief(ps); !slices.Equal(got, tt.want) {
				t.Errorf("Load(%s) problems = %q, want %q", tt.dir, got, tt.want)
			}
			for _, p := range ps {
				if s := p.String(); strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsGraphic(r) }) {
					t.Errorf("Load(%s) problem %q holds a character a terminal could act on", tt.dir, s)
				}
			}
			if lib.ByID("courriel") == nil || lib.ByID("photo") == nil {
				t.Errorf("Load(%s) = %v, want the good guides loaded too", tt.dir, ids(lib))
			}
			if got := lib.ByID("essai") != nil; got != tt.loads {
				t.Errorf("Load(%s).ByID(essai) loaded = %v, want %v", tt.dir, got, tt.loads)
			}
		})
	}

	t.Run("arabic in Arabic", func(t *testing.T) {
		lib, _ := guide.Load(hostileOptions(t), guide.Source{FS: folder(t, "testdata/hostile/arabic"), Dir: ".", Name: "c"})
		if g := lib.ByID("essai"); g == nil || !g.Has("ar") {
			t.Errorf("Load(arabic) = %v, want essai with its Arabic text (direction marks are allowed)", ids(lib))
		}
	})
}

// TestLoad_HostileFileNames: a file name outside the safe alphabet is
// refused, and printed escaped.
func TestLoad_HostileFileNames(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("testdata/good/photo.fr.toml")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{
		"essai\x1b[2J.fr.toml",    // clears a terminal
		"essai\u202efr.lmot.toml", // shows as another name
		"Essai.fr.toml",
		"essai.FR.toml",
		"essai.fra.toml",
		"-essai.fr.toml",
		"essai--x.fr.toml",
		strings.Repeat("a", 65) + ".fr.toml",
	}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), good, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, ps := guide.Load(hostileOptions(t), guide.Folder(dir))
	if len(ps) != len(names) {
		t.Errorf("Load() = %d problems %q, want one per name (%d)", len(ps), brief(ps), len(names))
	}
	for _, p := range ps {
		if p.Code != guide.CodeFileName {
			t.Errorf("Load() problem %s, want %s", p, guide.CodeFileName)
		}
		if s := p.String(); strings.ContainsAny(s, "\x1b\u202e") {
			t.Errorf("Load() problem %q, want the name escaped", s)
		}
	}
	if got := strings.Join(brief(ps), "\n"); !strings.Contains(got, `essai\x1b[2J.fr.toml`) || !strings.Contains(got, `essai\u202efr.lmot.toml`) {
		t.Errorf("Load() problems =\n%s\nwant the hostile names escaped as \\x1b and \\u202e", got)
	}
}

// bigGuide writes a guide of n steps (about 60 bytes each).
func bigGuide(n int) []byte {
	var b strings.Builder
	b.WriteString("id = \"gros\"\ncategory = \"internet\"\nurl = \"https://www.ameli.fr\"\nchecked = 2026-01-01\ntitle = \"Gros\"\n")
	for i := range n {
		fmt.Fprintf(&b, "[[steps]]\nid = \"e%d\"\ntitle = \"Lisez\"\ntext = [\"Lisez la page.\"]\n", i)
	}
	return []byte(b.String())
}

// TestLoad_HostileSizes loads files over each size limit: each is refused
// with the limit it breaks, and all of them take well under a second (a
// 10,000-step guide took 5.75 s before the limits).
func TestLoad_HostileSizes(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 5 {
		write(fmt.Sprintf("gros-%d.fr.toml", i), bigGuide(10000))
	}
	// Just under the size limit: refused by the number of steps.
	n := 0
	for len(bigGuide(n+1)) <= guide.MaxFileSize {
		n++
	}
	data := bigGuide(n)
	write("juste.fr.toml", []byte(strings.Replace(string(data), `id = "gros"`, `id = "juste"`, 1)))
	// 600 kB on one line, 100,000 keywords.
	write("ligne.fr.toml", []byte("id = \"ligne\"\ntitle = \""+strings.Repeat("a", 600_000)+"\"\n"))
	write("mots.fr.toml", []byte("id = \"mots\"\nkeywords = ["+strings.Repeat(`"a", `, 100_000)+"]\n"))

	start := time.Now()
	lib, ps := guide.Load(hostileOptions(t), guide.Folder(dir))
	took := time.Since(start)
	t.Logf("refused 5 guides of 10,000 steps, one of %d steps in %d bytes, a 600 kB line and 100,000 keywords in %v", n, len(data), took)

	want := []string{
		dir + "/gros-0.fr.toml:0: error: too-large",
		dir + "/gros-1.fr.toml:0: error: too-large",
		dir + "/gros-2.fr.toml:0: error: too-large",
		dir + "/gros-3.fr.toml:0: error: too-large",
		dir + "/gros-4.fr.toml:0: error: too-large",
		fmt.Sprintf("%s/juste.fr.toml:%d: error: too-many", dir, 5+4*guide.MaxSteps+1),
		dir + "/ligne.fr.toml:0: error: too-large",
		dir + "/mots.fr.toml:0: error: too-large",
	}
	if got := brief(ps); !slices.Equal(got, want) {
		t.Errorf("Load() problems = %q, want %q", got, want)
	}
	if len(lib.Guides()) != 0 {
		t.Errorf("Load() = %v, want no guide", ids(lib))
	}
	if took > 2*time.Second {
		t.Errorf("Load() took %v, want well under a second", took)
	}
}

// TestLoad_FolderTooLarge: a folder holding more than MaxFolderBytes of
// guide files is read up to that size; the rest is reported, not read.
func TestLoad_FolderTooLarge(t *testing.T) {
	dir := t.TempDir()
	comment := "# " + strings.Repeat("a", 1000) + "\n"
	body := strings.Repeat(comment, (guide.MaxFileSize-100)/len(comment))
	files := guide.MaxFolderBytes/len(body) + 10
	for i := range files {
		data := fmt.Sprintf("%sid = \"g%03d\"\n", body, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("g%03d.fr.toml", i)), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, ps := guide.Load(hostileOptions(t), guide.Folder(dir))
	read := guide.MaxFolderBytes/len(body) + 1
	var last guide.Problem
	seen := map[string]bool{}
	for _, p := range ps {
		seen[p.File] = true
		if p.Code == guide.CodeFolderTooLarge {
			last = p
		}
	}
	if want := fmt.Sprintf("g%03d", read); last.File != dir || last.Args["ID"] != want {
		t.Errorf("Load() folder problem = %+v, want %s on %s from %s on", last, guide.CodeFolderTooLarge, dir, want)
	}
	if name := filepath.Join(dir, fmt.Sprintf("g%03d.fr.toml", read-1)); !seen[name] {
		t.Errorf("Load() no problem for %s, want it read", name)
	}
	if name := filepath.Join(dir, fmt.Sprintf("g%03d.fr.toml", read)); seen[name] {
		t.Errorf("Load() problems for %s, want it not read", name)
	}
}

// TestLoad_TooManyProblems: a file with a bad character on every line
// gives MaxProblems problems and one that says the rest are not listed.
func TestLoad_TooManyProblems(t *testing.T) {
	fsys := folder(t, "testdata/good")
	var b strings.Builder
	for range 1000 {
		b.WriteString("# \x1b\n")
	}
	fsys["essai.fr.toml"] = &fstest.MapFile{Data: []byte(b.String())}
	_, ps := guide.Load(hostileOptions(t), guide.Source{FS: fsys, Dir: ".", Name: "c"})
	if len(ps) != guide.MaxProblems+1 || ps[len(ps)-1].Code != guide.CodeTooManyProblems {
		t.Errorf("Load() = %d problems, last %v, want %d and %s last", len(ps), ps[len(ps)-1], guide.MaxProblems+1, guide.CodeTooManyProblems)
	}
}

func BenchmarkLoad_Hostile(b *testing.B) {
	dir := b.TempDir()
	for i := range 5 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("gros-%d.fr.toml", i)), bigGuide(10000), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	opts := hostileOptions(b)
	for b.Loop() {
		if _, ps := guide.Load(opts, guide.Folder(dir)); len(ps) != 5 {
			b.Fatalf("Load() = %v, want 5 problems", ps)
		}
	}
}

func BenchmarkLoad_Builtin(b *testing.B) {
	gl := builtinGlossary(b)
	opts := hostileOptions(b)
	opts.Terms = gl.Has
	for b.Loop() {
		guide.Load(opts, builtinSource())
	}
}
