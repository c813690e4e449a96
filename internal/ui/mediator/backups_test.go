package mediator

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pasapas/internal/account"
	"pasapas/internal/backup"
	"pasapas/internal/sqlite"
)

// slowSource is a database whose copy takes as long as the test wants.
type slowSource struct {
	*sqlite.DB
	release chan struct{}
}

func (s slowSource) VacuumInto(ctx context.Context, dest string) error {
	<-s.release
	return s.DB.VacuumInto(ctx, dest)
}

// A backup that takes long (a big database, a slow USB stick) runs off the
// UI goroutine: the tap returns at once, the kiosk's event loop stays
// free, the mediator reads that it is under way, then that it is done.
func TestBackups_NowDoesNotBlockTheUI(t *testing.T) {
	h := newSpace(t)
	ctx := context.Background()
	a, err := h.s.Accounts.Create(ctx, "coord", "Claire", account.Coordinator, "Centre-Social-2026", 0)
	if err != nil {
		t.Fatal(err)
	}
	src := slowSource{DB: h.db, release: make(chan struct{})}
	h.s.Backups = &Backups{Dir: filepath.Join(t.TempDir(), "backups"), Source: src}
	loop := h.playLoop() // results come back through the test
	h.s.loggedIn(a)
	loop("the tabs, after the settings are read", func() bool { return h.s.Tabs != nil })
	h.s.Tabs.SelectIndex(len(h.s.Tabs.Items) - 1) // Sauvegardes
	loop("the list of backups", func() bool { return h.s.BackupNow != nil && !strings.Contains(h.texts(), "Chargement") })
	tapAtOnce(t, h.s.BackupNow, "« Sauvegarder maintenant »")
	if !strings.Contains(h.s.BackupMessage.Text, "Sauvegarde en cours") || !h.s.BackupNow.Disabled() {
		t.Fatalf("during the backup: message %q, button disabled %v", h.s.BackupMessage.Text, h.s.BackupNow.Disabled())
	}
	close(src.release)
	loop("the end of the backup", func() bool { return !h.s.BackupNow.Disabled() })
	if h.s.BackupMessage.Text != "Sauvegarde faite et vérifiée." {
		t.Fatalf("after the backup: message %q", h.s.BackupMessage.Text)
	}
}

// The copy on a USB stick is encrypted: a weak or mistyped passphrase is
// refused and writes nothing; a good one writes an .age file that is not
// a readable database.
func TestBackups_USBCopyIsEncrypted(t *testing.T) {
	h := newSpace(t)
	a, err := h.s.Accounts.Create(context.Background(), "coord", "Claire", account.Coordinator, "Centre-Social-2026", 0)
	if err != nil {
		t.Fatal(err)
	}
	stick := t.TempDir()
	h.s.Backups = &Backups{Dir: filepath.Join(t.TempDir(), "backups"), Source: h.db, WorkFactor: 10}
	h.s.loggedIn(a)
	h.s.Tabs.SelectIndex(len(h.s.Tabs.Items) - 1)
	h.s.BackupFolder.SetText(stick)
	for _, tt := range []struct{ p, again, says string }{
		{"motdepasse", "motdepasse", "trop courte"},
		{"cheval agrafe batterie soleil", "cheval agrafe batterie soleill", "pas identiques"},
	} {
		h.s.BackupPassphrase.SetText(tt.p)
		h.s.BackupPassphraseAgain.SetText(tt.again)
		test.Tap(h.s.BackupUSB)
		if !strings.Contains(h.s.BackupMessage.Text, tt.says) {
			t.Fatalf("passphrase %q/%q: message %q, want %q", tt.p, tt.again, h.s.BackupMessage.Text, tt.says)
		}
	}
	if files, _ := os.ReadDir(stick); len(files) != 0 {
		t.Fatalf("refused passphrases wrote %v", files)
	}
	h.s.BackupPassphrase.SetText("cheval agrafe batterie soleil")
	h.s.BackupPassphraseAgain.SetText("cheval agrafe batterie soleil")
	test.Tap(h.s.BackupUSB)
	files, _ := os.ReadDir(stick)
	if len(files) != 1 || !strings.HasSuffix(files[0].Name(), ".age") {
		t.Fatalf("on the stick: %v (%s), want one .age file", files, h.s.BackupMessage.Text)
	}
	b, err := os.ReadFile(filepath.Join(stick, files[0].Name()))
	if err != nil || strings.Contains(string(b), "SQLite format") || strings.Contains(string(b), "Claire") {
		t.Fatalf("the copy on the stick is readable without the passphrase (%v)", err)
	}
}

