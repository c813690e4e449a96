package journal

import (
	"fmt"
	"time"
)

// Durations are whole minutes (the tool's duree). The form offers presets
// and a custom duration of 0–23 hours and 0–59 minutes.
const (
	MinDuration = 1
	MaxDuration = 23*60 + 59
)

// DurationPresets returns the preset durations in minutes, in display
// order: 15, 30, 45, 60, 90 and 120. Any other duration is "Personnaliser".
func DurationPresets() []int { return []int{15, 30, 45, 60, 90, 120} }

// IsPreset reports whether minutes is one of DurationPresets.
func IsPreset(minutes int) bool {
	for _, p := range DurationPresets() {
		if p == minutes {
			return true
		}
	}
	return false
}

// DurationLabel returns a French label for a duration: "45 min", "1 h",
// "1 h 30".
func DurationLabel(minutes int) string {
	h, m := minutes/60, minutes%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	default:
		return fmt.Sprintf("%d h %02d", h, m)
	}
}

// RoundUpToPreset returns the smallest preset at least d long. A duration
// of zero or less gives the smallest preset; one longer than the largest
// preset is rounded up to the next quarter of an hour, at most MaxDuration.
func RoundUpToPreset(d time.Duration) int {
	minutes := int((d + time.Minute - 1) / time.Minute)
	for _, p := range DurationPresets() {
		if minutes <= p {
			return p
		}
	}
	return min((minutes+14)/15*15, MaxDuration)
}

// DurationBucket is a duration range of the tool's statistics. Its codes
// are the tool's keys.
type DurationBucket string

// Duration buckets; each holds durations d with min ≤ d < max.
const (
	DurationUnder30    DurationBucket = "30"   // [0, 30)
	Duration30To60     DurationBucket = "60"   // [30, 60)
	Duration60To120    DurationBucket = "120"  // [60, 120)
	Duration120AndMore DurationBucket = "more" // [120, ∞)
)

var durationBuckets = newEnum("duration", []entry[DurationBucket]{
	{DurationUnder30, "Moins de 30 min"},
	{Duration30To60, "30min à 1 h"},
	{Duration60To120, "1 h à 2 h"},
	{Duration120AndMore, "2 h et plus"},
})

// DurationBuckets returns the statistics buckets from the shortest.
func DurationBuckets() []DurationBucket { return durationBuckets.all() }

// BucketOf returns the bucket of a duration in minutes: 30 is in
// "30min à 1 h", 60 in "1 h à 2 h", 120 in "2 h et plus".
func BucketOf(minutes int) DurationBucket {
	switch {
	case minutes < 30:
		return DurationUnder30
	case minutes < 60:
		return Duration30To60
	case minutes < 120:
		return Duration60To120
	default:
		return Duration120AndMore
	}
}

// Code returns the tool's key. Label returns the French label. MessageID
// returns "cra.duration.<code>". Valid reports whether b is a known key.
func (b DurationBucket) Code() string      { return string(b) }
func (b DurationBucket) Label() string     { return durationBuckets.label(b) }
func (b DurationBucket) MessageID() string { return durationBuckets.messageID(b) }
func (b DurationBucket) Valid() bool       { return durationBuckets.valid(b) }
