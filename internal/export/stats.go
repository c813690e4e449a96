package export

import (
	"fmt"

	"pasapas/internal/report"
)

// figure is one line of the statistics: a label, a count (unless
// noValue; in hours when minutes) and a share (when hasShare).
type figure struct {
	label    string
	value    int
	noValue  bool
	minutes  bool // value is minutes, shown as hours
	share    float64
	hasShare bool
}

// hours returns the figure of a number of minutes, shown in hours.
func hours(label string, minutes int) figure {
	return figure{label: label, value: minutes, minutes: true}
}

// cell returns the figure's value as a cell: a count, hours, or empty.
func (f figure) cell() Cell {
	switch {
	case f.noValue:
		return Cell{}
	case f.minutes:
		return HoursCell(f.value)
	}
	return IntCell(f.value)
}

// section is one group of figures: the headline totals, or a breakdown
// drawn as a bar chart.
type section struct {
	title string
	// base says what the shares are of ("sur 42 activités"), for charts.
	base  string
	chart bool
	lines []figure
}

// share returns the figure of a part of whole.
func share(label string, part, whole int) figure {
	f := figure{label: label, value: part, hasShare: true}
	if whole > 0 {
		f.share = float64(part) / float64(whole)
	}
	return f
}

// breakdown returns the section of b, its shares of b.Total.
func breakdown(title, unit string, b report.Breakdown) section {
	s := section{title: title, chart: true, base: fmt.Sprintf("sur %d %s", b.Total, unit)}
	for _, c := range b.Counts {
		s.lines = append(s.lines, figure{label: c.Label, value: c.Value, share: b.Share(c), hasShare: true})
	}
	return s
}

// sections returns every figure of s in the order the exports show them:
// the totals, attendance, the breakdowns over activities, over people,
// then the kiosk's (on a mediator's station, per kiosk of the room too).
func sections(s report.Stats) []section {
	t := s.Totals
	out := []section{
		{title: "Statistiques générales", lines: []figure{
			{label: "Accompagnements", value: t.Accompaniments},
			share("dont accompagnements individuels", t.Individual, t.Accompaniments),
			share("dont participations à des ateliers collectifs", t.Collective, t.Accompaniments),
			{label: "Bénéficiaires accompagnés", value: t.People},
			share("dont bénéficiaires suivis", t.Named, t.People),
			share("dont bénéficiaires anonymes", t.Anonymous, t.People),
			share("dont nouveaux bénéficiaires", t.New, t.People),
			share("dont bénéficiaires déjà accompagnés", t.AlreadyAccompanied, t.People),
			{label: "Activités (individuelles et séances d'atelier)", value: t.Activities},
			{label: "Ateliers", value: t.Workshops},
			{label: "Séances d'atelier tenues", value: t.Sessions},
			{label: "Participants aux ateliers", value: t.WorkshopParticipants},
			{label: "Visites à la borne", value: t.Visits},
		}},
		{title: "Heures d'accompagnement", lines: []figure{
			hours("Heures d'accompagnement (individuel et ateliers)", t.Minutes()),
			hours("dont accompagnements individuels", t.IndividualMinutes),
			hours("dont séances d'atelier (durée de chaque séance, comptée une fois)", t.SessionMinutes),
			hours("Heures de présence des participants aux ateliers (durée × participants)", t.ParticipantMinutes),
		}},
		{title: "Présence aux ateliers", lines: []figure{
			share("Présents", t.Attendance.Present, t.Attendance.Marked()),
			share("Absents", t.Attendance.Absent, t.Attendance.Marked()),
			share("Excusés", t.Attendance.Excused, t.Attendance.Marked()),
			{label: "Non notés", value: t.Attendance.Unmarked},
			{label: "Taux de présence", noValue: true, share: t.Attendance.Rate(), hasShare: true},
		}},
		breakdown("Thématiques de médiation numérique", "activités", s.Themes),
		breakdown("Thématiques de démarches administratives", "activités d'aide aux démarches", s.AdminThemes),
		breakdown("Démarches administratives réalisées", "accompagnements individuels", s.Procedures),
		breakdown("Durées", "activités", s.Durations),
		breakdown("Canaux d'accompagnement", "activités", s.PlaceTypes),
		breakdown("Matériel numérique utilisé", "activités", s.Equipment),
		breakdown("Tags", "activités", s.Tags),
		breakdown("Niveau d'autonomie", "accompagnements individuels", s.Autonomy),
		breakdown("Orientation vers une autre structure", "accompagnements individuels", s.Referrals),
		breakdown("Genre", "bénéficiaires", s.Genders),
		breakdown("Tranches d'âge", "bénéficiaires", s.AgeBands),
		breakdown("Statut des bénéficiaires", "bénéficiaires", s.Statuses),
		breakdown("Communes de résidence", "bénéficiaires", s.Communes),
	}
	k := s.Kiosk
	out = append(out,
		section{title: "Borne", lines: []figure{
			{label: "Visites", value: k.Visits},
			share("dont visites avec une demande d'aide", k.HelpVisits, k.Visits),
		}},
		breakdown("Visites de la borne par guide", "visites", k.Guides),
		breakdown("Issue des visites de la borne", "visites", k.Outcomes),
	)
	out = append(out, kioskSections(k)...)
	stops := section{title: "Étape où les visiteurs s'arrêtent le plus, par guide"}
	for _, g := range k.Stops {
		if g.Stopped == 0 {
			stops.lines = append(stops.lines, figure{label: g.Label + " : aucun arrêt", value: 0})
			continue
		}
		where := fmt.Sprintf("étape %d", g.Step)
		if g.Step == 0 {
			where = "avant la première étape"
		}
		stops.lines = append(stops.lines, share(fmt.Sprintf("%s : %s (sur %d arrêts)", g.Label, where, g.Stopped), g.AtStep, g.Stopped))
	}
	if len(stops.lines) > 0 {
		out = append(out, stops)
	}
	return out
}

var statsColumns = []Column{
	{"Rubrique", 38},
	{"Libellé", 46},
	{"Nombre", 9},
	{"Part (%)", 9},
}

// StatsTables returns the statistics s as the tables of the statistics
// export: StatsTable, then MonthsTable, then on a mediator's station
// KiosksTable.
func StatsTables(h Header, s report.Stats) []Table {
	ts := []Table{StatsTable(h, s), MonthsTable(h, s)}
	if t, ok := KiosksTable(h, s); ok {
		ts = append(ts, t)
	}
	return ts
}

// StatsTable returns the statistics s as rows: the section ("Rubrique"),
// the label, the count (hours, with decimals, for the hours) and the share
// (of the accompaniments, people, activities or visits the section
// counts). Every total and every breakdown is there, zero counts included.
// Header.Title is set to "Statistiques".
func StatsTable(h Header, s report.Stats) Table {
	secs := sections(s)
	count := 0
	for _, sec := range secs {
		count += len(sec.lines)
	}
	h.Title = "Statistiques"
	h.Internal = false
	return Table{
		Header: h, Sheet: "Statistiques", Columns: statsColumns, Count: count,
		Rows: func(yield func([]Cell) bool) {
			for _, sec := range secs {
				for _, f := range sec.lines {
					row := []Cell{TextCell(sec.title), TextCell(f.label), f.cell(), {}}
					if f.hasShare {
						row[3] = PercentCell(f.share)
					}
					if !yield(row) {
						return
					}
				}
			}
		},
	}
}
