//go:build !windows

package datadir

import "syscall"

// OwnerOnly makes every file and folder the program creates from now on
// its owner's only (umask 077): SQLite creates the database, its journal
// and the backups with the umask, and exports and the browser's profile
// follow it too.
func OwnerOnly() { syscall.Umask(0o077) }
