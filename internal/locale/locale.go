// Package locale provides the interface languages: their names in their own
// script, their direction, and localized messages loaded from go-i18n files.
// A missing message never panics: it is logged and the French text is used.
package locale

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Reference is the language every message exists in.
const Reference = "fr"

// Language is a language a visitor can choose.
type Language struct {
	Code string // ISO 639-1: "fr", "ar"…
	Name string // its name written in itself: "Français", "العربية"
	RTL  bool   // written right to left
}

// Known returns every language the program knows, in the order shown on the
// welcome screen. Only those with a message file are offered.
//
// Messages come in two sets: active.<lang>.toml holds what visitors read
// (complete in every language), staff.<lang>.toml what staff read (French
// and English).
func Known() []Language {
	return []Language{
		{Code: "fr", Name: "Français"},
		{Code: "en", Name: "English"},
		{Code: "ar", Name: "العربية", RTL: true},
		{Code: "es", Name: "Español"},
		{Code: "pt", Name: "Português"},
		{Code: "tr", Name: "Türkçe"},
		{Code: "uk", Name: "Українська"},
	}
}

// Catalog holds the messages of every language. French is read by Load;
// each other language when it is first asked for (For, MessageIDs): the
// kiosk starts in one language and most visits stay in it, so the start
// does not parse the six others (about two thirds of the files).
type Catalog struct {
	fsys  fs.FS
	langs []Language
	log   *slog.Logger
	ref   []*i18n.Message // French, the visitors' and the staff's: every language's fallback
	refID map[string]bool // the visitors' French messages
	mu    sync.Mutex
	read  map[string]*messages // lang → its messages, once read
	// easternArabic: Arabic numbers in Eastern Arabic digits (٠١٢٣), a
	// centre's choice in the settings; 0–9 otherwise.
	easternArabic atomic.Bool
}

// messages are one language's messages over French.
type messages struct {
	bundle *i18n.Bundle
	ids    map[string]bool // the language's own visitor messages
}

// SetEasternArabicDigits chooses the digits of Arabic numbers for the
// translators made from now on: Eastern Arabic (٠١٢٣) or 0–9 (default).
func (c *Catalog) SetEasternArabicDigits(on bool) { c.easternArabic.Store(on) }

// Load reads the French messages in fsys (active.fr.toml, required, and
// staff.fr.toml) and notes which other languages have an
// active.<lang>.toml. A file that cannot be parsed is an error for French;
// for another language it is logged when the language is first used, and
// its screens are in French.
func Load(fsys fs.FS, log *slog.Logger) (*Catalog, error) {
	if log == nil {
		log = slog.Default()
	}
	c := &Catalog{fsys: fsys, log: log, read: map[string]*messages{}}
	active, staff, err := parseLang(fsys, Reference)
	if err != nil {
		return nil, err
	}
	if active == nil {
		return nil, fmt.Errorf("locale: the French messages active.fr.toml cannot be read")
	}
	c.refID = ids(active)
	c.ref = append(slices.Clone(active), staff...)
	for _, l := range Known() {
		if l.Code == Reference {
			c.langs = append(c.langs, l)
		} else if _, err := fs.Stat(fsys, "active."+l.Code+".toml"); err == nil {
			c.langs = append(c.langs, l)
		}
	}
	return c, nil
}

// parseLang parses a language's visitor and staff messages; a file that
// does not exist gives none.
func parseLang(fsys fs.FS, code string) (active, staff []*i18n.Message, err error) {
	unmarshal := map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal}
	for _, f := range []struct {
		name string
		into *[]*i18n.Message
	}{{"active." + code + ".toml", &active}, {"staff." + code + ".toml", &staff}} {
		data, err := fs.ReadFile(fsys, f.name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, fmt.Errorf("locale: %s cannot be read: %w", f.name, err)
		}
		mf, err := i18n.ParseMessageFileBytes(data, path.Base(f.name), unmarshal)
		if err != nil {
			return nil, nil, fmt.Errorf("locale: %s: %w", f.name, err)
		}
		*f.into = mf.Messages
	}
	return active, staff, nil
}

func ids(ms []*i18n.Message) map[string]bool {
	out := make(map[string]bool, len(ms))
	for _, m := range ms {
		out[m.ID] = true
	}
	return out
}

