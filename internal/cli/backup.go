package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pasapas/internal/backup"
	"pasapas/internal/datadir"
	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

// backupUsage and restoreUsage are the lines of the usage text.
const (
	backupUsage = "backup [--data DIR] [--list | -o FILE|FOLDER [--passphrase-file FILE | --plain]]   copy the database " +
		"(to DIR/backups by default), or list its backups; a copy with -o leaves the PC: encrypted with a passphrase " +
		"(asked twice, or the first line of --passphrase-file), plain only with --plain"
	restoreUsage = "restore [--data DIR] [--passphrase-file FILE] FILE   put a backup in place of the database (Pas à pas must be closed); " +
		"an encrypted backup asks for its passphrase"
)

// plainWarning is printed when a plain copy leaves the PC.
const plainWarning = "pasapasctl backup: warning: this copy is NOT encrypted: whoever gets the file reads the names, " +
	"phone numbers and notes it holds; keep it locked away, and delete it when it is no longer needed"

// backupTool runs the backup and restore commands. in is where a
// passphrase is read when no --passphrase-file is given (a terminal: not
// shown); workFactor is the scrypt work factor of new encrypted copies
// (0: backup.DefaultWorkFactor; tests use less).
type backupTool struct {
	in         io.Reader
	workFactor int
}

func backupCmd(args []string, stdout, stderr io.Writer) int {
	return backupTool{in: os.Stdin}.backup(args, stdout, stderr)
}

func restoreCmd(args []string, stdout, stderr io.Writer) int {
	return backupTool{in: os.Stdin}.restore(args, stdout, stderr)
}

