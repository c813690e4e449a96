package mediator

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"pasapas/internal/account"
	"pasapas/internal/journal"
)

type clipboard struct{ text string }

func (c *clipboard) Content() string     { return c.text }
func (c *clipboard) SetContent(s string) { c.text = s }

// Every staff text field is bounded at input: a 10 MB paste into the
// notes keeps the domain's 5,000 characters, a pasted NUL becomes a
// space, and the fields that offer a list (the place, the commune) are
// cut and cleaned too.
func TestStaffFields_Bounded(t *testing.T) {
	h := newSpace(t)
	me := h.login(account.Mediator)
	f := h.newAccompaniment(me)
	paste := func(e fyne.Shortcutable, text string) {
		e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: &clipboard{text}})
	}
	paste(f.notes, strings.Repeat("x", 10<<20))
	if n := utf8.RuneCountInString(f.notes.Text); n != journal.MaxNotesLen {
		t.Fatalf("notes after a 10 MB paste: %d characters, want %d", n, journal.MaxNotesLen)
	}
	paste(f.procedure, "Carte\x00Vitale")
	if f.procedure.Text != "Carte Vitale" {
		t.Fatalf("procedure after pasting a NUL: %q", f.procedure.Text)
	}
	f.placeName.SetText(strings.Repeat("Salle ", 100) + "\x1b")
	if n := utf8.RuneCountInString(f.placeName.Text); n != journal.MaxTitleLen || strings.ContainsRune(f.placeName.Text, 0x1b) {
		t.Fatalf("place after a long text with an escape: %d characters %q", n, f.placeName.Text[:20])
	}
	h.s.ws.openWorkshopForm()
	title := h.s.Workshop.title
	for range journal.MaxTitleLen + 20 {
		title.TypedRune('a')
	}
	if n := utf8.RuneCountInString(title.Text); n != journal.MaxTitleLen {
		t.Fatalf("title after typing %d letters: %d, want %d", journal.MaxTitleLen+20, n, journal.MaxTitleLen)
	}
}
