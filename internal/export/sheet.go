package export

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"pasapas/internal/account"
	"pasapas/internal/failure"
	"pasapas/internal/journal"
)

// Sheet is the sign-in sheet (feuille d'émargement) of one workshop
// session: what WriteSheet prints.
type Sheet struct {
	Centre string
	Title  string // the workshop's title
	Place  string // "Salle 2, Saint-Denis", or ""
	// Session is the session; Number its number from 1 in date order,
	// and Of how many sessions the workshop has.
	Session    journal.Session
	Number, Of int
	Mediator   string // the mediator's display name
	// Named are the registered participants as "Nom Prénom", in the order
	// printed.
	Named []string
	// Anonymous is how many anonymous participants are registered. They
	// are not named on paper: they get the rows "Participant anonyme 1"
	// to N, the numbers the attendance screen uses ("anonyme N"), where a
	// cross or initials are enough.
	Anonymous int
	// WalkIns is how many empty rows at least are left for people who come
	// without registering (MinWalkIns when less); the last page is filled
	// with more.
	WalkIns int
	// Printed is when the sheet was made (the PDF's date).
	Printed time.Time
}

// MinWalkIns is the least number of empty rows a sign-in sheet has for
// people who come without registering.
const MinWalkIns = 3

// SheetSource reads what a sign-in sheet shows. *sqlite.DB implements it.
type SheetSource interface {
	Workshop(ctx context.Context, id int64) (journal.Workshop, error)
	Beneficiary(ctx context.Context, id int64) (journal.Beneficiary, error)
	AccountByID(ctx context.Context, id int64) (account.Account, error)
}

// LoadSheet returns the sign-in sheet of session number (from 1, in date
// order) of workshop workshopID, for the centre named centre. Named
// participants are listed by last then first name; one whose identity was
// erased is listed as "Personne anonymisée". An unknown workshop is the
// source's failure.NotFound; a number out of range is failure.NotFound too.
func LoadSheet(ctx context.Context, src SheetSource, centre string, workshopID int64, number int) (Sheet, error) {
	w, err := src.Workshop(ctx, workshopID)
	if err != nil {
		return Sheet{}, err
	}
	if number < 1 || number > len(w.Sessions) {
		return Sheet{}, failure.Errorf(failure.NotFound, "sign-in sheet",
			"workshop %d has %d sessions, no session %d", workshopID, len(w.Sessions), number)
	}
	s := Sheet{
		Centre: centre, Title: w.Title, Place: placeText(w.Place),
		Session: w.Sessions[number-1], Number: number, Of: len(w.Sessions),
		Anonymous: w.Anonymous.Total,
	}
	if a, err := src.AccountByID(ctx, w.MediatorID); err == nil {
		s.Mediator = a.DisplayName
	} else if failure.KindOf(err) != failure.NotFound {
		return Sheet{}, err
	}
	var named []journal.Beneficiary
	for _, id := range w.Participants {
		b, err := src.Beneficiary(ctx, id)
		if err != nil {
			return Sheet{}, err
		}
		named = append(named, b)
	}
	slices.SortStableFunc(named, func(a, b journal.Beneficiary) int {
		return cmp.Compare(a.SearchKey(), b.SearchKey())
	})
	for _, b := range named {
		s.Named = append(s.Named, nameOf(b))
	}
	return s, nil
}

// nameOf returns "Nom Prénom", or "Personne anonymisée" once erased.
func nameOf(b journal.Beneficiary) string {
	if n := strings.TrimSpace(b.LastName + " " + b.FirstName); n != "" {
		return n
	}
	return "Personne anonymisée"
}

// placeText returns the place as printed: "Salle 2, Saint-Denis",
// "À domicile, Bondy", "À distance".
func placeText(p journal.Place) string {
	var parts []string
	switch {
	case p.Name != "":
		parts = append(parts, p.Name)
	case p.Type.Valid():
		parts = append(parts, p.Type.Label())
	}
	if p.Commune != "" {
		parts = append(parts, p.Commune)
	}
	return strings.Join(parts, ", ")
}

