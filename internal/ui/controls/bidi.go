package controls

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

// Fyne shapes each run of text correctly (Arabic letters join, an Arabic
// run reads right to left) but places the runs of one string in logical
// order from left to right. Right-to-left text is therefore drawn one
// token at a time, in the visual order computed here: a word-level
// simplification of the Unicode Bidirectional Algorithm for a
// right-to-left paragraph, chosen for the kiosk's content (Arabic with
// French names, numbers, addresses and quoted button labels).

// Span is a piece of text with one look: glossary words are bold, in the
// link colour.
type Span struct {
	Text  string
	Bold  bool
	Color fyne.ThemeColorName // theme.ColorNameForeground when empty
}

// Token is a word or a punctuation mark of one line, with its look.
type Token struct {
	Text  string
	Bold  bool
	Color fyne.ThemeColorName
	// Space is true when a space separates the token from its neighbour:
	// from the token before it in the input of VisualOrder (logical
	// order), from the token on its left in its output.
	Space bool
}

// Tokens splits spans into tokens: words at spaces, and the punctuation
// that begins or ends a word as tokens of its own, without a space
// (« (إنشاء » gives « ( » and « إنشاء »). Punctuation inside a word stays
// in it (www.ameli.fr, 01/12/2026, d'identité).
func Tokens(spans []Span) []Token {
	var out []Token
	space := false
	for _, sp := range spans {
		style := Token{Bold: sp.Bold, Color: sp.Color}
		rest := sp.Text
		for rest != "" {
			i := strings.IndexFunc(rest, unicode.IsSpace)
			if i == 0 {
				space = true
				rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
				continue
			}
			word := rest
			if i > 0 {
				word, rest = rest[:i], rest[i:]
			} else {
				rest = ""
			}
			for _, piece := range peel(word) {
				t := style
				t.Text, t.Space = piece, space && len(out) > 0
				out = append(out, t)
				space = false
			}
		}
	}
	return out
}

// peel splits the punctuation off the start and end of a word, one mark
// per piece. A sign that belongs to a number (+33, 50 %) stays with it.
func peel(word string) []string {
	r := []rune(word)
	start, end := 0, len(r)
	for start < end && edgeMark(r, start, true) {
		start++
	}
	for end > start && edgeMark(r, end-1, false) {
		end--
	}
	var out []string
	for _, c := range r[:start] {
		out = append(out, string(c))
	}
	if start < end {
		out = append(out, string(r[start:end]))
	}
	for _, c := range r[end:] {
		out = append(out, string(c))
	}
	return out
}

// edgeMark reports whether r[i], at the start (or end) of a word, is
// punctuation to peel off.
func edgeMark(r []rune, i int, leading bool) bool {
	c := r[i]
	if leading && strings.ContainsRune("+-−", c) && i+1 < len(r) && unicode.IsDigit(r[i+1]) {
		return false
	}
	if !leading && strings.ContainsRune("%٪‰", c) && i > 0 && unicode.IsDigit(r[i-1]) {
		return false
	}
	return unicode.IsPunct(c)
}

// canBreak reports whether a line may break before tokens[i] (in logical
// order): at a space, but not inside quotes or brackets (« Créer un
// compte »), before ? ! : ; (French puts a space there), nor inside a
// number (36 46, 30 €).
func canBreak(tokens []Token, i int) bool {
	if i == 0 || !tokens[i].Space {
		return false
	}
	prev, t := tokens[i-1].Text, tokens[i].Text
	switch {
	case prev != `"` && opens(prev):
		return false
	case t != `"` && (closes(t) || t == "?" || t == "!" || t == ":" || t == ";"):
		return false
	case classOf(t) == number && classOf(prev) == number:
		return false
	case oneOf(numberSigns, t) && classOf(prev) == number:
		return false
	}
	return true
}

// Words splits a left-to-right label where a line may break (see
// canBreak). Right-to-left text is wrapped by wrapTokens.
func Words(text string) []string {
	tokens := Tokens([]Span{{Text: text}})
	var out []string
	var b strings.Builder
	for i, t := range tokens {
		if canBreak(tokens, i) {
			out = append(out, b.String())
			b.Reset()
		} else if t.Space {
			b.WriteString(" ")
		}
		b.WriteString(t.Text)
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// class is the direction of a token.
type class int

const (
	neutral class = iota // punctuation, symbols
	rtl                  // Arabic or Hebrew letters
	ltr                  // Latin, Cyrillic or other letters
	number               // digits, with their signs and separators
)

func classOf(s string) class {
	c := neutral
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) && unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko):
			return rtl
		case unicode.IsLetter(r):
			c = ltr
		case unicode.IsDigit(r) && c == neutral:
			c = number
		}
	}
	return c
}

// Marks that join digit groups into one number (36 46, 8 – 30, 1 / 2),
// and signs that go with a number (8–30 €).
const (
	numberJoiners = "-‐‑–—/:.,"
	numberSigns   = "€$£%٪‰"
)

// oneOf reports whether s is one of the characters of set.
func oneOf(set, s string) bool {
	return utf8.RuneCountInString(s) == 1 && strings.Contains(set, s)
}

