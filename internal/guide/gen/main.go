// Command gen draws the pictures of the built-in guides: simple schematics
// of what the official sites show (a browser, the site's header, the button
// to find or the fields to fill, outlined in orange with a number). They
// are drawings, not screenshots, and every alt text says that the real site
// may look a little different.
//
// The kiosk draws SVG shapes but not SVG text, so the words are written as
// the outlines of their letters, taken from the font the kiosk uses
// (assets/fonts/NotoSans). Run from the module's root:
//
//	go run ./internal/guide/gen
//
// It writes assets/guides/pictures/*.svg.
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

const (
	width, height = 640, 400
	orange        = "#C2410C" // the outline of what to find: 4.9:1 on white
	ink           = "#1F2937"
	grey          = "#6B7280"
	light         = "#E5E7EB"
)

type faces struct{ regular, bold *font.Face }

func loadFaces() faces {
	load := func(name string) *font.Face {
		data, err := os.ReadFile(filepath.Join("assets", "fonts", name))
		if err != nil {
			log.Fatal(err)
		}
		f, err := font.ParseTTF(bytes.NewReader(data))
		if err != nil {
			log.Fatal(err)
		}
		return f
	}
	return faces{load("NotoSans-Regular.ttf"), load("NotoSans-Bold.ttf")}
}

// svg is one picture being drawn.
type svg struct {
	f    faces
	b    strings.Builder
	mark int // the last number given to a highlight
}

func (s *svg) rect(x, y, w, h, r float64, fill, stroke string, sw float64) {
	fmt.Fprintf(&s.b, `<rect x="%g" y="%g" width="%g" height="%g" rx="%g" fill="%s"`, x, y, w, h, r, fill)
	if stroke != "" {
		fmt.Fprintf(&s.b, ` stroke="%s" stroke-width="%g"`, stroke, sw)
	}
	s.b.WriteString("/>\n")
}

func (s *svg) circle(x, y, r float64, fill string) {
	fmt.Fprintf(&s.b, `<circle cx="%g" cy="%g" r="%g" fill="%s"/>`+"\n", x, y, r, fill)
}

// measure returns the width of text at size.
func (s *svg) measure(text string, size float64, bold bool) float64 {
	face := s.f.regular
	if bold {
		face = s.f.bold
	}
	scale := size / float64(face.Upem())
	w := 0.0
	for _, r := range text {
		gid, _ := face.NominalGlyph(r)
		w += float64(face.HorizontalAdvance(gid)) * scale
	}
	return w
}

// text writes text as the outlines of its letters, its baseline at y,
// starting at x (anchor 0), centred on x (1) or ending at x (2).
func (s *svg) text(x, y, size float64, text string, bold bool, fill string, anchor int) float64 {
	face := s.f.regular
	if bold {
		face = s.f.bold
	}
	w := s.measure(text, size, bold)
	x -= float64(anchor) * w / 2
	scale := size / float64(face.Upem())
	var d strings.Builder
	pt := func(p ot.SegmentPoint, x0 float64) string {
		return fmt.Sprintf("%.1f %.1f", x0+float64(p.X)*scale, y-float64(p.Y)*scale)
	}
	for _, r := range text {
		gid, _ := face.NominalGlyph(r)
		if o, ok := face.GlyphData(gid).(font.GlyphOutline); ok {
			for _, seg := range o.Segments {
				switch seg.Op {
				case ot.SegmentOpMoveTo:
					d.WriteString("M" + pt(seg.Args[0], x))
				case ot.SegmentOpLineTo:
					d.WriteString("L" + pt(seg.Args[0], x))
				case ot.SegmentOpQuadTo:
					d.WriteString("Q" + pt(seg.Args[0], x) + " " + pt(seg.Args[1], x))
				case ot.SegmentOpCubeTo:
					d.WriteString("C" + pt(seg.Args[0], x) + " " + pt(seg.Args[1], x) + " " + pt(seg.Args[2], x))
				}
			}
			if len(o.Segments) > 0 {
				d.WriteString("Z")
			}
		}
		x += float64(face.HorizontalAdvance(gid)) * scale
	}
	if d.Len() > 0 {
		fmt.Fprintf(&s.b, `<path fill="%s" d="%s"/>`+"\n", fill, d.String())
	}
	return w
}

