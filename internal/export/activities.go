package export

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"pasapas/internal/journal"
	"pasapas/internal/report"
)

// detailedColumns are the columns of the detailed activities export, in
// the order and with the titles of the national tool's export of a
// mediator's own data (cra-fields.md §5). Left out, since Pas à pas
// records none of them: the mediator's first and last name apart, role
// and Conum id (one "Médiateur" column holds the display name), the
// address and INSEE codes, and the source of the data.
var detailedColumns = []Column{
	{"Date", 11},
	{"Enregistré le", 16},
	{"Dernière modification le", 16},
	{"Médiateur", 20},
	{"Type", 24},
	{"Participants", 12},
	{"Bénéficiaire", 22},
	{"Canaux d'accompagnement", 18},
	{"Nom du lieu", 22},
	{"Commune", 18},
	{"Code postal", 11},
	{"Durée (min)", 10},
	{"Nom de l'atelier", 26},
	{"Matériel numérique utilisé", 22},
	{"Thématique(s) d'accompagnement", 40},
	{"Tags", 16},
	{"Nom de la démarche administrative", 26},
	{"Niveau d'autonomie (ou de l'atelier)", 14},
	{"Bénéficiaire réorienté", 12},
	{"Structure de redirection", 30},
	{"Commune du bénéficiaire", 18},
	{"Code postal du bénéficiaire", 11},
	{"Genre", 14},
	{"Tranche d'âge", 16},
	{"Statut du bénéficiaire", 22},
	{"Notes supplémentaires", 40},
	{"ID CRA", 22},
}

// The columns of detailedColumns that only the detailed export has: the
// person's name and the free-text notes. The national tool too leaves
// them out of every export but a mediator's own.
const (
	beneficiaryColumn = 6
	notesColumn       = 25
)

// activityColumns are the columns of the activities export for funders:
// detailedColumns without the beneficiary's name and the notes.
var activityColumns = funderColumns(detailedColumns)

func funderColumns(cols []Column) []Column {
	var out []Column
	for i, c := range cols {
		if i != beneficiaryColumn && i != notesColumn {
			out = append(out, c)
		}
	}
	return out
}

// Labels of the activities export.
const (
	typeIndividual = "Accompagnement individuel"
	typeCollective = "Atelier collectif"
	anonymousName  = "Anonyme"
)

// activity is one row source of the activities export: an individual
// accompaniment, or a held session with its counted participants.
type activity struct {
	date  journal.Date
	start int // minutes since midnight; individual accompaniments first
	acc   *journal.Accompaniment
	ws    *journal.Workshop
	parts []report.Participation // the session's counted lines
}

// activities returns the activities of d, by date, individual
// accompaniments (by id) before sessions (by start time).
func (d Data) activities() (list []activity, rows int) {
	for i := range d.Accompaniments {
		a := &d.Accompaniments[i]
		list = append(list, activity{date: a.Date, start: -1, acc: a})
		rows++
	}
	workshops := map[int64]*journal.Workshop{}
	for i := range d.Workshops {
		workshops[d.Workshops[i].ID] = &d.Workshops[i]
	}
	bySession := map[int64]int{} // session id → index in list
	for _, p := range report.Participations(d.Data, d.Today) {
		if !p.Counted {
			continue
		}
		i, ok := bySession[p.Session.ID]
		if !ok {
			i = len(list)
			bySession[p.Session.ID] = i
			list = append(list, activity{date: p.Session.Date, start: p.Session.Start.Minutes(), ws: workshops[p.WorkshopID]})
		}
		list[i].parts = append(list[i].parts, p)
		rows++
	}
	slices.SortStableFunc(list, func(a, b activity) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return cmp.Compare(a.start, b.start)
	})
	return list, rows
}

// Activities returns the activities export of d for funders: one row per
// accompaniment, as the national tool counts them, with no name and no
// note — the person is described by commune, gender, age band and status
// only. An individual accompaniment is one row ("1/1"); a workshop session
// held in the period gives one row per participant not marked absent or
// excused, "1/N" to "N/N", the person's profile being the one statistics
// count. Rows are by date. Header.Title is set to "Activités".
func Activities(h Header, d Data) Table {
	h.Internal = false
	return d.activityTable(h, false)
}

// DetailedActivities returns the activities export with the columns that
// funders never get: "Bénéficiaire" ("Nom Prénom" of a named person as
// Data.People has it, "Anonyme" otherwise) and "Notes supplémentaires"
// (the accompaniment's or the workshop's notes). It is for the centre's
// own use: Header.Internal is set, so every sheet and page says
// InternalMark, Header.Title is "Activités détaillées" and the XLSX sheet
// "Activités (usage interne)".
func DetailedActivities(h Header, d Data) Table {
	h.Internal = true
	return d.activityTable(h, true)
}

