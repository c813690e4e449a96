package report_test

import (
	"reflect"
	"testing"
	"time"

	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/visit"
)

// winter is a period across the end of a year and a leap February:
// 15 December 2023 to 29 February 2024, "today" 20 February 2024. Its
// records are made by hand (StatsOf is plain Go):
//
//   - a1, 15 Dec (the first day): anonymous, 45 min, computer and phone,
//     tags "CAF" and "Permanence", autonomous;
//   - a2, 31 Dec: beneficiary 7, 30 min, no equipment, tag "caf ", no
//     autonomy given, referred to a social-aid structure;
//   - a3, 10 Jan: beneficiary 7 again, 60 min, tablet, no tag, partly
//     autonomous, referred to an administration;
//   - a4, 29 Feb (the leap day, the last day): anonymous, 90 min, "Pas de
//     matériel", fully accompanied;
//   - workshop 10 with beneficiary 7 and 2 anonymous, computer, tag
//     "Numérique": 20 Dec 120 min (7 and anonyme 1 present, anonyme 2
//     absent), 17 Jan 60 min (no marks: all three count), 28 Feb 60 min
//     (after today: planned, counts nothing).
func winter(t *testing.T) report.Data {
	t.Helper()
	p, err := report.Days(d(2023, 12, 15), d(2024, 2, 29))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Days", err)
	}
	acc := func(id int64, day journal.Date, minutes int, es []journal.Equipment, tags []string,
		autonomy journal.Autonomy, referral journal.Referral, beneficiary int64) journal.Accompaniment {
		a := journal.NewAccompaniment(day, 1)
		a.ID, a.DurationMinutes, a.Equipment, a.Tags, a.Autonomy = id, minutes, es, tags, autonomy
		a.Themes = []journal.Theme{journal.ThemeEmail}
		a.Referred, a.Referral = referral != "", referral
		a.BeneficiaryID = beneficiary
		return a
	}
	pc, tel := journal.EquipmentOrdinateur, journal.EquipmentTelephone
	return report.Data{
		Period: p,
		Accompaniments: []journal.Accompaniment{
			acc(1, d(2023, 12, 15), 45, []journal.Equipment{pc, tel}, []string{"CAF", "Permanence"},
				journal.AutonomyAutonome, "", 0),
			acc(2, d(2023, 12, 31), 30, nil, []string{"caf "}, "", journal.ReferralAideSociale, 7),
			acc(3, d(2024, 1, 10), 60, []journal.Equipment{journal.EquipmentTablette}, nil,
				journal.AutonomyPartiellementAutonome, journal.ReferralAdministration, 7),
			acc(4, d(2024, 2, 29), 90, []journal.Equipment{journal.EquipmentAucun}, nil,
				journal.AutonomyEntierementAccompagne, "", 0),
		},
		Workshops: []journal.Workshop{{
			ID: 10, Title: "Atelier", Themes: []journal.Theme{journal.ThemeEmail}, MediatorID: 1,
			Equipment: []journal.Equipment{pc}, Tags: []string{"Numérique"},
			Place: journal.Place{Type: journal.PlaceLieuActivite, Name: "Salle"},
			Sessions: []journal.Session{
				{ID: 100, Date: d(2023, 12, 20), DurationMinutes: 120},
				{ID: 101, Date: d(2024, 1, 17), DurationMinutes: 60},
				{ID: 102, Date: d(2024, 2, 28), DurationMinutes: 60},
			},
			Participants: []int64{7},
			Anonymous:    journal.AnonymousCounts{Total: 2},
		}},
		Marks: []journal.Mark{
			{SessionID: 100, Participant: journal.Participant{BeneficiaryID: 7}, Presence: journal.Present},
			{SessionID: 100, Participant: journal.Participant{Anonymous: 1}, Presence: journal.Present},
			{SessionID: 100, Participant: journal.Participant{Anonymous: 2}, Presence: journal.Absent},
		},
		Beneficiaries: map[int64]journal.Beneficiary{7: {ID: 7, Gender: journal.GenderFeminin,
			Status: journal.StatusRetraite}},
	}
}

var winterToday = d(2024, 2, 20)

func TestStatsOf_Hours(t *testing.T) {
	st := report.StatsOf(winter(t), report.Options{Today: winterToday})
	got := st.Totals
	tests := []struct {
		name      string
		got, want int
	}{
		{"Individual", got.Individual, 4},
		{"IndividualMinutes", got.IndividualMinutes, 45 + 30 + 60 + 90},
		// 20 Dec and 17 Jan, once each; 28 Feb is planned.
		{"Sessions", got.Sessions, 2},
		{"SessionMinutes", got.SessionMinutes, 120 + 60},
		// 2 present on 20 Dec, 3 unmarked on 17 Jan.
		{"Collective", got.Collective, 5},
		{"ParticipantMinutes", got.ParticipantMinutes, 2*120 + 3*60},
		{"Minutes", got.Minutes(), 225 + 180},
		{"Referred", got.Referred, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("Got(Totals.%s) = %d, want %d", tt.name, tt.got, tt.want)
			}
		})
	}
	if h := report.Hours(got.Minutes()); h != 6.75 {
		t.Errorf("Got(Hours(%d)) = %v, want 6.75", got.Minutes(), h)
	}
}

