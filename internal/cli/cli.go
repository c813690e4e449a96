// Package cli implements the pasapasctl commands: each takes its arguments
// and output streams and returns the process exit status, so that tests run
// them exactly as a user would.
package cli

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"pasapas/internal/datadir"
	"pasapas/internal/version"
)

// command is one pasapasctl command: the words that name it, one line of
// usage, and the function that runs it with the remaining arguments.
type command struct {
	name  []string
	usage string
	run   func(args []string, stdout, stderr io.Writer) int
}

// commands lists every command. Each lives in its own file.
func commands() []command {
	return []command{
		{[]string{"guides", "check"}, guidesCheckUsage, guidesCheck},
		{[]string{"guides", "new"}, guidesNewUsage, guidesNew},
		{[]string{"export"}, exportUsage, exportCmd},
		{[]string{"sheet"}, sheetUsage, sheetCmd},
		{[]string{"demo"}, "demo --data DIR [--months 12] [--seed 1]   fill an empty database with demo activity", demoFill},
		{[]string{"backup"}, backupUsage, backupCmd},
		{[]string{"restore"}, restoreUsage, restoreCmd},
		{[]string{"account", "reset"}, accountResetUsage, accountReset},
		{[]string{"station", "init"}, stationInitUsage, stationInit},
		{[]string{"station", "run"}, stationRunUsage, stationRun},
		{[]string{"station", "code"}, stationCodeUsage, stationCode},
		{[]string{"station", "kiosks"}, stationKiosksUsage, stationKiosks},
		{[]string{"station", "remove"}, stationRemoveUsage, stationRemove},
		{[]string{"station", "hub"}, stationHubUsage, stationHub},
		{[]string{"kiosk", "join"}, kioskJoinUsage, kioskJoin},
	}
}

// commandFlags returns the flag set of a command, printing its errors on
// stderr, with the --data flag every command that reads the data takes.
func commandFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs, fs.String("data", "", "data folder (default: $"+datadir.EnvVar+" or the user configuration folder)")
}

// usageText is the help printed on a usage error.
func usageText() string {
	var b strings.Builder
	b.WriteString("usage:\n  pasapasctl --version\n")
	for _, c := range commands() {
		b.WriteString("  pasapasctl " + c.usage + "\n")
	}
	return b.String()
}

// Run runs one pasapasctl command and returns its exit status: 0 on success,
// 1 when the command found errors or failed, 2 on a usage error.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && (args[0] == "--version" || args[0] == "version") {
		fmt.Fprintln(stdout, "pasapasctl", version.Version)
		return 0
	}
	for _, c := range commands() {
		if len(args) >= len(c.name) && slices.Equal(args[:len(c.name)], c.name) {
			return c.run(args[len(c.name):], stdout, stderr)
		}
	}
	fmt.Fprint(stderr, usageText())
	return 2
}