// messagesOf returns a language's messages, reading them the first time.
// Safe for concurrent use.
func (c *Catalog) messagesOf(code string) *messages {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.read[code]; ok {
		return m
	}
	b := i18n.NewBundle(language.French)
	m := &messages{bundle: b, ids: c.refID}
	if err := b.AddMessages(language.French, c.ref...); err != nil {
		c.log.Error("locale: the French messages", "err", err)
	}
	if code != Reference {
		m.ids = map[string]bool{}
		active, staff, err := parseLang(c.fsys, code)
		if err == nil {
			// Staff messages (mediator space, guide checker…) exist in
			// French and English; other languages fall back to French.
			err = b.AddMessages(language.Make(code), append(active, staff...)...)
		}
		if err != nil {
			c.log.Error("locale: this language's messages cannot be used; French is shown", "lang", code, "err", err)
		} else {
			m.ids = ids(active)
		}
	}
	c.read[code] = m
	return m
}

// Languages returns the languages that have messages, in display order.
func (c *Catalog) Languages() []Language { return c.langs }

// Language returns the language with that code, or French.
func (c *Catalog) Language(code string) Language {
	for _, l := range c.langs {
		if l.Code == code {
			return l
		}
	}
	return Known()[0]
}

// MessageIDs returns the ids of the visitor messages of one language.
func (c *Catalog) MessageIDs(lang string) map[string]bool {
	if c.Language(lang).Code != lang {
		return nil
	}
	return c.messagesOf(lang).ids
}

// For returns a translator for one language. A language without messages
// gets the French translator, so that text, numbers and direction agree.
func (c *Catalog) For(lang string) *Tr {
	l := c.Language(lang)
	return &Tr{c: c, lang: l, loc: i18n.NewLocalizer(c.messagesOf(l.Code).bundle, l.Code, Reference),
		p: message.NewPrinter(numbering(l.Code, c.easternArabic.Load()))}
}

// numbering is the language whose digits numbers are written in: Arabic
// with 0–9, the digits of the French official sites and of most Maghrebi
// readers (Eastern Arabic digits confuse a visitor who must type the same
// number on the site) unless the centre chose Eastern Arabic digits; the
// others as their language writes them.
func numbering(code string, eastern bool) language.Tag {
	if code == "ar" && !eastern {
		return language.Make("ar-u-nu-latn")
	}
	return language.Make(code)
}

// Tr translates messages into one language.
type Tr struct {
	c    *Catalog
	lang Language
	loc  *i18n.Localizer
	p    *message.Printer
}

// Number writes n the way the language writes numbers.
func (t *Tr) Number(n int) string { return t.p.Sprintf("%d", n) }

// Lang returns the language of this translator.
func (t *Tr) Lang() Language { return t.lang }

// T returns the message id, filled with data (key, value pairs). A message
// missing in the language falls back to French; a message missing
// everywhere is logged and its id is returned, so a screen never breaks.
func (t *Tr) T(id string, kv ...any) string {
	return t.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data(kv)})
}

// N is T for a message with plural forms, chosen by count; {{.Count}} holds it.
func (t *Tr) N(id string, count int, kv ...any) string {
	d := data(kv)
	d["Count"] = count
	return t.localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: d})
}

func (t *Tr) localize(cfg *i18n.LocalizeConfig) string {
	s, tag, err := t.loc.LocalizeWithTag(cfg)
	if err != nil || s == "" {
		t.c.log.Warn("missing message", "id", cfg.MessageID, "lang", t.lang.Code, "err", err)
		if s == "" {
			return cfg.MessageID
		}
	} else if base, _ := tag.Base(); base.String() != t.lang.Code && t.lang.Code != Reference {
		t.c.log.Debug("message shown in fallback language", "id", cfg.MessageID, "lang", t.lang.Code)
	}
	return s
}

func data(kv []any) map[string]any {
	d := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		d[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return d
}

// Missing returns, for each loaded language, the message ids that French has
// and it lacks.
func (c *Catalog) Missing() map[string][]string {
	out := map[string][]string{}
	for _, l := range c.langs {
		own := c.MessageIDs(l.Code)
		for id := range c.refID {
			if !own[id] {
				out[l.Code] = append(out[l.Code], id)
			}
		}
	}
	return out
}
