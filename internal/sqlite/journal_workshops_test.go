package sqlite_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/sqlite"
)

func TestDB_SaveWorkshop(t *testing.T) {
	ctx := context.Background()
	db, _, now, mediator := openJournal(t)
	ben := saveBeneficiary(t, db, namedBeneficiary(mediator))
	w := workshopFor(mediator, day(2026, 3, 2), 6)
	w.Participants = []int64{ben.ID}
	w.Tags = []string{"tablette"}
	got := saveWorkshop(t, db, w)

	want := w.Normalize()
	want.ID, want.Created, want.Updated = got.ID, journalClock, journalClock
	for i := range want.Sessions {
		want.Sessions[i].ID = got.Sessions[i].ID
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Got(%q) = %+v, want %+v", "SaveWorkshop()", got, want)
	}
	if len(got.Sessions) != 6 || got.Sessions[5].Date != day(2026, 4, 6) {
		t.Errorf("Got(%q) = %+v, want 6 weekly sessions to 6 April", "Sessions", got.Sessions)
	}
	if n := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM workshop_participants WHERE workshop_id = ?", got.ID); n != 4 {
		t.Errorf("Got(%q) = %d, want 4 (1 named + 3 anonymous)", "count(workshop_participants)", n)
	}

	// Attendance at the first two sessions.
	first, second := got.Sessions[0].ID, got.Sessions[1].ID
	marks := []journal.Mark{
		{Participant: journal.Participant{BeneficiaryID: ben.ID}, Presence: journal.Present},
		{Participant: journal.Participant{Anonymous: 1}, Presence: journal.Present},
		{Participant: journal.Participant{Anonymous: 2}, Presence: journal.Excused},
		{Participant: journal.Participant{Anonymous: 3}, Presence: journal.Absent},
	}
	for _, s := range []int64{first, second} {
		if err := db.SetAttendance(ctx, s, marks); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SetAttendance", err)
		}
	}
	// A second call replaces a mark.
	if err := db.SetAttendance(ctx, second, []journal.Mark{{Participant: journal.Participant{Anonymous: 3},
		Presence: journal.Present}}); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SetAttendance(again)", err)
	}
	att, err := db.WorkshopAttendance(ctx, got.ID)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WorkshopAttendance", err)
	}
	if len(att) != 8 || att[0].SessionID != first || att[0].Participant.BeneficiaryID != ben.ID ||
		att[7] != (journal.Mark{SessionID: second, Participant: journal.Participant{Anonymous: 3}, Presence: journal.Present}) {
		t.Errorf("Got(%q) = %+v, want 8 marks, first session first, named first, the replaced mark last", "WorkshopAttendance", att)
	}

	t.Run("attendance errors", func(t *testing.T) {
		err := db.SetAttendance(ctx, second, []journal.Mark{{Participant: journal.Participant{Anonymous: 4}, Presence: journal.Present}})
		wantProblem(t, "SetAttendance", err, "marks[0]", journal.CodeParticipantUnknown)
		err = db.SetAttendance(ctx, second, []journal.Mark{{Participant: journal.Participant{Anonymous: 1}, Presence: "late"}})
		wantProblem(t, "SetAttendance", err, "marks[0]", journal.CodePresenceInvalid)
		err = db.SetAttendance(ctx, 9999, marks)
		if got := failure.KindOf(err); got != failure.NotFound {
			t.Errorf("Got(%q) = %v, want %v (error: %v)", "KindOf(SetAttendance(unknown session))", got, failure.NotFound, err)
		}
	})

	t.Run("edit keeps attendance of kept sessions", func(t *testing.T) {
		// The first session has marks: it is cancelled before it is dropped.
		cancel := got
		cancel.Sessions = slices.Clone(got.Sessions)
		cancel.Sessions[0].Cancelled = true
		got = saveWorkshop(t, db, cancel)
		*now = journalClock.Add(time.Hour)
		edit := got
		edit.Sessions = edit.Sessions[1:]                    // drop the first session
		edit.Sessions[0].Start = journal.TimeOfDay{Hour: 15} // move the second
		edit.Anonymous.Total = 2                             // drop "anonyme 3"
		edit.Anonymous.Genders = map[journal.Gender]int{journal.GenderFeminin: 2}
		saved := saveWorkshop(t, db, edit)
		if len(saved.Sessions) != 5 || saved.Sessions[0].ID != second || saved.Sessions[0].Start.Hour != 15 {
			t.Errorf("Got(%q) = %+v, want 5 sessions, the second kept and moved", "Sessions", saved.Sessions)
		}
		if !saved.Updated.Equal(*now) || !saved.Created.Equal(journalClock) {
			t.Errorf("Got(%q) = %v/%v, want %v/%v", "Created/Updated", saved.Created, saved.Updated, journalClock, *now)
		}
		att, err := db.WorkshopAttendance(ctx, got.ID)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "WorkshopAttendance", err)
		}
		if len(att) != 3 {
			t.Errorf("Got(%q) = %+v, want the 3 marks left of the second session", "WorkshopAttendance", att)
		}
		bad := saved
		bad.Sessions = append(bad.Sessions, journal.Session{ID: first, Date: day(2026, 5, 1), DurationMinutes: 60})
		_, err = db.SaveWorkshop(ctx, bad)
		wantProblem(t, "SaveWorkshop", err, "sessions[5]", journal.CodeWorkshopSessionUnknown)
	})

	t.Run("invalid", func(t *testing.T) {
		bad := workshopFor(mediator, day(2026, 3, 2), 1)
		bad.Anonymous = journal.AnonymousCounts{}
		_, err := db.SaveWorkshop(ctx, bad)
		wantProblem(t, "SaveWorkshop", err, "participants", journal.CodeParticipantsRequired)
		bad.Participants = []int64{4242}
		_, err = db.SaveWorkshop(ctx, bad)
		wantProblem(t, "SaveWorkshop", err, "participants", journal.CodeBeneficiaryNotFound)
	})

	t.Run("delete", func(t *testing.T) {
		if err := db.DeleteWorkshop(ctx, got.ID); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "DeleteWorkshop", err)
		}
		for _, table := range []string{"workshop_sessions", "workshop_participants", "attendance", "workshop_themes", "workshop_tags"} {
			if n := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM "+table); n != 0 {
				t.Errorf("Got(%q) = %d, want 0 (cascade)", "count("+table+")", n)
			}
		}
		if n := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM beneficiaries"); n != 1 {
			t.Errorf("Got(%q) = %d, want 1 (the beneficiary stays)", "count(beneficiaries)", n)
		}
	})
}

