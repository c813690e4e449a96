// Package controls provides the kiosk's own widgets: big buttons that show
// focus clearly and answer Enter as well as Space, text in large type with
// tappable glossary words, pictograms, and the one place where layouts are
// mirrored for right-to-left languages.
package controls

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/ui/themes"
)

// Style is how a button stands out.
type Style int

// Button styles.
const (
	Plain   Style = iota // light background
	Primary              // filled with the primary colour: the main action
)

// Button is a large button: at least 64 × 64 px, a thick ring when it has
// the keyboard focus, activated by a tap, Enter, Return or Space.
type Button struct {
	widget.BaseWidget

	Text     string
	Icon     fyne.Resource
	Style    Style
	Vertical bool               // icon above the text (tiles)
	SizeName fyne.ThemeSizeName // text size; theme.SizeNameText by default
	RTL      bool               // icon after the text
	// MaxWidth, when set, is the most the button may take across: its
	// label wraps to fit (a narrow guide column).
	MaxWidth float32
	// Icons, when set, draws the icon once per colour and size (a cache
	// the screen owns); nil: Fyne draws it anew on each refresh.
	Icons *Icons

	OnTapped func()
	// OnKey receives the keys the button does not use itself (Escape…).
	OnKey func(*fyne.KeyEvent)
	// OnActivity is called on taps, keys and focus changes.
	OnActivity func()
	// OnPointer receives the pointer's absolute position when it moves
	// over the button (a redraw under a still pointer also reports it).
	OnPointer func(fyne.Position)

	focused, hovered bool
	lines            []string
}

// NewButton returns a button with a label and an action.
func NewButton(text string, icon fyne.Resource, style Style, tapped func()) *Button {
	b := &Button{Text: text, Icon: icon, Style: style, OnTapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

func (b *Button) activity() {
	if b.OnActivity != nil {
		b.OnActivity()
	}
}

// Tapped runs the action.
func (b *Button) Tapped(*fyne.PointEvent) {
	b.activity()
	if b.OnTapped != nil {
		b.OnTapped()
	}
}

// FocusGained shows the focus ring. (It is not activity: screens move the
// focus themselves; the key that moved it is reported by KeyDown.)
func (b *Button) FocusGained() { b.focused = true; b.Refresh() }

// FocusLost hides the focus ring.
func (b *Button) FocusLost() { b.focused = false; b.Refresh() }

// Focused reports whether the button has the keyboard focus.
func (b *Button) Focused() bool { return b.focused }

// KeyDown reports activity for every key, Tab included (Tab moves the
// focus before any TypedKey is sent).
func (b *Button) KeyDown(*fyne.KeyEvent) { b.activity() }

// KeyUp does nothing.
func (b *Button) KeyUp(*fyne.KeyEvent) {}

// TypedRune activates the button on Space.
func (b *Button) TypedRune(r rune) {
	if r == ' ' {
		b.Tapped(nil)
	}
}

// TypedKey activates the button on Enter or Return; other keys go to OnKey.
func (b *Button) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(nil)
	case fyne.KeySpace:
		// handled by TypedRune
	default:
		b.activity()
		if b.OnKey != nil {
			b.OnKey(e)
		}
	}
}

// MouseIn highlights the button.
func (b *Button) MouseIn(e *desktop.MouseEvent) { b.hovered = true; b.pointer(e); b.Refresh() }

// MouseMoved reports the pointer.
func (b *Button) MouseMoved(e *desktop.MouseEvent) { b.pointer(e) }

func (b *Button) pointer(e *desktop.MouseEvent) {
	if b.OnPointer != nil {
		b.OnPointer(e.AbsolutePosition)
	}
}

// MouseOut removes the highlight.
func (b *Button) MouseOut() { b.hovered = false; b.Refresh() }

// Cursor shows a pointing hand.
func (b *Button) Cursor() desktop.Cursor { return desktop.PointerCursor }

// CreateRenderer builds the button's drawing.
func (b *Button) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	ring := canvas.NewRectangle(color.Transparent)
	inner := canvas.NewRectangle(color.Transparent)
	img := canvas.NewImageFromResource(nil)
	img.FillMode = canvas.ImageFillContain
	r := &buttonRenderer{b: b, bg: bg, ring: ring, inner: inner, img: img}
	r.Refresh()
	return r
}

