package guide

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"pasapas/internal/officialsite"
)

// Limits of the format, from the FALC rules the kiosk follows.
const (
	MaxSentences     = 5  // per step
	MaxSentenceWords = 15 // longer sentences get a warning (see SentenceWords)
	// StaleAfter is how old the checked date of a guide may be before the
	// checker warns that its facts must be checked again on the site.
	StaleAfter = 12 // months
)

// SentenceWords returns the most words a sentence in lang should have:
// MaxSentenceWords, and 12 in Turkish, whose words carry endings that are
// separate words elsewhere ("hesabınıza" is "to your account"): its
// translator found 15 Turkish words as long to read as 20 French ones.
func SentenceWords(lang string) int {
	if lang == "tr" {
		return 12
	}
	return MaxSentenceWords
}

// checker validates guide files against the format and the plain-language
// rules. Terms, when set, says whether a glossary entry exists.
type checker struct {
	today      time.Time
	terms      func(id string) bool
	plain      *PlainRules
	pictograms func(name string) bool
	sites      officialsite.List
}

// reference validates the reference (French) file and builds the guide from
// it. The guide is built even when the file has errors, so that translations
// can still be checked against its structure; ok is false when the file has
// an error and the guide must be left out of the library. A file over the
// limits of the format (MaxSteps…) gives no guide.
func (c checker) reference(f *file, wantID string, ps *problems) (g *Guide, ok bool) {
	start := len(ps.list)
	if !c.limits(f, ps) {
		return nil, false
	}
	c.ids(f, wantID, ps)
	if _, ok := CategoryByID(f.Category); f.Category == "" {
		ps.errorf(f.keyLine("id"), CodeMissingField, kv("Field", "category"), "missing field %q", "category")
	} else if !ok {
		ps.errorf(f.keyLine("category"), CodeUnknownCategory, kv("Category", f.Category), "unknown category %q (known: %s)", f.Category, categoryList())
	}
	host := c.url(f, ps)
	c.checked(f, ps)
	c.pictogramNames(f, ps)
	if len(f.Steps) == 0 {
		ps.errorf(f.keyLine("id"), CodeNoSteps, nil, "the guide has no [[steps]]")
	}
	stepIDs := map[string]bool{}
	for _, s := range f.Steps {
		stepIDs[s.ID] = true
	}
	for i, n := range f.Attention {
		if n.Step != "" && !stepIDs[n.Step] {
			ps.errorf(f.tableKeyLine("attention", i, "step"), CodeUnknownStep, kv("Step", n.Step), "attention note refers to step %q, which does not exist", n.Step)
		}
	}
	c.texts(f, ps)
	c.pictureFields(f, nil, ps)
	g = &Guide{ID: f.ID, Category: f.Category, Pictogram: f.Pictogram, URL: f.URL, Source: f.name,
		host: host, idLine: f.keyLine("id")}
	if e, ok := c.sites.Lookup(host); ok {
		g.domain = e.Domain
	}
	if f.Checked != nil {
		g.Checked = *f.Checked
	}
	for _, it := range f.Checklist {
		g.Checklist = append(g.Checklist, Item{ID: it.ID, Pictogram: it.Pictogram})
	}
	for _, s := range f.Steps {
		g.Steps = append(g.Steps, Step{ID: s.ID, Pictogram: s.Pictogram, OpenSite: s.Site, pictureName: s.Picture})
	}
	for _, n := range f.Attention {
		g.Attention = append(g.Attention, Note{ID: n.ID, Step: n.Step})
	}
	for _, k := range f.Keep {
		g.Keep = append(g.Keep, Item{ID: k.ID, Pictogram: k.Pictogram})
	}
	g.texts = map[string]*texts{Reference: textsOf(f)}
	return g, !HasErrors(ps.list[start:])
}

// translation validates a translation file of the guide id and, when the
// reference structure g is known, compares its ids with it and adds its texts
// to g if it has no error. g is nil when the French file is missing or cannot
// be read: the translation's own problems are still reported.
func (c checker) translation(g *Guide, id string, f *file, ps *problems) {
	start := len(ps.list)
	if !c.limits(f, ps) {
		return
	}
	c.ids(f, id, ps)
	for _, k := range []string{"category", "url", "checked", "pictogram"} {
		if line := f.keyLine(k); line > 0 {
			ps.warnf(line, CodeStructureInTrans, kv("Field", k), "%q belongs in the French file; it is ignored here", k)
		}
	}
	c.texts(f, ps)
	c.pictureFields(f, g, ps)
	if g == nil {
		return
	}
	c.sameIDs(f, "checklist", idsOfItems(f.Checklist), idsOfItems(itemsOf(g.Checklist)), ps)
	c.sameIDs(f, "steps", idsOfSteps(f.Steps), stepIDsOf(g), ps)
	c.sameIDs(f, "attention", idsOfItems(f.Attention), noteIDsOf(g), ps)
	c.sameIDs(f, "keep", idsOfItems(f.Keep), idsOfItems(itemsOf(g.Keep)), ps)
	if !HasErrors(ps.list[start:]) {
		g.texts[f.lang] = textsOf(f)
	}
}

