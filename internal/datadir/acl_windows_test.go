//go:build windows

package datadir

import (
	"testing"

	"golang.org/x/sys/windows"
)

// The entry gives the user everything, on the folder and all under it.
func TestOwnerOnlyEntry(t *testing.T) {
	sid, err := windows.StringToSid("S-1-5-21-1-2-3-1001")
	if err != nil {
		t.Fatal(err)
	}
	e := ownerOnlyEntry(sid)
	if e.AccessPermissions != windows.GENERIC_ALL || e.AccessMode != windows.SET_ACCESS ||
		e.Inheritance != windows.SUB_CONTAINERS_AND_OBJECTS_INHERIT || e.Trustee.TrusteeForm != windows.TRUSTEE_IS_SID {
		t.Fatalf("ownerOnlyEntry() = %+v", e)
	}
	if e.Trustee.TrusteeValue != windows.TrusteeValueFromSID(sid) {
		t.Fatal("the trustee is not the user")
	}
}

// On a real Windows: a new folder ends with one entry, the user's, and is
// protected from its parent's.
func TestOwnerOnlyACL(t *testing.T) {
	dir := t.TempDir()
	if err := ownerOnlyACL(dir, nil); err != nil {
		t.Fatal(err)
	}
	sd, err := windows.GetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	ctrl, _, err := sd.Control()
	if err != nil {
		t.Fatal(err)
	}
	if ctrl&windows.SE_DACL_PROTECTED == 0 {
		t.Fatal("the folder still inherits its parent's access list")
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		t.Fatal(err)
	}
	if dacl.AceCount != 1 {
		t.Fatalf("access list has %d entries, want the user's only", dacl.AceCount)
	}
}