// An encrypted copy from a stick is checked with its passphrase before
// anything is stopped: a wrong one is refused; the right one shows what
// the copy holds, and the confirmation restores it.
func TestBackups_RestoreEncryptedCopy(t *testing.T) {
	h := newSpace(t)
	ctx := context.Background()
	a, err := h.s.Accounts.Create(ctx, "coord", "Claire", account.Coordinator, "Centre-Social-2026", 0)
	if err != nil {
		t.Fatal(err)
	}
	stick := t.TempDir()
	info, err := backup.SaveSealed(ctx, h.db, stick, h.now, backup.Seal{Passphrase: "cheval agrafe batterie soleil", WorkFactor: 10})
	if err != nil {
		t.Fatal(err)
	}
	var restored []string
	h.s.Backups = &Backups{Dir: filepath.Join(t.TempDir(), "backups"), Source: h.db,
		Restore: func(file, passphrase string, by int64) error {
			restored = append(restored, file+"|"+passphrase)
			return nil
		}}
	h.s.loggedIn(a)
	h.s.Tabs.SelectIndex(len(h.s.Tabs.Items) - 1)
	h.s.RestoreFile.SetText(info.Path)
	h.s.RestorePassphrase.SetText("cheval agrafe batterie lune")
	test.Tap(h.s.RestoreCheck)
	if !strings.Contains(h.s.BackupMessage.Text, "n'ouvre pas la copie") || !h.s.RestoreConfirm.Hidden {
		t.Fatalf("wrong passphrase: %q, confirm offered %v", h.s.BackupMessage.Text, !h.s.RestoreConfirm.Hidden)
	}
	h.s.RestorePassphrase.SetText("cheval agrafe batterie soleil")
	test.Tap(h.s.RestoreCheck)
	if h.s.RestoreConfirm.Hidden {
		t.Fatalf("right passphrase: no confirmation (%q)", h.s.BackupMessage.Text)
	}
	test.Tap(h.s.RestoreConfirm)
	if len(restored) != 1 || restored[0] != info.Path+"|cheval agrafe batterie soleil" {
		t.Fatalf("restored %v", restored)
	}
}

