//go:build !unix

package guidefolder

// openNonBlocking is 0 where named pipes cannot sit in a folder (Windows).
const openNonBlocking = 0

// syncDir: Windows cannot sync a folder; its renames are journaled by NTFS.
func syncDir(string) error { return nil }
