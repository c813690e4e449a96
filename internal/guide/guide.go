// Package guide provides the library of guided procedures shown on the kiosk:
// the guide format (hand-editable TOML files, one per language), loading from
// the embedded library and from a centre's own folder, validation with precise
// problems, and the localized view of a guide that the kiosk displays.
package guide

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// Reference is the language every guide must have. Other languages are
// translations of it; when one is missing, the reference is shown.
const Reference = "fr"

// Category groups guides on the kiosk's first choice screen.
type Category struct {
	ID        string // stable id used in guide files, e.g. "sante"
	Pictogram string // name of a file in assets/pictograms without extension
	// Theme is the administrative theme of the national mediators' tool
	// (CRA) that an accompaniment for a guide of this category gets.
	Theme string
}

// Categories returns the kiosk categories in display order.
func Categories() []Category {
	return []Category{
		{ID: "internet", Pictogram: "internet", Theme: "NavigationSurInternet"},
		{ID: "sante", Pictogram: "sante", Theme: "SocialSante"},
		{ID: "logement", Pictogram: "logement", Theme: "Logement"},
		{ID: "argent", Pictogram: "argent", Theme: "ArgentImpots"},
		{ID: "travail", Pictogram: "travail", Theme: "TravailFormation"},
		{ID: "papiers", Pictogram: "papiers", Theme: "PapiersElectionsCitoyennete"},
	}
}

// CategoryByID returns the category with that id and whether it exists.
func CategoryByID(id string) (Category, bool) {
	for _, c := range Categories() {
		if c.ID == id {
			return c, true
		}
	}
	return Category{}, false
}

// PictogramsIn returns, for Options.Pictograms, whether a pictogram exists
// as dir/<name>.svg in fsys: PictogramsIn(assets.Files(), "pictograms").
// The folder is listed once; it returns the error of listing it.
func PictogramsIn(fsys fs.FS, dir string) (func(name string) bool, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".svg"); ok && !e.IsDir() && path.Base(name) == name {
			names[name] = true
		}
	}
	return func(name string) bool { return names[name] }, nil
}

// Guide is one procedure, with its structure (from the reference file) and
// its texts in every language that was loaded.
type Guide struct {
	ID        string
	Category  string
	Pictogram string
	URL       string    // the official site, always https
	Checked   time.Time // the day its facts were last checked
	Source    string    // where the reference file came from, for reports
	Builtin   bool      // false when it comes from the centre's own folder

	Checklist []Item
	Steps     []Step
	Attention []Note
	Keep      []Item

	texts  map[string]*texts // by language
	host   string            // the host of URL, checked official
	domain string            // the official-site entry host is under
	idLine int               // the line of the id in Source
}

// Host returns the host of the guide's official site, e.g. "www.ameli.fr":
// what the browser opens, to show in large letters beside the guide.
func (g *Guide) Host() string { return g.host }

// Domain returns the entry of the list of official sites that the host is
// under, e.g. "ameli.fr" for www.ameli.fr or "ants.gouv.fr" for
// passeport.ants.gouv.fr: the name people know.
func (g *Guide) Domain() string { return g.domain }

// Item is a checklist entry or a "what to keep" entry.
type Item struct {
	ID        string
	Pictogram string
}

// Step is one screen of the procedure.
type Step struct {
	ID        string
	Pictogram string
	// OpenSite shows the "open the official site" button on this step.
	OpenSite bool
	// Picture shows what the official site looks like at this step; nil
	// for none.
	Picture *Picture

	pictureName string // as the French file names it
}

// Note is an attention note about a known pitfall. When Step is set the note
// is shown on that step; otherwise it is shown before the guide starts.
type Note struct {
	ID   string
	Step string
}

// texts holds everything a translator writes for one language.
type texts struct {
	Title     string
	Summary   string
	Keywords  []string
	Checklist map[string]ItemText
	Steps     map[string]StepText
	Attention map[string]string
	Keep      map[string]string
}

// ItemText is the text of a checklist entry: what to have, and what to do
// when the visitor does not have it.
type ItemText struct {
	Text    string
	Missing string
}

// StepText is the text of one step.
type StepText struct {
	Title     string
	Sentences []string
	Alt       string // what the step's picture shows
}

// Languages returns the languages this guide can be shown in, reference first.
func (g *Guide) Languages() []string {
	out := []string{Reference}
	for lang := range g.texts {
		if lang != Reference {
			out = append(out, lang)
		}
	}
	slices.Sort(out[1:])
	return out
}

// Has reports whether the guide has a complete text in lang.
func (g *Guide) Has(lang string) bool {
	_, ok := g.texts[lang]
	return ok
}

// Keywords returns the search words of the guide in lang (and always the
// reference language's, which visitors also type).
func (g *Guide) Keywords(lang string) []string {
	var out []string
	if t, ok := g.texts[lang]; ok {
		out = append(out, t.Title)
		out = append(out, t.Keywords...)
	}
	if lang != Reference {
		out = append(out, g.texts[Reference].Title)
		out = append(out, g.texts[Reference].Keywords...)
	}
	return out
}

// Localized is a guide as one visitor reads it: every text resolved in one
// language, in display order.
type Localized struct {
	ID       string
	Lang     string // the language of the texts below
	Fallback bool   // the visitor's language was missing: texts are in French
	URL      string
	Title    string
	Summary  string

	Checklist []LocalItem
	Steps     []LocalStep
	Attention []string // notes shown before the guide starts
	Keep      []string
}

// LocalItem is a checklist entry in one language.
type LocalItem struct {
	ID, Pictogram string
	Text, Missing string
}

// LocalStep is a step in one language.
type LocalStep struct {
	ID, Pictogram string
	OpenSite      bool
	Title         string
	Sentences     []string
	Attention     []string     // notes about this step
	Picture       *StepPicture // nil when the step has no picture
}

// StepPicture is a step's picture with its alt text in one language: what
// the picture shows, for who cannot see it (read aloud with the step).
type StepPicture struct {
	*Picture
	Alt string
}

// In returns the guide in lang, or in French with Fallback set when the guide
// has no complete text in lang.
func (g *Guide) In(lang string) Localized {
	t, ok := g.texts[lang]
	fallback := false
	if !ok {
		t, lang, fallback = g.texts[Reference], Reference, lang != Reference
	}
	l := Localized{ID: g.ID, Lang: lang, Fallback: fallback, URL: g.URL, Title: t.Title, Summary: t.Summary}
	for _, it := range g.Checklist {
		x := t.Checklist[it.ID]
		l.Checklist = append(l.Checklist, LocalItem{ID: it.ID, Pictogram: it.Pictogram, Text: x.Text, Missing: x.Missing})
	}
	for _, s := range g.Steps {
		x := t.Steps[s.ID]
		ls := LocalStep{ID: s.ID, Pictogram: s.Pictogram, OpenSite: s.OpenSite, Title: x.Title, Sentences: x.Sentences}
		if s.Picture != nil {
			alt := x.Alt
			if alt == "" { // a translation without it: the French one
				alt = g.texts[Reference].Steps[s.ID].Alt
			}
			ls.Picture = &StepPicture{Picture: s.Picture, Alt: alt}
		}
		for _, n := range g.Attention {
			if n.Step == s.ID {
				ls.Attention = append(ls.Attention, t.Attention[n.ID])
			}
		}
		l.Steps = append(l.Steps, ls)
	}
	for _, n := range g.Attention {
		if n.Step == "" {
			l.Attention = append(l.Attention, t.Attention[n.ID])
		}
	}
	for _, k := range g.Keep {
		l.Keep = append(l.Keep, t.Keep[k.ID])
	}
	return l
}
