// Package glossary provides the plain-language explanations of the hard
// words that block visitors (identifiant, RIB, pièce jointe…), in every
// language, loaded from hand-editable TOML files glossary.<lang>.toml.
package glossary

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"pasapas/internal/guide"
)

// Reference is the language every term must exist in.
const Reference = guide.Reference

// Entry is one word explained in one language.
type Entry struct {
	ID   string // stable id, the folded word with dashes: "mot-de-passe"
	Word string // the word as shown: "Mot de passe"
	Text string // one or two plain sentences
}

// Glossary holds every term in every loaded language.
type Glossary struct {
	ids     []string
	entries map[string]map[string]Entry // lang → id → entry
}

type fileTerm struct {
	ID   string `toml:"id"`
	Word string `toml:"word"`
	Text string `toml:"text"`
}

type fileGlossary struct {
	Terms []fileTerm `toml:"term"`
}

// Load reads glossary.<lang>.toml files from dir in fsys. The French file is
// required; a term missing from a translation is shown in French. Problems
// are reported in the guide package's format; a broken translation is
// skipped, a broken French file leaves the glossary empty.
func Load(fsys fs.FS, dir, name string) (*Glossary, []guide.Problem) {
	g := &Glossary{entries: map[string]map[string]Entry{}}
	var ps []guide.Problem
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return g, []guide.Problem{{File: name, Level: guide.Error, Code: guide.CodeUnreadable,
			Args: map[string]string{"Reason": err.Error()}, Detail: "cannot read the glossary folder: " + err.Error()}}
	}
	var langs []string
	for _, e := range entries {
		base := e.Name()
		if !strings.HasPrefix(base, "glossary.") || !strings.HasSuffix(base, ".toml") {
			continue
		}
		langs = append(langs, strings.TrimSuffix(strings.TrimPrefix(base, "glossary."), ".toml"))
	}
	sort.Slice(langs, func(i, j int) bool { return langs[i] == Reference || (langs[j] != Reference && langs[i] < langs[j]) })
	if len(langs) == 0 || langs[0] != Reference {
		return g, append(ps, guide.Problem{File: path.Join(name, "glossary.fr.toml"), Level: guide.Error, Code: guide.CodeNoReference,
			Detail: "the French glossary file is missing"})
	}
	for _, lang := range langs {
		file := path.Join(name, "glossary."+lang+".toml")
		terms, fps := parse(fsys, path.Join(dir, "glossary."+lang+".toml"), file, lang)
		ps = append(ps, fps...)
		if guide.HasErrors(fps) {
			continue
		}
		m := map[string]Entry{}
		for _, t := range terms {
			m[t.ID] = Entry(t)
		}
		if lang == Reference {
			for _, t := range terms {
				g.ids = append(g.ids, t.ID)
			}
		} else {
			for _, id := range g.ids {
				if _, ok := m[id]; !ok {
					ps = append(ps, guide.Problem{File: file, Level: guide.Warning, Code: guide.CodeMissingText,
						Args:   map[string]string{"Table": "term", "ID": id, "Lang": lang},
						Detail: fmt.Sprintf("term %q has no %s text (French is shown)", id, lang)})
				}
			}
		}
		g.entries[lang] = m
	}
	return g, ps
}

func parse(fsys fs.FS, p, name, lang string) ([]fileTerm, []guide.Problem) {
	problem := func(code, detail string, line int) []guide.Problem {
		return []guide.Problem{{File: name, Line: line, Level: guide.Error, Code: code, Detail: detail}}
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, problem(guide.CodeUnreadable, "cannot read the file: "+err.Error(), 0)
	}
	var f fileGlossary
	if _, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&f); err != nil {
		line := 0
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = pe.Position.Line
		}
		return nil, problem(guide.CodeSyntax, "not valid TOML: "+strings.SplitN(err.Error(), "\n", 2)[0], line)
	}
	var ps []guide.Problem
	seen := map[string]bool{}
	for i, t := range f.Terms {
		where := fmt.Sprintf("[[term]] number %d", i+1)
		switch {
		case t.ID == "" || t.ID != guide.TermID(t.ID):
			ps = append(ps, problem(guide.CodeBadID, where+": id must be lower-case words joined by dashes", 0)...)
		case seen[t.ID]:
			ps = append(ps, problem(guide.CodeDuplicateID, where+": id "+t.ID+" is used twice", 0)...)
		case strings.TrimSpace(t.Word) == "" || strings.TrimSpace(t.Text) == "":
			ps = append(ps, problem(guide.CodeMissingField, where+" ("+t.ID+"): word and text are required", 0)...)
		}
		seen[t.ID] = true
		// The same sentence rule as the guides': a visitor reads both.
		for _, l := range guide.LongSentences(lang, t.Text) {
			ps = append(ps, guide.Problem{File: name, Line: termLine(data, i, "text"), Level: guide.Warning, Code: guide.CodeLongSentence,
				Args:   map[string]string{"Count": strconv.Itoa(l.Words), "Max": strconv.Itoa(l.Max), "Text": guide.Escape(l.Text)},
				Detail: guide.Escape(fmt.Sprintf("term %q: sentence of %d words (at most %d): %q", t.ID, l.Words, l.Max, l.Text))})
		}
	}
	return f.Terms, ps
}

// termLine returns the line of key in the n-th (0-based) [[term]] of a
// glossary file, or of the [[term]] itself when the key is not found; 0
// when there is no such term.
func termLine(data []byte, n int, key string) int {
	seen := -1
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "[[term]]"):
			if seen == n {
				return 0
			}
			seen++
		case seen == n && strings.HasPrefix(l, key) && strings.HasPrefix(strings.TrimSpace(l[len(key):]), "="):
			return i + 1
		}
	}
	return 0
}

// Has reports whether a term with that id exists.
func (g *Glossary) Has(id string) bool {
	_, ok := g.entries[Reference][id]
	return ok
}

// Lookup returns the term in lang, falling back to French, and whether the
// term exists at all.
func (g *Glossary) Lookup(id, lang string) (Entry, bool) {
	if e, ok := g.entries[lang][id]; ok {
		return e, true
	}
	e, ok := g.entries[Reference][id]
	return e, ok
}

// IDs returns every term id in the order of the French file.
func (g *Glossary) IDs() []string { return g.ids }
