package mediator

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/account"
	"pasapas/internal/backup"
	"pasapas/internal/failure"
	"pasapas/internal/locale"
	"pasapas/internal/ui/controls"
	"pasapas/internal/ui/themes"
)

// Recovery is the mediator window when the database could not be opened:
// the damaged file was moved aside, and a coordinator picks a backup to
// restore — one of the backups folder, or a file chosen on a USB stick,
// encrypted (.age) or not — proving who they are against that backup's
// accounts. An encrypted copy asks for its passphrase. The file is read
// and checked (backup.Check) before anything is stopped: a wrong
// passphrase, a damaged file or a wrong coordinator changes nothing. All
// disk work runs off the UI goroutine.
type Recovery struct {
	Window fyne.Window
	Tr     *locale.Tr
	Dir    string
	Reason string
	// Restore puts a plain backup in place of the database and restarts
	// the program; it returns only on failure. RestoreWith does the same
	// for any backup, opening an encrypted one with passphrase: when set,
	// it is used for every restore, and an encrypted copy needs it.
	Restore     func(file string) error
	RestoreWith func(file, passphrase string) error
	Log         *slog.Logger
	// Background runs the disk work and Post its result on the UI
	// goroutine (nil: a goroutine, fyne.Do); tests run them in place.
	Background, Post func(func())

	Name, Secret *controls.Field
	// Choice lists the backups of the folder, newest first, then « Choisir
	// un fichier… »: File (its path, typed or filled by Browse's dialog).
	Choice     *widget.RadioGroup
	File       *controls.Field
	Browse     *widget.Button
	Passphrase *controls.Field // shown for an encrypted copy
	Button     *widget.Button
	Message    *widget.Label

	other    string                 // the label of « Choisir un fichier… »
	listed   map[string]backup.Info // the backups, by their label
	body     *fyne.Container
	override *container.ThemeOverride
	fileRow  *fyne.Container
	passRow  *fyne.Container
	askPhase bool // the chosen file turned out encrypted: ask its passphrase
}

