package visit

import "pasapas/internal/guide"

// SetLibrary replaces the guides the kiosk offers: the centre's own guides
// are added once read, after the first screen. A visit going on keeps its
// guide (guides are looked up by id, and the built-in ones are the same).
// Call it on the goroutine that drives the kiosk.
func (k *Kiosk) SetLibrary(lib *guide.Library) {
	if lib != nil {
		k.lib = lib
	}
}
