package journal_test

import (
	"testing"
	"time"

	"pasapas/internal/journal"
)

func TestDate_AddMonths(t *testing.T) {
	for _, tc := range []struct {
		from journal.Date
		n    int
		want journal.Date
	}{
		{journal.NewDate(2026, 3, 15), -24, journal.NewDate(2024, 3, 15)},
		{journal.NewDate(2026, 3, 31), -1, journal.NewDate(2026, 2, 28)},
		{journal.NewDate(2024, 3, 31), -1, journal.NewDate(2024, 2, 29)},
		{journal.NewDate(2026, 2, 29), 0, journal.NewDate(2026, 3, 1)}, // NewDate normalises
		{journal.NewDate(2025, 12, 31), 2, journal.NewDate(2026, 2, 28)},
		{journal.NewDate(2026, 1, 15), -13, journal.NewDate(2024, 12, 15)},
	} {
		if got := tc.from.AddMonths(tc.n); got != tc.want {
			t.Errorf("Got(%q) = %v, want %v", tc.from.String()+" AddMonths", got, tc.want)
		}
	}
}

func TestDate_Compare(t *testing.T) {
	a, b := journal.NewDate(2026, 3, 9), journal.NewDate(2026, 3, 10)
	if !a.Before(b) || b.Before(a) || !b.After(a) || a.Compare(a) != 0 {
		t.Errorf("Got(%q) = wrong order, want %v before %v", "Compare", a, b)
	}
	if !(journal.Date{}).Before(a) {
		t.Errorf("Got(%q) = false, want the zero date first", "zero.Before")
	}
	if got := journal.NewDate(2026, 12, 31).AddDays(1); got != journal.NewDate(2027, 1, 1) {
		t.Errorf("Got(%q) = %v, want 2027-01-01", "AddDays", got)
	}
}

func TestDate_String(t *testing.T) {
	d := journal.NewDate(2026, 3, 9)
	if got := d.String(); got != "2026-03-09" {
		t.Errorf("Got(%q) = %q, want %q", "String", got, "2026-03-09")
	}
	back, err := journal.ParseDate("2026-03-09")
	if err != nil || back != d {
		t.Errorf("Got(%q) = %v, %v, want %v", "ParseDate", back, err, d)
	}
	if z, err := journal.ParseDate(""); err != nil || !z.IsZero() || z.String() != "" {
		t.Errorf("Got(%q) = %v, %v, want the zero date", "ParseDate(\"\")", z, err)
	}
	if _, err := journal.ParseDate("09/03/2026"); err == nil {
		t.Errorf("Got(%q) = nil error, want an error", "ParseDate(09/03/2026)")
	}
	// DateOf takes the day in the time's own location.
	paris := time.FixedZone("Paris", 3600)
	late := time.Date(2026, 3, 9, 23, 30, 0, 0, time.UTC)
	if got := journal.DateOf(late.In(paris)); got != journal.NewDate(2026, 3, 10) {
		t.Errorf("Got(%q) = %v, want 2026-03-10", "DateOf(Paris)", got)
	}
	if got := journal.DateOf(time.Time{}); !got.IsZero() {
		t.Errorf("Got(%q) = %v, want zero", "DateOf(zero)", got)
	}
}

func TestTimeOfDay(t *testing.T) {
	for _, tc := range []struct {
		t     journal.TimeOfDay
		valid bool
		str   string
	}{
		{journal.TimeOfDay{Hour: 14, Minute: 5}, true, "14:05"},
		{journal.TimeOfDay{}, true, "00:00"},
		{journal.TimeOfDay{Hour: 23, Minute: 59}, true, "23:59"},
		{journal.TimeOfDay{Hour: 24}, false, "24:00"},
		{journal.TimeOfDay{Minute: 60}, false, "00:60"},
		{journal.TimeOfDay{Hour: -1}, false, "-1:00"},
	} {
		if tc.t.Valid() != tc.valid || tc.t.String() != tc.str {
			t.Errorf("Got(%q) = %v, want valid=%v", tc.t.String(), tc.t.Valid(), tc.valid)
		}
		if tc.valid && journal.TimeOfDayFromMinutes(tc.t.Minutes()) != tc.t {
			t.Errorf("Got(%q) = %v, want a round trip", "TimeOfDayFromMinutes", journal.TimeOfDayFromMinutes(tc.t.Minutes()))
		}
	}
}
