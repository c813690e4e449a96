package controls

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// RTLText is right-to-left text: paragraphs that wrap at word boundaries
// to the width they are given, each line aligned right and drawn token by
// token in visual order (see VisualOrder), so that Latin words, numbers
// and quoted labels sit where a reader of Arabic expects them. It sizes
// like a wrapping RichText, with the theme's padding and line spacing: as
// narrow as its longest word, as tall as its lines at the current width.
type RTLText struct {
	widget.BaseWidget

	// SizeName is the text size; theme.SizeNameText by default.
	SizeName fyne.ThemeSizeName
	// Paragraphs each start on a new line.
	Paragraphs [][]Span
}

// NewRTLText returns right-to-left text at a theme text size.
func NewRTLText(size fyne.ThemeSizeName, paragraphs ...[]Span) *RTLText {
	t := &RTLText{SizeName: size, Paragraphs: paragraphs}
	t.ExtendBaseWidget(t)
	return t
}

// String returns the text in logical order, one line per paragraph.
func (t *RTLText) String() string {
	var b strings.Builder
	for i, p := range t.Paragraphs {
		if i > 0 {
			b.WriteString("\n")
		}
		for _, sp := range p {
			b.WriteString(sp.Text)
		}
	}
	return b.String()
}

// Resize wraps the text again for the new width.
func (t *RTLText) Resize(size fyne.Size) {
	old := t.Size()
	if size == old {
		return
	}
	t.BaseWidget.Resize(size)
	if size.Width != old.Width {
		t.Refresh() // the height for this width may differ: let the parent know
	}
}

// CreateRenderer builds the text's drawing.
func (t *RTLText) CreateRenderer() fyne.WidgetRenderer {
	r := &rtlRenderer{t: t, width: -1}
	r.Refresh()
	return r
}

type rtlRenderer struct {
	t       *RTLText
	rows    []row     // the lines, for width
	gaps    []float32 // space under each line
	width   float32   // text width the rows were made for; -1: none yet
	longest float32   // widest word
	objs    []fyne.CanvasObject
}

func (r *rtlRenderer) textSize() float32 {
	name := r.t.SizeName
	if name == "" {
		name = theme.SizeNameText
	}
	return theme.SizeForWidget(name, r.t)
}

// textWidth is the width available to the text for a widget width: no
// limit when the widget has not been laid out yet.
func (r *rtlRenderer) textWidth(w float32) float32 {
	if w <= 0 {
		return float32(math.Inf(1))
	}
	return max(w-2*theme.SizeForWidget(theme.SizeNameInnerPadding, r.t), 0)
}

// wrap makes the rows for a text width.
func (r *rtlRenderer) wrap(width float32) {
	ts := r.textSize()
	th := r.t.Theme()
	space := fyne.MeasureText(" ", ts, fyne.TextStyle{}).Width
	spacing := theme.SizeForWidget(theme.SizeNameLineSpacing, r.t)
	r.rows, r.gaps, r.width, r.longest = r.rows[:0], r.gaps[:0], width, 0
	var pool []*canvas.Text
	for _, o := range r.objs {
		pool = append(pool, o.(*canvas.Text))
	}
	newText := func(tok Token) *canvas.Text {
		var c *canvas.Text
		if len(pool) > 0 {
			c, pool = pool[0], pool[1:]
		} else {
			c = canvas.NewText("", nil)
		}
		c.Text, c.TextSize, c.TextStyle = tok.Text, ts, fyne.TextStyle{Bold: tok.Bold}
		name := tok.Color
		if name == "" {
			name = theme.ColorNameForeground
		}
		c.Color = theme.ColorForWidget(name, r.t)
		return c
	}
	r.objs = r.objs[:0]
	for p, para := range r.t.Paragraphs {
		lines, longest := wrapTokens(Tokens(para), width, space, ts, th)
		r.longest = max(r.longest, longest)
		for i, line := range lines {
			row := newRow(VisualOrder(line), ts, space, th, newText)
			r.rows = append(r.rows, row)
			gap := float32(0)
			if i == len(lines)-1 && p < len(r.t.Paragraphs)-1 {
				gap = spacing
			}
			r.gaps = append(r.gaps, gap)
			for _, c := range row.texts {
				r.objs = append(r.objs, c)
			}
		}
	}
}

