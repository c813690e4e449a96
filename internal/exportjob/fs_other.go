//go:build !unix && !windows

package exportjob

func isReadOnlyFS(error) bool { return false }
func isNotDir(error) bool     { return false }
func isDiskFull(error) bool   { return false }
func isBusy(error) bool       { return false }
func syncDir(string) error    { return nil }
