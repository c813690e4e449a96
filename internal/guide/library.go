package guide

import (
	"errors"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strconv"
	"time"

	"pasapas/internal/officialsite"
)

// Source is a folder of guide files: the library embedded in the program,
// or the centre's own folder, whose guides add to the built-in ones.
type Source struct {
	FS      fs.FS
	Dir     string // folder inside FS ("." for its root)
	Name    string // how files are named in problems, e.g. "assets/guides"
	Builtin bool
	// Path, when set, is a folder on disk, read instead of FS and Dir with
	// the strictest rules (see Folder).
	Path string
}

// Folder returns the source of a centre's folder on disk, dir, whose files
// are named dir/<file> in problems. It is read through os.Root: a symbolic
// link is followed only to a regular file inside the folder, nothing but
// regular files is opened (never a named pipe, a device or a socket), and
// at most MaxFileSize bytes are read from a file. Use it rather than an
// os.DirFS, which cannot follow links safely and so never follows them.
func Folder(dir string) Source { return Source{Path: dir, Name: dir} }

// Options tune loading.
type Options struct {
	// Today is the reference for "checked in the future" errors; zero means
	// time.Now().
	Today time.Time
	// Terms says whether a glossary entry exists; nil skips glossary checks.
	Terms func(id string) bool
	// Plain adds the jargon and abbreviation warnings; nil skips them.
	Plain *PlainRules
	// Pictograms says whether a pictogram exists (see PictogramsIn); nil
	// checks only that names are in the safe alphabet of ids.
	Pictograms func(name string) bool
	// ExtraHosts are the official hosts the coordinator added in the
	// settings, e.g. "www.mairie-exemple.fr" or "*.mairie-exemple.fr"
	// (see officialsite.ParseEntry, which the settings screen uses to
	// refuse a bad entry). A bad entry is left out and reported.
	ExtraHosts []string
	// Overrides are the ids of built-in guides that the coordinator allowed
	// the centre's own guide to replace. A centre guide with the id of a
	// built-in guide not listed here is refused.
	Overrides []string
}

// Library is the set of guides that loaded without error.
type Library struct {
	guides []*Guide
	byID   map[string]*Guide
}

// Load reads every source in order, checking every file. A guide that fails
// validation is left out and its problems returned; the others still load.
// A guide of a later source replaces one of an earlier source with the same
// id (a warning, so that a mediator sees which guide is the centre's own),
// except that a built-in guide is replaced only when its id is in
// opts.Overrides: otherwise the centre's guide is refused with an error
// (CodeReplacesBuiltin) on its id line.
func Load(opts Options, sources ...Source) (*Library, []Problem) {
	return (*Library)(nil).Add(opts, sources...)
}

// Add returns a new library: l's guides (l may be nil) and those of
// sources, with the rules of Load. Only the problems of sources (and of
// opts) are returned. l is not changed, so a kiosk can show it while Add
// runs: load the built-in guides first, show the kiosk, then add the
// centre's (see LoadAsync).
func (l *Library) Add(opts Options, sources ...Source) (*Library, []Problem) {
	if opts.Today.IsZero() {
		opts.Today = time.Now()
	}
	list, errs := officialsite.NewFromSettings(opts.ExtraHosts)
	c := checker{today: opts.Today, terms: opts.Terms, plain: opts.Plain, pictograms: opts.Pictograms, sites: list}
	lib := &Library{byID: map[string]*Guide{}}
	if l != nil {
		lib.guides = slices.Clone(l.guides)
		maps.Copy(lib.byID, l.byID)
	}
	var all []Problem
	for _, err := range errs {
		ps := &problems{file: "settings"}
		ps.errorf(0, CodeBadHostEntry, kv("Reason", err.Error()), "official site of the settings left out: %v", err)
		all = append(all, ps.list...)
	}
	for _, src := range sources {
		guides, ps := c.loadSource(src)
		all = append(all, ps...)
		for _, g := range guides {
			if old, ok := lib.byID[g.ID]; ok {
				if old.Builtin && !g.Builtin && !slices.Contains(opts.Overrides, g.ID) {
					ps := &problems{file: g.Source}
					ps.errorf(g.idLine, CodeReplacesBuiltin, kv("ID", g.ID, "Old", old.Source),
						"the built-in guide %q has this id: a centre guide may replace it only when the coordinator allows it in the settings; choose another id", g.ID)
					all = append(all, ps.list...)
					continue
				}
				ps := &problems{file: g.Source}
				ps.warnf(g.idLine, CodeReplaced, kv("ID", g.ID, "Old", old.Source), "replaces the guide %s of %s", g.ID, old.Source)
				all = append(all, ps.list...)
				lib.guides = slices.DeleteFunc(lib.guides, func(o *Guide) bool { return o == old })
			}
			lib.byID[g.ID] = g
			lib.guides = append(lib.guides, g)
		}
	}
	sort.SliceStable(lib.guides, func(i, j int) bool { return lib.guides[i].ID < lib.guides[j].ID })
	SortProblems(all)
	return lib, all
}

