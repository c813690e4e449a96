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
		{"site label with ? in quotes", "Cliquez sur « Code oublié ? » en bas. Puis attendez.",
			[]string{"Cliquez sur « Code oublié ? » en bas.", "Puis attendez."}},
		{"label ending the sentence", "Vous oubliez ? Cliquez sur « Code oublié ? ».", []string{"Vous oubliez ?", "Cliquez sur « Code oublié ? »."}},
		{"unclosed quote", "Cliquez sur « Suite. Puis ici.", []string{"Cliquez sur « Suite. Puis ici."}},
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
		{"jargon French new words", "fr", "Gardez le numéro de pré-demande.", []string{"jargon pre-demande"}},
		{"Spanish jargon without accents", "es", "Escriba su contraseña.", []string{"jargon contrasena"}},
		{"Spanish jargon marked", "es", "Escriba su {contraseña|mot-de-passe}.", nil},
		{"Portuguese hyphenated jargon", "pt", "Escreva a sua palavra-passe.", []string{"jargon palavra-passe"}},
		{"Portuguese jargon is whole words", "pt", "Anexos não, anexo sim.", []string{"jargon anexo"}},
		{"Turkish jargon with an ending", "tr", "Şifrenizi yazın.", []string{"jargon sifrenizi"}},
		{"Turkish two words with endings", "tr", "Vergi numaranızı yazın.", []string{"jargon vergi numaranizi"}},
		{"Turkish jargon marked", "tr", "{Şifrenizi|mot-de-passe} yazın.", nil},
		{"Turkish prefix needs the word's start", "tr", "Bir yeşifre yok.", nil},
		{"Ukrainian jargon with an ending", "uk", "Введіть ваш пароль.", []string{"jargon пароль"}},
		{"Ukrainian three words", "uk", "Це номер онлайн доступу.", []string{"jargon номер онлаин доступу"}}, // й folds to и, as in search
		{"Ukrainian exact word", "uk", "Це розрахунок.", []string{"jargon розрахунок"}},
		{"Ukrainian exact word, other ending", "uk", "Це розрахунки.", nil},
		{"Turkish 13 words", "tr", "Bir iki üç dört beş altı yedi sekiz dokuz on on bir iki.", []string{"long-sentence"}},
		{"Turkish 12 words", "tr", "Bir iki üç dört beş altı yedi sekiz dokuz on on bir.", nil},
		{"Spanish keeps 15 words", "es", "Uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince.", nil},
		{"Arabic jargon", "ar", "اكتب كلمة السر.", []string{"jargon كلمة السر"}},
		{"Arabic jargon marked", "ar", "اكتب {كلمة السر|mot-de-passe}.", nil},
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
