package controls

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// CuedScroll is a vertical scroll that says when there is more below: while
// its content goes on past the bottom edge, a cue (a button such as
// « Suite en bas ») is shown under it, and tapping the cue scrolls down.
// People who never used a scroll bar then know the text goes on.
type CuedScroll struct {
	Box    *fyne.Container // what goes on screen: the scroll and its cue
	Scroll *container.Scroll
	Cue    *Button
}

// NewCuedScroll returns content in a vertical scroll with cue under it. The
// cue's action is replaced by scrolling down most of a page.
func NewCuedScroll(content fyne.CanvasObject, cue *Button) *CuedScroll {
	c := &CuedScroll{Scroll: container.NewVScroll(content), Cue: cue}
	cue.OnTapped = c.PageDown
	c.Box = container.New(&cueLayout{c: c}, c.Scroll, cue)
	c.Scroll.OnScrolled = func(fyne.Position) { c.Box.Refresh() }
	return c
}

// More reports whether content is hidden below the visible part.
func (c *CuedScroll) More() bool { return c.Cue.Visible() }

// PageDown scrolls down most of the visible height.
func (c *CuedScroll) PageDown() {
	step := c.Scroll.Size().Height * 0.8
	c.Scroll.ScrollToOffset(fyne.NewPos(c.Scroll.Offset.X, c.Scroll.Offset.Y+step))
	c.Box.Refresh()
}

type cueLayout struct{ c *CuedScroll }

func (l *cueLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	s, cue := l.c.Scroll.MinSize(), l.c.Cue.MinSize()
	return fyne.NewSize(max(s.Width, cue.Width), max(s.Height, cue.Height))
}

// Layout gives the scroll the whole area; while content stays hidden below,
// the cue lies over the bottom of the text (not over the scroll bar, which
// stays reachable), and goes at the end.
func (l *cueLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	s, cue := l.c.Scroll, l.c.Cue
	s.Move(fyne.NewPos(0, 0))
	s.Resize(size)
	content := s.Content.MinSize().Height
	if content <= size.Height+1 || s.Offset.Y+size.Height >= content-1 {
		cue.Hide()
		return
	}
	cue.Show()
	bar := theme.Size(theme.SizeNameScrollBar)
	ms := cue.MinSize()
	w := min(max(ms.Width, size.Width-bar-2*theme.Padding()), size.Width)
	cue.Move(fyne.NewPos(0, size.Height-ms.Height)) // Fyne's scroll bar is on the right in both directions
	cue.Resize(fyne.NewSize(w, ms.Height))
}
