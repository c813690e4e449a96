//go:build windows

package datadir

// OwnerOnly does nothing on Windows: files created under the user's
// profile (AppData, Documents) inherit its owner-only ACL.
func OwnerOnly() {}
