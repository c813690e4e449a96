package mediator

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"pasapas/internal/account"
	"pasapas/internal/backup"
	"pasapas/internal/locale"
	"pasapas/locales"
)

func TestRecovery_ChecksTheCoordinatorAgainstTheBackup(t *testing.T) {
	h := newSpace(t)
	ctx := context.Background()
	if _, err := h.s.Accounts.Create(ctx, "coord", "Coordination", account.Coordinator, "Centre-Social-2026", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := h.s.Accounts.Create(ctx, "marie", "Marie", account.Mediator, "Mediation-2026", 0); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "backups")
	info, err := backup.Create(ctx, h.db, dir, h.now)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := locale.Load(locales.Files(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var restored []string
	r := &Recovery{Window: test.NewWindow(nil), Tr: cat.For("fr"), Dir: dir, Reason: "damaged", Log: h.s.Log,
		Restore: func(file string) error { restored = append(restored, file); return nil }}
	r.Show()
	for _, c := range []struct{ name, secret string }{{"coord", "wrong"}, {"marie", "Mediation-2026"}, {"nobody", "x"}} {
		r.Name.SetText(c.name)
		r.Secret.SetText(c.secret)
		r.restore()
		if len(restored) != 0 {
			t.Fatalf("%s with %q restored a backup", c.name, c.secret)
		}
		if r.Message.Text == "" {
			t.Fatalf("%s: no message after a refused restore", c.name)
		}
	}
	r.Name.SetText("Coord")
	r.Secret.SetText("Centre-Social-2026")
	r.restore()
	if len(restored) != 1 || restored[0] != info.Path {
		t.Fatalf("restored = %v, want %s", restored, info.Path)
	}
}