func TestStatsOf_Months(t *testing.T) {
	st := report.StatsOf(winter(t), report.Options{Today: winterToday})
	want := []report.Month{
		// Half a December: a1, a2 (7) and the session of the 20th (7 and
		// anonyme 1): 7 counts once among the people.
		{From: d(2023, 12, 15), To: d(2024, 1, 1), Accompaniments: 4, Individual: 2, Collective: 2, Sessions: 1,
			People: 3, WorkshopParticipants: 2, IndividualMinutes: 75, SessionMinutes: 120, ParticipantMinutes: 240},
		// January: a3 (7) and the session of the 17th (7, anonymes 1 and 2).
		{From: d(2024, 1, 1), To: d(2024, 2, 1), Accompaniments: 4, Individual: 1, Collective: 3, Sessions: 1,
			People: 3, WorkshopParticipants: 3, IndividualMinutes: 60, SessionMinutes: 60, ParticipantMinutes: 180},
		// February to the leap day: a4; the planned session counts nothing.
		{From: d(2024, 2, 1), To: d(2024, 3, 1), Accompaniments: 1, Individual: 1, People: 1,
			IndividualMinutes: 90},
	}
	if !reflect.DeepEqual(st.Months, want) {
		t.Fatalf("Got(Months) = %+v, want %+v", st.Months, want)
	}
	var acc, minutes, sessions int
	for _, m := range st.Months {
		acc += m.Accompaniments
		minutes += m.Minutes()
		sessions += m.Sessions
	}
	if acc != st.Totals.Accompaniments || minutes != st.Totals.Minutes() || sessions != st.Totals.Sessions {
		t.Errorf("Got(sum of months) = %d acc., %d min, %d sessions, want the totals %d, %d, %d", acc, minutes,
			sessions, st.Totals.Accompaniments, st.Totals.Minutes(), st.Totals.Sessions)
	}
	// People: a1, 7, anonymes 1 and 2, a4; the months add up to more.
	if st.Totals.People != 5 {
		t.Errorf("Got(Totals.People) = %d, want 5", st.Totals.People)
	}
}

