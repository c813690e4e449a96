package guide

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// A guide is written as one TOML file per language, named <id>.<lang>.toml.
// The French file is the reference: it holds the structure (category, URL,
// the ids and order of the checklist, steps, notes and keep items) and the
// French text. A translation file holds only texts, keyed by the same ids.
//
//	id = "ameli-compte"
//	category = "sante"
//	pictogram = "carte-vitale"
//	url = "https://www.ameli.fr"
//	checked = 2026-11-21
//	title = "Créer votre compte ameli"
//	summary = "Pour voir vos remboursements."
//	keywords = ["sécu", "carte vitale"]
//
//	[[checklist]]
//	id = "carte-vitale"
//	text = "Votre carte Vitale."
//	missing = "Demandez-la à votre caisse."
//
//	[[steps]]
//	id = "ouvrir"
//	site = true
//	title = "Ouvrez le site ameli"
//	text = ["Cliquez sur le bouton « Ouvrir le site ».", "…"]
//
//	[[attention]]
//	id = "numero-provisoire"
//	step = "numero"      # optional: show the note on that step
//	text = "…"
//
//	[[keep]]
//	id = "code"
//	text = "Votre code secret, dans un endroit sûr."
//
// A step may show a picture of what the official site shows, a file of
// the folder pictures/ beside the guide files (see Picture), with its alt
// text, read aloud, in every language:
//
//	[[steps]]
//	id = "creer-compte"
//	picture = "ameli-mon-compte.svg"   # in the French file only
//	alt = "Le haut du site ameli. …"   # in every file
//
// In step texts, {mot} or {mots affichés|identifiant-du-mot} marks a glossary word.

// file is the decoded content of one guide file.
type file struct {
	ID        string     `toml:"id"`
	Category  string     `toml:"category"`
	Pictogram string     `toml:"pictogram"`
	URL       string     `toml:"url"`
	Checked   *time.Time `toml:"checked"`
	Title     string     `toml:"title"`
	Summary   string     `toml:"summary"`
	Keywords  []string   `toml:"keywords"`
	Checklist []fileItem `toml:"checklist"`
	Steps     []fileStep `toml:"steps"`
	Attention []fileItem `toml:"attention"`
	Keep      []fileItem `toml:"keep"`

	name    string // file name as reported in problems
	lang    string
	src     []byte
	split   []string         // src split in lines, on first use
	headers map[string][]int // [[table]] → 0-based line of each header, on first use
	keys    map[string]int   // key → line of its first assignment, on first use
}

type fileItem struct {
	ID        string `toml:"id"`
	Pictogram string `toml:"pictogram"`
	Step      string `toml:"step"`
	Text      string `toml:"text"`
	Missing   string `toml:"missing"`
}

type fileStep struct {
	ID        string   `toml:"id"`
	Pictogram string   `toml:"pictogram"`
	Site      bool     `toml:"site"`
	Title     string   `toml:"title"`
	Text      []string `toml:"text"`
	Picture   string   `toml:"picture"` // a file of the pictures folder, in the French file only
	Alt       string   `toml:"alt"`     // what the picture shows, in every language
}

// ValidID reports whether id is lower-case ASCII letters and digits in
// groups joined by single dashes, at most MaxIDLength long: the safe
// alphabet of ids, file names and pictogram names.
func ValidID(id string) bool { return validID(id) }

func validID(id string) bool {
	if id == "" || len(id) > MaxIDLength || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// splitName returns the id and language encoded in a guide file name, or
// ok=false when the name does not follow <id>.<lang>.toml with an id in the
// safe alphabet and a two-letter language.
func splitName(base string) (id, lang string, ok bool) {
	rest, ok := strings.CutSuffix(base, ".toml")
	if !ok {
		return "", "", false
	}
	dot := strings.LastIndexByte(rest, '.')
	if dot < 0 {
		return "", "", false
	}
	id, lang = rest[:dot], rest[dot+1:]
	if !validID(id) || len(lang) != 2 || lang[0] < 'a' || lang[0] > 'z' || lang[1] < 'a' || lang[1] > 'z' {
		return "", "", false
	}
	return id, lang, true
}

// parseFile decodes one guide file. It never panics on hostile bytes; a file
// that cannot be decoded returns ok=false with the reason in ps. The raw
// lines are checked first (see scanLines): a file with a bad line is not
// decoded.
func parseFile(name, lang string, data []byte, ps *problems) (f *file, ok bool) {
	if len(data) > MaxFileSize {
		ps.errorf(0, CodeTooLarge, kv("Max", strconv.Itoa(MaxFileSize)), "the file is larger than %d bytes", MaxFileSize)
		return nil, false
	}
	if !scanLines(data, ps) {
		return nil, false
	}
	f = &file{name: name, lang: lang, src: data}
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(f)
	if err != nil {
		line := 0
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = pe.Position.Line
		}
		msg := strings.SplitN(err.Error(), "\n", 2)[0]
		ps.errorf(line, CodeSyntax, kv("Reason", msg), "not valid TOML: %s", msg)
		return nil, false
	}
	for _, k := range md.Undecoded() {
		if ps.full {
			break
		}
		key := k.String()
		ps.warnf(f.keyLine(k[len(k)-1]), CodeUnknownField, kv("Field", key), "unknown field %q (ignored)", key)
	}
	return f, true
}

// keyLine returns the first line where key is assigned ("key = …"), or 0.
// The lines are indexed on first use, so that a file of thousands of keys
// costs one pass, not one per key.
func (f *file) keyLine(key string) int {
	if f.keys == nil {
		f.keys = map[string]int{}
		for i, l := range f.lines() {
			if k, _, ok := strings.Cut(l, "="); ok {
				if k = strings.TrimSpace(k); k != "" {
					if _, seen := f.keys[k]; !seen {
						f.keys[k] = i + 1
					}
				}
			}
		}
	}
	return f.keys[key]
}

// tableLine returns the line of the n-th (0-based) [[table]] header, or 0.
func (f *file) tableLine(table string, n int) int {
	if f.headers == nil {
		f.headers = map[string][]int{}
		for i, l := range f.lines() {
			if name, ok := tableHeader(l); ok {
				f.headers[name] = append(f.headers[name], i)
			}
		}
	}
	if h := f.headers[table]; n < len(h) {
		return h[n] + 1
	}
	return 0
}

// tableKeyLine returns the line of key inside the n-th [[table]], or the
// table's own line when the key is not written there.
func (f *file) tableKeyLine(table string, n int, key string) int {
	start := f.tableLine(table, n)
	if start == 0 {
		return 0
	}
	lines := f.lines()
	for i := start; i < len(lines); i++ {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "[") {
			break
		}
		if isAssignment(lines[i], key) {
			return i + 1
		}
	}
	return start
}

// lines returns the file's lines, split once.
func (f *file) lines() []string {
	if f.split == nil {
		f.split = strings.Split(string(f.src), "\n")
	}
	return f.split
}

// isAssignment reports whether line assigns key ("key = …").
func isAssignment(line, key string) bool {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), key)
	return ok && strings.HasPrefix(strings.TrimSpace(rest), "=")
}

// tableHeader returns the name of the array-of-tables entry [[table]] that
// line opens, if it opens one.
func tableHeader(line string) (string, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(line), "[[")
	if !ok {
		return "", false
	}
	name, _, ok := strings.Cut(rest, "]]")
	return strings.TrimSpace(name), ok
}
