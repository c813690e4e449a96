package report

import (
	"iter"

	"pasapas/internal/journal"
)

// Stream is the records of a period with its individual accompaniments
// read one at a time rather than held: what the activities export of a
// large period reads (a store's ReadStream), so that its memory does not
// grow with their number.
type Stream struct {
	// Data is the period's records but the individual accompaniments and
	// the kiosk visits (Data.Accompaniments and Data.Visits are nil); its
	// Beneficiaries and Earlier are those of every accompaniment.
	Data Data
	// Count is how many individual accompaniments are dated in the
	// period, and LongestText the most LongestText gives for one of them.
	Count       int
	LongestText int
	// Accompaniments yields them by date then id, from the same snapshot
	// as Data, reading each as it is asked for. A read error is yielded
	// once, and ends it. It may be ranged over more than once, only while
	// the read that gave the Stream lasts.
	Accompaniments iter.Seq2[journal.Accompaniment, error]
}

// LongestText returns the length in bytes of the longest free text of
// a: its place's name, commune or postal code, its procedure, its notes,
// its person's commune or postal code, or its tags joined by ", ". What
// is left (the labels of its codes) has a known length: an export that
// cuts long texts need read again only what may be that long.
func LongestText(a journal.Accompaniment) int {
	n := max(len(a.Place.Name), len(a.Place.Commune), len(a.Place.PostalCode), len(a.Procedure), len(a.Notes),
		len(a.Person.Commune), len(a.Person.PostalCode))
	tags := 0
	for i, t := range a.Tags {
		if i > 0 {
			tags += 2
		}
		tags += len(t)
	}
	return max(n, tags)
}
