package guide

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Level says whether a problem stops a guide (Error) or is advice (Warning).
type Level int

// Problem levels.
const (
	Error Level = iota
	Warning
)

func (l Level) String() string {
	if l == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one thing wrong in a guide file, precise enough to fix it by
// hand: the file, the line, and what is wrong.
//
// Code names the kind of problem; with Args it is the key of a localized
// message ("guide.problem.<Code>"). Detail is the same message in English,
// used when no translation is at hand.
type Problem struct {
	File   string
	Line   int
	Level  Level
	Code   string
	Args   map[string]string
	Detail string
}

// String formats the problem as "file:line: level: detail", in English,
// with every character a terminal could act on escaped (see Escape).
func (p Problem) String() string { return p.Format(nil) }

// Translator gives a message in one language, filled with key-value pairs;
// *locale.Tr is one. It returns id itself when it has no such message.
type Translator interface {
	T(id string, kv ...any) string
}

// Message returns the problem's message in tr's language: the message
// "guide.problem.<Code>" filled with Args, or Detail when tr is nil or has
// no such message. It is escaped (see Escape).
func (p Problem) Message(tr Translator) string {
	if tr != nil {
		id := "guide.problem." + p.Code
		args := make([]any, 0, 2*len(p.Args))
		for k, v := range p.Args {
			args = append(args, k, Escape(v))
		}
		if text := tr.T(id, args...); text != id && text != "" {
			return Escape(text)
		}
	}
	return Escape(p.Detail)
}

// Format returns the problem as "file:line: level: message" ("file: level:
// message" when the line is unknown), the level and the message in tr's
// language ("guide.level.error", "guide.level.warning"); a nil tr gives
// English. The file name is escaped, so that a hostile name never reaches
// a terminal as escape codes.
func (p Problem) Format(tr Translator) string {
	level := p.Level.String()
	if tr != nil {
		if t := tr.T("guide.level." + level); t != "guide.level."+level && t != "" {
			level = t
		}
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s", Escape(p.File), p.Line, level, p.Message(tr))
	}
	return fmt.Sprintf("%s: %s: %s", Escape(p.File), level, p.Message(tr))
}

// Escape returns s with every character that is not graphic (controls,
// bidirectional overrides, zero-width and other invisible characters,
// invalid UTF-8) written as a Go escape (\x1b, \u202e), so that text from
// a file can be printed on a terminal or a screen as it is. Printable text,
// Arabic and accents included, is returned unchanged.
func Escape(s string) string {
	clean := true
	for _, r := range s {
		if !graphic(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case graphic(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRuneToASCII(r) // '\u202e'
			b.WriteString(q[1 : len(q)-1])
		}
		i += w
	}
	return b.String()
}

// graphic reports whether r prints as itself: a letter, mark, number,
// punctuation, symbol or space, and not a replacement for invalid UTF-8.
func graphic(r rune) bool {
	return r != utf8.RuneError && unicode.IsGraphic(r) && !invisibleLetter(r)
}

// Problem codes. Each has a message "guide.problem.<code>" in locales/.
const (
	CodeSyntax           = "syntax"
	CodeUnreadable       = "unreadable"
	CodeFileName         = "file-name"
	CodeMissingField     = "missing-field"
	CodeUnknownField     = "unknown-field"
	CodeBadID            = "bad-id"
	CodeIDMismatch       = "id-mismatch"
	CodeDuplicateID      = "duplicate-id"
	CodeUnknownCategory  = "unknown-category"
	CodeBadURL           = "bad-url"
	CodeFutureDate       = "future-date"
	CodeNoSteps          = "no-steps"
	CodeStepTitle        = "step-title"
	CodeSentenceCount    = "sentence-count"
	CodeEmptySentence    = "empty-sentence"
	CodeUnknownStep      = "unknown-step"
	CodeUnknownTerm      = "unknown-term"
	CodeBadMarkup        = "bad-markup"
	CodeNoReference      = "no-reference"
	CodeMissingText      = "missing-text"
	CodeExtraText        = "extra-text"
	CodeLongSentence     = "long-sentence"
	CodeStructureInTrans = "structure-in-translation"
	CodeReplaced         = "replaced"
	CodeJargon           = "jargon"
	CodeAbbreviation     = "abbreviation"

	// A guide that could be hostile (issue 13): where it sends people,
	// how it is stored, how big it is, what characters it holds.
	CodeTooLarge         = "too-large"
	CodeNotRegular       = "not-regular"
	CodeBadLink          = "bad-link"
	CodeTooManyFiles     = "too-many-files"
	CodeFolderTooLarge   = "folder-too-large"
	CodeLongLine         = "long-line"
	CodeBadCharacter     = "bad-character"
	CodeInvisibleText    = "invisible-text"
	CodeTooLong          = "too-long"
	CodeTooMany          = "too-many"
	CodeTooManyProblems  = "too-many-problems"
	CodeOldDate          = "old-date"
	CodeBadPictogram     = "bad-pictogram"
	CodeUnknownPictogram = "unknown-pictogram"
	CodeURLUserInfo      = "url-user-info"
	CodeURLPort          = "url-port"
	CodeURLLookalike     = "url-lookalike"
	CodeURLHost          = "url-host"
	CodeNotOfficial      = "not-official"
	CodeReplacesBuiltin  = "replaces-builtin"
	CodeBadHostEntry     = "bad-host-entry"
	CodeTodo             = "todo"
	CodeStale            = "stale"

	// Pictures of the official site (issue 13, item 4).
	CodeBadPicture        = "bad-picture"
	CodeUnknownPicture    = "unknown-picture"
	CodePictureTooLarge   = "picture-too-large"
	CodePictureSize       = "picture-size"
	CodeBadImage          = "bad-image"
	CodeSVGText           = "svg-text"
	CodeMissingAlt        = "missing-alt"
	CodeAltWithoutPicture = "alt-without-picture"
)

// Codes returns every problem code; each has a message
// "guide.problem.<code>" in the staff message files.
func Codes() []string {
	return []string{CodeSyntax, CodeUnreadable, CodeFileName, CodeMissingField, CodeUnknownField, CodeBadID,
		CodeIDMismatch, CodeDuplicateID, CodeUnknownCategory, CodeBadURL, CodeFutureDate, CodeNoSteps,
		CodeStepTitle, CodeSentenceCount, CodeEmptySentence, CodeUnknownStep, CodeUnknownTerm, CodeBadMarkup,
		CodeNoReference, CodeMissingText, CodeExtraText, CodeLongSentence, CodeStructureInTrans, CodeReplaced,
		CodeJargon, CodeAbbreviation,
		CodeTooLarge, CodeNotRegular, CodeBadLink, CodeTooManyFiles, CodeFolderTooLarge, CodeLongLine, CodeBadCharacter,
		CodeInvisibleText, CodeTooLong, CodeTooMany, CodeTooManyProblems, CodeOldDate, CodeBadPictogram,
		CodeUnknownPictogram, CodeURLUserInfo, CodeURLPort, CodeURLLookalike, CodeURLHost, CodeNotOfficial,
		CodeReplacesBuiltin, CodeBadHostEntry, CodeTodo, CodeStale,
		CodeBadPicture, CodeUnknownPicture, CodePictureTooLarge, CodePictureSize, CodeBadImage, CodeSVGText,
		CodeMissingAlt, CodeAltWithoutPicture}
}

// HasErrors reports whether any problem is an error.
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Level == Error {
			return true
		}
	}
	return false
}

