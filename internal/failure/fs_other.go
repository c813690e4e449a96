//go:build !unix && !windows

package failure

func isDiskFull(error) bool   { return false }
func isReadOnlyFS(error) bool { return false }
