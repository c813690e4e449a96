// Package kiosk provides the visitor's screens: welcome, categories, guide,
// checklist, steps, "did you manage?" and goodbye, with the help / text size
// / contrast / stop bar in the same place on every screen, the idle warning,
// and full keyboard use. It draws what the visit state machine decides.
package kiosk

import (
	"io/fs"
	"log/slog"
	"net/url"
	"path"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"pasapas/internal/glossary"
	"pasapas/internal/guide"
	"pasapas/internal/locale"
	"pasapas/internal/ui/controls"
	"pasapas/internal/ui/themes"
	"pasapas/internal/visit"
)

// Browser opens the official sites, and closes them when the visit ends.
type Browser interface {
	Open(u *url.URL) error
	// CloseAll closes the windows opened for the visit and deletes what the
	// browser kept of it.
	CloseAll()
}

// Deps are what the kiosk screens need.
type Deps struct {
	App      fyne.App
	Window   fyne.Window
	Kiosk    *visit.Kiosk
	Catalog  *locale.Catalog
	Library  *guide.Library
	Glossary *glossary.Glossary
	Assets   fs.FS // pictograms under "pictograms", fonts under "fonts"
	Browser  Browser
	Speech   Speaker // nil: no read-aloud
	Log      *slog.Logger
	// OnStaff opens the mediator space (Ctrl+Alt+M); nil disables it.
	OnStaff func()
}

// View draws the kiosk into a window and turns the visitor's taps and keys
// into calls on the visit state machine.
type View struct {
	Deps
	tr  *locale.Tr
	dir controls.Dir

	term    string // glossary term shown over the current screen
	query   string // what the visitor typed in the search field
	focus   fyne.Focusable
	notice  string         // one-line message under the bar (site opened, error)
	warning bool           // the idle warning is shown
	left    int            // seconds left, while warning
	pointer *fyne.Position // where the pointer was last seen

	applied themes.Kiosk
	pictos  map[string]fyne.Resource
	fonts   map[string]fyne.Resource

	// Root is the window content; Primary is the screen's main button
	// (focused when the screen appears). Tests read both.
	Root    *fyne.Container
	Primary *controls.Button
	Search  *searchEntry // the search field, when the search screen is shown
	// ReadAloud is the "Listen" button of the screen, when shown.
	ReadAloud *controls.Button
	speaking  bool

	stop chan struct{}
}

// New builds the view and draws the welcome screen.
func New(d Deps) *View {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	v := &View{Deps: d, pictos: map[string]fyne.Resource{}, fonts: map[string]fyne.Resource{}}
	v.Root = container.NewStack()
	c := d.Window.Canvas()
	c.SetOnTypedKey(v.key)
	c.SetOnTypedRune(func(rune) { v.activity() })
	if dc, ok := c.(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { v.activity() })
	}
	c.AddShortcut(StaffShortcut(), func(fyne.Shortcut) { v.staff() })
	d.Window.SetContent(v.Root)
	v.Render()
	return v
}

// StartTimer ticks the idle timer every second until Stop.
func (v *View) StartTimer() {
	v.stop = make(chan struct{})
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-v.stop:
				return
			case <-t.C:
				fyne.Do(v.Tick)
			}
		}
	}()
}

// Stop ends the idle timer.
func (v *View) Stop() {
	if v.stop != nil {
		close(v.stop)
		v.stop = nil
	}
}

// Tick advances the idle timer and redraws what changed.
func (v *View) Tick() {
	before, hadVisit := v.Kiosk.Visit()
	screen := v.Kiosk.Screen()
	idle := v.Kiosk.Tick()
	after, hasVisit := v.Kiosk.Visit()
	reset := screen != v.Kiosk.Screen() || hadVisit != hasVisit || before.Key != after.Key
	left := int((idle.Left + time.Second - 1) / time.Second)
	if reset {
		v.wipe()
	}
	if reset || idle.Warning != v.warning || (idle.Warning && left != v.left) {
		v.warning, v.left = idle.Warning, left
		v.Render()
	}
}

// activity restarts the idle timer; it hides the idle warning if shown.
func (v *View) activity() {
	v.Kiosk.Touch()
	if v.warning {
		v.warning = false
		v.Render()
	}
}

// EndByStaff ends the visit from the mediator space and shows a clean
// welcome screen.
func (v *View) EndByStaff() { v.do(v.Kiosk.EndByStaff)() }

