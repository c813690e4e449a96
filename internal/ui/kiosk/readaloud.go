package kiosk

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"pasapas/internal/guide"
	"pasapas/internal/ui/controls"
	"pasapas/internal/ui/themes"
)

// Speaker reads text aloud in a language, off the UI thread.
type Speaker interface {
	// Has reports whether a voice exists for lang.
	Has(lang string) bool
	// Speak starts reading and returns at once; finished is called from
	// another goroutine when the reading ends or is stopped.
	Speak(lang, text string, finished func()) error
	// Stop stops the reading.
	Stop()
}

// readAloud returns the "Listen" button for texts (which may carry glossary
// marks), or nil when no voice exists for the visitor's language: the
// button is hidden, not broken. While reading, it becomes "Stop reading".
func (v *View) readAloud(texts ...string) fyne.CanvasObject {
	lang := v.Kiosk.Lang()
	if v.Speech == nil || !v.Speech.Has(lang) {
		return nil
	}
	var plain []string
	for _, t := range texts {
		if t = strings.TrimSpace(guide.Plain(t)); t != "" {
			plain = append(plain, t)
		}
	}
	text := strings.Join(plain, "\n")
	if v.speaking {
		stop := v.button(v.tr.T("kiosk.read.stop"), theme.MediaStopIcon(), controls.Plain, v.stopReading)
		if v.maxWidth > 0 {
			stop.SizeName = themes.SizeNameBar
		}
		return v.dir.Row(stop)
	}
	b := v.button(v.tr.T("kiosk.read"), theme.VolumeUpIcon(), controls.Plain, func() {
		if err := v.Speech.Speak(lang, text, func() {
			v.post(func() {
				if v.speaking {
					v.speaking = false
					v.Render()
				}
			})
		}); err != nil {
			v.Log.Warn("read aloud", "lang", lang, "err", err)
			return
		}
		v.speaking = true
	})
	v.ReadAloud = b
	if v.maxWidth > 0 { // the guide column: small, beside the step counter
		b.SizeName = themes.SizeNameBar
	}
	return v.dir.Row(b)
}

// stopReading stops the voice (any screen change does it too).
func (v *View) stopReading() {
	if v.Speech != nil && v.speaking {
		v.speaking = false
		v.Speech.Stop()
	}
}