// limits checks the counts of the format before anything else is checked:
// steps, entries of each table, keywords, sentences of a step. It returns
// false when one is exceeded: the file is not checked further.
func (c checker) limits(f *file, ps *problems) bool {
	ok := true
	for _, t := range []struct {
		name string
		n    int
		max  int
	}{
		{"steps", len(f.Steps), MaxSteps},
		{"checklist", len(f.Checklist), MaxItems},
		{"attention", len(f.Attention), MaxItems},
		{"keep", len(f.Keep), MaxItems},
	} {
		if t.n > t.max {
			line := f.tableLine(t.name, t.max)
			if line == 0 {
				line = f.keyLine(t.name)
			}
			ps.errorf(line, CodeTooMany, kv("Table", t.name, "Count", strconv.Itoa(t.n), "Max", strconv.Itoa(t.max)),
				"%d [[%s]] (at most %d)", t.n, t.name, t.max)
			ok = false
		}
	}
	if n := len(f.Keywords); n > MaxKeywords {
		ps.errorf(f.keyLine("keywords"), CodeTooMany, kv("Table", "keywords", "Count", strconv.Itoa(n), "Max", strconv.Itoa(MaxKeywords)),
			"%d keywords (at most %d)", n, MaxKeywords)
		ok = false
	}
	if ok {
		for i, s := range f.Steps {
			if n := len(s.Text); n > MaxSentences {
				ps.errorf(f.tableKeyLine("steps", i, "text"), CodeSentenceCount, kv("Step", Escape(truncate(s.ID, MaxIDLength)), "Count", strconv.Itoa(n)),
					"step %q has %d sentences; write 1 to %d", truncate(s.ID, MaxIDLength), n, MaxSentences)
				ok = false
			}
		}
	}
	return ok
}

// ids checks the guide id and that ids inside each list are present, in the
// safe alphabet and unique.
func (c checker) ids(f *file, wantID string, ps *problems) {
	switch {
	case f.ID == "":
		ps.errorf(1, CodeMissingField, kv("Field", "id"), "missing field %q", "id")
	case !validID(f.ID):
		ps.errorf(f.keyLine("id"), CodeBadID, kv("ID", f.ID), "id %q must be lower-case letters, digits and dashes (at most %d)", truncate(f.ID, MaxIDLength), MaxIDLength)
	case wantID != "" && f.ID != wantID:
		ps.errorf(f.keyLine("id"), CodeIDMismatch, kv("ID", f.ID, "Want", wantID), "id %q does not match the file name (%q)", f.ID, wantID)
	}
	check := func(table string, ids []string) {
		seen := map[string]bool{}
		for i, id := range ids {
			line := f.tableLine(table, i)
			switch {
			case id == "":
				ps.errorf(line, CodeMissingField, kv("Field", table+".id"), "[[%s]] number %d has no id", table, i+1)
			case !validID(id):
				ps.errorf(line, CodeBadID, kv("ID", id), "id %q must be lower-case letters, digits and dashes (at most %d)", truncate(id, MaxIDLength), MaxIDLength)
			case seen[id]:
				ps.errorf(line, CodeDuplicateID, kv("ID", id), "id %q is used twice in [[%s]]", id, table)
			}
			seen[id] = true
		}
	}
	check("checklist", idsOfItems(f.Checklist))
	check("steps", idsOfSteps(f.Steps))
	check("attention", idsOfItems(f.Attention))
	check("keep", idsOfItems(f.Keep))
}

