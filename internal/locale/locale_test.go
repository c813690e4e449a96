package locale_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"log/slog"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"pasapas/internal/locale"
	"pasapas/locales"
)

// messageFiles parses every active.<lang>.toml of fsys.
func messageFiles(t *testing.T, fsys fs.FS) map[string][]*i18n.Message {
	t.Helper()
	return setFiles(t, fsys, "active")
}

// setFiles parses every <set>.<lang>.toml of fsys.
func setFiles(t *testing.T, fsys fs.FS, set string) map[string][]*i18n.Message {
	t.Helper()
	names, err := fs.Glob(fsys, set+".*.toml")
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Glob", err)
	}
	out := map[string][]*i18n.Message{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "ReadFile "+name, err)
		}
		mf, err := i18n.ParseMessageFileBytes(data, name, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "parse "+name, err)
		}
		lang := strings.TrimSuffix(strings.TrimPrefix(name, set+"."), ".toml")
		out[lang] = mf.Messages
	}
	if len(out[locale.Reference]) == 0 {
		t.Fatalf("Got(%q) = no messages, want the French reference", "active.fr.toml")
	}
	return out
}

// missingIDs returns, for each language, the sorted ids French has and it lacks.
func missingIDs(files map[string][]*i18n.Message) map[string][]string {
	out := map[string][]string{}
	for lang, msgs := range files {
		has := map[string]bool{}
		for _, m := range msgs {
			has[m.ID] = true
		}
		missing := []string{}
		for _, m := range files[locale.Reference] {
			if !has[m.ID] {
				missing = append(missing, m.ID)
			}
		}
		sort.Strings(missing)
		out[lang] = missing
	}
	return out
}

// TestLocales_Complete is the test that fails on a missing translation:
// every message of active.fr.toml must exist in every other file.
func TestLocales_Complete(t *testing.T) {
	// The check finds what a small catalog lacks.
	if got := missingIDs(messageFiles(t, testCatalog)); !slices.Equal(got["en"], []string{"only.fr"}) {
		t.Errorf("Got(%q) = %v, want %v", "missingIDs(testCatalog)", got, []string{"only.fr"})
	}

	files := messageFiles(t, locales.Files())
	if len(files) < 2 {
		t.Errorf("Got(%q) = %d files, want French and at least one translation", "locales", len(files))
	}
	for lang, missing := range missingIDs(files) {
		t.Run(lang, func(t *testing.T) {
			if len(missing) > 0 {
				t.Errorf("Got(%q) = %d missing messages, want 0: %s", "active."+lang+".toml", len(missing), strings.Join(missing, ", "))
			}
		})
	}
}

// TestLocales_StaffComplete: staff messages exist in French and English,
// with the same fields.
func TestLocales_StaffComplete(t *testing.T) {
	files := setFiles(t, locales.Files(), "staff")
	if _, ok := files["en"]; !ok {
		t.Fatal("no staff.en.toml")
	}
	if missing := missingIDs(files)["en"]; len(missing) > 0 {
		t.Errorf("Got(%q) = %d missing messages, want 0: %s", "staff.en.toml", len(missing), strings.Join(missing, ", "))
	}
	visitor := messageFiles(t, locales.Files())[locale.Reference]
	ids := map[string]bool{}
	for _, m := range visitor {
		ids[m.ID] = true
	}
	for _, m := range files[locale.Reference] {
		if ids[m.ID] {
			t.Errorf("Got(%q) = in both message sets, want one", m.ID)
		}
	}
}

