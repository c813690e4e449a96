//go:build !unix && !windows

package failure

func IsDiskFull(error) bool   { return false }
func IsReadOnlyFS(error) bool { return false }
