// Package locale provides the interface languages: their names in their own
// script, their direction, and localized messages loaded from go-i18n files.
// A missing message never panics: it is logged and the French text is used.
package locale

import (
	"fmt"
	"io/fs"
	"log/slog"
	"path"
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

// Catalog holds the messages of every loaded language.
type Catalog struct {
	bundle *i18n.Bundle
	langs  []Language
	ids    map[string]map[string]bool // lang → message ids
	log    *slog.Logger
	// easternArabic: Arabic numbers in Eastern Arabic digits (٠١٢٣), a
	// centre's choice in the settings; 0–9 otherwise.
	easternArabic atomic.Bool
}

// SetEasternArabicDigits chooses the digits of Arabic numbers for the
// translators made from now on: Eastern Arabic (٠١٢٣) or 0–9 (default).
func (c *Catalog) SetEasternArabicDigits(on bool) { c.easternArabic.Store(on) }

// Load reads every active.<lang>.toml in fsys. The French file is required.
func Load(fsys fs.FS, log *slog.Logger) (*Catalog, error) {
	if log == nil {
		log = slog.Default()
	}
	b := i18n.NewBundle(language.French)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &Catalog{bundle: b, ids: map[string]map[string]bool{}, log: log}
	for _, l := range Known() {
		name := "active." + l.Code + ".toml"
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			if l.Code == Reference {
				return nil, fmt.Errorf("locale: the French messages %s cannot be read: %w", name, err)
			}
			continue
		}
		mf, err := b.ParseMessageFileBytes(data, path.Base(name))
		if err != nil {
			return nil, fmt.Errorf("locale: %s: %w", name, err)
		}
		ids := map[string]bool{}
		for _, m := range mf.Messages {
			ids[m.ID] = true
		}
		c.ids[l.Code] = ids
		c.langs = append(c.langs, l)
		// Staff messages (mediator space, guide checker…) exist in French
		// and English; other languages fall back to French for them.
		staff := "staff." + l.Code + ".toml"
		if data, err := fs.ReadFile(fsys, staff); err == nil {
			if _, err := b.ParseMessageFileBytes(data, path.Base(staff)); err != nil {
				return nil, fmt.Errorf("locale: %s: %w", staff, err)
			}
		}
	}
	return c, nil
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

// MessageIDs returns the ids of the messages of one language.
func (c *Catalog) MessageIDs(lang string) map[string]bool { return c.ids[lang] }

// For returns a translator for one language. A language without messages
// gets the French translator, so that text, numbers and direction agree.
func (c *Catalog) For(lang string) *Tr {
	l := c.Language(lang)
	return &Tr{c: c, lang: l, loc: i18n.NewLocalizer(c.bundle, l.Code, Reference),
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
		for id := range c.ids[Reference] {
			if !c.ids[l.Code][id] {
				out[l.Code] = append(out[l.Code], id)
			}
		}
	}
	return out
}