type buttonRenderer struct {
	b     *Button
	bg    *canvas.Rectangle
	ring  *canvas.Rectangle // focus ring, in the focus colour
	inner *canvas.Rectangle // a line of background colour inside it, so the ring shows on any fill
	img   *canvas.Image
	rows  []row          // the label, one row per line
	texts []*canvas.Text // the texts of the rows
	fg    color.Color
	memo  labelMemo
	// rowsFor is what the rows were made for.
	rowsFor struct {
		key   labelKey
		fg    color.Color
		lines []string
	}
}

// labelMemo keeps what the label measures for as long as the label, its
// direction, its text size and the theme's font stay the same: Fyne asks a
// button its minimum size several times per layout, and each answer
// measured every word and every line again.
type labelMemo struct {
	key   labelKey
	space float32
	words []string // Words(Text), left to right only
	lines map[string]fyne.Size
	order map[string][]Token // a line's tokens as drawn, right to left only
	wraps map[float32]wrapped
	// one is the label on one line, longest its widest piece that cannot
	// break; measured says they are known.
	one, longest float32
	measured     bool
}

// maxWraps bounds the widths a label keeps its lines for.
const maxWraps = 16

type labelKey struct {
	text string
	rtl  bool
	size float32
	font fyne.Resource // the theme's bold font
	set  bool
}

type wrapped struct {
	lines   []string
	longest float32
}

// label returns the label's memo, emptied when what it was made for changed.
func (r *buttonRenderer) label() *labelMemo {
	_, _, _, ts := r.sizes()
	k := labelKey{text: r.b.Text, rtl: r.b.RTL, size: ts, font: r.th().Font(fyne.TextStyle{Bold: true}), set: true}
	if r.memo.key != k || len(r.memo.wraps) > maxWraps { // a window resized a lot: start again
		r.memo = labelMemo{key: k, space: fyne.MeasureText(" ", ts, fyne.TextStyle{}).Width,
			lines: map[string]fyne.Size{}, order: map[string][]Token{}, wraps: map[float32]wrapped{}}
		if !k.rtl {
			r.memo.words = Words(k.text)
		}
	}
	return &r.memo
}

func (r *buttonRenderer) th() fyne.Theme { return theme.CurrentForWidget(r.b) }

func (r *buttonRenderer) sizes() (pad, icon, target, textSize float32) {
	th := r.th()
	name := r.b.SizeName
	if name == "" {
		name = theme.SizeNameText
	}
	textSize = th.Size(name)
	pad = th.Size(theme.SizeNameInnerPadding)
	icon = textSize * 1.2
	if r.b.Vertical {
		icon = th.Size(themes.SizeNamePictogram)
	}
	target = th.Size(themes.SizeNameTarget)
	return
}

// space is the width of a space between words of the label.
func (r *buttonRenderer) space() float32 { return r.label().space }

// lineTokens returns a line of the label as drawn from left to right: in
// one piece, or word by word in visual order for a right-to-left label.
func (r *buttonRenderer) lineTokens(line string) []Token {
	if !r.b.RTL {
		return []Token{{Text: line, Bold: true}}
	}
	m := r.label()
	if t, ok := m.order[line]; ok {
		return t
	}
	t := VisualOrder(Tokens([]Span{{Text: line, Bold: true}}))
	m.order[line] = t
	return t
}

// measureLine is the size of a line of the label as drawn.
func (r *buttonRenderer) measureLine(line string) fyne.Size {
	m := r.label()
	if s, ok := m.lines[line]; ok {
		return s
	}
	rw := measureRow(r.lineTokens(line), m.key.size, m.space, r.th())
	s := fyne.NewSize(rw.width, rw.height)
	m.lines[line] = s
	return s
}

// wrap breaks the label into lines no wider than width (a word longer than
// width gets a line of its own), not right inside quotes (see Words); a
// right-to-left label keeps its Latin phrases whole when they fit.
func (r *buttonRenderer) wrap(width float32) []string {
	if r.b.RTL {
		lines, _ := r.wrapRTL(width)
		return lines
	}
	m := r.label()
	if w, ok := m.wraps[width]; ok {
		return w.lines
	}
	words := m.words
	if len(words) == 0 {
		return nil
	}
	var lines []string
	cur := words[0]
	for _, w := range words[1:] {
		if r.measureLine(cur+" "+w).Width <= width {
			cur += " " + w
			continue
		}
		lines = append(lines, cur)
		cur = w
	}
	lines = append(lines, cur)
	m.wraps[width] = wrapped{lines: lines}
	return lines
}

