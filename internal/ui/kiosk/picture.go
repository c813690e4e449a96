package kiosk

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"pasapas/internal/guide"
)

// stepPicture returns a step's picture of the official site, to show under
// its text, or nil when the step has none. It is as wide as the text
// column (480 pixels beside the site, the reading measure on the whole
// screen), at most half the window high, keeps its proportions, and sits
// in a frame of the text's colour, so that a light drawing stays bounded
// on the dark background of high contrast; under it, a short note says
// that the real site may look a little different.
func (v *View) stepPicture(p *guide.StepPicture) fyne.CanvasObject {
	if p == nil || p.Picture == nil || p.Width <= 0 || p.Height <= 0 {
		return nil
	}
	img := canvas.NewImageFromResource(fyne.NewStaticResource(p.Name, p.Data))
	img.FillMode = canvas.ImageFillContain
	frame := canvas.NewRectangle(color.Transparent)
	frame.StrokeColor = theme.Color(theme.ColorNameForeground)
	frame.StrokeWidth = 2
	ratio := float32(p.Width) / float32(p.Height)
	w := v.pictureWidth()
	h := min(w/ratio, v.Window.Canvas().Size().Height/2)
	pic := container.New(&pictureLayout{ratio: ratio, height: h, rtl: v.dir.RTL}, img, frame)
	return container.NewVBox(pic, v.dir.Small(v.tr.T("kiosk.step.picture")))
}

// pictureWidth is the width a step's picture may take: the text column,
// less the scroll bar and the margins around the text.
func (v *View) pictureWidth() float32 {
	w := v.width(v.maxWidth > 0) - theme.Size(theme.SizeNameScrollBar) - 16 - 2*theme.Padding()
	return max(min(w, theme.TextSize()*42), 8*theme.Padding())
}

// stepReading is what « Écouter » reads on a step: the title, the
// sentences, what the picture shows and the notes, in the order they are
// on screen.
func stepReading(s guide.LocalStep) []string {
	out := append([]string{s.Title}, s.Sentences...)
	if s.Picture != nil {
		out = append(out, s.Picture.Alt)
	}
	return append(out, s.Attention...)
}

// pictureLayout draws a picture (the first object) and its frame (the
// second) as large as the room allows in width and height, keeping ratio,
// against the start of the reading direction.
type pictureLayout struct {
	ratio  float32 // width / height
	height float32
	rtl    bool
}

func (l *pictureLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(1, l.height) }

func (l *pictureLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, size.Height*l.ratio)
	h := w / l.ratio
	x := float32(0)
	if l.rtl {
		x = size.Width - w
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, h))
	}
}
