package guide_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"
	"unicode/utf8"

	"pasapas/assets"
	"pasapas/internal/guide"
	"pasapas/internal/officialsite"
)

// validName reports whether a pictogram name is empty or in the safe
// alphabet: lower-case ASCII letters, digits and dashes.
func validName(name string) bool {
	return !strings.ContainsFunc(name, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') })
}

// FuzzLoad loads a guide from hostile bytes: a French file and its English
// translation, as a centre's folder could hold them. Load must never panic,
// every problem must print safely, and a guide that loads must be one the
// kiosk can show, sending people to an official site. Seeds are in
// testdata/fuzz/FuzzLoad: a real guide, an empty file, broken TOML, and one
// of each case of testdata/hostile (look-alike sites, user-info, bidi
// overrides, zero-width titles, pictogram paths, limits…).
func FuzzLoad(f *testing.F) {
	gl := builtinGlossary(f)
	today := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	pictos, err := guide.PictogramsIn(assets.Files(), "pictograms")
	if err != nil {
		f.Fatal(err)
	}
	opts := guide.Options{Today: today, Terms: gl.Has, Plain: guide.DefaultPlainRules(), Pictograms: pictos}

	f.Fuzz(func(t *testing.T, fr, en []byte) {
		files := map[string][]byte{"fuzz/essai.fr.toml": fr, "fuzz/essai.en.toml": en}
		fsys := fstest.MapFS{"essai.fr.toml": {Data: fr}, "essai.en.toml": {Data: en}}
		lib, ps := guide.Load(opts, guide.Source{FS: fsys, Dir: ".", Name: "fuzz"})

		hasError := map[string]bool{}
		for _, p := range ps {
			data, ok := files[p.File]
			if !ok {
				t.Errorf("Load() problem %s: file %q, want one of the two files", p, p.File)
			}
			if p.Line < 0 || p.Line > bytes.Count(data, []byte("\n"))+1 {
				t.Errorf("Load() problem %s: line %d, want 0 to the last line of the file", p, p.Line)
			}
			if p.Code == "" || p.Detail == "" || (p.Level != guide.Error && p.Level != guide.Warning) {
				t.Errorf("Load() problem %+v, want a code, a detail and a level", p)
			}
			if p.Level == guide.Error {
				hasError[p.File] = true
			}
			if s := p.String(); strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsGraphic(r) }) {
				t.Errorf("Load() problem %q holds a character a terminal could act on", s)
			}
		}

		g := lib.ByID("essai")
		if loaded, want := g != nil, !hasError["fuzz/essai.fr.toml"]; loaded != want {
			t.Fatalf("Load() loaded = %v, want %v (problems %v)", loaded, want, ps)
		}
		if n := len(lib.Guides()); n > 1 {
			t.Fatalf("Load() = %d guides from one guide's files", n)
		}
		if g == nil {
			return
		}
		if got, want := g.Has("en"), !hasError["fuzz/essai.en.toml"]; got != want {
			t.Errorf("Has(%q) = %v, want %v (problems %v)", "en", got, want, ps)
		}
		if _, ok := guide.CategoryByID(g.Category); !ok {
			t.Errorf("Category = %q, want a kiosk category", g.Category)
		}
		if host, err := officialsite.New().Check(g.URL); err != nil || host != g.Host() || g.Domain() == "" {
			t.Errorf("URL, Host(), Domain() = %q, %q, %q, want an official https:// address (%v)", g.URL, g.Host(), g.Domain(), err)
		}
		if g.Checked.Year() < 2020 || g.Checked.After(today) {
			t.Errorf("Checked = %v, want a day from 2020 to %v", g.Checked, today)
		}
		if len(g.Steps) == 0 || len(g.Steps) > guide.MaxSteps {
			t.Errorf("Steps = %d, want 1 to %d", len(g.Steps), guide.MaxSteps)
		}
		if !validName(g.Pictogram) {
			t.Errorf("Pictogram = %q, want a pictogram's name", g.Pictogram)
		}
		for _, s := range g.Steps {
			if !validName(s.Pictogram) {
				t.Errorf("step %q Pictogram = %q, want a pictogram's name", s.ID, s.Pictogram)
			}
		}
		for _, lang := range g.Languages() {
			l := g.In(lang)
			if l.Fallback || l.Title == "" || len(l.Steps) != len(g.Steps) {
				t.Errorf("In(%q) Fallback, Title, steps = %v, %q, %d, want false, a title, %d",
					lang, l.Fallback, l.Title, len(l.Steps), len(g.Steps))
			}
			for _, s := range l.Steps {
				if s.Title == "" || len(s.Sentences) == 0 || len(s.Sentences) > guide.MaxSentences {
					t.Errorf("In(%q) step %q = title %q, %d sentences, want a title and 1 to %d sentences",
						lang, s.ID, s.Title, len(s.Sentences), guide.MaxSentences)
				}
				for _, text := range append([]string{s.Title}, s.Sentences...) {
					if strings.ContainsFunc(text, func(r rune) bool {
						return unicode.IsControl(r) || r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069'
					}) {
						t.Errorf("In(%q) step %q text %q holds a control character or a bidi override", lang, s.ID, text)
					}
					if n := utf8.RuneCountInString(text); n > guide.MaxTextRunes {
						t.Errorf("In(%q) step %q text of %d characters, want at most %d", lang, s.ID, n, guide.MaxTextRunes)
					}
					spans, ok := guide.Spans(text)
					if !ok {
						t.Errorf("In(%q) step %q: Spans(%q) ok = false, want valid marks", lang, s.ID, text)
					}
					for _, sp := range spans {
						if sp.Term != "" && !gl.Has(sp.Term) {
							t.Errorf("In(%q) step %q: term %q, want a glossary word", lang, s.ID, sp.Term)
						}
					}
				}
			}
		}
	})
}