// wrapRTL wraps a right-to-left label; it also returns the width of its
// widest piece that cannot break.
func (r *buttonRenderer) wrapRTL(width float32) ([]string, float32) {
	m := r.label()
	if w, ok := m.wraps[width]; ok {
		return w.lines, w.longest
	}
	lines, longest := wrapTokens(Tokens([]Span{{Text: r.b.Text, Bold: true}}), width, m.space, m.key.size, r.th())
	out := make([]string, len(lines))
	for i, l := range lines {
		var b strings.Builder
		for j, t := range l {
			if j > 0 && t.Space {
				b.WriteString(" ")
			}
			b.WriteString(t.Text)
		}
		out[i] = b.String()
	}
	m.wraps[width] = wrapped{lines: out, longest: longest}
	return out, longest
}

// textWidth is the widest the label may be: on one line if it fits in
// about 12 em (7 em for tiles), else wrapped, never narrower than its
// longest word.
func (r *buttonRenderer) textWidth() float32 {
	_, _, _, ts := r.sizes()
	limit := ts * 12
	if r.b.Vertical {
		limit = ts * 7
	}
	if r.b.MaxWidth > 0 {
		cw, _ := r.chrome()
		limit = min(limit, r.b.MaxWidth-cw)
	}
	m := r.label()
	if !m.measured {
		m.one = r.measureLine(r.b.Text).Width
		if r.b.RTL {
			_, m.longest = r.wrapRTL(m.one)
		} else {
			for _, w := range m.words {
				m.longest = max(m.longest, r.measureLine(w).Width)
			}
		}
		m.measured = true
	}
	return max(m.longest, min(m.one, limit))
}

// chrome returns the space around the label, and the icon's extent.
func (r *buttonRenderer) chrome() (w, h float32) {
	pad, icon, _, _ := r.sizes()
	switch {
	case r.b.Icon == nil:
		return 3 * pad, 2 * pad
	case r.b.Vertical:
		return 3 * pad, 3*pad + icon
	default:
		return 4*pad + icon, 2 * pad
	}
}

func (r *buttonRenderer) labelSize(width float32) fyne.Size {
	lines := r.wrap(width)
	var w, h float32
	for _, l := range lines {
		s := r.measureLine(l)
		w, h = max(w, s.Width), h+s.Height
	}
	return fyne.NewSize(w, h)
}

func (r *buttonRenderer) MinSize() fyne.Size {
	_, icon, target, _ := r.sizes()
	cw, ch := r.chrome()
	width := r.textWidth()
	if cur := r.b.Size().Width - cw; cur > 0 && cur < width {
		width = cur // laid out narrower than it would like: wrap more
	}
	ls := r.labelSize(width)
	w, h := ls.Width+cw, ls.Height+ch
	if r.b.Icon != nil && !r.b.Vertical {
		h = max(h, icon+ch)
	}
	return fyne.NewSize(max(target, w), max(target, h))
}

func (r *buttonRenderer) Layout(size fyne.Size) {
	pad, icon, _, _ := r.sizes()
	focus := r.th().Size(themes.SizeNameFocus)
	r.bg.Resize(size)
	r.ring.Move(fyne.NewPos(focus/2, focus/2))
	r.ring.Resize(fyne.NewSize(size.Width-focus, size.Height-focus))
	r.inner.Move(fyne.NewPos(focus+1, focus+1))
	r.inner.Resize(fyne.NewSize(size.Width-2*focus-2, size.Height-2*focus-2))
	cw, _ := r.chrome()
	lines := r.wrap(max(size.Width-cw, 1))
	if !r.drawn(lines) {
		r.setLines(lines)
	}
	ls := r.labelSize(max(size.Width-cw, 1))

	var x, y float32 // top-left of the label block
	switch {
	case r.b.Icon == nil:
		r.img.Hide()
		x, y = (size.Width-ls.Width)/2, (size.Height-ls.Height)/2
	case r.b.Vertical:
		r.img.Show()
		r.img.Resize(fyne.NewSize(icon, icon))
		top := (size.Height - icon - pad - ls.Height) / 2
		r.img.Move(fyne.NewPos((size.Width-icon)/2, top))
		x, y = (size.Width-ls.Width)/2, top+icon+pad
	default:
		r.img.Show()
		r.img.Resize(fyne.NewSize(icon, icon))
		content := icon + pad + ls.Width
		left := (size.Width - content) / 2
		iconX, textX := left, left+icon+pad
		if r.b.RTL {
			textX, iconX = left, left+ls.Width+pad
		}
		r.img.Move(fyne.NewPos(iconX, (size.Height-icon)/2))
		x, y = textX, (size.Height-ls.Height)/2
	}
	for _, rw := range r.rows {
		rw.place(x+(ls.Width-rw.width)/2, y)
		y += rw.height
	}
}