func TestDB_UpcomingWorkshops(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	today := day(2026, 3, 15)
	past := saveWorkshop(t, db, workshopFor(mediator, day(2026, 1, 5), 2))    // 5 and 12 January
	older := saveWorkshop(t, db, workshopFor(mediator, day(2025, 11, 3), 1))  // 3 November
	running := saveWorkshop(t, db, workshopFor(mediator, day(2026, 3, 2), 4)) // 2 March to 23 March
	todayOnly := saveWorkshop(t, db, workshopFor(mediator, today, 1))         // today
	later := saveWorkshop(t, db, workshopFor(mediator, day(2026, 4, 1), 2))   // April
	ids := func(ws []journal.Workshop) []int64 {
		var out []int64
		for _, w := range ws {
			out = append(out, w.ID)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		list func() ([]journal.Workshop, error)
		want []int64
	}{
		{"upcoming", func() ([]journal.Workshop, error) { return db.UpcomingWorkshops(ctx, today) },
			[]int64{todayOnly.ID, running.ID, later.ID}},
		{"past", func() ([]journal.Workshop, error) { return db.PastWorkshops(ctx, today) },
			[]int64{past.ID, older.ID}},
		{"in March", func() ([]journal.Workshop, error) { return db.Workshops(ctx, day(2026, 3, 1), day(2026, 4, 1)) },
			[]int64{running.ID, todayOnly.ID}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, err := tc.list()
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", tc.name, err)
			}
			if got := ids(ws); !slices.Equal(got, tc.want) {
				t.Errorf("Got(%q) = %v, want %v", tc.name, got, tc.want)
			}
		})
	}
}
