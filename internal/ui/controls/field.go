package controls

import (
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Field is a text field that holds at most Max characters and no control
// character (a line break only in a multi-line field): what is typed past
// Max is not taken, a paste is cut to the room left before the field ever
// holds it — a 10 MB paste costs nothing — and control characters pasted
// become spaces. The domain checks the same limits again.
type Field struct {
	widget.Entry
	Max int
}

// NewField returns an empty one-line field of at most max characters.
func NewField(max int) *Field {
	e := &Field{Max: max}
	e.ExtendBaseWidget(e)
	return e
}

// NewSecretField returns a password field of at most max characters.
func NewSecretField(max int) *Field {
	e := NewField(max)
	e.Password = true
	return e
}

// room is how many characters the field still takes.
func (e *Field) room() int { return e.Max - utf8.RuneCountInString(e.Text) }

// allowed returns r as the field takes it: a control character is a
// space, but a line break in a multi-line field.
func (e *Field) allowed(r rune) rune {
	if r == '\n' && e.MultiLine {
		return r
	}
	if unicode.IsControl(r) || r == utf8.RuneError {
		return ' '
	}
	return r
}

// TypedRune takes r while there is room.
func (e *Field) TypedRune(r rune) {
	if e.room() <= 0 {
		return
	}
	e.Entry.TypedRune(e.allowed(r))
}

// TypedShortcut pastes what fits; other shortcuts go to the field.
func (e *Field) TypedShortcut(s fyne.Shortcut) {
	p, ok := s.(*fyne.ShortcutPaste)
	if !ok || p.Clipboard == nil {
		e.Entry.TypedShortcut(s)
		return
	}
	if e.SelectedText() != "" { // a paste replaces the selection
		e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	}
	room := e.room()
	for _, r := range p.Clipboard.Content() {
		if room <= 0 {
			break
		}
		if r == '\r' {
			continue // Windows line ends: the \n that follows is kept
		}
		e.Entry.TypedRune(e.allowed(r))
		room--
	}
}

// Lines is a multi-line Field that Tab leaves, like every other field: a
// plain multi-line entry of Fyne keeps Tab as text, and a keyboard user is
// trapped in it.
type Lines struct {
	Field
}

// NewLines returns an empty multi-line field showing rows lines and
// holding at most max characters.
func NewLines(rows, max int) *Lines {
	e := &Lines{Field{Max: max}}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(rows)
	return e
}

// AcceptsTab says Tab moves to the next field.
func (e *Lines) AcceptsTab() bool { return false }
