package exportjob

import (
	"errors"
	"fmt"
	"io/fs"

	"pasapas/internal/failure"
)

// Reason is why an export could not be written. Each side words it for
// its reader: the app shows the localized message MessageID (with the
// folder or the file), pasapasctl prints its own sentence. Every Reason
// has a failure.Kind (Kind).
type Reason string

// Reasons.
const (
	// Invalid: the request cannot be written — a format that does not
	// apply to the export, a detailed statistics export, a period that
	// ends before it starts. A screen offering only Formats(what) and
	// Detailable exports never meets it. Kind failure.Invalid.
	Invalid Reason = "invalid"
	// FolderMissing: the folder of the file does not exist (a path that
	// was given, whose folder is not created). Error.Folder names it.
	// Kind failure.NotFound.
	FolderMissing Reason = "folder_missing"
	// FolderReadOnly: the folder cannot be written (permissions, a
	// read-only disk or share). Error.Folder names it. Kind
	// failure.ReadOnly.
	FolderReadOnly Reason = "folder_read_only"
	// NoDocuments: no Documents folder could be found or created (no home
	// folder). Kind failure.NotFound.
	NoDocuments Reason = "no_documents"
	// PathIsFolder: the file to write is a folder. Error.Path names it.
	// Kind failure.Invalid.
	PathIsFolder Reason = "path_is_folder"
	// FileBusy: a file of that name exists and cannot be replaced — open
	// in a spreadsheet on Windows, or read-only. Error.Path names it. Kind
	// failure.Conflict.
	FileBusy Reason = "file_busy"
	// DiskFull: no space was left to write the file; nothing was written.
	// Error.Folder names the folder. Kind failure.DiskFull.
	DiskFull Reason = "disk_full"
	// DatabaseDamaged: the database could not be read because it is
	// damaged; nothing was written. It says nothing of backups: the
	// database is checked and restored from the backups screen (or
	// pasapasctl restore). Kind failure.Damaged.
	DatabaseDamaged Reason = "database_damaged"
	// Database: the database could not be read for another reason (busy,
	// unreadable). Kind: the store's.
	Database Reason = "database"
	// Internal: anything else; the detail is in the error. Kind
	// failure.Internal.
	Internal Reason = "internal"
)

// MessageID returns the id of the localized message for r:
// "export.error.<reason>". Its template data are Folder and Path
// (Error.Folder, Error.Path).
func (r Reason) MessageID() string { return "export.error." + string(r) }

// Kind returns the failure kind of r (Database: failure.Internal, the
// error's own kind being the store's).
func (r Reason) Kind() failure.Kind {
	switch r {
	case Invalid, PathIsFolder:
		return failure.Invalid
	case FolderMissing, NoDocuments:
		return failure.NotFound
	case FolderReadOnly:
		return failure.ReadOnly
	case FileBusy:
		return failure.Conflict
	case DiskFull:
		return failure.DiskFull
	case DatabaseDamaged:
		return failure.Damaged
	}
	return failure.Internal
}

// Error is why Job.Run wrote nothing. failure.KindOf gives its kind;
// errors.Is and errors.As reach the cause.
type Error struct {
	Reason Reason
	// Folder is the folder written to (its absolute path), for the
	// folder reasons and DiskFull; Path the file, when known.
	Folder string
	Path   string
	// Err is the cause, with its failure kind.
	Err error
}

func (e *Error) Error() string {
	switch e.Reason {
	case FolderMissing:
		if errors.Is(e.Err, fs.ErrNotExist) {
			return fmt.Sprintf("cannot write in folder %s: it does not exist", e.Folder)
		}
		return fmt.Sprintf("cannot write in folder %s: it is not a folder", e.Folder)
	case FolderReadOnly:
		return fmt.Sprintf("cannot write in folder %s: %v", e.Folder, e.Err)
	case NoDocuments:
		return fmt.Sprintf("no Documents folder to write in: %v", e.Err)
	case PathIsFolder:
		return fmt.Sprintf("cannot write %s: it is a folder", e.Path)
	case FileBusy:
		return fmt.Sprintf("cannot replace %s: it is open in another program or read-only (%v)", e.Path, e.Err)
	case DiskFull:
		return fmt.Sprintf("the disk of %s is full: nothing was written (%v)", e.Folder, e.Err)
	case DatabaseDamaged:
		return fmt.Sprintf("the database is damaged: nothing was exported (%v)", e.Err)
	case Database:
		return fmt.Sprintf("cannot read the database: nothing was exported (%v)", e.Err)
	}
	return fmt.Sprintf("export: %v", e.Err)
}

// Unwrap returns the cause, as a *failure.Error of the reason's kind
// unless it already has one.
func (e *Error) Unwrap() error {
	var fe *failure.Error
	if errors.As(e.Err, &fe) {
		return e.Err
	}
	return failure.New(e.Reason.Kind(), "export", e.Err)
}

// ReasonOf returns the Reason of err: its *Error's, or Internal for any
// other non-nil error, "" for nil.
func ReasonOf(err error) Reason {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return Internal
}