// Show fills the window; the backups are listed off the UI goroutine.
func (r *Recovery) Show() {
	tr := r.Tr
	if r.Log == nil {
		r.Log = slog.Default()
	}
	r.Name, r.Secret = field(account.MaxName), controls.NewSecretField(maxSecret)
	r.Message = widget.NewLabel(tr.T("work.loading"))
	r.Message.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel(tr.T("recovery.intro"))
	intro.Wrapping = fyne.TextWrapWord
	reason := widget.NewLabel(r.Reason)
	reason.Wrapping = fyne.TextWrapWord
	r.other = tr.T("recovery.other")
	r.listed = map[string]backup.Info{}
	r.Choice = widget.NewRadioGroup(nil, func(string) { r.chosenChanged() })
	r.File = field(maxPath)
	r.File.SetPlaceHolder(tr.T("recovery.file"))
	r.File.OnChanged = func(string) { r.askPhase = false; r.chosenChanged() }
	r.Browse = widget.NewButtonWithIcon(tr.T("recovery.browse"), theme.FolderOpenIcon(), r.browse)
	r.fileRow = container.NewBorder(nil, nil, nil, r.Browse, r.File)
	r.fileRow.Hide()
	r.Passphrase = controls.NewSecretField(maxPassCheck)
	r.Passphrase.SetPlaceHolder(tr.T("backup.passphrase"))
	r.passRow = container.NewVBox(widget.NewLabel(tr.T("recovery.passphrase")), r.Passphrase)
	r.passRow.Hide()
	r.Button = widget.NewButtonWithIcon(tr.T("backup.restore"), theme.HistoryIcon(), r.restore)
	r.Button.Importance = widget.HighImportance
	r.Button.Disable()
	r.body = container.NewVBox(
		widget.NewLabelWithStyle(tr.T("recovery.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		intro, reason, r.Choice, r.fileRow, r.passRow,
		widget.NewLabel(tr.T("recovery.who")),
		widget.NewLabel(tr.T("mediator.login.name")), r.Name,
		widget.NewLabel(tr.T("mediator.login.secret")), r.Secret,
		r.Button, r.Message)
	// The desk's light background, whatever the application's theme is
	// (as the mediator space does).
	desk := themes.NewDesk()
	bg := canvas.NewRectangle(desk.Color(theme.ColorNameBackground, theme.VariantLight))
	r.override = container.NewThemeOverride(container.NewStack(bg, container.NewVScroll(container.NewPadded(r.body))), desk)
	r.Window.SetContent(r.override)
	r.run(func(ctx context.Context) error {
		infos, err := backup.List(ctx, r.Dir)
		r.post(func() { r.fill(infos, err) })
		return nil
	}, nil)
}

// fill lists the backups that can be read (encrypted ones included), the
// newest chosen, and « Choisir un fichier… » last.
func (r *Recovery) fill(infos []backup.Info, err error) {
	tr := r.Tr
	r.Message.Importance = widget.DangerImportance
	r.Message.SetText("")
	if err != nil {
		r.Log.Error("list backups", "err", err)
		r.Message.SetText(tr.T("error." + string(failure.KindOf(err))))
	}
	var options []string
	for _, info := range infos {
		if info.Err != nil {
			continue
		}
		text := backupText(tr, info)
		r.listed[text] = info
		options = append(options, text)
	}
	if len(options) == 0 && err == nil {
		r.Message.SetText(tr.T("recovery.nobackup"))
	}
	r.Choice.Options = append(options, r.other)
	r.Choice.Refresh()   // makes the options' widgets…
	r.override.Refresh() // …which then take the desk's theme
	r.Button.Enable()
	if len(options) > 0 {
		r.Choice.SetSelected(options[0]) // the newest
	} else {
		r.Choice.SetSelected(r.other)
	}
}

// chosen returns the file chosen ("" when none yet) and whether it is
// known to be encrypted.
func (r *Recovery) chosen() (file string, encrypted bool) {
	if r.Choice.Selected == r.other {
		file = strings.TrimSpace(r.File.Text)
		return file, r.askPhase || strings.HasSuffix(strings.ToLower(file), backup.EncryptedSuffix)
	}
	info, ok := r.listed[r.Choice.Selected]
	if !ok {
		return "", false
	}
	return info.Path, info.Encrypted
}

// chosenChanged shows the file's path for « Choisir un fichier… » and the
// passphrase for an encrypted copy.
func (r *Recovery) chosenChanged() {
	if r.Choice.Selected == r.other {
		r.fileRow.Show()
	} else {
		r.fileRow.Hide()
	}
	if _, encrypted := r.chosen(); encrypted {
		r.passRow.Show()
	} else {
		r.passRow.Hide()
	}
	r.body.Refresh() // the rows shown take their place
}

// browse opens Fyne's file dialog on the backups and encrypted copies; the
// file picked fills File.
func (r *Recovery) browse() {
	tr := r.Tr
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			r.Log.Error("choose a backup file", "err", err)
			r.Message.SetText(tr.T("recovery.unreadable", "Reason", tr.T("error."+string(failure.KindOf(err)))))
			return
		}
		if rc == nil { // cancelled
			return
		}
		path := rc.URI().Path()
		if cerr := rc.Close(); cerr != nil {
			r.Log.Warn("close the chosen file", "err", cerr)
		}
		r.picked(path)
	}, r.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{backup.EncryptedSuffix, ".db"}))
	d.SetTitleText(tr.T("recovery.browse.title"))
	d.SetConfirmText(tr.T("recovery.browse.open"))
	d.SetDismissText(tr.T("recovery.browse.cancel"))
	d.Show()
}

// picked takes the file chosen in the dialog.
func (r *Recovery) picked(path string) {
	r.Choice.SetSelected(r.other)
	r.File.SetText(filepath.Clean(path))
	r.chosenChanged()
}

