package export_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"pasapas/internal/backup"
	"pasapas/internal/export"
)

// The reminder sheet prints on one page what backup.ReminderSheet says:
// the centre, the copy's file and folder, the date, a box for the
// passphrase written by hand — and never the passphrase.
func TestWriteReminder(t *testing.T) {
	made := time.Date(2026, 3, 2, 9, 30, 0, 0, time.Local)
	file := "/media/cle/" + backup.Name(made) + backup.EncryptedSuffix
	var b bytes.Buffer
	lines := backup.ReminderSheet(backup.Sheet{Centre: "Centre social des Lilas", Made: made, File: file, KeepDays: 30})
	check(t, "WriteReminder", export.WriteReminder(&b, lines, made))
	text, pages := pdfText(t, b.Bytes())
	if pages != 1 {
		t.Errorf("Got(%q) = %d pages, want 1", "pages", pages)
	}
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"phrase secrète des sauvegardes chiffrées", "Centre social des Lilas",
		backup.Name(made) + backup.EncryptedSuffix, "/media/cle", "02/03/2026", "à écrire à la main", "30 jours"} {
		if !strings.Contains(flat, want) {
			t.Errorf("Got(%q) = %q, want %q in it", "reminder text", flat, want)
		}
	}
}
