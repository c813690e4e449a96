package kiosk

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/failure"
	"pasapas/internal/locale"
	"pasapas/internal/ui/controls"
	"pasapas/internal/ui/themes"
)

// Installing fills the kiosk's window while Pas à pas is set up: the
// coordinator account is created in the mediator window, never from the
// kiosk; nothing a visitor can use is shown meanwhile.
func Installing(a fyne.App, w fyne.Window, tr *locale.Tr) {
	a.Settings().SetTheme(themes.New(1, false))
	d := controls.Dir{RTL: tr.Lang().RTL}
	w.SetContent(container.NewStack(
		canvas.NewRectangle(theme.Color(theme.ColorNameBackground)),
		container.NewPadded(container.NewVBox(d.Huge(tr.T("setup.kiosk.title")), d.Paragraph(tr.T("setup.kiosk.body")))),
	))
}

// OutOfService fills the window with a clear message when the kiosk cannot
// work (the database cannot be opened): visitors are told to call a
// mediator, and the mediator reads why.
func OutOfService(a fyne.App, w fyne.Window, tr *locale.Tr, kind failure.Kind) {
	a.Settings().SetTheme(themes.New(1, false))
	d := controls.Dir{RTL: tr.Lang().RTL}
	why := tr.T("error." + string(kind))
	w.SetContent(container.NewStack(
		canvas.NewRectangle(theme.Color(theme.ColorNameBackground)),
		container.NewPadded(container.NewVBox(
			d.Huge(tr.T("kiosk.outofservice.title")),
			d.Paragraph(tr.T("kiosk.outofservice.body")),
			controls.Box(themes.ColorNameAttention, d.Paragraph(why)),
		)),
	))
}

// CannotStart shows, in a window of its own, why Pas à pas does not start
// (another copy already runs, the data folder cannot be used) — a Windows
// program has no console to read — and runs until « Fermer » or after
// the delay given.
func CannotStart(a fyne.App, tr *locale.Tr, title, body string, after time.Duration) {
	a.Settings().SetTheme(themes.New(1, false))
	w := a.NewWindow(tr.T("start.window"))
	d := controls.Dir{RTL: tr.Lang().RTL}
	closeBtn := widget.NewButtonWithIcon(tr.T("start.close"), theme.CancelIcon(), a.Quit)
	closeBtn.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewVBox(d.Huge(title), d.Paragraph(body), container.NewHBox(closeBtn))))
	w.Resize(fyne.NewSize(720, 360))
	w.CenterOnScreen()
	t := time.AfterFunc(after, func() { fyne.Do(a.Quit) })
	defer t.Stop()
	w.ShowAndRun()
}
