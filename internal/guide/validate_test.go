package guide_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"pasapas/internal/guide"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"one", "Ouvrez le site.", []string{"Ouvrez le site."}},
		{"two", "Un. Deux.", []string{"Un.", "Deux."}},
		{"French space before ?", "Vous ne le trouvez pas ? Regardez.", []string{"Vous ne le trouvez pas ?", "Regardez."}},
		{"exclamation", "Attention ! Lisez bien.", []string{"Attention !", "Lisez bien."}},
		{"dot inside an address", "Allez sur impots.gouv.fr pour déclarer.", []string{"Allez sur impots.gouv.fr pour déclarer."}},
		{"ellipsis", "Attendez... puis touchez.", []string{"Attendez...", "puis touchez."}},
		{"no final dot", "Bonjour", []string{"Bonjour"}},
		{"extra spaces", "  Un.   Deux  ", []string{"Un.", "Deux"}},
		{"Arabic question mark", "هل لديك حساب؟ اكتب اسمك.", []string{"هل لديك حساب؟", "اكتب اسمك."}},
		{"accents and apostrophe", "C’est fini. À bientôt.", []string{"C’est fini.", "À bientôt."}},
		{"empty", "", nil},
		{"only spaces", "   ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := guide.SplitSentences(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("SplitSentences(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// oneStep returns a valid guide file in lang whose only step has the
// sentence s; in every language the sentence is on line 9.
func oneStep(lang, s string) []byte {
	structure := `category = "internet"
url = "https://www.service-public.fr"
checked = 2026-06-01`
	if lang != guide.Reference {
		structure = "# A translation holds only texts:\n# no category, url or date.\n#"
	}
	return fmt.Appendf(nil, `id = "essai"
%s
title = "Essayer"
[[steps]]
id = "lire"
title = "Lisez"
text = [%q]
`, structure, s)
}

func TestPlainRules(t *testing.T) {
	tests := []struct {
		name string
		lang string // "fr" checks essai.fr.toml, others a translation of it
		text string
		want []string // warnings, "code Word" ("code" when the rule has no word)
	}{
		{"plain sentence", "fr", "Touchez le bouton vert.", nil},
		{"jargon", "fr", "Écrivez votre mot de passe.", []string{"jargon mot de passe"}},
		{"jargon with capitals and accents", "fr", "Gardez le Numéro Fiscal.", []string{"jargon numero fiscal"}},
		{"jargon with a curly apostrophe", "fr", "Écrivez le numéro d’accès en ligne.", []string{"jargon numero d'acces en ligne"}},
		{"jargon marked for the glossary", "fr", "Écrivez votre {mot de passe}.", nil},
		{"abbreviation", "fr", "Prenez votre RIB.", []string{"abbreviation RIB"}},
		{"abbreviation with dots", "fr", "Votre N.I.R est écrit ici.", []string{"abbreviation N.I.R"}},
		{"abbreviation marked for the glossary", "fr", "Prenez votre {RIB|rib}.", nil},
		{"allowed name", "fr", "Allez à la CAF.", nil},
		{"one capital is not an abbreviation", "fr", "À demain.", nil},
		{"16 words", "fr", "Un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize.",
			[]string{"long-sentence"}},
		{"15 words", "fr", "Un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze.", nil},
		{"marked words count as words", "fr", "Un deux trois quatre cinq six sept huit neuf dix onze douze treize {mot de passe}.",
			[]string{"long-sentence"}},
		{"English jargon", "en", "Write your password.", []string{"jargon password"}},
		{"French jargon list not used for English", "en", "Open the navigateur.", nil},
		{"Arabic: no jargon list", "ar", "اكتب كلمة السر.", nil},
		{"Arabic long sentence", "ar", "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة أحد اثنا ثلاثة أربعة خمسة ستة.",
			[]string{"long-sentence"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"essai.fr.toml": {Data: oneStep("fr", "Lisez la page.")}}
			fsys["essai."+tt.lang+".toml"] = &fstest.MapFile{Data: oneStep(tt.lang, tt.text)}
			opts := testOptions()
			opts.Terms = nil // any glossary word exists
			_, ps := guide.Load(opts, guide.Source{FS: fsys, Dir: ".", Name: "c"})
			var got []string
			for _, p := range ps {
				if want := "c/essai." + tt.lang + ".toml"; p.File != want || p.Line != 9 || p.Level != guide.Warning {
					t.Errorf("Load(%q) problem = %s, want a warning at %s:9", tt.text, p, want)
				}
				got = append(got, strings.TrimSpace(p.Code+" "+p.Args["Word"]))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Load(%q) warnings = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
