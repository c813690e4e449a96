package sqlite_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
)

func TestDB_SearchBeneficiaries(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	for _, n := range [][2]string{{"Zoé", "Ébrard"}, {"Œdipe", "Martin"}, {"Lucie", "Martin"}, {"Jean-Noël", "Lefèvre"}} {
		b := namedBeneficiary(mediator)
		b.FirstName, b.LastName = n[0], n[1]
		saveBeneficiary(t, db, b)
	}
	for _, tc := range []struct {
		query string
		limit int
		want  []string
	}{
		{"ebrard", 0, []string{"Zoé Ébrard"}},
		{"ÉBRARD zoe", 0, []string{"Zoé Ébrard"}},
		{"martin", 0, []string{"Lucie Martin", "Œdipe Martin"}},
		{"oedipe", 0, []string{"Œdipe Martin"}},
		{"noel lefevre", 0, []string{"Jean-Noël Lefèvre"}},
		{"", 2, []string{"Zoé Ébrard", "Jean-Noël Lefèvre"}},
		{"dupont", 0, nil},
	} {
		t.Run(tc.query, func(t *testing.T) {
			bs, err := db.SearchBeneficiaries(ctx, tc.query, tc.limit)
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "SearchBeneficiaries", err)
			}
			var got []string
			for _, b := range bs {
				got = append(got, b.DisplayName())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Got(%q) = %v, want %v", tc.query, got, tc.want)
			}
		})
	}
}

func TestDB_SaveBeneficiary(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	b := namedBeneficiary(mediator)
	b.Phone, b.Email = " 06 12 34 56 78 ", "zoe@example.org"
	got := saveBeneficiary(t, db, b)
	want := b.Normalize()
	want.ID, want.Created, want.Updated, want.LastActivity = got.ID, journalClock, journalClock, b.ConsentDate
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Got(%q) = %+v, want %+v", "SaveBeneficiary()", got, want)
	}
	for _, tc := range []struct {
		name        string
		edit        func(b *journal.Beneficiary)
		field, code string
	}{
		{"no consent", func(b *journal.Beneficiary) { b.ConsentDate = journal.Date{} }, "consent", journal.CodeConsentRequired},
		{"bad e-mail", func(b *journal.Beneficiary) { b.Email = "zoe@" }, "email", journal.CodeEmailInvalid},
		{"unknown id", func(b *journal.Beneficiary) { b.ID = 4242 }, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := got
			tc.edit(&bad)
			_, err := db.SaveBeneficiary(ctx, bad)
			if tc.code == "" {
				if k := failure.KindOf(err); k != failure.NotFound {
					t.Errorf("Got(%q) = %v, want %v (error: %v)", "KindOf(SaveBeneficiary)", k, failure.NotFound, err)
				}
				return
			}
			wantProblem(t, "SaveBeneficiary", err, tc.field, tc.code)
		})
	}
	t.Run("erased", func(t *testing.T) {
		if err := db.EraseBeneficiary(ctx, got.ID); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "EraseBeneficiary", err)
		}
		_, err := db.SaveBeneficiary(ctx, got) // the form still held the names
		wantProblem(t, "SaveBeneficiary", err, "beneficiary", journal.CodeBeneficiaryErased)
	})
}
