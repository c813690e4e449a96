package guide_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pasapas/assets"
	"pasapas/internal/glossary"
	"pasapas/internal/guide"
)

// testTerms are the glossary words the guides under testdata may mark.
var testTerms = map[string]bool{"adresse-e-mail": true, "mot-de-passe": true, "lien": true}

// testOptions checks files as the kiosk does, on a fixed day.
func testOptions() guide.Options {
	return guide.Options{
		Today: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC),
		Terms: func(id string) bool { return testTerms[id] },
		Plain: guide.DefaultPlainRules(),
	}
}

// builtinSource is the library embedded in the program.
func builtinSource() guide.Source {
	return guide.Source{FS: assets.Files(), Dir: "guides", Name: "assets/guides", Builtin: true}
}

// builtinGlossary loads the glossary embedded in the program.
func builtinGlossary(t testing.TB) *glossary.Glossary {
	t.Helper()
	gl, ps := glossary.Load(assets.Files(), "glossary", "assets/glossary")
	if len(ps) != 0 {
		t.Fatalf("glossary.Load(assets) problems = %v, want none", ps)
	}
	return gl
}

// folder returns one folder holding the files of every dir given, as a
// centre's folder on disk would hold them.
func folder(t *testing.T, dirs ...string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			fsys[e.Name()] = &fstest.MapFile{Data: data}
		}
	}
	return fsys
}

// brief lists problems as "file:line: level: code", the part a test can
// state exactly (Detail is prose for people).
func brief(ps []guide.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Level, p.Code))
	}
	return out
}

func ids(lib *guide.Library) []string {
	var out []string
	for _, g := range lib.Guides() {
		out = append(out, g.ID)
	}
	return out
}

func TestLoad_Builtin(t *testing.T) {
	gl := builtinGlossary(t)
	lib, ps := guide.Load(guide.Options{Today: time.Now(), Terms: gl.Has, Plain: guide.DefaultPlainRules()}, builtinSource())
	for _, p := range ps {
		t.Errorf("Load(assets/guides) problem: %s", p)
	}

	french, err := fs.Glob(assets.Files(), "guides/*.fr.toml")
	if err != nil {
		t.Fatal(err)
	}
	if len(french) != 12 {
		t.Errorf("Glob(guides/*.fr.toml) = %d files, want 12", len(french))
	}
	if got := len(lib.Guides()); got != len(french) {
		t.Errorf("Load(assets/guides) = %d guides %v, want %d", got, ids(lib), len(french))
	}
	for _, name := range french {
		id := strings.TrimSuffix(filepath.Base(name), ".fr.toml")
		t.Run(id, func(t *testing.T) {
			g := lib.ByID(id)
			if g == nil {
				t.Fatalf("ByID(%q) = nil, want the guide of %s", id, name)
			}
			files, err := fs.Glob(assets.Files(), "guides/"+id+".*.toml")
			if err != nil {
				t.Fatal(err)
			}
			got := g.Languages()
			if len(got) != len(files) {
				t.Errorf("Languages(%q) = %v, want one per file %v (a translation was dropped)", id, got, files)
			}
			for _, want := range []string{"fr", "en", "ar"} { // the languages every guide must have
				if !slices.Contains(got, want) {
					t.Errorf("Languages(%q) = %v, want %q among them", id, got, want)
				}
			}
			if !g.Builtin {
				t.Errorf("Builtin(%q) = false, want true", id)
			}
			for _, lang := range g.Languages() {
				l := g.In(lang)
				if l.Fallback || l.Lang != lang {
					t.Errorf("In(%q).Lang, Fallback = %q, %v, want %q, false", lang, l.Lang, l.Fallback, lang)
				}
				if l.Title == "" || len(l.Steps) == 0 {
					t.Errorf("In(%q) = title %q, %d steps, want a title and steps", lang, l.Title, len(l.Steps))
				}
				for _, s := range l.Steps {
					if s.Title == "" || len(s.Sentences) == 0 {
						t.Errorf("In(%q) step %q = title %q, %d sentences, want a title and sentences", lang, s.ID, s.Title, len(s.Sentences))
					}
				}
			}
		})
	}
}

