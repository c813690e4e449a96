package journal

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Workshop is a collective workshop (CRA "Atelier collectif") with its
// sessions and participants.
type Workshop struct {
	ID          int64 // 0 until stored
	Title       string
	Level       Level // optional
	Themes      []Theme
	AdminThemes []Theme // only with ThemeAideAuxDemarchesAdministratives
	// Procedure is the name of the administrative procedure worked on
	// (precisionsDemarche), allowed only with
	// ThemeAideAuxDemarchesAdministratives.
	Procedure  string
	Equipment  []Equipment
	Place      Place
	MediatorID int64
	Tags       []string
	Notes      string

	// Sessions are the dates the workshop meets, at least one.
	Sessions []Session
	// Participants are the named beneficiaries taking part.
	Participants []int64
	// Anonymous counts the participants who are not named.
	Anonymous AnonymousCounts

	Created time.Time // set by the store
	Updated time.Time // set by the store
}

// Session is one meeting of a workshop.
type Session struct {
	ID    int64 // 0 until stored; keep it when editing
	Date  Date
	Start TimeOfDay
	// DurationMinutes is any length from MinSessionDuration to
	// MaxSessionDuration, not only the presets.
	DurationMinutes int
	// Cancelled marks a session that did not take place: it stays on the
	// workshop with any marks taken, but counts for no hours and no
	// attendance (see Held). A session with marks is cancelled rather than
	// removed.
	Cancelled bool
}

// Longest and shortest workshop session accepted, in minutes: a custom
// duration is any whole number of minutes in between.
const (
	MinSessionDuration = 5
	MaxSessionDuration = 600
)

// Held returns the sessions that were not cancelled, in w's order: the
// ones that count for hours and attendance.
func (w Workshop) Held() []Session {
	var out []Session
	for _, s := range w.Sessions {
		if !s.Cancelled {
			out = append(out, s)
		}
	}
	return out
}

// WeeklySeries returns n sessions: first, then one each week after it at
// the same time and for the same duration, without ids. It returns nil
// when n < 1.
func WeeklySeries(first Session, n int) []Session {
	if n < 1 {
		return nil
	}
	out := make([]Session, n)
	for i := range out {
		out[i] = Session{Date: first.Date.AddDays(7 * i), Start: first.Start, DurationMinutes: first.DurationMinutes}
	}
	return out
}

// FirstDate returns the date of the earliest session, or the zero Date.
func (w Workshop) FirstDate() Date {
	var d Date
	for _, s := range w.Sessions {
		if d.IsZero() || s.Date.Before(d) {
			d = s.Date
		}
	}
	return d
}

// LastDate returns the date of the latest session, or the zero Date.
func (w Workshop) LastDate() Date {
	var d Date
	for _, s := range w.Sessions {
		if s.Date.After(d) {
			d = s.Date
		}
	}
	return d
}

// HasAdminTheme reports whether w's themes include "Aide aux démarches
// administratives".
func (w Workshop) HasAdminTheme() bool {
	return slices.Contains(w.Themes, ThemeAideAuxDemarchesAdministratives)
}

// AnonymousCounts counts the anonymous participants of a workshop
// (participantsAnonymes). Total is how many there are. The maps give how
// many were said to be of each gender, age band and status; they never
// hold the NonCommunique value, which is what is left: Total minus the
// counts given (GenderCount(GenderNonCommunique)…).
type AnonymousCounts struct {
	Total              int
	AlreadyAccompanied int // "déjà accompagnés"
	Genders            map[Gender]int
	AgeBands           map[AgeBand]int
	Statuses           map[SocialStatus]int
}

// GenderCount returns how many participants have gender g; for
// GenderNonCommunique, Total minus the genders given.
func (c AnonymousCounts) GenderCount(g Gender) int {
	return count(c.Total, c.Genders, g, GenderNonCommunique)
}

// AgeBandCount returns how many participants are in age band a; for
// AgeNonCommunique, Total minus the age bands given.
func (c AnonymousCounts) AgeBandCount(a AgeBand) int {
	return count(c.Total, c.AgeBands, a, AgeNonCommunique)
}

// StatusCount returns how many participants have status s; for
// StatusNonCommunique, Total minus the statuses given.
func (c AnonymousCounts) StatusCount(s SocialStatus) int {
	return count(c.Total, c.Statuses, s, StatusNonCommunique)
}

func count[T comparable](total int, given map[T]int, v, unknown T) int {
	if v != unknown {
		return given[v]
	}
	n := total
	for k, c := range given {
		if k != unknown {
			n -= c
		}
	}
	return n
}

// Participant is one line of the attendance sheet: a named beneficiary,
// or the anonymous participant number N ("anonyme N", from 1 to Total).
type Participant struct {
	BeneficiaryID int64
	Anonymous     int
}

// Label returns "anonyme N" for an anonymous participant, and "" for a
// named one (whose name the interface shows).
func (p Participant) Label() string {
	if p.BeneficiaryID != 0 {
		return ""
	}
	return fmt.Sprintf("anonyme %d", p.Anonymous)
}

// ParticipantList returns the lines of the attendance sheet: the named
// participants in w.Participants' order, then "anonyme 1" to
// "anonyme Total".
func (w Workshop) ParticipantList() []Participant {
	out := make([]Participant, 0, len(w.Participants)+max(w.Anonymous.Total, 0))
	for _, id := range w.Participants {
		out = append(out, Participant{BeneficiaryID: id})
	}
	for n := 1; n <= w.Anonymous.Total; n++ {
		out = append(out, Participant{Anonymous: n})
	}
	return out
}

