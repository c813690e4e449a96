package kiosk

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// The step that opens the official site names it, large, for the visitor
// to check at the top of the browser — on the whole screen and in the
// column beside the site.
func TestView_OfficialHostShown(t *testing.T) {
	for _, lang := range []string{"fr", "ar"} {
		h, _ := newDeskHarness(t, 1366, 768)
		h.toSiteStep(lang)
		if !strings.Contains(h.texts(), "www.ameli.fr") {
			t.Fatalf("%s: the site step does not name the official site:\n%s", lang, h.texts())
		}
		h.press(fyne.KeyReturn) // « Ouvrir le site »: the column
		h.v.Render()
		if !strings.Contains(h.texts(), "www.ameli.fr") {
			t.Fatalf("%s: beside the site, the column does not name it:\n%s", lang, h.texts())
		}
	}
}
