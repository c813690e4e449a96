package mediator

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/widget"

	"pasapas/internal/ui/controls"
)

// The longest text each kind of staff field takes, in characters
// (controls.Field refuses the rest at input; the domain checks its own
// limits again on save).
const (
	maxDate      = 10  // 31/12/2026
	maxHour      = 5   // 14:00
	maxNumber    = 4   // minutes, counts, months
	maxPostal    = 6   // 69003, or 69 003
	maxPhone     = 20  // +33 6 12 34 56 78
	maxEmail     = 254 // RFC 5321's path
	maxSearch    = 100 // a name searched
	maxPath      = 1024
	maxTags      = 500  // a few tags of journal.MaxTagLen
	maxLinesSet  = 2000 // a setting of one item per line
	maxPassCheck = 256  // a backup's passphrase
	maxSecret    = 128  // an account's secret (account.CheckSecret)
)

// field returns a one-line field of at most max characters.
func field(max int) *controls.Field { return controls.NewField(max) }

// clip keeps a field that offers a list (widget.SelectEntry, which a
// controls.Field cannot be) within max characters and free of control
// characters: called from its OnChanged, it reports whether it changed
// the text (which calls OnChanged again).
func clip(e *widget.Entry, max int, text string) bool {
	clean := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, text)
	if utf8.RuneCountInString(clean) > max {
		clean = string([]rune(clean)[:max])
	}
	if clean == text {
		return false
	}
	e.SetText(clean)
	return true
}
