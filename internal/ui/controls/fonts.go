package controls

import (
	"bytes"
	"sync"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

// When the theme's font is not Fyne's (the Arabic font of right-to-left
// screens), Latin text drawn with it goes wrong in two ways in Fyne 2.7:
//   - Fyne measures a text with the theme font's line box but draws its
//     baseline at the ascent of the font that has its first letter. The
//     Arabic font is much taller than Fyne's, so a Latin word, drawn with
//     Fyne's font by fallback, sits too high;
//   - the GL driver keeps the drawing of a text by its words, size, style,
//     colour and font name, not by the theme's font: "English" drawn on a
//     French screen is reused on the Arabic screen, stretched to the
//     Arabic line height.
//
// Naming Fyne's own font for such text avoids both: it is measured and
// drawn with one font, and kept under another name.

// defaultFaces holds Fyne's regular and bold fonts, parsed once to know
// which letters they have. They never change.
var defaultFaces = sync.OnceValue(func() map[fyne.Resource]*font.Face {
	faces := map[fyne.Resource]*font.Face{}
	for _, r := range []fyne.Resource{theme.DefaultTextFont(), theme.DefaultTextBoldFont()} {
		if f, err := font.ParseTTF(bytes.NewReader(r.Content())); err == nil {
			faces[r] = f
		} else {
			fyne.LogError("parse Fyne's font", err)
		}
	}
	return faces
})

// textFont returns the font to draw text with under theme th: Fyne's own
// when the theme's font is another one and Fyne's has the first character
// and every letter of text (a sign it lacks, like −, falls back to another
// font all the same), else nil: the theme's font, with Fyne's fallbacks.
func textFont(th fyne.Theme, text string, bold bool) fyne.Resource {
	style := fyne.TextStyle{Bold: bold}
	own := theme.DefaultTextFont()
	if bold {
		own = theme.DefaultTextBoldFont()
	}
	if th == nil || th.Font(style) == own {
		return nil
	}
	face := defaultFaces()[own]
	if face == nil {
		return nil
	}
	for i, r := range text {
		if _, ok := face.NominalGlyph(r); !ok && (i == 0 || unicode.IsLetter(r)) {
			return nil
		}
	}
	return own
}

// measureText returns the size and baseline of text drawn in font src
// (nil: the theme's).
func measureText(text string, size float32, bold bool, src fyne.Resource) (fyne.Size, float32) {
	return fyne.CurrentApp().Driver().RenderedTextSize(text, size, fyne.TextStyle{Bold: bold}, src)
}
