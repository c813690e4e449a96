package controls

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/guide"
	"pasapas/internal/ui/themes"
)

// Dir is the reading direction of the visitor's language. Every screen
// builds its rows through it: this is the one place where layouts are
// mirrored for right-to-left languages (Fyne does not do it).
type Dir struct{ RTL bool }

// Align returns the text alignment of the reading direction.
func (d Dir) Align() fyne.TextAlign {
	if d.RTL {
		return fyne.TextAlignTrailing
	}
	return fyne.TextAlignLeading
}

// Row lays objects out from the start of the reading direction: left to
// right, or right to left. Tab order follows the visual order.
func (d Dir) Row(objs ...fyne.CanvasObject) *fyne.Container {
	if d.RTL { // right to left, from the right edge
		return container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, reversed(objs)...)...)
	}
	return container.NewHBox(objs...)
}

// Ends puts start at the start of the line and end at its end, with space
// between (e.g. Previous … Next). Either may be nil.
func (d Dir) Ends(start, end fyne.CanvasObject) *fyne.Container {
	if d.RTL {
		start, end = end, start
	}
	objs := []fyne.CanvasObject{}
	if start != nil {
		objs = append(objs, start)
	}
	objs = append(objs, layout.NewSpacer())
	if end != nil {
		objs = append(objs, end)
	}
	return container.NewHBox(objs...)
}

// Lead puts a small object (a pictogram) at the start of the line and lets
// content (wrapping text) take the rest of the width.
func (d Dir) Lead(lead, content fyne.CanvasObject) *fyne.Container {
	if lead == nil {
		return container.NewStack(content)
	}
	if d.RTL {
		return container.NewBorder(nil, nil, nil, lead, content)
	}
	return container.NewBorder(nil, nil, lead, nil, content)
}

// Trail lets content (wrapping text) take the line and puts a small
// object (a button) at the end of the reading direction.
func (d Dir) Trail(content, trail fyne.CanvasObject) *fyne.Container {
	if d.RTL {
		return container.NewBorder(nil, nil, trail, nil, content)
	}
	return container.NewBorder(nil, nil, nil, trail, content)
}

// Grid lays tiles in columns, first tile at the start of the reading direction.
func (d Dir) Grid(cols int, objs ...fyne.CanvasObject) *fyne.Container {
	if d.RTL {
		var rows []fyne.CanvasObject
		for i := 0; i < len(objs); i += cols {
			row := objs[i:min(i+cols, len(objs))]
			for len(row) < cols { // keep columns aligned on the last row
				row = append(row, layout.NewSpacer())
			}
			rows = append(rows, reversed(row)...)
		}
		objs = rows
	}
	return container.NewGridWithColumns(cols, objs...)
}

func reversed(objs []fyne.CanvasObject) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(objs))
	for i, o := range objs {
		out[len(objs)-1-i] = o
	}
	return out
}

// Heading returns a title in large bold type.
func (d Dir) Heading(text string) fyne.CanvasObject {
	return d.text(text, theme.SizeNameHeadingText, true)
}

// Huge returns the welcome screen's greeting.
func (d Dir) Huge(text string) fyne.CanvasObject {
	return d.text(text, themes.SizeNameHuge, true)
}

// Small returns a line at the size of the bar's labels (a status under the
// step, in the narrow guide column).
func (d Dir) Small(text string) fyne.CanvasObject {
	return d.text(text, themes.SizeNameBar, false)
}

// Paragraph returns body text that wraps at word boundaries.
func (d Dir) Paragraph(text string) fyne.CanvasObject {
	return d.text(text, theme.SizeNameText, false)
}

// text returns wrapping text: a RichText from left to right, an RTLText
// from right to left (Fyne's RichText puts the runs of a line in logical
// order, which mixed Arabic and Latin text does not survive).
func (d Dir) text(text string, size fyne.ThemeSizeName, bold bool) fyne.CanvasObject {
	if d.RTL {
		return NewRTLText(size, []Span{{Text: text, Bold: bold}})
	}
	seg := &widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		Alignment: d.Align(), SizeName: size, ColorName: theme.ColorNameForeground,
		TextStyle: fyne.TextStyle{Bold: bold}, Inline: false,
	}}
	rt := widget.NewRichText(seg)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// Sentences returns guide text as one line per sentence. Glossary words
// are shown in bold in the link colour; Terms lists them, for the big
// buttons that open their explanation.
func (d Dir) Sentences(sentences []string) fyne.CanvasObject {
	if d.RTL {
		var paras [][]Span
		for _, s := range sentences {
			spans, _ := guide.Spans(s)
			var para []Span
			for _, sp := range spans {
				span := Span{Text: sp.Text}
				if sp.Term != "" {
					span.Bold, span.Color = true, theme.ColorNameHyperlink
				}
				para = append(para, span)
			}
			paras = append(paras, para)
		}
		return NewRTLText(theme.SizeNameText, paras...)
	}
	var segs []widget.RichTextSegment
	for _, s := range sentences {
		spans, _ := guide.Spans(s)
		for j, sp := range spans {
			style := widget.RichTextStyle{Alignment: d.Align(), ColorName: theme.ColorNameForeground,
				SizeName: theme.SizeNameText, Inline: j < len(spans)-1}
			if sp.Term != "" {
				style.ColorName = theme.ColorNameHyperlink
				style.TextStyle = fyne.TextStyle{Bold: true}
			}
			segs = append(segs, &widget.TextSegment{Text: sp.Text, Style: style})
		}
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// Terms returns the glossary words marked in sentences, each once, in order.
func Terms(sentences []string) []guide.Span {
	var out []guide.Span
	seen := map[string]bool{}
	for _, s := range sentences {
		spans, _ := guide.Spans(s)
		for _, sp := range spans {
			if sp.Term != "" && !seen[sp.Term] {
				seen[sp.Term] = true
				out = append(out, sp)
			}
		}
	}
	return out
}

// Pictogram returns a pictogram drawn in the theme's text colour, or nil
// when res is nil.
func Pictogram(res fyne.Resource, size float32) fyne.CanvasObject {
	if res == nil {
		return nil
	}
	img := canvas.NewImageFromResource(theme.NewThemedResource(res))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(size, size))
	return img
}

// Box returns content on a coloured background with padding (attention notes).
func Box(bg fyne.ThemeColorName, content fyne.CanvasObject) fyne.CanvasObject {
	rect := canvas.NewRectangle(theme.Color(bg))
	rect.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	rect.StrokeColor = theme.Color(theme.ColorNameForeground)
	rect.StrokeWidth = 2
	return container.NewStack(rect, container.NewPadded(content))
}

// Measure keeps text lines readable on wide screens: content is laid out at
// most about 80 characters wide (WCAG 1.4.8), from the start of the reading
// direction.
func (d Dir) Measure(content fyne.CanvasObject) fyne.CanvasObject {
	return container.New(measureLayout{rtl: d.RTL}, content)
}

type measureLayout struct{ rtl bool }

func (m measureLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (m measureLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	limit := max(theme.TextSize()*42, objs[0].MinSize().Width)
	w := min(size.Width, limit)
	x := float32(0)
	if m.rtl {
		x = size.Width - w
	}
	objs[0].Move(fyne.NewPos(x, 0))
	objs[0].Resize(fyne.NewSize(w, size.Height))
}
