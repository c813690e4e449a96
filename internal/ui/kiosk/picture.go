package kiosk

import (
	"bytes"
	"image"
	"image/color"
	_ "image/jpeg" // a centre's screenshots
	_ "image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/fyne-io/oksvg"

	"pasapas/internal/guide"
	"pasapas/internal/ui/controls"
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
	var img *canvas.Image
	if raster := v.pictures.get(p.Picture); raster != nil {
		img = canvas.NewImageFromImage(raster) // scaled when drawn, never drawn again from the SVG
	} else {
		img = canvas.NewImageFromResource(fyne.NewStaticResource(p.Name, p.Data))
	}
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleSmooth
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

// pictureCache holds the step pictures drawn once into pixels: Fyne draws
// an SVG again at every change of size (each layout of the step), which
// cost 80 % of a step's work on an old PC. The few last pictures are kept.
type pictureCache struct {
	names []string
	imgs  map[string]image.Image
}

// pictureCacheSize is how many pictures stay drawn; pictureWidth the width
// they are drawn at, enough for the widest reading column (42 em).
const (
	pictureCacheSize = 6
	pictureWidth     = 960
)

// get returns p drawn into pixels, or nil when it cannot be (the caller
// then lets Fyne draw it).
func (c *pictureCache) get(p *guide.Picture) image.Image {
	if img, ok := c.imgs[p.Name]; ok {
		return img
	}
	img := drawPicture(p)
	if img == nil {
		return nil
	}
	if c.imgs == nil {
		c.imgs = map[string]image.Image{}
	}
	if len(c.names) == pictureCacheSize {
		delete(c.imgs, c.names[0])
		c.names = c.names[1:]
	}
	c.names = append(c.names, p.Name)
	c.imgs[p.Name] = img
	return img
}

// drawPicture decodes a PNG or JPEG, or draws an SVG at pictureWidth.
func drawPicture(p *guide.Picture) image.Image {
	if p.Format != "svg" {
		img, _, err := image.Decode(bytes.NewReader(p.Data))
		if err != nil {
			return nil // checked when the guide loaded; Fyne shows its own placeholder
		}
		return img
	}
	icon, err := oksvg.ReadIconStream(bytes.NewReader(p.Data))
	if err != nil {
		return nil
	}
	w := pictureWidth
	h := int(float64(w) * float64(p.Height) / float64(p.Width))
	if h <= 0 {
		return nil
	}
	icon.SetTarget(0, 0, float64(w), float64(h))
	return controls.DrawSVG(icon, w, h)
}
