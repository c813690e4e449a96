package commune

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold returns the search key of a name or a query: lower case, accents
// removed (é→e, œ→oe), every run of spaces, hyphens, apostrophes and other
// punctuation made one space, no space at either end, and the words "st" and
// "ste" written out ("saint", "sainte") as are ordinals ("3ème" → "3e",
// "1ère" → "1er"). "Saint-Étienne", "ST ETIENNE" and "saint etienne" all fold
// to "saint etienne".
func fold(s string) string { return string(appendFold(nil, s, true)) }

// splitWords returns the words of s in lower case without accents, before
// normalWord.
func splitWords(s string) []string { return strings.Fields(string(appendFold(nil, s, false))) }

// appendFold appends fold(s) to dst, or with normal false the same without
// normalWord.
func appendFold(dst []byte, s string, normal bool) []byte {
	start, word := len(dst), -1 // word: where the current word starts in dst
	end := func() {
		if word < 0 {
			return
		}
		if w := dst[word:]; normal && (w[0] == 's' && len(w) <= 3 || isDigit(w[0])) {
			dst = append(dst[:word], normalWord(string(w))...)
		}
		word = -1
	}
	begin := func() {
		if word < 0 {
			if len(dst) > start {
				dst = append(dst, ' ')
			}
			word = len(dst)
		}
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			begin()
			dst = append(dst, byte(r))
		case r >= 'A' && r <= 'Z':
			begin()
			dst = append(dst, byte(r)+'a'-'A')
		case r < utf8.RuneSelf:
			end()
		default:
			if f, ok := latin(r); ok {
				begin()
				dst = append(dst, f...)
			} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
				begin()
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			} else {
				end()
			}
		}
	}
	end()
	return dst
}

// endsWord reports whether s ends with a separator, so that its last word is
// complete ("paris " is Paris and its arrondissements, not Parisot).
func endsWord(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return false
	}
	_, accented := latin(r)
	return !accented && !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// normalWord writes out abbreviations and ordinals the same way the official
// names do.
func normalWord(w string) string {
	switch w {
	case "st":
		return "saint"
	case "ste":
		return "sainte"
	case "1ere", "1re", "1e":
		return "1er"
	}
	// "3eme", "3ieme", "3e" → "3e".
	n := 0
	for n < len(w) && w[n] >= '0' && w[n] <= '9' {
		n++
	}
	if n > 0 && n < len(w) {
		switch w[n:] {
		case "eme", "ieme", "em", "e":
			return w[:n] + "e"
		}
	}
	return w
}

// latin folds the letters with diacritics that French names use (and a few
// that people type) to ASCII.
func latin(r rune) (string, bool) {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'À', 'Á', 'Â', 'Ã', 'Ä', 'Å':
		return "a", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ß':
		return "ss", true
	case 'ç', 'Ç':
		return "c", true
	case 'è', 'é', 'ê', 'ë', 'È', 'É', 'Ê', 'Ë':
		return "e", true
	case 'ì', 'í', 'î', 'ï', 'Ì', 'Í', 'Î', 'Ï':
		return "i", true
	case 'ñ', 'Ñ':
		return "n", true
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'Ò', 'Ó', 'Ô', 'Õ', 'Ö', 'Ø':
		return "o", true
	case 'ù', 'ú', 'û', 'ü', 'Ù', 'Ú', 'Û', 'Ü':
		return "u", true
	case 'ý', 'ÿ', 'Ý', 'Ÿ':
		return "y", true
	}
	return "", false
}
