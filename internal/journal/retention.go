package journal

import "time"

// Retention periods, in months after a beneficiary's last activity. The
// CNIL's reference for the social sector allows two years in the active
// base (délibération 2023-095); the national tool uses one.
const (
	DefaultRetentionMonths = 24
	MinRetentionMonths     = 1
	MaxRetentionMonths     = 24
)

// Retention is how long a named beneficiary is kept after their last
// activity before being anonymised (R8). The zero value is the default.
type Retention struct {
	Months int // 0 means DefaultRetentionMonths
}

// months returns the period in force: the default for 0, and at most
// MaxRetentionMonths whatever was set, so that a bad setting never keeps
// data longer than the law allows.
func (r Retention) months() int {
	switch {
	case r.Months <= 0:
		return DefaultRetentionMonths
	case r.Months > MaxRetentionMonths:
		return MaxRetentionMonths
	}
	return r.Months
}

// Validate checks a period a coordinator sets: 0 (the default) or from
// MinRetentionMonths to MaxRetentionMonths. It returns nil or a
// failure.Invalid error holding a *ValidationError.
func (r Retention) Validate() error {
	var ps problems
	if r.Months != 0 && (r.Months < MinRetentionMonths || r.Months > MaxRetentionMonths) {
		ps.add("retention", CodeRetentionRange)
	}
	return ps.err("validate retention")
}

// Cutoff returns the first day that still counts as recent on now's day
// (in now's location): a beneficiary whose last activity is before it is
// due for anonymisation. With 24 months on 15 March 2026 it is
// 15 March 2024.
func (r Retention) Cutoff(now time.Time) Date {
	return DateOf(now).AddMonths(-r.months())
}

// Due reports whether b is due for anonymisation on now: named, and last
// active before the cutoff.
func (r Retention) Due(b Beneficiary, now time.Time) bool {
	return !b.IsErased() && b.LastActivity.Before(r.Cutoff(now))
}

// DueBeneficiaries returns those of bs due for anonymisation on now.
func (r Retention) DueBeneficiaries(bs []Beneficiary, now time.Time) []Beneficiary {
	var out []Beneficiary
	for _, b := range bs {
		if r.Due(b, now) {
			out = append(out, b)
		}
	}
	return out
}