func TestLoad_Problems(t *testing.T) {
	// Each folder under testdata/problems holds the bad files of one case;
	// it is loaded together with the good guides of testdata/good, as files
	// of one centre's folder named "centre". The line numbers are those of
	// the files as they read (cat -n): line 1 is always a comment.
	tests := []struct {
		dir   string
		want  []string // every problem, "file:line: level: code"
		loads bool     // the guide "essai" is in the library (in French only)
	}{
		{dir: "missing-field", want: []string{"centre/essai.fr.toml:2: error: missing-field"}},
		{dir: "missing-field-in-table", want: []string{"centre/essai.fr.toml:8: error: missing-field"}},
		{dir: "unknown-category", want: []string{"centre/essai.fr.toml:3: error: unknown-category"}},
		{dir: "step-title", want: []string{"centre/essai.fr.toml:19: error: step-title"}},
		{dir: "unknown-term", want: []string{"centre/essai.fr.toml:17: error: unknown-term"}},
		{dir: "url-not-https", want: []string{"centre/essai.fr.toml:4: error: bad-url"}},
		{dir: "duplicate-id", want: []string{"centre/essai.fr.toml:19: error: duplicate-id"}},
		{dir: "syntax-error", want: []string{"centre/essai.fr.toml:16: error: syntax"}},
		{dir: "file-name", want: []string{"centre/essai_fr.toml:0: error: file-name"}},
		{dir: "no-french-file", want: []string{"centre/essai.en.toml:0: error: no-reference"}},
		{dir: "translation-missing-step", want: []string{"centre/essai.en.toml:2: error: missing-text"}, loads: true},
		{dir: "translation-error", want: []string{"centre/essai.en.toml:13: error: unknown-term"}, loads: true},
		{dir: "long-sentence", want: []string{"centre/essai.fr.toml:17: warning: long-sentence"}, loads: true},
		{dir: "jargon", want: []string{"centre/essai.fr.toml:21: warning: jargon"}, loads: true},
		{dir: "abbreviation", want: []string{"centre/essai.fr.toml:11: warning: abbreviation"}, loads: true},
		{dir: "reference-error-translation-checked", want: []string{
			"centre/essai.en.toml:2: error: missing-text",
			"centre/essai.fr.toml:17: error: unknown-term",
		}},
		{dir: "reference-syntax-translation-checked", want: []string{
			"centre/essai.en.toml:13: error: unknown-term",
			"centre/essai.fr.toml:16: error: syntax",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			fsys := folder(t, "testdata/good", filepath.Join("testdata/problems", tt.dir))
			lib, ps := guide.Load(testOptions(), guide.Source{FS: fsys, Dir: ".", Name: "centre"})

			if got := brief(ps); !slices.Equal(got, tt.want) {
				t.Errorf("Load(%s) problems = %q, want %q", tt.dir, got, tt.want)
			}
			for _, p := range ps {
				if p.Detail == "" {
					t.Errorf("Load(%s) problem %s has no detail", tt.dir, p.Code)
				}
			}
			if g := lib.ByID("courriel"); g == nil || !g.Has("en") || lib.ByID("photo") == nil {
				t.Errorf("Load(%s) = %v, want the good guides courriel (fr, en) and photo loaded", tt.dir, ids(lib))
			}
			g := lib.ByID("essai")
			if got := g != nil; got != tt.loads {
				t.Fatalf("Load(%s).ByID(%q) loaded = %v, want %v", tt.dir, "essai", got, tt.loads)
			}
			if g == nil {
				return
			}
			// No case has a usable English file: a translation with an
			// error is dropped and the guide is shown in French.
			if l := g.In("en"); g.Has("en") || !l.Fallback || l.Title != "Essayer un site" {
				t.Errorf("Load(%s) essai Has(%q), In(%q) = %v, %+v, want false, French with Fallback",
					tt.dir, "en", "en", g.Has("en"), l)
			}
		})
	}
}

