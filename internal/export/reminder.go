package export

import (
	"io"
	"strings"
	"time"
)

// WriteReminder writes the reminder sheet of the encrypted backups
// (the lines of backup.ReminderSheet) as a one-page A4 PDF to print and
// keep under lock: the first line is the title, each other line a
// paragraph, an empty line a space, and a line made only of underscores
// a tall box to write the passphrase in by hand. made is the PDF's date.
// It prints what it is given and nothing else: the passphrase is never
// among the lines. Errors: the PDF library's, and w's.
func WriteReminder(w io.Writer, lines []string, made time.Time) error {
	title := ""
	if len(lines) > 0 {
		title, lines = lines[0], lines[1:]
	}
	pdf, err := newPDF(title, made, title)
	if err != nil {
		return err
	}
	pdf.AddPage()
	pdf.SetFont(pdfFont, "B", 16)
	pdf.MultiCell(contentW, 8, title, "", "L", false)
	pdf.Ln(4)
	for _, l := range lines {
		switch {
		case l == "":
			pdf.Ln(3)
		case strings.Trim(l, "_") == "":
			// Room for the handwriting: a box across the page.
			y := pdf.GetY()
			pdf.SetDrawColor(60, 60, 60)
			pdf.Rect(margin, y, contentW, 16, "D")
			pdf.SetY(y + 16)
		default:
			pdf.SetFont(pdfFont, "", 11)
			pdf.MultiCell(contentW, 6, l, "", "L", false)
			pdf.Ln(1)
		}
	}
	return finishPDF(w, pdf)
}