// url checks the official site against the address rule and the list of
// official hosts (see officialsite.List.Check) and returns its host.
func (c checker) url(f *file, ps *problems) string {
	if f.URL == "" {
		ps.errorf(f.keyLine("id"), CodeMissingField, kv("Field", "url"), "missing field %q (the official site)", "url")
		return ""
	}
	host, err := c.sites.Check(f.URL)
	var e *officialsite.Error
	if err == nil || !errors.As(err, &e) {
		return host
	}
	line := f.keyLine("url")
	u := truncate(f.URL, maxArg)
	switch e.Rule {
	case officialsite.RuleUserInfo:
		ps.errorf(line, CodeURLUserInfo, kv("URL", f.URL, "Host", e.Host),
			"the address %q has a name before @: it would open %q, not the site it shows", u, e.Host)
	case officialsite.RulePort:
		ps.errorf(line, CodeURLPort, kv("URL", f.URL), "the address %q has a port after the host: official sites have none", u)
	case officialsite.RuleLookalike:
		ps.errorf(line, CodeURLLookalike, kv("URL", f.URL),
			"the address %q has letters outside plain ASCII in its host (look-alike letters, xn--): refused", u)
	case officialsite.RuleHost:
		ps.errorf(line, CodeURLHost, kv("URL", f.URL),
			"the host of %q must be lower-case letters, digits and dashes between dots", u)
	case officialsite.RuleNotListed:
		ps.errorf(line, CodeNotOfficial, kv("URL", f.URL, "Host", e.Host),
			"%q is not on the list of official sites: a coordinator can add a local official site in the settings", e.Host)
	default:
		ps.errorf(line, CodeBadURL, kv("URL", f.URL), "url %q must be a full https:// address", u)
	}
	return ""
}

// checked checks the date the facts were checked: present, from 2020, not
// in the future.
func (c checker) checked(f *file, ps *problems) {
	if f.Checked == nil {
		ps.errorf(f.keyLine("id"), CodeMissingField, kv("Field", "checked"), "missing field %q (the date the facts were checked, e.g. checked = 2026-11-21)", "checked")
		return
	}
	day := func(t time.Time) int { y, m, d := t.Date(); return y*10000 + int(m)*100 + d }
	d := f.Checked.Format("2006-01-02")
	switch got := day(*f.Checked); {
	case got < 20200101:
		ps.errorf(f.keyLine("checked"), CodeOldDate, kv("Date", d), "checked date %s is before 2020", d)
	case got > day(c.today):
		ps.errorf(f.keyLine("checked"), CodeFutureDate, kv("Date", d), "checked date %s is in the future", d)
	case got < day(c.today.AddDate(0, -StaleAfter, 0)):
		ps.warnf(f.keyLine("checked"), CodeStale, kv("Date", d, "Months", strconv.Itoa(StaleAfter)),
			"checked date %s is more than %d months old: check the facts on the site again, then change the date", d, StaleAfter)
	}
}

// pictogramNames checks every pictogram name: the safe alphabet of ids, and a
// pictogram that exists when the checker knows them.
func (c checker) pictogramNames(f *file, ps *problems) {
	check := func(line int, name string) {
		switch {
		case name == "":
		case !validID(name):
			ps.errorf(line, CodeBadPictogram, kv("Name", name), "pictogram %q must be a name like \"carte\" (lower-case letters, digits, dashes)", truncate(name, MaxIDLength))
		case c.pictograms != nil && !c.pictograms(name):
			ps.errorf(line, CodeUnknownPictogram, kv("Name", name), "unknown pictogram %q", name)
		}
	}
	check(f.keyLine("pictogram"), f.Pictogram)
	for _, t := range []struct {
		name  string
		items []fileItem
	}{{"checklist", f.Checklist}, {"attention", f.Attention}, {"keep", f.Keep}} {
		for i, it := range t.items {
			check(f.tableKeyLine(t.name, i, "pictogram"), it.Pictogram)
		}
	}
	for i, s := range f.Steps {
		check(f.tableKeyLine("steps", i, "pictogram"), s.Pictogram)
	}
}

// field checks one text before its other checks: its length, its
// characters, that it shows something, and that it is no longer a TODO of
// the template. It returns false when the text is refused; then its other
// checks are skipped. An empty text is for the caller to judge.
func (c checker) field(line int, name, s string, max int, ps *problems) bool {
	if s == "" {
		return true
	}
	if n := utf8.RuneCountInString(s); n > max {
		ps.errorf(line, CodeTooLong, kv("Field", name, "Count", strconv.Itoa(n), "Max", strconv.Itoa(max)),
			"%s of %d characters (at most %d)", name, n, max)
		return false
	}
	if char, what := textRule(s); what != "" {
		ps.errorf(line, CodeBadCharacter, kv("Char", char, "What", what, "Field", name), "%s: character %s (%s) is not allowed", name, char, what)
		return false
	}
	if strings.TrimSpace(s) != "" && !visible(s) {
		ps.errorf(line, CodeInvisibleText, kv("Field", name), "%s shows nothing: only invisible characters", name)
		return false
	}
	if strings.Contains(s, "TODO") {
		ps.warnf(line, CodeTodo, kv("Field", name), "%s still says TODO: write the text", name)
	}
	return true
}

