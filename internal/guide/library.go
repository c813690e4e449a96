package guide

import (
	"io/fs"
	"path"
	"sort"
	"time"
)

// Source is a folder of guide files: the library embedded in the program,
// or the centre's own folder, whose guides add to or replace built-in ones.
type Source struct {
	FS      fs.FS
	Dir     string // folder inside FS ("." for its root)
	Name    string // how files are named in problems, e.g. "assets/guides"
	Builtin bool
}

// Options tune loading.
type Options struct {
	// Today is the reference for "checked in the future" errors; zero skips it.
	Today time.Time
	// Terms says whether a glossary entry exists; nil skips glossary checks.
	Terms func(id string) bool
	// Plain adds the jargon and abbreviation warnings; nil skips them.
	Plain *PlainRules
}

// Library is the set of guides that loaded without error.
type Library struct {
	guides []*Guide
	byID   map[string]*Guide
}

// Load reads every source in order. A guide that fails validation is left
// out and its problems returned; the others still load. A guide of a later
// source replaces one of an earlier source with the same id (reported as a
// warning, so that a mediator sees which guide is the centre's own).
func Load(opts Options, sources ...Source) (*Library, []Problem) {
	c := checker{today: opts.Today, terms: opts.Terms, plain: opts.Plain}
	lib := &Library{byID: map[string]*Guide{}}
	var all []Problem
	for _, src := range sources {
		guides, ps := c.loadSource(src)
		all = append(all, ps...)
		for _, g := range guides {
			if old, ok := lib.byID[g.ID]; ok {
				all = append(all, Problem{File: g.Source, Level: Warning, Code: CodeReplaced,
					Args:   map[string]string{"ID": g.ID, "Old": old.Source},
					Detail: "replaces the guide " + g.ID + " of " + old.Source})
				for i, o := range lib.guides {
					if o == old {
						lib.guides = append(lib.guides[:i], lib.guides[i+1:]...)
						break
					}
				}
			}
			lib.byID[g.ID] = g
			lib.guides = append(lib.guides, g)
		}
	}
	sort.SliceStable(lib.guides, func(i, j int) bool { return lib.guides[i].ID < lib.guides[j].ID })
	SortProblems(all)
	return lib, all
}

// loadSource reads one folder: reference files first, then translations.
func (c checker) loadSource(src Source) ([]*Guide, []Problem) {
	var all []Problem
	entries, err := fs.ReadDir(src.FS, src.Dir)
	if err != nil {
		return nil, []Problem{{File: src.Name, Level: Error, Code: CodeUnreadable,
			Args: map[string]string{"Reason": err.Error()}, Detail: "cannot read the folder: " + err.Error()}}
	}
	type entry struct{ name, id, lang string }
	byID := map[string][]entry{}
	var ids []string
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".toml" {
			continue
		}
		id, lang, ok := splitName(e.Name())
		if !ok {
			all = append(all, Problem{File: path.Join(src.Name, e.Name()), Level: Error, Code: CodeFileName,
				Detail: "file name must be <id>.<language>.toml, e.g. ameli-compte.fr.toml"})
			continue
		}
		if _, seen := byID[id]; !seen {
			ids = append(ids, id)
		}
		byID[id] = append(byID[id], entry{e.Name(), id, lang})
	}
	sort.Strings(ids)
	var guides []*Guide
	for _, id := range ids {
		files := byID[id]
		sort.Slice(files, func(i, j int) bool { // reference first
			return files[i].lang == Reference || (files[j].lang != Reference && files[i].lang < files[j].lang)
		})
		if files[0].lang != Reference {
			all = append(all, Problem{File: path.Join(src.Name, files[0].name), Level: Error, Code: CodeNoReference,
				Args: map[string]string{"ID": id}, Detail: "no French file " + id + ".fr.toml: French is required"})
		}
		// Every file is checked, even when the French one has errors, so that
		// all the problems of a guide show at once. Only a guide whose French
		// file has no error joins the library; a translation with an error is
		// left out of the guide, which is then shown in French.
		var g *Guide    // the reference structure; nil when the French file is missing or unreadable
		usable := false // the French file has no error
		for _, e := range files {
			name := path.Join(src.Name, e.name)
			ps := &problems{file: name}
			data, err := fs.ReadFile(src.FS, path.Join(src.Dir, e.name))
			if err != nil {
				ps.errorf(0, CodeUnreadable, kv("Reason", err.Error()), "cannot read the file: %v", err)
			} else if f, ok := parseFile(name, e.lang, data, ps); ok {
				if e.lang == Reference {
					g, usable = c.reference(f, id, ps)
					g.Builtin = src.Builtin
				} else {
					c.translation(g, id, f, ps)
				}
			}
			all = append(all, ps.list...)
		}
		if usable {
			guides = append(guides, g)
		}
	}
	return guides, all
}

// Guides returns every guide, sorted by id.
func (l *Library) Guides() []*Guide { return l.guides }

// ByID returns the guide with that id, or nil.
func (l *Library) ByID(id string) *Guide { return l.byID[id] }

// InCategory returns the guides of a category, sorted by id.
func (l *Library) InCategory(cat string) []*Guide {
	var out []*Guide
	for _, g := range l.guides {
		if g.Category == cat {
			out = append(out, g)
		}
	}
	return out
}

// UsedCategories returns the categories that hold at least one guide, in
// display order.
func (l *Library) UsedCategories() []Category {
	var out []Category
	for _, c := range Categories() {
		if len(l.InCategory(c.ID)) > 0 {
			out = append(out, c)
		}
	}
	return out
}
