package kiosk

import (
	"testing"

	"fyne.io/fyne/v2"

	"pasapas/internal/visit"
)

// The first screen after « Commencer » shows whole themes, their names
// included, at every text size, in French and Arabic, on the smallest and
// a large screen: a visitor who chose the largest text once saw only
// pictograms there, each name below the fold under « Suite en bas » (an
// Arabic name on two lines made every tile of the grid as tall).
func TestView_ThemesShowTheirNamesAtEverySize(t *testing.T) {
	for _, screenSize := range [][2]int{{1024, 768}, {1920, 1080}} {
		for _, lang := range []string{"fr", "ar"} {
			h, _ := newDeskHarness(t, screenSize[0], screenSize[1])
			for size := 1; size <= visit.DefaultSizes; size++ {
				h.k.Stop() // a new visit: its language and text size
				h.k.SetLanguage(lang)
				for i := 1; i < size; i++ {
					h.k.Bigger()
				}
				h.k.Start()
				h.v.Render()
				s := h.v.Scroll
				d := fyne.CurrentApp().Driver()
				view := d.AbsolutePositionForObject(s.Box)
				bottom := view.Y + s.Box.Size().Height
				if s.More() {
					bottom = d.AbsolutePositionForObject(s.Cue).Y
				}
				tile := h.v.Primary
				top := d.AbsolutePositionForObject(tile).Y
				if top+tile.Size().Height > bottom+1 {
					t.Errorf("%v, %s, size %d: the first theme « %s » spans %.0f–%.0f px, the page is seen down to %.0f px",
						screenSize, lang, size, tile.Text, top, top+tile.Size().Height, bottom)
				}
			}
		}
	}
}

// On every screen the main action — the button the focus starts on — is in
// view when the screen opens, at every text size, in French and Arabic, on
// the smallest screen, a laptop's and a large one: the visitor never has
// to scroll to find what to do.
func TestView_MainActionInViewOnEveryScreen(t *testing.T) {
	for _, sz := range [][2]int{{1024, 768}, {1366, 768}, {1920, 1080}} {
		for _, lang := range []string{"fr", "ar"} {
			for size := 1; size <= visit.DefaultSizes; size++ {
				mainActionInView(t, sz[0], sz[1], lang, size)
			}
		}
	}
}

func mainActionInView(t *testing.T, width, height int, lang string, size int) {
	t.Helper()
	h, _ := newDeskHarness(t, width, height)
	h.eachScreen(lang, "ameli-compte", size, func(name string) {
		b := h.v.Primary
		if b == nil {
			return
		}
		d := fyne.CurrentApp().Driver()
		s := h.v.Scroll
		top := d.AbsolutePositionForObject(b).Y
		end := top + b.Size().Height
		bottom := float32(height)
		inPage := false
		walk(s.Scroll.Content, func(o fyne.CanvasObject) { inPage = inPage || o == fyne.CanvasObject(b) })
		if inPage { // in the scrolled page: seen down to its bottom, or to « Suite en bas »
			bottom = d.AbsolutePositionForObject(s.Box).Y + s.Box.Size().Height
			if s.More() {
				bottom = d.AbsolutePositionForObject(s.Cue).Y
			}
		}
		if end > bottom+1 {
			t.Errorf("%d×%d, %s, size %d, %s: « %s » spans %.0f–%.0f px, seen down to %.0f px",
				width, height, lang, size, name, b.Text, top, end, bottom)
		}
	})
}

// What stays above every screen (the bar, the reminder that help is
// coming, a notice) is as tall as its text once wrapped: it never runs
// over the screen under it. Seen: on « Merci et au revoir », after help was
// asked, the reminder's second line was drawn over the title.
func TestView_TopNeverRunsOverTheScreen(t *testing.T) {
	for _, lang := range []string{"fr", "ar"} {
		for size := 1; size <= visit.DefaultSizes; size++ {
			h, _ := newDeskHarness(t, 1024, 768)
			h.eachScreen(lang, "caf-aide-logement", size, func(name string) {
				top := h.v.frame.topBox
				if need, got := top.MinSize().Height, top.Size().Height; need > got+1 {
					t.Errorf("%s, size %d, %s: the top needs %.0f px, has %.0f", lang, size, name, need, got)
				}
			})
		}
	}
}
