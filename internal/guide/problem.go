package guide

import (
	"fmt"
	"sort"
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

// String formats the problem as "file:line: level: detail".
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Level, p.Detail)
	}
	return fmt.Sprintf("%s: %s: %s", p.File, p.Level, p.Detail)
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
)

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

// problems collects the problems of one file.
type problems struct {
	file string
	list []Problem
}

func (ps *problems) add(level Level, line int, code, detail string, kv ...string) {
	args := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		args[kv[i]] = kv[i+1]
	}
	ps.list = append(ps.list, Problem{File: ps.file, Line: line, Level: level, Code: code, Args: args, Detail: detail})
}

func (ps *problems) errorf(line int, code string, kv []string, format string, a ...any) {
	ps.add(Error, line, code, fmt.Sprintf(format, a...), kv...)
}

func (ps *problems) warnf(line int, code string, kv []string, format string, a ...any) {
	ps.add(Warning, line, code, fmt.Sprintf(format, a...), kv...)
}

func kv(pairs ...string) []string { return pairs }
