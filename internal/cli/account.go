package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"pasapas/internal/account"
	"pasapas/internal/datadir"
	"pasapas/internal/failure"
	"pasapas/internal/sqlite"
)

const accountResetUsage = "account reset [--data DIR] NAME   give a staff account a new password (a forgotten coordinator's): asked twice, audited"

// accountReset replaces a forgotten secret from the PC itself: whoever can
// run it can read the data folder already. The new secret is asked twice on
// the terminal (not shown), or read as two lines from standard input.
func accountReset(args []string, stdout, stderr io.Writer) int {
	return accountResetFrom(os.Stdin, args, stdout, stderr)
}

func accountResetFrom(in io.Reader, args []string, stdout, stderr io.Writer) int {
	fs, data := commandFlags("account reset", stderr)
	rest, err := backupParseArgs(fs, args)
	if err != nil || len(rest) != 1 {
		return backupUsageError(stderr, err)
	}
	dir, err := datadir.Resolve(*data, os.Getenv)
	if err != nil {
		return backupFail(stderr, "account reset", err)
	}
	path := filepath.Join(dir, sqlite.FileName)
	if _, err := os.Stat(path); err != nil {
		return backupFail(stderr, "account reset", fmt.Errorf("no database in %s: %w", dir, err))
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return backupFail(stderr, "account reset", err)
	}
	defer db.Close()
	svc := &account.Service{Store: db, Audit: db, Now: time.Now, OnError: func(err error) {
		fmt.Fprintln(stderr, "pasapasctl account reset: the audit trail was not written:", err)
	}}
	if _, err := db.AccountByName(ctx, strings.TrimSpace(rest[0])); failure.KindOf(err) == failure.NotFound {
		fmt.Fprintf(stderr, "pasapasctl account reset: no account is named %q; nothing was changed\n", rest[0])
		return 1
	} else if err != nil {
		return backupFail(stderr, "account reset", err)
	}
	read := secretReader(in, stderr)
	secret, err := read("New password: ")
	if err != nil {
		return backupFail(stderr, "account reset", err)
	}
	again, err := read("The same password again: ")
	if err != nil {
		return backupFail(stderr, "account reset", err)
	}
	if secret != again {
		fmt.Fprintln(stderr, "pasapasctl account reset: the two passwords differ; nothing was changed")
		return 1
	}
	a, err := svc.Reset(ctx, rest[0], secret, "pasapasctl account reset by "+osUser())
	if err != nil {
		if failure.KindOf(err) == failure.Invalid {
			fmt.Fprintf(stderr, "pasapasctl account reset: %s; nothing was changed\n", secretRule(err))
			return 1
		}
		return backupFail(stderr, "account reset", err)
	}
	fmt.Fprintf(stdout, "new password set for %s (%s); the account is enabled; the reset is in the audit trail\n", a.Name, a.DisplayName)
	return 0
}

// secretReader reads a secret without echo from a terminal, else one line.
func secretReader(in io.Reader, prompt io.Writer) func(string) (string, error) {
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return func(p string) (string, error) {
			fmt.Fprint(prompt, p)
			b, err := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(prompt)
			return string(b), err
		}
	}
	lines := bufio.NewScanner(in)
	return func(string) (string, error) {
		if !lines.Scan() {
			if err := lines.Err(); err != nil {
				return "", err
			}
			return "", errors.New("no password given on standard input")
		}
		return strings.TrimSuffix(lines.Text(), "\r"), nil
	}
}

// secretRule words a refused secret for the terminal.
func secretRule(err error) string {
	for _, r := range []struct {
		err  error
		text string
	}{
		{account.ErrSecretShort, "the password is too short (at least 8 characters, or a sentence of 14)"},
		{account.ErrSecretClasses, "use 3 kinds among lowercase, uppercase, digits and other signs, or a sentence of 14 characters"},
		{account.ErrSecretDigits, "a code of digits only is not accepted"},
		{account.ErrSecretHasName, "the password must not contain the account's name"},
		{account.ErrSecretTooLong, "the password is too long"},
		{account.ErrSecretControl, "the password has invisible characters"},
		{account.ErrSecretGuessable, "this password is too common or too easy to guess"},
	} {
		if errors.Is(err, r.err) {
			return r.text
		}
	}
	return err.Error()
}

// osUser names who ran the command, for the audit trail.
func osUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "an unknown user"
}