// Every month a period touches has a row, empty ones included, cut at the
// period's ends; an empty period has none.
func TestStatsOf_MonthRows(t *testing.T) {
	tests := []struct {
		name     string
		from, to journal.Date // [from, to)
		want     [][2]journal.Date
	}{
		{"a quarter across the year's end", d(2023, 11, 1), d(2024, 2, 1),
			[][2]journal.Date{{d(2023, 11, 1), d(2023, 12, 1)}, {d(2023, 12, 1), d(2024, 1, 1)},
				{d(2024, 1, 1), d(2024, 2, 1)}}},
		{"one leap day", d(2024, 2, 29), d(2024, 3, 1), [][2]journal.Date{{d(2024, 2, 29), d(2024, 3, 1)}}},
		{"mid-month to mid-month", d(2026, 1, 31), d(2026, 3, 2),
			[][2]journal.Date{{d(2026, 1, 31), d(2026, 2, 1)}, {d(2026, 2, 1), d(2026, 3, 1)},
				{d(2026, 3, 1), d(2026, 3, 2)}}},
		{"empty", d(2026, 3, 1), d(2026, 3, 1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := report.NewPeriod(tt.from, tt.to)
			if err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "NewPeriod", err)
			}
			var got [][2]journal.Date
			for _, m := range report.StatsOf(report.Data{Period: p}, report.Options{}).Months {
				got = append(got, [2]journal.Date{m.From, m.To})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Got(Months of [%s, %s)) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestStatsOf_NewBreakdowns(t *testing.T) {
	st := report.StatsOf(winter(t), report.Options{Today: winterToday})
	tests := []struct {
		name      string
		b         report.Breakdown
		want      []kv
		wantTotal int
	}{
		// Six activities: a1–a4 and two held sessions (computer each).
		{"Equipment", st.Equipment, []kv{{"Ordinateur", 3}, {"Telephone", 1}, {"Tablette", 1}, {"Autre", 0},
			{"Aucun", 1}, {report.KeyUnknown, 1}}, 6},
		// "CAF" and "caf " are one tag; a3 and a4 have none.
		{"Tags", st.Tags, []kv{{"caf", 2}, {"numerique", 2}, {"permanence", 1}, {report.KeyUnknown, 2}}, 6},
		{"Autonomy", st.Autonomy, []kv{{"EntierementAccompagne", 1}, {"PartiellementAutonome", 1},
			{"Autonome", 1}, {report.KeyUnknown, 1}}, 4},
		{"Referrals", st.Referrals, []kv{{"Administration", 1}, {"MediationNumerique", 0},
			{"OperateurOuOrganismeEnCharge", 0}, {"AideSociale", 1}, {"InsertionProfessionnelle", 0},
			{"AideAuxDemarchesAdministratives", 0}, {"Autre", 0}, {report.KeyNotReferred, 2}}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := values(tt.b); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Got(%s) = %v, want %v", tt.name, got, tt.want)
			}
			if tt.b.Total != tt.wantTotal {
				t.Errorf("Got(%s.Total) = %d, want %d", tt.name, tt.b.Total, tt.wantTotal)
			}
		})
	}
	labels := []struct {
		b    report.Breakdown
		key  string
		want report.Count
	}{
		{st.Tags, "caf", report.Count{Key: "caf", Label: "CAF", Value: 2}},
		{st.Tags, report.KeyUnknown, report.Count{Key: report.KeyUnknown, Label: "Sans tag", MessageID: "report.tag.none", Value: 2}},
		{st.Equipment, report.KeyUnknown, report.Count{Key: report.KeyUnknown, Label: "Non communiqué",
			MessageID: "report.unknown", Value: 1}},
		{st.Equipment, "Aucun", report.Count{Key: "Aucun", Label: "Pas de matériel", MessageID: "cra.equipment.Aucun", Value: 1}},
		{st.Autonomy, "Autonome", report.Count{Key: "Autonome", Label: "Autonome", MessageID: "cra.autonomy.Autonome", Value: 1}},
		{st.Referrals, report.KeyNotReferred, report.Count{Key: report.KeyNotReferred, Label: "Non orienté",
			MessageID: "report.referral.none", Value: 2}},
	}
	for _, tt := range labels {
		if got, ok := tt.b.Find(tt.key); !ok || got != tt.want {
			t.Errorf("Got(Find(%q)) = %+v, %v, want %+v", tt.key, got, ok, tt.want)
		}
	}
	if top := report.StatsOf(winter(t), report.Options{Today: winterToday, TopTags: 1}).Tags; !reflect.DeepEqual(values(top),
		[]kv{{"caf", 2}, {report.KeyOther, 3}, {report.KeyUnknown, 2}}) {
		t.Errorf("Got(Tags with TopTags 1) = %v, want caf, 3 others, 2 without", values(top))
	}
}

func TestStats_Empty(t *testing.T) {
	base := winter(t)
	planned := base
	planned.Accompaniments = nil
	visits := report.Data{Period: base.Period, Visits: []visit.Visit{{Key: "v", Started: time.Date(2024, 1, 5, 10, 0, 0, 0, time.UTC)}}}
	tests := []struct {
		name  string
		d     report.Data
		today journal.Date
		want  bool
	}{
		{"activity", base, winterToday, false},
		{"nothing at all", report.Data{Period: base.Period}, winterToday, true},
		// Only sessions after today: nothing happened yet.
		{"only planned sessions", planned, d(2023, 12, 1), true},
		{"only kiosk visits", visits, winterToday, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := report.StatsOf(tt.d, report.Options{Today: tt.today}).Empty(); got != tt.want {
				t.Errorf("Got(Empty()) = %v, want %v", got, tt.want)
			}
		})
	}
}

// Through the real store: March of the hand-made centre (fixture_test.go).
func TestCompute_HoursAndMonths(t *testing.T) {
	st, _ := marchStats(t, 0)
	got := st.Totals
	// A1–A5: 30 + 15 + 60 + 45 + 120.
	if got.IndividualMinutes != 270 {
		t.Errorf("Got(IndividualMinutes) = %d, want 270", got.IndividualMinutes)
	}
	// Tablette 4, 11, 18 March × 90; démarches 4 March 60.
	if got.SessionMinutes != 330 {
		t.Errorf("Got(SessionMinutes) = %d, want 330", got.SessionMinutes)
	}
	// 3 × 90 + 4 × 90 + 5 × 90 + 1 × 60.
	if got.ParticipantMinutes != 1140 {
		t.Errorf("Got(ParticipantMinutes) = %d, want 1140", got.ParticipantMinutes)
	}
	want := []report.Month{{From: march, To: april, Accompaniments: 18, Individual: 5, Collective: 13, Sessions: 4,
		People: 10, WorkshopParticipants: 6, IndividualMinutes: 270, SessionMinutes: 330, ParticipantMinutes: 1140}}
	if !reflect.DeepEqual(st.Months, want) {
		t.Errorf("Got(Months) = %+v, want %+v", st.Months, want)
	}
	if st.Empty() {
		t.Errorf("Got(Empty()) = true, want false for March")
	}
}
