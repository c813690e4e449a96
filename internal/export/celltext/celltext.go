// Package celltext is the rule every text cell of every export goes
// through (Text): no formula a spreadsheet would run (R10), no control
// character, valid UTF-8, cut to the format's limit with a visible
// marker. It is apart from the export writers so that its fuzz target
// (FuzzExportCell) runs in a small program: fuzzing instruments every
// package of the test binary, and the writers' (excelize, fpdf) made each
// execution about ten times slower whatever the body did.
package celltext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// triggers are the first bytes that make a spreadsheet read a cell as a
// formula, or that hide one (R10, OWASP CSV Injection and ASVS 1.2.10).
const triggers = "=+-@\t\r\n\x00"

// Neutralize returns s prefixed with a single quote when its first byte is
// one of = + - @ TAB CR LF NUL, so that no spreadsheet runs it as a
// formula (R10); any other s is returned unchanged. Every text cell of
// every export goes through it.
func Neutralize(s string) string {
	if s != "" && strings.IndexByte(triggers, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// XLSXLimit is the most a spreadsheet cell holds: 32,767 characters
// as Excel counts them (UTF-16 code units). The XLSX and the CSV for
// French Excel cut longer text (Text); plain CSV has no limit.
const XLSXLimit = 32767

// CutMarker ends a text cut to fit its format's limit, so that a reader
// sees the cell is not whole; the export's header counts such cells.
const CutMarker = " […] coupé"

// cutMarkerUnits is CutMarker's length in UTF-16 code units.
const cutMarkerUnits = 10

// minLimit is the least limit Text applies: room for the marker
// and some text.
const minLimit = 4 * cutMarkerUnits

// Text returns s as every export writes a text cell: NUL and the other
// control characters removed (line feeds and tabs kept; carriage returns
// go: a CSV line ends in CRLF), invalid UTF-8 replaced by U+FFFD,
// neutralised (Neutralize), and, when limit > 0 and the result is longer
// than limit UTF-16 code units, cut at a character boundary to fit with
// CutMarker at its end; cut says whether it was. A limit below
// minLimit counts as minLimit. It is pure and does not allocate for
// ordinary text.
func Text(s string, limit int) (text string, cut bool) {
	if limit > 0 && limit < minLimit {
		limit = minLimit
	}
	if needsCleaning(s) {
		s = cleanText(s)
	}
	s = Neutralize(s)
	if limit <= 0 || len(s) <= limit { // UTF-16 units never exceed bytes
		return s, false
	}
	units := 0
	for i, r := range s {
		n := 1
		if r >= 0x10000 {
			n = 2
		}
		if units+n > limit-cutMarkerUnits {
			// Does the whole rest fit without a marker?
			if units+utf16Len(s[i:]) <= limit {
				return s, false
			}
			return s[:i] + CutMarker, true
		}
		units += n
	}
	return s, false
}

// utf16Len returns the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// needsCleaning reports whether s holds a control character other than
// a line feed or a tab, or invalid UTF-8. The control characters past
// ASCII are U+0080 to U+009F (unicode.IsControl), 0xC2 0x80 to 0xC2 0x9F
// in UTF-8: one pass over the bytes finds them all, eight at a time
// where they are printable ASCII.
func needsCleaning(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	ascii := true
	for i := 0; i < len(s); {
		end := len(s)
		if i+8 <= len(s) {
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			del := x ^ 0x7f*ones
			// No byte of 0x80 or more, below 0x20, or 0x7f.
			if (x|(x-0x20*ones)&^x|(del-ones)&^del)&highs == 0 {
				i += 8
				continue
			}
			end = i + 8
		}
		for ; i < end; i++ {
			switch b := s[i]; {
			case b == '\n' || b == '\t':
			case b < 0x20 || b == 0x7f:
				return true
			case b == 0xC2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9F:
				return true
			case b >= 0x80:
				ascii = false
			}
		}
	}
	return !ascii && !utf8.ValidString(s)
}

// removed reports whether Text removes r: a control character other
// than a line feed or a tab.
func removed(r rune) bool { return r != '\n' && r != '\t' && unicode.IsControl(r) }

// cleanText removes what needsCleaning finds.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if removed(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// IsTrigger reports whether s starts with a byte that Neutralize prefixes.
func IsTrigger(s string) bool {
	return s != "" && strings.IndexByte(triggers, s[0]) >= 0
}
