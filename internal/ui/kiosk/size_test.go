package kiosk

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"pasapas/internal/ui/controls"
	"pasapas/internal/visit"
)

// searched is what eachScreen types in the search field, by language.
var searched = map[string]string{"fr": "logement", "ar": "السكن"}

// eachScreen drives the kiosk to each visitor screen of a guide, in a
// language and at a text size, and calls fn with a name for the screen.
func (h *harness) eachScreen(lang, guideID string, size int, fn func(name string)) {
	k := h.k
	k.Stop()
	k.SetLanguage(lang)
	for i := 1; i < size; i++ {
		k.Bigger()
	}
	h.v.Render()
	fn("welcome")
	do := func(name string, action func()) {
		action()
		h.v.Render()
		fn(name)
	}
	do("categories", k.Start)
	do("search", k.OpenSearch)
	h.v.Search.SetText(searched[lang])
	fn("search-results")
	k.Back()
	do("guides", func() { k.ChooseCategory(k.Library().ByID(guideID).Category) })
	do("intro", func() { k.ChooseGuide(guideID) })
	g := k.Guide()
	do("checklist", k.Begin)
	do("checklist-missing", func() { k.Answer(false) })
	for range g.Checklist[1:] {
		k.Answer(true)
	}
	k.ContinueAnyway()
	for i := range g.Steps {
		h.v.Render()
		fn(fmt.Sprintf("step-%d", i+1))
		k.Next()
	}
	h.v.Render()
	fn("result")
	do("help", k.AskHelp)
	do("result-again", k.DismissHelp)
	do("goodbye", func() { k.Finish(visit.Appointment) })
}

// tooWide lists the objects wider than the window.
func tooWide(o fyne.CanvasObject, limit float32) []string {
	var out []string
	walk(o, func(c fyne.CanvasObject) {
		if w := c.MinSize().Width; w > limit {
			label := fmt.Sprintf("%T", c)
			switch x := c.(type) {
			case *controls.Button:
				label += " " + x.Text
			case *controls.RTLText:
				label += " " + x.String()
			}
			out = append(out, fmt.Sprintf("%s (%.0f px)", label, w))
		}
	})
	return out
}

// smallTargets lists the tappable objects smaller than 64 × 64 px.
func smallTargets(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(c fyne.CanvasObject) {
		if _, ok := c.(fyne.Tappable); !ok {
			return
		}
		if s := c.Size(); s.Width < 64 || s.Height < 64 {
			label := fmt.Sprintf("%T", c)
			if b, ok := c.(*controls.Button); ok {
				label += " " + b.Text
			}
			out = append(out, fmt.Sprintf("%s (%.0f × %.0f)", label, s.Width, s.Height))
		}
	})
	return out
}

func TestView_NoHorizontalScrollAt1024(t *testing.T) {
	h := newHarness(t)
	for _, lang := range []string{"fr", "ar"} {
		for size := 1; size <= visit.DefaultSizes; size++ {
			for _, id := range []string{"ameli-compte", "caf-aide-logement", "impots-declarer-revenus"} {
				h.eachScreen(lang, id, size, func(name string) {
					rtl := false
					walk(h.w.Content(), func(o fyne.CanvasObject) { _, ok := o.(*controls.RTLText); rtl = rtl || ok })
					if rtl != (lang == "ar") {
						t.Fatalf("%s, size %d, %s, %s: right-to-left text shown = %v", lang, size, id, name, rtl)
					}
					for _, small := range smallTargets(h.w.Content()) {
						t.Errorf("%s, size %d, %s, %s: tappable %s is smaller than 64 × 64", lang, size, id, name, small)
					}
					if w := h.w.Content().MinSize().Width; w > 1024 {
						t.Errorf("%s, size %d, %s, %s: needs %.0f px wide, more than 1024: %s", lang, size, id, name, w,
							strings.Join(tooWide(h.w.Content(), 1024), "; "))
					}
				})
			}
		}
	}
}
