package kiosk

import (
	"bytes"
	"image"
	"image/color"
	_ "image/jpeg" // a centre's screenshots
	_ "image/png"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/fyne-io/oksvg"
	xdraw "golang.org/x/image/draw"

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
	var img fyne.CanvasObject
	if r := v.pictures.get(p.Picture); r != nil {
		img = r // drawn once at the size shown
	} else {
		i := canvas.NewImageFromResource(fyne.NewStaticResource(p.Name, p.Data))
		i.FillMode = canvas.ImageFillContain
		i.ScaleMode = canvas.ImageScaleSmooth
		img = i
	}
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

// pictureCache holds the step pictures, each drawn once at the size it
// is shown, in pixels, by the raster object that shows it. Fyne would
// draw an SVG again at every change of size (each layout of the step), or
// scale an image in software (CatmullRom, about 6 ms of CPU, more under
// load) and convert it each time a new image object is painted, that is
// on every step change: a raster hands it the pixels at the right size,
// already in the texture's format. The few last pictures are kept.
type pictureCache struct {
	names []string
	shown map[string]*shownPicture
}

// shownPicture is one picture: its raster object, and its source and
// last drawing, used from the painting goroutine.
type shownPicture struct {
	raster *canvas.Raster
	p      *guide.Picture

	mu      sync.Mutex
	decoded image.Image // a PNG or JPEG, decoded once
	drawn   *image.RGBA // at the last size asked
}

// pictureCacheSize is how many pictures stay drawn.
const pictureCacheSize = 6

// get returns the raster object showing p, or nil when p cannot be drawn
// (the caller then lets Fyne draw it).
func (c *pictureCache) get(p *guide.Picture) *canvas.Raster {
	if s, ok := c.shown[p.Name]; ok {
		return s.raster
	}
	s := &shownPicture{p: p}
	if p.Format != "svg" {
		img, _, err := image.Decode(bytes.NewReader(p.Data))
		if err != nil {
			return nil // checked when the guide loaded; Fyne shows its own placeholder
		}
		s.decoded = img
	} else if _, err := oksvg.ReadIconStream(bytes.NewReader(p.Data)); err != nil {
		return nil
	}
	s.raster = canvas.NewRaster(s.draw)
	if c.shown == nil {
		c.shown = map[string]*shownPicture{}
	}
	if len(c.names) == pictureCacheSize {
		delete(c.shown, c.names[0])
		c.names = c.names[1:]
	}
	c.names = append(c.names, p.Name)
	c.shown[p.Name] = s
	return s.raster
}

// draw returns the picture w × h pixels, in proportion, from the start of
// the space (the layout gives the raster the picture's own proportions):
// drawn again only when the size changed.
func (s *shownPicture) draw(w, h int) image.Image {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.drawn != nil && s.drawn.Rect.Dx() == w && s.drawn.Rect.Dy() == h {
		return s.drawn
	}
	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	// The largest w' × h' of the picture's proportions in w × h.
	pw, ph := w, int(float64(w)*float64(s.p.Height)/float64(s.p.Width))
	if ph > h {
		pw, ph = int(float64(h)*float64(s.p.Width)/float64(s.p.Height)), h
	}
	pw, ph = max(pw, 1), max(ph, 1)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	if s.decoded != nil {
		xdraw.CatmullRom.Scale(out, image.Rect(0, 0, pw, ph), s.decoded, s.decoded.Bounds(), xdraw.Over, nil)
	} else if icon, err := oksvg.ReadIconStream(bytes.NewReader(s.p.Data)); err == nil {
		icon.SetTarget(0, 0, float64(pw), float64(ph))
		d := controls.DrawSVG(icon, pw, ph)
		xdraw.Draw(out, d.Rect, d, image.Point{}, xdraw.Src)
	}
	s.drawn = out
	return out
}
