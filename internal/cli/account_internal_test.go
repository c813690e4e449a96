package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/audit"
	"pasapas/internal/sqlite"
)

// A coordinator who forgot the password gets a new one from the PC; the
// rule applies, a mistyped second copy changes nothing, the trail says so.
func TestAccountReset(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	svc := &account.Service{Store: db, Audit: db, Now: time.Now}
	if _, err := svc.Create(ctx, "coord", "Claire", account.Coordinator, "Centre-Social-2026", 0); err != nil {
		t.Fatal(err)
	}
	db.Close()
	run := func(input string, args ...string) (int, string, string) {
		var out, errs strings.Builder
		code := accountResetFrom(strings.NewReader(input), append([]string{"--data", dir}, args...), &out, &errs)
		return code, out.String(), errs.String()
	}
	tests := []struct {
		name, input, who string
		code             int
		says             string
	}{
		{"unknown name", "Nouveau-Secret-2027\nNouveau-Secret-2027\n", "personne", 1, `no account is named "personne"`},
		{"two different copies", "Nouveau-Secret-2027\nNouveau-Secret-2028\n", "coord", 1, "the two passwords differ"},
		{"a common password", "Azerty123\nAzerty123\n", "coord", 1, "too common"},
		{"nothing typed", "", "coord", 1, "no password given"},
		{"no name", "", "", 2, "usage"},
	}
	for _, tt := range tests {
		args := []string{tt.who}
		if tt.who == "" {
			args = nil
		}
		code, _, stderr := run(tt.input, args...)
		if code != tt.code || !strings.Contains(stderr, tt.says) {
			t.Errorf("%s: exit %d, %q; want %d saying %q", tt.name, code, stderr, tt.code, tt.says)
		}
	}
	code, stdout, stderr := run("Nouveau-Secret-2027\r\nNouveau-Secret-2027\r\n", "coord")
	if code != 0 || !strings.Contains(stdout, "new password set for coord") {
		t.Fatalf("reset: exit %d, %q %q", code, stdout, stderr)
	}
	db, err = sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc = &account.Service{Store: db, Audit: db, Now: time.Now}
	if _, err := svc.Login(ctx, "coord", "Nouveau-Secret-2027"); err != nil {
		t.Fatalf("login with the new password: %v", err)
	}
	entries, err := db.AuditEntries(ctx, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	resets := 0
	for _, e := range entries {
		if e.Action == audit.SecretReset && strings.HasPrefix(e.Detail, "pasapasctl account reset by ") {
			resets++
		}
	}
	if resets != 1 {
		t.Fatalf("%d audited resets, want 1 (the refused tries change nothing)", resets)
	}
}
