package guide_test

import (
	"testing"

	"pasapas/internal/guide"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"accents", "Sécu", "secu"},
		{"upper case with accents", "SÉCU", "secu"},
		{"every French accent", "àâäçéèêëîïôöùûüÿ ÀÂÇÉÈÊËÎÏÔÙÛÜŸ", "aaaceeeeiioouuuy aaceeeeiiouuuy"},
		{"decomposed accent", "e\u0301", "e"},
		{"œ", "Œuvre, cœur", "oeuvre, coeur"},
		{"æ", "ex æquo, Æ", "ex aequo, ae"},
		{"curly apostrophe", "l’adresse", "l'adresse"},
		{"modifier apostrophe", "lʼadresse", "l'adresse"},
		{"opening quote", "‘oui", "'oui"},
		{"Arabic letters kept", "كلمة السر", "كلمة السر"},
		{"Arabic vowel marks removed", "مَرْحَبًا", "مرحبا"},
		{"Cyrillic lower-cased", "ПАРОЛЬ", "пароль"},
		{"digits and punctuation kept", "N° 36-46 !", "n° 36-46 !"},
		{"Turkish dotless i", "kiracı KIRACI", "kiraci kiraci"},
		{"Turkish dotted capital İ", "İŞSİZLİK", "issizlik"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := guide.Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
