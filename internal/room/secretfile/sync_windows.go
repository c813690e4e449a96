//go:build windows

package secretfile

// syncDir: Windows cannot sync a folder; its rename is journaled by NTFS.
func syncDir(string) error { return nil }
