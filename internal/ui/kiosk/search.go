package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"unicode"
	"unicode/utf8"

	"pasapas/internal/ui/controls"
	"pasapas/internal/ui/themes"
)

// searchEntry is the search field: Escape and activity reach the kiosk
// like from any other control.
type searchEntry struct {
	widget.Entry
	onKey      func(*fyne.KeyEvent)
	onActivity func()
	onStaff    func()
}

func newSearchEntry(onKey func(*fyne.KeyEvent), onActivity, onStaff func()) *searchEntry {
	e := &searchEntry{onKey: onKey, onActivity: onActivity, onStaff: onStaff}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey sends Escape to the kiosk, other keys to the field.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	e.onActivity()
	if k.Name == fyne.KeyEscape {
		e.onKey(k)
		return
	}
	e.Entry.TypedKey(k)
}

// MaxSearch is the longest search the field takes, in characters: the
// words people say for a procedure, never a pasted page.
const MaxSearch = 100

// TypedShortcut lets Ctrl+Alt+M reach the mediator space from the field,
// and pastes at most what fits in MaxSearch, without control characters:
// a 10 MB paste is cut before the field ever holds it.
func (e *searchEntry) TypedShortcut(s fyne.Shortcut) {
	if s.ShortcutName() == StaffShortcut().ShortcutName() {
		e.onStaff()
		return
	}
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		e.onActivity()
		room := MaxSearch - utf8.RuneCountInString(e.Text)
		for _, r := range p.Clipboard.Content() {
			if room <= 0 {
				break
			}
			if unicode.IsControl(r) || r == utf8.RuneError {
				r = ' '
			}
			e.Entry.TypedRune(r)
			room--
		}
		return
	}
	e.Entry.TypedShortcut(s)
}

// KeyDown counts as activity (Tab included).
func (e *searchEntry) KeyDown(k *fyne.KeyEvent) {
	e.onActivity()
	e.Entry.KeyDown(k)
}

// TypedRune counts as activity; past MaxSearch characters, nothing more
// is taken.
func (e *searchEntry) TypedRune(r rune) {
	e.onActivity()
	if utf8.RuneCountInString(e.Text) >= MaxSearch {
		return
	}
	e.Entry.TypedRune(r)
}

// MinSize keeps the field a 64 px target.
func (e *searchEntry) MinSize() fyne.Size {
	s := e.Entry.MinSize()
	return fyne.NewSize(s.Width, max(s.Height, theme.Size(themes.SizeNameTarget)))
}

// searchScreen: a big field at the top (an on-screen keyboard at the bottom
// of the screen never hides it), results as big buttons under it. What was
// typed lives only on screen and is wiped with the visit.
func (v *View) searchScreen() page {
	d := v.dir
	entry := newSearchEntry(v.key, v.Kiosk.Touch, v.staff)
	entry.SetPlaceHolder(v.tr.T("kiosk.search.placeholder"))
	entry.SetText(v.query)
	results := container.NewVBox()
	fill := func(q string) {
		v.query = q
		// The results are set at once: each Add lays the box out again,
		// and a word found in hundreds of a centre's guides made that
		// quadratic (BenchmarkGuideList300).
		var objs []fyne.CanvasObject
		if len([]rune(q)) < 2 {
			objs = append(objs, d.Paragraph(v.tr.T("kiosk.search.hint")))
		} else if found := v.Library.Search(q, v.Kiosk.Lang()); len(found) == 0 {
			objs = append(objs, controls.Box(themes.ColorNameAttention, d.Paragraph(v.tr.T("kiosk.search.none"))),
				d.Row(v.button(v.tr.T("kiosk.bar.help"), theme.HelpIcon(), controls.Primary, v.Kiosk.AskHelp)))
		} else {
			for _, g := range found {
				id := g.ID
				objs = append(objs, v.button(v.guideLabel(g), v.picto(g.Pictogram), controls.Plain,
					func() { v.Kiosk.ChooseGuide(id) }))
			}
		}
		results.Objects = objs
		results.Refresh()
	}
	entry.OnChanged = fill
	entry.OnSubmitted = func(q string) {
		if found := v.Library.Search(q, v.Kiosk.Lang()); len(found) == 1 {
			v.do(func() { v.Kiosk.ChooseGuide(found[0].ID) })()
		}
	}
	fill(v.query)
	v.focus = entry
	v.Search = entry
	body := container.NewVBox(d.Heading(v.tr.T("kiosk.search.title")), entry, results)
	return page{body: body, nav: v.nav(v.previous(), nil)}
}