// After an encrypted copy, « Imprimer l'aide-mémoire » writes the sheet of
// that copy — the centre, the file, its folder, the date, a box for the
// passphrase written by hand, never the passphrase — and prints it
// through Deps.Print. Before any copy the button is not offered.
func TestBackups_ReminderSheetAfterEncryptedCopy(t *testing.T) {
	h := newSpace(t)
	ctx := context.Background()
	a, err := h.s.Accounts.Create(ctx, "coord", "Claire", account.Coordinator, "Centre-Social-2026", 0)
	if err != nil {
		t.Fatal(err)
	}
	st, err := h.db.LoadSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.CentreName = "Centre social des Lilas"
	if err := h.db.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	var printed []string
	h.s.Print = func(_ context.Context, path string) error { printed = append(printed, path); return nil }
	stick := t.TempDir()
	h.s.Backups = &Backups{Dir: filepath.Join(t.TempDir(), "backups"), Source: h.db, WorkFactor: 10}
	h.s.loggedIn(a)
	h.s.Tabs.SelectIndex(len(h.s.Tabs.Items) - 1)
	if h.s.BackupReminder.Visible() {
		t.Fatal("the reminder sheet is offered before any encrypted copy")
	}
	const passphrase = "cheval agrafe batterie soleil"
	h.s.BackupFolder.SetText(stick)
	h.s.BackupPassphrase.SetText(passphrase)
	h.s.BackupPassphraseAgain.SetText(passphrase)
	test.Tap(h.s.BackupUSB)
	files, _ := os.ReadDir(stick)
	if len(files) != 1 {
		t.Fatalf("on the stick: %v (%s)", files, h.s.BackupMessage.Text)
	}
	if !h.s.BackupReminder.Visible() || h.s.BackupReminder.Text != "Imprimer l'aide-mémoire" {
		t.Fatalf("after the encrypted copy: reminder button visible %v, %q", h.s.BackupReminder.Visible(), h.s.BackupReminder.Text)
	}
	test.Tap(h.s.BackupReminder)
	if len(printed) != 1 {
		t.Fatalf("printed %v, want the reminder sheet once (%s)", printed, h.s.BackupMessage.Text)
	}
	if !strings.Contains(h.s.BackupMessage.Text, "envoyé à l'imprimante") {
		t.Errorf("Got(%q) = %q, want it sent to the printer", "message", h.s.BackupMessage.Text)
	}
	b, err := os.ReadFile(printed[0])
	if err != nil || !strings.HasPrefix(string(b), "%PDF") || filepath.Dir(printed[0]) != h.s.ExportDir {
		t.Fatalf("printed %s (%v): want a PDF in the exports folder", printed[0], err)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found (make deps-test installs poppler-utils): the sheet's text is not read")
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", printed[0], "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Centre social des Lilas", files[0].Name(), stick, h.now.Format("02/01/2006"), "à écrire à la main"} {
		if !strings.Contains(text, want) {
			t.Errorf("Got(%q) = %q, want %q in it", "reminder sheet", text, want)
		}
	}
	for _, secret := range []string{passphrase, "cheval", "batterie"} {
		if strings.Contains(text, secret) {
			t.Errorf("Got(%q) = holds %q, want no passphrase on paper", "reminder sheet", secret)
		}
	}
}

// Without a printer the sheet is saved as a PDF and the mediator is told
// where; a printer that fails leaves the file and says so.
func TestBackups_ReminderSheetWithoutPrinter(t *testing.T) {
	for _, tc := range []struct {
		name  string
		print func(context.Context, string) error
		label string
		says  string
	}{
		{"no printer", nil, "Enregistrer l'aide-mémoire (PDF)", "Aide-mémoire enregistré"},
		{"printer fails", func(context.Context, string) error { return errors.New("no printer") }, "Imprimer l'aide-mémoire", "n'a pas pu être imprimé"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newSpace(t)
			a, err := h.s.Accounts.Create(context.Background(), "coord", "Claire", account.Coordinator, "Centre-Social-2026", 0)
			if err != nil {
				t.Fatal(err)
			}
			h.s.Print = tc.print
			h.s.Backups = &Backups{Dir: filepath.Join(t.TempDir(), "backups"), Source: h.db, WorkFactor: 10}
			h.s.loggedIn(a)
			h.s.Tabs.SelectIndex(len(h.s.Tabs.Items) - 1)
			h.s.BackupFolder.SetText(t.TempDir())
			h.s.BackupPassphrase.SetText("cheval agrafe batterie soleil")
			h.s.BackupPassphraseAgain.SetText("cheval agrafe batterie soleil")
			test.Tap(h.s.BackupUSB)
			if h.s.BackupReminder.Text != tc.label || !h.s.BackupReminder.Visible() {
				t.Fatalf("Got(%q) = %q (visible %v), want %q", "reminder button", h.s.BackupReminder.Text, h.s.BackupReminder.Visible(), tc.label)
			}
			test.Tap(h.s.BackupReminder)
			path := filepath.Join(h.s.ExportDir, reminderName(h.now))
			if _, err := os.Stat(path); err != nil || !strings.Contains(h.s.BackupMessage.Text, tc.says) || !strings.Contains(h.s.BackupMessage.Text, path) {
				t.Fatalf("Got(%q) = %q (%v), want %q and the path %s", "message", h.s.BackupMessage.Text, err, tc.says, path)
			}
		})
	}
}
