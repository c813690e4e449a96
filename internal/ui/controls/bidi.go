package controls

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"golang.org/x/text/unicode/bidi"
)

// Fyne shapes each run of text correctly (Arabic letters join, an Arabic
// run reads right to left) but places the runs of one string in logical
// order from left to right. Right-to-left text is therefore drawn one
// token at a time, in the visual order the Unicode Bidirectional Algorithm
// gives (see VisualOrder).

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
// order they are drawn, from left to right, by the Unicode Bidirectional
// Algorithm (UAX #9, golang.org/x/text/unicode/bidi) for a right-to-left
// paragraph: the line is written out with its spaces, each character gets
// its embedding level (1 for right-to-left, 2 for the Latin words, numbers
// and what lies between them), a token whose characters have two levels is
// cut where the level changes (8–30 gives 8, – and 30), and the runs of
// level 2 are laid out left to right inside the line read from the right
// (rule L2). Each token's text stays in logical order: Fyne shapes it. A
// bracket or quote at level 1 is mirrored (rule L4): « ( » drawn on the
// right of what it opens becomes « ) ».
//
// Two habits of French text are told to the algorithm, as a writer would
// with a mark: digit groups separated by one space are one number, as the
// no-break space of French typography makes them (a phone number 36 46 is
// never reversed); a site's label in « » that starts with a Latin letter
// and has no Arabic or Hebrew letter ends with a left-to-right mark, so that
// its final « ? » or « ! » stays with it (« Code oublié ? »): without it,
// the algorithm puts the « ? » on the Arabic side, as browsers do.
//
// Space flags are moved so that each tells whether a space separates the
// token from the one on its left.
func VisualOrder(tokens []Token) []Token {
	if len(tokens) == 0 {
		return nil
	}
	line, items := lineText(tokens)
	levels := bidiLevels(line)

	// Pieces: the spaces and the tokens, cut where the level changes.
	type piece struct {
		t     Token
		space bool
		level int
	}
	var pieces []piece
	for _, it := range items {
		switch {
		case it.token == -2:
			continue
		case it.token == -1:
			pieces = append(pieces, piece{space: true, level: levels[it.start]})
			continue
		}
		t := tokens[it.token]
		if classOf(t.Text) == ltr && latinWord(t.Text) {
			// A Latin word stays whole, signs included (A+, A−, Windows11):
			// as if its writer had put a left-to-right mark after it.
			pieces = append(pieces, piece{t: t, level: 2})
			continue
		}
		for s := it.start; s < it.end; {
			e := s + 1
			for e < it.end && levels[e] == levels[s] {
				e++
			}
			p := t
			p.Text = string(line[s:e])
			pieces = append(pieces, piece{t: p, level: levels[s]})
			s = e
		}
	}
	// Rule L2: from the highest level to the lowest odd one, reverse every
	// run of pieces at that level or higher.
	for lv := 2; lv >= 1; lv-- {
		for i := 0; i < len(pieces); {
			if pieces[i].level < lv {
				i++
				continue
			}
			j := i
			for j < len(pieces) && pieces[j].level >= lv {
				j++
			}
			slices.Reverse(pieces[i:j])
			i = j
		}
	}
	out := make([]Token, 0, len(tokens))
	space := false
	for _, p := range pieces {
		if p.space {
			space = len(out) > 0
			continue
		}
		t := p.t
		t.Space = space
		if p.level%2 == 1 {
			if m, ok := mirrors[t.Text]; ok { // rule L4
				t.Text = m
			}
		}
		out = append(out, t)
		space = false
	}
	return out
}

// item is a token, a space or a mark of a line written out as text.
type item struct {
	token      int // index in tokens; -1 for a space, -2 for a mark
	start, end int // its runes in the line
}

// lineText writes tokens out as one line of text for the bidirectional
// algorithm, with the spaces between them and the marks VisualOrder
// explains, and says where each is.
func lineText(tokens []Token) (line []rune, items []item) {
	lrm := labelEnds(tokens)
	for i, t := range tokens {
		if i > 0 && t.Space {
			sp := ' '
			if endsWithDigit(tokens[i-1].Text) && startsWithDigit(t.Text) {
				sp = '\u00A0' // a common separator (CS) between two numbers
			}
			items = append(items, item{-1, len(line), len(line) + 1})
			line = append(line, sp)
		}
		r := []rune(t.Text)
		items = append(items, item{i, len(line), len(line) + len(r)})
		line = append(line, r...)
		if lrm[i] {
			items = append(items, item{-2, len(line), len(line) + 1})
			line = append(line, '\u200E')
		}
	}
	return line, items
}

