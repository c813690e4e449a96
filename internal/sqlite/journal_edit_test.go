package sqlite_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/sqlite"
)

// TestDB_Save_Conflict checks optimistic concurrency on the three records
// a mediator edits: a save carrying the Updated it read succeeds; a save
// carrying an older one (someone saved meanwhile) is Conflict, wraps
// journal.ErrModified and writes nothing; a zero Updated skips the check.
func TestDB_Save_Conflict(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t) // the clock stands still: two saves in one millisecond
	for _, tc := range []struct {
		name string
		// first saves a new record; edit saves it again with Updated set to
		// read and the title-like field set to text; get reads that field.
		first func() (id int64, updated time.Time)
		edit  func(id int64, read time.Time, text string) (time.Time, error)
		get   func(id int64) string
	}{
		{"accompaniment",
			func() (int64, time.Time) {
				a := saveAccompaniment(t, db, anonymousAccompaniment(mediator, day(2026, 3, 2)))
				return a.ID, a.Updated
			},
			func(id int64, read time.Time, text string) (time.Time, error) {
				a, err := db.Accompaniment(ctx, id)
				if err != nil {
					return time.Time{}, err
				}
				a.Notes, a.Updated = text, read
				a, err = db.SaveAccompaniment(ctx, a)
				return a.Updated, err
			},
			func(id int64) string {
				a, err := db.Accompaniment(ctx, id)
				if err != nil {
					t.Fatalf("Got(%q) = %v, want nil error", "Accompaniment", err)
				}
				return a.Notes
			}},
		{"workshop",
			func() (int64, time.Time) {
				w := saveWorkshop(t, db, workshopFor(mediator, day(2026, 3, 2), 2))
				return w.ID, w.Updated
			},
			func(id int64, read time.Time, text string) (time.Time, error) {
				w, err := db.Workshop(ctx, id)
				if err != nil {
					return time.Time{}, err
				}
				w.Notes, w.Updated = text, read
				w, err = db.SaveWorkshop(ctx, w)
				return w.Updated, err
			},
			func(id int64) string {
				w, err := db.Workshop(ctx, id)
				if err != nil {
					t.Fatalf("Got(%q) = %v, want nil error", "Workshop", err)
				}
				return w.Notes
			}},
		{"beneficiary",
			func() (int64, time.Time) {
				b := saveBeneficiary(t, db, namedBeneficiary(mediator))
				return b.ID, b.Updated
			},
			func(id int64, read time.Time, text string) (time.Time, error) {
				b, err := db.Beneficiary(ctx, id)
				if err != nil {
					return time.Time{}, err
				}
				b.Commune, b.Updated = text, read
				b, err = db.SaveBeneficiary(ctx, b)
				return b.Updated, err
			},
			func(id int64) string {
				b, err := db.Beneficiary(ctx, id)
				if err != nil {
					t.Fatalf("Got(%q) = %v, want nil error", "Beneficiary", err)
				}
				return b.Commune
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, read := tc.first()
			// Mediator A saves what they read.
			afterA, err := tc.edit(id, read, "A")
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "save by A", err)
			}
			if !afterA.After(read) {
				t.Errorf("Got(%q) = %v, want after %v even with the clock standing still", "Updated", afterA, read)
			}
			// Mediator B had read the record before A saved.
			_, err = tc.edit(id, read, "B")
			if got := failure.KindOf(err); got != failure.Conflict || !errors.Is(err, journal.ErrModified) {
				t.Errorf("Got(%q) = %v (%v), want %v wrapping ErrModified", "save by B", got, err, failure.Conflict)
			}
			if got := tc.get(id); got != "A" {
				t.Errorf("Got(%q) = %q, want %q (B's save writes nothing)", "stored", got, "A")
			}
			// B reloads and saves again.
			if _, err := tc.edit(id, afterA, "B"); err != nil {
				t.Errorf("Got(%q) = %v, want nil error", "save by B after reloading", err)
			}
			// A tool that did not read the record first overwrites.
			if _, err := tc.edit(id, time.Time{}, "C"); err != nil || tc.get(id) != "C" {
				t.Errorf("Got(%q) = %v, %q, want nil error, %q", "save with zero Updated", err, tc.get(id), "C")
			}
		})
	}
}

