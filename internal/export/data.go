package export

import (
	"context"
	"slices"
	"strings"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
)

// Data is what the activities and attendance exports are built from: the
// records of a period as statistics read them (report.Data), the names
// that statistics never read, and the day that decides which workshop
// sessions were held.
type Data struct {
	report.Data
	// Today is the last day whose workshop sessions are held (as
	// report.Options.Today); the zero Date holds them all.
	Today journal.Date
	// Mediators are the accounts' display names, by account id.
	Mediators map[int64]string
	// People are the named beneficiaries' names as "Nom Prénom", by id;
	// an erased beneficiary has none.
	People map[int64]string
}

// Source reads what the exports need. *sqlite.DB implements it.
type Source interface {
	report.Source
	Beneficiary(ctx context.Context, id int64) (journal.Beneficiary, error)
	Accounts(ctx context.Context) ([]account.Account, error)
}

// Load reads period p from src for the exports, with the named
// participants' names: LoadFor a detailed Spec. Errors are src's, or
// failure.Invalid for a period that ends before it starts.
func Load(ctx context.Context, src Source, p report.Period, today journal.Date, loc *time.Location) (Data, error) {
	return load(ctx, src, p, today, loc, true)
}

// LoadFor reads period p from src for the export s: the records
// (report.Load, kiosk visits' days taken in loc, nil for time.Local) and
// every account's display name; the named participants' names only when
// s is Detailed, so that a funder's export never even reads them. Errors
// are src's, or failure.Invalid for a period that ends before it starts.
func LoadFor(ctx context.Context, src Source, s Spec, p report.Period, today journal.Date, loc *time.Location) (Data, error) {
	return load(ctx, src, p, today, loc, s.Detailed)
}

func load(ctx context.Context, src Source, p report.Period, today journal.Date, loc *time.Location, names bool) (Data, error) {
	rd, err := report.Load(ctx, src, p, loc)
	if err != nil {
		return Data{}, err
	}
	d := Data{Data: rd, Today: today, People: map[int64]string{}}
	if d.Mediators, err = mediatorNames(ctx, src); err != nil {
		return Data{}, err
	}
	if !names {
		return d, nil
	}
	var ids []int64
	for _, a := range rd.Accompaniments {
		if a.BeneficiaryID != 0 {
			ids = append(ids, a.BeneficiaryID)
		}
	}
	for _, w := range rd.Workshops {
		ids = append(ids, w.Participants...)
	}
	d.People, err = peopleNames(ctx, src, ids)
	return d, err
}

// mediatorNames returns every account's display name, by id.
func mediatorNames(ctx context.Context, src Source) (map[int64]string, error) {
	accounts, err := src.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, a := range accounts {
		names[a.ID] = a.DisplayName
	}
	return names, nil
}

// peopleNames returns the names ("Nom Prénom") of the beneficiaries ids,
// read one by one; an erased or missing one has none.
func peopleNames(ctx context.Context, src Source, ids []int64) (map[int64]string, error) {
	names := map[int64]string{}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		b, err := src.Beneficiary(ctx, id)
		if failure.KindOf(err) == failure.NotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n := strings.TrimSpace(b.LastName + " " + b.FirstName); n != "" {
			names[id] = n
		}
	}
	return names, nil
}

// ForMediator returns d with only the accompaniments and workshops of the
// account id, and the attendance marks of those workshops. Kiosk visits
// belong to no one and stay.
func (d Data) ForMediator(id int64) Data {
	out := d
	out.Accompaniments = nil
	for _, a := range d.Accompaniments {
		if a.MediatorID == id {
			out.Accompaniments = append(out.Accompaniments, a)
		}
	}
	out.Workshops = nil
	sessions := map[int64]bool{}
	for _, w := range d.Workshops {
		if w.MediatorID == id {
			out.Workshops = append(out.Workshops, w)
			for _, s := range w.Sessions {
				sessions[s.ID] = true
			}
		}
	}
	out.Marks = nil
	for _, m := range d.Marks {
		if sessions[m.SessionID] {
			out.Marks = append(out.Marks, m)
		}
	}
	return out
}

// personName returns the name of participant p: "Nom Prénom" for a named
// beneficiary, anonymousLabel for an erased one, "anonyme N" for an
// anonymous participant.
func (d Data) personName(p journal.Participant, anonymousLabel string) string {
	if p.BeneficiaryID == 0 {
		return p.Label()
	}
	if n, ok := d.People[p.BeneficiaryID]; ok {
		return n
	}
	return anonymousLabel
}
