package controls

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Tab leaves the field for the next one instead of typing a tab.
func TestLines_TabMovesOn(t *testing.T) {
	lines, next := NewLines(3, 100), widget.NewEntry()
	w := test.NewWindow(container.NewVBox(lines, next))
	defer w.Close()
	w.Canvas().Focus(lines)
	test.Type(lines, "Espace numérique")
	w.Canvas().(test.WindowlessCanvas).FocusNext()
	test.Type(w.Canvas().Focused().(fyne.Focusable).(*widget.Entry), "Lyon")
	if lines.Text != "Espace numérique" || next.Text != "Lyon" || !lines.MultiLine {
		t.Fatalf("lines %q, next %q", lines.Text, next.Text)
	}
	// The window gives Tab to a field only if it accepts it (as a plain
	// multi-line entry does), else moves the focus on.
	var plain, ours fyne.Tabbable = widget.NewMultiLineEntry(), lines
	if !plain.AcceptsTab() || ours.AcceptsTab() {
		t.Fatalf("AcceptsTab: Fyne's multi-line entry %v, Lines %v; want true, false", plain.AcceptsTab(), ours.AcceptsTab())
	}
}

// clip is a clipboard holding one text.
type clip struct{ text string }

func (c *clip) Content() string     { return c.text }
func (c *clip) SetContent(s string) { c.text = s }

// A field takes at most Max characters, typed or pasted — a 10 MB paste
// included, cut before the field holds it — and control characters
// become spaces; a multi-line field keeps its line breaks.
func TestField_Bounded(t *testing.T) {
	f := NewField(10)
	w := test.NewWindow(f)
	defer w.Close()
	test.Type(f, "Saint-Priest-en-Jarez")
	if f.Text != "Saint-Prie" {
		t.Fatalf("Got(typed) = %q, want the first 10 characters", f.Text)
	}
	f.SetText("")
	huge := strings.Repeat("é", 10<<20)
	f.TypedShortcut(&fyne.ShortcutPaste{Clipboard: &clip{huge}})
	if f.Text != strings.Repeat("é", 10) {
		t.Fatalf("Got(10 MB paste) = %d characters, want 10", len([]rune(f.Text)))
	}
	f.SetText("")
	f.TypedShortcut(&fyne.ShortcutPaste{Clipboard: &clip{"a\x00b\tc\nd"}})
	if f.Text != "a b c d" {
		t.Fatalf("Got(paste with control characters) = %q, want %q", f.Text, "a b c d")
	}
	l := NewLines(3, 20)
	w2 := test.NewWindow(l)
	defer w2.Close()
	l.TypedShortcut(&fyne.ShortcutPaste{Clipboard: &clip{"ligne 1\r\nligne 2\x00"}})
	if l.Text != "ligne 1\nligne 2 " {
		t.Fatalf("Got(multi-line paste) = %q, want the line break kept, \\r dropped, NUL a space", l.Text)
	}
	if p := NewSecretField(128); !p.Password {
		t.Fatal("NewSecretField is not a password field")
	}
}
