package report

import "pasapas/internal/journal"

// months returns the month-by-month table of the analysed records: one
// Month per calendar month the period touches, from the first. See
// "Months" in the package comment.
func months(d Data, a analysis) []Month {
	p := d.Period
	if p.Empty() {
		return nil
	}
	var out []Month
	for from := p.From; from.Before(p.To); {
		next := journal.NewDate(from.Year, from.Month, 1).AddMonths(1)
		to := next
		if p.To.Before(to) {
			to = p.To
		}
		out = append(out, Month{From: from, To: to})
		from = next
	}
	index := func(day journal.Date) *Month {
		i := (day.Year-p.From.Year)*12 + int(day.Month) - int(p.From.Month)
		if i < 0 || i >= len(out) {
			return nil // outside the period: a Source that read too much
		}
		return &out[i]
	}
	people := make([]map[personKey]bool, len(out))
	participants := make([]map[personKey]bool, len(out))
	seen := func(sets []map[personKey]bool, m *Month, k personKey) bool {
		i := (m.From.Year-p.From.Year)*12 + int(m.From.Month) - int(p.From.Month)
		if sets[i] == nil {
			sets[i] = map[personKey]bool{}
		}
		if sets[i][k] {
			return true
		}
		sets[i][k] = true
		return false
	}

	for _, acc := range d.Accompaniments {
		m := index(acc.Date)
		if m == nil {
			continue
		}
		m.Individual++
		m.IndividualMinutes += acc.DurationMinutes
		if !seen(people, m, accompanimentKey(acc)) {
			m.People++
		}
	}
	for _, s := range a.sessions {
		if m := index(s.session.Date); m != nil && s.held {
			m.Sessions++
			m.SessionMinutes += s.session.DurationMinutes
		}
	}
	for _, pt := range a.parts {
		m := index(pt.Session.Date)
		if m == nil || !pt.Counted {
			continue
		}
		m.Collective++
		m.ParticipantMinutes += pt.Session.DurationMinutes
		k := participantKey(pt.WorkshopID, pt.Participant)
		if !seen(people, m, k) {
			m.People++
		}
		if !seen(participants, m, k) {
			m.WorkshopParticipants++
		}
	}
	for i := range out {
		out[i].Accompaniments = out[i].Individual + out[i].Collective
	}
	return out
}