// browser draws the window of a browser at host, and the site's header
// with its name in the site's colour; it returns the top of the page.
func (s *svg) browser(host, site, colour string) float64 {
	s.rect(1, 1, width-2, height-2, 10, "#FFFFFF", grey, 2)
	s.rect(2, 2, width-4, 46, 9, "#D1D5DB", "", 0)
	s.rect(2, 30, width-4, 18, 0, "#D1D5DB", "", 0)
	for i, c := range []string{"#9CA3AF", "#9CA3AF", "#9CA3AF"} {
		s.circle(22+float64(i)*18, 25, 6, c)
	}
	s.rect(84, 10, width-100, 30, 15, "#FFFFFF", "", 0)
	// a padlock
	s.rect(98, 22, 12, 10, 2, grey, "", 0)
	fmt.Fprintf(&s.b, `<path d="M100.5 22v-3a3.5 3.5 0 0 1 7 0v3" fill="none" stroke="%s" stroke-width="2"/>`+"\n", grey)
	s.text(118, 31, 15, host, false, ink, 0)
	s.rect(2, 48, width-4, 58, 0, "#FFFFFF", "", 0)
	s.rect(2, 105, width-4, 2, 0, light, "", 0)
	s.rect(20, 62, 30, 30, 4, colour, "", 0)
	s.text(60, 86, 24, site, true, colour, 0)
	return 107
}

// lines draws grey bars for the page's other content.
func (s *svg) lines(x, y, w float64, n int) {
	for i := 0; i < n; i++ {
		lw := w
		if i%3 == 2 {
			lw = w * 0.6
		}
		s.rect(x, y+float64(i)*18, lw, 8, 4, light, "", 0)
	}
}

// button draws a button with its label, filled or outlined.
func (s *svg) button(x, y, w, h float64, label string, size float64, fill, fg string) {
	stroke := ""
	if fill == "#FFFFFF" {
		stroke = fg
	}
	s.rect(x, y, w, h, 6, fill, stroke, 2)
	s.text(x+w/2, y+h/2+size*0.36, size, label, true, fg, 1)
}

// field draws a label and an empty box to fill.
func (s *svg) field(x, y, w float64, label, hint string) {
	s.text(x, y, 16, label, true, ink, 0)
	s.rect(x, y+8, w, 36, 4, "#FFFFFF", grey, 2)
	if hint != "" {
		s.text(x+10, y+32, 14, hint, false, grey, 0)
	}
}

// highlight outlines what to find with a thick orange frame and its number.
func (s *svg) highlight(x, y, w, h float64) {
	s.mark++
	s.rect(x-6, y-6, w+12, h+12, 10, "none", orange, 6)
	// The number on the left of the frame, never over what it frames.
	cx, cy := x-28, y+h/2
	if cx < 20 {
		cx = x + w + 28
	}
	s.circle(cx, cy, 16, orange)
	s.text(cx, cy+7, 20, fmt.Sprint(s.mark), true, "#FFFFFF", 1)
}

