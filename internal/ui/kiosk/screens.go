package kiosk

import (
	"net/url"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"pasapas/internal/guide"
	"pasapas/internal/ui/controls"
	"pasapas/internal/ui/themes"
)

// welcomeScreen: "Bonjour", the languages by their own names, how long the
// kiosk waits before erasing everything, and one big start button at the
// bottom where « Suivant » is on every other screen — in view at every
// text size (under the greeting it was below the fold in Arabic from the
// third size).
func (v *View) welcomeScreen() page {
	d := v.dir
	start := v.primary(v.tr.T("kiosk.welcome.start"), v.nextIcon(), v.Kiosk.Start)
	var langs []fyne.CanvasObject
	for _, l := range v.Catalog.Languages() {
		style := controls.Plain
		if l.Code == v.Kiosk.Lang() {
			style = controls.Primary
		}
		code := l.Code
		b := v.button(l.Name, nil, style, func() { v.Kiosk.SetLanguage(code) })
		b.RTL = l.RTL
		langs = append(langs, b)
	}
	minutes := max(1, int(v.Kiosk.Config().IdleAfter.Round(time.Minute).Minutes()))
	body := container.NewVBox(
		d.Huge(v.tr.T("kiosk.welcome.hello")),
		d.Paragraph(v.tr.T("kiosk.welcome.intro")),
		d.Paragraph(v.tr.T("kiosk.welcome.language")),
		d.Grid(v.columns(3), langs...),
		d.Paragraph(v.tr.N("kiosk.welcome.idle", minutes, "Minutes", v.number(minutes))),
	)
	return page{body: body, nav: v.nav(nil, start)}
}

// categoriesScreen: one tile per category, pictogram and short label —
// a grid of tiles, the pictogram above the name, at the smallest text; a
// list, the pictogram before the name, as soon as the text is larger: in a
// grid every tile is as tall as the tallest, and a name on two or three
// lines (Arabic at the second size already) pushed every name of the first
// row below the fold, leaving only pictograms on the screen.
func (v *View) categoriesScreen() page {
	grid := v.Kiosk.Size() <= 1
	var tiles []fyne.CanvasObject
	for i, c := range v.Library.UsedCategories() {
		id := c.ID
		b := v.button(v.tr.T("category."+c.ID), v.picto(c.Pictogram), controls.Plain, func() { v.Kiosk.ChooseCategory(id) })
		b.Vertical = grid
		if i == 0 {
			v.Primary = b
		}
		tiles = append(tiles, b)
	}
	search := v.button(v.tr.T("kiosk.search.open"), v.picto("recherche"), controls.Plain, v.Kiosk.OpenSearch)
	var list fyne.CanvasObject
	if grid {
		list = v.dir.Grid(v.columns(3), tiles...)
	} else {
		list = container.NewVBox(tiles...)
	}
	body := container.NewVBox(v.dir.Heading(v.tr.T("kiosk.categories.title")), list, search)
	return page{body: body, nav: v.nav(v.previous(), nil)}
}

// guidesScreen: the guides of the chosen category, one big button each.
func (v *View) guidesScreen() page {
	objs := []fyne.CanvasObject{v.dir.Heading(v.tr.T("category." + v.Kiosk.Category()))}
	for i, g := range v.Library.InCategory(v.Kiosk.Category()) {
		id := g.ID
		b := v.button(v.guideLabel(g), v.picto(g.Pictogram), controls.Plain, func() { v.Kiosk.ChooseGuide(id) })
		if i == 0 {
			v.Primary = b
		}
		objs = append(objs, b)
	}
	// One box of them all: each Add lays the box out again (quadratic in
	// a centre's hundreds of guides, BenchmarkGuideList300).
	return page{body: container.NewVBox(objs...), nav: v.nav(v.previous(), nil)}
}

// guideLabel is a guide's title in the visitor's language; a guide that
// does not exist in it says so before it is chosen (« en français »).
func (v *View) guideLabel(g *guide.Guide) string {
	l := g.In(v.Kiosk.Lang())
	if l.Fallback {
		return v.tr.T("kiosk.guide.infrench", "Title", guide.Plain(l.Title))
	}
	return guide.Plain(l.Title)
}

// introScreen: what the guide is for, the official site, the warnings.
func (v *View) introScreen() page {
	d := v.dir
	g := v.Kiosk.Guide().In(v.Kiosk.Lang())
	box := container.NewVBox()
	if g.Fallback {
		box.Add(controls.Box(themes.ColorNameAttention, d.Paragraph(v.tr.T("kiosk.fallback"))))
	}
	box.Add(v.titled(v.Kiosk.Guide().Pictogram, guide.Plain(g.Title)))
	if g.Summary != "" {
		box.Add(v.text([]string{g.Summary}))
	}
	if u, err := url.Parse(g.URL); err == nil {
		box.Add(d.Paragraph(v.tr.T("kiosk.intro.site", "Host", u.Host)))
	}
	if len(g.Attention) > 0 {
		box.Add(v.attention(v.tr.T("kiosk.intro.attention"), g.Attention))
	}
	begin := v.primary(v.tr.T("kiosk.intro.begin"), v.nextIcon(), v.Kiosk.Begin)
	return page{body: box, nav: v.nav(v.previous(), begin)}
}

// titled is a heading with its pictogram at the start of the line.
func (v *View) titled(pictogram, title string) fyne.CanvasObject {
	p := v.pictogram(v.picto(pictogram), theme.Size(themes.SizeNamePictogram))
	if p != nil {
		p = container.NewVBox(p) // keep its size; top-aligned with the title
	}
	return v.dir.Lead(p, v.dir.Heading(title))
}

// attention draws warning notes in a coloured box.
func (v *View) attention(title string, notes []string) fyne.CanvasObject {
	inner := container.NewVBox(v.dir.Lead(v.pictogram(v.picto("attention"), theme.TextSize()*1.5), v.dir.Heading(title)))
	inner.Add(v.text(notes))
	return controls.Box(themes.ColorNameAttention, inner)
}

// columns returns how many tiles fit side by side at the current text size.
func (v *View) columns(atSmall int) int {
	if v.Kiosk.Size() >= 3 {
		return max(1, atSmall-1)
	}
	return atSmall
}

// number writes an integer the way the visitor's language writes it.
func (v *View) number(n int) string {
	return v.tr.Number(n)
}

// text shows guide sentences, then one big button per glossary word in
// them: one tap opens its explanation.
func (v *View) text(sentences []string) fyne.CanvasObject {
	box := container.NewVBox(v.dir.Sentences(sentences))
	if terms := v.terms(sentences); terms != nil {
		box.Add(terms)
	}
	return box
}

// terms returns the buttons of the glossary words in sentences, or nil.
func (v *View) terms(sentences []string) fyne.CanvasObject {
	spans := controls.Terms(sentences)
	if len(spans) == 0 {
		return nil
	}
	var buttons []fyne.CanvasObject
	for _, sp := range spans {
		id := sp.Term
		if _, ok := v.Glossary.Lookup(id, v.Kiosk.Lang()); !ok {
			continue
		}
		b := v.button(v.tr.T("kiosk.glossary.what", "Word", sp.Text), theme.InfoIcon(), controls.Plain, func() { v.term = id })
		buttons = append(buttons, b)
	}
	if len(buttons) == 0 {
		return nil
	}
	cols := 1
	if v.Kiosk.Size() == 1 {
		cols = 2
	}
	return v.dir.Grid(cols, buttons...)
}

func itoa(n int) string { return strconv.Itoa(n) }