// SortProblems orders problems by file then line, for stable reports.
func SortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
}

// problems collects the problems of one file. After MaxProblems, one last
// problem says that the others are not listed.
type problems struct {
	file string
	list []Problem
	full bool
}

// maxArg bounds an argument of a message: a whole hostile line is never
// shown, only its start.
const maxArg = 120

func (ps *problems) add(level Level, line int, code, detail string, kv ...string) {
	if ps.full {
		return
	}
	if len(ps.list) == MaxProblems {
		ps.full = true
		level, code, kv = Error, CodeTooManyProblems, []string{"Max", strconv.Itoa(MaxProblems)}
		detail = fmt.Sprintf("more than %d problems: the others are not listed", MaxProblems)
	}
	args := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		args[kv[i]] = Escape(truncate(kv[i+1], maxArg))
	}
	ps.list = append(ps.list, Problem{File: Escape(ps.file), Line: line, Level: level, Code: code, Args: args,
		Detail: Escape(truncate(detail, 4*maxArg))})
}

// truncate cuts s to at most n runes, marking the cut with "…".
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i, count := 0, 0
	for i < len(s) && count < n {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		count++
	}
	if i >= len(s) {
		return s
	}
	return s[:i] + "…"
}

func (ps *problems) errorf(line int, code string, kv []string, format string, a ...any) {
	ps.add(Error, line, code, fmt.Sprintf(format, a...), kv...)
}

func (ps *problems) warnf(line int, code string, kv []string, format string, a ...any) {
	ps.add(Warning, line, code, fmt.Sprintf(format, a...), kv...)
}

func kv(pairs ...string) []string { return pairs }
