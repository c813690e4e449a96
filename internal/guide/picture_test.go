package guide_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"pasapas/internal/guide"
)

// pictureGuide returns a French guide file whose one step shows picture
// with alt text alt (none when empty); the picture line is line 10.
func pictureGuide(picture, alt string) []byte {
	b := fmt.Appendf(nil, `id = "essai"
category = "internet"
url = "https://www.service-public.fr"
checked = 2026-06-01
title = "Essayer"
[[steps]]
id = "lire"
title = "Lisez"
text = ["Cliquez sur « Suivant »."]
picture = %q
`, picture)
	if alt != "" {
		b = fmt.Appendf(b, "alt = %q\n", alt)
	}
	return b
}

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const svgOK = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 400"><rect x="1" y="1" width="10" height="10" fill="url(#g)"/><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs></svg>`

func TestLoad_Pictures(t *testing.T) {
	const alt = "Dessin du site. Le bouton est entouré. Le vrai site peut être un peu différent."
	svg := func(inner string) []byte {
		return []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 50">` + inner + `</svg>`)
	}
	tests := []struct {
		name    string
		picture string
		alt     string
		file    string // name of the file in pictures/
		data    []byte
		want    []string // "line: level: code"
		size    string   // of the picture that loaded, "" when none
	}{
		{"SVG", "site.svg", alt, "site.svg", []byte(svgOK), nil, "640×400"},
		{"PNG", "site.png", alt, "site.png", pngOf(t, 300, 200), nil, "300×200"},
		{"JPEG named .jpg", "site.jpg", alt, "site.jpg", jpegOf(t, 64, 32), nil, "64×32"},
		{"no alt text", "site.svg", "", "site.svg", []byte(svgOK), []string{"10: error: missing-alt"}, "640×400"},
		{"missing file", "autre.svg", alt, "site.svg", []byte(svgOK), []string{"10: error: unknown-picture"}, ""},
		{"name outside the safe alphabet", "../../etc/passwd.svg", alt, "site.svg", []byte(svgOK), []string{"10: error: bad-picture"}, ""},
		{"unknown extension", "site.gif", alt, "site.gif", []byte("GIF89a"), []string{"10: error: bad-picture"}, ""},
		{"too large", "site.svg", alt, "site.svg", append([]byte(svgOK), bytes.Repeat([]byte(" "), guide.MaxPictureSize)...), []string{"10: error: picture-too-large"}, ""},
		{"PNG named .jpg", "site.jpg", alt, "site.jpg", pngOf(t, 64, 64), []string{"10: error: bad-image"}, ""},
		{"not an image", "site.png", alt, "site.png", []byte("hello"), []string{"10: error: bad-image"}, ""},
		{"PNG too wide", "site.png", alt, "site.png", pngOf(t, guide.MaxPictureSide+1, 20), []string{"10: error: picture-size"}, ""},
		{"PNG too small", "site.png", alt, "site.png", pngOf(t, 8, 8), []string{"10: error: picture-size"}, ""},
		{"damaged PNG", "site.png", alt, "site.png", pngOf(t, 64, 64)[:80], []string{"10: error: bad-image"}, ""},
		{"SVG script", "site.svg", alt, "site.svg", svg(`<script>alert(1)</script>`), []string{"10: error: bad-image"}, ""},
		{"SVG event attribute", "site.svg", alt, "site.svg", svg(`<rect width="1" height="1" onload="x()"/>`), []string{"10: error: bad-image"}, ""},
		{"SVG external image", "site.svg", alt, "site.svg", svg(`<image xlink:href="https://evil.example/x.png"/>`), []string{"10: error: bad-image"}, ""},
		{"SVG href to a site", "site.svg", alt, "site.svg", svg(`<linearGradient xlink:href="https://evil.example/#g"/>`), []string{"10: error: bad-image"}, ""},
		{"SVG url() to a file", "site.svg", alt, "site.svg", svg(`<rect width="1" height="1" fill="url(file:///etc/passwd)"/>`), []string{"10: error: bad-image"}, ""},
		{"SVG style url()", "site.svg", alt, "site.svg", svg(`<rect width="1" height="1" style="fill: url( 'http://x/y' )"/>`), []string{"10: error: bad-image"}, ""},
		{"SVG use", "site.svg", alt, "site.svg", svg(`<use xlink:href="#a"/>`), []string{"10: error: bad-image"}, ""},
		{"SVG foreign object", "site.svg", alt, "site.svg", svg(`<foreignObject/>`), []string{"10: error: bad-image"}, ""},
		{"SVG DOCTYPE with an entity", "site.svg", alt, "site.svg",
			[]byte(`<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg viewBox="0 0 9 9">&x;</svg>`), []string{"10: error: bad-image"}, ""},
		{"SVG text", "site.svg", alt, "site.svg", svg(`<text x="1" y="9">Mon compte</text>`), []string{"10: error: svg-text"}, ""},
		{"SVG without a size", "site.svg", alt, "site.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`), []string{"10: error: bad-image"}, ""},
		{"not SVG", "site.svg", alt, "site.svg", []byte(`<html><body/></html>`), []string{"10: error: bad-image"}, ""},
		{"broken XML", "site.svg", alt, "site.svg", []byte(`<svg viewBox="0 0 9 9"><rect>`), []string{"10: error: bad-image"}, ""},
		{"deep SVG", "site.svg", alt, "site.svg", svg(strings.Repeat("<g>", 40) + strings.Repeat("</g>", 40)), []string{"10: error: bad-image"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"essai.fr.toml":       {Data: pictureGuide(tt.picture, tt.alt)},
				"pictures/" + tt.file: {Data: tt.data},
			}
			lib, ps := guide.Load(testOptions(), guide.Source{FS: fsys, Dir: ".", Name: "c"})
			var got []string
			for _, p := range ps {
				got = append(got, fmt.Sprintf("%d: %s: %s", p.Line, p.Level, p.Code))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Load(%s) problems = %q, want %q (%v)", tt.name, got, tt.want, ps)
			}
			g := lib.ByID("essai")
			switch {
			case tt.size == "" && g != nil && g.Steps[0].Picture != nil:
				t.Errorf("Load(%s) picture = %s, want none", tt.name, g.Steps[0].Picture.Name)
			case tt.size != "" && tt.want == nil:
				p := g.In("fr").Steps[0].Picture
				if p == nil || fmt.Sprintf("%d×%d", p.Width, p.Height) != tt.size || p.Alt != alt || !bytes.Equal(p.Data, tt.data) {
					t.Fatalf("In(fr) picture = %+v, want %s with its alt text", p, tt.size)
				}
			}
		})
	}
}

func TestLoad_PictureTranslations(t *testing.T) {
	fsys := fstest.MapFS{
		"essai.fr.toml":     {Data: pictureGuide("site.svg", "Dessin du site.")},
		"pictures/site.svg": {Data: []byte(svgOK)},
		// no alt: the French one is read; a picture of its own is ignored
		"essai.en.toml": {Data: []byte("id = \"essai\"\ntitle = \"Try\"\n[[steps]]\nid = \"lire\"\ntitle = \"Read\"\ntext = [\"Click.\"]\npicture = \"autre.svg\"\n")},
		"essai.es.toml": {Data: []byte("id = \"essai\"\ntitle = \"Probar\"\n[[steps]]\nid = \"lire\"\ntitle = \"Lea\"\ntext = [\"Haga clic.\"]\nalt = \"Dibujo del sitio.\"\n")},
	}
	lib, ps := guide.Load(testOptions(), guide.Source{FS: fsys, Dir: ".", Name: "c"})
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Level, p.Code))
	}
	want := []string{"c/essai.en.toml:3: warning: missing-alt", "c/essai.en.toml:7: warning: structure-in-translation"}
	if !slices.Equal(got, want) {
		t.Errorf("Load() problems = %q, want %q", got, want)
	}
	g := lib.ByID("essai")
	for lang, alt := range map[string]string{"fr": "Dessin du site.", "en": "Dessin du site.", "es": "Dibujo del sitio."} {
		if p := g.In(lang).Steps[0].Picture; p == nil || p.Alt != alt || p.Name != "site.svg" {
			t.Errorf("In(%s) picture = %+v, want site.svg with alt %q", lang, p, alt)
		}
	}

	noPicture := fstest.MapFS{"essai.fr.toml": {Data: []byte(strings.Replace(string(pictureGuide("x.svg", "Un dessin.")), "picture = \"x.svg\"\n", "", 1))}}
	if _, ps := guide.Load(testOptions(), guide.Source{FS: noPicture, Dir: ".", Name: "c"}); len(ps) != 1 || ps[0].Code != guide.CodeAltWithoutPicture {
		t.Errorf("Load(alt without picture) = %v, want one alt-without-picture warning", ps)
	}
}

