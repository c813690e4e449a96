//go:build unix

package guide

import "syscall"

// openNonBlocking opens a file without waiting: a named pipe with no writer
// would otherwise block the open forever. A regular file reads as usual.
const openNonBlocking = syscall.O_NONBLOCK