func TestLoad_CentreFolder(t *testing.T) {
	gl := builtinGlossary(t)
	opts := guide.Options{Today: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC), Terms: gl.Has, Plain: guide.DefaultPlainRules()}
	builtin, ps := guide.Load(opts, builtinSource())
	if len(ps) != 0 {
		t.Fatalf("Load(assets/guides) problems = %v, want none", ps)
	}

	centre := guide.Source{FS: os.DirFS("testdata/centre"), Dir: ".", Name: "centre"}
	tests := []struct {
		name      string
		centre    guide.Source
		overrides []string // built-in guides the coordinator let the centre replace
		want      []string // problems
		count     int      // guides in the library
		centres   []string // guides that come from the centre
		absent    []string // guides that are not in the library
	}{
		{
			name:   "refuses to replace a built-in guide, adds, skips the broken file",
			centre: centre,
			want: []string{
				"centre/ameli-compte.fr.toml:2: error: replaces-builtin",
				"centre/casse.fr.toml:4: error: syntax",
			},
			count:   13, // 12 built-in, atelier-tablette added
			centres: []string{"atelier-tablette"},
			absent:  []string{"casse"},
		},
		{
			name:      "replaces a built-in guide the coordinator allowed",
			centre:    centre,
			overrides: []string{"ameli-compte"},
			want: []string{
				"centre/ameli-compte.fr.toml:2: warning: replaced",
				"centre/casse.fr.toml:4: error: syntax",
			},
			count:   13, // 12 built-in, ameli-compte replaced, atelier-tablette added
			centres: []string{"ameli-compte", "atelier-tablette"},
			absent:  []string{"casse"},
		},
		{
			name:      "allowing another guide allows nothing here",
			centre:    centre,
			overrides: []string{"caf-aide-logement"},
			want: []string{
				"centre/ameli-compte.fr.toml:2: error: replaces-builtin",
				"centre/casse.fr.toml:4: error: syntax",
			},
			count:   13,
			centres: []string{"atelier-tablette"},
			absent:  []string{"casse"},
		},
		{
			name:   "the same folder on disk",
			centre: guide.Folder("testdata/centre"),
			want: []string{
				"testdata/centre/ameli-compte.fr.toml:2: error: replaces-builtin",
				"testdata/centre/casse.fr.toml:4: error: syntax",
			},
			count:   13,
			centres: []string{"atelier-tablette"},
			absent:  []string{"casse"},
		},
		{
			name:   "folder that does not exist",
			centre: guide.Source{FS: os.DirFS("testdata"), Dir: "absent", Name: "centre"},
			want:   []string{"centre:0: error: unreadable"},
			count:  12,
		},
		{
			name:   "folder on disk that does not exist",
			centre: guide.Folder("testdata/absent"),
			want:   []string{"testdata/absent:0: error: unreadable"},
			count:  12,
		},
		{
			name:   "folder that is a file",
			centre: guide.Folder("testdata/centre/casse.fr.toml"),
			want:   []string{"testdata/centre/casse.fr.toml:0: error: unreadable"},
			count:  12,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := opts
			opts.Overrides = tt.overrides
			lib, ps := guide.Load(opts, builtinSource(), tt.centre)
			if got := brief(ps); !slices.Equal(got, tt.want) {
				t.Errorf("Load(builtin, centre) problems = %q, want %q", got, tt.want)
			}
			for _, g := range builtin.Guides() {
				got := lib.ByID(g.ID)
				if got == nil {
					t.Errorf("ByID(%q) = nil, want a guide", g.ID)
					continue
				}
				if want := !slices.Contains(tt.centres, g.ID); got.Builtin != want {
					t.Errorf("ByID(%q).Builtin = %v, want %v", g.ID, got.Builtin, want)
				}
			}
			for _, id := range tt.centres {
				g := lib.ByID(id)
				if g == nil {
					t.Errorf("ByID(%q) = nil, want the centre's guide", id)
					continue
				}
				if want := tt.centre.Name + "/" + id + ".fr.toml"; g.Builtin || g.Source != want {
					t.Errorf("ByID(%q) Builtin, Source = %v, %q, want false, %q", id, g.Builtin, g.Source, want)
				}
			}
			for _, id := range tt.absent {
				if lib.ByID(id) != nil {
					t.Errorf("ByID(%q) = a guide, want nil", id)
				}
			}
			if got := len(lib.Guides()); got != tt.count {
				t.Errorf("len(Guides()) = %d %v, want %d", got, ids(lib), tt.count)
			}
			if !slices.IsSortedFunc(lib.Guides(), func(a, b *guide.Guide) int { return strings.Compare(a.ID, b.ID) }) {
				t.Errorf("Guides() = %v, want sorted by id", ids(lib))
			}
		})
	}

	t.Run("replaced guide is the centre's, in French only", func(t *testing.T) {
		opts := opts
		opts.Overrides = []string{"ameli-compte"}
		lib, _ := guide.Load(opts, builtinSource(), centre)
		l := lib.ByID("ameli-compte").In("en")
		if want := "Votre compte ameli, avec un médiateur"; l.Title != want || !l.Fallback {
			t.Errorf("In(%q) Title, Fallback = %q, %v, want %q, true", "en", l.Title, l.Fallback, want)
		}
	})
}
