package main

import (
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/jezek/xgb/xproto"
)

// program is a desktop program to start on the virtual screen.
type program struct {
	name string
	args []string
	env  []string
	// prepare: keys that bring it to the screen measured (not timed).
	prepare []xproto.Keysym
	// presses: the keys timed, in turn (each must change the screen).
	presses []xproto.Keysym
}

// keyToPixels starts p alone on a fresh virtual screen, brings it where
// it is measured, then times n key presses from the key sent to the
// drawing that changed the window's pixels.
func keyToPixels(p program, n int) ([]time.Duration, error) {
	x, err := startX(1366, 768)
	if err != nil {
		return nil, err
	}
	defer x.stop()
	s, err := dial(x.display)
	if err != nil {
		return nil, err
	}
	defer s.close()
	cmd := exec.Command(p.args[0], p.args[1:]...)
	cmd.Env = append(append(os.Environ(), "DISPLAY="+x.display, "LIBGL_ALWAYS_SOFTWARE=1"), p.env...)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	w, err := s.window(30 * time.Second)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.name, err)
	}
	if err := s.watch(w); err != nil {
		return nil, err
	}
	s.quiet(700*time.Millisecond, 20*time.Second) // the first frames, the shaders
	xproto.SetInputFocus(s.c, xproto.InputFocusPointerRoot, w, xproto.TimeCurrentTime)
	for _, k := range p.prepare {
		if err := s.key(k); err != nil {
			return nil, err
		}
		s.quiet(400*time.Millisecond, 5*time.Second)
	}
	var times []time.Duration
	for i := 0; len(times) < n; i++ {
		before, err := s.pixels(w)
		if err != nil {
			return nil, err
		}
		t0 := time.Now()
		if err := s.key(p.presses[i%len(p.presses)]); err != nil {
			return nil, err
		}
		at, err := s.untilChanged(w, before, 5*time.Second)
		if err != nil {
			return nil, fmt.Errorf("%s, press %d: %w", p.name, i+1, err)
		}
		times = append(times, at.Sub(t0))
		s.quiet(150*time.Millisecond, 3*time.Second) // let it finish drawing
	}
	return times, nil
}
