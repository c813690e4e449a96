package guide

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Limits of a guide file. A centre's files are read by the kiosk at start
// and nobody vetted them: every size is bounded, and the size of the file
// is checked before anything else, so that a hostile file is refused fast
// (see issue 13). Real guides are far below each limit.
const (
	MaxFileSize     = 64 << 10 // bytes of one file (the largest built-in one is under 8 KiB)
	MaxLineBytes    = 2048     // bytes of one line
	MaxFiles        = 1000     // guide files in one folder
	MaxFolderBytes  = 8 << 20  // bytes read from one folder (the built-in library is under 1 MiB)
	MaxSteps        = 40       // [[steps]] of a guide
	MaxItems        = 30       // entries of [[checklist]], [[attention]] or [[keep]]
	MaxKeywords     = 50       // search words of a file
	MaxKeywordRunes = 60       // characters of a search word
	MaxTitleRunes   = 160      // characters of a title (guide or step)
	MaxTextRunes    = 600      // characters of a summary, a sentence or a note
	MaxIDLength     = 64       // characters of an id or a pictogram name
	MaxProblems     = 50       // problems listed for one file
	// MaxSentences and MaxSentenceWords are in validate.go.
)

// scanLines checks the raw bytes of a file, line by line, before they are
// decoded: each line valid UTF-8, at most MaxLineBytes, with no control
// character (a tab and the carriage return of a Windows line end aside),
// no line or paragraph separator and no bidirectional embedding, override or
// isolate, even in a comment (they make a file read differently from what
// it holds). It reports each bad line and returns false if there was one.
func scanLines(data []byte, ps *problems) bool {
	ok := true
	line := 1
	for start := 0; start <= len(data); line++ {
		end := start
		for end < len(data) && data[end] != '\n' {
			end++
		}
		l := data[start:end]
		if n := len(l); n > 0 && l[n-1] == '\r' {
			l = l[:n-1]
		}
		if len(l) > MaxLineBytes {
			ps.errorf(line, CodeLongLine, kv("Count", strconv.Itoa(len(l)), "Max", strconv.Itoa(MaxLineBytes)),
				"line of %d bytes (at most %d): cut it", len(l), MaxLineBytes)
			ok = false
		} else if bad, what := badRaw(l, line == 1); bad != "" {
			ps.errorf(line, CodeBadCharacter, kv("Char", bad, "What", what), "character %s (%s) is not allowed", bad, what)
			ok = false
		}
		if ps.full {
			return false
		}
		start = end + 1
	}
	return ok
}

// badRaw returns the first character of a raw line that is not allowed, as
// "U+202E", and what it is; "" when the line is clean.
func badRaw(l []byte, first bool) (char, what string) {
	for i := 0; i < len(l); {
		r, w := utf8.DecodeRune(l[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			return fmt.Sprintf("0x%02X", l[i]), "invalid UTF-8"
		case r == '\t':
		case r == '\uFEFF' && first && i == 0: // byte-order mark that Windows editors write
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return runeName(r), "control character"
		case bidiControl(r):
			return runeName(r), "bidirectional override"
		}
		i += w
	}
	return "", ""
}

// textRule returns what is wrong with a decoded text (the escapes of TOML
// strings can write any character): "" when nothing is. Letters of every
// script are allowed, and so are the marks right-to-left text needs (LRM,
// RLM, the Arabic letter mark) and the joiners of some scripts; controls,
// bidirectional embeddings, overrides and isolates, other invisible
// characters (zero-width space, soft hyphen, tags…), private-use and
// unassigned characters are not.
func textRule(s string) (char, what string) {
	if !utf8.ValidString(s) {
		return "", "invalid UTF-8"
	}
	for _, r := range s {
		if r >= ' ' && r < 0x7f {
			continue // printable ASCII, most of any text
		}
		switch {
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return runeName(r), "control character"
		case bidiControl(r):
			return runeName(r), "bidirectional override"
		case r == '\u200C', r == '\u200D', r == '\u200E', r == '\u200F', r == '\u061C':
			// joiners and direction marks: legitimate in Arabic and others
		case unicode.Is(unicode.Cf, r), invisibleLetter(r):
			return runeName(r), "invisible character"
		case unicode.Is(unicode.Co, r), unicode.Is(unicode.Cs, r), isNoncharacter(r):
			return runeName(r), "private or non-character"
		case !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Zs):
			return runeName(r), "unknown character"
		}
	}
	return "", ""
}

// visible reports whether s has a character a reader sees: a letter, a
// digit, punctuation or a symbol (not only spaces, marks and joiners).
func visible(s string) bool {
	for _, r := range s {
		if r > ' ' && r < 0x7f || unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S) && !invisibleLetter(r) {
			return true
		}
	}
	return false
}

// bidiControl reports whether r is a bidirectional embedding, override or
// isolate (U+202A–U+202E, U+2066–U+2069), which reorder what follows them.
func bidiControl(r rune) bool {
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069'
}

// invisibleLetter reports whether r is a letter or symbol that shows as
// blank: the Hangul fillers and the blank Braille pattern.
func invisibleLetter(r rune) bool {
	switch r {
	case '\u115F', '\u1160', '\u3164', '\uFFA0', '\u2800':
		return true
	}
	return false
}

func isNoncharacter(r rune) bool {
	return r >= '\uFDD0' && r <= '\uFDEF' || r&0xFFFE == 0xFFFE
}

// runeName writes r as "U+202E".
func runeName(r rune) string { return fmt.Sprintf("U+%04X", r) }
