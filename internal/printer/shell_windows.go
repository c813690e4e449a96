package printer

import (
	"context"
	"fmt"

	"golang.org/x/sys/windows"
)

// send prints path through the shell's "print" verb: the program Windows
// associates with the document's type prints it on the default printer,
// its window hidden.
func send(_ context.Context, path string) error {
	verb, err := windows.UTF16PtrFromString("print")
	if err != nil {
		return fmt.Errorf("printer: %w", err)
	}
	file, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return fmt.Errorf("printer: %s: %w", path, err)
	}
	if err := windows.ShellExecute(0, verb, file, nil, nil, windows.SW_HIDE); err != nil {
		return shellError(path, err)
	}
	return nil
}
