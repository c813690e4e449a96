// Package themes provides the looks of the kiosk: large text at several
// sizes, a normal and a high-contrast palette, and a font that has the
// glyphs of every visitor language (Arabic included).
package themes

import (
	"image/color"
	"maps"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Sizes of body text, in pixels at scale 1, by level (1-based). The largest
// is twice the smallest.
func TextSizes() []float32 { return []float32{28, 36, 46, 56} }

// Custom size names used by our widgets.
const (
	// SizeNameBar is the text size of the help/size/stop bar: it does not
	// grow with the level, so that the bar always fits on one line.
	SizeNameBar fyne.ThemeSizeName = "pasapas.bar"
	// SizeNameNav is the text of Previous / Next in the guide column beside
	// the official site: as the body text, but at most 40 px, so that the
	// two fit side by side and leave the height to the step's text.
	SizeNameNav fyne.ThemeSizeName = "pasapas.nav"
	// SizeNameHuge is the "Bonjour" of the welcome screen.
	SizeNameHuge fyne.ThemeSizeName = "pasapas.huge"
	// SizeNameTarget is the minimum height and width of anything tappable.
	SizeNameTarget fyne.ThemeSizeName = "pasapas.target"
	// SizeNameFocus is the width of the focus ring.
	SizeNameFocus fyne.ThemeSizeName = "pasapas.focus"
	// SizeNamePictogram is the side of a pictogram.
	SizeNamePictogram fyne.ThemeSizeName = "pasapas.pictogram"
)

// Custom colour names.
const (
	// ColorNameAttention is the background of attention notes.
	ColorNameAttention fyne.ThemeColorName = "pasapas.attention"
	// ColorNameOnPrimary is text on a primary (filled) button.
	ColorNameOnPrimary fyne.ThemeColorName = "pasapas.onPrimary"
	// ColorNameOverlay is the background of full-screen messages.
	ColorNameOverlay fyne.ThemeColorName = "pasapas.overlay"
)

// Kiosk is the visitor theme. It is a value: the kiosk builds a new one when
// the visitor changes text size, contrast or language.
type Kiosk struct {
	fyne.Theme
	Level    int  // text size level, 1-based
	Contrast bool // high-contrast palette
	// Regular, when set, is used for regular text (e.g. a font with Arabic
	// glyphs); Bold is its bold face. Glyphs it lacks come from Fyne's font.
	Regular, Bold fyne.Resource
	// Scale makes text and controls grow on a big screen (screen.Scale);
	// 0 or 1 keeps the sizes drawn for 1024×768.
	Scale float32
}

var _ fyne.Theme = Kiosk{}

// New returns the kiosk theme for a level and palette.
func New(level int, contrast bool) Kiosk {
	return Kiosk{Theme: theme.DefaultTheme(), Level: level, Contrast: contrast}
}

// TextSize returns the body text size of the theme.
func (k Kiosk) TextSize() float32 {
	s := TextSizes()
	l := min(max(k.Level, 1), len(s))
	return s[l-1]
}

// Size returns the sizes of the theme: text by level, generous padding,
// targets of at least 64 px, all grown by Scale on a big screen.
func (k Kiosk) Size(name fyne.ThemeSizeName) float32 {
	if k.Scale > 1 {
		return k.size(name) * k.Scale
	}
	return k.size(name)
}

func (k Kiosk) size(name fyne.ThemeSizeName) float32 {
	t := k.TextSize()
	switch name {
	case theme.SizeNameText:
		return t
	case theme.SizeNameHeadingText:
		return t * 1.3
	case theme.SizeNameSubHeadingText:
		return t * 1.15
	case theme.SizeNameCaptionText:
		return t * 0.8
	case theme.SizeNameInlineIcon:
		return t
	case theme.SizeNamePadding:
		return 8
	case theme.SizeNameInnerPadding:
		return 12
	case theme.SizeNameLineSpacing:
		return t * 0.35
	case theme.SizeNameScrollBar: // wide enough to grab: a target like any other
		return 64
	case theme.SizeNameScrollBarSmall: // the resting bar: visible, and a 64 px target
		return 32
	case theme.SizeNameInputBorder:
		return 3
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 8
	case SizeNameBar:
		return 26
	case SizeNameNav:
		return min(t, 40)
	case SizeNameHuge:
		return t * 2
	case SizeNameTarget:
		return 64
	case SizeNameFocus:
		return 5
	case SizeNamePictogram:
		return max(64, t*2)
	}
	return k.Theme.Size(name)
}

// Color returns the palette: dark text on white, or white and yellow on
// black in high contrast. Every text/background pair is checked by a test.
func (k Kiosk) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	p := normalPalette()
	if k.Contrast {
		p = contrastPalette()
	}
	if c, ok := p[name]; ok {
		return c
	}
	return k.Theme.Color(name, theme.VariantLight)
}

