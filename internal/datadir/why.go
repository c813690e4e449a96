package datadir

import (
	"errors"
	"io/fs"
	"syscall"
)

// Reason says, in a word a message can be chosen by, why the data folder
// cannot be used.
type Reason string

const (
	ReasonInUse    Reason = "inuse"    // another copy runs on it
	ReasonReadOnly Reason = "readonly" // a read-only disk or folder
	ReasonDenied   Reason = "denied"   // not this user's (another user's folder)
	ReasonOther    Reason = "other"
)

// Why classifies an error of Create or Lock.
func Why(err error) Reason {
	switch {
	case errors.Is(err, ErrInUse):
		return ReasonInUse
	case errors.Is(err, syscall.EROFS) || writeProtected(err):
		return ReasonReadOnly
	case errors.Is(err, fs.ErrPermission):
		return ReasonDenied
	}
	return ReasonOther
}
