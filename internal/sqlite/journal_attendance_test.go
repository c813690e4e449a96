package sqlite_test

import (
	"context"
	"reflect"
	"testing"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/sqlite"
)

// TestDB_AddWalkIn adds walk-ins to a session, each in one transaction.
func TestDB_AddWalkIn(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	known := saveBeneficiary(t, db, namedBeneficiary(mediator))
	erased := saveBeneficiary(t, db, namedBeneficiary(mediator))
	if err := db.EraseBeneficiary(ctx, erased.ID); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "EraseBeneficiary", err)
	}
	w := saveWorkshop(t, db, workshopFor(mediator, day(2026, 3, 2), 2)) // 3 anonymous, 2 of them women
	session := w.Sessions[1].ID
	newcomer := journal.NewBeneficiary(day(2026, 3, 9), mediator)
	newcomer.FirstName, newcomer.LastName, newcomer.INSEE = "Malik", "Benali", "69266"
	noName := journal.NewBeneficiary(day(2026, 3, 9), mediator)

	for _, tc := range []struct {
		name       string
		session    int64
		walkIn     journal.WalkIn
		wantKind   failure.Kind
		wantLine   func(journal.Participant) bool
		wantTotal  int
		wantNamed  int
		wantPeople int // beneficiaries rows
	}{
		{"anonymous woman, already accompanied", session,
			journal.WalkIn{Profile: journal.Profile{AlreadyAccompanied: true, Gender: journal.GenderFeminin}}, "",
			func(p journal.Participant) bool { return p == journal.Participant{Anonymous: 4} }, 4, 0, 2},
		{"anonymous, nothing said", session, journal.WalkIn{}, "",
			func(p journal.Participant) bool { return p == journal.Participant{Anonymous: 5} }, 5, 0, 2},
		{"known beneficiary", session, journal.WalkIn{BeneficiaryID: known.ID}, "",
			func(p journal.Participant) bool { return p.BeneficiaryID == known.ID }, 5, 1, 2},
		{"known beneficiary again", session, journal.WalkIn{BeneficiaryID: known.ID}, "",
			func(p journal.Participant) bool { return p.BeneficiaryID == known.ID }, 5, 1, 2},
		{"new beneficiary with consent", session, journal.WalkIn{New: &newcomer}, "",
			func(p journal.Participant) bool { return p.BeneficiaryID > erased.ID }, 5, 2, 3},
		{"new beneficiary without a first name", session, journal.WalkIn{New: &noName}, failure.Invalid, nil, 5, 2, 3},
		{"erased beneficiary", session, journal.WalkIn{BeneficiaryID: erased.ID}, failure.Invalid, nil, 5, 2, 3},
		{"unknown beneficiary", session, journal.WalkIn{BeneficiaryID: 4242}, failure.Invalid, nil, 5, 2, 3},
		{"unknown session", 4242, journal.WalkIn{}, failure.NotFound, nil, 5, 2, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, line, err := db.AddWalkIn(ctx, tc.session, tc.walkIn)
			if kind := failure.KindOf(err); kind != tc.wantKind {
				t.Fatalf("Got(%q) = %v (%v), want %v", "KindOf(AddWalkIn)", kind, err, tc.wantKind)
			}
			if err == nil {
				if !tc.wantLine(line) {
					t.Errorf("Got(%q) = %+v, want the walk-in's line", "line", line)
				}
				if !got.Updated.After(w.Updated) {
					t.Errorf("Got(%q) = %v, want after %v", "Updated", got.Updated, w.Updated)
				}
				w = got
				presence := presenceOf(t, db, got.ID, session, line)
				if presence != journal.Present {
					t.Errorf("Got(%q) = %q, want %q", "presence", presence, journal.Present)
				}
				if p := presenceOf(t, db, got.ID, got.Sessions[0].ID, line); p != "" {
					t.Errorf("Got(%q) = %q, want no mark at the other session", "presence", p)
				}
			}
			stored, err := db.Workshop(ctx, w.ID)
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "Workshop", err)
			}
			if stored.Anonymous.Total != tc.wantTotal || len(stored.Participants) != tc.wantNamed {
				t.Errorf("Got(%q) = %d anonymous, %v, want %d, %d named", "Workshop", stored.Anonymous.Total,
					stored.Participants, tc.wantTotal, tc.wantNamed)
			}
			if n := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM beneficiaries"); n != tc.wantPeople {
				t.Errorf("Got(%q) = %d, want %d", "count(beneficiaries)", n, tc.wantPeople)
			}
		})
	}
	want := journal.AnonymousCounts{Total: 5, AlreadyAccompanied: 2,
		Genders: map[journal.Gender]int{journal.GenderFeminin: 3}}
	if !reflect.DeepEqual(w.Anonymous, want) {
		t.Errorf("Got(%q) = %+v, want %+v", "Anonymous", w.Anonymous, want)
	}

	t.Run("one transaction", func(t *testing.T) {
		// A session stored before the 5–600 min rule makes the workshop
		// invalid once the beneficiary is inserted: nothing stays.
		if err := sqlite.ExecTx(ctx, db, "UPDATE workshop_sessions SET duration_minutes = 700 WHERE id = ?",
			w.Sessions[0].ID); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "UPDATE", err)
		}
		other := newcomer
		other.FirstName = "Inès"
		before := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM beneficiaries")
		_, _, err := db.AddWalkIn(ctx, session, journal.WalkIn{New: &other})
		if failure.KindOf(err) != failure.Invalid {
			t.Fatalf("Got(%q) = %v, want %v", "AddWalkIn", err, failure.Invalid)
		}
		if n := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM beneficiaries"); n != before {
			t.Errorf("Got(%q) = %d, want %d (the new beneficiary rolled back)", "count(beneficiaries)", n, before)
		}
	})

	t.Run("cancelled session", func(t *testing.T) {
		if err := sqlite.ExecTx(ctx, db, "UPDATE workshop_sessions SET cancelled = 1 WHERE id = ?", session); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "UPDATE", err)
		}
		_, _, err := db.AddWalkIn(ctx, session, journal.WalkIn{})
		if failure.KindOf(err) != failure.Conflict {
			t.Errorf("Got(%q) = %v, want %v", "AddWalkIn(cancelled)", err, failure.Conflict)
		}
	})
}

// presenceOf returns the mark of a sheet line at a session, or "".
func presenceOf(t *testing.T, db *sqlite.DB, workshop, session int64, p journal.Participant) journal.Presence {
	t.Helper()
	marks, err := db.WorkshopAttendance(context.Background(), workshop)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "WorkshopAttendance", err)
	}
	for _, m := range marks {
		if m.SessionID == session && m.Participant == p {
			return m.Presence
		}
	}
	return ""
}
