package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"pasapas/internal/report"
)

// Statistics PDF layout, in millimetres.
const (
	chartLabelW = 66.0
	chartBarW   = 80.0
	chartRowH   = 6.5
	chartBarH   = 4.2
)

// chartColour is the colour of the bars: a dark blue that prints well in
// grey too.
var chartColour = [3]int{41, 90, 155}

// WriteStatsPDF writes the statistics s as an A4 PDF: the header block
// (with a notice when nothing happened in the period), the headline
// figures in large print, the month-by-month chart of accompaniments and
// its table (the figures of MonthsTable), then the figures of StatsTable,
// every breakdown as a bar chart with each bar's label, count and share,
// so that it reads at a glance, and on a mediator's station the table of
// KiosksTable. h.Title is set to "Statistiques".
func WriteStatsPDF(w io.Writer, h Header, s report.Stats) error {
	h.Title = "Statistiques"
	period := fmt.Sprintf("du %s au %s", longDay(h.From), longDay(h.To))
	pdf, err := newPDF("Statistiques — "+h.centre(), h.ExportedAt,
		fmt.Sprintf("Pas à pas — Statistiques %s — %s", period, h.centre()))
	if err != nil {
		return err
	}
	pdf.AddPage()
	pdf.SetFont(pdfFont, "B", 20)
	pdf.CellFormat(contentW, 10, "Statistiques", "", 1, "L", false, 0, "")
	pdf.SetFont(pdfFont, "", 12)
	pdf.CellFormat(contentW, 7, fit(pdf, h.centre(), contentW), "", 1, "L", false, 0, "")
	pdf.SetFont(pdfFont, "", 10)
	filters := "aucun"
	if len(h.Filters) > 0 {
		var fs []string
		for _, f := range h.Filters {
			fs = append(fs, f.Name+" : "+f.Value)
		}
		filters = strings.Join(fs, " ; ")
	}
	for _, l := range [][2]string{
		{"Période", period},
		{"Exporté par", h.ExportedBy},
		{"Exporté le", h.ExportedAt.Format("02/01/2006 à 15:04")},
		{"Filtres", filters},
	} {
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(28, 5.5, l[0], "", 0, "L", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
		pdf.CellFormat(contentW-28, 5.5, fit(pdf, l[1], contentW-28), "", 1, "L", false, 0, "")
	}
	pdf.Ln(4)
	if s.Empty() {
		emptyNotice(pdf)
	}
	tiles(pdf, s)
	pdf.Ln(4)
	monthChart(pdf, s)
	for _, sec := range sections(s) {
		if sec.chart {
			chart(pdf, sec)
		} else {
			list(pdf, sec)
		}
	}
	kioskTable(pdf, s)
	return finishPDF(w, pdf)
}

// room starts a new page unless h millimetres fit above the bottom margin.
func room(pdf *fpdf.Fpdf, h float64) {
	_, pageHt := pdf.GetPageSize()
	_, _, _, bottom := pdf.GetMargins()
	if pdf.GetY()+h > pageHt-bottom {
		pdf.AddPage()
	}
}

// percent returns f (0.25) as "25 %", with one decimal comma when needed
// ("33,3 %").
func percent(f float64) string {
	s := strconv.FormatFloat(roundTo(f*100, 1), 'f', -1, 64)
	return strings.Replace(s, ".", ",", 1) + "\u202f%"
}

// tiles draws the headline figures as large numbers, four by row.
func tiles(pdf *fpdf.Fpdf, s report.Stats) {
	t := s.Totals
	items := []struct{ value, label string }{
		{strconv.Itoa(t.Accompaniments), "accompagnements"},
		{strconv.Itoa(t.Individual), "individuels"},
		{strconv.Itoa(t.Collective), "en atelier"},
		{strconv.Itoa(t.People), "bénéficiaires"},
		{strconv.Itoa(t.New), "nouveaux bénéficiaires"},
		{strconv.Itoa(t.Sessions), "séances d'atelier"},
		{percent(t.Attendance.Rate()), "taux de présence"},
		{strconv.Itoa(t.Visits), "visites à la borne"},
		{hoursText(t.Minutes()), "heures d'accompagnement"},
		{hoursText(t.ParticipantMinutes), "heures-participants"},
		{strconv.Itoa(t.WorkshopParticipants), "participants aux ateliers"},
		{strconv.Itoa(t.Referred), "orientations"},
	}
	const gap, tileH = 3.0, 20.0
	tileW := (contentW - 3*gap) / 4
	top := pdf.GetY()
	for i, it := range items {
		x := margin + float64(i%4)*(tileW+gap)
		y := top + float64(i/4)*(tileH+gap)
		pdf.SetFillColor(238, 241, 246)
		pdf.Rect(x, y, tileW, tileH, "F")
		pdf.SetXY(x, y+2)
		pdf.SetFont(pdfFont, "B", 18)
		pdf.SetTextColor(chartColour[0], chartColour[1], chartColour[2])
		pdf.CellFormat(tileW, 9, it.value, "", 0, "C", false, 0, "")
		pdf.SetXY(x, y+12)
		pdf.SetFont(pdfFont, "", 9)
		pdf.SetTextColor(0, 0, 0)
		pdf.CellFormat(tileW, 5, it.label, "", 0, "C", false, 0, "")
	}
	rows := (len(items) + 3) / 4
	pdf.SetXY(margin, top+float64(rows)*(tileH+gap))
}

// hoursText returns minutes as hours with at most two decimals and a
// decimal comma: "12,5".
func hoursText(minutes int) string {
	return strings.Replace(HoursCell(minutes).format(false), ".", ",", 1)
}

// emptyNotice says that nothing happened in the period, and what to do.
func emptyNotice(pdf *fpdf.Fpdf) {
	pdf.SetFillColor(255, 243, 205)
	pdf.SetFont(pdfFont, "B", 11)
	pdf.MultiCell(contentW, 6, "Rien n'a été enregistré sur cette période : aucun accompagnement, aucune séance "+
		"d'atelier tenue, aucune visite à la borne. Vérifiez les dates choisies, ou enregistrez les "+
		"accompagnements et les présences de la période avant d'exporter.", "", "L", true)
	pdf.Ln(3)
}

// heading draws a section's title, on a new page unless it and minLines
// rows fit.
func heading(pdf *fpdf.Fpdf, sec section, minLines int) {
	room(pdf, 12+float64(minLines)*chartRowH)
	pdf.Ln(3)
	pdf.SetFont(pdfFont, "B", 12)
	pdf.CellFormat(contentW*0.6, 7, sec.title, "", 0, "L", false, 0, "")
	pdf.SetFont(pdfFont, "", 9)
	pdf.SetTextColor(90, 90, 90)
	pdf.CellFormat(contentW*0.4, 7, sec.base, "", 1, "R", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
	pdf.SetDrawColor(180, 180, 180)
	pdf.Line(margin, pdf.GetY(), margin+contentW, pdf.GetY())
	pdf.SetDrawColor(0, 0, 0)
	pdf.Ln(1.5)
}

// keep returns how many of a section's n lines must fit under its title:
// all of them when they fit on one page, so that a chart is not cut, else
// three.
func keep(n int) int {
	if 15+float64(n)*chartRowH < pageH-2*margin-footerGap-20 {
		return n
	}
	return 3
}

// list draws a section of figures as label, count and share.
func list(pdf *fpdf.Fpdf, sec section) {
	heading(pdf, sec, keep(len(sec.lines)))
	for _, f := range sec.lines {
		room(pdf, 5.5)
		pdf.SetFont(pdfFont, "", 10)
		indent := 0.0
		if strings.HasPrefix(f.label, "dont ") {
			indent = 6
		}
		pdf.SetX(margin + indent)
		pdf.CellFormat(120-indent, 5.5, fit(pdf, f.label, 118-indent), "", 0, "L", false, 0, "")
		value := ""
		switch {
		case f.minutes:
			value = hoursText(f.value) + " h"
		case !f.noValue:
			value = strconv.Itoa(f.value)
		}
		pdf.SetFont(pdfFont, "B", 10)
		pdf.CellFormat(30, 5.5, value, "", 0, "R", false, 0, "")
		pdf.SetFont(pdfFont, "", 10)
		sh := ""
		if f.hasShare {
			sh = percent(f.share)
		}
		pdf.CellFormat(contentW-150, 5.5, sh, "", 1, "R", false, 0, "")
	}
}

// chart draws a breakdown as horizontal bars: label, bar, count and share.
func chart(pdf *fpdf.Fpdf, sec section) {
	heading(pdf, sec, keep(len(sec.lines)))
	if len(sec.lines) == 0 {
		pdf.SetFont(pdfFont, "", 10)
		pdf.CellFormat(contentW, chartRowH, "Rien à compter sur la période.", "", 1, "L", false, 0, "")
		return
	}
	most := 0
	for _, f := range sec.lines {
		most = max(most, f.value)
	}
	for _, f := range sec.lines {
		room(pdf, chartRowH)
		y := pdf.GetY()
		pdf.SetFont(pdfFont, "", 9)
		pdf.SetX(margin)
		pdf.CellFormat(chartLabelW, chartRowH, fit(pdf, f.label, chartLabelW-2), "", 0, "R", false, 0, "")
		x := margin + chartLabelW + 1
		pdf.SetFillColor(232, 232, 232)
		pdf.Rect(x, y+(chartRowH-chartBarH)/2, chartBarW, chartBarH, "F")
		if most > 0 && f.value > 0 {
			pdf.SetFillColor(chartColour[0], chartColour[1], chartColour[2])
			pdf.Rect(x, y+(chartRowH-chartBarH)/2, max(chartBarW*float64(f.value)/float64(most), 0.6), chartBarH, "F")
		}
		pdf.SetXY(x+chartBarW+2, y)
		pdf.SetFont(pdfFont, "B", 9)
		pdf.CellFormat(12, chartRowH, strconv.Itoa(f.value), "", 0, "R", false, 0, "")
		pdf.SetFont(pdfFont, "", 9)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(contentW-chartLabelW-chartBarW-15, chartRowH, percent(f.share), "", 1, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	}
}