// LoadAsync adds sources to base (nil for none) on a new goroutine, as Add
// does, and calls done there with the new library and the problems. It
// returns at once, so that a folder full of hostile files or on a disk
// that no longer answers never holds up the kiosk's first screen:
//
//	lib, ps := guide.Load(opts, builtin)       // a few milliseconds
//	// … show the kiosk with lib …
//	guide.LoadAsync(lib, opts, func(all *guide.Library, ps []guide.Problem) {
//		fyne.Do(func() { /* use all; show ps to the mediator */ })
//	}, guide.Folder(filepath.Join(dataDir, "guides")))
//
// done is called exactly once, unless reading blocks for ever in the
// operating system (a network disk gone): then the kiosk keeps base.
func LoadAsync(base *Library, opts Options, done func(*Library, []Problem), sources ...Source) {
	go func() {
		done(base.Add(opts, sources...))
	}()
}

// loadSource reads one folder: reference files first, then translations.
func (c checker) loadSource(src Source) ([]*Guide, []Problem) {
	var all []Problem
	dir, err := openFolder(src)
	if err != nil {
		ps := &problems{file: src.Name}
		ps.errorf(0, CodeUnreadable, kv("Reason", err.Error()), "cannot read the folder: %v", err)
		return nil, ps.list
	}
	type entry struct {
		name, id, lang string
		typ            fs.FileMode
	}
	byID := map[string][]entry{}
	var ids []string
	files := 0
	for done := false; !done; {
		batch, err := dir.next(256)
		if err != nil && !errors.Is(err, io.EOF) {
			ps := &problems{file: src.Name}
			ps.errorf(0, CodeUnreadable, kv("Reason", err.Error()), "cannot read the folder: %v", err)
			all = append(all, ps.list...)
		}
		done = err != nil || len(batch) == 0
		for _, e := range batch {
			if e.IsDir() || path.Ext(e.Name()) != ".toml" {
				continue
			}
			if files++; files > MaxFiles {
				ps := &problems{file: src.Name}
				ps.errorf(0, CodeTooManyFiles, kv("Max", strconv.Itoa(MaxFiles)), "more than %d guide files: the others are not read", MaxFiles)
				all = append(all, ps.list...)
				done = true
				break
			}
			id, lang, ok := splitName(e.Name())
			if !ok {
				ps := &problems{file: path.Join(src.Name, e.Name())}
				ps.errorf(0, CodeFileName, nil, "file name must be <id>.<language>.toml, e.g. ameli-compte.fr.toml")
				all = append(all, ps.list...)
				continue
			}
			if _, seen := byID[id]; !seen {
				ids = append(ids, id)
			}
			byID[id] = append(byID[id], entry{e.Name(), id, lang, e.Type()})
		}
	}
	sort.Strings(ids)
	var guides []*Guide
	read := 0                         // bytes read from the folder
	pictures := map[string]*Picture{} // read once for the whole folder
	for _, id := range ids {
		if read >= MaxFolderBytes {
			ps := &problems{file: src.Name}
			ps.errorf(0, CodeFolderTooLarge, kv("Max", strconv.Itoa(MaxFolderBytes), "ID", id),
				"more than %d bytes of guide files: the guides from %q on are not read", MaxFolderBytes, id)
			all = append(all, ps.list...)
			break
		}
		files := byID[id]
		sort.Slice(files, func(i, j int) bool { // reference first
			return files[i].lang == Reference || (files[j].lang != Reference && files[i].lang < files[j].lang)
		})
		if files[0].lang != Reference {
			ps := &problems{file: path.Join(src.Name, files[0].name)}
			ps.errorf(0, CodeNoReference, kv("ID", id), "no French file %s.fr.toml: French is required", id)
			all = append(all, ps.list...)
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
			data, err := dir.read(e.name, e.typ)
			read += len(data)
			if err != nil {
				readProblem(err, ps)
			} else if f, ok := parseFile(name, e.lang, data, ps); ok {
				if e.lang == Reference {
					g, usable = c.reference(f, id, ps)
					if g != nil {
						g.Builtin = src.Builtin
						start := len(ps.list)
						read += c.pictures(f, g, dir, pictures, ps)
						usable = usable && !HasErrors(ps.list[start:])
					}
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
	if err := dir.close(); err != nil {
		ps := &problems{file: src.Name}
		ps.warnf(0, CodeUnreadable, kv("Reason", err.Error()), "cannot close the folder: %v", err)
		all = append(all, ps.list...)
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
