package kiosk

import (
	"net/url"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"pasapas/internal/browser"
	"pasapas/internal/screen"
)

// The world around the kiosk for TestSoak: fakes that count and keep no
// history, so that a soak does not grow in them.

// soakBrowser is the visit's browser: it runs from Open to CloseAll, and
// has the documents downloaded while it runs. It counts, and keeps no
// history: a soak must not grow in its fakes.
type soakBrowser struct {
	mu      sync.Mutex
	running bool
	docs    []browser.Document
	opens   int
	closes  int
}

func (b *soakBrowser) Open(*url.URL, screen.Rect) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.running {
		b.opens++
	}
	b.running = true
	return nil
}

func (b *soakBrowser) Running() bool { b.mu.Lock(); defer b.mu.Unlock(); return b.running }
func (b *soakBrowser) Tree() []int   { return []int{4242} }

func (b *soakBrowser) Downloads() ([]browser.Document, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.running {
		return nil, nil
	}
	return b.docs, nil
}

func (b *soakBrowser) CloseAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.running {
		b.closes++
	}
	b.running = false
	b.docs = nil
}

// download makes the site download a document.
func (b *soakBrowser) download(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.docs = []browser.Document{{Name: name, Path: "/nowhere/" + name}}
}

// soakDesk is a screen of a given size whose system idle time is the time
// since the soak's visitor last did something.
type soakDesk struct {
	area screen.Rect
	w    fyne.Window
	idle func() time.Duration
}

func (d *soakDesk) Area() screen.Rect { return d.area }
func (d *soakDesk) Apply(m Mode, s screen.Split) {
	if m == Column {
		d.w.Resize(fyne.NewSize(float32(s.Column.W), float32(s.Column.H)))
	} else {
		d.w.Resize(fyne.NewSize(float32(d.area.W), float32(d.area.H)))
	}
}
func (d *soakDesk) ShowSite(_ screen.Split, _ func() []int, shown, _ func()) { shown() }
func (d *soakDesk) Idle() (time.Duration, error)                             { return d.idle(), nil }
func (d *soakDesk) Keep()                                                    {}

// soakSpeaker has a voice for every language; it reads until stopped.
type soakSpeaker struct{ reads, stops int }

func (s *soakSpeaker) Has(string) bool                    { return true }
func (s *soakSpeaker) Speak(string, string, func()) error { s.reads++; return nil }
func (s *soakSpeaker) Stop()                              { s.stops++ }
