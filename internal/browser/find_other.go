//go:build !windows

package browser

import (
	"os/exec"
	"runtime"
)

// here returns what discovery reads on this computer: PATH.
func here() places {
	return places{goos: runtime.GOOS, lookPath: exec.LookPath}
}