// TestDB_SaveWorkshop_Fields stores the workshop fields of the national
// tool added in migration 004 and reads them back.
func TestDB_SaveWorkshop_Fields(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	w := workshopFor(mediator, day(2026, 3, 2), 3)
	w.Themes = append(w.Themes, journal.ThemeAideAuxDemarchesAdministratives)
	w.AdminThemes = []journal.Theme{journal.ThemeSocialSante, journal.ThemeLogement}
	w.Procedure = "Demande de logement social"
	w.Place = journal.Place{Type: journal.PlaceAutre, Name: "Salle des fêtes", Commune: "Ajaccio", PostalCode: "20000",
		INSEE: " 2a004 "}
	w.Equipment = []journal.Equipment{journal.EquipmentOrdinateur, journal.EquipmentTelephone}
	w.Tags = []string{"CAF", "logement"}
	w.Notes = "Apporter l'avis d'imposition."
	w.Sessions[1].DurationMinutes = 137 // a custom duration
	w.Sessions[2].Cancelled = true
	got := saveWorkshop(t, db, w)
	read, err := db.Workshop(ctx, got.ID)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Workshop", err)
	}
	want := w.Normalize()
	want.ID, want.Created, want.Updated = got.ID, got.Created, got.Updated
	for i := range want.Sessions {
		want.Sessions[i].ID = got.Sessions[i].ID
	}
	if want.Place.INSEE != "2A004" {
		t.Errorf("Got(%q) = %q, want %q", "Normalize().Place.INSEE", want.Place.INSEE, "2A004")
	}
	if !reflect.DeepEqual(read, want) {
		t.Errorf("Got(%q) = %+v, want %+v", "Workshop()", read, want)
	}
	if held := read.Held(); len(held) != 2 {
		t.Errorf("Got(%q) = %d sessions, want 2", "Held()", len(held))
	}
	// The schema refuses what the domain refuses.
	saveBeneficiary(t, db, namedBeneficiary(mediator))
	saveAccompaniment(t, db, anonymousAccompaniment(mediator, day(2026, 3, 2)))
	for _, stmt := range []string{
		"UPDATE workshops SET place_insee = '2C004'",
		"UPDATE workshop_sessions SET cancelled = 2",
		"UPDATE beneficiaries SET commune_insee = 'Lyon'",
		"UPDATE accompaniments SET person_insee = '123'",
		"UPDATE accompaniments SET place_insee = '2a004'",
	} {
		if err := sqlite.ExecTx(ctx, db, stmt); failure.KindOf(err) != failure.Invalid {
			t.Errorf("Got(%q) = %v, want %v", stmt, err, failure.Invalid)
		}
	}
}

