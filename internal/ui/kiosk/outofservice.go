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