// TestLocales_KnownLanguages checks that every message file is for a
// language of Known(), since Load ignores the others.
func TestLocales_KnownLanguages(t *testing.T) {
	known := map[string]bool{}
	for _, l := range locale.Known() {
		known[l.Code] = true
	}
	for lang := range messageFiles(t, locales.Files()) {
		if !known[lang] {
			t.Errorf("Got(%q) = not in locale.Known(), want a known language", "active."+lang+".toml")
		}
	}
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// placeholders returns the template fields a message uses, in any form.
func placeholders(m *i18n.Message) []string {
	set := map[string]bool{}
	for _, s := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		for _, sub := range placeholder.FindAllStringSubmatch(s, -1) {
			set[sub[1]] = true
		}
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestLocales_Placeholders checks that translations fill in the same fields
// as the French message: {{.Minutes}} must not become {{.Minutos}}.
func TestLocales_Placeholders(t *testing.T) {
	files := messageFiles(t, locales.Files())
	fr := map[string][]string{}
	for _, m := range files[locale.Reference] {
		fr[m.ID] = placeholders(m)
	}
	for lang, msgs := range files {
		t.Run(lang, func(t *testing.T) {
			for _, m := range msgs {
				want, ok := fr[m.ID]
				if !ok {
					continue
				}
				if got := placeholders(m); !slices.Equal(got, want) {
					t.Errorf("Got(%q) = %v, want %v", lang+" "+m.ID, got, want)
				}
			}
		})
	}
}

// testCatalog is a small catalog: French has every message, English lacks one.
var testCatalog = fstest.MapFS{
	"active.fr.toml": {Data: []byte(`
"greet" = "Bonjour {{.Name}}"
"only.fr" = "Seulement en français"

["items"]
one = "{{.Count}} objet"
other = "{{.Count}} objets"
`)},
	"active.en.toml": {Data: []byte(`
"greet" = "Hello {{.Name}}"

["items"]
one = "{{.Count}} item"
other = "{{.Count}} items"
`)},
}

func loadTest(t *testing.T, fsys fs.FS) (*locale.Catalog, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	c, err := locale.Load(fsys, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Load", err)
	}
	return c, &logs
}

func TestCatalog_Load(t *testing.T) {
	for _, tc := range []struct {
		name      string
		fsys      fs.FS
		wantErr   string
		wantLangs []string
	}{
		{"embedded locales", locales.Files(), "", nil},
		{"French and English", testCatalog, "", []string{"fr", "en"}},
		{"no French", fstest.MapFS{"active.en.toml": {Data: []byte(`"a" = "A"`)}}, "active.fr.toml", nil},
		{"broken French file", fstest.MapFS{"active.fr.toml": {Data: []byte(`"a" = `)}}, "active.fr.toml", nil},
		{"unknown language ignored", fstest.MapFS{
			"active.fr.toml": {Data: []byte(`"a" = "A"`)},
			"active.xx.toml": {Data: []byte(`"a" = "X"`)},
		}, "", []string{"fr"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := locale.Load(tc.fsys, slog.New(slog.DiscardHandler))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("Got(%q) = %v, want an error naming %s", "Load", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "Load", err)
			}
			var codes []string
			for _, l := range c.Languages() {
				codes = append(codes, l.Code)
			}
			if codes[0] != locale.Reference {
				t.Errorf("Got(%q) = %v, want French first", "Languages()", codes)
			}
			if tc.wantLangs != nil && !slices.Equal(codes, tc.wantLangs) {
				t.Errorf("Got(%q) = %v, want %v", "Languages()", codes, tc.wantLangs)
			}
		})
	}
}

// Languages other than French are read when first used: a broken file
// is named in the log then, and that language's screens are in French.
func TestCatalog_BrokenLanguageFallsBackToFrench(t *testing.T) {
	c, logs := loadTest(t, fstest.MapFS{
		"active.fr.toml": {Data: []byte(`"a" = "A"`)},
		"active.es.toml": {Data: []byte(`"a" = `)},
		"active.en.toml": {Data: []byte(`"a" = "A in English"`)},
	})
	if logs.Len() != 0 {
		t.Errorf("Load read the other languages: %s", logs)
	}
	if got := c.For("es").T("a"); got != "A" {
		t.Errorf("For(es).T(a) = %q, want the French %q", got, "A")
	}
	if !strings.Contains(logs.String(), "active.es.toml") {
		t.Errorf("the log does not name the broken file:\n%s", logs)
	}
	if got := c.For("en").T("a"); got != "A in English" {
		t.Errorf("For(en).T(a) = %q, want %q", got, "A in English")
	}
}

func TestCatalog_Missing(t *testing.T) {
	c, _ := loadTest(t, testCatalog)
	got := c.Missing()
	if len(got) != 1 || !slices.Equal(got["en"], []string{"only.fr"}) {
		t.Errorf("Got(%q) = %v, want %v", "Missing()", got, map[string][]string{"en": {"only.fr"}})
	}
}

func TestTr_T(t *testing.T) {
	c, logs := loadTest(t, testCatalog)
	for _, tc := range []struct {
		lang, id string
		kv       []any
		want     string
		wantLog  string
	}{
		{"fr", "greet", []any{"Name", "Léa"}, "Bonjour Léa", ""},
		{"en", "greet", []any{"Name", "Léa"}, "Hello Léa", ""},
		{"en", "only.fr", nil, "Seulement en français", ""},
		{"xx", "greet", []any{"Name", "Léa"}, "Bonjour Léa", ""},
		{"fr", "no.such.message", nil, "no.such.message", "id=no.such.message"},
		{"en", "no.such.message", nil, "no.such.message", "id=no.such.message"},
		{"en", "greet", []any{"Name"}, "Hello <no value>", ""}, // odd pairs: no panic
		{"en", "", nil, "", "missing message"},
	} {
		t.Run(tc.lang+"/"+tc.id, func(t *testing.T) {
			logs.Reset()
			if got := c.For(tc.lang).T(tc.id, tc.kv...); got != tc.want {
				t.Errorf("Got(%q) = %q, want %q", tc.lang+" T("+tc.id+")", got, tc.want)
			}
			if tc.wantLog != "" && !strings.Contains(logs.String(), tc.wantLog) {
				t.Errorf("Got(%q) = %q, want it to contain %q", "log", logs.String(), tc.wantLog)
			}
		})
	}
}

func TestTr_N(t *testing.T) {
	test, _ := loadTest(t, testCatalog)
	real, _ := loadTest(t, locales.Files())
	for _, tc := range []struct {
		catalog *locale.Catalog
		lang    string
		id      string
		count   int
		want    string
	}{
		{test, "fr", "items", 0, "0 objet"},
		{test, "fr", "items", 1, "1 objet"},
		{test, "fr", "items", 2, "2 objets"},
		{test, "en", "items", 0, "0 items"},
		{test, "en", "items", 1, "1 item"},
		{test, "en", "items", 2, "2 items"},
		{test, "en", "no.such.message", 2, "no.such.message"},
		{real, "fr", "kiosk.idle.countdown", 0, "Tout s'efface dans 0 seconde."},
		{real, "fr", "kiosk.idle.countdown", 1, "Tout s'efface dans 1 seconde."},
		{real, "fr", "kiosk.idle.countdown", 60, "Tout s'efface dans 60 secondes."},
		{real, "en", "kiosk.idle.countdown", 0, "Everything will be erased in 0 seconds."},
		{real, "en", "kiosk.idle.countdown", 1, "Everything will be erased in 1 second."},
		{real, "en", "kiosk.idle.countdown", 60, "Everything will be erased in 60 seconds."},
	} {
		t.Run(tc.lang+"/"+tc.id, func(t *testing.T) {
			if got := tc.catalog.For(tc.lang).N(tc.id, tc.count); got != tc.want {
				t.Errorf("Got(%q) = %q, want %q", fmt.Sprintf("%s N(%s, %d)", tc.lang, tc.id, tc.count), got, tc.want)
			}
		})
	}
}

func TestTr_Number(t *testing.T) {
	c, _ := loadTest(t, fstest.MapFS{
		"active.fr.toml": {Data: []byte(`"a" = "A"`)},
		"active.en.toml": {Data: []byte(`"a" = "A"`)},
		"active.ar.toml": {Data: []byte(`"a" = "A"`)},
		"active.es.toml": {Data: []byte(`"a" = "A"`)},
		"active.uk.toml": {Data: []byte(`"a" = "A"`)},
	})
	for _, tc := range []struct {
		lang string
		n    int
		want []string // any of these
	}{
		{"fr", 7, []string{"7"}},
		{"fr", 1234567, []string{"1\u00a0234\u00a0567", "1\u202f234\u202f567"}},
		{"en", 1234567, []string{"1,234,567"}},
		{"es", 1234567, []string{"1.234.567"}},
		{"uk", 1234567, []string{"1\u00a0234\u00a0567", "1\u202f234\u202f567"}},
		{"ar", 7, []string{"٧", "7"}},
		{"ar", 1234567, []string{"١٬٢٣٤٬٥٦٧", "1,234,567"}},
		{"pt", 1234567, []string{"1\u00a0234\u00a0567", "1\u202f234\u202f567"}}, // no pt file: French
	} {
		t.Run(tc.lang, func(t *testing.T) {
			if got := c.For(tc.lang).Number(tc.n); !slices.Contains(tc.want, got) {
				t.Errorf("Got(%q) = %q, want one of %q", tc.lang+" Number", got, tc.want)
			}
		})
	}
}

func TestTr_Lang(t *testing.T) {
	c, _ := loadTest(t, fstest.MapFS{
		"active.fr.toml": {Data: []byte(`"a" = "A"`)},
		"active.ar.toml": {Data: []byte(`"a" = "أ"`)},
	})
	for _, tc := range []struct {
		lang     string
		wantCode string
		wantRTL  bool
	}{
		{"fr", "fr", false},
		{"ar", "ar", true},
		{"en", "fr", false}, // known, but no file
		{"zz", "fr", false},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			l := c.For(tc.lang).Lang()
			if l.Code != tc.wantCode || l.RTL != tc.wantRTL {
				t.Errorf("Got(%q) = %+v, want code %q, RTL %v", "For("+tc.lang+").Lang()", l, tc.wantCode, tc.wantRTL)
			}
		})
	}
}