func (d Data) activityTable(h Header, detailed bool) Table {
	list, count := d.activities()
	cols, sheet := activityColumns, "Activités"
	h.Title = "Activités"
	if detailed {
		h.Title, cols, sheet = "Activités détaillées", detailedColumns, "Activités (usage interne)"
	}
	loc := h.location()
	return Table{
		Header: h, Sheet: sheet, Columns: cols, Count: count,
		Rows: func(yield func([]Cell) bool) {
			full := make([]Cell, len(detailedColumns))
			row := full
			if !detailed {
				row = make([]Cell, len(activityColumns))
			}
			emit := func() bool {
				if !detailed {
					n := copy(row, full[:beneficiaryColumn])
					n += copy(row[n:], full[beneficiaryColumn+1:notesColumn])
					copy(row[n:], full[notesColumn+1:])
				}
				return yield(row)
			}
			for _, a := range list {
				if a.acc != nil {
					d.individualRow(full, *a.acc, loc)
					if !emit() {
						return
					}
					continue
				}
				for i, p := range a.parts {
					d.collectiveRow(full, *a.ws, p, i+1, len(a.parts), loc)
					if !emit() {
						return
					}
				}
			}
		},
	}
}

func (d Data) individualRow(row []Cell, a journal.Accompaniment, loc locator) {
	person := anonymousName
	if a.BeneficiaryID != 0 {
		person = d.personName(journal.Participant{BeneficiaryID: a.BeneficiaryID}, anonymousName)
	}
	referred := "Non"
	if a.Referred {
		referred = "Oui"
	}
	autonomy := Cell{}
	if s := a.Autonomy.Stars(); s > 0 {
		autonomy = FractionCell(s, 3)
	}
	fill(row,
		DayCell(a.Date), TimeCell(loc(a.Created)), TimeCell(loc(a.Updated)),
		TextCell(d.Mediators[a.MediatorID]), TextCell(typeIndividual), FractionCell(1, 1),
		TextCell(person), TextCell(a.Place.Type.Label()), TextCell(a.Place.Name),
		TextCell(a.Place.Commune), TextCell(a.Place.PostalCode), IntCell(a.DurationMinutes),
		TextCell(""), TextCell(labels(a.Equipment)), TextCell(themes(a.Themes, a.AdminThemes)),
		TextCell(strings.Join(a.Tags, ", ")), TextCell(a.Procedure), autonomy,
		TextCell(referred), TextCell(referralLabel(a.Referral)),
		TextCell(a.Person.Commune), TextCell(a.Person.PostalCode),
		TextCell(a.Person.Gender.Label()), TextCell(a.Person.AgeBand.Label()), TextCell(a.Person.Status.Label()),
		TextCell(a.Notes), TextCell(fmt.Sprintf("individuel-%d", a.ID)),
	)
}

func (d Data) collectiveRow(row []Cell, w journal.Workshop, p report.Participation, i, n int, loc locator) {
	level := Cell{}
	if s := w.Level.Stars(); s > 0 {
		level = FractionCell(s, 3)
	}
	fill(row,
		DayCell(p.Session.Date), TimeCell(loc(w.Created)), TimeCell(loc(w.Updated)),
		TextCell(d.Mediators[w.MediatorID]), TextCell(typeCollective), FractionCell(i, n),
		TextCell(d.personName(p.Participant, anonymousName)), TextCell(w.Place.Type.Label()), TextCell(w.Place.Name),
		TextCell(w.Place.Commune), TextCell(w.Place.PostalCode), IntCell(p.Session.DurationMinutes),
		TextCell(w.Title), TextCell(labels(w.Equipment)), TextCell(themes(w.Themes, w.AdminThemes)),
		TextCell(strings.Join(w.Tags, ", ")), TextCell(""), level,
		TextCell(""), TextCell(""),
		TextCell(p.Person.Commune), TextCell(p.Person.PostalCode),
		TextCell(p.Person.Gender.Label()), TextCell(p.Person.AgeBand.Label()), TextCell(p.Person.Status.Label()),
		TextCell(w.Notes), TextCell(fmt.Sprintf("atelier-%d-séance-%d", w.ID, p.Number)),
	)
}

// fill copies cells into row, which has as many.
func fill(row []Cell, cells ...Cell) { copy(row, cells) }

// labels returns the French labels of values, joined by ", ".
func labels[T interface{ Label() string }](values []T) string {
	var b strings.Builder
	writeLabels(&b, values, false)
	return b.String()
}

// writeLabels writes the French labels of values to b, joined by ", ",
// after a ", " too when more is set (labels are written before them).
func writeLabels[T interface{ Label() string }](b *strings.Builder, values []T, more bool) {
	for i, v := range values {
		if i > 0 || more {
			b.WriteString(", ")
		}
		b.WriteString(v.Label())
	}
}

// themes returns the labels of the digital then administrative themes.
func themes(digital, admin []journal.Theme) string {
	var b strings.Builder
	writeLabels(&b, digital, false)
	writeLabels(&b, admin, len(digital) > 0)
	return b.String()
}

func referralLabel(r journal.Referral) string {
	if r == "" {
		return ""
	}
	return r.Label()
}
