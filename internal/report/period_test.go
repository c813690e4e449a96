package report_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
)

func d(y int, m time.Month, dd int) journal.Date { return journal.NewDate(y, m, dd) }

func TestPresetPeriod(t *testing.T) {
	tests := []struct {
		preset   report.Preset
		today    journal.Date
		from, to journal.Date
	}{
		{report.ThisMonth, d(2026, 3, 20), d(2026, 3, 1), d(2026, 4, 1)},
		{report.ThisMonth, d(2026, 12, 31), d(2026, 12, 1), d(2027, 1, 1)},
		{report.LastMonth, d(2026, 3, 31), d(2026, 2, 1), d(2026, 3, 1)},
		{report.LastMonth, d(2026, 1, 1), d(2025, 12, 1), d(2026, 1, 1)},
		{report.ThisQuarter, d(2026, 1, 1), d(2026, 1, 1), d(2026, 4, 1)},
		{report.ThisQuarter, d(2026, 6, 30), d(2026, 4, 1), d(2026, 7, 1)},
		{report.ThisQuarter, d(2026, 11, 15), d(2026, 10, 1), d(2027, 1, 1)},
		{report.ThisYear, d(2024, 2, 29), d(2024, 1, 1), d(2025, 1, 1)},
		// Last quarter and last year across the year's end, and from a
		// leap day.
		{report.LastQuarter, d(2026, 1, 1), d(2025, 10, 1), d(2026, 1, 1)},
		{report.LastQuarter, d(2024, 2, 29), d(2023, 10, 1), d(2024, 1, 1)},
		{report.LastQuarter, d(2026, 3, 31), d(2025, 10, 1), d(2026, 1, 1)},
		{report.LastQuarter, d(2026, 4, 1), d(2026, 1, 1), d(2026, 4, 1)},
		{report.LastQuarter, d(2026, 12, 31), d(2026, 7, 1), d(2026, 10, 1)},
		{report.LastYear, d(2024, 2, 29), d(2023, 1, 1), d(2024, 1, 1)},
		{report.LastYear, d(2026, 1, 1), d(2025, 1, 1), d(2026, 1, 1)},
		{report.LastMonth, d(2024, 3, 31), d(2024, 2, 1), d(2024, 3, 1)},
	}
	for _, tt := range tests {
		t.Run(string(tt.preset)+" "+tt.today.String(), func(t *testing.T) {
			p, err := report.PresetPeriod(tt.preset, tt.today)
			want := report.Period{From: tt.from, To: tt.to, Preset: tt.preset}
			if err != nil || p != want {
				t.Errorf("Got(PresetPeriod(%s, %s)) = %+v, %v, want %+v", tt.preset, tt.today, p, err, want)
			}
			last := tt.preset == report.LastMonth || tt.preset == report.LastQuarter || tt.preset == report.LastYear
			if in := p.Contains(tt.today); in != !last {
				t.Errorf("Got(%+v.Contains(%s)) = %v, want %v", p, tt.today, in, !in)
			}
		})
	}
	for _, bad := range []report.Preset{report.Custom, "next_month", ""} {
		_, err := report.PresetPeriod(bad, d(2026, 3, 20))
		if !errors.Is(err, report.ErrUnknownPreset) || failure.KindOf(err) != failure.Invalid {
			t.Errorf("Got(PresetPeriod(%q)) = %v, want an Invalid ErrUnknownPreset", bad, err)
		}
	}
}

func TestPreset_Labels(t *testing.T) {
	tests := []struct {
		preset           report.Preset
		label, messageID string
	}{
		{report.ThisMonth, "Ce mois-ci", "report.period.this_month"},
		{report.LastMonth, "Le mois dernier", "report.period.last_month"},
		{report.ThisQuarter, "Ce trimestre", "report.period.this_quarter"},
		{report.LastQuarter, "Le trimestre dernier", "report.period.last_quarter"},
		{report.ThisYear, "Cette année", "report.period.this_year"},
		{report.LastYear, "L’année dernière", "report.period.last_year"},
		{report.Custom, "Dates choisies", "report.period.custom"},
	}
	for _, tt := range tests {
		if got := tt.preset.Label(); got != tt.label {
			t.Errorf("Got(%s.Label()) = %q, want %q", tt.preset, got, tt.label)
		}
		if got := tt.preset.MessageID(); got != tt.messageID {
			t.Errorf("Got(%s.MessageID()) = %q, want %q", tt.preset, got, tt.messageID)
		}
		if p, ok := report.ParsePreset(tt.preset.Code()); !ok || p != tt.preset {
			t.Errorf("Got(ParsePreset(%q)) = %q, %v, want %q, true", tt.preset.Code(), p, ok, tt.preset)
		}
	}
	want := []report.Preset{report.ThisMonth, report.LastMonth, report.ThisQuarter, report.LastQuarter,
		report.ThisYear, report.LastYear}
	if got := report.Presets(); !slices.Equal(got, want) {
		t.Errorf("Got(Presets()) = %v, want %v", got, want)
	}
}

// A period's label is an id and two days, for the interface to word; the
// last day of a leap February is the 29th.
func TestPeriod_Label(t *testing.T) {
	lastMonth, err := report.PresetPeriod(report.LastMonth, d(2024, 3, 15))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "PresetPeriod", err)
	}
	days, err := report.Days(d(2025, 12, 15), d(2026, 1, 14))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Days", err)
	}
	tests := []struct {
		name string
		p    report.Period
		want report.Label
	}{
		{"last month, leap February", lastMonth, report.Label{Preset: report.LastMonth,
			MessageID: "report.period.last_month", Fallback: "Le mois dernier", First: d(2024, 2, 1), Last: d(2024, 2, 29)}},
		{"two dates across the year's end", days, report.Label{Preset: report.Custom,
			MessageID: "report.period.custom", Fallback: "Dates choisies", First: d(2025, 12, 15), Last: d(2026, 1, 14)}},
		{"made by hand", report.Period{From: d(2026, 3, 1), To: d(2026, 3, 1)}, report.Label{Preset: report.Custom,
			MessageID: "report.period.custom", Fallback: "Dates choisies"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Label(); got != tt.want {
				t.Errorf("Got(%+v.Label()) = %+v, want %+v", tt.p, got, tt.want)
			}
		})
	}
}

