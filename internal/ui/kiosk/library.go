package kiosk

import "pasapas/internal/guide"

// SetLibrary gives the screens the library with the centre's own guides,
// read after the first screen (see visit.Kiosk.SetLibrary).
func (v *View) SetLibrary(lib *guide.Library) {
	if lib != nil {
		v.Library = lib
	}
}
