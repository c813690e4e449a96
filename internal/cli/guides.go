package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pasapas/assets"
	"pasapas/internal/datadir"
	"pasapas/internal/glossary"
	"pasapas/internal/guide"
	"pasapas/internal/locale"
	"pasapas/locales"
)

const (
	guidesCheckUsage = "guides check [--lang fr|en] [--host HOST]… [--replace ID]… [DIR]   check guide files (the built-in library when DIR is omitted)"
	guidesNewUsage   = "guides new [--data DIR] ID   write a commented template guide <data>/guides/ID.fr.toml"
)

// listFlag is a flag that can be given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// checkOptions are the options the kiosk checks guides with: the real
// glossary, pictograms and plain-language rules, today's date.
func checkOptions() (guide.Options, []guide.Problem, error) {
	gl, ps := glossary.Load(assets.Files(), "glossary", "assets/glossary")
	pictos, err := guide.PictogramsIn(assets.Files(), "pictograms")
	if err != nil {
		return guide.Options{}, nil, fmt.Errorf("list the pictograms: %w", err)
	}
	return guide.Options{Today: time.Now(), Terms: gl.Has, Plain: guide.DefaultPlainRules(), Pictograms: pictos}, ps, nil
}

// builtinSource is the library embedded in the program.
func builtinSource() guide.Source {
	return guide.Source{FS: assets.Files(), Dir: "guides", Name: "assets/guides", Builtin: true}
}

// guidesCheck validates guide files and prints every problem as
// "file:line: level: message":
//
//	pasapasctl guides check [--lang fr|en] [--host HOST]… [--replace ID]… [DIR]
//
// Without DIR it checks the built-in library. With DIR, a centre's folder,
// it checks it as the kiosk would load it beside the built-in guides:
// --host adds an official site as the settings do (*.mairie-exemple.fr),
// --replace allows a centre guide to replace the built-in guide ID. --lang
// writes the messages in French or English (English by default, the
// language of editors and CI). Errors give status 1; warnings alone give 0.
func guidesCheck(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("pasapasctl guides check", flag.ContinueOnError)
	flags.SetOutput(stderr)
	lang := flags.String("lang", "", "language of the messages: fr or en (default: English)")
	var hosts, replace listFlag
	flags.Var(&hosts, "host", "an official site the settings add, e.g. *.mairie-exemple.fr (repeatable)")
	flags.Var(&replace, "replace", "id of a built-in guide the centre may replace (repeatable)")
	flags.Usage = func() { fmt.Fprint(stderr, usageText()) }
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() > 1 || (*lang != "" && *lang != "fr" && *lang != "en") {
		fmt.Fprint(stderr, usageText())
		return 2
	}
	var tr guide.Translator
	if *lang != "" {
		cat, err := locale.Load(locales.Files(), slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelError})))
		if err != nil {
			fmt.Fprintf(stderr, "pasapasctl: %v\n", err)
			return 1
		}
		tr = cat.For(*lang)
	}
	opts, ps, err := checkOptions()
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl: %v\n", err)
		return 1
	}
	opts.ExtraHosts, opts.Overrides = hosts, replace
	var lib *guide.Library
	var gps []guide.Problem
	loaded := 0
	if flags.NArg() == 0 {
		lib, gps = guide.Load(opts, builtinSource())
		loaded = len(lib.Guides())
	} else {
		dir := flags.Arg(0)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "pasapasctl: %s is not a readable folder\n", guide.Escape(dir))
			return 1
		}
		// The built-in guides are loaded first, as the kiosk does, so that a
		// centre guide with a built-in guide's id is judged; only the
		// folder's problems and guides are counted.
		builtin, _ := guide.Load(opts, builtinSource())
		lib, gps = builtin.Add(opts, guide.Folder(dir))
		for _, g := range lib.Guides() {
			if !g.Builtin {
				loaded++
			}
		}
	}
	ps = append(ps, gps...)
	errs, warns := 0, 0
	for _, p := range ps {
		fmt.Fprintln(stdout, p.Format(tr))
		if p.Level == guide.Error {
			errs++
		} else {
			warns++
		}
	}
	if tr != nil {
		fmt.Fprintln(stdout, tr.T("guide.check.summary", "Loaded", loaded, "Errors", errs, "Warnings", warns))
	} else {
		fmt.Fprintf(stdout, "%d guides loaded, %d errors, %d warnings\n", loaded, errs, warns)
	}
	if errs > 0 {
		return 1
	}
	return 0
}