// backup copies the database of the data folder: to FILE, into FOLDER
// under a backup's name (both encrypted unless --plain), or by default
// into DIR/backups with the rotation the program applies (plain: it
// stays on the PC). It reads the database through a read-only
// connection, so it may run while the program runs. --list prints the
// backups of DIR/backups, newest first.
func (b backupTool) backup(args []string, stdout, stderr io.Writer) int {
	fs, data := commandFlags("backup", stderr)
	out := fs.String("o", "", "write the backup to this file, or into this folder (encrypted)")
	list := fs.Bool("list", false, "list the backups of the data folder")
	plain := fs.Bool("plain", false, "with -o: write a plain copy, NOT encrypted")
	passFile := fs.String("passphrase-file", "", "with -o: read the passphrase from the first line of this file")
	rest, err := backupParseArgs(fs, args)
	if err != nil || len(rest) != 0 || (*list && *out != "") || (*out == "" && (*plain || *passFile != "")) ||
		(*plain && *passFile != "") {
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
	seal := backup.Seal{Plain: *plain, WorkFactor: b.workFactor}
	if *out != "" && !*plain {
		if seal.Passphrase, err = b.newPassphrase(*passFile, stderr); err != nil {
			return backupFail(stderr, "backup", err)
		}
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
		info, err = backup.SaveSealed(ctx, backup.File(src), *out, now, seal)
	default:
		info, err = backup.WriteFile(ctx, backup.File(src), *out, seal)
	}
	if err != nil {
		return backupFail(stderr, "backup", err)
	}
	if *plain {
		fmt.Fprintln(stderr, plainWarning)
	}
	what := backupCounts(info.Counts)
	if info.Encrypted {
		what += ", encrypted: keep the passphrase apart from the file"
	}
	fmt.Fprintf(stdout, "saved %s (%s)\n", info.Path, what)
	return 0
}

// newPassphrase returns the passphrase of a new encrypted copy: the first
// line of file, or typed twice. It must pass backup.CheckPassphrase.
func (b backupTool) newPassphrase(file string, prompt io.Writer) (string, error) {
	var p string
	if file != "" {
		var err error
		if p, err = passphraseFromFile(file); err != nil {
			return "", err
		}
	} else {
		read := secretReader(b.in, prompt)
		first, err := read("Passphrase of the backup (16 characters at least; a sentence of several words): ")
		if err != nil {
			return "", passphraseInputErr(err)
		}
		again, err := read("The same passphrase again: ")
		if err != nil {
			return "", passphraseInputErr(err)
		}
		if first != again {
			return "", failure.New(failure.Invalid, "read passphrase", backup.ErrPassphraseMismatch)
		}
		p = first
	}
	return p, backup.CheckPassphrase(p)
}

// passphraseFromFile reads the first line of file (without its line end).
func passphraseFromFile(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", failure.FromFS("read passphrase file", err)
	}
	defer f.Close()
	line, err := bufio.NewReader(io.LimitReader(f, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", failure.FromFS("read passphrase file", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", failure.Errorf(failure.Invalid, "read passphrase file", "%s: its first line is empty", file)
	}
	return line, nil
}

// passphraseInputErr words a passphrase that could not be read.
func passphraseInputErr(err error) error {
	return failure.Errorf(failure.Invalid, "read passphrase",
		"no passphrase could be read (%v): type it in a terminal, or give --passphrase-file FILE", err)
}

// restore puts the backup FILE in place of the database of the data
// folder, keeping a safety copy of the database it replaces; an
// encrypted FILE is opened with the passphrase (--passphrase-file, or
// typed once).
func (b backupTool) restore(args []string, stdout, stderr io.Writer) int {
	fs, data := commandFlags("restore", stderr)
	passFile := fs.String("passphrase-file", "", "read the passphrase of an encrypted backup from the first line of this file")
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
	opt := backup.RestoreOptions{By: "pasapasctl"}
	if encrypted, err := backup.IsEncrypted(rest[0]); err == nil && encrypted {
		if *passFile != "" {
			opt.Passphrase, err = passphraseFromFile(*passFile)
		} else {
			opt.Passphrase, err = secretReader(b.in, stderr)("Passphrase of the backup: ")
			if err != nil {
				err = passphraseInputErr(err)
			}
		}
		if err != nil {
			return backupFail(stderr, "restore", err)
		}
	}
	r, err := backup.RestoreWith(context.Background(), dir, rest[0], time.Now(), opt)
	if err != nil {
		return backupFail(stderr, "restore", err)
	}
	fmt.Fprintf(stdout, "restored %s (%s) into %s\n", rest[0], backupCounts(r.Backup.Counts), filepath.Join(dir, sqlite.FileName))
	if r.SafetyCopy != "" {
		fmt.Fprintf(stdout, "the database it replaced is kept as %s\n", r.SafetyCopy)
	}
	if r.Erased > 0 {
		fmt.Fprintf(stdout, "%d people erased since this backup were erased again\n", r.Erased)
	}
	if r.LedgerSkipped > 0 {
		fmt.Fprintf(stderr, "pasapasctl restore: warning: %d unreadable lines in %s were skipped\n", r.LedgerSkipped, sqlite.LedgerPath(filepath.Join(dir, sqlite.FileName)))
	}
	if r.AuditCarryErr != nil {
		fmt.Fprintf(stderr, "pasapasctl restore: warning: the audit entries written since the backup could not be carried over: %v\n", r.AuditCarryErr)
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

// backupFail prints an error with what to do for its kind, worded for
// the command that failed, and returns status 1.
func backupFail(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintf(stderr, "pasapasctl %s: %v\n", cmd, err)
	if hint := backupHint(cmd, err); hint != "" {
		fmt.Fprintln(stderr, "  "+hint)
	}
	return 1
}

// backupHint says what to do after err in cmd ("backup", "restore", …).
func backupHint(cmd string, err error) string {
	restoring := cmd == "restore"
	switch failure.KindOf(err) {
	case failure.Invalid:
		switch {
		case errors.Is(err, backup.ErrPassphraseShort), errors.Is(err, backup.ErrPassphraseWeak),
			errors.Is(err, backup.ErrPassphraseLong), errors.Is(err, backup.ErrPassphraseControl),
			errors.Is(err, backup.ErrPassphraseMismatch):
			return "nothing was written: choose a sentence of several words, 16 characters at least, that nobody could guess"
		case restoring:
			return "this file is not a Pas à pas backup; nothing was changed"
		}
		return "nothing was changed"
	case failure.Unauthorized:
		if errors.Is(err, backup.ErrWrongPassphrase) {
			return "nothing was changed: type the passphrase written on the backup's reminder sheet, exactly (capitals, accents, spaces)"
		}
		if errors.Is(err, backup.ErrPassphraseNeeded) {
			return "nothing was changed: give the backup's passphrase (typed in a terminal, or --passphrase-file FILE)"
		}
		return "nothing was changed"
	case failure.Damaged:
		if restoring {
			return "this backup file is damaged; nothing was changed: choose another backup (pasapasctl backup --list)"
		}
		return "the database itself is damaged, so no copy was made: restore the newest sound backup " +
			"(pasapasctl backup --list, then pasapasctl restore FILE with Pas à pas closed)"
	case failure.NewerVersion:
		return "it was made by a newer version of Pas à pas; nothing was changed: update Pas à pas first"
	case failure.Conflict:
		return "nothing was changed"
	case failure.DiskFull:
		if f := failingFolder(err); f != "" {
			return "the disk of " + f + " is full: free some space (or choose another disk) and try again; nothing was changed"
		}
		return "the disk is full: free some space and try again; nothing was changed"
	case failure.ReadOnly:
		if f := failingFolder(err); f != "" {
			return "the folder " + f + " cannot be written (a read-only disk, a locked USB stick, or no permission): choose another folder or check its permissions"
		}
		return "the folder cannot be written: check its permissions"
	}
	return ""
}

// failingFolder returns the folder of the file an error is about, or "".
func failingFolder(err error) string {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return ""
	}
	if st, serr := os.Stat(pe.Path); serr == nil && st.IsDir() {
		return pe.Path
	}
	return filepath.Dir(pe.Path)
}

// backupListLine is one backup of --list: date, counts, path.
func backupListLine(i backup.Info) string {
	what := backupCounts(i.Counts)
	if i.Err != nil {
		what = "unreadable: " + i.Err.Error()
	}
	if i.Encrypted {
		what = "encrypted"
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
