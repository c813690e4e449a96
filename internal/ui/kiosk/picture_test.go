package kiosk

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// pictureShown returns the step picture drawn in the window (a raster, or
// an image when it cannot be drawn), or nil.
func (h *harness) pictureShown() fyne.CanvasObject {
	var img fyne.CanvasObject
	walk(h.w.Content(), func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok {
			if _, ok := c.Layout.(*pictureLayout); ok {
				switch p := c.Objects[0].(type) {
				case *canvas.Raster, *canvas.Image:
					img = p
				}
			}
		}
	})
	return img
}

// TestView_StepPicture: the ameli step « Créer un compte » shows the
// drawing of the site under its text, as wide as the text column and no
// wider, with the note that the real site may differ; « Écouter » reads
// what it shows; in the column beside the site (480 pixels) and in high
// contrast it is still there, within the column.
func TestView_StepPicture(t *testing.T) {
	for _, tt := range []struct {
		name     string
		w, h     int
		lang     string
		contrast bool
	}{
		{"fr whole screen", 1024, 768, "fr", false},
		{"fr column", 1024, 768, "fr", true},
		{"ar column", 1366, 768, "ar", false},
		{"uk 1920", 1920, 1080, "uk", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h, d := newDeskHarness(t, tt.w, tt.h)
			sp := &fakeSpeaker{voices: map[string]bool{tt.lang: true}}
			h.v.Speech = sp
			h.toSiteStep(tt.lang)
			if tt.contrast {
				h.k.ToggleContrast()
			}
			if strings.Contains(tt.name, "column") || tt.w == 1920 {
				h.press(fyne.KeyReturn) // « Ouvrir le site »: the guide becomes a column
				if d.mode() != Column {
					t.Fatalf("mode %v, want the column", d.mode())
				}
			} else {
				h.k.Next()
			}
			for h.k.Guide().Steps[h.k.StepIndex()].ID != "creer-compte" {
				h.k.Next()
			}
			h.v.Render()
			img := h.pictureShown()
			if img == nil {
				t.Fatalf("step %q: no picture on screen", "creer-compte")
			}
			width := h.w.Canvas().Size().Width
			if s := img.Size(); s.Width < 200 || s.Width > width || s.Height < s.Width/2 || s.Height > s.Width*0.7 {
				t.Errorf("picture %v in a window %v wide, want the column's width at most, with its 640×400 proportions", s, width)
			}
			note := h.v.tr.T("kiosk.step.picture")
			if !strings.Contains(h.texts(), strings.Fields(note)[0]) {
				t.Errorf("screen %q, want the note %q", h.texts(), note)
			}
			test.Tap(h.v.ReadAloud)
			alt := h.k.Guide().In(tt.lang).Steps[h.k.StepIndex()].Picture.Alt
			if len(sp.read) != 1 || !strings.Contains(sp.read[0], alt) {
				t.Errorf("read = %q, want the picture's alt text %q", sp.read, alt)
			}
		})
	}
}
