package controls

import "fyne.io/fyne/v2"

// Clamp returns content whose minimum size is at most limit. The window of
// the kiosk is sized by the screen (the whole screen, or the guide column
// beside the official site): a content that asked for more would make Fyne
// grow the window over the site, and the window manager would then refuse
// to put it back. Content larger than the window scrolls inside it.
func Clamp(content fyne.CanvasObject, limit fyne.Size) *fyne.Container {
	return &fyne.Container{Layout: clampLayout{limit}, Objects: []fyne.CanvasObject{content}}
}

type clampLayout struct{ limit fyne.Size }

func (l clampLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize().Min(l.limit)
}

func (l clampLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}
