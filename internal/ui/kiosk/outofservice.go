package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

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
