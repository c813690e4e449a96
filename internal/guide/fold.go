package guide

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s in lower case without accents or other combining marks, so
// that "Sécu", "secu" and "SÉCU" compare equal. Letters of other scripts
// (Arabic, Cyrillic…) are kept, lower-cased where the script has cases.
// The Turkish dotless ı folds to i, as İ does, so that "kiraci" finds
// "kiracı" (Turkish keyboards are not always at hand).
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'œ', 'Œ':
			b.WriteString("oe")
			continue
		case 'æ', 'Æ':
			b.WriteString("ae")
			continue
		case '’', 'ʼ', '‘':
			r = '\''
		case 'ı':
			r = 'i'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
