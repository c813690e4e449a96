package export

import (
	"strconv"

	"codeberg.org/go-pdf/fpdf"

	"pasapas/internal/report"
)

// Month chart layout, in millimetres.
const (
	monthChartH  = 38.0 // the bars' area
	monthLabelH  = 8.0  // the month names under it
	monthTableRH = 4.6  // a row of the table under the chart
)

// The colours of the chart: individual accompaniments in the bars'
// colour, collective ones lighter, so that both print in grey.
var collectiveColour = [3]int{140, 175, 220}

// shortMonths name the months under the bars.
var shortMonths = [...]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
	"oct.", "nov.", "déc."}

// monthChart draws the month-by-month figures of s: a bar per month of
// the accompaniments, individual and in workshops stacked, with its
// count; then the table of MonthsTable with the same figures.
func monthChart(pdf *fpdf.Fpdf, s report.Stats) {
	lines := monthLines(s)
	months := lines[:len(lines)-1]
	if len(months) == 0 {
		return
	}
	sec := section{title: "Mois par mois", base: "accompagnements par mois"}
	heading(pdf, sec, 0)
	room(pdf, monthChartH+monthLabelH+12)
	most := 0
	for _, l := range months {
		most = max(most, l.m.Accompaniments)
	}
	top := pdf.GetY() + 4
	base := top + monthChartH
	slot := contentW / float64(len(months))
	barW := min(slot*0.6, 14)
	// Label every month when there is room, else one in every.
	every := max(1, int(12/slot+0.999))
	pdf.SetDrawColor(180, 180, 180)
	pdf.Line(margin, base, margin+contentW, base)
	pdf.SetDrawColor(0, 0, 0)
	for i, l := range months {
		x := margin + float64(i)*slot + (slot-barW)/2
		ind, col := 0.0, 0.0
		if most > 0 {
			ind = (monthChartH - 5) * float64(l.m.Individual) / float64(most)
			col = (monthChartH - 5) * float64(l.m.Collective) / float64(most)
		}
		pdf.SetFillColor(chartColour[0], chartColour[1], chartColour[2])
		if ind > 0 {
			pdf.Rect(x, base-ind, barW, ind, "F")
		}
		pdf.SetFillColor(collectiveColour[0], collectiveColour[1], collectiveColour[2])
		if col > 0 {
			pdf.Rect(x, base-ind-col, barW, col, "F")
		}
		if i%every != 0 {
			continue
		}
		pdf.SetFont(pdfFont, "B", 7)
		pdf.SetXY(x-3, base-ind-col-4)
		pdf.CellFormat(barW+6, 4, strconv.Itoa(l.m.Accompaniments), "", 0, "C", false, 0, "")
		pdf.SetFont(pdfFont, "", 7)
		name := shortMonths[l.m.From.Month-1]
		pdf.SetXY(margin+float64(i)*slot-2, base+0.5)
		pdf.CellFormat(slot*float64(every)+4, 3.5, name, "", 0, "C", false, 0, "")
		if i == 0 || l.m.From.Month == 1 {
			pdf.SetXY(margin+float64(i)*slot-2, base+3.8)
			pdf.CellFormat(slot*float64(every)+4, 3.5, strconv.Itoa(l.m.From.Year), "", 0, "C", false, 0, "")
		}
	}
	pdf.SetY(base + monthLabelH)
	legend(pdf)
	monthTable(pdf, lines)
}

// legend draws the key of the chart's two colours.
func legend(pdf *fpdf.Fpdf) {
	y := pdf.GetY()
	pdf.SetFont(pdfFont, "", 8)
	x := margin
	for _, l := range []struct {
		colour [3]int
		text   string
	}{{chartColour, "accompagnements individuels"}, {collectiveColour, "participations aux ateliers"}} {
		pdf.SetFillColor(l.colour[0], l.colour[1], l.colour[2])
		pdf.Rect(x, y+1, 3, 3, "F")
		pdf.SetXY(x+4, y)
		w := pdf.GetStringWidth(l.text) + 2
		pdf.CellFormat(w, 5, l.text, "", 0, "L", false, 0, "")
		x += w + 10
	}
	pdf.SetY(y + 7)
}

// monthTableCols are the short titles of the PDF's month table, in the
// order of monthColumns; the note under the table spells them out.
var monthTableCols = []struct {
	title string
	width float64
}{
	{"Mois", 43}, {"Accomp.", 14}, {"Indiv.", 12}, {"Atelier", 12}, {"Bénéf.", 13}, {"Séances", 13},
	{"Partic.", 12}, {"Heures", 15}, {"h indiv.", 15}, {"h séances", 15}, {"h présence", 16},
}

// monthTable draws the month lines as a table, the total in bold.
func monthTable(pdf *fpdf.Fpdf, lines []monthLine) {
	titles := func() {
		pdf.SetFont(pdfFont, "B", 7.5)
		pdf.SetFillColor(221, 228, 238)
		for i, c := range monthTableCols {
			align := "R"
			if i == 0 {
				align = "L"
			}
			pdf.CellFormat(c.width, monthTableRH, c.title, "B", 0, align, true, 0, "")
		}
		pdf.Ln(-1)
	}
	room(pdf, 3*monthTableRH)
	titles()
	for _, l := range lines {
		if pdf.GetY()+monthTableRH > pageH-margin-footerGap {
			pdf.AddPage()
			titles()
		}
		style := ""
		if l.total {
			style = "B"
		}
		pdf.SetFont(pdfFont, style, 7.5)
		for i, c := range l.cells() {
			col := monthTableCols[i]
			text, align := c.format(true), "R"
			if i == 0 {
				text, align = fit(pdf, c.Str, col.width-1), "L"
			}
			border := ""
			if l.total {
				border = "T"
			}
			pdf.CellFormat(col.width, monthTableRH, text, border, 0, align, false, 0, "")
		}
		pdf.Ln(-1)
	}
	room(pdf, 12)
	pdf.SetFont(pdfFont, "", 7)
	pdf.SetTextColor(90, 90, 90)
	pdf.MultiCell(contentW, 3.5, "Accomp. : accompagnements (Indiv. : individuels ; Atelier : "+
		"participations aux ateliers). Bénéf. : bénéficiaires accompagnés (une personne venue plusieurs mois compte "+
		"une fois dans le total). Partic. : participants aux ateliers. Heures : heures d'accompagnement, "+
		"individuelles (h indiv.) et de séances d'atelier comptées une fois par séance (h séances) ; "+
		"h présence : durée des séances × participants présents.", "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(2)
}
