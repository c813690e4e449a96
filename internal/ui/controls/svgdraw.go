package controls

import (
	"image"
	"image/color"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// DrawSVG draws icon, already set to its target, into a new w × h image.
// Each path is rasterised over its own bounding box only, into
// premultiplied RGBA (the vector rasteriser's fast path): rasterx's own
// scanner goes over the whole image for every path and sets pixels one
// by one through colour conversions, which made a 960 px step picture of
// a few hundred paths take 2 to 3 s.
func DrawSVG(icon *oksvg.SvgIcon, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	s := &boxScanner{dst: img}
	icon.Draw(rasterx.NewDasher(w, h, s), 1)
	return img
}

// boxScanner is a rasterx.Scanner over an RGBA image that records a
// path's points and, when asked to draw it, rasterises it in a rasteriser
// the size of the path's bounding box (within the image and the clip).
type boxScanner struct {
	dst      *image.RGBA
	clip     image.Rectangle
	uniform  image.Uniform
	src      image.Image
	pts      []pathPoint
	min, max fixed.Point26_6
	z        vector.Rasterizer
}

type pathPoint struct {
	p     fixed.Point26_6
	start bool
}

var _ rasterx.Scanner = (*boxScanner)(nil)

func (s *boxScanner) add(p fixed.Point26_6, start bool) {
	if len(s.pts) == 0 {
		s.min, s.max = p, p
	} else {
		s.min.X, s.min.Y = min(s.min.X, p.X), min(s.min.Y, p.Y)
		s.max.X, s.max.Y = max(s.max.X, p.X), max(s.max.Y, p.Y)
	}
	s.pts = append(s.pts, pathPoint{p, start})
}

func (s *boxScanner) Start(a fixed.Point26_6) { s.add(a, true) }
func (s *boxScanner) Line(b fixed.Point26_6)  { s.add(b, false) }

func (s *boxScanner) GetPathExtent() fixed.Rectangle26_6 {
	return fixed.Rectangle26_6{Min: s.min, Max: s.max}
}

// SetBounds is the size the filler was made for: the image's.
func (s *boxScanner) SetBounds(int, int) {}

// SetWinding is not supported: non-zero winding, as rasterx's scanner.
func (s *boxScanner) SetWinding(bool) {}

func (s *boxScanner) SetColor(c interface{}) {
	switch c := c.(type) {
	case color.Color:
		s.uniform.C = c
		s.src = &s.uniform
	case rasterx.ColorFunc:
		s.src = colorFunc(c)
	}
}

func (s *boxScanner) SetClip(r image.Rectangle) { s.clip = r }

func (s *boxScanner) Clear() { s.pts = s.pts[:0] }

func (s *boxScanner) Draw() {
	if len(s.pts) == 0 || s.src == nil {
		return
	}
	r := image.Rect(s.min.X.Floor(), s.min.Y.Floor(), s.max.X.Ceil()+1, s.max.Y.Ceil()+1).Intersect(s.dst.Rect)
	if s.clip != image.ZR {
		r = r.Intersect(s.clip)
	}
	if r.Empty() {
		return
	}
	s.z.Reset(r.Dx(), r.Dy())
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	for _, p := range s.pts {
		x, y := float32(p.p.X)/64-ox, float32(p.p.Y)/64-oy
		if p.start {
			s.z.MoveTo(x, y)
		} else {
			s.z.LineTo(x, y)
		}
	}
	s.z.Draw(s.dst, r, s.src, r.Min)
}

// colorFunc is a gradient's colours as an image, in the image's
// coordinates.
type colorFunc rasterx.ColorFunc

func (f colorFunc) ColorModel() color.Model { return color.RGBA64Model }
func (f colorFunc) Bounds() image.Rectangle {
	return image.Rect(-1e9, -1e9, 1e9, 1e9)
}
func (f colorFunc) At(x, y int) color.Color { return f(x, y) }
