package journal_test

import (
	"testing"
	"time"

	"pasapas/internal/journal"
)

func TestRoundUpToPreset(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want int
	}{
		{0, 15},
		{-time.Minute, 15},
		{time.Second, 15},
		{15 * time.Minute, 15},
		{15*time.Minute + time.Second, 30},
		{31 * time.Minute, 45},
		{46 * time.Minute, 60},
		{61 * time.Minute, 90},
		{119 * time.Minute, 120},
		{120 * time.Minute, 120},
		{121 * time.Minute, 135},
		{150 * time.Minute, 150},
		{48 * time.Hour, journal.MaxDuration},
	} {
		if got := journal.RoundUpToPreset(tc.d); got != tc.want {
			t.Errorf("Got(%q) = %d, want %d", tc.d.String(), got, tc.want)
		}
	}
}

func TestBucketOf(t *testing.T) {
	for _, tc := range []struct {
		minutes int
		want    journal.DurationBucket
	}{
		{1, journal.DurationUnder30},
		{29, journal.DurationUnder30},
		{30, journal.Duration30To60},
		{59, journal.Duration30To60},
		{60, journal.Duration60To120},
		{119, journal.Duration60To120},
		{120, journal.Duration120AndMore},
		{600, journal.Duration120AndMore},
	} {
		if got := journal.BucketOf(tc.minutes); got != tc.want {
			t.Errorf("Got(%q) = %v, want %v", "BucketOf", got, tc.want)
		}
	}
}

func TestDurationPresets(t *testing.T) {
	want := []int{15, 30, 45, 60, 90, 120}
	got := journal.DurationPresets()
	if len(got) != len(want) {
		t.Fatalf("Got(%q) = %v, want %v", "DurationPresets", got, want)
	}
	for i := range want {
		if got[i] != want[i] || !journal.IsPreset(want[i]) {
			t.Errorf("Got(%q) = %v, want %v", "DurationPresets", got, want)
		}
	}
	if journal.IsPreset(20) {
		t.Errorf("Got(%q) = true, want false", "IsPreset(20)")
	}
	for m, want := range map[int]string{45: "45 min", 60: "1 h", 90: "1 h 30", 125: "2 h 05"} {
		if got := journal.DurationLabel(m); got != want {
			t.Errorf("Got(%q) = %q, want %q", "DurationLabel", got, want)
		}
	}
}