// TestDB_SaveWorkshop_CancelAndRemove checks a session's life: marks are
// taken, a session with marks cannot be removed, it can be cancelled
// (kept, marks kept, no more marks), and once cancelled it can be removed.
func TestDB_SaveWorkshop_CancelAndRemove(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	w := saveWorkshop(t, db, workshopFor(mediator, day(2026, 3, 2), 3))
	first, second := w.Sessions[0].ID, w.Sessions[1].ID
	if err := db.SetAttendance(ctx, first, w.AllPresent(first)); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SetAttendance(tous présents)", err)
	}
	marks := func() int {
		return queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM attendance WHERE session_id = ?", first)
	}
	if n := marks(); n != 3 {
		t.Fatalf("Got(%q) = %d, want 3 (every anonymous line present)", "marks", n)
	}

	steps := []struct {
		name      string
		edit      func(w *journal.Workshop)
		wantKind  failure.Kind
		wantMarks int
		sessions  int
	}{
		{"remove the marked session", func(w *journal.Workshop) { w.Sessions = w.Sessions[1:] }, failure.Conflict, 3, 3},
		{"remove an unmarked session", func(w *journal.Workshop) {
			w.Sessions = slices.DeleteFunc(w.Sessions, func(s journal.Session) bool { return s.ID == second })
		}, "", 3, 2},
		{"cancel the marked session", func(w *journal.Workshop) { w.Sessions[0].Cancelled = true }, "", 3, 2},
		{"remove the cancelled session", func(w *journal.Workshop) { w.Sessions = w.Sessions[1:] }, "", 0, 1},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			edit := w
			edit.Sessions = slices.Clone(w.Sessions)
			s.edit(&edit)
			saved, err := db.SaveWorkshop(ctx, edit)
			if got := failure.KindOf(err); got != s.wantKind {
				t.Fatalf("Got(%q) = %v (%v), want %v", "KindOf(SaveWorkshop)", got, err, s.wantKind)
			}
			if err != nil {
				if ps := journal.Problems(err); !slices.Contains(ps, journal.Problem{Field: "sessions", Code: journal.CodeSessionHasAttendance}) {
					t.Errorf("Got(%q) = %v, want (sessions, %s)", "Problems", ps, journal.CodeSessionHasAttendance)
				}
			} else {
				w = saved
			}
			if n := marks(); n != s.wantMarks {
				t.Errorf("Got(%q) = %d, want %d", "marks of the first session", n, s.wantMarks)
			}
			if n := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM workshop_sessions"); n != s.sessions {
				t.Errorf("Got(%q) = %d, want %d", "count(workshop_sessions)", n, s.sessions)
			}
			if s.name == "cancel the marked session" {
				err := db.SetAttendance(ctx, first, w.AllPresent(first))
				if got := failure.KindOf(err); got != failure.Conflict ||
					!slices.Contains(journal.Problems(err), journal.Problem{Field: "session", Code: journal.CodeSessionCancelled}) {
					t.Errorf("Got(%q) = %v (%v), want %v (sessions.cancelled)", "SetAttendance(cancelled)", got, err, failure.Conflict)
				}
			}
		})
	}
}

// TestDB_Delete_OutOfReports deletes an accompaniment and a workshop and
// checks that no read used by statistics and exports still has them: the
// delete is a hard delete, so report queries need no filter.
func TestDB_Delete_OutOfReports(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	b := saveBeneficiary(t, db, namedBeneficiary(mediator))
	keep := saveAccompaniment(t, db, anonymousAccompaniment(mediator, day(2026, 3, 2)))
	mistake := anonymousAccompaniment(mediator, day(2026, 3, 3))
	mistake.BeneficiaryID = b.ID
	mistake = saveAccompaniment(t, db, mistake)
	ws := workshopFor(mediator, day(2026, 3, 4), 2)
	ws.Participants = []int64{b.ID}
	ws = saveWorkshop(t, db, ws)
	if err := db.SetAttendance(ctx, ws.Sessions[0].ID, ws.AllPresent(ws.Sessions[0].ID)); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "SetAttendance", err)
	}

	if err := db.DeleteAccompaniment(ctx, mistake.ID); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "DeleteAccompaniment", err)
	}
	if err := db.DeleteWorkshop(ctx, ws.ID); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "DeleteWorkshop", err)
	}
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"DeleteAccompaniment(again)", db.DeleteAccompaniment(ctx, mistake.ID)},
		{"DeleteWorkshop(again)", db.DeleteWorkshop(ctx, ws.ID)},
		{"DeleteWorkshop(unknown)", db.DeleteWorkshop(ctx, 4242)},
		{"SaveWorkshop(deleted)", func() error { _, err := db.SaveWorkshop(ctx, ws); return err }()},
		{"SaveAccompaniment(deleted)", func() error { _, err := db.SaveAccompaniment(ctx, mistake); return err }()},
		{"SetAttendance(deleted session)", db.SetAttendance(ctx, ws.Sessions[0].ID, nil)},
	} {
		if got := failure.KindOf(tc.err); got != failure.NotFound {
			t.Errorf("Got(%q) = %v (%v), want %v", tc.name, got, tc.err, failure.NotFound)
		}
	}

	from, to := day(2026, 3, 1), day(2026, 4, 1)
	data, err := db.ReportData(ctx, report.Query{From: from, To: to, Start: from.In(time.UTC), End: to.In(time.UTC)})
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReportData", err)
	}
	if len(data.Accompaniments) != 1 || data.Accompaniments[0].ID != keep.ID || len(data.Workshops) != 0 ||
		len(data.Marks) != 0 || len(data.Beneficiaries) != 0 {
		t.Errorf("Got(%q) = %d accompaniments, %d workshops, %d marks, %d beneficiaries, want only the kept accompaniment",
			"ReportData", len(data.Accompaniments), len(data.Workshops), len(data.Marks), len(data.Beneficiaries))
	}
	h, err := db.BeneficiaryHistory(ctx, b.ID)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "BeneficiaryHistory", err)
	}
	if len(h.Accompaniments)+len(h.Workshops) != 0 {
		t.Errorf("Got(%q) = %+v, want nothing", "BeneficiaryHistory", h)
	}
	for _, table := range []string{"workshop_sessions", "workshop_participants", "attendance", "accompaniment_themes"} {
		want := 0
		if table == "accompaniment_themes" {
			want = 1 // the kept accompaniment's
		}
		if n := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM "+table); n != want {
			t.Errorf("Got(%q) = %d, want %d", "count("+table+")", n, want)
		}
	}
}

