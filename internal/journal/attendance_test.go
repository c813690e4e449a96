package journal_test

import (
	"reflect"
	"testing"

	"pasapas/internal/failure"
	"pasapas/internal/journal"
)

func TestWorkshop_AllPresent(t *testing.T) {
	w := journal.Workshop{Participants: []int64{4, 9}, Anonymous: journal.AnonymousCounts{Total: 2}}
	got := w.AllPresent(33)
	want := []journal.Mark{
		{SessionID: 33, Participant: journal.Participant{BeneficiaryID: 4}, Presence: journal.Present},
		{SessionID: 33, Participant: journal.Participant{BeneficiaryID: 9}, Presence: journal.Present},
		{SessionID: 33, Participant: journal.Participant{Anonymous: 1}, Presence: journal.Present},
		{SessionID: 33, Participant: journal.Participant{Anonymous: 2}, Presence: journal.Present},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Got(%q) = %+v, want %+v", "AllPresent(33)", got, want)
	}
	if got := (journal.Workshop{}).AllPresent(1); len(got) != 0 {
		t.Errorf("Got(%q) = %+v, want no mark", "AllPresent(empty sheet)", got)
	}
}

func TestAnonymousCounts_Add(t *testing.T) {
	base := journal.AnonymousCounts{Total: 2, Genders: map[journal.Gender]int{journal.GenderFeminin: 1}}
	for _, tc := range []struct {
		name    string
		profile journal.Profile
		want    journal.AnonymousCounts
	}{
		{"nothing said", journal.Profile{}, journal.AnonymousCounts{Total: 3,
			Genders: map[journal.Gender]int{journal.GenderFeminin: 1}}},
		{"non communiqué said", journal.UnknownProfile(), journal.AnonymousCounts{Total: 3,
			Genders: map[journal.Gender]int{journal.GenderFeminin: 1}}},
		{"everything said", journal.Profile{AlreadyAccompanied: true, Gender: journal.GenderFeminin,
			AgeBand: journal.AgeSoixanteDixPlus, Status: journal.StatusRetraite},
			journal.AnonymousCounts{Total: 3, AlreadyAccompanied: 1,
				Genders:  map[journal.Gender]int{journal.GenderFeminin: 2},
				AgeBands: map[journal.AgeBand]int{journal.AgeSoixanteDixPlus: 1},
				Statuses: map[journal.SocialStatus]int{journal.StatusRetraite: 1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := base.Add(tc.profile); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Got(%q) = %+v, want %+v", "Add", got, tc.want)
			}
			if base.Genders[journal.GenderFeminin] != 1 || base.Total != 2 {
				t.Errorf("Got(%q) = %+v, want it unchanged", "base", base)
			}
		})
	}
}

func TestWorkshop_WithWalkIn(t *testing.T) {
	w := journal.Workshop{Participants: []int64{4}, Anonymous: journal.AnonymousCounts{Total: 2}}
	for _, tc := range []struct {
		name         string
		beneficiary  int64
		wantLine     journal.Participant
		participants []int64
		total        int
	}{
		{"anonymous", 0, journal.Participant{Anonymous: 3}, []int64{4}, 3},
		{"named, new on the sheet", 8, journal.Participant{BeneficiaryID: 8}, []int64{4, 8}, 2},
		{"named, already on the sheet", 4, journal.Participant{BeneficiaryID: 4}, []int64{4}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, line := w.WithWalkIn(tc.beneficiary, journal.Profile{})
			if line != tc.wantLine || !reflect.DeepEqual(got.Participants, tc.participants) || got.Anonymous.Total != tc.total {
				t.Errorf("Got(%q) = %v, %v, %d, want %v, %v, %d", "WithWalkIn", line, got.Participants,
					got.Anonymous.Total, tc.wantLine, tc.participants, tc.total)
			}
			if len(w.Participants) != 1 || w.Anonymous.Total != 2 {
				t.Errorf("Got(%q) = %+v, want it unchanged", "w", w)
			}
		})
	}
}

func TestWalkIn_Validate(t *testing.T) {
	valid := journal.NewBeneficiary(journal.NewDate(2026, 3, 1), 7)
	valid.FirstName, valid.LastName = "Zoé", "Ébrard"
	noName := journal.NewBeneficiary(journal.NewDate(2026, 3, 1), 7)
	noName.LastName = "Ébrard"
	stored := valid
	stored.ID = 3
	for _, tc := range []struct {
		name string
		p    journal.WalkIn
		want []journal.Problem
	}{
		{"anonymous, nothing said", journal.WalkIn{}, nil},
		{"anonymous with a profile", journal.WalkIn{Profile: journal.Profile{Gender: journal.GenderMasculin}}, nil},
		{"anonymous with a bad code", journal.WalkIn{Profile: journal.Profile{Gender: "Autre"}},
			[]journal.Problem{p("person.gender", "gender.invalid")}},
		{"known beneficiary", journal.WalkIn{BeneficiaryID: 3}, nil},
		{"new beneficiary", journal.WalkIn{New: &valid}, nil},
		{"new beneficiary without first name", journal.WalkIn{New: &noName},
			[]journal.Problem{p("first_name", "beneficiary.first_name_required")}},
		{"both", journal.WalkIn{BeneficiaryID: 3, New: &valid},
			[]journal.Problem{p("beneficiary", "beneficiary.not_found")}},
		{"new with an id", journal.WalkIn{New: &stored}, []journal.Problem{p("beneficiary", "beneficiary.not_found")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkProblems(t, "WalkIn.Validate", tc.p.Validate(), tc.want)
		})
	}
	if !(journal.WalkIn{Profile: journal.Profile{Gender: journal.GenderFeminin}}).Anonymous() {
		t.Errorf("Got(%q) = false, want true", "Anonymous()")
	}
	if failure.KindOf((journal.WalkIn{BeneficiaryID: -1}).Validate()) != failure.Invalid {
		t.Errorf("Got(%q) = not Invalid, want Invalid", "WalkIn{BeneficiaryID: -1}.Validate()")
	}
}
