package sqlite_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/visit"
)

// TestDB_ReadStream: the stream of a period holds what ReportData reads
// but the kiosk visits, its accompaniments yielded one at a time in the
// same order and the same as ReportData's, as often as they are asked
// for, with their count and their longest text; an accompaniment saved
// while the stream is read is not in it.
func TestDB_ReadStream(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	zoe := saveBeneficiary(t, db, namedBeneficiary(mediator))
	for i, d := range []journal.Date{day(2026, 3, 5), day(2026, 2, 10), day(2026, 3, 1), day(2026, 3, 5), day(2026, 4, 1)} {
		a := anonymousAccompaniment(mediator, d)
		if i == 0 {
			a.BeneficiaryID = zoe.ID
			a.Tags = []string{strings.Repeat("t", 40), strings.Repeat("u", 40)} // 82 bytes joined
			a.Notes = "Une note « courte »."
			a.Equipment = []journal.Equipment{journal.EquipmentTablette, journal.EquipmentOrdinateur}
		}
		saveAccompaniment(t, db, a)
	}
	w := saveWorkshop(t, db, workshopFor(mediator, day(2026, 3, 25), 2))
	if err := db.SaveVisit(ctx, visit.Visit{Key: "v", Started: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		Updated: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), Lang: "fr", MaxTextSize: 1}); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
	}
	q := report.Query{From: day(2026, 3, 1), To: day(2026, 4, 1),
		Start: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}
	want, err := db.ReportData(ctx, q)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReportData", err)
	}
	err = db.ReadStream(ctx, q, func(st report.Stream) error {
		if st.Count != 3 || st.LongestText != 82 {
			t.Errorf("Got(Count, LongestText) = %d, %d, want 3, 82", st.Count, st.LongestText)
		}
		if st.Data.Accompaniments != nil || st.Data.Visits != nil || len(st.Data.Workshops) != 1 ||
			st.Data.Workshops[0].ID != w.ID || !reflect.DeepEqual(st.Data.Beneficiaries, want.Beneficiaries) ||
			!reflect.DeepEqual(st.Data.Marks, want.Marks) || !reflect.DeepEqual(st.Data.Earlier, want.Earlier) {
			t.Errorf("Got(Stream.Data) = %+v, want ReportData's %+v without accompaniments and visits", st.Data, want)
		}
		// Saved now, on the writer: not in the snapshot read.
		saveAccompaniment(t, db, anonymousAccompaniment(mediator, day(2026, 3, 2)))
		for range 2 {
			var got []journal.Accompaniment
			for a, err := range st.Accompaniments {
				if err != nil {
					t.Fatalf("Got(Accompaniments) error %v, want none", err)
				}
				got = append(got, a)
			}
			if !reflect.DeepEqual(got, want.Accompaniments) {
				t.Errorf("Got(Accompaniments) = %+v, want ReportData's %+v", got, want.Accompaniments)
			}
		}
		for range st.Accompaniments {
			break // stopping early closes the statement
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Got(ReadStream) = %v, want nil error", err)
	}
	// fn's error comes back as it is; the reader is free again.
	stop := errors.New("stop")
	for range 6 {
		if err := db.ReadStream(ctx, q, func(report.Stream) error { return stop }); err != stop {
			t.Fatalf("Got(ReadStream) = %v, want fn's error", err)
		}
	}
	// A read cut short by its context is a read error with a kind, given
	// by the accompaniments.
	cctx, cancel := context.WithCancel(ctx)
	err = db.ReadStream(cctx, q, func(st report.Stream) error {
		cancel()
		for _, err := range st.Accompaniments {
			if err != nil {
				return err
			}
		}
		return errors.New("no error from a cancelled read")
	})
	if err == nil || failure.KindOf(err) == "" || !errors.Is(err, context.Canceled) {
		t.Errorf("Got(ReadStream cancelled) = %v (kind %q), want context.Canceled with a kind", err, failure.KindOf(err))
	}
}