// errWrongCoordinator: nobody of the backup's coordinators has that name
// and password.
var errWrongCoordinator = errors.New("not a coordinator of this backup")

// restore reads and checks the chosen backup, with its passphrase when it
// is encrypted, proves the coordinator against its accounts, then
// restores it — every step off the UI goroutine; the first refusal is
// shown and nothing is changed.
func (r *Recovery) restore() {
	tr := r.Tr
	file, _ := r.chosen()
	if file == "" {
		r.say(widget.DangerImportance, tr.T("recovery.nofile"))
		return
	}
	name, secret, passphrase := strings.TrimSpace(r.Name.Text), r.Secret.Text, r.Passphrase.Text
	r.Secret.SetText("")
	r.Button.Disable()
	r.say(widget.MediumImportance, tr.T("recovery.checking"))
	r.run(func(ctx context.Context) error {
		checked, err := backup.Check(ctx, file, passphrase)
		if err != nil {
			return err
		}
		if !coordinatorOf(checked.Accounts, name, secret) {
			return errWrongCoordinator
		}
		if checked.Info.Encrypted {
			if r.RestoreWith == nil {
				return failure.Errorf(failure.Internal, "restore", "Recovery.RestoreWith is not set: an encrypted copy cannot be restored")
			}
		} else {
			passphrase = ""
		}
		r.post(func() { r.say(widget.MediumImportance, tr.T("recovery.restoring")) })
		if r.RestoreWith != nil {
			return r.RestoreWith(file, passphrase)
		}
		return r.Restore(file)
	}, func(err error) {
		r.Button.Enable()
		r.say(widget.DangerImportance, r.errorText(err))
	})
}

// coordinatorOf reports whether name and secret are those of an enabled
// coordinator among accounts.
func coordinatorOf(accounts []account.Account, name, secret string) bool {
	ok := false
	for _, a := range accounts {
		if strings.EqualFold(a.Name, name) && a.Role == account.Coordinator && !a.Disabled {
			if match, err := account.Verify(a.Verifier, secret); err == nil && match {
				ok = true
			}
		}
	}
	return ok
}

// errorText words a refused recovery; nothing was changed.
func (r *Recovery) errorText(err error) string {
	tr := r.Tr
	switch {
	case errors.Is(err, errWrongCoordinator):
		return tr.T("recovery.wrong")
	case errors.Is(err, backup.ErrWrongPassphrase):
		return tr.T("backup.passphrase.wrong")
	case errors.Is(err, backup.ErrPassphraseNeeded):
		r.askPhase = true // a file whose name did not say it
		r.chosenChanged()
		return tr.T("backup.passphrase.needed")
	}
	r.Log.Error("recovery", "kind", failure.KindOf(err), "err", err)
	switch failure.KindOf(err) {
	case failure.Damaged, failure.Invalid:
		return tr.T("recovery.damaged")
	case failure.NewerVersion:
		return tr.T("recovery.newer")
	case failure.NotFound:
		return tr.T("recovery.notfound")
	case failure.ReadOnly:
		return tr.T("recovery.unreadable", "Reason", tr.T("error."+string(failure.KindOf(err))))
	}
	return tr.T("backup.restore.failed", "Reason", tr.T("error."+string(failure.KindOf(err))))
}

func (r *Recovery) say(importance widget.Importance, text string) {
	r.Message.Importance = importance
	r.Message.SetText(text)
}

// run runs work off the UI goroutine; a failure comes back through
// failed (when not nil), on the UI goroutine.
func (r *Recovery) run(work func(context.Context) error, failed func(error)) {
	bg := r.Background
	if bg == nil {
		bg = func(f func()) { go f() }
	}
	bg(func() {
		if err := work(context.Background()); err != nil && failed != nil {
			r.post(func() { failed(err) })
		}
	})
}

func (r *Recovery) post(f func()) {
	if r.Post != nil {
		r.Post(f)
		return
	}
	fyne.Do(f)
}
