package glossary_test

import (
	"fmt"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"pasapas/assets"
	"pasapas/internal/glossary"
	"pasapas/internal/guide"
)

// folder returns a glossary folder "g" holding the files given by name;
// an empty content leaves the file out.
func folder(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		if data != "" {
			fsys["g/"+name] = &fstest.MapFile{Data: []byte(data)}
		}
	}
	return fsys
}

// brief lists problems as "file:line: level: code".
func brief(ps []guide.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Level, p.Code))
	}
	return out
}

func TestLoad_Builtin(t *testing.T) {
	g, ps := glossary.Load(assets.Files(), "glossary", "assets/glossary")
	for _, p := range ps {
		t.Errorf("Load(assets/glossary) problem: %s", p)
	}
	if n := len(g.IDs()); n < 40 {
		t.Errorf("len(IDs()) = %d, want at least 40", n)
	}
	seen := map[string]bool{}
	for _, id := range g.IDs() {
		t.Run(id, func(t *testing.T) {
			if seen[id] {
				t.Errorf("IDs() has %q twice", id)
			}
			seen[id] = true
			if got := guide.TermID(id); got != id {
				t.Errorf("TermID(%q) = %q, want the id itself", id, got)
			}
			if !g.Has(id) {
				t.Errorf("Has(%q) = false, want true", id)
			}
			fr, okFR := g.Lookup(id, "fr")
			en, okEN := g.Lookup(id, "en")
			if !okFR || !okEN || fr.ID != id || en.ID != id {
				t.Fatalf("Lookup(%q, fr/en) = %+v %v, %+v %v, want both", id, fr, okFR, en, okEN)
			}
			if fr.Word == "" || fr.Text == "" || en.Word == "" || en.Text == "" {
				t.Errorf("Lookup(%q) = %+v, %+v, want a word and a text in fr and en", id, fr, en)
			}
			if en.Text == fr.Text {
				t.Errorf("Lookup(%q, en).Text = %q, want an English text, not the French one", id, en.Text)
			}
		})
	}
}

func TestGlossary_Lookup(t *testing.T) {
	g, ps := glossary.Load(folder(map[string]string{
		"glossary.fr.toml": `
[[term]]
id = "rib"
word = "RIB"
text = "Un papier de votre banque."

[[term]]
id = "lien"
word = "Lien"
text = "Un mot à toucher pour aller sur une autre page."
`,
		"glossary.en.toml": `
[[term]]
id = "rib"
word = "RIB"
text = "A paper from your bank."
`,
	}), "g", "g")
	if want := []string{"g/glossary.en.toml:0: warning: missing-text"}; !slices.Equal(brief(ps), want) {
		t.Fatalf("Load() problems = %q, want %q", brief(ps), want)
	}
	if got, want := g.IDs(), []string{"rib", "lien"}; !slices.Equal(got, want) {
		t.Errorf("IDs() = %q, want %q", got, want)
	}

	tests := []struct {
		id, lang string
		want     string // the text found
		ok       bool
	}{
		{"rib", "fr", "Un papier de votre banque.", true},
		{"rib", "en", "A paper from your bank.", true},
		{"lien", "en", "Un mot à toucher pour aller sur une autre page.", true}, // no English text: French
		{"rib", "ar", "Un papier de votre banque.", true},                       // no Arabic file: French
		{"rib", "", "Un papier de votre banque.", true},
		{"iban", "fr", "", false},
		{"iban", "en", "", false},
		{"", "fr", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.id+"/"+tt.lang, func(t *testing.T) {
			e, ok := g.Lookup(tt.id, tt.lang)
			if e.Text != tt.want || ok != tt.ok {
				t.Errorf("Lookup(%q, %q) = %q, %v, want %q, %v", tt.id, tt.lang, e.Text, ok, tt.want, tt.ok)
			}
			if ok && e.ID != tt.id {
				t.Errorf("Lookup(%q, %q).ID = %q, want %q", tt.id, tt.lang, e.ID, tt.id)
			}
			if got := g.Has(tt.id); got != tt.ok {
				t.Errorf("Has(%q) = %v, want %v", tt.id, got, tt.ok)
			}
		})
	}
}

const ribFR = `[[term]]
id = "rib"
word = "RIB"
text = "Un papier de votre banque."
`

