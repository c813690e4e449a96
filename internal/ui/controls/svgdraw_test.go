package controls

import (
	"bytes"
	"image"
	"image/color"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"

	"pasapas/assets"
)

// TestDrawSVG draws every pictogram and built-in step picture with
// DrawSVG and with rasterx's own scanner (whole image per path), and
// wants the same pixels, within rounding (premultiplied against straight
// alpha).
func TestDrawSVG(t *testing.T) {
	for _, dir := range []string{"pictograms", "guides/pictures"} {
		names, err := fs.Glob(assets.Files(), dir+"/*.svg")
		if err != nil || len(names) == 0 {
			t.Fatalf("Glob(%s) = %v, %v, want SVG files", dir, names, err)
		}
		for _, name := range names {
			t.Run(path.Base(name), func(t *testing.T) {
				data, err := fs.ReadFile(assets.Files(), name)
				if err != nil {
					t.Fatal(err)
				}
				w, h := 128, 96
				if strings.HasPrefix(dir, "guides") {
					w, h = 480, 300
				}
				got := DrawSVG(target(t, data, w, h), w, h)
				want := image.NewNRGBA(image.Rect(0, 0, w, h))
				icon := target(t, data, w, h)
				icon.Draw(rasterx.NewDasher(w, h, rasterx.NewScannerGV(w, h, want, want.Bounds())), 1)
				if d, x, y := maxDiff(got, want); d > 2 {
					t.Errorf("DrawSVG(%s) differs from rasterx's scanner by %d at (%d, %d), want ≤ 2", name, d, x, y)
				}
				if opaque(got) == 0 {
					t.Errorf("DrawSVG(%s) drew nothing", name)
				}
			})
		}
	}
}

func target(t *testing.T, data []byte, w, h int) *oksvg.SvgIcon {
	t.Helper()
	icon, err := oksvg.ReadIconStream(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	icon.SetTarget(0, 0, float64(w), float64(h))
	return icon
}

// maxDiff returns the largest difference of one 8-bit channel between a
// and b, both seen premultiplied, and where it is.
func maxDiff(a, b image.Image) (d, atX, atY int) {
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ca := color.RGBAModel.Convert(a.At(x, y)).(color.RGBA)
			cb := color.RGBAModel.Convert(b.At(x, y)).(color.RGBA)
			for _, v := range []int{int(ca.R) - int(cb.R), int(ca.G) - int(cb.G), int(ca.B) - int(cb.B), int(ca.A) - int(cb.A)} {
				if v < 0 {
					v = -v
				}
				if v > d {
					d, atX, atY = v, x, y
				}
			}
		}
	}
	return d, atX, atY
}

func opaque(img *image.RGBA) (n int) {
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] > 0 {
			n++
		}
	}
	return n
}

// BenchmarkDrawSVG is a step picture drawn 960 px wide, as the kiosk
// keeps it.
func BenchmarkDrawSVG(b *testing.B) {
	data, err := fs.ReadFile(assets.Files(), "guides/pictures/ameli-identite.svg")
	if err != nil {
		b.Fatal(err)
	}
	for range b.N {
		icon, err := oksvg.ReadIconStream(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		icon.SetTarget(0, 0, 960, 600)
		DrawSVG(icon, 960, 600)
	}
}
