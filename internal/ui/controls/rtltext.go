package controls

import (
	"math"
	"slices"
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

// rtlRenderer wraps the paragraphs for the width it is laid out at. What
// does not depend on the width (the tokens, where lines may break, the
// width of each token: the bidirectional algorithm once per paragraph) is
// kept until the text, its size or the theme's font changes; the lines in
// visual order and their texts are made once per width; the height at
// another width (asked by MinSize) is found without making them.
type rtlRenderer struct {
	t       *RTLText
	key     rtlKey
	paras   [][]Span // the paragraphs prep was made from
	prep    []*tokenPrep
	space   float32
	spacing float32
	longest float32 // widest piece that cannot break
	heights map[float32]float32
	rows    []row     // the lines, for width
	gaps    []float32 // space under each line
	width   float32   // text width the rows were made for; -1: none yet
	objs    []fyne.CanvasObject
	colors  []fyne.ThemeColorName // of each text in objs
}

type rtlKey struct {
	size          float32
	regular, bold fyne.Resource
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

// prepare makes what does not depend on the width, again when the
// paragraphs, the text size or the theme's fonts changed.
func (r *rtlRenderer) prepare() {
	th := r.t.Theme()
	k := rtlKey{size: r.textSize(), regular: th.Font(fyne.TextStyle{}), bold: th.Font(fyne.TextStyle{Bold: true})}
	if k == r.key && r.prep != nil && sameParagraphs(r.paras, r.t.Paragraphs) {
		return
	}
	r.key = k
	r.paras = make([][]Span, len(r.t.Paragraphs))
	for i, p := range r.t.Paragraphs {
		r.paras[i] = slices.Clone(p)
	}
	r.space = fyne.MeasureText(" ", k.size, fyne.TextStyle{}).Width
	r.spacing = theme.SizeForWidget(theme.SizeNameLineSpacing, r.t)
	r.prep, r.longest = make([]*tokenPrep, len(r.paras)), 0
	for i, p := range r.paras {
		r.prep[i] = prepareTokens(Tokens(p), r.space, k.size, th)
		r.longest = max(r.longest, r.prep[i].longest)
	}
	r.heights = map[float32]float32{}
	r.width = -1
}

func sameParagraphs(a, b [][]Span) bool {
	return slices.EqualFunc(a, b, func(x, y []Span) bool { return slices.Equal(x, y) })
}

// wrap makes the rows for a text width.
func (r *rtlRenderer) wrap(width float32) {
	ts, th := r.key.size, r.t.Theme()
	r.rows, r.gaps, r.width = r.rows[:0], r.gaps[:0], width
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
		r.colors = append(r.colors, name)
		return c
	}
	r.objs, r.colors = r.objs[:0], r.colors[:0]
	for p, prep := range r.prep {
		lines := prep.lines(width, r.space)
		for i, line := range lines {
			row := newRow(VisualOrder(line), ts, r.space, th, newText)
			r.rows = append(r.rows, row)
			gap := float32(0)
			if i == len(lines)-1 && p < len(r.prep)-1 {
				gap = r.spacing
			}
			r.gaps = append(r.gaps, gap)
			for _, c := range row.texts {
				r.objs = append(r.objs, c)
			}
		}
	}
}

// height is the height of the lines at a text width, without making them.
func (r *rtlRenderer) height(width float32) float32 {
	if width == r.width {
		h := float32(0)
		for i, row := range r.rows {
			h += row.height + r.gaps[i]
		}
		return h
	}
	if h, ok := r.heights[width]; ok {
		return h
	}
	th := r.t.Theme()
	h := float32(0)
	for p, prep := range r.prep {
		if p > 0 {
			h += r.spacing
		}
		for _, line := range prep.lines(width, r.space) {
			h += measureRow(line, r.key.size, r.space, th).height // the order does not change the height
		}
	}
	if len(r.heights) >= maxWraps {
		clear(r.heights)
	}
	r.heights[width] = h
	return h
}

// tokenPrep is a paragraph ready to be broken into lines at any width.
type tokenPrep struct {
	tokens  []Token
	may     []bool    // a line may break before tokens[i]
	inner   []bool    // …but it is inside a left-to-right unit
	widths  []float32 // of each token
	longest float32   // the widest piece that cannot break
}

// prepareTokens finds where tokens (in logical order) may break and how
// wide each is.
func prepareTokens(tokens []Token, space, size float32, th fyne.Theme) *tokenPrep {
	n := len(tokens)
	p := &tokenPrep{tokens: tokens, may: make([]bool, n+1), inner: make([]bool, n+1), widths: make([]float32, n)}
	for i := range tokens {
		p.may[i] = canBreak(tokens, i)
	}
	p.may[n] = true
	end := ltrUnits(tokens)
	for s, e := range end {
		for k := s + 1; k < e; k++ {
			if p.may[k] {
				p.may[k], p.inner[k] = false, true
			}
		}
	}
	for i, t := range tokens {
		p.widths[i] = tokenWidth(t, size, th)
	}
	for a, k := 0, 1; k <= n; k++ { // the narrowest the text can be
		if p.may[k] || p.inner[k] {
			p.longest = max(p.longest, p.span(a, k, space))
			a = k
		}
	}
	return p
}

// span is the width of tokens[a:b], with the spaces between them.
func (p *tokenPrep) span(a, b int, space float32) float32 {
	w := float32(0)
	for i := a; i < b; i++ {
		if i > a && p.tokens[i].Space {
			w += space
		}
		w += p.widths[i]
	}
	return w
}

// lines breaks the tokens into lines no wider than width, where they may
// break. A Latin phrase or a number stays on one line when it fits; a
// word wider than width gets a line of its own.
func (p *tokenPrep) lines(width, space float32) (lines [][]Token) {
	n := len(p.tokens)
	type word struct{ start, end int }
	var words []word
	for start := 0; start < n; {
		e := start + 1
		for !p.may[e] {
			e++
		}
		if p.span(start, e, space) > width { // a Latin phrase too wide: break it inside
			for a, k := start, start+1; k <= e; k++ {
				if k == e || p.inner[k] {
					words = append(words, word{a, k})
					a = k
				}
			}
		} else {
			words = append(words, word{start, e})
		}
		start = e
	}
	var line []Token
	var lineW float32
	for _, wd := range words {
		w := p.span(wd.start, wd.end, space)
		switch {
		case len(line) == 0:
			lineW = w
		case lineW+space+w > width:
			lines = append(lines, line)
			line, lineW = nil, w
		default:
			lineW += space + w
		}
		toks := append([]Token(nil), p.tokens[wd.start:wd.end]...)
		if len(line) == 0 {
			toks[0].Space = false // no space at the start of a line
		}
		line = append(line, toks...)
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	return lines
}

// wrapTokens breaks tokens (in logical order) into lines no wider than
// width, where canBreak allows (see tokenPrep.lines). It returns the
// lines, and the width of the widest piece that cannot break.
func wrapTokens(tokens []Token, width, space, size float32, th fyne.Theme) (lines [][]Token, longest float32) {
	p := prepareTokens(tokens, space, size, th)
	return p.lines(width, space), p.longest
}

func (r *rtlRenderer) ensure(width float32) {
	if width != r.width {
		r.wrap(width)
	}
}

// MinSize is the longest word wide and the lines at the current width high.
func (r *rtlRenderer) MinSize() fyne.Size {
	r.prepare()
	pad := theme.SizeForWidget(theme.SizeNameInnerPadding, r.t)
	h := r.height(r.textWidth(r.t.Size().Width))
	if len(r.prep) == 0 {
		h = fyne.MeasureText("M", r.key.size, fyne.TextStyle{}).Height
	}
	return fyne.NewSize(r.longest+2*pad, h+2*pad)
}

// Layout aligns each line on the right.
func (r *rtlRenderer) Layout(size fyne.Size) {
	r.prepare()
	pad := theme.SizeForWidget(theme.SizeNameInnerPadding, r.t)
	r.ensure(r.textWidth(size.Width))
	y := pad
	for i, row := range r.rows {
		row.place(size.Width-pad-row.width, y)
		y += row.height + r.gaps[i]
	}
}

// Refresh makes the lines again if the text, its size or the theme's font
// changed, colours them from the theme and has them drawn again. Text that
// was never laid out makes no lines yet: its first Layout does.
func (r *rtlRenderer) Refresh() {
	r.prepare()
	if r.t.Size().Width <= 0 {
		return
	}
	r.Layout(r.t.Size())
	for i, o := range r.objs {
		c := o.(*canvas.Text)
		c.Color = theme.ColorForWidget(r.colors[i], r.t)
		c.Refresh()
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