func TestNewPeriod(t *testing.T) {
	tests := []struct {
		name     string
		from, to journal.Date
		ok       bool
		empty    bool
		last     journal.Date
	}{
		{"a month", d(2026, 3, 1), d(2026, 4, 1), true, false, d(2026, 3, 31)},
		{"one day", d(2026, 3, 1), d(2026, 3, 2), true, false, d(2026, 3, 1)},
		{"empty", d(2026, 3, 1), d(2026, 3, 1), true, true, journal.Date{}},
		{"reversed", d(2026, 3, 2), d(2026, 3, 1), false, false, journal.Date{}},
		{"no start", journal.Date{}, d(2026, 3, 1), false, false, journal.Date{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := report.NewPeriod(tt.from, tt.to)
			if !tt.ok {
				if !errors.Is(err, report.ErrPeriodOrder) || failure.KindOf(err) != failure.Invalid {
					t.Errorf("Got(NewPeriod(%s, %s)) = %v, want an Invalid ErrPeriodOrder", tt.from, tt.to, err)
				}
				return
			}
			if err != nil || p.Preset != report.Custom || p.Empty() != tt.empty || p.Last() != tt.last {
				t.Errorf("Got(NewPeriod(%s, %s)) = %+v (empty %v, last %s), %v, want empty %v, last %s",
					tt.from, tt.to, p, p.Empty(), p.Last(), err, tt.empty, tt.last)
			}
		})
	}
}

func TestDays(t *testing.T) {
	p, err := report.Days(d(2026, 3, 1), d(2026, 3, 31))
	if err != nil || p.From != d(2026, 3, 1) || p.To != d(2026, 4, 1) {
		t.Errorf("Got(Days(1 March, 31 March)) = %+v, %v, want [1 March, 1 April)", p, err)
	}
	if got, want := p.String(), "2026-03-01 – 2026-03-31"; got != want {
		t.Errorf("Got(String()) = %q, want %q", got, want)
	}
	if _, err := report.Days(d(2026, 3, 2), d(2026, 3, 1)); !errors.Is(err, report.ErrPeriodOrder) {
		t.Errorf("Got(Days(2 March, 1 March)) = %v, want ErrPeriodOrder", err)
	}
	one, err := report.Days(d(2026, 3, 1), d(2026, 3, 1))
	if err != nil || one.Empty() || !one.Contains(d(2026, 3, 1)) || one.Contains(d(2026, 3, 2)) {
		t.Errorf("Got(Days(1 March, 1 March)) = %+v, %v, want the day 1 March", one, err)
	}
}

// The bounds of the visits are midnights in the centre's time zone, not
// in UTC: around the change to summer time too.
func TestPeriod_Query(t *testing.T) {
	loc := paris(t)
	p, _ := report.NewPeriod(d(2026, 3, 1), d(2026, 4, 1))
	q := p.Query(loc)
	if want := time.Date(2026, 2, 28, 23, 0, 0, 0, time.UTC); !q.Start.Equal(want) {
		t.Errorf("Got(Query.Start) = %v, want %v", q.Start.UTC(), want)
	}
	if want := time.Date(2026, 3, 31, 22, 0, 0, 0, time.UTC); !q.End.Equal(want) {
		t.Errorf("Got(Query.End) = %v, want %v", q.End.UTC(), want)
	}
	if q.From != p.From || q.To != p.To {
		t.Errorf("Got(Query days) = %s, %s, want %s, %s", q.From, q.To, p.From, p.To)
	}
}

func TestBreakdown_Top(t *testing.T) {
	b := report.Breakdown{Total: 10, Counts: []report.Count{
		{Key: "a", Value: 4}, {Key: "b", Value: 3}, {Key: "c", Value: 2}, {Key: report.KeyUnknown, Value: 1}}}
	tests := []struct {
		n    int
		want []kv
	}{
		{0, []kv{{report.KeyOther, 9}, {report.KeyUnknown, 1}}},
		{1, []kv{{"a", 4}, {report.KeyOther, 5}, {report.KeyUnknown, 1}}},
		{2, []kv{{"a", 4}, {"b", 3}, {report.KeyOther, 2}, {report.KeyUnknown, 1}}},
		{3, []kv{{"a", 4}, {"b", 3}, {"c", 2}, {report.KeyUnknown, 1}}},
		{9, []kv{{"a", 4}, {"b", 3}, {"c", 2}, {report.KeyUnknown, 1}}},
	}
	for _, tt := range tests {
		got := b.Top(tt.n)
		if g := values(got); !equalKV(g, tt.want) || got.Total != 10 {
			t.Errorf("Got(Top(%d)) = %v (total %d), want %v (total 10)", tt.n, g, got.Total, tt.want)
		}
	}
	if other, _ := b.Top(1).Find(report.KeyOther); other.Label != "Autres" || other.MessageID != "report.other" {
		t.Errorf("Got(Top(1) other) = %+v, want Autres, report.other", other)
	}
	if got := b.Share(b.Counts[0]); got != 0.4 {
		t.Errorf("Got(Share(a)) = %v, want 0.4", got)
	}
	if got := b.Max(); got != 4 {
		t.Errorf("Got(Max()) = %d, want 4", got)
	}
}

func equalKV(a, b []kv) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