// wrapTokens breaks tokens (in logical order) into lines no wider than
// width, where canBreak allows. A Latin phrase or a number stays on one
// line when it fits; a word wider than width gets a line of its own. It
// returns the lines, and the width of the widest piece that cannot break.
func wrapTokens(tokens []Token, width, space, size float32, th fyne.Theme) (lines [][]Token, longest float32) {
	n := len(tokens)
	may := make([]bool, n+1)   // a line may break before tokens[i]
	inner := make([]bool, n+1) // …but it is inside a left-to-right unit
	for i := range tokens {
		may[i] = canBreak(tokens, i)
	}
	may[n] = true
	end := ltrUnits(tokens)
	for s, e := range end {
		for k := s + 1; k < e; k++ {
			if may[k] {
				may[k], inner[k] = false, true
			}
		}
	}
	widths := make([]float32, n)
	for i, t := range tokens {
		widths[i] = tokenWidth(t, size, th)
	}
	// width of tokens[a:b], with the spaces between them
	span := func(a, b int) float32 {
		w := float32(0)
		for i := a; i < b; i++ {
			if i > a && tokens[i].Space {
				w += space
			}
			w += widths[i]
		}
		return w
	}
	for a, k := 0, 1; k <= n; k++ { // the narrowest the text can be
		if may[k] || inner[k] {
			longest = max(longest, span(a, k))
			a = k
		}
	}
	type word struct{ start, end int }
	var words []word
	for start := 0; start < n; {
		e := start + 1
		for !may[e] {
			e++
		}
		pieces := []word{{start, e}}
		if span(start, e) > width { // a Latin phrase too wide: break it inside
			pieces = pieces[:0]
			for a, k := start, start+1; k <= e; k++ {
				if k == e || inner[k] {
					pieces = append(pieces, word{a, k})
					a = k
				}
			}
		}
		words = append(words, pieces...)
		start = e
	}

	var line []Token
	var lineW float32
	for _, wd := range words {
		w := span(wd.start, wd.end)
		switch {
		case len(line) == 0:
			lineW = w
		case lineW+space+w > width:
			lines = append(lines, line)
			line, lineW = nil, w
		default:
			lineW += space + w
		}
		toks := append([]Token(nil), tokens[wd.start:wd.end]...)
		if len(line) == 0 {
			toks[0].Space = false // no space at the start of a line
		}
		line = append(line, toks...)
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	return lines, longest
}

func (r *rtlRenderer) ensure(width float32) {
	if width != r.width {
		r.wrap(width)
	}
}

// MinSize is the longest word wide and the lines at the current width high.
func (r *rtlRenderer) MinSize() fyne.Size {
	pad := theme.SizeForWidget(theme.SizeNameInnerPadding, r.t)
	r.ensure(r.textWidth(r.t.Size().Width))
	h := float32(0)
	for i, row := range r.rows {
		h += row.height + r.gaps[i]
	}
	if len(r.rows) == 0 {
		h = fyne.MeasureText("M", r.textSize(), fyne.TextStyle{}).Height
	}
	return fyne.NewSize(r.longest+2*pad, h+2*pad)
}

// Layout aligns each line on the right.
func (r *rtlRenderer) Layout(size fyne.Size) {
	pad := theme.SizeForWidget(theme.SizeNameInnerPadding, r.t)
	r.ensure(r.textWidth(size.Width))
	y := pad
	for i, row := range r.rows {
		row.place(size.Width-pad-row.width, y)
		y += row.height + r.gaps[i]
	}
}

func (r *rtlRenderer) Refresh() {
	r.wrap(r.textWidth(r.t.Size().Width))
	r.Layout(r.t.Size())
	for _, o := range r.objs {
		o.Refresh()
	}
}

func (r *rtlRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *rtlRenderer) Destroy() {}

// tokenWidth returns how wide a token is drawn at a text size.
func tokenWidth(t Token, size float32, th fyne.Theme) float32 {
	s, _ := measureText(t.Text, size, t.Bold, textFont(th, t.Text, t.Bold))
	return s.Width
}

// row is one line of text drawn token by token, from left to right.
type row struct {
	texts  []*canvas.Text
	xs     []float32 // left of each text, from the left of the row
	ys     []float32 // top of each text, so that baselines line up
	width  float32
	height float32
}

// measureRow places tokens given in visual order from the left, with a
// space where a token has one on its left, on a common baseline. The row
// is at least as high as a line of the theme's font, like every line of a
// RichText (a line of Latin words alone is drawn in a shorter font). Texts
// are left nil.
func measureRow(visual []Token, size, space float32, th fyne.Theme) row {
	var rw row
	line, ascent := measureText(" ", size, false, nil)
	descent := line.Height - ascent
	bases := make([]float32, len(visual))
	for i, tok := range visual {
		s, base := measureText(tok.Text, size, tok.Bold, textFont(th, tok.Text, tok.Bold))
		if i > 0 && tok.Space {
			rw.width += space
		}
		rw.xs = append(rw.xs, rw.width)
		rw.width += s.Width
		bases[i] = base
		ascent, descent = max(ascent, base), max(descent, s.Height-base)
	}
	for _, b := range bases {
		rw.ys = append(rw.ys, ascent-b)
	}
	rw.height = ascent + descent
	return rw
}

// newRow is measureRow with a text for each token, made by text (which
// sets its words, size, style and colour) and given its font and size.
func newRow(visual []Token, size, space float32, th fyne.Theme, text func(Token) *canvas.Text) row {
	rw := measureRow(visual, size, space, th)
	for _, tok := range visual {
		c := text(tok)
		c.FontSource = textFont(th, c.Text, c.TextStyle.Bold)
		c.Resize(c.MinSize())
		rw.texts = append(rw.texts, c)
	}
	return rw
}

// place moves the row's texts so that its top-left is at (x, y).
func (rw row) place(x, y float32) {
	for i, c := range rw.texts {
		c.Move(fyne.NewPos(x+rw.xs[i], y+rw.ys[i]))
	}
}
