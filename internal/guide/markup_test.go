package guide_test

import (
	"reflect"
	"testing"

	"pasapas/internal/guide"
)

func TestSpans(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []guide.Span
		ok   bool
	}{
		{"plain", "Ouvrez le site.", []guide.Span{{Text: "Ouvrez le site."}}, true},
		{"empty", "", nil, true},
		{"word", "Votre {mot de passe}.",
			[]guide.Span{{Text: "Votre "}, {Text: "mot de passe", Term: "mot-de-passe"}, {Text: "."}}, true},
		{"shown words and id", "{Téléchargez-la|telecharger} ici.",
			[]guide.Span{{Text: "Téléchargez-la", Term: "telecharger"}, {Text: " ici."}}, true},
		{"accents and curly apostrophe", "Le {numéro d’accès}.",
			[]guide.Span{{Text: "Le "}, {Text: "numéro d’accès", Term: "numero-d-acces"}, {Text: "."}}, true},
		{"œ", "Le {cœur}.", []guide.Span{{Text: "Le "}, {Text: "cœur", Term: "coeur"}, {Text: "."}}, true},
		{"spaces trimmed", "{ mot de passe | mot-de-passe }",
			[]guide.Span{{Text: "mot de passe", Term: "mot-de-passe"}}, true},
		{"two marks", "{RIB|rib} et {IBAN|iban}",
			[]guide.Span{{Text: "RIB", Term: "rib"}, {Text: " et "}, {Text: "IBAN", Term: "iban"}}, true},
		{"Arabic kept", "اكتب {كلمة السر|mot-de-passe} هنا.",
			[]guide.Span{{Text: "اكتب "}, {Text: "كلمة السر", Term: "mot-de-passe"}, {Text: " هنا."}}, true},
		{"unclosed brace", "Un {mot", []guide.Span{{Text: "Un {mot"}}, false},
		{"empty mark", "Un {} ici", []guide.Span{{Text: "Un  ici"}}, false},
		{"no shown words", "{|rib}", nil, false},
		{"no id", "{RIB|}", []guide.Span{{Text: "RIB"}}, false},
		{"brace inside a mark", "{a{b} c", []guide.Span{{Text: "a{b c"}}, false},
		{"only punctuation", "{«»}", []guide.Span{{Text: "«»"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := guide.Spans(tt.in)
			if !reflect.DeepEqual(got, tt.want) || ok != tt.ok {
				t.Errorf("Spans(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestPlain(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Ouvrez le site.", "Ouvrez le site."},
		{"Votre {mot de passe}.", "Votre mot de passe."},
		{"{Connectez-vous|se-connecter} avec votre {numéro fiscal}.", "Connectez-vous avec votre numéro fiscal."},
		{"Le {numéro d’accès|numero-d-acces-en-ligne}.", "Le numéro d’accès."},
		{"اكتب {كلمة السر|mot-de-passe}.", "اكتب كلمة السر."},
		{"Un {mot", "Un {mot"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := guide.Plain(tt.in); got != tt.want {
				t.Errorf("Plain(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTermID(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Mot de passe", "mot-de-passe"},
		{"numéro d'accès", "numero-d-acces"},
		{"numéro d’accès", "numero-d-acces"},
		{"Cœur", "coeur"},
		{"  e-mail  ", "e-mail"},
		{"Pré-demande", "pre-demande"},
		{"QR code", "qr-code"},
		{"C2S", "c2s"},
		{"كلمة السر", "كلمة-السر"},
		{"", ""},
		{"!!!", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := guide.TermID(tt.in); got != tt.want {
				t.Errorf("TermID(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"Ouvrez le site.", 3},
		{"Touchez « Ouvrir le site ».", 4},
		{"{Connectez-vous|se-connecter} avec votre {mot de passe}.", 6},
		{"Appelez le 36 46.", 4},
		{"Vous ne le trouvez pas ?", 5},
		{"l’adresse e-mail", 2},
		{"اكتب اسمك هنا.", 3},
		{" — ", 0},
		{"", 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := guide.Words(tt.in); got != tt.want {
				t.Errorf("Words(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}