// Sign-in sheet layout, in millimetres.
const (
	sheetRowH   = 11.0
	sheetNumW   = 12.0
	sheetNameW  = 78.0
	sheetSignW  = contentW - sheetNumW - sheetNameW
	sheetFootH  = 42.0 // the mediator's block under the table
	sheetMaxRow = pageH - margin - footerGap
)

// WriteSheet writes s as an A4 PDF ready to print: the centre, the
// workshop, its date, times, place and mediator; a table with a row and a
// signature box for each registered participant, rows for the anonymous
// ones, empty rows for walk-ins; then the count of people present and a
// box for the mediator's signature. Long lists continue on more pages,
// each repeating the workshop and the table's titles.
func WriteSheet(w io.Writer, s Sheet) error {
	day := s.Session.Date.In(time.UTC)
	footer := fmt.Sprintf("Feuille d'émargement — %s — %s", s.Title, day.Format(frDay))
	pdf, err := newPDF("Feuille d'émargement — "+s.Title, s.Printed, footer)
	if err != nil {
		return err
	}
	pdf.SetAutoPageBreak(false, 0)
	d := sheetDrawer{pdf: pdf, s: s}
	d.firstPage()

	n := 0
	for _, name := range s.Named {
		n++
		d.row(n, name, false)
	}
	for i := 1; i <= s.Anonymous; i++ {
		n++
		d.row(n, fmt.Sprintf("Participant anonyme %d", i), true)
	}
	d.section("Personnes venues sans inscription")
	for i := 0; i < max(s.WalkIns, MinWalkIns); i++ {
		n++
		d.row(n, "", false)
	}
	// Fill the page, keeping room for the mediator's block.
	for pdf.GetY()+sheetRowH+sheetFootH <= sheetMaxRow {
		n++
		d.row(n, "", false)
	}
	d.mediatorBlock()
	return finishPDF(w, pdf)
}

// sheetDrawer draws a sign-in sheet page by page.
type sheetDrawer struct {
	pdf *fpdf.Fpdf
	s   Sheet
}

func (d sheetDrawer) timesText() string {
	ss := d.s.Session
	end := journal.TimeOfDayFromMinutes(ss.Start.Minutes() + ss.DurationMinutes)
	text := ss.Start.String() + " – " + end.String()
	if ss.Start.Minutes()+ss.DurationMinutes >= 24*60 {
		text = fmt.Sprintf("%s (%s)", ss.Start.String(), journal.DurationLabel(ss.DurationMinutes))
	}
	return text
}

// firstPage draws the title and the block about the session.
func (d sheetDrawer) firstPage() {
	pdf, s := d.pdf, d.s
	pdf.AddPage()
	pdf.SetFont(pdfFont, "B", 20)
	pdf.CellFormat(contentW, 10, "Feuille d'émargement", "", 1, "L", false, 0, "")
	if s.Centre != "" {
		pdf.SetFont(pdfFont, "", 12)
		pdf.CellFormat(contentW, 7, fit(pdf, s.Centre, contentW), "", 1, "L", false, 0, "")
	}
	pdf.Ln(3)

	session := longDate(s.Session.Date)
	if s.Of > 1 {
		session += fmt.Sprintf(" — séance %d sur %d", s.Number, s.Of)
	}
	lines := [][2]string{
		{"Atelier", s.Title},
		{"Date", session},
		{"Horaires", d.timesText()},
	}
	if s.Place != "" {
		lines = append(lines, [2]string{"Lieu", s.Place})
	}
	lines = append(lines, [2]string{"Médiateur·rice", s.Mediator})

	top := pdf.GetY()
	pdf.SetFillColor(238, 241, 246)
	pdf.Rect(margin, top, contentW, float64(len(lines))*7+4, "F")
	pdf.SetY(top + 2)
	for i, l := range lines {
		pdf.SetX(margin + 3)
		pdf.SetFont(pdfFont, "", 11)
		pdf.CellFormat(32, 7, l[0]+" :", "", 0, "L", false, 0, "")
		style, size := "", 11.0
		if i == 0 {
			style, size = "B", 13
		}
		pdf.SetFont(pdfFont, style, size)
		pdf.CellFormat(contentW-38, 7, fit(pdf, l[1], contentW-38), "", 1, "L", false, 0, "")
	}
	pdf.SetY(top + float64(len(lines))*7 + 4 + 5)
	d.tableTitles()
}

