//go:build !windows

package display

import (
	"errors"
	"fmt"

	"github.com/jezek/xgb/xproto"
)

// This file finds the windows of a process on X11.

func (s *system) windowsOf(pids []int) ([]uintptr, error) {
	want := pidSet(pids)
	if len(want) == 0 {
		return nil, nil
	}
	clients, err := s.clients()
	if err != nil {
		return nil, err
	}
	var found []uintptr
	for _, w := range clients {
		pid, err := s.prop32(w, s.atom.wmPID)
		if errors.Is(err, ErrNoWindow) {
			continue // closed since it was listed
		}
		if err != nil {
			return nil, err
		}
		if len(pid) > 0 && want[pid[0]] {
			found = append(found, uintptr(w))
		}
	}
	return found, nil
}

// clients returns the top-level client windows: the window manager's
// _NET_CLIENT_LIST (EWMH "_NET_CLIENT_LIST", in mapping order), or without
// one the viewable children of the root, each replaced by the descendant
// that has a WM_STATE when a window manager framed it (ICCCM 4.1.3.1, as
// xprop and xwininfo find the client window).
func (s *system) clients() ([]xproto.Window, error) {
	wm, err := s.hasWM()
	if err != nil {
		return nil, err
	}
	if wm {
		v, err := s.prop32(s.root, s.atom.clientList)
		if err != nil {
			return nil, err
		}
		if v != nil {
			ws := make([]xproto.Window, len(v))
			for i, w := range v {
				ws[i] = xproto.Window(w)
			}
			return ws, nil
		}
	}
	t, err := xproto.QueryTree(s.x, s.root).Reply()
	if err != nil {
		return nil, fmt.Errorf("display: root window's children: %w", err)
	}
	var ws []xproto.Window
	for _, c := range t.Children {
		a, err := xproto.GetWindowAttributes(s.x, c).Reply()
		if err != nil {
			if err = windowError(c, err); errors.Is(err, ErrNoWindow) {
				continue
			}
			return nil, err
		}
		if a.OverrideRedirect || a.MapState != xproto.MapStateViewable {
			continue // menus, tooltips, hidden windows
		}
		w, ok, err := s.findClient(c, 2)
		if errors.Is(err, ErrNoWindow) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if !ok {
			w = c // no window manager: the window itself
		}
		ws = append(ws, w)
	}
	return ws, nil
}

// findClient returns the first window at or below w (depth levels down
// at most) that has a WM_STATE; ok is false when there is none.
func (s *system) findClient(w xproto.Window, depth int) (client xproto.Window, ok bool, err error) {
	m, err := s.prop32(w, s.atom.wmState)
	if err != nil || m != nil {
		return w, err == nil, err
	}
	if depth == 0 {
		return 0, false, nil
	}
	t, err := xproto.QueryTree(s.x, w).Reply()
	if err != nil {
		return 0, false, windowError(w, err)
	}
	for _, c := range t.Children {
		client, ok, err := s.findClient(c, depth-1)
		if errors.Is(err, ErrNoWindow) {
			continue
		}
		if err != nil || ok {
			return client, ok, err
		}
	}
	return 0, false, nil
}
