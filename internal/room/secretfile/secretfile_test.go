package secretfile_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"pasapas/internal/room/secretfile"
)

func TestWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "seed.nk")
	for _, data := range []string{"first", "second"} {
		if err := secretfile.Write(path, []byte(data)); err != nil {
			t.Fatalf("Got(Write) = %v, want nil", err)
		}
		b, err := os.ReadFile(path)
		if err != nil || string(b) != data {
			t.Fatalf("Got(ReadFile) = %q, %v, want %q", b, err, data)
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Fatalf("Got(mode) = %v, want 0600", st.Mode().Perm())
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil || len(entries) != 1 {
		t.Fatalf("Got(ReadDir) = %v, %v, want only the file (no temporary left)", entries, err)
	}
}
