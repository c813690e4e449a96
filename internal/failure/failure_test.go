package failure_test

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"pasapas/internal/failure"
)

func TestKindOf(t *testing.T) {
	base := errors.New("disk I/O error")
	for _, tc := range []struct {
		name string
		err  error
		want failure.Kind
	}{
		{"nil", nil, ""},
		{"plain error", base, failure.Internal},
		{"plain wrapped error", fmt.Errorf("save: %w", fs.ErrPermission), failure.Internal},
		{"kind", failure.New(failure.NotFound, "load guide", base), failure.NotFound},
		{"kind without cause", failure.New(failure.Conflict, "save", nil), failure.Conflict},
		{"Errorf", failure.Errorf(failure.DiskFull, "save visit", "%d bytes left", 0), failure.DiskFull},
		{"wrapped once", fmt.Errorf("start: %w", failure.New(failure.ReadOnly, "open", base)), failure.ReadOnly},
		{"wrapped twice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", failure.New(failure.Damaged, "open", base))), failure.Damaged},
		{"joined", errors.Join(base, failure.New(failure.Invalid, "check", nil)), failure.Invalid},
		{"outermost kind wins", failure.New(failure.NewerVersion, "open", failure.New(failure.Internal, "read", base)), failure.NewerVersion},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := failure.KindOf(tc.err); got != tc.want {
				t.Errorf("Got(%q) = %v, want %v", fmt.Sprint("KindOf(", tc.err, ")"), got, tc.want)
			}
		})
	}
}

func TestError_Error(t *testing.T) {
	base := errors.New("database is locked")
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"with cause", failure.New(failure.Internal, "save visit", base), "save visit: database is locked"},
		{"without cause", failure.New(failure.Unauthorized, "log in", nil), "log in: unauthorized"},
		{"Errorf", failure.Errorf(failure.NewerVersion, "open database", "schema version %d", 3), "open database: schema version 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Got(%q) = %q, want %q", tc.name, got, tc.want)
			}
		})
	}
}

func TestError_Unwrap(t *testing.T) {
	err := fmt.Errorf("start: %w", failure.New(failure.ReadOnly, "open", fs.ErrPermission))
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("Got(%q) = false, want true", "errors.Is(err, fs.ErrPermission)")
	}
	var fe *failure.Error
	if !errors.As(err, &fe) || fe.Op != "open" || fe.Kind != failure.ReadOnly {
		t.Errorf("Got(%q) = %+v, want Op %q Kind %q", "errors.As", fe, "open", failure.ReadOnly)
	}
}
