// Package kiosk provides the visitor's screens: welcome, categories, guide,
// checklist, steps, "did you manage?" and goodbye, with the help / text size
// / contrast / stop bar in the same place on every screen, the idle warning,
// and full keyboard use. It draws what the visit state machine decides.
package kiosk

import (
	"context"
	"io/fs"
	"log/slog"
	"path"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"pasapas/internal/browser"
	"pasapas/internal/glossary"
	"pasapas/internal/guide"
	"pasapas/internal/locale"
	"pasapas/internal/screen"
	"pasapas/internal/ui/controls"
	"pasapas/internal/ui/themes"
	"pasapas/internal/visit"
)

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
	// Desk places the kiosk and the browser on the screen; nil keeps the
	// window as it is (tests, no window system).
	Desk   Desk
	Speech Speaker // nil: no read-aloud
	// Print prints a downloaded document; nil hides « Imprimer ».
	Print func(ctx context.Context, path string) error
	Log   *slog.Logger
	// OnStaff opens the mediator space (Ctrl+Alt+M); nil disables it.
	OnStaff func()
	// StaffElsewhere: a « poste public », whose mediator space is on the
	// station: Ctrl+Alt+M and the person icon say so instead.
	StaffElsewhere bool
	// OnProblem tells the mediator space what went wrong for a visitor
	// (the site did not open…), in the staff's language; nil: only logged.
	OnProblem func(message string)
	// Post runs a function on the UI goroutine: nil for fyne.Do (tests of
	// the whole program give their own loop).
	Post func(func())
	// LibraryPending: the guides are read after the first screen and
	// come with SetLibrary; until then the lists of guides say so, with a
	// moving bar, rather than showing none.
	LibraryPending bool
}

// post runs f on the UI goroutine (Deps.Post, or fyne.Do).
func (v *View) post(f func()) {
	if v.Post != nil {
		v.Post(f)
		return
	}
	fyne.Do(f)
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
	opening bool           // the browser is being started
	// siteWaiting: the browser started, its window has not shown yet.
	siteWaiting bool
	// maxWidth is the most a button may take across (the guide column);
	// 0 when the kiosk has the whole screen.
	maxWidth float32
	// drawnAt is the window's size when the screen was last drawn: rows
	// of buttons were wrapped for it.
	drawnAt fyne.Size
	// waitingShown: the "help is on its way" banner is drawn.
	waitingShown bool
	// help is what the station said of the help request of helpVisit
	// (« poste public », roomhelp.go).
	help      HelpNews
	helpVisit string
	helpCount int  // the visit's help requests when the news came
	placed    Mode // where the kiosk window was last put
	docs      []browser.Document
	jobs      chan func() // work off the UI goroutine, in order

	applied themes.Kiosk
	pictos  map[string]fyne.Resource
	fonts   map[string]fyne.Resource
	// icons draws the pictograms and icons once per theme and size.
	icons *controls.Icons
	// pictures holds the last step pictures, drawn once.
	pictures pictureCache
	// frame is what stays on screen while only the screen's content
	// changes: the bar, the navigation row, the scrolling column.
	frame *frame

	// Root is the window content; Primary is the screen's main button
	// (focused when the screen appears). Tests read both.
	Root    *fyne.Container
	Primary *controls.Button
	Search  *searchEntry // the search field, when the search screen is shown
	// Prev and Next are the screen's Previous and Next, when shown.
	Prev, Next *controls.Button
	// Site is « Ouvrir le site » or « Revoir le site », when shown.
	Site *controls.Button
	// Scroll is the screen's text, with its « more below » cue.
	Scroll *controls.CuedScroll
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
	v := &View{Deps: d, pictos: map[string]fyne.Resource{}, fonts: map[string]fyne.Resource{}, placed: -1,
		icons: controls.NewIcons()}
	v.Root = container.NewStack()
	c := d.Window.Canvas()
	c.SetOnTypedKey(v.key)
	c.SetOnTypedRune(func(rune) { v.activity() })
	if dc, ok := c.(desktop.Canvas); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { v.activity() })
	}
	c.AddShortcut(StaffShortcut(), func(fyne.Shortcut) { v.staff() })
	// Ctrl + and Ctrl − change the text size, as in a browser.
	for _, k := range []fyne.KeyName{fyne.KeyEqual, fyne.KeyPlus} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) { v.do(v.Kiosk.Bigger)() })
	}
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) { v.do(v.Kiosk.Smaller)() })
	d.Window.SetContent(v.Root)
	v.Render()
	return v
}

