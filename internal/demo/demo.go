// Package demo fills an empty database with realistic, reproducible
// activity — kiosk visits across the guides, accompaniments, workshops with
// attendance, a few named beneficiaries and the mediators' accounts — so
// that the statistics screen and the exports can be tried and measured
// before a centre has data of its own.
//
// The same seed, months and day give the same activity (account secrets
// excepted: they are random and shown once). Fill refuses a database that
// already holds activity: a kiosk visit, an accompaniment, a workshop or a
// beneficiary. Accounts, settings and the audit trail do not count, so a
// centre may try demo data right after creating its first account; the
// demo accounts are then added beside it.
package demo

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"pasapas/assets"
	"pasapas/internal/account"
	"pasapas/internal/audit"
	"pasapas/internal/failure"
	"pasapas/internal/guide"
	"pasapas/internal/journal"
	"pasapas/internal/settings"
	"pasapas/internal/visit"
)

// Store is what Fill writes to; *sqlite.DB implements it.
type Store interface {
	journal.Store
	visit.Store
	account.Store
	audit.Store
	settings.Store
	// HasActivity reports whether the store holds any kiosk visit,
	// accompaniment, workshop or beneficiary.
	HasActivity(ctx context.Context) (bool, error)
}

// Options tune Fill. Zero values take the defaults.
type Options struct {
	// Months is how many months of activity to write, up to the day
	// before Now (default 12, at most MaxMonths).
	Months int
	// Seed chooses the activity (default 1).
	Seed uint64
	// Now is the moment of the fill (default time.Now()): activity runs
	// from Months before its day to the day before; workshop series under
	// way go on after it, their later sessions planned.
	Now time.Time
	// Location is the centre's time zone for the visits' times (default
	// time.Local).
	Location *time.Location
	// Guides are the kiosk guides visited (default the built-in library).
	Guides []*guide.Guide
}

// Default and largest options.
const (
	DefaultMonths = 12
	DefaultSeed   = 1
	MaxMonths     = 120
)

// ErrNotEmpty is wrapped (with kind failure.Conflict) by Fill when the
// database already holds activity.
var ErrNotEmpty = errors.New("the database already holds activity (visits, accompaniments, workshops or beneficiaries): demo data only goes into an empty one")

// Result says what Fill wrote.
type Result struct {
	From, To       journal.Date // the days of activity, [From, To)
	Visits         int
	Accompaniments int
	Workshops      int
	Sessions       int
	Beneficiaries  int
	// Accounts are the accounts created, with their secrets in clear:
	// show them once, they are kept only hashed.
	Accounts []Credential
}

// Credential is a demo account and its secret.
type Credential struct {
	Name, DisplayName string
	Role              account.Role
	Secret            string
}

// Fill writes Options.Months of demo activity into s, which must hold none
// (ErrNotEmpty, kind failure.Conflict). It creates two mediator accounts,
// and a coordinator when s has no account at all. Months out of range is
// failure.Invalid; other errors are the store's. A fill that fails half
// way leaves what it wrote: start again from a new database.
func Fill(ctx context.Context, s Store, opts Options) (Result, error) {
	const op = "fill demo data"
	opts, err := opts.withDefaults()
	if err != nil {
		return Result{}, err
	}
	busy, err := s.HasActivity(ctx)
	if err != nil {
		return Result{}, err
	}
	if busy {
		return Result{}, failure.New(failure.Conflict, op, ErrNotEmpty)
	}
	f := &filler{s: s, opts: opts, g: newRNG(opts.Seed)}
	f.today = journal.DateOf(opts.Now.In(opts.Location))
	f.res.From, f.res.To = f.today.AddMonths(-opts.Months), f.today
	if err := f.accounts(ctx); err != nil {
		return Result{}, err
	}
	steps := []func(context.Context) error{f.centre, f.beneficiaries, f.days, f.workshops}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return f.res, err
		}
	}
	return f.res, nil
}

