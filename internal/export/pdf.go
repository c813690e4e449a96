package export

import (
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"pasapas/assets"
	"pasapas/internal/journal"
)

// PDFs are A4 in millimetres, set in Noto Sans (SIL Open Font License,
// assets/fonts/OFL.txt), embedded and subset: every name prints as typed,
// accents and letters outside Windows-1252 (ł, ș, ğ…) included, on a
// computer that has no font of its own.
const (
	pdfFont   = "NotoSans"
	pageW     = 210.0
	pageH     = 297.0
	margin    = 15.0
	contentW  = pageW - 2*margin
	footerGap = 12.0 // room kept at the foot of each page
)

// fontFiles are the embedded font files, with their fpdf style.
var fontFiles = []struct{ style, name string }{
	{"", "fonts/NotoSans-Regular.ttf"},
	{"B", "fonts/NotoSans-Bold.ttf"},
}

// newPDF returns an A4 portrait document with the embedded fonts, its
// title and dates set (created is the export time), and a footer with
// footer's text and "page x/y" on every page.
func newPDF(title string, created time.Time, footer string) (*fpdf.Fpdf, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	for _, f := range fontFiles {
		b, err := fs.ReadFile(assets.Files(), f.name)
		if err != nil {
			return nil, fmt.Errorf("pdf font: %w", err)
		}
		pdf.AddUTF8FontFromBytes(pdfFont, f.style, b)
	}
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin+footerGap)
	pdf.SetTitle(title, true)
	pdf.SetCreator("Pas à pas", true)
	pdf.SetLang("fr-FR")
	if !created.IsZero() {
		pdf.SetCreationDate(created)
		pdf.SetModificationDate(created)
	}
	pdf.SetCatalogSort(true)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-margin - 4)
		pdf.SetFont(pdfFont, "", 8)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(contentW*0.8, 4, fit(pdf, footer, contentW*0.8-2), "", 0, "L", false, 0, "")
		pdf.CellFormat(contentW*0.2, 4, fmt.Sprintf("page %d/{nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	return pdf, pdf.Error()
}

// finishPDF writes pdf to w, or returns the first error met while
// drawing it.
func finishPDF(w io.Writer, pdf *fpdf.Fpdf) error {
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

// frenchDays and frenchMonths name days and months for dates written out
// ("mardi 14 octobre 2026").
var (
	frenchDays   = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"}
)

// longDay returns d written out in French, "14 octobre 2026",
// "1er octobre 2026", or "—" for the zero Date.
func longDay(d journal.Date) string {
	if d.IsZero() {
		return "—"
	}
	day := strconv.Itoa(d.Day)
	if d.Day == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, frenchMonths[d.Month-1], d.Year)
}

// longDate returns d with its weekday, "mardi 14 octobre 2026".
func longDate(d journal.Date) string {
	return frenchDays[d.In(time.UTC).Weekday()] + " " + longDay(d)
}
