package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"pasapas/internal/screen"
	"pasapas/internal/ui/controls"
	"pasapas/internal/ui/themes"
	"pasapas/internal/visit"
)

// frame is what stays on screen from one screen to the next: the
// background, the bar at the top, the scrolling column with its « more
// below » cue and the row at the bottom. Going from a step to the next
// swaps the step's head, text and (when it differs) navigation row in
// it; the rest is neither rebuilt nor refreshed, so the window system
// repaints the same objects and Fyne keeps their textures.
//
// A new frame is built when what it was drawn for changes: the theme
// (text size, contrast, language's font, scale), the language, the
// window's size or whether the guide is a column beside the site.
type frame struct {
	key    frameKey
	bg     *canvas.Rectangle
	top    *fyne.Container // the bar, banners and the screen's head
	topBox *fyne.Container // top, padded
	bottom *fyne.Container // the navigation row, padded; hidden with none
	page   *fyne.Container
	scroll *controls.CuedScroll

	bar    fyne.CanvasObject // the bar as last built, for barAt
	barAt  barKey
	nav    stepNav // the step's navigation row as last built, for navAt
	navAt  navKey
	hasNav bool
}

type frameKey struct {
	theme  themes.Kiosk
	lang   string
	column bool
	size   fyne.Size
}

// barKey is what the bar depends on.
type barKey struct {
	width float32
	stop  bool // « Arrêter » is offered
}

// navKey is what a step's navigation row depends on: the site's button
// (none, the main one, the small one) and the address it opens.
type navKey struct {
	site int
	url  string
}

// stepNav is a step's navigation row and the buttons tests and keys use.
type stepNav struct {
	row                 fyne.CanvasObject
	prev, next, site, p *controls.Button
}

func (v *View) frameKey(column bool) frameKey {
	return frameKey{theme: v.applied, lang: v.tr.Lang().Code, column: column, size: v.Window.Canvas().Size()}
}

// newFrame builds an empty frame.
func (v *View) newFrame(key frameKey) *frame {
	f := &frame{key: key, bg: canvas.NewRectangle(theme.Color(theme.ColorNameBackground))}
	f.top = container.NewVBox()
	f.topBox = container.NewPadded(f.top)
	f.bottom = container.NewPadded()
	cue := v.button(v.tr.T("kiosk.scroll.more"), theme.MoveDownIcon(), controls.Plain, nil)
	cue.SizeName = themes.SizeNameBar
	f.scroll = controls.NewCuedScroll(container.NewStack(), cue)
	f.page = container.NewBorder(f.topBox, f.bottom, nil, nil, f.scroll.Box)
	return f
}

// barFor returns the bar, built again only when what it shows changed.
func (v *View) barFor(f *frame, column bool, width float32) fyne.CanvasObject {
	_, started := v.Kiosk.Visit()
	k := barKey{width: width, stop: started || v.Kiosk.Screen() != visit.Welcome}
	if f.bar == nil || f.barAt != k {
		f.bar, f.barAt = v.bar(column, width), k
	}
	return f.bar
}

// stepNavFor returns a step's navigation row, built again only when the
// frame, the site's button or the address changed; it sets Prev, Next,
// Site and Primary as build does.
func (v *View) stepNavFor(site int, url string, build func() stepNav) fyne.CanvasObject {
	f := v.frame
	k := navKey{site: site, url: url}
	if !f.hasNav || f.navAt != k {
		f.nav, f.navAt, f.hasNav = build(), k, true
	}
	n := f.nav
	v.Prev, v.Next, v.Site, v.Primary = n.prev, n.next, n.site, n.p
	return n.row
}

// useFrame makes v.frame the frame for the current theme, language,
// window and mode, and reports whether it is new.
func (v *View) useFrame(column bool) bool {
	key := v.frameKey(column)
	if v.frame != nil && v.frame.key == key {
		return false
	}
	v.frame = v.newFrame(key)
	return true
}

// show puts page p in the frame: all of it when the frame is fresh, else
// only the screen's parts, swapped and laid out again.
func (v *View) show(p page, column bool, width float32, fresh bool) {
	f := v.frame
	var top []fyne.CanvasObject
	if !v.warning { // the idle warning fills the screen: one message, one button
		top = append(top, v.barFor(f, column, width))
	}
	v.waitingShown = v.Kiosk.HelpWaiting()
	if v.Kiosk.HelpWaiting() && !v.Kiosk.HelpShown() && !v.warning {
		// At the bar's text size, which does not grow with the level: the
		// reminder stays above every screen while help is on its way, and
		// at the body's size (three sentences, three lines in Arabic at the
		// largest size) it pushed the screen's answers below the fold.
		top = append(top, controls.Box(themes.ColorNameAttention, v.dir.Small(v.waitingText())))
	}
	if v.notice != "" {
		top = append(top, controls.Box(themes.ColorNameAttention, v.dir.Paragraph(v.notice)))
	}
	f.top.Objects = top
	if p.head != nil {
		// The head (step counter, title) stays in place while the text
		// scrolls, unless it would leave the text less than a few lines
		// or less than 40 % of the height.
		h := v.Window.Canvas().Size().Height
		room := h - f.top.MinSize().Height - p.head.MinSize().Height - 6*theme.Padding()
		if p.nav != nil {
			room -= p.nav.MinSize().Height
		}
		if room >= max(4*theme.TextSize(), 0.4*h) {
			f.top.Objects = append(f.top.Objects, p.head)
		} else {
			p.body = container.NewVBox(p.head, p.body)
		}
	}
	// The scroll bar is drawn over the content's right edge: keep text clear of it.
	bar := theme.Size(theme.SizeNameScrollBar)
	f.scroll.Scroll.Content = container.New(layout.NewCustomPaddedLayout(8, 8, 8, bar+8), v.dir.Measure(p.body))
	f.scroll.Scroll.Offset = fyne.Position{}
	if p.nav != nil {
		f.bottom.Objects = []fyne.CanvasObject{p.nav}
		f.bottom.Show()
	} else {
		f.bottom.Objects = nil
		f.bottom.Hide()
	}
	v.Scroll = f.scroll
	if fresh {
		// The window's size is the screen's business (whole screen or
		// column): whatever the content, it never asks for more than the
		// smallest column, or Fyne would grow the window over the site.
		limit := fyne.NewSize(screen.MinColumn/2, screen.ReferenceH/2)
		v.Root.Objects = []fyne.CanvasObject{f.bg, controls.NewActivity(v.moved), controls.Clamp(f.page, limit)}
		v.Root.Refresh()
		return
	}
	// The same frame: lay out what holds new parts, from the outside in,
	// and have the window painted again; the parts kept are not
	// refreshed (their drawings stay valid).
	relayout(f.page, f.topBox, f.top, f.bottom)
	// Text that wraps knows its height only once it has its width: the
	// reminder that help is coming, a notice or a long title, given their
	// width by the pass above, may now need more lines than the page gave
	// them. Once more then, or their last lines run over the screen.
	for i := 0; i < 2 && (outgrown(f.topBox) || outgrown(f.bottom)); i++ {
		relayout(f.page, f.topBox, f.top, f.bottom)
	}
	f.scroll.Scroll.Refresh()
	relayout(f.scroll.Box)
	canvas.Refresh(f.bg)
}

// outgrown reports whether c needs more height than it was given.
func outgrown(c *fyne.Container) bool {
	return c.Visible() && c.MinSize().Height > c.Size().Height+0.5
}

// relayout lays each container out again at its current size.
func relayout(cs ...*fyne.Container) {
	for _, c := range cs {
		if c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
	}
}