// TestDB_SaveBeneficiary_Edit edits a beneficiary's commune with its
// postal and INSEE codes: the profiles of its accompaniments follow.
func TestDB_SaveBeneficiary_Edit(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	b := saveBeneficiary(t, db, namedBeneficiary(mediator))
	a := anonymousAccompaniment(mediator, day(2026, 3, 2))
	a.BeneficiaryID = b.ID
	a = saveAccompaniment(t, db, a)

	b.FirstName, b.Commune, b.PostalCode, b.INSEE = "Zoë", "Bastia", "20200", "2b033"
	edited := saveBeneficiary(t, db, b)
	if edited.ID != b.ID || edited.FirstName != "Zoë" || edited.INSEE != "2B033" {
		t.Errorf("Got(%q) = %+v, want the same id, Zoë and 2B033", "SaveBeneficiary(edit)", edited)
	}
	got, err := db.Accompaniment(ctx, a.ID)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Accompaniment", err)
	}
	if got.Person.Commune != "Bastia" || got.Person.PostalCode != "20200" || got.Person.INSEE != "2B033" {
		t.Errorf("Got(%q) = %+v, want Bastia 20200 2B033", "Person", got.Person)
	}
	gone := edited
	gone.ID = 4242
	if _, err := db.SaveBeneficiary(ctx, gone); failure.KindOf(err) != failure.NotFound {
		t.Errorf("Got(%q) = %v, want %v", "SaveBeneficiary(unknown id)", err, failure.NotFound)
	}
}

// TestDB_CancelledSession_NoActivity checks that a cancelled session is no
// activity of its participants: it does not move their last activity (the
// start of retention).
func TestDB_CancelledSession_NoActivity(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	b := saveBeneficiary(t, db, namedBeneficiary(mediator)) // consent on 1 March 2026
	w := workshopFor(mediator, day(2026, 3, 2), 3)          // 2, 9 and 16 March
	w.Participants = []int64{b.ID}
	w.Sessions[2].Cancelled = true
	saveWorkshop(t, db, w)
	got, err := db.Beneficiary(ctx, b.ID)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Beneficiary", err)
	}
	if want := day(2026, 3, 9); got.LastActivity != want {
		t.Errorf("Got(%q) = %s, want %s (the 16 March session is cancelled)", "LastActivity", got.LastActivity, want)
	}
}
