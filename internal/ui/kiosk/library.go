package kiosk

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/guide"
	"pasapas/internal/visit"
)

// SetLibrary gives the screens the library of guides, read after the first
// screen (see visit.Kiosk.SetLibrary). A screen drawn before the guides
// came (a tap in the first instants after the start: « the procedures are
// loading ») is drawn again with them.
func (v *View) SetLibrary(lib *guide.Library) {
	if lib == nil {
		return
	}
	first := v.LibraryPending || v.Library == nil || len(v.Library.Guides()) == 0
	v.Library, v.LibraryPending = lib, false
	if first && v.Kiosk.Screen() != visit.Welcome {
		v.Render()
	}
}

// libraryLoadingScreen stands for the lists of guides while the library is
// read (hundreds of a centre's guides take a while on an old PC).
func (v *View) libraryLoadingScreen() page {
	bar := widget.NewProgressBarInfinite()
	body := container.NewVBox(v.dir.Heading(v.tr.T("kiosk.categories.title")),
		v.dir.Paragraph(v.tr.T("kiosk.library.loading")), bar)
	return page{body: body, nav: v.nav(v.previous(), nil)}
}
