package export

import (
	"fmt"
	"strconv"

	"pasapas/internal/journal"
	"pasapas/internal/report"
)

// monthColumns are the columns of the month-by-month table.
var monthColumns = []Column{
	{"Mois", 26},
	{"Accompagnements", 14},
	{"dont individuels", 11},
	{"dont en atelier", 11},
	{"Bénéficiaires", 12},
	{"Séances d'atelier", 10},
	{"Participants aux ateliers", 12},
	{"Heures d'accompagnement", 13},
	{"dont individuelles", 11},
	{"dont séances d'atelier", 11},
	{"Heures de présence en atelier", 13},
}

// monthLine is one line of the month-by-month table: a month, or the
// period's total.
type monthLine struct {
	label string
	m     report.Month
	total bool
}

// monthLines returns the month-by-month table of s: one line per month
// (report.Stats.Months), then the period's total, whose people are
// counted once however many months they came in.
func monthLines(s report.Stats) []monthLine {
	var out []monthLine
	for _, m := range s.Months {
		out = append(out, monthLine{label: monthLabel(m), m: m})
	}
	t := s.Totals
	out = append(out, monthLine{label: "Total de la période", total: true, m: report.Month{
		Accompaniments: t.Accompaniments, Individual: t.Individual, Collective: t.Collective,
		Sessions: t.Sessions, People: t.People, WorkshopParticipants: t.WorkshopParticipants,
		IndividualMinutes: t.IndividualMinutes, SessionMinutes: t.SessionMinutes,
		ParticipantMinutes: t.ParticipantMinutes,
	}})
	return out
}

// monthLabel returns "octobre 2026", or "décembre 2023 (du 15 au 31)"
// for a month the period covers in part.
func monthLabel(m report.Month) string {
	name := fmt.Sprintf("%s %d", frenchMonths[m.From.Month-1], m.From.Year)
	last := m.To.AddDays(-1)
	whole := m.From.Day == 1 && m.To == journal.NewDate(m.From.Year, m.From.Month, 1).AddMonths(1)
	if whole {
		return name
	}
	first := strconv.Itoa(m.From.Day)
	if m.From.Day == 1 {
		first = "1er"
	}
	if m.From == last {
		return fmt.Sprintf("%s (le %s)", name, first)
	}
	return fmt.Sprintf("%s (du %s au %d)", name, first, last.Day)
}

// cells returns the line as the table's cells.
func (l monthLine) cells() []Cell {
	m := l.m
	return []Cell{TextCell(l.label), IntCell(m.Accompaniments), IntCell(m.Individual), IntCell(m.Collective),
		IntCell(m.People), IntCell(m.Sessions), IntCell(m.WorkshopParticipants), HoursCell(m.Minutes()),
		HoursCell(m.IndividualMinutes), HoursCell(m.SessionMinutes), HoursCell(m.ParticipantMinutes)}
}

// MonthsTable returns the month-by-month table of s ("Mois par mois"):
// for each month of the period, the accompaniments (individual and in
// workshops), the people accompanied, the workshop sessions held and
// their participants, the hours of accompaniment (individual, and each
// session's duration once) and the participants' hours in workshops;
// then a line with the period's total, in which a person who came in
// several months counts once. See report's package comment for the
// definitions. Header.Title is set to "Mois par mois".
func MonthsTable(h Header, s report.Stats) Table {
	lines := monthLines(s)
	h.Title = "Mois par mois"
	h.Internal = false
	return Table{
		Header: h, Sheet: "Mois par mois", Columns: monthColumns, Count: len(lines),
		Rows: func(yield func([]Cell) bool) {
			for _, l := range lines {
				if !yield(l.cells()) {
					return
				}
			}
		},
	}
}
