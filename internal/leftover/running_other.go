//go:build !unix && !windows

package leftover

import "io/fs"

// running cannot tell here: every process counts as running, so nothing
// is removed.
func running(int) bool { return true }

func ours(fs.FileInfo) bool { return true }
