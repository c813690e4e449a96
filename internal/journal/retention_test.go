package journal_test

import (
	"testing"
	"time"

	"pasapas/internal/journal"
)

func TestRetention_Due(t *testing.T) {
	now := time.Date(2026, 3, 15, 8, 0, 0, 0, time.UTC)
	active := func(d journal.Date) journal.Beneficiary {
		b := validBeneficiary()
		b.LastActivity = d
		return b
	}
	erased := active(journal.NewDate(2020, 1, 1)).Erase(now)
	for _, tc := range []struct {
		name   string
		months int
		b      journal.Beneficiary
		want   bool
	}{
		{"default, exactly 24 months", 0, active(journal.NewDate(2024, 3, 15)), false},
		{"default, a day more", 0, active(journal.NewDate(2024, 3, 14)), true},
		{"24 months set", 24, active(journal.NewDate(2024, 3, 14)), true},
		{"12 months, 13 months ago", 12, active(journal.NewDate(2025, 2, 15)), true},
		{"12 months, 11 months ago", 12, active(journal.NewDate(2025, 4, 15)), false},
		{"36 is capped to 24", 36, active(journal.NewDate(2024, 3, 14)), true},
		{"negative is the default", -5, active(journal.NewDate(2024, 3, 15)), false},
		{"active today", 1, active(journal.NewDate(2026, 3, 15)), false},
		{"no known activity", 24, active(journal.Date{}), true},
		{"already erased", 24, erased, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := journal.Retention{Months: tc.months}
			if got := r.Due(tc.b, now); got != tc.want {
				t.Errorf("Got(%q) = %v, want %v (cutoff %v)", "Due", got, tc.want, r.Cutoff(now))
			}
		})
	}
	due := journal.Retention{}.DueBeneficiaries([]journal.Beneficiary{
		active(journal.NewDate(2023, 1, 1)), active(journal.NewDate(2026, 1, 1)), erased,
	}, now)
	if len(due) != 1 || due[0].LastActivity != journal.NewDate(2023, 1, 1) {
		t.Errorf("Got(%q) = %+v, want the one inactive since 2023", "DueBeneficiaries", due)
	}
}

func TestRetention_Cutoff(t *testing.T) {
	// The cutoff is the day in now's location.
	paris := time.FixedZone("Paris", 3600)
	now := time.Date(2026, 2, 28, 23, 30, 0, 0, time.UTC).In(paris) // 1 March in Paris
	if got := (journal.Retention{Months: 24}).Cutoff(now); got != journal.NewDate(2024, 3, 1) {
		t.Errorf("Got(%q) = %v, want 2024-03-01", "Cutoff", got)
	}
	// 31 May minus 3 months is the last day of February.
	if got := (journal.Retention{Months: 3}).Cutoff(time.Date(2026, 5, 31, 12, 0, 0, 0, time.UTC)); got != journal.NewDate(2026, 2, 28) {
		t.Errorf("Got(%q) = %v, want 2026-02-28", "Cutoff", got)
	}
}

func TestRetention_Validate(t *testing.T) {
	for _, tc := range []struct {
		months int
		want   []journal.Problem
	}{
		{0, nil},
		{1, nil},
		{24, nil},
		{25, []journal.Problem{p("retention", "retention.range")}},
		{-1, []journal.Problem{p("retention", "retention.range")}},
	} {
		checkProblems(t, "Validate", journal.Retention{Months: tc.months}.Validate(), tc.want)
	}
}
