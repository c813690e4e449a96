package kiosk

import (
	"pasapas/internal/guide"
	"pasapas/internal/visit"
)

// SetLibrary gives the screens the library of guides, read after the first
// screen (see visit.Kiosk.SetLibrary). A screen drawn before any guide
// came (a tap in the first instants after the start) is drawn again with
// them.
func (v *View) SetLibrary(lib *guide.Library) {
	if lib == nil {
		return
	}
	first := v.Library == nil || len(v.Library.Guides()) == 0
	v.Library = lib
	if first && v.Kiosk.Screen() != visit.Welcome {
		v.Render()
	}
}
