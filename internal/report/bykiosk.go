package report

import (
	"slices"
	"strings"

	"pasapas/internal/visit"
)

// The label of this PC's own visits in the per-kiosk breakdown.
const (
	thisPCLabel = "Ce poste"
	thisPCID    = "report.kiosk.self"
)

// KioskFigures are the visits of one PC of the room: a kiosk (a « poste
// public ») or the station itself. No figure names a visitor.
type KioskFigures struct {
	// Label is the kiosk's name, or "Ce poste" for this PC; MessageID
	// localizes it ("report.kiosk.self"), "" for a kiosk's name.
	Label     string
	MessageID string
	// ThisPC is whether these are the visits made on this PC.
	ThisPC bool

	Visits int
	// Done is how many visits ended with « J'ai réussi » (visit.Done).
	Done int
	// HelpVisits is how many visits had at least one help request;
	// HelpRequests how many requests they made (presses on « J'ai besoin
	// d'aide »).
	HelpVisits   int
	HelpRequests int
}

// HelpRate returns HelpVisits / Visits, or 0 without visits.
func (f KioskFigures) HelpRate() float64 {
	if f.Visits == 0 {
		return 0
	}
	return float64(f.HelpVisits) / float64(f.Visits)
}

// byKiosk returns the per-kiosk breakdown of d's visits (see
// Kiosk.ByKiosk): kiosks in name order (case ignored), then this PC.
func byKiosk(d Data) []KioskFigures {
	if len(d.VisitKiosks) == 0 {
		return nil
	}
	rows := map[string]*KioskFigures{}
	self := &KioskFigures{Label: thisPCLabel, MessageID: thisPCID, ThisPC: true}
	for _, v := range d.Visits {
		f := self
		if name, ok := d.VisitKiosks[v.Key]; ok {
			if f = rows[name]; f == nil {
				f = &KioskFigures{Label: name}
				rows[name] = f
			}
		}
		f.Visits++
		if v.Outcome == visit.Done {
			f.Done++
		}
		if v.HelpCount > 0 {
			f.HelpVisits++
			f.HelpRequests += v.HelpCount
		}
	}
	if len(rows) == 0 {
		return nil // the names were of visits outside the period
	}
	out := make([]KioskFigures, 0, len(rows)+1)
	for _, f := range rows {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b KioskFigures) int {
		if c := naturalCompare(strings.ToLower(a.Label), strings.ToLower(b.Label)); c != 0 {
			return c
		}
		return strings.Compare(a.Label, b.Label)
	})
	if self.Visits > 0 {
		out = append(out, *self)
	}
	return out
}

// VisitsByKiosk returns ByKiosk as a breakdown of the visits (each PC's
// share of them), for a bar chart; no counts without ByKiosk.
func (k Kiosk) VisitsByKiosk() Breakdown {
	b := Breakdown{Total: k.Visits}
	for _, f := range k.ByKiosk {
		b.Counts = append(b.Counts, Count{Key: f.Label, Label: f.Label, MessageID: f.MessageID, Value: f.Visits})
	}
	return b
}

// naturalCompare compares a and b with their runs of digits as numbers,
// so that « Poste 2 » comes before « Poste 10 ».
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := len(na) - len(nb); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

// digits returns how many ASCII digits s starts with.
func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