func TestLoad_Problems(t *testing.T) {
	tests := []struct {
		name   string
		fr, en string // file contents; "" means no file
		want   []string
		ids    []string // the terms that loaded
		ribEN  string   // the text Lookup("rib", "en") gives
	}{
		{
			name: "valid",
			fr:   ribFR,
			en:   "[[term]]\nid = \"rib\"\nword = \"RIB\"\ntext = \"A paper from your bank.\"\n",
			ids:  []string{"rib"}, ribEN: "A paper from your bank.",
		},
		{
			name: "syntax error in French",
			fr:   "[[term]]\nid = \"rib\nword = \"RIB\"\n",
			want: []string{"g/glossary.fr.toml:2: error: syntax"},
		},
		{
			name: "duplicate id",
			fr:   ribFR + "\n" + ribFR,
			want: []string{"g/glossary.fr.toml:0: error: duplicate-id"},
		},
		{
			name: "id that is not a folded word",
			fr:   "[[term]]\nid = \"Mot de passe\"\nword = \"Mot de passe\"\ntext = \"Un mot secret.\"\n",
			want: []string{"g/glossary.fr.toml:0: error: bad-id"},
		},
		{
			name: "term without text",
			fr:   "[[term]]\nid = \"rib\"\nword = \"RIB\"\n",
			want: []string{"g/glossary.fr.toml:0: error: missing-field"},
		},
		{
			name: "no French file",
			en:   "[[term]]\nid = \"rib\"\nword = \"RIB\"\ntext = \"A paper from your bank.\"\n",
			want: []string{"g/glossary.fr.toml:0: error: no-reference"},
		},
		{
			name: "broken translation is skipped",
			fr:   ribFR,
			en:   "[[term]]\nid = \"rib\"\nword = \"RIB\nitem\"\n",
			want: []string{"g/glossary.en.toml:3: error: syntax"},
			ids:  []string{"rib"}, ribEN: "Un papier de votre banque.",
		},
		{
			name: "long sentence, as in a guide",
			fr:   "[[term]]\nid = \"rib\"\nword = \"RIB\"\ntext = \"Un papier. Un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize.\"\n",
			want: []string{"g/glossary.fr.toml:4: warning: long-sentence"},
			ids:  []string{"rib"}, ribEN: "Un papier. Un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize.",
		},
		{
			name: "translation lacks a term",
			fr:   ribFR,
			en:   "[[term]]\nid = \"lien\"\nword = \"Link\"\ntext = \"A word to touch.\"\n",
			want: []string{"g/glossary.en.toml:0: warning: missing-text"},
			ids:  []string{"rib"}, ribEN: "Un papier de votre banque.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, ps := glossary.Load(folder(map[string]string{"glossary.fr.toml": tt.fr, "glossary.en.toml": tt.en}), "g", "g")
			if got := brief(ps); !slices.Equal(got, tt.want) {
				t.Errorf("Load() problems = %q, want %q", got, tt.want)
			}
			if got := g.IDs(); !slices.Equal(got, tt.ids) {
				t.Errorf("IDs() = %q, want %q", got, tt.ids)
			}
			if e, _ := g.Lookup("rib", "en"); e.Text != tt.ribEN {
				t.Errorf("Lookup(%q, %q).Text = %q, want %q", "rib", "en", e.Text, tt.ribEN)
			}
		})
	}

	t.Run("folder that does not exist", func(t *testing.T) {
		g, ps := glossary.Load(fstest.MapFS{}, "absent", "g")
		if got, want := brief(ps), []string{"g:0: error: unreadable"}; !slices.Equal(got, want) {
			t.Errorf("Load(absent) problems = %q, want %q", got, want)
		}
		if g == nil || g.Has("rib") || len(g.IDs()) != 0 {
			t.Errorf("Load(absent) = %v, want an empty glossary", g)
		}
	})
}

// TestLoad_EveryVisitorLanguage: the glossary exists in every language of
// the kiosk, every term in each (a missing one would be a warning of
// Load), and no translation left in French.
func TestLoad_EveryVisitorLanguage(t *testing.T) {
	g, ps := glossary.Load(assets.Files(), "glossary", "assets/glossary")
	if len(ps) != 0 {
		t.Fatalf("Load(assets/glossary) = %v, want no problem", ps)
	}
	for _, lang := range []string{"en", "ar", "es", "pt", "tr", "uk"} {
		t.Run(lang, func(t *testing.T) {
			if _, err := fs.Stat(assets.Files(), "glossary/glossary."+lang+".toml"); err != nil {
				t.Fatalf("glossary.%s.toml: %v", lang, err)
			}
			for _, id := range g.IDs() {
				fr, _ := g.Lookup(id, "fr")
				e, ok := g.Lookup(id, lang)
				if !ok || e.Text == "" || e.Text == fr.Text {
					t.Errorf("Lookup(%q, %q) = %+v, want a %s text", id, lang, e, lang)
				}
			}
		})
	}
	long := map[string]int{"tr": 12}
	tr := folder(map[string]string{"glossary.fr.toml": ribFR,
		"glossary.tr.toml": "[[term]]\nid = \"rib\"\nword = \"RIB\"\ntext = \"Bir iki üç dört beş altı yedi sekiz dokuz on on bir iki.\"\n"})
	if _, ps := glossary.Load(tr, "g", "g"); len(ps) != 1 || ps[0].Code != guide.CodeLongSentence || ps[0].Args["Max"] != fmt.Sprint(long["tr"]) {
		t.Errorf("Load(13-word Turkish text) = %v, want one long-sentence warning, at most %d", ps, long["tr"])
	}
}