// Font returns the visitor font for regular and bold text.
func (k Kiosk) Font(s fyne.TextStyle) fyne.Resource {
	if k.Regular != nil && !s.Monospace && !s.Italic && !s.Symbol {
		if s.Bold && k.Bold != nil {
			return k.Bold
		}
		return k.Regular
	}
	return k.Theme.Font(s)
}

// Palette returns the colours of the theme by name, for the contrast test.
func (k Kiosk) Palette() map[fyne.ThemeColorName]color.Color {
	if k.Contrast {
		return maps.Clone(contrastPalette())
	}
	return maps.Clone(normalPalette())
}

func rgb(r, g, b uint8) color.NRGBA { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

// The palettes are made once and only read: Color is asked for every
// object drawn, many times per screen.
var (
	normalPalette   = sync.OnceValue(makeNormalPalette)
	contrastPalette = sync.OnceValue(makeContrastPalette)
)

func makeNormalPalette() map[fyne.ThemeColorName]color.Color {
	ink := rgb(0x1a, 0x1a, 0x1a)
	blue := rgb(0x1d, 0x4e, 0x89)
	return map[fyne.ThemeColorName]color.Color{
		theme.ColorNameBackground:          rgb(0xff, 0xff, 0xff),
		theme.ColorNameForeground:          ink,
		theme.ColorNameButton:              rgb(0xe4, 0xeb, 0xf5),
		theme.ColorNameDisabledButton:      rgb(0xee, 0xee, 0xee),
		theme.ColorNameDisabled:            rgb(0x5c, 0x5c, 0x5c),
		theme.ColorNamePrimary:             blue,
		theme.ColorNameFocus:               rgb(0xd9, 0x5d, 0x00),
		theme.ColorNameHover:               rgb(0xd0, 0xdc, 0xee),
		theme.ColorNamePressed:             rgb(0xb8, 0xc9, 0xe3),
		theme.ColorNameHyperlink:           blue,
		theme.ColorNameSeparator:           rgb(0x8a, 0x8a, 0x8a),
		theme.ColorNameShadow:              color.NRGBA{A: 0x40},
		theme.ColorNameScrollBar:           rgb(0x6b, 0x6b, 0x6b),
		theme.ColorNameScrollBarBackground: rgb(0xe0, 0xe0, 0xe0),
		theme.ColorNameInputBackground:     rgb(0xf5, 0xf5, 0xf5),
		theme.ColorNameInputBorder:         rgb(0x5c, 0x5c, 0x5c),
		theme.ColorNamePlaceHolder:         rgb(0x5c, 0x5c, 0x5c),
		theme.ColorNameError:               rgb(0xb0, 0x00, 0x20),
		theme.ColorNameSuccess:             rgb(0x1b, 0x6e, 0x20),
		theme.ColorNameWarning:             rgb(0x8a, 0x4b, 0x00),
		theme.ColorNameHeaderBackground:    rgb(0xe4, 0xeb, 0xf5),
		theme.ColorNameMenuBackground:      rgb(0xff, 0xff, 0xff),
		theme.ColorNameOverlayBackground:   rgb(0xff, 0xff, 0xff),
		theme.ColorNameSelection:           rgb(0xd0, 0xdc, 0xee),
		ColorNameAttention:                 rgb(0xff, 0xf0, 0xc2),
		ColorNameOnPrimary:                 rgb(0xff, 0xff, 0xff),
		ColorNameOverlay:                   rgb(0xf4, 0xf7, 0xfb),
	}
}

func makeContrastPalette() map[fyne.ThemeColorName]color.Color {
	black := rgb(0, 0, 0)
	white := rgb(0xff, 0xff, 0xff)
	yellow := rgb(0xff, 0xe6, 0x00)
	return map[fyne.ThemeColorName]color.Color{
		theme.ColorNameBackground:          black,
		theme.ColorNameForeground:          white,
		theme.ColorNameButton:              rgb(0x1a, 0x1a, 0x1a),
		theme.ColorNameDisabledButton:      rgb(0x1a, 0x1a, 0x1a),
		theme.ColorNameDisabled:            rgb(0xc0, 0xc0, 0xc0),
		theme.ColorNamePrimary:             yellow,
		theme.ColorNameFocus:               rgb(0x00, 0xe5, 0xff),
		theme.ColorNameHover:               rgb(0x33, 0x33, 0x33),
		theme.ColorNamePressed:             rgb(0x4d, 0x4d, 0x4d),
		theme.ColorNameHyperlink:           yellow,
		theme.ColorNameSeparator:           white,
		theme.ColorNameShadow:              color.NRGBA{A: 0},
		theme.ColorNameScrollBar:           white,
		theme.ColorNameScrollBarBackground: rgb(0x33, 0x33, 0x33),
		theme.ColorNameInputBackground:     black,
		theme.ColorNameInputBorder:         white,
		theme.ColorNamePlaceHolder:         rgb(0xc0, 0xc0, 0xc0),
		theme.ColorNameError:               rgb(0xff, 0x8a, 0x8a),
		theme.ColorNameSuccess:             rgb(0x7d, 0xff, 0x8a),
		theme.ColorNameWarning:             yellow,
		theme.ColorNameHeaderBackground:    rgb(0x1a, 0x1a, 0x1a),
		theme.ColorNameMenuBackground:      black,
		theme.ColorNameOverlayBackground:   black,
		theme.ColorNameSelection:           rgb(0x33, 0x33, 0x33),
		ColorNameAttention:                 rgb(0x1a, 0x1a, 0x1a),
		ColorNameOnPrimary:                 black,
		ColorNameOverlay:                   black,
	}
}

// Desk is the theme of the mediator space: read at a desk, at ordinary
// sizes, with the kiosk's normal palette — or its high-contrast one while
// its Look says so.
type Desk struct {
	fyne.Theme
	Look *DeskLook // nil: always the normal palette
}

// DeskLook is what a mediator space's theme follows while it is shown:
// the kiosk's high contrast, when the centre asks for it. Every Desk made
// with the same look changes with it; it is read and written on the UI
// goroutine only.
type DeskLook struct{ Contrast bool }

var _ fyne.Theme = Desk{}

// NewDesk returns the mediator space theme, normal palette.
func NewDesk() Desk { return Desk{Theme: theme.DefaultTheme()} }

// NewDeskWith returns the mediator space theme following look.
func NewDeskWith(look *DeskLook) Desk { return Desk{Theme: theme.DefaultTheme(), Look: look} }

// Color returns the normal palette, or the high-contrast one.
func (d Desk) Color(name fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	palette := normalPalette()
	if d.Look != nil && d.Look.Contrast {
		palette = contrastPalette()
	}
	if c, ok := palette[name]; ok {
		return c
	}
	variant := theme.VariantLight
	if d.Look != nil && d.Look.Contrast {
		variant = theme.VariantDark
	}
	return d.Theme.Color(name, variant)
}

// Size returns Fyne's sizes with slightly larger text (16 px).
func (d Desk) Size(name fyne.ThemeSizeName) float32 {
	switch name {
	case theme.SizeNameText:
		return 16
	case theme.SizeNameHeadingText:
		return 22
	}
	return d.Theme.Size(name)
}
