//go:build !windows

package datadir

func writeProtected(error) bool { return false }
