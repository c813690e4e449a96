package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/damage"
	"github.com/jezek/xgb/xfixes"
	"github.com/jezek/xgb/xproto"
	"github.com/jezek/xgb/xtest"
)

// xserver is a virtual X screen started for one measure.
type xserver struct {
	cmd     *exec.Cmd
	display string
}

// startX starts Xvfb on a free display of w×h.
func startX(w, h int) (*xserver, error) {
	r, wr, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", w, h), "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{wr}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start Xvfb (apt-get install xvfb): %w", err)
	}
	wr.Close()
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("Xvfb gave no display: %w", err)
	}
	return &xserver{cmd: cmd, display: ":" + strings.TrimSpace(line)}, nil
}

func (x *xserver) stop() {
	x.cmd.Process.Kill()
	x.cmd.Wait()
}

// screenConn is a connection to the X screen that sees windows appear,
// damage on one window, and sends keys as a keyboard would (XTEST).
type screenConn struct {
	c      *xgb.Conn
	root   xproto.Window
	mapped chan xproto.Window
	damage chan struct{}
	codes  map[xproto.Keysym]xproto.Keycode
	dmg    damage.Damage
}

func dial(display string) (*screenConn, error) {
	xgb.Logger = log.New(io.Discard, "", 0)
	c, err := xgb.NewConnDisplay(display)
	if err != nil {
		return nil, err
	}
	for _, init := range []func(*xgb.Conn) error{xtest.Init, xfixes.Init, damage.Init} {
		if err := init(c); err != nil {
			c.Close()
			return nil, fmt.Errorf("X extension: %w", err)
		}
	}
	if _, err := xfixes.QueryVersion(c, 5, 0).Reply(); err != nil {
		return nil, err
	}
	if _, err := damage.QueryVersion(c, 1, 1).Reply(); err != nil {
		return nil, err
	}
	setup := xproto.Setup(c)
	s := &screenConn{c: c, root: setup.DefaultScreen(c).Root, mapped: make(chan xproto.Window, 8),
		damage: make(chan struct{}, 1024), codes: map[xproto.Keysym]xproto.Keycode{}}
	km, err := xproto.GetKeyboardMapping(c, setup.MinKeycode, byte(setup.MaxKeycode-setup.MinKeycode+1)).Reply()
	if err != nil {
		return nil, err
	}
	per := int(km.KeysymsPerKeycode)
	for i := 0; i*per < len(km.Keysyms); i++ {
		for j := 0; j < per; j++ {
			if sym := km.Keysyms[i*per+j]; sym != 0 {
				if _, ok := s.codes[sym]; !ok {
					s.codes[sym] = xproto.Keycode(int(setup.MinKeycode) + i)
				}
			}
		}
	}
	if err := xproto.ChangeWindowAttributesChecked(c, s.root, xproto.CwEventMask,
		[]uint32{xproto.EventMaskSubstructureNotify}).Check(); err != nil {
		return nil, err
	}
	go func() {
		for {
			ev, err := c.WaitForEvent()
			if ev == nil && err == nil {
				return
			}
			switch e := ev.(type) {
			case xproto.MapNotifyEvent:
				if e.Event == s.root {
					select {
					case s.mapped <- e.Window:
					default:
					}
				}
			case damage.NotifyEvent:
				select {
				case s.damage <- struct{}{}:
				default:
				}
			}
		}
	}()
	return s, nil
}

func (s *screenConn) close() { s.c.Close() }

// window waits for the first top-level window to appear.
func (s *screenConn) window(timeout time.Duration) (xproto.Window, error) {
	select {
	case w := <-s.mapped:
		return w, nil
	case <-time.After(timeout):
		return 0, errors.New("no window appeared")
	}
}

// watch reports every drawing into w as a damage event.
func (s *screenConn) watch(w xproto.Window) error {
	id, err := damage.NewDamageId(s.c)
	if err != nil {
		return err
	}
	s.dmg = id
	return damage.CreateChecked(s.c, id, xproto.Drawable(w), damage.ReportLevelNonEmpty).Check()
}

// quiet waits until nothing was drawn for d (at most max).
func (s *screenConn) quiet(d, max time.Duration) {
	end := time.Now().Add(max)
	for time.Now().Before(end) {
		select {
		case <-s.damage:
			damage.Subtract(s.c, s.dmg, 0, 0)
		case <-time.After(d):
			return
		}
	}
}

// key presses and releases the key of keysym sym.
func (s *screenConn) key(sym xproto.Keysym) error {
	code, ok := s.codes[sym]
	if !ok {
		return fmt.Errorf("no key for keysym %#x", sym)
	}
	xtest.FakeInput(s.c, xproto.KeyPress, byte(code), 0, s.root, 0, 0, 0)
	xtest.FakeInput(s.c, xproto.KeyRelease, byte(code), 0, s.root, 0, 0, 0)
	s.c.Sync()
	return nil
}

// pixels returns the window's pixels as on screen (the part of it on
// the screen).
func (s *screenConn) pixels(w xproto.Window) ([]byte, error) {
	g, err := xproto.GetGeometry(s.c, xproto.Drawable(w)).Reply()
	if err != nil {
		return nil, err
	}
	tr, err := xproto.TranslateCoordinates(s.c, w, s.root, 0, 0).Reply()
	if err != nil {
		return nil, err
	}
	scr := xproto.Setup(s.c).DefaultScreen(s.c)
	x0, y0 := max(0, int(tr.DstX)), max(0, int(tr.DstY))
	x1, y1 := min(int(scr.WidthInPixels), int(tr.DstX)+int(g.Width)), min(int(scr.HeightInPixels), int(tr.DstY)+int(g.Height))
	if x1 <= x0 || y1 <= y0 {
		return nil, errors.New("the window is off the screen")
	}
	img, err := xproto.GetImage(s.c, xproto.ImageFormatZPixmap, xproto.Drawable(s.root), int16(x0), int16(y0),
		uint16(x1-x0), uint16(y1-y0), 0xffffffff).Reply()
	if err != nil {
		return nil, err
	}
	return img.Data, nil
}

// untilChanged waits for drawing into w that leaves its pixels other than
// before, and returns when that drawing was reported.
func (s *screenConn) untilChanged(w xproto.Window, before []byte, timeout time.Duration) (time.Time, error) {
	end := time.After(timeout)
	for {
		select {
		case <-s.damage:
			at := time.Now()
			damage.Subtract(s.c, s.dmg, 0, 0)
			now, err := s.pixels(w)
			if err != nil {
				return at, err
			}
			if !bytes.Equal(now, before) {
				return at, nil
			}
		case <-end:
			return time.Time{}, errors.New("the window did not change")
		}
	}
}

// Keysyms used.
const (
	keyReturn xproto.Keysym = 0xff0d
	keyEscape xproto.Keysym = 0xff1b
	keyTab    xproto.Keysym = 0xff09
)