// guidesNew writes a commented template of a guide in the centre's guides
// folder, then checks it:
//
//	pasapasctl guides new [--data DIR] ID
//
// The template is a valid guide whose texts say TODO: the check gives one
// warning per text to write and no error. An existing file is never
// overwritten, and the id of a built-in guide is refused (a centre guide
// cannot replace it unless the coordinator allows it). Status 0 when
// written, 1 when refused or on a write error, 2 on a usage error.
func guidesNew(args []string, stdout, stderr io.Writer) int {
	flags, dataFlag := commandFlags("pasapasctl guides new", stderr)
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: pasapasctl "+guidesNewUsage)
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if flags.NArg() != 1 || !guide.ValidID(flags.Arg(0)) {
		fmt.Fprintf(stderr, "pasapasctl guides new: give one id of lower-case letters, digits and dashes (at most %d), e.g. carte-de-bus\n", guide.MaxIDLength)
		flags.Usage()
		return 2
	}
	id := flags.Arg(0)
	if _, err := fs.Stat(assets.Files(), "guides/"+id+".fr.toml"); err == nil {
		fmt.Fprintf(stderr, "pasapasctl: %s is the id of a built-in guide: choose another id (a centre guide replaces a built-in one only when the coordinator allows it in the settings)\n", id)
		return 1
	}
	dir, err := datadir.Resolve(*dataFlag, os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl: %v\n", err)
		return 1
	}
	if err := datadir.Create(dir); err != nil {
		fmt.Fprintf(stderr, "pasapasctl: %v\n", err)
		return 1
	}
	guides := filepath.Join(dir, "guides")
	path := filepath.Join(guides, id+".fr.toml")
	if err := writeNew(path, guideTemplate(id, time.Now())); err != nil {
		fmt.Fprintf(stderr, "pasapasctl: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s\nreplace each TODO, then check the folder: pasapasctl guides check %s\n", guide.Escape(path), guide.Escape(guides))
	opts, _, err := checkOptions()
	if err != nil {
		fmt.Fprintf(stderr, "pasapasctl: %v\n", err)
		return 1
	}
	builtin, _ := guide.Load(opts, builtinSource())
	_, ps := builtin.Add(opts, guide.Folder(guides))
	for _, p := range ps {
		if strings.HasSuffix(p.File, "/"+id+".fr.toml") {
			fmt.Fprintln(stdout, p.String())
		}
	}
	return 0
}

// writeNew writes data to a file that must not exist yet, readable by the
// user only like the rest of the data folder.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s exists already: it is left as it is", guide.Escape(path))
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		return errors.Join(err, f.Close(), os.Remove(path))
	}
	if err := f.Close(); err != nil {
		return errors.Join(err, os.Remove(path))
	}
	return nil
}

// guideTemplate returns the template of the guide id, checked today: a
// valid French reference file, commented line by line in French (the
// language of the centres that write guides), whose texts say TODO.
func guideTemplate(id string, today time.Time) []byte {
	var cats []string
	for _, c := range guide.Categories() {
		cats = append(cats, c.ID)
	}
	var pictos []string
	if entries, err := fs.ReadDir(assets.Files(), "pictograms"); err == nil {
		for _, e := range entries {
			if name, ok := strings.CutSuffix(e.Name(), ".svg"); ok {
				pictos = append(pictos, name)
			}
		}
	}
	return fmt.Appendf(nil, `# Guide %[1]q du centre, en français : le fichier de référence.
# Remplacez chaque TODO, puis vérifiez le dossier : pasapasctl guides check DOSSIER
# Une traduction s'appelle %[1]s.<langue>.toml (en, ar, es, pt, tr, uk) :
# mêmes identifiants, seulement les textes (ni category, ni url, ni checked).
#
# Règles : une idée par phrase, 15 mots au plus ; 1 à %[2]d phrases par étape ;
# %[3]d étapes au plus ; un titre fait %[4]d caractères au plus, une phrase %[5]d.
# Un mot difficile se marque pour le glossaire : {mot de passe}.
# Identifiants (id) : minuscules sans accent, chiffres et tirets.
id = %[1]q

# Catégorie : %[6]s.
category = "papiers"

# Pictogramme : %[7]s.
pictogram = "papiers"

# Le site officiel : https://, sans port ni nom avant @, et sur la liste des
# sites officiels (*.gouv.fr, ameli.fr, caf.fr, francetravail.fr…). Le site de
# votre mairie ? Un coordinateur l'ajoute dans les réglages.
url = "https://www.service-public.gouv.fr"

# Le jour où vous avez vérifié les informations sur le site (année-mois-jour).
checked = %[8]s

title = "TODO : le titre, par exemple Demander une carte de bus"
summary = "TODO : à quoi sert ce guide, en une phrase."
keywords = ["TODO"]

# Ce qu'il faut préparer avant de commencer ; missing dit quoi faire sans.
[[checklist]]
id = "piece-identite"
pictogram = "papiers"
text = "TODO : ce qu'il faut avoir, par exemple votre pièce d'identité."
missing = "TODO : quoi faire si on ne l'a pas."

# Les étapes, une par écran ; site = true montre le bouton Ouvrir le site.
[[steps]]
id = "ouvrir"
pictogram = "navigateur"
site = true
title = "Ouvrez le site"
text = ["Cliquez sur le bouton « Ouvrir le site ».", "TODO : ce que la personne voit alors."]

[[steps]]
id = "etape-2"
pictogram = "clavier"
title = "TODO : le titre de l'étape"
text = ["TODO : une phrase courte."]

# Un piège connu ; step = "etape-2" l'affiche sur cette étape.
[[attention]]
id = "piege"
step = "etape-2"
text = "TODO : un piège à éviter."

# Ce qu'il faut garder à la fin.
[[keep]]
id = "numero"
pictogram = "document"
text = "TODO : ce qu'il faut garder, par exemple le numéro de la demande."
`, id, guide.MaxSentences, guide.MaxSteps, guide.MaxTitleRunes, guide.MaxTextRunes,
		strings.Join(cats, ", "), strings.Join(pictos, ", "), today.Format("2006-01-02"))
}