// TestFolder_Pictures reads pictures from a centre's folder on disk: a link
// out of the folder, a folder named like a picture and a fifo are refused.
func TestFolder_Pictures(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.svg")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "pictures", "dossier.svg"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "pictures", "site.svg"), []byte(svgOK), 0o644))
	must(os.WriteFile(outside, []byte(svgOK), 0o644))
	must(os.Symlink(outside, filepath.Join(dir, "pictures", "lien.svg")))
	must(os.Symlink("site.svg", filepath.Join(dir, "pictures", "dedans.svg")))
	for _, tt := range []struct{ picture, want string }{
		{"site.svg", ""},
		{"dedans.svg", ""}, // a link inside the folder
		{"lien.svg", "bad-image"},
		{"dossier.svg", "bad-image"},
	} {
		t.Run(tt.picture, func(t *testing.T) {
			must(os.WriteFile(filepath.Join(dir, "essai.fr.toml"), pictureGuide(tt.picture, "Un dessin du site."), 0o644))
			lib, ps := guide.Load(testOptions(), guide.Folder(dir))
			var got string
			for _, p := range ps {
				got += p.Code
			}
			if got != tt.want {
				t.Errorf("Load(%s) problems = %v, want %q", tt.picture, ps, tt.want)
			}
			if g := lib.ByID("essai"); (g != nil && g.Steps[0].Picture != nil) != (tt.want == "") {
				t.Errorf("Load(%s) guide = %v, want a picture only when no problem", tt.picture, g)
			}
		})
	}
}