// ltrUnits returns where the left-to-right units of a paragraph are,
// which a line should not break: tokens[i:end[i]] when end[i] > 0, two or
// more tokens that the bidirectional algorithm puts at level 2 with the
// spaces between them (a Latin phrase, cerfa 12504, a phone number 36 46).
func ltrUnits(tokens []Token) (end []int) {
	end = make([]int, len(tokens))
	line, items := lineText(tokens)
	levels := bidiLevels(line)
	ltrTok := make([]bool, len(tokens))
	ltrBefore := make([]bool, len(tokens)) // the space before the token is at level 2
	for _, it := range items {
		switch it.token {
		case -2:
		case -1:
			// the space belongs to the next token
			for k := range items {
				if items[k].start == it.end && items[k].token >= 0 {
					ltrBefore[items[k].token] = levels[it.start] == 2
				}
			}
		default:
			all := true
			for k := it.start; k < it.end; k++ {
				all = all && levels[k] == 2
			}
			ltrTok[it.token] = all
		}
	}
	for i := 0; i < len(tokens); {
		if !ltrTok[i] {
			i++
			continue
		}
		e := i + 1
		for e < len(tokens) && ltrTok[e] && (ltrBefore[e] || !tokens[e].Space) {
			e++
		}
		if e-i > 1 {
			end[i] = e
		}
		i = e
	}
	return end
}

// bidiLevels returns the embedding level of each rune of a line of a
// right-to-left paragraph: 1 (right to left) or 2 (left to right). The
// kiosk's texts hold no embedding, override or isolate (the guide checker
// refuses them), so there are no other levels.
func bidiLevels(line []rune) []int {
	levels := make([]int, len(line))
	for i := range levels {
		levels[i] = 1
	}
	var p bidi.Paragraph
	if _, err := p.SetString(string(line), bidi.DefaultDirection(bidi.RightToLeft)); err != nil {
		return levels
	}
	o, err := p.Order()
	if err != nil {
		return levels
	}
	for i := 0; i < o.NumRuns(); i++ {
		r := o.Run(i)
		if r.Direction() != bidi.LeftToRight {
			continue
		}
		s, e := r.Pos()
		for k := s; k <= e && k < len(levels); k++ {
			levels[k] = 2
		}
	}
	return levels
}

// labelEnds reports the tokens after which a left-to-right mark ends a
// label in « »: the last token before the closing » of a pair whose
// content starts with a Latin letter, holds no right-to-left letter and
// ends in punctuation.
func labelEnds(tokens []Token) []bool {
	marks := make([]bool, len(tokens))
	for i := 0; i < len(tokens); i++ {
		if tokens[i].Text != "«" {
			continue
		}
		j := i + 1
		for j < len(tokens) && tokens[j].Text != "»" && tokens[j].Text != "«" {
			j++
		}
		if j == len(tokens) || tokens[j].Text != "»" || j == i+1 {
			continue
		}
		first, rtlInside := neutral, false
		for _, t := range tokens[i+1 : j] {
			c := classOf(t.Text)
			if first == neutral && (c == ltr || c == rtl) {
				first = c
			}
			rtlInside = rtlInside || c == rtl
		}
		// Only a label that ends in punctuation needs the mark: « Code
		// oublié ? ». (A closing bracket is left to the pairing of
		// brackets, rule N0, which a mark after it would split.)
		if last := tokens[j-1].Text; first == ltr && !rtlInside && classOf(last) == neutral && !closes(last) {
			marks[j-1] = true
		}
		i = j
	}
	return marks
}

// latinWord reports whether a token that starts with a Latin letter has no
// right-to-left letter nor Arabic digit: then it is drawn as one
// left-to-right piece.
func latinWord(s string) bool {
	first := true
	for _, r := range s {
		if first && !unicode.IsLetter(r) {
			return false
		}
		first = false
		if p, _ := bidi.LookupRune(r); p.Class() == bidi.R || p.Class() == bidi.AL || p.Class() == bidi.AN {
			return false
		}
	}
	return true
}

func startsWithDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

func endsWithDigit(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsDigit(r)
}
