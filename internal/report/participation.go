package report

import "pasapas/internal/journal"

// Participations returns the attendance-sheet lines of the workshop
// sessions dated in d.Period: by workshop (d.Workshops' order), then
// session date, then participant (named ones in the workshop's order, then
// "anonyme 1" to "anonyme N"). A session is held when dated on or before
// today; the zero Date holds them all. Their Counted lines are the
// period's collective accompaniments.
func Participations(d Data, today journal.Date) []Participation {
	return analyse(d, today).parts
}

// personKey identifies a person: a named beneficiary, an anonymous
// individual accompaniment, or an anonymous participant of a workshop.
type personKey struct {
	beneficiary   int64
	accompaniment int64
	workshop      int64
	anonymous     int
}

// accompanimentKey returns the person of an individual accompaniment:
// its named beneficiary, or the anonymous person of that accompaniment.
func accompanimentKey(a journal.Accompaniment) personKey {
	if a.Anonymous() {
		return personKey{accompaniment: a.ID}
	}
	return personKey{beneficiary: a.BeneficiaryID}
}

// participantKey returns the person of a line of workshop's sheet: the
// named beneficiary, or "anonyme N" of that workshop.
func participantKey(workshop int64, pt journal.Participant) personKey {
	if pt.BeneficiaryID == 0 {
		return personKey{workshop: workshop, anonymous: pt.Anonymous}
	}
	return personKey{beneficiary: pt.BeneficiaryID}
}

// person gathers what the period holds about one person.
type person struct {
	named   bool
	profile journal.Profile // final once analyse returns

	last journal.Date // last day of activity in the period

	hasAcc          bool
	firstAcc        journal.Date
	firstAccAlready bool
	accProfile      journal.Profile // of the last accompaniment (named: the fallback)

	inWorkshop   bool
	firstSession journal.Date
}

// heldSession is a session dated in the period.
type heldSession struct {
	workshop *journal.Workshop
	session  journal.Session
	held     bool
}

// analysis is the period's records sorted into people, sessions and
// attendance-sheet lines.
type analysis struct {
	people   map[personKey]*person
	sessions []heldSession
	parts    []Participation
}

// enum orders, read once per analysis.
type orders struct {
	genders  []journal.Gender
	ages     []journal.AgeBand
	statuses []journal.SocialStatus
}

func analyse(d Data, today journal.Date) analysis {
	a := analysis{people: map[personKey]*person{}}
	get := func(k personKey) *person {
		p := a.people[k]
		if p == nil {
			p = &person{named: k.beneficiary != 0}
			a.people[k] = p
		}
		return p
	}

	for _, acc := range d.Accompaniments {
		p := get(accompanimentKey(acc))
		if !p.hasAcc || acc.Date.Before(p.firstAcc) {
			p.firstAcc, p.firstAccAlready = acc.Date, acc.Person.AlreadyAccompanied
		}
		p.hasAcc = true
		if !acc.Date.Before(p.last) {
			p.last, p.accProfile = acc.Date, acc.Person
		}
		if !p.named {
			p.profile = acc.Person
		}
	}

	marks := make(map[int64]map[journal.Participant]journal.Presence)
	for _, m := range d.Marks {
		if marks[m.SessionID] == nil {
			marks[m.SessionID] = map[journal.Participant]journal.Presence{}
		}
		marks[m.SessionID][m.Participant] = m.Presence
	}

	o := orders{journal.Genders(), journal.AgeBands(), journal.SocialStatuses()}
	for wi := range d.Workshops {
		w := &d.Workshops[wi]
		sheet := w.ParticipantList()
		for si, s := range w.Sessions {
			if !d.Period.Contains(s.Date) {
				continue
			}
			held := today.IsZero() || !s.Date.After(today)
			a.sessions = append(a.sessions, heldSession{workshop: w, session: s, held: held})
			for _, pt := range sheet {
				presence := marks[s.ID][pt]
				line := Participation{WorkshopID: w.ID, Session: s, Number: si + 1, Participant: pt,
					Presence: presence, Held: held,
					Counted: held && presence != journal.Absent && presence != journal.Excused}
				if pt.BeneficiaryID == 0 {
					line.Person = anonymousProfile(o, w.Anonymous, pt.Anonymous)
				}
				a.parts = append(a.parts, line)
				if !line.Counted {
					continue
				}
				p := get(participantKey(w.ID, pt))
				if !p.inWorkshop || s.Date.Before(p.firstSession) {
					p.firstSession = s.Date
				}
				p.inWorkshop = true
				if s.Date.After(p.last) {
					p.last = s.Date
				}
				if !p.named {
					p.profile = line.Person
				}
			}
		}
	}

	for k, p := range a.people {
		if !p.named {
			continue
		}
		b, ok := d.Beneficiaries[k.beneficiary]
		switch {
		case ok:
			p.profile = b.ProfileAt(p.last)
		case p.hasAcc:
			p.profile = p.accProfile
		default:
			p.profile = journal.UnknownProfile()
		}
		// The accompaniment's own "déjà accompagné" counts when it came
		// first: the store sets it from the activity before its date.
		first := p.hasAcc && (!p.inWorkshop || !p.firstSession.Before(p.firstAcc))
		p.profile.AlreadyAccompanied = d.Earlier[k.beneficiary] || (first && p.firstAccAlready)
	}

	for i := range a.parts {
		line := &a.parts[i]
		id := line.Participant.BeneficiaryID
		if id == 0 {
			continue
		}
		already := d.Earlier[id]
		if p := a.people[personKey{beneficiary: id}]; p != nil {
			already = p.profile.AlreadyAccompanied
		}
		if b, ok := d.Beneficiaries[id]; ok {
			line.Person = b.ProfileAt(line.Session.Date)
		} else {
			line.Person = journal.UnknownProfile()
		}
		line.Person.AlreadyAccompanied = already
	}
	return a
}

// anonymousProfile returns the profile of "anonyme n" of a workshop: the
// counts given go to the participants in number order, each dimension in
// its display order; the rest are "non communiqué". The first
// AlreadyAccompanied numbers are already accompanied. Anonymous
// participants have no commune.
func anonymousProfile(o orders, c journal.AnonymousCounts, n int) journal.Profile {
	return journal.Profile{
		AlreadyAccompanied: n <= c.AlreadyAccompanied,
		Gender:             nth(o.genders, c.Genders, n, journal.GenderNonCommunique),
		AgeBand:            nth(o.ages, c.AgeBands, n, journal.AgeNonCommunique),
		Status:             nth(o.statuses, c.Statuses, n, journal.StatusNonCommunique),
	}
}

// nth returns the value of the n-th participant (from 1) when the counts
// given are laid out in order; unknown past their sum.
func nth[T comparable](order []T, given map[T]int, n int, unknown T) T {
	sum := 0
	for _, v := range order {
		if v == unknown {
			continue
		}
		sum += given[v]
		if n <= sum {
			return v
		}
	}
	return unknown
}
