package mediator

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"pasapas/internal/guide"
	"pasapas/internal/report"
)

// sheet makes read-only pages (the statistics) of canvas objects in the
// desk theme's sizes and colours, without widgets: Fyne 2.7 empties its
// caches of text sizes and icons for each widget it puts under a theme
// override, so every label of a year's statistics was measured again
// (each time shaping the text with a new HarfBuzz font) two or three times
// per showing; texts, rectangles and containers are placed under it
// without that.
type sheet struct {
	size, heading, pad float32
	textWidth          float32 // of the page's lines; charts fit in it
	lineHeight         float32 // of a line, per pixel of text size
	fg, primary        color.Color
	letters            map[rune]float32 // width of each letter, for cut and wrap
}

func newSheet(th fyne.Theme, textWidth float32) *sheet {
	v := theme.VariantLight
	size := th.Size(theme.SizeNameText)
	m := fyne.MeasureText("M", size, fyne.TextStyle{})
	return &sheet{size: th.Size(theme.SizeNameText), heading: th.Size(theme.SizeNameHeadingText),
		pad: th.Size(theme.SizeNameInnerPadding), fg: th.Color(theme.ColorNameForeground, v),
		primary: th.Color(theme.ColorNamePrimary, v), letters: map[rune]float32{}, lineHeight: m.Height / size, textWidth: textWidth}
}

// text is one line of text.
func (s *sheet) text(str string, bold bool) *canvas.Text {
	t := canvas.NewText(str, s.fg)
	t.TextSize, t.TextStyle = s.size, fyne.TextStyle{Bold: bold}
	return t
}

// line is a line of text with the room a label gives it around.
func (s *sheet) line(str string, bold bool) fyne.CanvasObject {
	return s.lines([]*canvas.Text{s.text(str, bold)})
}

// figure is a number in large type over its label, wrapped to width.
func (s *sheet) figure(label, value string, width float32) fyne.CanvasObject {
	v := s.text(value, true)
	v.TextSize = s.heading
	texts := []*canvas.Text{v}
	for _, l := range s.wrap(label, width-2*s.pad) {
		texts = append(texts, s.text(l, false))
	}
	return s.lines(texts)
}

// lines stacks texts with a label's room around them. Its size is
// reckoned from the letters' widths (see width) and the line heights:
// laying it out measures no text.
func (s *sheet) lines(texts []*canvas.Text) fyne.CanvasObject {
	l := &linesLayout{pad: s.pad}
	objs := make([]fyne.CanvasObject, len(texts))
	for i, t := range texts {
		w := s.width(t.Text)
		if t.TextStyle.Bold || t.TextSize != s.size { // bold and large type are wider: leave a margin
			w *= 1.1 * t.TextSize / s.size
		}
		l.widths = append(l.widths, w)
		l.heights = append(l.heights, t.TextSize*s.lineHeight)
		objs[i] = t
	}
	return container.New(l, objs...)
}

// linesLayout stacks one text per line.
type linesLayout struct {
	widths, heights []float32
	pad             float32
}

func (l *linesLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i := range l.widths {
		w, h = max(w, l.widths[i]), h+l.heights[i]
	}
	return fyne.NewSize(w+2*l.pad, h+l.pad)
}

func (l *linesLayout) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	y := l.pad / 2
	for i, o := range objs {
		o.Move(fyne.NewPos(l.pad, y))
		o.Resize(fyne.NewSize(l.widths[i], l.heights[i]))
		y += l.heights[i]
	}
}

// width estimates how wide str is drawn: the sum of its letters' widths,
// which Fyne measures once each (measuring each new string shapes it
// anew). Kerning is left out: callers keep a margin.
func (s *sheet) width(str string) float32 {
	var w float32
	for _, r := range str {
		lw, ok := s.letters[r]
		if !ok {
			lw = fyne.MeasureText(string(r), s.size, fyne.TextStyle{}).Width
			s.letters[r] = lw
		}
		w += lw
	}
	return w
}

// wrap breaks str at spaces into lines about width wide.
func (s *sheet) wrap(str string, width float32) []string {
	width *= 0.97
	var lines []string
	cur := ""
	for _, w := range strings.Fields(str) {
		if cur != "" && s.width(cur+" "+w) > width {
			lines = append(lines, cur)
			cur = ""
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// cut returns str, or its longest start that fits width with « … » after it.
func (s *sheet) cut(str string, width float32) string {
	width *= 0.97
	if s.width(str) <= width {
		return str
	}
	runes := []rune(str)
	w := s.width("…")
	for i, r := range runes {
		if w += s.width(string(r)); w > width {
			return string(runes[:i]) + "…"
		}
	}
	return str
}

// The chart's measures: a row per count, its label in a column cut with
// « … » when too long, the bar, then the value.
const (
	chartRow    = 36  // height of a row
	chartLabel  = 320 // width of the labels' column
	chartBar    = 420 // the longest bar, where the page is wide enough
	chartMinBar = 120 // the longest bar on a narrow page
	chartBarH   = 18  // height of a bar
)

// chartWidest is as wide as a value may be: the column of values is
// that wide, without measuring each.
const chartWidest = "00000 (100 %)"

// chart draws a breakdown as horizontal bars, three canvas objects per
// count (its label, its bar, its value), or a dash when it has nothing.
func (s *sheet) chart(b report.Breakdown) fyne.CanvasObject {
	maxv := b.Max()
	if len(b.Counts) == 0 || maxv == 0 {
		return s.line("—", false)
	}
	l := &chartLayout{pad: s.pad, textH: s.size * s.lineHeight, valueW: s.width(chartWidest)}
	l.bar = min(chartBar, max(chartMinBar, s.textWidth-chartLabel-l.valueW-3*s.pad))
	var objs []fyne.CanvasObject
	for _, n := range b.Counts {
		bar := canvas.NewRectangle(s.primary)
		l.shares = append(l.shares, float32(n.Value)/float32(maxv))
		objs = append(objs, s.text(s.cut(guide.Plain(n.Label), chartLabel-2*s.pad), false), bar,
			s.text(fmt.Sprintf("%d (%.0f %%)", n.Value, b.Share(n)*100), false))
	}
	return container.New(l, objs...)
}

// chartLayout places a chart's objects: label, bar and value per row.
type chartLayout struct {
	shares                  []float32
	pad, textH, valueW, bar float32 // bar: the longest bar's length
}

func (l *chartLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(chartLabel+l.bar+l.valueW+3*l.pad, float32(len(l.shares))*chartRow)
}

func (l *chartLayout) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	for i, share := range l.shares {
		label, bar, value := objs[3*i], objs[3*i+1], objs[3*i+2]
		y := float32(i) * chartRow
		w := max(2, l.bar*share)
		label.Move(fyne.NewPos(l.pad, y+(chartRow-l.textH)/2))
		bar.Move(fyne.NewPos(chartLabel+l.pad, y+(chartRow-chartBarH)/2))
		bar.Resize(fyne.NewSize(w, chartBarH))
		value.Move(fyne.NewPos(chartLabel+2*l.pad+w, y+(chartRow-l.textH)/2))
	}
}
