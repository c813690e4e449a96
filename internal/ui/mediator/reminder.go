package mediator

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/backup"
	"pasapas/internal/export"
	"pasapas/internal/failure"
)

// reminderName is the file name of the reminder sheet of the copy made at t.
func reminderName(t time.Time) string {
	return "aide-memoire-sauvegarde-" + t.Local().Format("20060102-150405") + ".pdf"
}

// printError is a reminder sheet written but not printed: the mediator is
// told where the file is.
type printError struct {
	path string
	err  error
}

func (e *printError) Error() string { return "print " + e.path + ": " + e.err.Error() }
func (e *printError) Unwrap() error { return e.err }

// reminderButton returns « Imprimer l'aide-mémoire », hidden until offer
// shows it for an encrypted copy just made. It writes the reminder sheet
// of that copy (backup.ReminderSheet: the centre, the file and its
// folder, the date, a box for the passphrase written by hand — never the
// passphrase) as a PDF in the exports folder, off the UI goroutine, and
// sends it to the printer (Deps.Print); without a printer it is only
// saved, and the button says so. msg tells what happened.
func (s *adminView) reminderButton(msg *widget.Label) (btn *widget.Button, offer func(backup.Info)) {
	tr := s.Tr
	label := "backup.reminder.print"
	if s.Print == nil {
		label = "backup.reminder.save"
	}
	var copied backup.Info
	btn = widget.NewButtonWithIcon(tr.T(label), theme.DocumentPrintIcon(), nil)
	btn.Importance = widget.HighImportance
	btn.OnTapped = s.act(func() {
		info := copied
		if info.Time.IsZero() {
			info.Time = s.Now()
		}
		english := tr.Lang().Code == "en"
		btn.Disable()
		msg.Importance = widget.MediumImportance
		msg.SetText(tr.T("backup.reminder.working"))
		background(s.Space, func(ctx context.Context) (string, error) {
			return s.writeReminder(ctx, info, english)
		}, func(path string, err error) {
			btn.Enable()
			var pe *printError
			switch {
			case errors.As(err, &pe):
				msg.Importance = widget.DangerImportance
				msg.SetText(tr.T("backup.reminder.notprinted", "Path", pe.path, "Reason", s.errorText(pe.err)))
			case err != nil:
				msg.Importance = widget.DangerImportance
				msg.SetText(tr.T("backup.reminder.failed", "Reason", s.errorText(err)))
			case s.Print == nil:
				msg.Importance = widget.SuccessImportance
				msg.SetText(tr.T("backup.reminder.saved", "Path", path))
			default:
				msg.Importance = widget.SuccessImportance
				msg.SetText(tr.T("backup.reminder.printed", "Path", path))
			}
		})
	})
	btn.Hide()
	offer = func(info backup.Info) {
		copied = info
		if s.ExportDir != "" {
			btn.Show()
		}
	}
	return btn, offer
}

// writeReminder writes the reminder sheet of the copy info in the exports
// folder and prints it when there is a printer. It returns the sheet's
// path; a print that failed is a *printError (the file is there).
func (s *adminView) writeReminder(ctx context.Context, info backup.Info, english bool) (string, error) {
	const op = "write backup reminder sheet"
	sheet := backup.Sheet{Made: info.Time, File: info.Path, English: english}
	st, err := s.Settings.LoadSettings(ctx)
	if err != nil {
		// The sheet still helps without the centre's name: a blank to fill.
		s.Log.Warn("reminder sheet: settings not read", "err", err)
	} else {
		sheet.Centre = st.CentreName
		sheet.KeepDays = int(backup.PolicyFor(st.RetentionMonths).MaxAge / (24 * time.Hour))
	}
	var b bytes.Buffer
	if err := export.WriteReminder(&b, backup.ReminderSheet(sheet), s.Now()); err != nil {
		return "", failure.New(failure.Internal, op, err)
	}
	if err := os.MkdirAll(s.ExportDir, 0o700); err != nil {
		return "", failure.FromFS(op, err)
	}
	path := filepath.Join(s.ExportDir, reminderName(info.Time))
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		if rerr := os.Remove(path); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			s.Log.Warn("remove a reminder sheet cut short", "path", path, "err", rerr)
		}
		return "", failure.FromFS(op, err)
	}
	if s.Print != nil {
		if err := s.Print(ctx, path); err != nil {
			s.Log.Error("print reminder sheet", "path", path, "err", err)
			return path, &printError{path: path, err: err}
		}
	}
	return path, nil
}
