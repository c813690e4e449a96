package export

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"

	"pasapas/internal/report"
)

// The per-kiosk figures of a mediator's station (issue 14): the visits
// of each PC of the room, for the statistics export.

// thisPCLabel names the station's own visits in a file read away from it,
// where « Ce poste » alone would say nothing.
const thisPCLabel = "Ce poste (poste du médiateur)"

// kioskColumns are the columns of the per-kiosk table.
var kioskColumns = []Column{
	{"Poste", 30},
	{"Visites", 9},
	{"Part des visites (%)", 11},
	{"Visites réussies", 10},
	{"Visites avec une demande d'aide", 14},
	{"Taux de demande d'aide (%)", 12},
	{"Demandes d'aide", 10},
}

// kioskLine is one line of the per-kiosk table: a PC, or the whole room.
type kioskLine struct {
	label string
	f     report.KioskFigures
	total bool
}

// kioskLines returns the lines of the per-kiosk table of s: one per PC
// (report.Kiosk.ByKiosk), then the whole centre's; none without a
// breakdown.
func kioskLines(s report.Stats) []kioskLine {
	k := s.Kiosk
	if len(k.ByKiosk) == 0 {
		return nil
	}
	var out []kioskLine
	total := report.KioskFigures{Visits: k.Visits, HelpVisits: k.HelpVisits}
	for _, f := range k.ByKiosk {
		out = append(out, kioskLine{label: kioskLabel(f), f: f})
		total.Done += f.Done
		total.HelpRequests += f.HelpRequests
	}
	return append(out, kioskLine{label: "Tout le centre", f: total, total: true})
}

func kioskLabel(f report.KioskFigures) string {
	if f.ThisPC {
		return thisPCLabel
	}
	return f.Label
}

// cells returns the line as the table's cells; visits is the whole
// room's, for each PC's share.
func (l kioskLine) cells(visits int) []Cell {
	f := l.f
	share := 0.0
	if visits > 0 {
		share = float64(f.Visits) / float64(visits)
	}
	return []Cell{TextCell(l.label), IntCell(f.Visits), PercentCell(share), IntCell(f.Done), IntCell(f.HelpVisits),
		PercentCell(f.HelpRate()), IntCell(f.HelpRequests)}
}

// kioskSections returns the per-kiosk section of the statistics: the
// visits of each PC, with its share of the room's (the rest is in
// KiosksTable). None without a breakdown.
func kioskSections(k report.Kiosk) []section {
	if len(k.ByKiosk) == 0 {
		return nil
	}
	visits := section{title: "Visites de la borne par poste", chart: true, base: fmt.Sprintf("sur %d visites", k.Visits)}
	for _, f := range k.ByKiosk {
		visits.lines = append(visits.lines, share(kioskLabel(f), f.Visits, k.Visits))
	}
	return []section{visits}
}

// KiosksTable returns the per-kiosk figures of a mediator's station
// ("Par poste"): for each PC of the room, its visits and their share of
// the room's, the visits that ended « Oui, j'ai réussi », the visits with a help
// request and their share of the PC's visits, and the help requests;
// then the whole centre's line. No line names a visitor. ok is false when
// s has no per-kiosk breakdown (a PC that is not a station). Header.Title
// is set to "Par poste".
func KiosksTable(h Header, s report.Stats) (t Table, ok bool) {
	lines := kioskLines(s)
	if lines == nil {
		return Table{}, false
	}
	h.Title = "Par poste"
	h.Internal = false
	return Table{
		Header: h, Sheet: "Par poste", Columns: kioskColumns, Count: len(lines),
		Rows: func(yield func([]Cell) bool) {
			for _, l := range lines {
				if !yield(l.cells(s.Kiosk.Visits)) {
					return
				}
			}
		},
	}, true
}

// kioskTableCols are the short titles of the PDF's per-kiosk table, in
// the order of kioskColumns.
var kioskTableCols = []struct {
	title string
	width float64
}{
	{"Poste", 58}, {"Visites", 17}, {"Part", 17}, {"Réussies", 18}, {"Avec aide", 20}, {"Taux d'aide", 22},
	{"Demandes", 28},
}

// kioskTable draws the per-kiosk table of s, if it has one.
func kioskTable(pdf *fpdf.Fpdf, s report.Stats) {
	lines := kioskLines(s)
	if lines == nil {
		return
	}
	heading(pdf, section{title: "Par poste", base: "visites de chaque poste de la salle"}, len(lines)+1)
	titles := func() {
		pdf.SetFont(pdfFont, "B", 8)
		pdf.SetFillColor(221, 228, 238)
		for i, c := range kioskTableCols {
			align := "R"
			if i == 0 {
				align = "L"
			}
			pdf.CellFormat(c.width, monthTableRH+0.6, c.title, "B", 0, align, true, 0, "")
		}
		pdf.Ln(-1)
	}
	titles()
	for _, l := range lines {
		if pdf.GetY()+monthTableRH > pageH-margin-footerGap {
			pdf.AddPage()
			titles()
		}
		style, border := "", ""
		if l.total {
			style, border = "B", "T"
		}
		pdf.SetFont(pdfFont, style, 8)
		for i, c := range l.cells(s.Kiosk.Visits) {
			col := kioskTableCols[i]
			text, align := c.format(true), "R"
			switch {
			case i == 0:
				text, align = fit(pdf, c.Str, col.width-1), "L"
			case c.Kind == Percent:
				text = percent(c.Num)
			}
			pdf.CellFormat(col.width, monthTableRH+0.6, text, border, 0, align, false, 0, "")
		}
		pdf.Ln(-1)
	}
	room(pdf, 10)
	pdf.SetFont(pdfFont, "", 7)
	pdf.SetTextColor(90, 90, 90)
	pdf.MultiCell(contentW, 3.5, "Part : part des visites de la salle. Réussies : visites terminées par « Oui, j'ai réussi ». "+
		"Avec aide : visites où la personne a demandé de l'aide au moins une fois ; Taux d'aide : leur part des "+
		"visites du poste. Demandes : appuis sur « J'ai besoin d'aide ».", "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(2)
}
