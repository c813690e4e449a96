package mediator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"pasapas/internal/account"
	"pasapas/internal/backup"
	"pasapas/internal/locale"
	"pasapas/locales"
)

const stickPassphrase = "cheval agrafe batterie soleil"

// recoveryHarness is the recovery window over a backups folder holding
// one plain backup, with a coordinator « coord » and a mediator « marie »
// in it, and a USB stick holding an encrypted copy of the same database.
type recoveryHarness struct {
	r        *Recovery
	dir      string // the backups folder
	plain    backup.Info
	sealed   backup.Info
	restored []string // file|passphrase
}

func newRecovery(t *testing.T) *recoveryHarness {
	t.Helper()
	h := newSpace(t)
	ctx := context.Background()
	if _, err := h.s.Accounts.Create(ctx, "coord", "Coordination", account.Coordinator, "Centre-Social-2026", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := h.s.Accounts.Create(ctx, "marie", "Marie", account.Mediator, "Mediation-2026", 0); err != nil {
		t.Fatal(err)
	}
	rh := &recoveryHarness{dir: filepath.Join(t.TempDir(), "backups")}
	var err error
	if rh.plain, err = backup.Create(ctx, h.db, rh.dir, h.now); err != nil {
		t.Fatal(err)
	}
	if rh.sealed, err = backup.SaveSealed(ctx, h.db, t.TempDir(), h.now.Add(time.Hour),
		backup.Seal{Passphrase: stickPassphrase, WorkFactor: 10}); err != nil {
		t.Fatal(err)
	}
	cat, err := locale.Load(locales.Files(), nil)
	if err != nil {
		t.Fatal(err)
	}
	rh.r = &Recovery{Window: test.NewWindow(nil), Tr: cat.For("fr"), Dir: rh.dir, Reason: "damaged", Log: h.s.Log,
		RestoreWith: func(file, passphrase string) error {
			rh.restored = append(rh.restored, file+"|"+passphrase)
			return nil
		},
		Background: func(f func()) { f() }, Post: func(f func()) { f() }}
	t.Cleanup(rh.r.Window.Close)
	rh.r.Show()
	return rh
}

func (rh *recoveryHarness) try(name, secret, passphrase string) {
	rh.r.Name.SetText(name)
	rh.r.Secret.SetText(secret)
	rh.r.Passphrase.SetText(passphrase)
	test.Tap(rh.r.Button)
}

// The coordinator is proved against the chosen backup's own accounts: a
// wrong password, a mediator, an unknown name restore nothing.
func TestRecovery_ChecksTheCoordinatorAgainstTheBackup(t *testing.T) {
	rh := newRecovery(t)
	if rh.r.Choice.Selected != backupText(rh.r.Tr, rh.plain) {
		t.Fatalf("Got(%q) = %q, want the newest backup chosen", "Choice", rh.r.Choice.Selected)
	}
	for _, c := range []struct{ name, secret string }{{"coord", "wrong"}, {"marie", "Mediation-2026"}, {"nobody", "x"}} {
		rh.try(c.name, c.secret, "")
		if len(rh.restored) != 0 {
			t.Fatalf("%s with %q restored a backup", c.name, c.secret)
		}
		if !strings.Contains(rh.r.Message.Text, "Identifiant ou mot de passe incorrect") || rh.r.Secret.Text != "" {
			t.Fatalf("%s: message %q, password left %q", c.name, rh.r.Message.Text, rh.r.Secret.Text)
		}
	}
	rh.try("Coord", "Centre-Social-2026", "")
	if len(rh.restored) != 1 || rh.restored[0] != rh.plain.Path+"|" {
		t.Fatalf("restored = %v, want %s with no passphrase", rh.restored, rh.plain.Path)
	}
}

// A copy brought back on a USB stick: « Choisir un fichier… » takes its
// path and asks its passphrase; none, a wrong one, a damaged file, a file
// that is not there, each gives its own message and restores nothing;
// the right one restores it with its passphrase.
func TestRecovery_EncryptedCopyFromAStick(t *testing.T) {
	rh := newRecovery(t)
	r := rh.r
	if !r.fileRow.Hidden || !r.passRow.Hidden {
		t.Fatal("the file's path or the passphrase is asked for a plain backup of the folder")
	}
	r.Choice.SetSelected(r.other)
	if r.fileRow.Hidden {
		t.Fatal("« Choisir un fichier… » shows no path")
	}
	r.File.SetText(rh.sealed.Path)
	if r.passRow.Hidden {
		t.Fatal("an .age file does not ask its passphrase")
	}
	b, err := os.ReadFile(rh.sealed.Path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0xff
	damaged := filepath.Join(t.TempDir(), filepath.Base(rh.sealed.Path))
	if err := os.WriteFile(damaged, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, file, passphrase, says string
	}{
		{"no passphrase", rh.sealed.Path, "", "écrivez sa phrase secrète"},
		{"wrong passphrase", rh.sealed.Path, "cheval agrafe batterie lune", "n'ouvre pas la copie. Rien n'a été changé"},
		{"damaged", damaged, stickPassphrase, "abîmé"},
		{"not there", filepath.Join(t.TempDir(), "absent.db.age"), stickPassphrase, "n'existe pas"},
		{"no file", "", stickPassphrase, "Choisissez une sauvegarde"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r.File.SetText(tc.file)
			rh.try("coord", "Centre-Social-2026", tc.passphrase)
			if len(rh.restored) != 0 || !strings.Contains(r.Message.Text, tc.says) {
				t.Fatalf("Got(%q) = %q (restored %v), want %q and nothing restored", "message", r.Message.Text, rh.restored, tc.says)
			}
			if r.Button.Disabled() {
				t.Fatal("« Restaurer » stays disabled after a refusal")
			}
		})
	}
	r.File.SetText(rh.sealed.Path)
	rh.try("coord", "wrong", stickPassphrase)
	if len(rh.restored) != 0 || !strings.Contains(r.Message.Text, "Identifiant ou mot de passe incorrect") {
		t.Fatalf("a wrong coordinator password: %q, restored %v", r.Message.Text, rh.restored)
	}
	rh.try("coord", "Centre-Social-2026", stickPassphrase)
	if len(rh.restored) != 1 || rh.restored[0] != rh.sealed.Path+"|"+stickPassphrase {
		t.Fatalf("restored = %v, want %s with its passphrase (%s)", rh.restored, rh.sealed.Path, r.Message.Text)
	}
}

// An encrypted copy in the backups folder is listed as such and asks its
// passphrase when chosen; an encrypted file whose name does not say so
// asks it once it is read.
func TestRecovery_EncryptedFilesFoundByNameOrContent(t *testing.T) {
	rh := newRecovery(t)
	r := rh.r
	inFolder := filepath.Join(rh.dir, filepath.Base(rh.sealed.Path))
	renamed := filepath.Join(t.TempDir(), "copie-clef.db")
	b, err := os.ReadFile(rh.sealed.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{inFolder, renamed} {
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r.Show()
	listed := ""
	for _, o := range r.Choice.Options {
		if strings.Contains(o, "copie chiffrée (sa phrase secrète sera demandée)") {
			listed = o
		}
	}
	if listed == "" || r.Choice.Selected != listed {
		t.Fatalf("Got(%q) = %q (chosen %q), want the encrypted copy listed, newest, chosen", "Options", r.Choice.Options, r.Choice.Selected)
	}
	if r.passRow.Hidden {
		t.Fatal("the encrypted copy of the folder does not ask its passphrase")
	}
	r.Choice.SetSelected(r.other)
	r.File.SetText(renamed)
	if !r.passRow.Hidden {
		t.Fatal("a .db name asks a passphrase before the file is read")
	}
	rh.try("coord", "Centre-Social-2026", "")
	if r.passRow.Hidden || !strings.Contains(r.Message.Text, "écrivez sa phrase secrète") {
		t.Fatalf("an encrypted file named .db: message %q, passphrase shown %v", r.Message.Text, !r.passRow.Hidden)
	}
	rh.try("coord", "Centre-Social-2026", stickPassphrase)
	if len(rh.restored) != 1 || rh.restored[0] != renamed+"|"+stickPassphrase {
		t.Fatalf("restored = %v, want %s with its passphrase", rh.restored, renamed)
	}
}

// Without RestoreWith (only Restore wired), an encrypted copy is refused
// with a message and nothing is restored; a plain one goes through Restore.
func TestRecovery_WithoutRestoreWith(t *testing.T) {
	rh := newRecovery(t)
	r := rh.r
	var plain []string
	r.RestoreWith = nil
	r.Restore = func(file string) error { plain = append(plain, file); return nil }
	r.Choice.SetSelected(r.other)
	r.File.SetText(rh.sealed.Path)
	rh.try("coord", "Centre-Social-2026", stickPassphrase)
	if len(plain) != 0 || r.Message.Text == "" {
		t.Fatalf("an encrypted copy without RestoreWith: restored %v, message %q", plain, r.Message.Text)
	}
	r.File.SetText(rh.plain.Path)
	rh.try("coord", "Centre-Social-2026", "")
	if len(plain) != 1 || plain[0] != rh.plain.Path {
		t.Fatalf("restored = %v, want %s", plain, rh.plain.Path)
	}
}

// « Parcourir… » opens the file dialog over the window; the file picked
// becomes the chosen one.
func TestRecovery_Browse(t *testing.T) {
	rh := newRecovery(t)
	r := rh.r
	test.Tap(r.Browse)
	if r.Window.Canvas().Overlays().Top() == nil {
		t.Fatal("« Parcourir… » opened no dialog")
	}
	r.picked(rh.sealed.Path)
	if r.Choice.Selected != r.other || r.File.Text != rh.sealed.Path || r.passRow.Hidden {
		t.Fatalf("after picking %s: chosen %q, path %q, passphrase shown %v", rh.sealed.Path, r.Choice.Selected, r.File.Text, !r.passRow.Hidden)
	}
}

// The recovery window reads, checks and restores off the UI goroutine:
// the tap returns while the restore is under way, and a failed restore
// comes back as a message, through Post.
func TestRecovery_WorksOffTheUIGoroutine(t *testing.T) {
	rh := newRecovery(t)
	r := rh.r
	posted := make(chan func(), 16)
	r.Background = func(f func()) { go f() }
	r.Post = func(f func()) { posted <- f }
	release := make(chan struct{})
	r.RestoreWith = func(string, string) error {
		<-release
		return os.ErrPermission
	}
	r.Name.SetText("coord")
	r.Secret.SetText("Centre-Social-2026")
	tapped := make(chan struct{})
	go func() {
		test.Tap(r.Button)
		close(tapped)
	}()
	select {
	case <-tapped:
	case <-time.After(5 * time.Second):
		t.Fatal("tapping « Restaurer » waits for the restore: the UI goroutine is blocked")
	}
	if !r.Button.Disabled() || !strings.Contains(r.Message.Text, "vérification") {
		t.Fatalf("during the check: message %q, button disabled %v", r.Message.Text, r.Button.Disabled())
	}
	(<-posted)() // « Restauration en cours… »
	if !strings.Contains(r.Message.Text, "Restauration en cours") {
		t.Fatalf("during the restore: message %q", r.Message.Text)
	}
	close(release)
	select {
	case f := <-posted:
		f()
	case <-time.After(10 * time.Second):
		t.Fatal("the failed restore never came back")
	}
	if r.Button.Disabled() || !strings.Contains(r.Message.Text, "La restauration a échoué") {
		t.Fatalf("after a failed restore: message %q, button disabled %v", r.Message.Text, r.Button.Disabled())
	}
}
