//go:build windows

package datadir

import (
	"fmt"
	"log/slog"

	"golang.org/x/sys/windows"
)

// ownerOnlyACL gives dir a protected access list (nothing inherited from
// its parent) with one entry: full control for the current user, inherited
// by every file and folder under it. SetNamedSecurityInfo applies the
// inheritable entry to what already exists under dir.
func ownerOnlyACL(dir string, log *slog.Logger) error {
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return fmt.Errorf("datadir: who runs the program: %w", err)
	}
	acl, err := windows.ACLFromEntries([]windows.EXPLICIT_ACCESS{ownerOnlyEntry(user.User.Sid)}, nil)
	if err != nil {
		return fmt.Errorf("datadir: access list: %w", err)
	}
	if err := windows.SetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, acl, nil); err != nil {
		return fmt.Errorf("datadir: make %s its owner's only: %w", dir, err)
	}
	if log != nil {
		log.Info("data folder limited to its user", "dir", dir, "user", user.User.Sid.String())
	}
	return nil
}

// ownerOnlyEntry: full control for sid, on the folder and inherited by
// everything under it.
func ownerOnlyEntry(sid *windows.SID) windows.EXPLICIT_ACCESS {
	return windows.EXPLICIT_ACCESS{
		AccessPermissions: windows.GENERIC_ALL,
		AccessMode:        windows.SET_ACCESS,
		Inheritance:       windows.SUB_CONTAINERS_AND_OBJECTS_INHERIT,
		Trustee: windows.TRUSTEE{
			TrusteeForm:  windows.TRUSTEE_IS_SID,
			TrusteeType:  windows.TRUSTEE_IS_USER,
			TrusteeValue: windows.TrusteeValueFromSID(sid),
		},
	}
}
