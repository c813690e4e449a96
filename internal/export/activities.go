package export

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strconv"
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

// session is a workshop session held in the period, with its counted
// participants: the rows it gives the activities export.
type session struct {
	date  journal.Date
	start int // minutes since midnight
	ws    *journal.Workshop
	parts []report.Participation // the session's counted lines
}

// sessions returns the workshop sessions of d held in the period with
// their counted participants, by date then start time (then as the
// workshops and their sheets list them), and how many lines they count.
// The person's profile does not depend on the individual accompaniments
// but for "déjà accompagné", which the export does not show: they are
// left out of the analysis.
func (d Data) sessions() (list []session, rows int) {
	workshops := map[int64]*journal.Workshop{}
	for i := range d.Workshops {
		workshops[d.Workshops[i].ID] = &d.Workshops[i]
	}
	only := d.Data
	only.Accompaniments = nil
	bySession := map[int64]int{} // session id → index in list
	for _, p := range report.Participations(only, d.Today) {
		if !p.Counted {
			continue
		}
		i, ok := bySession[p.Session.ID]
		if !ok {
			i = len(list)
			bySession[p.Session.ID] = i
			list = append(list, session{date: p.Session.Date, start: p.Session.Start.Minutes(), ws: workshops[p.WorkshopID]})
		}
		list[i].parts = append(list[i].parts, p)
		rows++
	}
	slices.SortStableFunc(list, func(a, b session) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return cmp.Compare(a.start, b.start)
	})
	return list, rows
}

// activityRecords are what the activities export is made of: the
// individual accompaniments by date — held in memory, or read one at a
// time from the store (report.Stream) — and the rest of Data.
type activityRecords struct {
	d Data // Accompaniments not read: see each
	// each yields the individual accompaniments by date, count of them;
	// it may be ranged over again. A read error ends it: it is kept in
	// *err, and the rows end there.
	each  iter.Seq2[journal.Accompaniment, error]
	count int
	// longest returns the length in bytes of the longest text an
	// accompaniment gives a cell (report.LongestText, or the labels of
	// its codes).
	longest func() int
	err     *error
}

// records returns the activity records of d, its accompaniments in date
// order (sorted when they are not).
func (d Data) records() activityRecords {
	accs := d.Accompaniments
	byDate := func(a, b journal.Accompaniment) int { return a.Date.Compare(b.Date) }
	if !slices.IsSortedFunc(accs, byDate) {
		accs = slices.Clone(accs)
		slices.SortStableFunc(accs, byDate)
	}
	return activityRecords{
		d: d, count: len(accs), err: new(error),
		each: func(yield func(journal.Accompaniment, error) bool) {
			for i := range accs {
				if !yield(accs[i], nil) {
					return
				}
			}
		},
		longest: func() int {
			n := 0
			for i := range accs {
				n = max(n, report.LongestText(accs[i]), labelsLen(accs[i]))
			}
			return n
		},
	}
}

// labelsLen returns the length in bytes of the longest text the codes of
// a give a cell: its themes or its equipment joined by ", ".
func labelsLen(a journal.Accompaniment) int {
	n := 0
	for _, t := range a.Themes {
		n += len(t.Label()) + 2
	}
	for _, t := range a.AdminThemes {
		n += len(t.Label()) + 2
	}
	e := 0
	for _, t := range a.Equipment {
		e += len(t.Label()) + 2
	}
	return max(n, e)
}

// fixedTextsLen returns the length in bytes of the longest text of an
// individual accompaniment's row that is neither its free texts, nor the
// labels of its lists, nor a name: the label of one code, the type, the
// CRA id.
func fixedTextsLen() int {
	n := len(typeIndividual) + len(individualCRAPrefix) + 20 // the id's digits
	longest := func(label string) { n = max(n, len(label)) }
	for _, v := range journal.PlaceTypes() {
		longest(v.Label())
	}
	for _, v := range journal.Referrals() {
		longest(v.Label())
	}
	for _, v := range journal.Genders() {
		longest(v.Label())
	}
	for _, v := range journal.AgeBands() {
		longest(v.Label())
	}
	for _, v := range journal.SocialStatuses() {
		longest(v.Label())
	}
	return n
}

// Activities returns the activities export of d for funders: one row per
// accompaniment, as the national tool counts them, with no name and no
// note — the person is described by commune, gender, age band and status
// only. An individual accompaniment is one row ("1/1"); a workshop session
// held in the period gives one row per participant not marked absent or
// excused, "1/N" to "N/N", the person's profile being the one statistics
// count. Rows are by date, individual accompaniments (in the order of
// d.Accompaniments) before the day's sessions (by start time).
// Header.Title is set to "Activités".
func Activities(h Header, d Data) Table {
	h.Internal = false
	return d.records().table(h, false)
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
	return d.records().table(h, true)
}

// table returns the activities export of r: the rows of the individual
// accompaniments and of the sessions merged by date.
func (r activityRecords) table(h Header, detailed bool) Table {
	d := r.d
	sessions, collective := d.sessions()
	cols, sheet := activityColumns, "Activités"
	h.Title = "Activités"
	if detailed {
		h.Title, cols, sheet = "Activités détaillées", detailedColumns, "Activités (usage interne)"
	}
	loc := h.location()
	// rows yields the rows of the individual accompaniments when
	// individual is set, of the sessions when collective is set.
	rows := func(individual, collective bool) iter.Seq[[]Cell] {
		return func(yield func([]Cell) bool) {
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
			next := 0 // the next session
			// sessionsBefore emits the sessions dated before day (all
			// that are left when day is zero).
			sessionsBefore := func(day journal.Date) bool {
				for ; next < len(sessions) && (day.IsZero() || sessions[next].date.Before(day)); next++ {
					s := sessions[next]
					for i, p := range s.parts {
						if !collective {
							break
						}
						d.collectiveRow(full, *s.ws, p, i+1, len(s.parts), loc)
						if !emit() {
							return false
						}
					}
				}
				return true
			}
			if individual {
				for a, err := range r.each {
					if err != nil {
						*r.err = err
						return
					}
					if !sessionsBefore(a.Date) {
						return
					}
					d.individualRow(full, a, loc)
					if !emit() {
						return
					}
				}
			}
			sessionsBefore(journal.Date{})
		}
	}
	return Table{
		Header: h, Sheet: sheet, Columns: cols, Count: r.count + collective,
		Rows: rows(true, true),
		Cut: func(limit int) int {
			// CellText cuts no text shorter than limit bytes: the
			// accompaniments' rows are read again only when one of
			// their texts is as long.
			longest := max(r.longest(), fixedTextsLen())
			for _, names := range []map[int64]string{d.Mediators, d.People} {
				for _, n := range names {
					longest = max(longest, len(n))
				}
			}
			return cutIn(rows(longest >= limit, true), limit)
		},
	}
}

// individualCRAPrefix starts the "ID CRA" of an individual accompaniment.
const individualCRAPrefix = "individuel-"

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
		TextCell(a.Notes), TextCell(individualCRAPrefix+strconv.FormatInt(a.ID, 10)),
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
