package guide_test

import (
	"bytes"
	"net/url"
	"testing"
	"testing/fstest"
	"time"

	"pasapas/internal/guide"
)

// FuzzParseGuide loads a guide from hostile bytes: a French file and its
// English translation, as a centre's folder could hold them. Load must never
// panic, and a guide that loads must be one the kiosk can show. Seeds are in
// testdata/fuzz/FuzzParseGuide: a real guide, an empty file, broken TOML…
func FuzzParseGuide(f *testing.F) {
	gl := builtinGlossary(f)
	today := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	opts := guide.Options{Today: today, Terms: gl.Has, Plain: guide.DefaultPlainRules()}

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
		if u, err := url.Parse(g.URL); err != nil || u.Scheme != "https" || u.Host == "" {
			t.Errorf("URL = %q, want an https:// address", g.URL)
		}
		if g.Checked.IsZero() || g.Checked.After(today) {
			t.Errorf("Checked = %v, want a day before %v", g.Checked, today)
		}
		if len(g.Steps) == 0 {
			t.Errorf("Steps = none, want at least one")
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
