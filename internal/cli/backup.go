package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"pasapas/internal/backup"
	"pasapas/internal/datadir"
	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

// backupUsage and restoreUsage are the lines of the usage text.
const (
	backupUsage  = "backup [--data DIR] [-o FILE|FOLDER | --list]   copy the database (to DIR/backups by default), or list its backups"
	restoreUsage = "restore [--data DIR] FILE   put a backup in place of the database (Pas à pas must be closed)"
)

// backupCmd copies the database of the data folder: to FILE, into
// FOLDER under a backup's name, or by default into DIR/backups with the
// rotation the program applies. It reads the database through a read-only
// connection, so it may run while the program runs. --list prints the
// backups of DIR/backups, newest first.
func backupCmd(args []string, stdout, stderr io.Writer) int {
	fs, data := commandFlags("backup", stderr)
	out := fs.String("o", "", "write the backup to this file, or into this folder")
	list := fs.Bool("list", false, "list the backups of the data folder")
	rest, err := backupParseArgs(fs, args)
	if err != nil || len(rest) != 0 || (*list && *out != "") {
		return backupUsageError(stderr, err)
	}
	dir, err := datadir.Resolve(*data, os.Getenv)
	if err != nil {
		return backupFail(stderr, "backup", err)
	}
	ctx := context.Background()
	if *list {
		infos, err := backup.List(ctx, backup.Dir(dir))
		if err != nil {
			return backupFail(stderr, "backup", err)
		}
		if len(infos) == 0 {
			fmt.Fprintf(stdout, "no backup in %s\n", backup.Dir(dir))
		}
		for _, i := range infos {
			fmt.Fprintln(stdout, backupListLine(i))
		}
		return 0
	}

	src := filepath.Join(dir, sqlite.FileName)
	if _, err := os.Stat(src); errors.Is(err, os.ErrNotExist) {
		return backupFail(stderr, "backup", fmt.Errorf("no database in %s", dir))
	}
	now := time.Now()
	var info backup.Info
	switch st, statErr := os.Stat(*out); {
	case *out == "":
		info, err = backup.Create(ctx, backup.File(src), backup.Dir(dir), now)
		if err == nil {
			_, err = backup.Prune(backup.Dir(dir), now, backup.DefaultPolicy)
		}
	case statErr == nil && st.IsDir():
		info, err = backup.SaveTo(ctx, backup.File(src), *out, now)
	default:
		info, err = backup.WriteFile(ctx, backup.File(src), *out)
	}
	if err != nil {
		return backupFail(stderr, "backup", err)
	}
	fmt.Fprintf(stdout, "saved %s (%s)\n", info.Path, backupCounts(info.Counts))
	return 0
}

// restoreCmd puts the backup FILE in place of the database of the data
// folder, keeping a safety copy of the database it replaces.
func restoreCmd(args []string, stdout, stderr io.Writer) int {
	fs, data := commandFlags("restore", stderr)
	rest, err := backupParseArgs(fs, args)
	if err != nil || len(rest) != 1 {
		return backupUsageError(stderr, err)
	}
	dir, err := datadir.Resolve(*data, os.Getenv)
	if err != nil {
		return backupFail(stderr, "restore", err)
	}
	// Never under a running program: close Pas à pas first.
	release, err := datadir.Lock(dir)
	if err != nil {
		return backupFail(stderr, "restore", err)
	}
	defer func() {
		if err := release(); err != nil {
			fmt.Fprintln(stderr, "restore: release the data folder:", err)
		}
	}()
	r, err := backup.Restore(context.Background(), dir, rest[0], time.Now())
	if err != nil {
		return backupFail(stderr, "restore", err)
	}
	fmt.Fprintf(stdout, "restored %s (%s) into %s\n", rest[0], backupCounts(r.Backup.Counts), filepath.Join(dir, sqlite.FileName))
	if r.SafetyCopy != "" {
		fmt.Fprintf(stdout, "the database it replaced is kept as %s\n", r.SafetyCopy)
	}
	return 0
}

// backupParseArgs parses flags wherever they are among the arguments
// ("restore FILE --data DIR" as well as "restore --data DIR FILE") and
// returns the other arguments.
func backupParseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// backupUsageError prints the usage (after the flag package's own message, if
// any) and returns status 2.
func backupUsageError(stderr io.Writer, err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprint(stderr, usageText())
	return 2
}

// backupFail prints an error with a hint for its kind and returns status 1.
func backupFail(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintf(stderr, "pasapasctl %s: %v\n", cmd, err)
	switch failure.KindOf(err) {
	case failure.Invalid:
		fmt.Fprintln(stderr, "  this file is not a Pas à pas backup; nothing was changed")
	case failure.Damaged:
		fmt.Fprintln(stderr, "  this file is damaged; nothing was changed: choose another backup")
	case failure.NewerVersion:
		fmt.Fprintln(stderr, "  it was made by a newer version of Pas à pas; nothing was changed: update Pas à pas first")
	case failure.Conflict:
		fmt.Fprintln(stderr, "  nothing was changed")
	case failure.DiskFull:
		fmt.Fprintln(stderr, "  the disk is full: free some space and try again")
	case failure.ReadOnly:
		fmt.Fprintln(stderr, "  the folder cannot be written: check its permissions")
	}
	return 1
}

// backupListLine is one backup of --list: date, counts, path.
func backupListLine(i backup.Info) string {
	what := backupCounts(i.Counts)
	if i.Err != nil {
		what = "unreadable: " + i.Err.Error()
	}
	if i.SafetyCopy {
		what += ", kept before a restore"
	}
	return fmt.Sprintf("%s  %s  %s", i.Time.Format("2006-01-02 15:04:05"), what, i.Path)
}

func backupCounts(c sqlite.Counts) string {
	return fmt.Sprintf("%d visits, %d accompaniments, %d workshops, %d beneficiaries",
		c.Visits, c.Accompaniments, c.Workshops, c.Beneficiaries)
}
