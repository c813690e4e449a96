package mediator

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/backup"
	"pasapas/internal/locale"
	"pasapas/internal/ui/controls"
)

// Backups lets a coordinator save and restore backups.
type Backups struct {
	Dir    string        // the automatic backups
	Source backup.Source // the open database
	// Restore puts a backup in place of the database and restarts the
	// program; it returns only on failure. passphrase opens an encrypted
	// copy ("" for the automatic backups). by is the coordinator.
	Restore func(file, passphrase string, by int64) error
	// WorkFactor is the scrypt work factor of the encrypted copies (see
	// backup.Seal); 0 is backup.DefaultWorkFactor. Tests use less.
	WorkFactor int
}

// Problem shows a storage or backup problem to the mediator, in the Now
// tab, until the program restarts. Safe to call from the UI goroutine.
func (s *Space) Problem(text string) {
	s.problem = text
	if s.ProblemLabel != nil {
		s.ProblemLabel.SetText(text)
		s.ProblemLabel.Show()
	}
}

// ProblemGone takes the problem text away if it is the one shown (storage
// works again), and says so.
func (s *Space) ProblemGone(text, solved string) {
	if s.problem != text || text == "" {
		return
	}
	s.problem = ""
	if s.ProblemLabel != nil {
		s.ProblemLabel.SetText("")
		s.ProblemLabel.Hide()
	}
	s.notice(solved)
}