func (s *svg) String() string {
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d">
<title>Dessin schématique, pas une capture d'écran : le vrai site peut être un peu différent.</title>
%s</svg>
`, width, height, width, height, s.b.String())
}

// The colours of the sites' names, near their own.
const (
	ameliBlue = "#0C419A"
	cafBlue   = "#005A9C"
	stateBlue = "#000091"
	posteBlue = "#003DA5"
	ftBlue    = "#1E2A78"
	mesGreen  = "#0B6B5F"
)

// topButton draws the page's header with one button at its top right,
// outlined; it returns its rectangle.
func topButton(s *svg, label string, colour string) (x, y, w, h float64) {
	w = s.measure(label, 16, true) + 32
	x, y, h = width-24-w, 58, 38
	s.button(x, y, w, h, label, 16, "#FFFFFF", colour)
	return x, y, w, h
}

func pictures() map[string]func(*svg) {
	return map[string]func(*svg){
		"ameli-mon-compte": func(s *svg) {
			top := s.browser("www.ameli.fr", "ameli", ameliBlue)
			x, y, w, h := topButton(s, "Mon compte", ameliBlue)
			s.lines(24, top+30, 300, 10)
			s.rect(x-120, y+h+10, w+120, 110, 6, "#FFFFFF", grey, 2)
			s.rect(x-104, y+h+32, 130, 10, 5, light, "", 0)
			s.rect(x-110, y+h+58, w+100, 2, 0, light, "", 0)
			bw := s.measure("Créer un compte", 16, true) + 28
			s.button(x-104, y+h+72, bw, 36, "Créer un compte", 16, ameliBlue, "#FFFFFF")
			s.highlight(x, y, w, h)
			s.highlight(x-104, y+h+72, bw, 36)
		},
		"ameli-numero": func(s *svg) {
			top := s.browser("www.ameli.fr", "ameli", ameliBlue)
			s.text(40, top+50, 22, "Créer un compte", true, ink, 0)
			s.field(40, top+100, 340, "Numéro de sécurité sociale", "13 chiffres")
			s.lines(40, top+170, 420, 3)
			s.button(40, top+230, 140, 40, "Continuer", 16, ameliBlue, "#FFFFFF")
			s.highlight(40, top+108, 340, 36)
		},
		"ameli-identite": func(s *svg) {
			top := s.browser("www.ameli.fr", "ameli", ameliBlue)
			s.text(40, top+42, 22, "Créer un compte", true, ink, 0)
			for i, l := range []string{"Nom", "Date de naissance", "Code postal"} {
				y := top + 80 + float64(i)*70
				s.field(80, y, 300, l, "")
				s.highlight(80, y-17, 300, 61)
			}
			s.lines(400, top+80, 200, 8)
		},
		"ants-connexion": func(s *svg) {
			top := s.browser("passeport.ants.gouv.fr", "ANTS", stateBlue)
			s.rect(120, top+20, 400, 260, 8, "#FFFFFF", grey, 2)
			s.text(320, top+56, 20, "Se connecter", true, ink, 1)
			label := "S'identifier avec FranceConnect"
			bw := s.measure(label, 16, true) + 36
			s.button(320-bw/2, top+80, bw, 48, label, 16, stateBlue, "#FFFFFF")
			s.text(320, top+160, 14, "ou", false, grey, 1)
			s.lines(170, top+185, 300, 4)
			s.highlight(320-bw/2, top+80, bw, 48)
		},
		"caf-demande": func(s *svg) {
			top := s.browser("www.caf.fr", "caf.fr", cafBlue)
			mw := s.measure("Aides et démarches", 16, true)
			s.text(260, 86, 16, "Aides et démarches", true, cafBlue, 0)
			s.rect(240, top+8, 260, 150, 6, "#FFFFFF", grey, 2)
			s.rect(260, top+34, 120, 10, 5, light, "", 0)
			s.text(260, top+78, 16, "Logement", true, ink, 0)
			s.rect(260, top+104, 150, 10, 5, light, "", 0)
			s.lines(24, top+30, 190, 12)
			bw := s.measure("Faire la demande", 16, true) + 32
			s.button(260, top+200, bw, 42, "Faire la demande", 16, cafBlue, "#FFFFFF")
			s.highlight(256, 66, mw+8, 28)
			s.highlight(256, top+58, s.measure("Logement", 16, true)+8, 28)
			s.highlight(260, top+200, bw, 42)
		},
		"caf-mon-compte": func(s *svg) {
			top := s.browser("www.caf.fr", "caf.fr", cafBlue)
			x, y, w, h := topButton(s, "Mon Compte", cafBlue)
			s.lines(24, top+30, 420, 14)
			s.highlight(x, y, w, h)
		},
		"css-mes-demarches": func(s *svg) {
			top := s.browser("assure.ameli.fr", "ameli", ameliBlue)
			s.rect(2, top, 200, height-top-2, 0, "#F3F4F6", "", 0)
			s.rect(24, top+34, 130, 10, 5, "#D1D5DB", "", 0)
			s.text(24, top+88, 16, "Mes démarches", true, ink, 0)
			s.rect(24, top+122, 150, 10, 5, "#D1D5DB", "", 0)
			s.lines(230, top+30, 380, 4)
			label := "Faire une demande de complémentaire santé solidaire"
			lw := s.measure(label, 14, true)
			s.text(230, top+130, 14, label, true, ameliBlue, 0)
			s.rect(230, top+134, lw, 2, 0, ameliBlue, "", 0)
			s.lines(230, top+170, 380, 6)
			s.highlight(18, top+24+44, s.measure("Mes démarches", 16, true)+12, 28)
			s.highlight(226, top+110, lw+8, 30)
		},
		"email-creer-compte": func(s *svg) {
			top := s.browser("www.laposte.net", "laposte.net", posteBlue)
			s.rect(150, top+20, 340, 250, 8, "#FFFFFF", grey, 2)
			s.text(320, top+56, 20, "Se connecter", true, ink, 1)
			s.lines(190, top+80, 260, 5)
			bw := s.measure("Créer un compte", 16, true) + 32
			s.button(320-bw/2, top+190, bw, 44, "Créer un compte", 16, "#FFFFFF", posteBlue)
			s.highlight(320-bw/2, top+190, bw, 44)
		},
		"france-travail-inscrire": func(s *svg) {
			top := s.browser("www.francetravail.fr", "France Travail", ftBlue)
			s.lines(40, top+34, 300, 1)
			label := "S'inscrire, se réinscrire"
			bw := s.measure(label, 16, true) + 36
			s.button(40, top+80, bw, 46, label, 16, ftBlue, "#FFFFFF")
			s.lines(40, top+160, 540, 7)
			s.highlight(40, top+80, bw, 46)
		},
		"identite-numerique-creer": func(s *svg) {
			top := s.browser("lidentitenumerique.laposte.fr", "L'Identité Numérique", posteBlue)
			s.lines(40, top+30, 380, 4)
			label := "Créer votre identité numérique"
			bw := s.measure(label, 16, true) + 36
			s.button(40, top+120, bw, 46, label, 16, posteBlue, "#FFFFFF")
			s.lines(40, top+200, 540, 5)
			s.highlight(40, top+120, bw, 46)
		},
		"impots-connexion": func(s *svg) {
			top := s.browser("www.impots.gouv.fr", "impots.gouv.fr", stateBlue)
			label := "Connexion à l'espace Finances publiques"
			w := s.measure(label, 14, true) + 24
			s.button(width-24-w, top+14, w, 36, label, 14, stateBlue, "#FFFFFF")
			s.lines(24, top+80, 580, 11)
			s.highlight(width-24-w, top+14, w, 36)
		},
		"impots-declarer": func(s *svg) {
			top := s.browser("cfspart.impots.gouv.fr", "impots.gouv.fr", stateBlue)
			s.lines(40, top+34, 300, 1)
			label := "Déclarer mes revenus"
			bw := s.measure(label, 18, true) + 40
			s.button(40, top+76, bw, 50, label, 18, stateBlue, "#FFFFFF")
			s.lines(40, top+160, 540, 7)
			s.highlight(40, top+76, bw, 50)
		},
		"logement-social-creer": func(s *svg) {
			top := s.browser("www.demande-logement-social.gouv.fr", "Demande de logement social", stateBlue)
			s.lines(40, top+30, 380, 4)
			label := "Créer une demande"
			bw := s.measure(label, 16, true) + 36
			s.button(40, top+120, bw, 46, label, 16, stateBlue, "#FFFFFF")
			s.lines(40, top+200, 540, 5)
			s.highlight(40, top+120, bw, 46)
		},
		"mon-espace-sante-activer": func(s *svg) {
			top := s.browser("www.monespacesante.fr", "Mon espace santé", mesGreen)
			s.lines(40, top+30, 380, 4)
			label := "Activer mon espace santé"
			bw := s.measure(label, 16, true) + 36
			s.button(40, top+120, bw, 46, label, 16, mesGreen, "#FFFFFF")
			s.lines(40, top+200, 540, 5)
			s.highlight(40, top+120, bw, 46)
		},
	}
}

func main() {
	f := loadFaces()
	dir := filepath.Join("assets", "guides", "pictures")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	for name, draw := range pictures() {
		s := &svg{f: f}
		draw(s)
		if err := os.WriteFile(filepath.Join(dir, name+".svg"), []byte(s.String()), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
