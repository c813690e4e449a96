package kiosk

import (
	"strings"
	"testing"
	"testing/fstest"

	"pasapas/internal/guide"
)

// A centre's guide that exists only in French says so in the list, before
// a Turkish visitor picks it; a guide in their language does not.
func TestView_GuideListSaysInFrench(t *testing.T) {
	h := newHarness(t)
	centre := fstest.MapFS{"atelier-mairie.fr.toml": {Data: []byte(`id = "atelier-mairie"
category = "sante"
url = "https://www.ameli.fr/"
checked = 2026-11-21
title = "Prendre rendez-vous à la mairie"
summary = "Pour prendre un rendez-vous."

[[steps]]
id = "ouvrir"
title = "Ouvrez le site"
text = ["Cliquez sur « Ouvrir le site »."]
`)}}
	lib, ps := h.v.Library.Add(guide.Options{}, guide.Source{FS: centre, Dir: ".", Name: "centre"})
	for _, p := range ps {
		if p.Level == guide.Error {
			t.Fatalf("the test guide does not load: %v", p)
		}
	}
	h.v.SetLibrary(lib)
	h.k.SetLibrary(lib)
	h.k.Start()
	h.k.SetLanguage("tr")
	h.k.ChooseCategory("sante")
	h.v.Render()
	texts := h.texts()
	if !strings.Contains(texts, "Prendre rendez-vous à la mairie (Fransızca)") {
		t.Fatalf("the French-only guide is not marked:\n%s", texts)
	}
	if n := strings.Count(texts, "(Fransızca)"); n != 1 {
		t.Fatalf("%d guides marked as French, want only the centre's:\n%s", n, texts)
	}
}