// texts checks every text of a file: required texts present, step sizes,
// glossary marks, and the plain-language warnings.
func (c checker) texts(f *file, ps *problems) {
	if strings.TrimSpace(f.Title) == "" {
		ps.errorf(f.keyLine("id"), CodeMissingField, kv("Field", "title"), "missing field %q", "title")
	} else if c.field(f.keyLine("title"), "title", f.Title, MaxTitleRunes, ps) {
		c.sentence(f, f.keyLine("title"), f.Title, ps)
	}
	if f.Summary != "" && c.field(f.keyLine("summary"), "summary", f.Summary, MaxTextRunes, ps) {
		c.sentence(f, f.keyLine("summary"), f.Summary, ps)
	}
	for _, k := range f.Keywords {
		c.field(f.keyLine("keywords"), "keywords", k, MaxKeywordRunes, ps)
	}
	for i, it := range f.Checklist {
		if strings.TrimSpace(it.Text) == "" {
			ps.errorf(f.tableLine("checklist", i), CodeMissingField, kv("Field", "checklist.text", "ID", it.ID), "checklist item %q has no text", it.ID)
		}
		if strings.TrimSpace(it.Missing) == "" {
			ps.errorf(f.tableLine("checklist", i), CodeMissingField, kv("Field", "checklist.missing", "ID", it.ID), "checklist item %q does not say what to do when it is missing (missing = …)", it.ID)
		}
		if line := f.tableKeyLine("checklist", i, "text"); c.field(line, "checklist.text", it.Text, MaxTextRunes, ps) {
			c.sentences(f, line, it.Text, ps)
		}
		if line := f.tableKeyLine("checklist", i, "missing"); c.field(line, "checklist.missing", it.Missing, MaxTextRunes, ps) {
			c.sentences(f, line, it.Missing, ps)
		}
	}
	for i, s := range f.Steps {
		line := f.tableLine("steps", i)
		if strings.TrimSpace(s.Title) == "" {
			ps.errorf(line, CodeStepTitle, kv("Step", s.ID), "step %q has no title", s.ID)
		}
		if n := len(s.Text); n < 1 {
			ps.errorf(f.tableKeyLine("steps", i, "text"), CodeSentenceCount, kv("Step", s.ID, "Count", strconv.Itoa(n)), "step %q has %d sentences; write 1 to %d", s.ID, n, MaxSentences)
		}
		if tl := f.tableKeyLine("steps", i, "title"); c.field(tl, "steps.title", s.Title, MaxTitleRunes, ps) {
			c.sentence(f, tl, s.Title, ps)
		}
		for _, t := range s.Text {
			tl := f.tableKeyLine("steps", i, "text")
			if strings.TrimSpace(t) == "" {
				ps.errorf(tl, CodeEmptySentence, kv("Step", s.ID), "step %q has an empty sentence", s.ID)
				continue
			}
			if c.field(tl, "steps.text", t, MaxTextRunes, ps) {
				c.sentence(f, tl, t, ps)
			}
		}
	}
	for _, table := range []struct {
		name  string
		items []fileItem
	}{{"attention", f.Attention}, {"keep", f.Keep}} {
		for i, it := range table.items {
			if strings.TrimSpace(it.Text) == "" {
				ps.errorf(f.tableLine(table.name, i), CodeMissingField, kv("Field", table.name+".text", "ID", it.ID), "[[%s]] %q has no text", table.name, it.ID)
			}
			if line := f.tableKeyLine(table.name, i, "text"); c.field(line, table.name+".text", it.Text, MaxTextRunes, ps) {
				c.sentences(f, line, it.Text, ps)
			}
		}
	}
}

// sentences checks a text that may hold several sentences.
func (c checker) sentences(f *file, line int, text string, ps *problems) {
	for _, s := range SplitSentences(text) {
		c.sentence(f, line, s, ps)
	}
}

