package guide

import (
	"strings"
	"unicode"
)

// PlainRules are the plain-language checks beyond sentence length: words
// that readers do not know unless they are explained (jargon), and
// abbreviations. A word inside a glossary mark is explained, so it passes.
type PlainRules struct {
	// Jargon lists, by language, folded words or phrases that must carry a
	// glossary mark when used.
	Jargon map[string][]string
	// Allowed lists upper-case words that are names everyone says as words
	// (e.g. "CAF" is said "caf"), which are not flagged as abbreviations.
	Allowed []string
}

func (r *PlainRules) check(lang string, line int, spans []Span, ps *problems) {
	var plain strings.Builder
	for _, sp := range spans {
		if sp.Term == "" {
			plain.WriteString(sp.Text)
			plain.WriteString(" ")
		}
	}
	text := " " + Fold(plain.String()) + " "
	for _, j := range r.Jargon[lang] {
		if containsWord(text, j) {
			ps.warnf(line, CodeJargon, kv("Word", j), "%q is a hard word: mark it for the glossary as {%s}", j, j)
		}
	}
	for _, w := range strings.FieldsFunc(plain.String(), func(r rune) bool { return !unicode.IsLetter(r) && r != '.' }) {
		w = strings.Trim(w, ".")
		if w == "TODO" { // a text of the template not written yet: its own warning
			continue
		}
		if isAbbreviation(w) && !r.allowed(w) {
			ps.warnf(line, CodeAbbreviation, kv("Word", w), "%q is an abbreviation: explain it with a glossary mark {%s}", w, w)
		}
	}
}

func (r *PlainRules) allowed(w string) bool {
	for _, a := range r.Allowed {
		if a == w {
			return true
		}
	}
	return false
}

// isAbbreviation reports whether w looks like an abbreviation: two or more
// letters, all upper case ("RIB", "CPAM"), possibly with dots ("N.I.R").
func isAbbreviation(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case r == '.':
		case unicode.IsUpper(r):
			letters++
		default:
			return false
		}
	}
	return letters >= 2
}

// containsWord reports whether folded text contains phrase as whole words.
func containsWord(text, phrase string) bool {
	phrase = Fold(phrase)
	for i := 0; ; {
		j := strings.Index(text[i:], phrase)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(phrase)
		before, after := rune(text[a-1]), rune(' ')
		if b < len(text) {
			after = rune(text[b])
		}
		if !isWordByte(before) && !isWordByte(after) {
			return true
		}
		i = a + 1
	}
}

func isWordByte(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80
}

// DefaultPlainRules returns the jargon lists the built-in library is held to.
// Each word must be marked for the glossary wherever a guide uses it.
func DefaultPlainRules() *PlainRules {
	return &PlainRules{
		Jargon: map[string][]string{
			"fr": {"identifiant", "mot de passe", "franceconnect", "numero fiscal", "numero d'acces en ligne",
				"revenu fiscal de reference", "numero allocataire", "justificatif de domicile", "piece jointe",
				"navigateur", "code de verification", "spam", "courrier indesirable", "attestation de droits",
				"accuse de reception", "simulation", "messagerie"},
			"en": {"username", "password", "franceconnect", "tax number", "online access number",
				"reference tax income", "claimant number", "proof of address", "attachment",
				"browser", "verification code", "spam", "junk mail", "certificate of entitlement",
				"acknowledgement of receipt", "simulation", "mailbox"},
		},
		Allowed: []string{"CAF"},
	}
}