// StartTimer ticks the idle timer every second until Stop: off the UI
// goroutine it reads the system's idle time, whether the site's browser
// still runs and what it downloaded, then brings that to the kiosk. It
// also starts the worker that opens and closes the browser in order.
func (v *View) StartTimer() {
	v.stop = make(chan struct{})
	v.jobs = make(chan func(), 16)
	go v.worker(v.jobs)
	go func(stop <-chan struct{}) {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				s := v.read()
				v.post(func() { v.apply(s) })
			}
		}
	}(v.stop)
}

// Stop ends the idle timer and the worker.
func (v *View) Stop() {
	if v.stop != nil {
		close(v.stop)
		close(v.jobs)
		v.stop, v.jobs = nil, nil
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
	if v.StaffElsewhere {
		v.notice = v.tr.T("kiosk.staff.elsewhere")
		v.Render()
		return
	}
	if v.OnStaff != nil {
		v.OnStaff()
	}
}

// moved counts a pointer that really moved as activity. Redrawing the
// screen under a still pointer reports its position again: that is not
// someone there, and must not dismiss the idle warning.
//
// With a window system, the system's idle time says when someone really
// used the pointer: a window moved or resized under a still pointer (the
// guide becoming a column, the idle warning covering the screen) reports a
// new position, and must not count.
func (v *View) moved(p fyne.Position) {
	last := v.pointer
	v.pointer = &p
	if last == nil || v.Desk != nil {
		return
	}
	if dx, dy := p.X-last.X, p.Y-last.Y; dx*dx+dy*dy >= 4 {
		v.activity()
	}
}

// key handles keys no focused widget took: Escape goes back, F1 asks for
// help, any key counts as activity.
func (v *View) key(e *fyne.KeyEvent) {
	v.activity()
	switch e.Name {
	case fyne.KeyEscape:
		v.do(v.back)()
	case fyne.KeyF1:
		v.do(v.Kiosk.AskHelp)()
	case fyne.KeyReturn, fyne.KeyEnter:
		// Nothing has the focus (a click beside the buttons took it away,
		// or the visitor comes back from the site): Enter still goes
		// forward.
		if v.Primary != nil && v.Window.Canvas().Focused() == nil {
			v.Primary.Tapped(nil)
		}
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

// wipe closes what the visit opened outside the kiosk: the browser with
// its profile and downloads (off the UI goroutine), and the clipboard.
func (v *View) wipe() {
	v.term, v.notice, v.query = "", "", ""
	v.docs = nil
	v.stopReading()
	if v.Browser != nil {
		v.background(v.Browser.CloseAll)
	}
	if cb := v.App.Clipboard(); cb != nil {
		cb.SetContent("")
	}
}

// page is what a screen shows: a head that stays in place (step counter,
// title), a body that scrolls, and the navigation row at the bottom.
type page struct {
	head, body, nav fyne.CanvasObject
}

// Render draws the current screen, and puts the kiosk window where it
// belongs: the whole screen, or a column beside the official site.
func (v *View) Render() {
	k := v.Kiosk
	v.tr = v.Catalog.For(k.Lang())
	v.dir = controls.Dir{RTL: v.tr.Lang().RTL}
	v.applyTheme()
	v.icons.Scale = v.Window.Canvas().Scale()
	v.Primary, v.Search, v.focus, v.ReadAloud, v.Site, v.Scroll = nil, nil, nil, nil, nil, nil
	v.Prev, v.Next = nil, nil

	v.drawnAt = v.Window.Canvas().Size()
	column := v.mode() == Column
	width := v.width(column)
	v.maxWidth = 0
	if column {
		v.maxWidth = width
	}
	fresh := v.useFrame(column)
	var p page
	switch {
	case v.warning:
		p.body = v.idleScreen()
	case k.StopAsked():
		p = v.stopScreen()
	case k.HelpShown():
		p = v.helpScreen()
	case v.term != "":
		p.body = v.termScreen()
	default:
		p = v.screen()
	}
	v.show(p, column, width, fresh)
	switch {
	case v.focus != nil:
		v.Window.Canvas().Focus(v.focus)
	case v.Primary != nil:
		v.Window.Canvas().Focus(v.Primary)
	}
	v.place()
}

// width is the room the kiosk has across, for rows of buttons that wrap:
// the guide column beside the site, or the window.
func (v *View) width(column bool) float32 {
	c := v.Window.Canvas()
	if column {
		return float32(v.split().Column.W)/max(c.Scale(), 0.1) - 4*theme.Padding()
	}
	return c.Size().Width - 4*theme.Padding()
}

// screen returns the current screen.
func (v *View) screen() page {
	switch v.Kiosk.Screen() {
	case visit.Categories, visit.Guides, visit.Search:
		if v.LibraryPending {
			return v.libraryLoadingScreen()
		}
	}
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
	case visit.Documents:
		return v.documentsScreen()
	case visit.Goodbye:
		return v.goodbyeScreen()
	}
	return v.welcomeScreen()
}

// applyTheme sets the theme for the visitor's size, contrast and language.
func (v *View) applyTheme() {
	t := themes.New(v.Kiosk.Size(), v.Kiosk.HighContrast())
	if v.dir.RTL {
		t.Regular, t.Bold = v.font("NotoSansArabicUI-Regular.ttf"), v.font("NotoSansArabicUI-Bold.ttf")
	}
	if v.Desk != nil {
		t.Scale = screen.Scale(v.Desk.Area())
	}
	if t.Level == v.applied.Level && t.Contrast == v.applied.Contrast && t.Regular == v.applied.Regular &&
		t.Scale == v.applied.Scale && v.applied.Theme != nil {
		return
	}
	v.applied = t
	v.icons.Reset()
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

// pictogram returns a pictogram drawn in the text colour, size wide, or
// nil when res is nil; it is drawn once per theme and size.
func (v *View) pictogram(res fyne.Resource, size float32) fyne.CanvasObject {
	return v.icons.Pictogram(res, size)
}

// button returns a kiosk button wired for activity and keys.
func (v *View) button(text string, icon fyne.Resource, style controls.Style, action func()) *controls.Button {
	b := controls.NewButton(text, icon, style, v.do(action))
	b.RTL = v.dir.RTL
	b.MaxWidth = v.maxWidth
	b.OnKey = v.key
	b.OnActivity = v.Kiosk.Touch
	b.OnPointer = v.moved
	b.Icons = v.icons
	return b
}

// primary returns the screen's main button, which gets the focus.
func (v *View) primary(text string, icon fyne.Resource, action func()) *controls.Button {
	b := v.button(text, icon, controls.Primary, action)
	v.Primary = b
	return b
}

// bar is the row that is in the same place on every screen: help, text
// size, contrast, stop (not on the welcome screen: nothing to stop). In the
// guide column, help takes the whole width and the rest wraps below it.
func (v *View) bar(column bool, width float32) fyne.CanvasObject {
	small := func(text string, icon fyne.Resource, style controls.Style, action func()) *controls.Button {
		b := v.button(text, icon, style, action)
		b.SizeName = themes.SizeNameBar
		return b
	}
	help := small(v.tr.T("kiosk.bar.help"), theme.HelpIcon(), controls.Primary, v.Kiosk.AskHelp)
	smaller := small(v.tr.T("kiosk.bar.smaller"), nil, controls.Plain, v.Kiosk.Smaller)
	bigger := small(v.tr.T("kiosk.bar.bigger"), nil, controls.Plain, v.Kiosk.Bigger)
	contrast := small(v.tr.T("kiosk.bar.contrast"), theme.ColorPaletteIcon(), controls.Plain, v.Kiosk.ToggleContrast)
	if column { // the column keeps the bar on two lines: contrast by its icon
		contrast.Text = ""
	}
	// The discreet way into the mediator space: a plain icon, no words.
	staff := controls.NewButton("", theme.AccountIcon(), controls.Plain, v.staff)
	staff.OnKey, staff.OnPointer = v.key, v.moved
	staff.Icons = v.icons
	staff.SizeName = themes.SizeNameBar
	tools := []fyne.CanvasObject{smaller, bigger, contrast}
	if _, started := v.Kiosk.Visit(); started || v.Kiosk.Screen() != visit.Welcome {
		tools = append(tools, small(v.tr.T("kiosk.bar.stop"), theme.CancelIcon(), controls.Plain, v.Kiosk.AskStop))
	}
	if column || !controls.Fits(width, append([]fyne.CanvasObject{help, staff}, tools...)...) {
		// Help across the width (the mediator's icon at its end), the
		// rest below.
		first := container.NewBorder(nil, nil, nil, staff, help)
		if v.dir.RTL {
			first = container.NewBorder(nil, nil, staff, nil, help)
		}
		return container.NewVBox(first, v.dir.Flow(width, tools...))
	}
	return v.dir.Ends(help, v.dir.Row(append(tools, staff)...))
}

// nav is the Previous … Next row; when both do not fit side by side (the
// guide column at a large text size), Next is above Previous.
func (v *View) nav(prev, next *controls.Button) fyne.CanvasObject {
	v.Prev, v.Next = prev, next
	var p, n fyne.CanvasObject
	if prev != nil {
		p = prev
	}
	if next != nil {
		n = next
	}
	v.navSize(prev, next)
	if p != nil && n != nil && !controls.Fits(v.width(v.mode() == Column), p, n) {
		if v.mode() == Column {
			// The narrow column: Previous by its arrow, beside Next.
			prev.Text = ""
			if controls.Fits(v.width(true), prev, next) {
				return v.dir.Ends(prev, next)
			}
		}
		return container.NewVBox(n, p)
	}
	return v.dir.Ends(p, n)
}

// answers is the navigation row of a question: Previous at the start, the
// answers at the end, the main one last — on one line with Previous by
// its label or, if that is too wide, by its arrow (as in the guide
// column); else the answers on a line above Previous; else one under the
// other.
func (v *View) answers(prev *controls.Button, answers ...*controls.Button) fyne.CanvasObject {
	v.Prev, v.Next = prev, nil
	v.navSize(append([]*controls.Button{prev}, answers...)...)
	ends := make([]fyne.CanvasObject, len(answers))
	for i, b := range answers {
		ends[i] = b
	}
	width := v.width(v.mode() == Column)
	all := append([]fyne.CanvasObject{prev}, ends...)
	if controls.Fits(width, all...) {
		return v.dir.Ends(prev, v.dir.Row(ends...))
	}
	label := prev.Text
	prev.Text = ""
	if controls.Fits(width, all...) {
		return v.dir.Ends(prev, v.dir.Row(ends...))
	}
	prev.Text = label
	if controls.Fits(width, ends...) {
		return container.NewVBox(v.dir.Ends(nil, v.dir.Row(ends...)), v.dir.Ends(prev, nil))
	}
	return container.NewVBox(append(ends, prev)...)
}

// navSize gives the navigation buttons (nil ones skipped) the guide
// column's navigation text size when the site is open beside.
func (v *View) navSize(bs ...*controls.Button) {
	if v.mode() != Column {
		return
	}
	for _, b := range bs {
		if b != nil {
			b.SizeName = themes.SizeNameNav
		}
	}
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