// drawn reports whether the rows are already those of lines, in the
// current colour and label's look.
func (r *buttonRenderer) drawn(lines []string) bool {
	return r.rowsFor.key == r.memo.key && r.rowsFor.fg == r.fg && slices.Equal(r.rowsFor.lines, lines)
}

// setLines makes the rows of the label: one canvas.Text per line from
// left to right, one per word or mark in visual order from right to left.
func (r *buttonRenderer) setLines(lines []string) {
	_, _, _, ts := r.sizes()
	pool := r.texts
	r.texts, r.rows = nil, nil
	r.b.lines = lines
	r.rowsFor.key, r.rowsFor.fg, r.rowsFor.lines = r.label().key, r.fg, lines
	text := func(tok Token) *canvas.Text {
		var t *canvas.Text
		if len(pool) > 0 {
			t, pool = pool[0], pool[1:]
		} else {
			t = canvas.NewText("", r.fg)
		}
		t.Text, t.Color, t.TextSize = tok.Text, r.fg, ts
		t.TextStyle = fyne.TextStyle{Bold: true}
		r.texts = append(r.texts, t)
		return t
	}
	for _, l := range lines {
		r.rows = append(r.rows, newRow(r.lineTokens(l), ts, r.space(), r.th(), text))
	}
}

// Lines returns the label as last drawn, one string per line.
func (b *Button) Lines() []string { return b.lines }

func (r *buttonRenderer) Refresh() {
	th := r.th()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	bg := th.Color(theme.ColorNameButton, v)
	if r.b.Style == Primary {
		bg = th.Color(theme.ColorNamePrimary, v)
		fg = th.Color(themes.ColorNameOnPrimary, v)
	}
	if r.b.hovered && r.b.Style != Primary {
		bg = th.Color(theme.ColorNameHover, v)
	}
	r.fg = fg
	r.bg.FillColor = bg
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.bg.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	r.bg.StrokeWidth = 2
	r.ring.FillColor = color.Transparent
	r.ring.CornerRadius = r.bg.CornerRadius
	r.ring.StrokeWidth = 0
	r.inner.FillColor = color.Transparent
	r.inner.CornerRadius = r.bg.CornerRadius
	r.inner.StrokeWidth = 0
	if r.b.focused {
		r.ring.StrokeColor = th.Color(theme.ColorNameFocus, v)
		r.ring.StrokeWidth = th.Size(themes.SizeNameFocus)
		r.inner.StrokeColor = th.Color(theme.ColorNameBackground, v)
		r.inner.StrokeWidth = 3
	}
	if r.b.Icon != nil {
		name := theme.ColorNameForeground
		if r.b.Style == Primary {
			name = themes.ColorNameOnPrimary
		}
		switch {
		case r.b.Icons != nil:
			_, icon, _, _ := r.sizes()
			r.img.Resource, r.img.Image = nil, r.b.Icons.Image(r.b.Icon, name, icon)
		case r.b.Style == Primary:
			r.img.Resource = theme.NewColoredResource(r.b.Icon, themes.ColorNameOnPrimary)
		default:
			r.img.Resource = theme.NewThemedResource(r.b.Icon)
		}
	}
	r.Layout(r.b.Size())
	r.bg.Refresh()
	r.ring.Refresh()
	r.inner.Refresh()
	for _, t := range r.texts {
		t.Refresh()
	}
	r.img.Refresh()
}

func (r *buttonRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.img}
	for _, t := range r.texts {
		objs = append(objs, t)
	}
	return append(objs, r.ring, r.inner)
}

func (r *buttonRenderer) Destroy() {}