// nextPage starts a new page with a reminder of the session and the
// table's titles.
func (d sheetDrawer) nextPage() {
	pdf, s := d.pdf, d.s
	pdf.AddPage()
	pdf.SetFont(pdfFont, "B", 11)
	text := fmt.Sprintf("Feuille d'émargement (suite) — %s — %s, %s", s.Title,
		s.Session.Date.In(time.UTC).Format(frDay), d.timesText())
	pdf.CellFormat(contentW, 7, fit(pdf, text, contentW), "", 1, "L", false, 0, "")
	pdf.Ln(2)
	d.tableTitles()
}

func (d sheetDrawer) tableTitles() {
	pdf := d.pdf
	pdf.SetFont(pdfFont, "B", 10)
	pdf.SetFillColor(221, 228, 238)
	pdf.CellFormat(sheetNumW, 8, "N°", "1", 0, "C", true, 0, "")
	pdf.CellFormat(sheetNameW, 8, "Nom et prénom", "1", 0, "L", true, 0, "")
	pdf.CellFormat(sheetSignW, 8, "Signature", "1", 1, "L", true, 0, "")
}

// room starts a new page unless h millimetres fit on this one.
func (d sheetDrawer) room(h float64) {
	if d.pdf.GetY()+h > sheetMaxRow {
		d.nextPage()
	}
}

// row draws one numbered row; anonymous rows are in grey.
func (d sheetDrawer) row(n int, name string, anonymous bool) {
	pdf := d.pdf
	d.room(sheetRowH)
	pdf.SetFont(pdfFont, "", 10)
	pdf.SetTextColor(90, 90, 90)
	pdf.CellFormat(sheetNumW, sheetRowH, fmt.Sprint(n), "1", 0, "C", false, 0, "")
	pdf.SetFont(pdfFont, "", 11)
	pdf.SetTextColor(0, 0, 0)
	if anonymous {
		pdf.SetTextColor(90, 90, 90)
	}
	pdf.CellFormat(sheetNameW, sheetRowH, fit(pdf, name, sheetNameW-2), "1", 0, "L", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
	pdf.CellFormat(sheetSignW, sheetRowH, "", "1", 1, "L", false, 0, "")
}

// section draws a heading row across the table.
func (d sheetDrawer) section(text string) {
	pdf := d.pdf
	d.room(7 + sheetRowH)
	pdf.SetFont(pdfFont, "B", 9)
	pdf.SetFillColor(245, 245, 245)
	pdf.CellFormat(contentW, 7, text, "1", 1, "L", true, 0, "")
}

// mediatorBlock draws the note on anonymous rows, the count of people
// present and the box for the mediator's signature.
func (d sheetDrawer) mediatorBlock() {
	pdf, s := d.pdf, d.s
	d.room(sheetFootH)
	pdf.Ln(3)
	pdf.SetFont(pdfFont, "", 9)
	if s.Anonymous > 0 {
		pdf.MultiCell(contentW, 4.5, "Les participants anonymes ne donnent pas leur nom : une croix ou des initiales dans la case suffisent.", "", "L", false)
		pdf.Ln(1)
	}
	pdf.SetFont(pdfFont, "", 11)
	y := pdf.GetY() + 2
	pdf.SetXY(margin, y)
	pdf.CellFormat(45, 8, "Nombre de présents :", "", 0, "L", false, 0, "")
	pdf.Rect(margin+45, y, 25, 8, "D")
	pdf.SetXY(margin+85, y)
	pdf.CellFormat(contentW-85, 8, "Signature du médiateur·rice :", "", 1, "L", false, 0, "")
	pdf.Rect(margin+85, y+9, contentW-85, 22, "D")
	pdf.SetXY(margin+86, y+10)
	pdf.SetFont(pdfFont, "", 9)
	pdf.SetTextColor(90, 90, 90)
	pdf.CellFormat(contentW-87, 5, fit(pdf, s.Mediator, contentW-87), "", 1, "L", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
}

// fit returns s cut with "…" so that it is at most w wide in the current
// font.
func fit(pdf *fpdf.Fpdf, s string, w float64) string {
	if pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}