// StaffShortcut is Ctrl+Alt+M, which opens the mediator space.
func StaffShortcut() *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: fyne.KeyM, Modifier: fyne.KeyModifierControl | fyne.KeyModifierAlt}
}

func (v *View) staff() {
	if v.OnStaff != nil {
		v.OnStaff()
	}
}

// moved counts a pointer that really moved as activity. Redrawing the
// screen under a still pointer reports its position again: that is not
// someone there, and must not dismiss the idle warning.
func (v *View) moved(p fyne.Position) {
	last := v.pointer
	v.pointer = &p
	if last == nil {
		return
	}
	if dx, dy := p.X-last.X, p.Y-last.Y; dx*dx+dy*dy >= 4 {
		v.activity()
	}
}

// key handles keys no focused widget took: Escape goes back, any key counts
// as activity.
func (v *View) key(e *fyne.KeyEvent) {
	v.activity()
	if e.Name == fyne.KeyEscape {
		v.do(v.back)()
	}
}

func (v *View) back() {
	if v.term != "" {
		v.term = ""
		return
	}
	v.Kiosk.Back()
}

// do wraps an action: it runs it, clears one-shot notices, and redraws.
func (v *View) do(action func()) func() {
	return func() {
		v.notice = ""
		v.warning = false
		reading := v.speaking
		action()
		if reading == v.speaking { // the action did not start the reading: a new screen stops it
			v.stopReading()
		}
		if v.Kiosk.Screen() == visit.Welcome {
			if _, ok := v.Kiosk.Visit(); !ok {
				v.wipe()
			}
		}
		v.Render()
	}
}

// wipe closes what the visit opened outside the kiosk (browser windows).
func (v *View) wipe() {
	v.term, v.notice, v.query = "", "", ""
	v.stopReading()
	if v.Browser != nil {
		v.Browser.CloseAll()
	}
}

