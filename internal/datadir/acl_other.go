//go:build !windows

package datadir

import "log/slog"

// ownerOnlyACL is Windows' access list; Private uses file modes elsewhere.
func ownerOnlyACL(string, *slog.Logger) error { return nil }