// sentence checks one sentence: glossary marks, length, plain language.
func (c checker) sentence(f *file, line int, s string, ps *problems) {
	spans, ok := Spans(s)
	if !ok {
		ps.errorf(line, CodeBadMarkup, kv("Text", s), "broken glossary mark in %q: write {word} or {shown words|term-id}", s)
	}
	for _, sp := range spans {
		if sp.Term != "" && c.terms != nil && !c.terms(sp.Term) {
			ps.errorf(line, CodeUnknownTerm, kv("Term", sp.Term), "glossary word %q does not exist in the glossary", sp.Term)
		}
	}
	for _, l := range LongSentences(f.lang, s) {
		ps.warnf(line, CodeLongSentence, kv("Count", strconv.Itoa(l.Words), "Max", strconv.Itoa(l.Max), "Text", l.Text),
			"sentence of %d words (at most %d): %q", l.Words, l.Max, l.Text)
	}
	if c.plain != nil {
		c.plain.check(f.lang, line, spans, ps)
	}
}

// LongSentence is a sentence over the words a reader can follow.
type LongSentence struct {
	Text  string // the sentence as a visitor reads it, without marks
	Words int
	Max   int // SentenceWords of its language
}

// LongSentences returns the sentences of text (which may hold glossary
// marks) with more words than SentenceWords(lang): the rule a guide's
// sentences are held to, for other texts the visitor reads (the glossary).
func LongSentences(lang, text string) []LongSentence {
	var out []LongSentence
	max := SentenceWords(lang)
	for _, one := range SplitSentences(text) {
		if n := Words(one); n > max {
			out = append(out, LongSentence{Text: Plain(one), Words: n, Max: max})
		}
	}
	return out
}

// SplitSentences cuts a text after ".", "!", "?" or "؟" followed by a space,
// except inside « » : a site's label quoted in a sentence (« Code oublié ? »)
// is part of it.
func SplitSentences(text string) []string {
	var out []string
	rs := []rune(text)
	start, quoted := 0, 0
	for i, r := range rs {
		switch r {
		case '«':
			quoted++
		case '»':
			quoted = max(quoted-1, 0)
		}
		if quoted == 0 && (r == '.' || r == '!' || r == '?' || r == '؟') && (i+1 == len(rs) || rs[i+1] == ' ') {
			if s := strings.TrimSpace(string(rs[start : i+1])); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}

// sameIDs reports ids a translation lacks or has in excess.
func (c checker) sameIDs(f *file, table string, got, want []string, ps *problems) {
	has := map[string]bool{}
	for _, id := range got {
		has[id] = true
	}
	wanted := map[string]bool{}
	for _, id := range want {
		wanted[id] = true
		if !has[id] {
			ps.errorf(f.keyLine("id"), CodeMissingText, kv("Table", table, "ID", id, "Lang", f.lang), "[[%s]] %q has no %s text", table, id, f.lang)
		}
	}
	for i, id := range got {
		if !wanted[id] {
			ps.errorf(f.tableLine(table, i), CodeExtraText, kv("Table", table, "ID", id), "[[%s]] %q does not exist in the French file", table, id)
		}
	}
}

func textsOf(f *file) *texts {
	t := &texts{Title: f.Title, Summary: f.Summary, Keywords: f.Keywords,
		Checklist: map[string]ItemText{}, Steps: map[string]StepText{}, Attention: map[string]string{}, Keep: map[string]string{}}
	for _, it := range f.Checklist {
		t.Checklist[it.ID] = ItemText{Text: it.Text, Missing: it.Missing}
	}
	for _, s := range f.Steps {
		t.Steps[s.ID] = StepText{Title: s.Title, Sentences: s.Text, Alt: s.Alt}
	}
	for _, n := range f.Attention {
		t.Attention[n.ID] = n.Text
	}
	for _, k := range f.Keep {
		t.Keep[k.ID] = k.Text
	}
	return t
}

func categoryList() string {
	var ids []string
	for _, c := range Categories() {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, ", ")
}

func idsOfItems(items []fileItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}

func idsOfSteps(steps []fileStep) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.ID)
	}
	return out
}

func itemsOf(items []Item) []fileItem {
	var out []fileItem
	for _, it := range items {
		out = append(out, fileItem{ID: it.ID})
	}
	return out
}

func stepIDsOf(g *Guide) []string {
	var out []string
	for _, s := range g.Steps {
		out = append(out, s.ID)
	}
	return out
}

func noteIDsOf(g *Guide) []string {
	var out []string
	for _, n := range g.Attention {
		out = append(out, n.ID)
	}
	return out
}
