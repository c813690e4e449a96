package guide_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"pasapas/internal/guide"
	"pasapas/locales"
)

// visitorLanguages returns the languages the kiosk speaks: one
// locales/active.<lang>.toml each.
func visitorLanguages(t *testing.T) []string {
	t.Helper()
	files, err := fs.Glob(locales.Files(), "active.*.toml")
	if err != nil {
		t.Fatal(err)
	}
	var langs []string
	for _, f := range files {
		langs = append(langs, strings.TrimSuffix(strings.TrimPrefix(f, "active."), ".toml"))
	}
	return langs
}

// TestLibrary_EveryVisitorLanguage: a visitor choosing any language of the
// kiosk gets every built-in guide in it (issue 13, item 3), complete: the
// same steps, checklist, notes and things to keep as the French guide, no
// text left empty nor left in French.
func TestLibrary_EveryVisitorLanguage(t *testing.T) {
	langs := visitorLanguages(t)
	if want := []string{"ar", "en", "es", "fr", "pt", "tr", "uk"}; !slices.Equal(langs, want) {
		t.Fatalf("visitor languages = %v, want %v", langs, want)
	}
	gl := builtinGlossary(t)
	lib, ps := guide.Load(guide.Options{Today: time.Now(), Terms: gl.Has, Plain: guide.DefaultPlainRules()}, builtinSource())
	if guide.HasErrors(ps) {
		t.Fatalf("Load(assets/guides) = %v", ps)
	}
	if n := len(lib.Guides()); n != 12 {
		t.Errorf("built-in guides = %d, want 12", n)
	}
	for _, g := range lib.Guides() {
		fr := g.In(guide.Reference)
		for _, lang := range langs {
			t.Run(g.ID+"/"+lang, func(t *testing.T) {
				if !g.Has(lang) {
					t.Fatalf("Has(%q) = false, want the guide %s in every visitor language", lang, g.ID)
				}
				l := g.In(lang)
				if l.Fallback || l.Lang != lang {
					t.Fatalf("In(%q) = %q, fallback %v", lang, l.Lang, l.Fallback)
				}
				if len(l.Steps) != len(fr.Steps) || len(l.Checklist) != len(fr.Checklist) ||
					len(l.Attention) != len(fr.Attention) || len(l.Keep) != len(fr.Keep) {
					t.Errorf("In(%q) = %d steps, %d checklist, %d notes, %d keep; want the French %d, %d, %d, %d", lang,
						len(l.Steps), len(l.Checklist), len(l.Attention), len(l.Keep),
						len(fr.Steps), len(fr.Checklist), len(fr.Attention), len(fr.Keep))
				}
				for i, s := range l.Steps {
					if s.Title == "" || len(s.Sentences) == 0 {
						t.Errorf("step %q in %s: title %q, %d sentences", s.ID, lang, s.Title, len(s.Sentences))
					}
					if lang != guide.Reference && s.Title == fr.Steps[i].Title {
						t.Errorf("step %q in %s: title %q is the French one", s.ID, lang, s.Title)
					}
					if (s.Picture == nil) != (fr.Steps[i].Picture == nil) {
						t.Errorf("step %q in %s: picture %v, want as in French (%v)", s.ID, lang, s.Picture, fr.Steps[i].Picture)
					} else if s.Picture != nil && (s.Picture.Alt == "" || lang != guide.Reference && s.Picture.Alt == fr.Steps[i].Picture.Alt) {
						t.Errorf("step %q in %s: picture's alt text %q, want one in %s", s.ID, lang, s.Picture.Alt, lang)
					}
				}
				for i, it := range l.Checklist {
					if it.Text == "" || it.Missing == "" {
						t.Errorf("checklist %q in %s: %q / %q", it.ID, lang, it.Text, it.Missing)
					}
					if lang != guide.Reference && it.Text == fr.Checklist[i].Text {
						t.Errorf("checklist %q in %s: %q is the French text", it.ID, lang, it.Text)
					}
				}
			})
		}
	}
}

// TestLibrary_SearchFolds: a visitor without the letters of their language
// on the keyboard still finds the guide (issue 13, the translators' reports).
func TestLibrary_SearchFolds(t *testing.T) {
	lib, ps := guide.Load(guide.Options{}, builtinSource())
	if guide.HasErrors(ps) {
		t.Fatalf("Load(assets/guides) = %v", ps)
	}
	tests := []struct{ query, lang, first string }{
		{"kiraci", "tr", "caf-aide-logement"},      // kiracı
		{"KİRACI", "tr", "caf-aide-logement"},      // dotted capital İ
		{"saglik sigortasi", "tr", "ameli-compte"}, // sağlık sigortası
		{"issizlik", "tr", "france-travail-inscription"},
		{"здоровя", "uk", "mon-espace-sante"},                       // здоров'я
		{"здоров’я", "uk", "mon-espace-sante"},                      // curly apostrophe
		{"carte d identite", "fr", "ants-carte-identite-passeport"}, // French apostrophe still cuts
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := lib.Search(tt.query, tt.lang)
			if len(got) == 0 || got[0].ID != tt.first {
				var ids []string
				for _, g := range got {
					ids = append(ids, g.ID)
				}
				t.Errorf("Search(%q, %q) = %v, want %s first", tt.query, tt.lang, ids, tt.first)
			}
		})
	}
}
