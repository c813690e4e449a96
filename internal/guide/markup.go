package guide

import (
	"strings"
	"unicode"
)

// Span is a piece of step text: plain words, or a glossary word when Term is
// set (the id of the glossary entry that explains it).
type Span struct {
	Text string
	Term string
}

// Spans splits a sentence written with glossary marks — {mot} or
// {mots affichés|identifiant} — into spans. An unclosed brace is kept as
// plain text; ok is false when the markup is broken.
func Spans(s string) (spans []Span, ok bool) {
	ok = true
	for s != "" {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			spans = appendPlain(spans, s)
			break
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			spans = appendPlain(spans, s)
			ok = false
			break
		}
		spans = appendPlain(spans, s[:open])
		inner := s[open+1 : open+end]
		shown, term := inner, ""
		if bar := strings.IndexByte(inner, '|'); bar >= 0 {
			shown, term = inner[:bar], inner[bar+1:]
		} else {
			term = TermID(inner)
		}
		shown, term = strings.TrimSpace(shown), strings.TrimSpace(term)
		if shown == "" || term == "" || strings.ContainsAny(inner, "{") {
			ok = false
			spans = appendPlain(spans, shown)
		} else {
			spans = append(spans, Span{Text: shown, Term: term})
		}
		s = s[open+end+1:]
	}
	return spans, ok
}

// Plain returns the sentence as a visitor reads it, without glossary marks.
func Plain(s string) string {
	spans, _ := Spans(s)
	var b strings.Builder
	for _, sp := range spans {
		b.WriteString(sp.Text)
	}
	return b.String()
}

func appendPlain(spans []Span, s string) []Span {
	if s == "" {
		return spans
	}
	if n := len(spans); n > 0 && spans[n-1].Term == "" {
		spans[n-1].Text += s
		return spans
	}
	return append(spans, Span{Text: s})
}

// TermID turns a written word into the id of its glossary entry:
// lower case, accents removed, spaces and apostrophes as dashes
// ("Mot de passe" → "mot-de-passe", "numéro d'accès" → "numero-d-acces").
func TermID(word string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(word) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// Words counts the words of a sentence as a reader sees them.
func Words(s string) int {
	n := 0
	for _, w := range strings.Fields(Plain(s)) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}
