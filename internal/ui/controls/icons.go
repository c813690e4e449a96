package controls

import (
	"bytes"
	"errors"
	"image"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"github.com/fyne-io/oksvg"
)

// Icons draws SVG pictograms and icons in a colour of the current theme at
// a size, once: later asks for the same name, colour and size get the same
// pixels. Fyne would parse, colour and rasterise the SVG again each time an
// image showing it is refreshed, that is on every screen of the kiosk.
//
// An Icons belongs to one screen (the kiosk view) and is used from the UI
// goroutine only. It holds at most Max drawings; the owner empties it when
// the theme changes (Reset).
type Icons struct {
	// Scale is the canvas scale: an icon of size s is drawn s × Scale
	// pixels wide (1 when 0).
	Scale float32
	// Max is the most drawings kept (64 when 0); past it, the cache starts
	// again empty.
	Max int

	drawn map[iconKey]image.Image
}

type iconKey struct {
	name string
	rgba [4]uint32
	px   int
}

// NewIcons returns an empty cache.
func NewIcons() *Icons { return &Icons{drawn: map[iconKey]image.Image{}} }

// Len returns how many drawings are kept.
func (c *Icons) Len() int { return len(c.drawn) }

// Reset forgets every drawing (the theme changed).
func (c *Icons) Reset() { clear(c.drawn) }

// Image returns res drawn in the theme colour name, size wide and high
// (its aspect kept), or nil when res is nil or not a drawable SVG.
func (c *Icons) Image(res fyne.Resource, name fyne.ThemeColorName, size float32) image.Image {
	if res == nil || size <= 0 {
		return nil
	}
	scale := c.Scale
	if scale <= 0 {
		scale = 1
	}
	col := theme.Color(name)
	r, g, b, a := col.RGBA()
	key := iconKey{name: res.Name(), rgba: [4]uint32{r, g, b, a}, px: int(math.Ceil(float64(size * scale)))}
	if img, ok := c.drawn[key]; ok {
		return img
	}
	var img image.Image // nil, not a nil *image.RGBA, when it cannot be drawn
	if drawn, err := rasterise(theme.NewColoredResource(res, name).Content(), key.px); err != nil {
		fyne.LogError("draw pictogram "+res.Name(), err)
	} else {
		img = drawn
	}
	if c.drawn == nil {
		c.drawn = map[iconKey]image.Image{}
	}
	limit := c.Max
	if limit <= 0 {
		limit = 64
	}
	if len(c.drawn) >= limit {
		clear(c.drawn)
	}
	c.drawn[key] = img
	return img
}

// Pictogram returns res in the foreground colour as a square of side
// size, or nil when res is nil.
func (c *Icons) Pictogram(res fyne.Resource, size float32) fyne.CanvasObject {
	img := c.Image(res, theme.ColorNameForeground, size)
	if img == nil {
		return nil
	}
	o := canvas.NewImageFromImage(img)
	o.FillMode = canvas.ImageFillContain
	o.SetMinSize(fyne.NewSize(size, size))
	return o
}

// rasterise draws an SVG px pixels on its longer side, as Fyne does.
func rasterise(svg []byte, px int) (img *image.RGBA, err error) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(svg))
	if err != nil {
		return nil, err
	}
	vb := icon.ViewBox
	if vb.W <= 0 || vb.H <= 0 {
		return nil, errors.New("no view box")
	}
	w, h := px, px
	if aspect := vb.W / vb.H; aspect > 1 {
		h = max(1, int(float64(px)/aspect))
	} else if aspect < 1 {
		w = max(1, int(float64(px)*aspect))
	}
	var y float64
	if vb.Y < 0 {
		y = vb.Y + (-vb.Y/vb.H)*float64(h)
	}
	icon.SetTarget(0, y, float64(w), float64(h))
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, errors.New("crash when drawing the SVG")
		}
	}()
	return DrawSVG(icon, w, h), nil
}
