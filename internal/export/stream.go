package export

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
)

// StreamSource is a Source that also reads a period with its individual
// accompaniments one at a time (report.Stream): the activities export of
// a large period is then written without holding them all.
// *sqlite.DB implements it.
type StreamSource interface {
	Source
	// ReadStream reads q in one read snapshot and calls fn with it while
	// the snapshot lasts; fn's error is returned as it is.
	ReadStream(ctx context.Context, q report.Query, fn func(report.Stream) error) error
}

// ReadActivities reads period p from src for the activities export s
// (Spec.What is WhatActivities; funders' or Detailed) and calls write
// with its table while the read lasts: the individual accompaniments are
// read as the table's rows are, one at a time, so that memory does not
// grow with their number. The table is the one Activities or
// DetailedActivities makes of LoadFor's Data (names only read when
// detailed), but its Rows can be read only during write. It returns the
// table's Count, the rows the file holds.
//
// write's error is returned as it is. Errors of reading are src's (with a
// failure kind), failure.Invalid for another export than activities or a
// period that ends before it starts; a read error that ends the rows part
// way is returned after write, whose file then lacks rows.
func ReadActivities(ctx context.Context, src StreamSource, s Spec, p report.Period, today journal.Date,
	loc *time.Location, h Header, write func(Table) error) (rows int, err error) {
	const op = "export activities"
	if s.What != WhatActivities {
		return 0, failure.New(failure.Invalid, op, fmt.Errorf("%w %q: only activities are read as a stream", ErrUnknownWhat, s.What))
	}
	if p.From.IsZero() || p.To.Before(p.From) {
		return 0, failure.New(failure.Invalid, op, report.ErrPeriodOrder)
	}
	if loc == nil {
		loc = time.Local
	}
	mediators, err := mediatorNames(ctx, src)
	if err != nil {
		return 0, err
	}
	err = src.ReadStream(ctx, p.Query(loc), func(st report.Stream) error {
		st.Data.Period = p
		d := Data{Data: st.Data, Today: today, Mediators: mediators, People: map[int64]string{}}
		if s.Detailed {
			// The period's named beneficiaries: those of its
			// accompaniments and of its workshops.
			var err error
			if d.People, err = peopleNames(ctx, src, slices.Collect(maps.Keys(st.Data.Beneficiaries))); err != nil {
				return err
			}
		}
		var readErr error
		r := activityRecords{d: d, each: st.Accompaniments, count: st.Count, err: &readErr,
			longest: func() int { return max(st.LongestText, maxLabelsLen()) }}
		h.Internal = s.Detailed
		t := r.table(h, s.Detailed)
		rows = t.Count
		if err := write(t); err != nil {
			return err
		}
		return readErr
	})
	return rows, err
}

// maxLabelsLen is labelsLen of an accompaniment with every theme and
// every equipment: the most a stored one has, its codes being unique.
func maxLabelsLen() int {
	return labelsLen(journal.Accompaniment{Themes: journal.DigitalThemes(), AdminThemes: journal.AdminThemes(),
		Equipment: journal.Equipments()})
}
