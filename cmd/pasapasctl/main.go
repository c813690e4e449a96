// Command pasapasctl is the command-line companion of Pas à pas, for staff and
// scheduled jobs: it checks guide files and, later, exports and backs up the
// data. It needs no display.
package main

import (
	"os"

	"pasapas/internal/cli"
	"pasapas/internal/datadir"
)

func main() {
	datadir.OwnerOnly() // backups and exports it writes are the owner's only
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