// Render draws the current screen.
func (v *View) Render() {
	k := v.Kiosk
	v.tr = v.Catalog.For(k.Lang())
	v.dir = controls.Dir{RTL: v.tr.Lang().RTL}
	v.applyTheme()
	v.Primary, v.Search, v.focus, v.ReadAloud = nil, nil, nil, nil

	var body, nav fyne.CanvasObject
	switch {
	case v.warning:
		body = v.idleScreen()
	case k.HelpShown():
		body = v.helpScreen()
	case v.term != "":
		body = v.termScreen()
	default:
		body, nav = v.screen()
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	top := container.NewVBox()
	if !v.warning { // the idle warning fills the screen: one message, one button
		top.Add(v.bar())
	}
	if v.notice != "" {
		top.Add(controls.Box(themes.ColorNameAttention, v.dir.Paragraph(v.notice)))
	}
	// The scroll bar is drawn over the content's right edge: keep text clear of it.
	bar := theme.Size(theme.SizeNameScrollBar)
	scroll := container.NewVScroll(container.New(layout.NewCustomPaddedLayout(8, 8, 8, bar+8), v.dir.Measure(body)))
	var bottom fyne.CanvasObject
	if nav != nil {
		bottom = container.NewPadded(nav)
	}
	page := container.NewBorder(container.NewPadded(top), bottom, nil, nil, scroll)
	v.Root.Objects = []fyne.CanvasObject{bg, controls.NewActivity(v.moved), page}
	v.Root.Refresh()
	switch {
	case v.focus != nil:
		v.Window.Canvas().Focus(v.focus)
	case v.Primary != nil:
		v.Window.Canvas().Focus(v.Primary)
	}
}

// screen returns the body and the navigation row of the current screen.
func (v *View) screen() (body, nav fyne.CanvasObject) {
	switch v.Kiosk.Screen() {
	case visit.Categories:
		return v.categoriesScreen()
	case visit.Guides:
		return v.guidesScreen()
	case visit.Search:
		return v.searchScreen()
	case visit.Intro:
		return v.introScreen()
	case visit.Checklist:
		return v.checklistScreen()
	case visit.Step:
		return v.stepScreen()
	case visit.Result:
		return v.resultScreen()
	case visit.Goodbye:
		return v.goodbyeScreen()
	}
	return v.welcomeScreen()
}

// applyTheme sets the theme for the visitor's size, contrast and language.
func (v *View) applyTheme() {
	t := themes.New(v.Kiosk.Size(), v.Kiosk.HighContrast())
	if v.dir.RTL {
		t.Regular, t.Bold = v.font("NotoSansArabic-Regular.ttf"), v.font("NotoSansArabic-Bold.ttf")
	}
	if t.Level == v.applied.Level && t.Contrast == v.applied.Contrast && t.Regular == v.applied.Regular && v.applied.Theme != nil {
		return
	}
	v.applied = t
	v.App.Settings().SetTheme(t)
}

func (v *View) font(name string) fyne.Resource {
	if r, ok := v.fonts[name]; ok {
		return r
	}
	b, err := fs.ReadFile(v.Assets, path.Join("fonts", name))
	if err != nil {
		v.Log.Error("font missing", "font", name, "err", err)
		v.fonts[name] = nil
		return nil
	}
	r := fyne.NewStaticResource(name, b)
	v.fonts[name] = r
	return r
}

// picto returns a pictogram by name, or nil when there is none.
func (v *View) picto(name string) fyne.Resource {
	if name == "" {
		return nil
	}
	if r, ok := v.pictos[name]; ok {
		return r
	}
	b, err := fs.ReadFile(v.Assets, path.Join("pictograms", name+".svg"))
	if err != nil {
		v.Log.Warn("pictogram missing", "name", name)
		v.pictos[name] = nil
		return nil
	}
	r := fyne.NewStaticResource(name+".svg", b)
	v.pictos[name] = r
	return r
}

// button returns a kiosk button wired for activity and keys.
func (v *View) button(text string, icon fyne.Resource, style controls.Style, action func()) *controls.Button {
	b := controls.NewButton(text, icon, style, v.do(action))
	b.RTL = v.dir.RTL
	b.OnKey = v.key
	b.OnActivity = v.Kiosk.Touch
	b.OnPointer = v.moved
	return b
}

// primary returns the screen's main button, which gets the focus.
func (v *View) primary(text string, icon fyne.Resource, action func()) *controls.Button {
	b := v.button(text, icon, controls.Primary, action)
	v.Primary = b
	return b
}

// bar is the row that is in the same place on every screen: help, text
// size, contrast, stop.
func (v *View) bar() fyne.CanvasObject {
	small := func(text string, icon fyne.Resource, style controls.Style, action func()) *controls.Button {
		b := v.button(text, icon, style, action)
		b.SizeName = themes.SizeNameBar
		return b
	}
	help := small(v.tr.T("kiosk.bar.help"), theme.HelpIcon(), controls.Primary, v.Kiosk.AskHelp)
	smaller := small(v.tr.T("kiosk.bar.smaller"), nil, controls.Plain, v.Kiosk.Smaller)
	bigger := small(v.tr.T("kiosk.bar.bigger"), nil, controls.Plain, v.Kiosk.Bigger)
	contrast := small(v.tr.T("kiosk.bar.contrast"), theme.ColorPaletteIcon(), controls.Plain, v.Kiosk.ToggleContrast)
	stop := small(v.tr.T("kiosk.bar.stop"), theme.CancelIcon(), controls.Plain, v.Kiosk.Stop)
	// The discreet way into the mediator space: a plain icon, no words.
	staff := controls.NewButton("", theme.AccountIcon(), controls.Plain, v.staff)
	staff.OnKey, staff.OnPointer = v.key, v.moved
	staff.SizeName = themes.SizeNameBar
	return v.dir.Ends(help, v.dir.Row(smaller, bigger, contrast, stop, staff))
}

// nav is the Previous … Next row.
func (v *View) nav(prev, next *controls.Button) fyne.CanvasObject {
	var p, n fyne.CanvasObject
	if prev != nil {
		p = prev
	}
	if next != nil {
		n = next
	}
	return v.dir.Ends(p, n)
}

// previous returns the Previous button, with its arrow pointing backwards
// in the reading direction.
func (v *View) previous() *controls.Button {
	icon := theme.NavigateBackIcon()
	if v.dir.RTL {
		icon = theme.NavigateNextIcon()
	}
	return v.button(v.tr.T("kiosk.step.previous"), icon, controls.Plain, v.Kiosk.Back)
}

func (v *View) nextIcon() fyne.Resource {
	if v.dir.RTL {
		return theme.NavigateBackIcon()
	}
	return theme.NavigateNextIcon()
}
