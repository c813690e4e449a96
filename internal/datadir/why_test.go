package datadir_test

import (
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"pasapas/internal/datadir"
)

func TestWhy(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want datadir.Reason
	}{
		{"another copy runs", fmt.Errorf("start: %w", datadir.ErrInUse), datadir.ReasonInUse},
		{"read-only disk", &fs.PathError{Op: "mkdir", Path: "/media/cle/pasapas", Err: syscall.EROFS}, datadir.ReasonReadOnly},
		{"another user's folder", &fs.PathError{Op: "open", Path: "/home/autre/.config/pasapas/pasapas.lock", Err: syscall.EACCES}, datadir.ReasonDenied},
		{"no space", &fs.PathError{Op: "mkdir", Path: "/x", Err: syscall.ENOSPC}, datadir.ReasonOther},
	}
	for _, tt := range tests {
		if got := datadir.Why(tt.err); got != tt.want {
			t.Errorf("Why(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
