//go:build !unix && !windows

package exportjob

func isNotDir(error) bool  { return false }
func isBusy(error) bool    { return false }
func syncDir(string) error { return nil }
