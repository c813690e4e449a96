package kiosk

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// A 10 MB paste into the search field is cut calmly to MaxSearch
// characters, control characters out; typing stops there too.
func TestSearch_BoundedInput(t *testing.T) {
	app := test.NewTempApp(t)
	e := newSearchEntry(func(*fyne.KeyEvent) {}, func() {}, func() {})
	w := test.NewWindow(e)
	defer w.Close()
	cb := app.Clipboard()
	cb.SetContent("carte\x00vitale\n" + strings.Repeat("ameli ", 10<<20/6))
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	if n := utf8.RuneCountInString(e.Text); n != MaxSearch || !strings.HasPrefix(e.Text, "carte vitale ameli") {
		t.Fatalf("after a 10 MB paste the field holds %d characters starting %q, want %d starting with the words", n, e.Text[:20], MaxSearch)
	}
	test.Type(e, "xyz")
	if n := utf8.RuneCountInString(e.Text); n != MaxSearch {
		t.Fatalf("typing past the limit: %d characters", n)
	}
}
