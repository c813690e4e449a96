package mediator

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/commune"
	"pasapas/internal/journal"
	"pasapas/internal/locale"
	"pasapas/internal/ui/controls"
)

// communeField asks a commune the way people say it: a postal code, a
// name, or both, checked against the official list of communes (embedded,
// offline). Typing offers the matching communes; choosing one fills both
// and gives the INSEE code the national tool wants.
type communeField struct {
	tr     *locale.Tr
	Postal *controls.Field
	Name   *widget.SelectEntry
	Error  *widget.Label
	box    *fyne.Container
	table  *commune.Table // nil until loaded (off the UI goroutine)
	shown  map[string]commune.Commune
}

func newCommuneField(s *Space) *communeField {
	f := &communeField{tr: s.Tr, Postal: field(maxPostal), Name: widget.NewSelectEntry(nil), Error: fieldError()}
	f.Postal.SetPlaceHolder(s.Tr.T("commune.postal"))
	f.Name.SetPlaceHolder(s.Tr.T("commune.name"))
	f.Postal.OnChanged = func(string) { s.touch(); f.offerByPostal() }
	f.Name.OnChanged = func(text string) {
		if clip(&f.Name.Entry, journal.MaxNameLen, text) {
			return
		}
		s.touch()
		if c, ok := f.shown[text]; ok { // a suggestion was chosen
			f.Name.SetText(c.Name)
			f.Postal.SetText(firstPostal(c))
			return
		}
		f.offerByName(text)
	}
	background(s, func(context.Context) (*commune.Table, error) { return commune.Load() },
		func(t *commune.Table, err error) {
			if err != nil {
				s.Log.Error("load the communes", "err", err)
				return
			}
			f.table = t
		})
	return f
}

func fieldError() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// content lays the field out: postal code, then commune.
func (f *communeField) content() fyne.CanvasObject {
	if f.box == nil {
		f.box = container.NewVBox(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(110, 36), f.Postal), nil, f.Name), f.Error)
	}
	return f.box
}

// show shows or hides the whole field (a hidden one takes no room).
func (f *communeField) show(on bool) {
	f.content()
	f.box.Hidden = !on
	f.box.Refresh()
}

func (f *communeField) set(name, postal string) {
	f.Postal.SetText(postal)
	f.Name.SetText(name)
}

func (f *communeField) offerByPostal() {
	code := strings.ReplaceAll(f.Postal.Text, " ", "")
	if f.table == nil || len(code) != 5 {
		return
	}
	found := f.table.ByPostalCode(code)
	if len(found) == 1 && f.Name.Text == "" {
		f.Name.SetText(found[0].Name)
		return
	}
	f.offer(found)
}

func (f *communeField) offerByName(text string) {
	if f.table == nil || len([]rune(strings.TrimSpace(text))) < 2 {
		return
	}
	f.offer(f.table.Search(text, 8))
}

func (f *communeField) offer(cs []commune.Commune) {
	f.shown = map[string]commune.Commune{}
	var opts []string
	for _, c := range cs {
		label := fmt.Sprintf("%s (%s)", c.Name, strings.Join(c.PostalCodes, ", "))
		f.shown[label] = c
		opts = append(opts, label)
	}
	f.Name.SetOptions(opts)
}

// read checks what was typed: nothing at all is fine (the commune is not
// given); otherwise it returns the commune, or shows why not and returns
// an error.
func (f *communeField) read() (name, postal, insee string, err error) {
	name, postal = strings.TrimSpace(f.Name.Text), strings.ReplaceAll(strings.TrimSpace(f.Postal.Text), " ", "")
	f.Error.Hide()
	if name == "" && postal == "" {
		return "", "", "", nil
	}
	if f.table == nil { // the list is still loading: keep what was typed
		return name, postal, "", nil
	}
	c, err := f.table.Check(postal, name)
	if err != nil {
		f.Error.SetText(f.message(err))
		f.Error.Show()
		var amb *commune.AmbiguousError
		if errors.As(err, &amb) {
			f.offer(amb.Candidates)
		}
		return name, postal, "", err
	}
	if postal == "" {
		postal = firstPostal(c)
	}
	return c.Name, postal, c.INSEE, nil
}

func (f *communeField) message(err error) string {
	for _, e := range []struct {
		err error
		id  string
	}{
		{commune.ErrUnknownPostalCode, "commune.error.postal"}, {commune.ErrUnknownCommune, "commune.error.name"},
		{commune.ErrMismatch, "commune.error.mismatch"}, {commune.ErrAmbiguous, "commune.error.ambiguous"},
	} {
		if errors.Is(err, e.err) {
			return f.tr.T(e.id)
		}
	}
	return f.tr.T("commune.error.name")
}

func firstPostal(c commune.Commune) string {
	if len(c.PostalCodes) == 0 {
		return ""
	}
	return c.PostalCodes[0]
}
