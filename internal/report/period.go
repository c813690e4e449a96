package report

import (
	"fmt"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
)

var presetLabels = map[Preset]string{
	ThisMonth:   "Ce mois-ci",
	LastMonth:   "Le mois dernier",
	ThisQuarter: "Ce trimestre",
	LastQuarter: "Le trimestre dernier",
	ThisYear:    "Cette année",
	LastYear:    "L’année dernière",
	Custom:      "Dates choisies",
}

// Presets returns the presets offered, in display order (Custom, the
// choice of two dates, is not among them).
func Presets() []Preset {
	return []Preset{ThisMonth, LastMonth, ThisQuarter, LastQuarter, ThisYear, LastYear}
}

// ParsePreset returns the preset with code s, Custom included, and whether
// it is one.
func ParsePreset(s string) (Preset, bool) {
	p := Preset(s)
	return p, p.Valid()
}

// Code returns the stable id ("this_month"). Label returns the French
// label ("Ce mois-ci"). MessageID returns "report.period.<code>". Valid
// reports whether p is a known preset or Custom.
func (p Preset) Code() string      { return string(p) }
func (p Preset) Label() string     { return presetLabels[p] }
func (p Preset) MessageID() string { return "report.period." + string(p) }
func (p Preset) Valid() bool       { _, ok := presetLabels[p]; return ok }

// PresetPeriod returns the period of preset p relative to today: this
// month and this quarter and this year run to their last day, including
// the days after today; last month, last quarter and last year are the
// whole calendar month, quarter (January–March, April–June, July–September,
// October–December) or year before the one holding today. Custom or an unknown preset gives an error of
// kind failure.Invalid wrapping ErrUnknownPreset.
func PresetPeriod(p Preset, today journal.Date) (Period, error) {
	first := journal.NewDate(today.Year, today.Month, 1)
	var from journal.Date
	months := 1
	switch p {
	case ThisMonth:
		from = first
	case LastMonth:
		from = first.AddMonths(-1)
	case ThisQuarter, LastQuarter:
		from = journal.NewDate(today.Year, (today.Month-1)/3*3+1, 1)
		months = 3
		if p == LastQuarter {
			from = from.AddMonths(-3)
		}
	case ThisYear, LastYear:
		from = journal.NewDate(today.Year, time.January, 1)
		months = 12
		if p == LastYear {
			from = from.AddMonths(-12)
		}
	default:
		return Period{}, failure.New(failure.Invalid, "report period", fmt.Errorf("%w %q", ErrUnknownPreset, p))
	}
	return Period{From: from, To: from.AddMonths(months), Preset: p}, nil
}

// NewPeriod returns the Custom period [from, to). A to before from gives
// an error of kind failure.Invalid wrapping ErrPeriodOrder; from == to is
// an empty period.
func NewPeriod(from, to journal.Date) (Period, error) {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return Period{}, failure.New(failure.Invalid, "report period",
			fmt.Errorf("%w: from %s to %s", ErrPeriodOrder, from, to))
	}
	return Period{From: from, To: to, Preset: Custom}, nil
}

// Days returns the Custom period from first to last, both included, as a
// person picks it ("du 1er au 31 mars"): [first, last+1). A last before
// first gives an error of kind failure.Invalid wrapping ErrPeriodOrder.
func Days(first, last journal.Date) (Period, error) {
	if first.IsZero() || last.IsZero() || last.Before(first) {
		return Period{}, failure.New(failure.Invalid, "report period",
			fmt.Errorf("%w: from %s to %s", ErrPeriodOrder, first, last))
	}
	return Period{From: first, To: last.AddDays(1), Preset: Custom}, nil
}

// Last returns the last day of the period (the day before To), or the
// zero Date for an empty period.
func (p Period) Last() journal.Date {
	if !p.From.Before(p.To) {
		return journal.Date{}
	}
	return p.To.AddDays(-1)
}

// Contains reports whether day d is in the period.
func (p Period) Contains(d journal.Date) bool { return !d.Before(p.From) && d.Before(p.To) }

// Empty reports whether the period holds no day.
func (p Period) Empty() bool { return !p.From.Before(p.To) }

// String returns "2026-03-01 – 2026-03-31" (first and last day), or
// "2026-03-01 – (vide)" for an empty period.
func (p Period) String() string {
	if p.Empty() {
		return p.From.String() + " – (vide)"
	}
	return p.From.String() + " – " + p.Last().String()
}

// Query returns what a Source reads for the period: its days, and for
// kiosk visits the instants from midnight starting From to midnight
// starting To in loc (nil is time.Local), so that a visit at 23:59:59 on
// the last day is in and one at midnight the next day is out.
func (p Period) Query(loc *time.Location) Query {
	if loc == nil {
		loc = time.Local
	}
	return Query{From: p.From, To: p.To, Start: p.From.In(loc), End: p.To.In(loc)}
}

// Label is what a screen or a file shows to name a period, for the
// interface to localize: the message id of the preset's name ("Le
// trimestre dernier", "Dates choisies"), its French fallback, and the
// first and last days the name stands for ("du 1er octobre au 31 décembre
// 2025"). It holds no sentence of its own.
type Label struct {
	Preset    Preset
	MessageID string // "report.period.last_quarter"
	Fallback  string // "Le trimestre dernier"
	// First and Last are the first and last days, both included; both
	// zero for an empty period.
	First, Last journal.Date
}

// Label returns the label of p. A period made by hand (the zero Preset) is
// labelled as Custom.
func (p Period) Label() Label {
	pr := p.Preset
	if !pr.Valid() {
		pr = Custom
	}
	l := Label{Preset: pr, MessageID: pr.MessageID(), Fallback: pr.Label(), Last: p.Last()}
	if !p.Empty() {
		l.First = p.From
	}
	return l
}