// backupsTab lists the backups with their date and record counts, saves a
// backup now or to a folder (a USB stick), and restores one.
func (s *adminView) backupsTab() fyne.CanvasObject {
	tr := s.Tr
	b := s.Backups
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	list := container.NewVBox(widget.NewLabel(tr.T("work.loading")))
	fill := func() {
		background(s.Space, func(ctx context.Context) ([]backup.Info, error) {
			return backup.List(ctx, b.Dir)
		}, func(infos []backup.Info, err error) {
			list.Objects = nil
			if err != nil {
				list.Add(widget.NewLabel(s.errorText(err)))
			}
			if len(infos) == 0 && err == nil {
				list.Add(widget.NewLabel(tr.T("backup.none")))
			}
			for _, info := range infos {
				list.Add(s.adm.backupRow(info, func(file string) error { return b.Restore(file, "", s.userID()) }))
			}
			s.themed(list)
		})
	}
	folder := field(maxPath)
	folder.SetPlaceHolder(tr.T("backup.folder.hint"))
	var now, usb *widget.Button
	// save makes one backup off the UI goroutine (seconds on a big
	// database or a slow USB stick); the buttons wait meanwhile.
	save := func(make func(context.Context) (backup.Info, error), done func(backup.Info) string) {
		now.Disable()
		usb.Disable()
		msg.Importance = widget.MediumImportance
		msg.SetText(tr.T("backup.working"))
		background(s.Space, make, func(info backup.Info, err error) {
			now.Enable()
			usb.Enable()
			if err != nil {
				msg.Importance = widget.DangerImportance
				msg.SetText(tr.T("backup.failed", "Reason", s.errorText(err)))
				return
			}
			msg.Importance = widget.SuccessImportance
			msg.SetText(done(info))
			fill()
		})
	}
	now = widget.NewButtonWithIcon(tr.T("backup.now"), theme.DocumentSaveIcon(), s.act(func() {
		at := s.Now()
		save(func(ctx context.Context) (backup.Info, error) { return backup.Create(ctx, b.Source, b.Dir, at) },
			func(backup.Info) string { return tr.T("backup.done") })
	}))
	// A copy that leaves the PC (a USB stick) is encrypted with a
	// passphrase the coordinator chooses, typed twice; without it the
	// copy cannot be read.
	phrase, again := controls.NewSecretField(maxPassCheck), controls.NewSecretField(maxPassCheck)
	phrase.SetPlaceHolder(tr.T("backup.passphrase"))
	again.SetPlaceHolder(tr.T("backup.passphrase.again"))
	s.BackupPassphrase, s.BackupPassphraseAgain, s.BackupFolder = &phrase.Entry, &again.Entry, &folder.Entry
	// Once a copy is encrypted, its reminder sheet can be printed: where
	// the copy is, its date, and a box to write the passphrase by hand.
	reminder, offerReminder := s.reminderButton(msg)
	s.BackupReminder = reminder
	usbRow := container.NewHBox()
	usb = widget.NewButtonWithIcon(tr.T("backup.folder"), theme.StorageIcon(), s.act(func() {
		reminder.Hide()
		at, dir, p := s.Now(), strings.TrimSpace(folder.Text), phrase.Text
		for _, err := range []error{backup.CheckPassphrase(p), backup.ConfirmPassphrase(p, again.Text)} {
			if err != nil {
				msg.Importance = widget.DangerImportance
				msg.SetText(s.passphraseError(err))
				return
			}
		}
		save(func(ctx context.Context) (backup.Info, error) {
			return backup.SaveSealed(ctx, b.Source, dir, at, backup.Seal{Passphrase: p, WorkFactor: b.WorkFactor})
		}, func(info backup.Info) string {
			phrase.SetText("")
			again.SetText("")
			offerReminder(info)
			usbRow.Refresh() // the button shown takes its place
			return tr.T("backup.saved_sealed", "Path", info.Path)
		})
	}))
	s.BackupUSB = usb
	usbRow.Objects = []fyne.CanvasObject{usb, reminder}
	usbRestore := s.usbRestore(b, msg)
	s.BackupNow = now
	s.BackupMessage = msg
	fill()
	intro := widget.NewLabel(tr.T("backup.intro"))
	intro.Wrapping = fyne.TextWrapWord
	return container.NewBorder(container.NewVBox(intro, container.NewHBox(now),
		widget.NewLabelWithStyle(tr.T("backup.usb.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		folder, container.NewGridWithColumns(2, phrase, again), wrapped(tr.T("backup.passphrase.rule")),
		usbRow, usbRestore, msg), nil, nil, nil, container.NewVScroll(list))
}

// usbRestore puts back an encrypted copy from a USB stick: its path and
// passphrase are checked first (what it holds is shown, nothing is
// stopped), then « Remplacer les données » restores it.
func (s *adminView) usbRestore(b *Backups, msg *widget.Label) fyne.CanvasObject {
	tr := s.Tr
	file, phrase := field(maxPath), controls.NewSecretField(maxPassCheck)
	file.SetPlaceHolder(tr.T("backup.usb.file"))
	phrase.SetPlaceHolder(tr.T("backup.passphrase"))
	confirm := widget.NewButtonWithIcon(tr.T("backup.restore.confirm"), theme.WarningIcon(), nil)
	confirm.Importance = widget.DangerImportance
	confirm.Hide()
	check := widget.NewButtonWithIcon(tr.T("backup.usb.check"), theme.SearchIcon(), s.act(func() {
		path, p := strings.TrimSpace(file.Text), phrase.Text
		confirm.Hide()
		background(s.Space, func(ctx context.Context) (backup.Info, error) { return backup.Inspect(ctx, path, p) },
			func(info backup.Info, err error) {
				if err != nil {
					msg.Importance = widget.DangerImportance
					msg.SetText(s.restoreError(err))
					return
				}
				msg.Importance = widget.MediumImportance
				msg.SetText(backupText(tr, info))
				confirm.OnTapped = s.act(func() {
					if err := b.Restore(path, p, s.userID()); err != nil {
						msg.Importance = widget.DangerImportance
						msg.SetText(s.restoreError(err))
					}
				})
				confirm.Show()
			})
	}))
	s.RestoreFile, s.RestorePassphrase, s.RestoreCheck, s.RestoreConfirm = &file.Entry, &phrase.Entry, check, confirm
	return container.NewVBox(widget.NewLabelWithStyle(tr.T("backup.usb.restore"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		file, container.NewBorder(nil, nil, nil, container.NewHBox(check, confirm), phrase))
}

// restoreError words a refused restore: a wrong passphrase, a damaged
// file, a backup of a newer version.
func (s *adminView) restoreError(err error) string {
	switch {
	case errors.Is(err, backup.ErrWrongPassphrase):
		return s.Tr.T("backup.passphrase.wrong")
	case errors.Is(err, backup.ErrPassphraseNeeded):
		return s.Tr.T("backup.passphrase.needed")
	}
	return s.Tr.T("backup.restore.failed", "Reason", s.errorText(err))
}

// passphraseError words a refused passphrase.
func (s *adminView) passphraseError(err error) string {
	for _, e := range []struct {
		err error
		id  string
	}{
		{backup.ErrPassphraseShort, "backup.passphrase.short"}, {backup.ErrPassphraseLong, "backup.passphrase.long"},
		{backup.ErrPassphraseControl, "backup.passphrase.control"}, {backup.ErrPassphraseWeak, "backup.passphrase.weak"},
		{backup.ErrPassphraseMismatch, "backup.passphrase.mismatch"},
	} {
		if errors.Is(err, e.err) {
			return s.Tr.T(e.id)
		}
	}
	return s.errorText(err)
}

// backupRow is one backup: its date, what it holds, and Restore (asked twice).
func (s *adminView) backupRow(info backup.Info, restore func(string) error) fyne.CanvasObject {
	tr := s.Tr
	label := widget.NewLabel(backupText(tr, info))
	label.Wrapping = fyne.TextWrapWord
	if info.Err != nil {
		return label
	}
	confirm := widget.NewButtonWithIcon(tr.T("backup.restore.confirm"), theme.WarningIcon(), nil)
	confirm.Importance = widget.DangerImportance
	confirm.Hide()
	confirm.OnTapped = s.act(func() {
		if err := restore(info.Path); err != nil {
			s.notice(tr.T("backup.restore.failed", "Reason", s.errorText(err)))
		}
	})
	ask := widget.NewButtonWithIcon(tr.T("backup.restore"), theme.HistoryIcon(), s.act(confirm.Show))
	return container.NewBorder(nil, nil, nil, container.NewHBox(ask, confirm), label)
}

// backupText describes a backup: date and counts, or why it is unreadable.
func backupText(tr *locale.Tr, info backup.Info) string {
	when := info.Time.Local().Format("02/01/2006 15:04")
	if info.Err != nil {
		return tr.T("backup.unreadable", "Date", when)
	}
	kind := ""
	if info.SafetyCopy {
		kind = " — " + tr.T("backup.safety")
	}
	if info.Encrypted && !info.Counted() { // its counts need the passphrase
		return tr.T("backup.line.encrypted", "Date", when) + kind
	}
	c := info.Counts
	return tr.T("backup.line", "Date", when, "Visits", c.Visits, "Accompaniments", c.Accompaniments,
		"Workshops", c.Workshops, "Beneficiaries", c.Beneficiaries) + kind
}
