//go:build !unix

package guide

// openNonBlocking is 0 where named pipes cannot sit in a folder (Windows).
const openNonBlocking = 0