func (o Options) withDefaults() (Options, error) {
	if o.Months == 0 {
		o.Months = DefaultMonths
	}
	if o.Months < 1 || o.Months > MaxMonths {
		return o, failure.Errorf(failure.Invalid, "fill demo data", "months must be from 1 to %d, not %d", MaxMonths, o.Months)
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.Guides == nil {
		// The built-in library is checked by its tests; a guide that
		// fails to load is simply not visited.
		lib, _ := guide.Load(guide.Options{}, guide.Source{FS: assets.Files(), Dir: "guides", Name: "assets/guides", Builtin: true})
		o.Guides = lib.Guides()
	}
	if len(o.Guides) == 0 {
		return o, failure.Errorf(failure.Invalid, "fill demo data", "no guide to visit")
	}
	return o, nil
}

// filler holds the state of one fill.
type filler struct {
	s     Store
	opts  Options
	g     *rng
	today journal.Date
	res   Result

	mediators []int64
	named     []journal.Beneficiary // by consent date
	hard      map[string]int        // guide id → its hard step
	byID      map[string]*guide.Guide
}

// Demo accounts: two mediators, and a coordinator for a database with no
// account yet (so that someone can manage the centre).
var demoAccounts = []struct {
	name, display string
	role          account.Role
	onlyFirst     bool
}{
	{"demo-coordination", "Coordination (démo)", account.Coordinator, true},
	{"demo-camille", "Camille (démo)", account.Mediator, false},
	{"demo-karim", "Karim (démo)", account.Mediator, false},
}

func (f *filler) accounts(ctx context.Context) error {
	n, err := f.s.CountAccounts(ctx)
	if err != nil {
		return err
	}
	svc := &account.Service{Store: f.s, Audit: f.s, Now: func() time.Time { return f.opts.Now }}
	for _, a := range demoAccounts {
		if a.onlyFirst && n > 0 {
			continue
		}
		secret, err := newSecret()
		if err != nil {
			return failure.New(failure.Internal, "create demo account", err)
		}
		created, err := svc.Create(ctx, a.name, a.display, a.role, secret, 0)
		if failure.KindOf(err) == failure.Conflict {
			// The name is taken by an account without activity: use it,
			// its secret unchanged.
			existing, err := f.s.AccountByName(ctx, a.name)
			if err != nil {
				return err
			}
			if a.role == account.Mediator {
				f.mediators = append(f.mediators, existing.ID)
			}
			continue
		}
		if err != nil {
			return err
		}
		f.res.Accounts = append(f.res.Accounts, Credential{Name: a.name, DisplayName: a.display, Role: a.role, Secret: secret})
		if a.role == account.Mediator {
			f.mediators = append(f.mediators, created.ID)
		}
	}
	return nil
}

// newSecret returns a random passphrase of 4 groups of 4 letters and
// digits, which account.CheckSecret accepts (14 characters or more).
func newSecret() (string, error) {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	var out []byte
	for i, x := range b {
		if i > 0 && i%4 == 0 {
			out = append(out, '-')
		}
		out = append(out, alphabet[int(x)%len(alphabet)])
	}
	return string(out), nil
}

// mediator returns one of the demo mediators.
func (f *filler) mediator() int64 { return one(f.g, f.mediators) }

// days writes, for each opening day (Monday to Friday), the kiosk visits
// and the accompaniments of the day.
func (f *filler) days(ctx context.Context) error {
	for d := f.res.From; d.Before(f.res.To); d = d.AddDays(1) {
		wd := d.In(time.UTC).Weekday()
		if wd == time.Saturday || wd == time.Sunday || holiday(d) {
			continue
		}
		visits, err := f.kioskDay(ctx, d)
		if err != nil {
			return fmt.Errorf("demo visits of %s: %w", d, err)
		}
		if err := f.accompanimentsDay(ctx, d, visits); err != nil {
			return fmt.Errorf("demo accompaniments of %s: %w", d, err)
		}
	}
	return nil
}

// holiday reports whether the centre is closed on d: public holidays
// with a fixed date, and the first three weeks of August.
func holiday(d journal.Date) bool {
	switch {
	case d.Month == time.August && d.Day <= 21:
		return true
	case d.Month == time.January && d.Day == 1, d.Month == time.May && (d.Day == 1 || d.Day == 8),
		d.Month == time.July && d.Day == 14, d.Month == time.August && d.Day == 15,
		d.Month == time.November && (d.Day == 1 || d.Day == 11), d.Month == time.December && d.Day == 25:
		return true
	}
	return false
}

// season returns how busy a month is, 100 being usual: the start of the
// school year and the tax declarations bring people, summer keeps them
// away.
func season(m time.Month) int {
	switch m {
	case time.September, time.October, time.January:
		return 120
	case time.April, time.May, time.June:
		return 115
	case time.July, time.August, time.December:
		return 70
	}
	return 100
}

// centre names the demo centre in the settings, where they name none yet:
// its name, its activity place (the accompaniments'), its commune (where
// most people come from). The mediator space otherwise opens on « the
// centre's name or its places are missing ».
func (f *filler) centre(ctx context.Context) error {
	st, err := f.s.LoadSettings(ctx)
	if err != nil {
		return err
	}
	if st.CentreName != "" || len(st.Places) > 0 {
		return nil
	}
	st.CentreName, st.Places = centre+" (démo)", []string{centre}
	st.DefaultCommune, st.PostalCode = "Villeurbanne", "69100"
	return f.s.SaveSettings(ctx, st)
}