// TestLoad_BuiltinPictures: the ameli guide shows what to look for on the
// site (issue 13, « Done when »), and every built-in picture is an SVG the
// loader accepted, of the same size.
func TestLoad_BuiltinPictures(t *testing.T) {
	opts := testOptions()
	opts.Terms = nil
	lib, ps := guide.Load(opts, builtinSource())
	if guide.HasErrors(ps) {
		t.Fatalf("Load(assets/guides) = %v", ps)
	}
	ameli := lib.ByID("ameli-compte").In("fr")
	var with []string
	for _, s := range ameli.Steps {
		if s.Picture != nil {
			with = append(with, s.ID)
		}
	}
	if want := []string{"creer-compte", "numero", "identite"}; !slices.Equal(with, want) {
		t.Errorf("ameli-compte steps with a picture = %v, want %v", with, want)
	}
	for _, g := range lib.Guides() {
		n := 0
		for _, s := range g.Steps {
			if p := s.Picture; p != nil {
				n++
				if p.Format != "svg" || p.Width != 640 || p.Height != 400 {
					t.Errorf("%s/%s picture = %s %s %d×%d, want a 640×400 SVG", g.ID, s.ID, p.Name, p.Format, p.Width, p.Height)
				}
			}
		}
		if n == 0 {
			t.Errorf("guide %s has no picture, want one where the step asks to find something", g.ID)
		}
		for _, lang := range g.Languages() {
			for _, s := range g.In(lang).Steps {
				if s.Picture != nil && !strings.Contains(s.Picture.Alt, "«") {
					t.Errorf("%s/%s in %s: alt %q does not name what to find", g.ID, s.ID, lang, s.Picture.Alt)
				}
			}
		}
	}
}