func TestLocale_Known(t *testing.T) {
	want := []struct {
		code   string
		name   string
		script *unicode.RangeTable
		rtl    bool
	}{
		{"fr", "Français", unicode.Latin, false},
		{"en", "English", unicode.Latin, false},
		{"ar", "العربية", unicode.Arabic, true},
		{"es", "Español", unicode.Latin, false},
		{"pt", "Português", unicode.Latin, false},
		{"tr", "Türkçe", unicode.Latin, false},
		{"uk", "Українська", unicode.Cyrillic, false},
	}
	known := locale.Known()
	if len(known) != len(want) {
		t.Errorf("Got(%q) = %d languages, want %d", "len(Known())", len(known), len(want))
	}
	if known[0].Code != locale.Reference {
		t.Errorf("Got(%q) = %q, want %q", "Known()[0]", known[0].Code, locale.Reference)
	}
	byCode := map[string]locale.Language{}
	for _, l := range known {
		if _, dup := byCode[l.Code]; dup {
			t.Errorf("Got(%q) = twice, want once", l.Code)
		}
		byCode[l.Code] = l
		if b, err := language.ParseBase(l.Code); err != nil || b.String() != l.Code {
			t.Errorf("Got(%q) = %v, %v, want an ISO 639-1 code", "ParseBase("+l.Code+")", b, err)
		}
	}
	for _, w := range want {
		t.Run(w.code, func(t *testing.T) {
			l, ok := byCode[w.code]
			if !ok {
				t.Fatalf("Got(%q) = absent, want %q", w.code, w.name)
			}
			if l.Name != w.name || l.RTL != w.rtl {
				t.Errorf("Got(%q) = %q RTL %v, want %q RTL %v", w.code, l.Name, l.RTL, w.name, w.rtl)
			}
			for _, r := range l.Name {
				if unicode.IsLetter(r) && !unicode.Is(w.script, r) {
					t.Errorf("Got(%q) = letter %q outside its script, want its own script", l.Name, r)
				}
			}
		})
	}
}

// Arabic counters use 0–9, as the official sites do.
func TestNumber_ArabicUsesLatinDigits(t *testing.T) {
	c, err := locale.Load(locales.Files(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.For("ar").Number(12); got != "12" {
		t.Fatalf("Number(12) in Arabic = %q, want 12", got)
	}
	if got := c.For("fr").Number(3); got != "3" {
		t.Fatalf("Number(3) in French = %q", got)
	}
	c.SetEasternArabicDigits(true) // the centre's choice
	if got := c.For("ar").Number(12); got != "١٢" {
		t.Fatalf("Number(12) in Arabic with Eastern digits = %q, want ١٢", got)
	}
}
