package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"pasapas/internal/ui/controls"
	"pasapas/internal/ui/themes"
)

// helpScreen: "a mediator is coming", shown over the visitor's screen until
// they tap OK; the help request is already recorded. OK stays at the
// bottom, visible without scrolling in the guide column too.
func (v *View) helpScreen() page {
	d := v.dir
	ok := v.primary(v.tr.T("kiosk.help.ok"), theme.ConfirmIcon(), v.Kiosk.DismissHelp)
	var pic fyne.CanvasObject = container.NewVBox()
	if p := v.pictogram(v.picto("aide"), theme.TextSize()*4); p != nil {
		pic = p
	}
	title, sentences := v.helpTexts() // on a « poste public », what the station answered
	body := container.NewVBox(pic, d.Huge(title))
	for _, s := range sentences {
		body.Add(d.Paragraph(s))
	}
	return page{body: body, nav: d.Row(ok)}
}

// stopScreen: « Voulez-vous vraiment tout arrêter ? » — one stray tap on
// « Arrêter » must not wipe a half-filled form. « Non, continuer » is the
// main button: Enter keeps the visit. Both answers stay at the bottom.
func (v *View) stopScreen() page {
	d := v.dir
	no := v.primary(v.tr.T("kiosk.stop.no"), theme.NavigateBackIcon(), v.Kiosk.CancelStop)
	yes := v.button(v.tr.T("kiosk.stop.yes"), theme.CancelIcon(), controls.Plain, v.Kiosk.Stop)
	return page{body: container.NewVBox(d.Heading(v.tr.T("kiosk.stop.title")), d.Paragraph(v.tr.T("kiosk.stop.body"))),
		nav: container.NewVBox(no, yes)}
}

// idleScreen: the full-screen warning with its countdown and one big
// Continue button.
func (v *View) idleScreen() fyne.CanvasObject {
	d := v.dir
	cont := v.primary(v.tr.T("kiosk.idle.continue"), theme.ConfirmIcon(), v.Kiosk.Touch)
	cont.SizeName = themes.SizeNameHuge
	return container.NewVBox(
		d.Huge(v.tr.T("kiosk.idle.title")),
		d.Heading(v.tr.N("kiosk.idle.countdown", v.left)),
		cont,
	)
}

// termScreen: a glossary word explained in large text, with a way back to
// the same screen.
func (v *View) termScreen() fyne.CanvasObject {
	d := v.dir
	e, _ := v.Glossary.Lookup(v.term, v.Kiosk.Lang())
	back := v.primary(v.tr.T("kiosk.glossary.back"), v.backIcon(), func() { v.term = "" })
	box := container.NewVBox(d.Huge(e.Word))
	if read := v.readAloud(e.Word+".", e.Text); read != nil {
		box.Add(read)
	}
	box.Add(d.Paragraph(e.Text))
	box.Add(d.Row(back))
	return box
}

func (v *View) backIcon() fyne.Resource {
	if v.dir.RTL {
		return theme.NavigateNextIcon()
	}
	return theme.NavigateBackIcon()
}
