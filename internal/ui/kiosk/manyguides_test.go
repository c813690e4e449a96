package kiosk

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/guide"
	"pasapas/internal/visit"
)

// centreGuides adds n centre guides in the health category to the
// harness's library, as a centre with a large library of its own would.
func centreGuides(tb testing.TB, h *harness, n int) {
	tb.Helper()
	fsys := fstest.MapFS{}
	for i := range n {
		id := fmt.Sprintf("centre-%03d", i)
		fsys[id+".fr.toml"] = &fstest.MapFile{Data: []byte(fmt.Sprintf(`id = %q
category = "sante"
url = "https://www.ameli.fr/"
checked = 2026-11-21
title = "Démarche du centre numéro %03d"
summary = "Une démarche propre au centre."

[[steps]]
id = "ouvrir"
title = "Ouvrez le site"
text = ["Cliquez sur « Ouvrir le site »."]
`, id, i))}
	}
	lib, ps := h.v.Library.Add(guide.Options{}, guide.Source{FS: fsys, Dir: ".", Name: "centre"})
	if guide.HasErrors(ps) {
		tb.Fatalf("the centre's guides do not load: %v", ps)
	}
	h.v.SetLibrary(lib)
	h.k.SetLibrary(lib)
}

// Issue 16's bad input: a library with hundreds of centre guides. Every
// one is in its category's list and found by the search, and the list
// scrolls inside the window rather than growing it.
func TestView_HundredsOfCentreGuides(t *testing.T) {
	h := newHarness(t)
	centreGuides(t, h, 300)
	h.k.Start()
	h.k.ChooseCategory("sante")
	h.v.Render()
	texts := h.texts()
	for _, i := range []int{0, 150, 299} {
		if want := fmt.Sprintf("Démarche du centre numéro %03d", i); !strings.Contains(texts, want) {
			t.Errorf("the health list lacks %q", want)
		}
	}
	if got := h.w.Canvas().Size(); got.Width > 1024 || got.Height > 768 {
		t.Errorf("300 guides grew the window to %v", got)
	}
	h.k.OpenSearch()
	h.v.Render()
	test.Type(h.v.Search, "numéro 217")
	if !strings.Contains(h.texts(), "Démarche du centre numéro 217") {
		t.Errorf("the search does not find a centre guide among 300:\n%.2000s", h.texts())
	}
}

// BenchmarkGuideList300 is the kiosk's own work to show a category of 300
// guides (state, widgets, layout in Fyne's test driver; no painting).
//
//	go test -tags ci -run '^$' -bench GuideList300 ./internal/ui/kiosk/
func BenchmarkGuideList300(b *testing.B) {
	h := newHarness(b)
	centreGuides(b, h, 300)
	h.k.Start()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		h.k.ChooseCategory("sante")
		h.v.Render()
		h.k.Back()
		h.v.Render()
	}
}

// The guides are read after the first screen: a visitor who taps
// « Commencer » before they came reads that they are coming, with a
// moving bar — never an empty list — then sees them as soon as they are
// there.
func TestView_ListsSayTheGuidesAreComing(t *testing.T) {
	h := newHarness(t)
	lib := h.v.Library
	h.v.LibraryPending = true
	h.k.Start()
	h.k.Begin()
	h.v.Render()
	if h.k.Screen() != visit.Categories {
		t.Fatalf("screen %v after « Commencer », want the categories", h.k.Screen())
	}
	texts := h.texts()
	if !strings.Contains(texts, "les démarches arrivent") {
		t.Fatalf("the list says nothing while the guides load:\n%s", texts)
	}
	if !hasInfiniteBar(h.w.Content()) {
		t.Error("no moving bar while the guides load")
	}
	h.v.SetLibrary(lib)
	texts = h.texts()
	if strings.Contains(texts, "les démarches arrivent") || !strings.Contains(texts, "Santé") {
		t.Fatalf("the categories do not come with the guides:\n%s", texts)
	}
}

func hasInfiniteBar(o fyne.CanvasObject) bool {
	switch x := o.(type) {
	case *widget.ProgressBarInfinite:
		return x.Visible()
	case *fyne.Container:
		for _, c := range x.Objects {
			if hasInfiniteBar(c) {
				return true
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if hasInfiniteBar(c) {
				return true
			}
		}
	}
	return false
}
