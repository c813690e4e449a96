// Package printer prints a document the visitor downloaded on the
// computer's default printer: through CUPS's lp on Linux and the BSDs,
// through the program Windows associates with the document's type (the
// shell's "print" verb) on Windows.
package printer

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrNoPrinter means this computer has no way to print the document: no
// printing system (CUPS's lp is not installed), or on Windows no program
// that prints documents of its type.
var ErrNoPrinter = errors.New("printer: no way to print on this computer")

// Print sends the document at path to the default printer and returns once
// the printing system has it (not once it is on paper). Its error wraps
// ErrNoPrinter when nothing can print, fs.ErrNotExist when the document is
// gone, and otherwise quotes what the printing system said (no default
// printer, printer stopped…).
func Print(ctx context.Context, path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("printer: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("printer: %s is not a document", path)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("printer: %w", err)
	}
	return send(ctx, path)
}