// Quotes and brackets, and their mirror images.
var mirrors = map[string]string{
	"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{",
	"«": "»", "»": "«", "‹": "›", "›": "‹", "<": ">", ">": "<",
	"“": "”", "”": "“",
}

var closing = map[string]string{
	"(": ")", "[": "]", "{": "}", "«": "»", "‹": "›", "“": "”", `"`: `"`, "„": "“",
}

func opens(s string) bool { _, ok := closing[s]; return ok }

func closes(s string) bool {
	for _, c := range closing {
		if c == s {
			return true
		}
	}
	return false
}

// VisualOrder returns the tokens of one line of right-to-left text in the
// order they are drawn, from left to right. Each token's text stays in
// logical order (Fyne shapes it), except that a bracket or quote standing
// in right-to-left text is mirrored: « ( » drawn on the right of what it
// opens becomes « ) ».
//
// The units of the line are laid out from right to left:
//   - a token with Arabic or Hebrew letters is a unit;
//   - digits, with the digit groups joined by spaces, - / : . , and the
//     currency or percent sign next to them, are one left-to-right unit
//     (a phone number 36 46 is never reversed);
//   - a run of tokens with Latin letters, with the punctuation and numbers
//     between them, the number right after them (cerfa 12504), and the
//     pairs of quotes or brackets around them (« Créer un compte »), is
//     one left-to-right unit;
//   - any other punctuation mark is a unit.
//
// Inside a left-to-right unit, tokens keep their logical order. Space
// flags are moved so that each tells whether a space separates the token
// from the one on its left.
func VisualOrder(tokens []Token) []Token {
	n := len(tokens)
	cls, end := ltrUnits(tokens)

	// Units in logical order, then reversed.
	type unit struct{ start, end int }
	var units []unit
	for i := 0; i < n; {
		e := i + 1
		if end[i] > 0 {
			e = end[i]
		}
		units = append(units, unit{i, e})
		i = e
	}
	out := make([]Token, 0, n)
	for k := len(units) - 1; k >= 0; k-- {
		u := units[k]
		for i := u.start; i < u.end; i++ {
			t := tokens[i]
			if i == u.start {
				// The space on the left of a unit is the one before the
				// unit that follows it in reading order.
				t.Space = k+1 < len(units) && tokens[units[k+1].start].Space
				if u.end-u.start == 1 && cls[i] == neutral {
					if m, ok := mirrors[t.Text]; ok {
						t.Text = m
					}
				}
			}
			out = append(out, t)
		}
	}
	return out
}

// ltrUnits returns the class of each token, and where the left-to-right
// units (numbers, Latin phrases) are: tokens[i:end[i]] when end[i] > 0.
func ltrUnits(tokens []Token) (cls []class, end []int) {
	n := len(tokens)
	cls = make([]class, n)
	for i, t := range tokens {
		cls[i] = classOf(t.Text)
	}
	end = make([]int, n)
	for i, done := 0, 0; i < n; {
		if cls[i] != number {
			i++
			continue
		}
		e := numberEnd(tokens, cls, i)
		if i > done && cls[i-1] == neutral && oneOf(numberSigns, tokens[i-1].Text) {
			i-- // € 30
		}
		end[i] = e
		i, done = e, e
	}
	for i, done := 0, 0; i < n; i++ {
		if cls[i] != ltr {
			continue
		}
		s, e := latinRun(tokens, cls, end, done, i)
		for k := s; k < e; k++ {
			end[k] = 0
		}
		end[s] = e
		i, done = e-1, e
	}
	return cls, end
}

// numberEnd returns the end of the number that starts at tokens[i].
func numberEnd(tokens []Token, cls []class, i int) int {
	n := len(tokens)
	e := i + 1
	for e < n {
		switch {
		case cls[e] == number:
			e++
		case cls[e] == neutral && e+1 < n && cls[e+1] == number && oneOf(numberJoiners, tokens[e].Text):
			e += 2
		case cls[e] == neutral && oneOf(numberSigns, tokens[e].Text):
			return e + 1
		default:
			return e
		}
	}
	return e
}

// latinRun returns the left-to-right unit around the Latin word tokens[i],
// which starts at or after done. end holds the numbers found before.
func latinRun(tokens []Token, cls []class, end []int, done, i int) (s, e int) {
	n := len(tokens)
	s, last := i, i
	for j := i + 1; j < n && cls[j] != rtl; j++ {
		if cls[j] == ltr {
			last = j
		}
	}
	e = last + 1
	if e < n && end[e] > 0 { // Windows 11, cerfa 12504
		e = end[e]
	}
	// Quotes and brackets around it, in pairs: an opening mark right
	// before it goes with it when its closing mark follows, with only
	// punctuation or numbers between (« Code oublié ? »). A mark whose
	// pair is beyond an Arabic word stays a right-to-left mark.
	for s > done && cls[s-1] == neutral && opens(tokens[s-1].Text) {
		j := e
		for j < n && cls[j] != rtl && cls[j] != ltr && tokens[j].Text != closing[tokens[s-1].Text] {
			j++
		}
		if j == n || tokens[j].Text != closing[tokens[s-1].Text] {
			break
		}
		s, e = s-1, j+1
	}
	return s, e
}
