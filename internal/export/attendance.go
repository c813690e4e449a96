package export

import (
	"cmp"
	"fmt"
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

// Attendance returns the attendance export of d for funders: one row per
// participant per workshop session dated in the period, by date and start
// time, then as the attendance sheet lists them. Columns: date, start,
// workshop, workshop number (for pasapasctl sheet), session number,
// participant and presence (présent, absent, excusé, non noté, à venir).
// No one is named: the participant is "participant N", N being their line
// on the workshop's sheet (named participants first, then the anonymous
// ones), the same in every session of the workshop. Header.Title is set
// to "Présences".
func Attendance(h Header, d Data) Table {
	h.Internal = false
	return d.attendanceTable(h, false)
}

// DetailedAttendance returns the attendance export with each participant
// as the attendance screen shows them: "Nom Prénom" (Data.People),
// "Personne anonymisée" once erased, or "anonyme N". It is for the
// centre's own use: Header.Internal is set, so every sheet and page says
// InternalMark, Header.Title is "Présences détaillées" and the XLSX sheet
// "Présences (usage interne)".
func DetailedAttendance(h Header, d Data) Table {
	h.Internal = true
	return d.attendanceTable(h, true)
}

func (d Data) attendanceTable(h Header, detailed bool) Table {
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
	lines := map[int64]map[journal.Participant]int{} // workshop → participant → line on its sheet
	for _, w := range d.Workshops {
		titles[w.ID] = w.Title
		lines[w.ID] = map[journal.Participant]int{}
		for i, p := range w.ParticipantList() {
			lines[w.ID][p] = i + 1
		}
	}
	sheet := "Présences"
	h.Title = sheet
	if detailed {
		h.Title, sheet = "Présences détaillées", "Présences (usage interne)"
	}
	who := func(p report.Participation) string {
		if detailed {
			return d.personName(p.Participant, "Personne anonymisée")
		}
		return fmt.Sprintf("participant %d", lines[p.WorkshopID][p.Participant])
	}
	return Table{
		Header: h, Sheet: sheet, Columns: attendanceColumns, Count: len(parts),
		Rows: func(yield func([]Cell) bool) {
			row := make([]Cell, len(attendanceColumns))
			for _, p := range parts {
				fill(row,
					DayCell(p.Session.Date), TextCell(p.Session.Start.String()), TextCell(titles[p.WorkshopID]),
					IntCell(int(p.WorkshopID)), IntCell(p.Number),
					TextCell(who(p)), TextCell(presenceText(p)),
				)
				if !yield(row) {
					return
				}
			}
		},
	}
}
