package cli

import (
	"bytes"
	"io"
)

// RunBackupTool runs "backup" or "restore" (args[0]) as Run does, with in
// as the terminal and scrypt's work factor at 2^10 so that tests do not
// spend seconds on each encrypted copy.
func RunBackupTool(in io.Reader, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	t := backupTool{in: in, workFactor: 10}
	run := t.backup
	if args[0] == "restore" {
		run = t.restore
	}
	code := run(args[1:], &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}
