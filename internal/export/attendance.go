package export

import (
	"cmp"
	"slices"

	"pasapas/internal/journal"
	"pasapas/internal/report"
)

var attendanceColumns = []Column{
	{"Date", 11},
	{"Début", 7},
	{"Atelier", 32},
	{"N° atelier", 10},
	{"Séance", 8},
	{"Participant", 26},
	{"Présence", 14},
}

// presenceText returns how the attendance export writes a mark: "présent",
// "absent", "excusé"; "non noté" for a held session without a mark, and
// "à venir" for a session after today.
func presenceText(p report.Participation) string {
	switch {
	case p.Presence == journal.Present:
		return "présent"
	case p.Presence == journal.Absent:
		return "absent"
	case p.Presence == journal.Excused:
		return "excusé"
	case !p.Held:
		return "à venir"
	}
	return "non noté"
}

// Attendance returns the attendance export of d: one row per participant
// per workshop session dated in the period, by date and start time, then
// as the attendance sheet lists them (named participants, then "anonyme 1"
// to N). Columns: date, start, workshop, workshop number (for pasapasctl
// sheet), session number, participant ("Nom Prénom", or "anonyme N") and
// presence (présent, absent, excusé, non noté, à venir). Header.Title is
// set to "Présences".
func Attendance(h Header, d Data) Table {
	parts := report.Participations(d.Data, d.Today)
	slices.SortStableFunc(parts, func(a, b report.Participation) int {
		if c := a.Session.Date.Compare(b.Session.Date); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Session.Start.Minutes(), b.Session.Start.Minutes()); c != 0 {
			return c
		}
		return cmp.Compare(a.WorkshopID, b.WorkshopID)
	})
	titles := map[int64]string{}
	for _, w := range d.Workshops {
		titles[w.ID] = w.Title
	}
	h.Title = "Présences"
	return Table{
		Header: h, Sheet: "Présences", Columns: attendanceColumns, Count: len(parts),
		Rows: func(yield func([]Cell) bool) {
			row := make([]Cell, len(attendanceColumns))
			for _, p := range parts {
				fill(row,
					DayCell(p.Session.Date), TextCell(p.Session.Start.String()), TextCell(titles[p.WorkshopID]),
					IntCell(int(p.WorkshopID)), IntCell(p.Number),
					TextCell(d.personName(p.Participant, "Personne anonymisée")), TextCell(presenceText(p)),
				)
				if !yield(row) {
					return
				}
			}
		},
	}
}
