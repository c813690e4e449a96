package glossary_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"pasapas/internal/glossary"
	"pasapas/internal/guide"
)

// FuzzGlossary loads a glossary from hostile bytes: a French file and its
// English translation. Load must never panic, and every term it keeps must
// be one the kiosk can show. Seeds are in testdata/fuzz/FuzzGlossary.
func FuzzGlossary(f *testing.F) {
	f.Fuzz(func(t *testing.T, fr, en []byte) {
		files := map[string][]byte{"g/glossary.fr.toml": fr, "g/glossary.en.toml": en}
		fsys := fstest.MapFS{"g/glossary.fr.toml": {Data: fr}, "g/glossary.en.toml": {Data: en}}
		g, ps := glossary.Load(fsys, "g", "g")

		frError := false
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
			if p.File == "g/glossary.fr.toml" && p.Level == guide.Error {
				frError = true
			}
		}
		if frError && len(g.IDs()) != 0 {
			t.Errorf("IDs() = %q with errors in the French file, want none", g.IDs())
		}

		seen := map[string]bool{}
		for _, id := range g.IDs() {
			if seen[id] {
				t.Errorf("IDs() has %q twice", id)
			}
			seen[id] = true
			if guide.TermID(id) != id || !g.Has(id) {
				t.Errorf("term %q: TermID = %q, Has = %v, want the id itself and true", id, guide.TermID(id), g.Has(id))
			}
			fr, ok := g.Lookup(id, "fr")
			if !ok || fr.ID != id || strings.TrimSpace(fr.Word) == "" || strings.TrimSpace(fr.Text) == "" {
				t.Errorf("Lookup(%q, fr) = %+v, %v, want a word and a text", id, fr, ok)
			}
			if en, ok := g.Lookup(id, "en"); !ok || en.ID != id || strings.TrimSpace(en.Text) == "" {
				t.Errorf("Lookup(%q, en) = %+v, %v, want a text, English or French", id, en, ok)
			}
			if ar, _ := g.Lookup(id, "ar"); ar != fr {
				t.Errorf("Lookup(%q, ar) = %+v, want the French %+v", id, ar, fr)
			}
		}
	})
}