// Mark is the attendance of one participant at one session.
type Mark struct {
	SessionID   int64
	Participant Participant
	Presence    Presence
}

// Validate checks every rule of the CRA workshop form. It returns nil, or a
// failure.Invalid error holding a *ValidationError with every problem.
func (w Workshop) Validate() error {
	var ps problems
	if strings.TrimSpace(w.Title) == "" {
		ps.add("title", CodeTitleRequired)
	}
	ps.text("title", w.Title, MaxTitleLen)
	if w.Level != "" && !w.Level.Valid() {
		ps.add("level", CodeLevelInvalid)
	}
	ps.themes(w.Themes, w.AdminThemes)
	if w.Procedure != "" && !w.HasAdminTheme() {
		ps.add("procedure", CodeProcedureNotAllowed)
	}
	ps.text("procedure", w.Procedure, MaxTitleLen)
	ps.equipment("equipment", w.Equipment)
	ps.place("place", w.Place)
	if w.MediatorID <= 0 {
		ps.add("mediator", CodeMediatorRequired)
	}
	ps.tags("tags", w.Tags)
	ps.notes("notes", w.Notes)

	if len(w.Sessions) == 0 {
		ps.add("sessions", CodeSessionsRequired)
	}
	for i, s := range w.Sessions {
		f := fieldAt("sessions", i)
		if s.Date.IsZero() || !s.Date.valid() {
			ps.add(f+".date", CodeDateRequired)
		}
		if !s.Start.Valid() {
			ps.add(f+".start", CodeStartInvalid)
		}
		switch {
		case s.DurationMinutes == 0:
			ps.add(f+".duration", CodeDurationRequired)
		case s.DurationMinutes < MinSessionDuration || s.DurationMinutes > MaxSessionDuration:
			ps.add(f+".duration", CodeSessionDurationRange)
		}
	}

	if len(w.Participants) == 0 && w.Anonymous.Total <= 0 {
		ps.add("participants", CodeParticipantsRequired)
	}
	for _, id := range w.Participants {
		if id <= 0 {
			ps.add("participants", CodeParticipantInvalid)
			break
		}
	}
	ps.anonymous("anonymous", w.Anonymous)
	return ps.err("validate workshop")
}

func (ps *problems) anonymous(field string, c AnonymousCounts) {
	negative := c.Total < 0 || c.AlreadyAccompanied < 0
	for _, n := range c.Genders {
		negative = negative || n < 0
	}
	for _, n := range c.AgeBands {
		negative = negative || n < 0
	}
	for _, n := range c.Statuses {
		negative = negative || n < 0
	}
	if negative {
		ps.add(field, CodeAnonymousNegative)
		return
	}
	if c.AlreadyAccompanied > c.Total {
		ps.add(field+".already_accompanied", CodeAnonymousExceedTotal)
	}
	dimension(ps, field+".gender", c.Total, c.Genders, GenderNonCommunique)
	dimension(ps, field+".age_band", c.Total, c.AgeBands, AgeNonCommunique)
	dimension(ps, field+".status", c.Total, c.Statuses, StatusNonCommunique)
}

// dimension checks the counts given for one dimension: known values other
// than "non communiqué", adding up to no more than total.
func dimension[T interface {
	comparable
	Valid() bool
}](ps *problems, field string, total int, given map[T]int, unknown T) {
	sum := 0
	for k, n := range given {
		if !k.Valid() || k == unknown {
			ps.add(field, CodeAnonymousInvalid)
			return
		}
		sum += n
	}
	if sum > total {
		ps.add(field, CodeAnonymousExceedTotal)
	}
}

// Validate checks a mark on its own: a known presence and a participant
// that is either named or numbered from 1. Whether the participant and the
// session belong to the workshop is the store's check.
func (m Mark) Validate() error {
	var ps problems
	if !m.Presence.Valid() {
		ps.add("presence", CodePresenceInvalid)
	}
	p := m.Participant
	if (p.BeneficiaryID == 0) == (p.Anonymous == 0) || p.BeneficiaryID < 0 || p.Anonymous < 0 {
		ps.add("participant", CodeParticipantUnknown)
	}
	return ps.err("validate attendance")
}

// Normalize returns w with its lists in display order without repeated
// values, blank tags dropped, participants without repeats and sessions
// in date and time order; stores save it this way.
func (w Workshop) Normalize() Workshop {
	w.Equipment = uniqueSorted(w.Equipment, equipments.index)
	w.Themes = uniqueSorted(w.Themes, themes.index)
	w.AdminThemes = uniqueSorted(w.AdminThemes, themes.index)
	w.Tags = uniqueTags(w.Tags)
	w.Place = w.Place.normalize()
	if w.Participants != nil {
		var ids []int64
		for _, id := range w.Participants {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		w.Participants = ids
	}
	w.Sessions = slices.Clone(w.Sessions)
	slices.SortStableFunc(w.Sessions, func(a, b Session) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return a.Start.Minutes() - b.Start.Minutes()
	})
	w.Anonymous.Genders = withoutZero(w.Anonymous.Genders)
	w.Anonymous.AgeBands = withoutZero(w.Anonymous.AgeBands)
	w.Anonymous.Statuses = withoutZero(w.Anonymous.Statuses)
	return w
}

// withoutZero returns a copy of m without its zero counts, or nil if none
// is left.
func withoutZero[T comparable](m map[T]int) map[T]int {
	var out map[T]int
	for k, n := range m {
		if n != 0 {
			if out == nil {
				out = map[T]int{}
			}
			out[k] = n
		}
	}
	return out
}
