package printer

import (
	"bytes"
	"errors"
	"io/fs"
	"syscall"
	"testing"
)

func TestShellError(t *testing.T) {
	other := errors.New("boom")
	tests := []struct {
		name   string
		err    error
		wantIs error
	}{
		{name: "no association", err: syscall.Errno(1155), wantIs: ErrNoPrinter},
		{name: "SE_ERR_NOASSOC", err: syscall.Errno(31), wantIs: ErrNoPrinter},
		{name: "file not found", err: syscall.Errno(2), wantIs: fs.ErrNotExist},
		{name: "path not found", err: syscall.Errno(3), wantIs: fs.ErrNotExist},
		{name: "access denied", err: syscall.Errno(5), wantIs: fs.ErrPermission},
		{name: "other errno", err: syscall.Errno(1223), wantIs: syscall.Errno(1223)},
		{name: "not an errno", err: other, wantIs: other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shellError(`C:\v\a.pdf`, tt.err)
			if !errors.Is(got, tt.wantIs) || !bytes.Contains([]byte(got.Error()), []byte(`C:\v\a.pdf`)) {
				t.Fatalf("shellError(%v) = %v, want it to wrap %v and name the file", tt.err, got, tt.wantIs)
			}
			if tt.wantIs != ErrNoPrinter && errors.Is(got, ErrNoPrinter) {
				t.Fatalf("shellError(%v) = %v: not a missing printer", tt.err, got)
			}
		})
	}
}
