package report_test

import (
	"context"
	"reflect"
	"testing"

	"pasapas/internal/journal"
	"pasapas/internal/report"
)

var guideTitles = map[string]string{"ameli-compte": "Créer son compte ameli"}

// marchStats fills the hand-made month and computes March's statistics.
func marchStats(t *testing.T, top int) (report.Stats, fixture) {
	t.Helper()
	db, mediator := openStore(t)
	f := fill(t, db, mediator)
	p, err := report.NewPeriod(march, april)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "NewPeriod", err)
	}
	st, err := report.Compute(context.Background(), db, p, report.Options{Today: today, Location: paris(t),
		GuideTitle: func(id string) string { return guideTitles[id] }, TopProcedures: top})
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Compute", err)
	}
	return st, f
}

// values returns key → value of a breakdown, in order, as pairs.
type kv struct {
	Key   string
	Value int
}

func values(b report.Breakdown) []kv {
	out := make([]kv, len(b.Counts))
	for i, c := range b.Counts {
		out[i] = kv{c.Key, c.Value}
	}
	return out
}

func TestCompute_Totals(t *testing.T) {
	st, _ := marchStats(t, 0)
	got := st.Totals
	tests := []struct {
		name      string
		got, want int
	}{
		// A1–A5: the 1st and the 31st are in, 15 February and 1 April out.
		{"Individual", got.Individual, 5},
		// Tablette: 4 March 3 (absent and excused left out), 11 March 4
		// (anonyme 3 not marked counts), 18 March 5 (not taken), 25 March
		// planned; démarches 4 March 1.
		{"Collective", got.Collective, 13},
		{"Accompaniments", got.Accompaniments, 18},
		{"Sessions", got.Sessions, 4},
		{"Workshops", got.Workshops, 2},
		{"Activities", got.Activities, 9},
		// Zoé, Ali, Jeanne; A1, A4, A5; tablette anonymes 1–3; démarches
		// anonyme 1 (anonyme 2 was only absent).
		{"People", got.People, 10},
		{"Named", got.Named, 3},
		{"Anonymous", got.Anonymous, 7},
		// Zoé (February), Jeanne (said), A4 (said), tablette anonyme 1
		// (the workshop's 1 already accompanied).
		{"AlreadyAccompanied", got.AlreadyAccompanied, 4},
		{"New", got.New, 6},
		{"WorkshopParticipants", got.WorkshopParticipants, 6},
		{"Attendance.Present", got.Attendance.Present, 7},
		{"Attendance.Absent", got.Attendance.Absent, 3},
		{"Attendance.Excused", got.Attendance.Excused, 1},
		{"Attendance.Unmarked", got.Attendance.Unmarked, 6},
		// V2 (midnight on the 1st) to V9 (23:59:59 on the 31st) and V11.
		{"Visits", got.Visits, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("Got(Totals.%s) = %d, want %d", tt.name, tt.got, tt.want)
			}
		})
	}
	if r, want := got.Attendance.Rate(), 7.0/11; r != want {
		t.Errorf("Got(Attendance.Rate()) = %v, want %v", r, want)
	}
}

func TestCompute_Breakdowns(t *testing.T) {
	st, _ := marchStats(t, 0)
	zeros := func(b report.Breakdown, set map[string]int) []kv {
		out := values(b)
		for i := range out {
			out[i].Value = set[out[i].Key]
		}
		return out
	}
	tests := []struct {
		name      string
		b         report.Breakdown
		want      []kv
		wantTotal int
	}{
		{"Themes", st.Themes, zeros(st.Themes, map[string]int{"AideAuxDemarchesAdministratives": 5, "Email": 1,
			"PrendreEnMainDuMateriel": 3}), 9},
		{"AdminThemes", st.AdminThemes, zeros(st.AdminThemes, map[string]int{"SocialSante": 2, "ArgentImpots": 1,
			"Logement": 1, "TravailFormation": 1}), 5},
		{"Durations", st.Durations, []kv{{"30", 1}, {"60", 2}, {"120", 5}, {"more", 1}}, 9},
		{"PlaceTypes", st.PlaceTypes, []kv{{"LieuActivite", 5}, {"Domicile", 1}, {"ADistance", 2}, {"Autre", 1}}, 9},
		{"Procedures", st.Procedures, []kv{{"carte vitale", 2}, {"impots.gouv", 1}, {report.KeyUnknown, 1}}, 4},
		{"Genders", st.Genders, []kv{{"Masculin", 3}, {"Feminin", 4}, {"NonCommunique", 3}}, 10},
		{"AgeBands", st.AgeBands, []kv{{"MoinsDeDouze", 0}, {"DouzeDixHuit", 0}, {"DixHuitVingtQuatre", 0},
			{"VingtCinqTrenteNeuf", 2}, {"QuaranteCinquanteNeuf", 0}, {"SoixanteSoixanteNeuf", 1},
			{"SoixanteDixPlus", 2}, {"NonCommunique", 5}}, 10},
		{"Statuses", st.Statuses, []kv{{"Scolarise", 0}, {"SansEmploi", 1}, {"EnEmploi", 1}, {"Retraite", 2},
			{"NonCommunique", 6}}, 10},
		{"Communes", st.Communes, []kv{{"lyon", 2}, {"villeurbanne", 2}, {report.KeyUnknown, 6}}, 10},
		{"Kiosk.Guides", st.Kiosk.Guides, []kv{{"ameli-compte", 5}, {"caf-aide-logement", 3}, {report.KeyNoGuide, 1}}, 9},
		{"Kiosk.Outcomes", st.Kiosk.Outcomes, []kv{{"done", 1}, {"not_yet", 2}, {"appointment", 1}, {"abandoned", 2},
			{"timed_out", 1}, {"ended_by_staff", 1}, {report.Ongoing, 1}}, 9},
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
	if n := len(st.Themes.Counts); n != 19 {
		t.Errorf("Got(len(Themes.Counts)) = %d, want 19", n)
	}
	if n := len(st.AdminThemes.Counts); n != 11 {
		t.Errorf("Got(len(AdminThemes.Counts)) = %d, want 11", n)
	}
}

func TestCompute_Labels(t *testing.T) {
	st, _ := marchStats(t, 0)
	tests := []struct {
		name string
		b    report.Breakdown
		key  string
		want report.Count
	}{
		{"non communiqué", st.Genders, "NonCommunique",
			report.Count{Key: "NonCommunique", Label: "Non communiqué", MessageID: "cra.gender.NonCommunique", Value: 3}},
		{"status non communiqué", st.Statuses, "NonCommunique", report.Count{Key: "NonCommunique",
			Label: "Non communiqué ou hétérogène", MessageID: "cra.status.NonCommunique", Value: 6}},
		{"most frequent spelling, smallest on a tie", st.Procedures, "carte vitale",
			report.Count{Key: "carte vitale", Label: "Carte Vitale", Value: 2}},
		{"procedure not named", st.Procedures, report.KeyUnknown, report.Count{Key: report.KeyUnknown,
			Label: "Démarche non précisée", MessageID: "report.procedure.unknown", Value: 1}},
		{"commune", st.Communes, "villeurbanne", report.Count{Key: "villeurbanne", Label: "Villeurbanne", Value: 2}},
		{"duration bucket", st.Durations, "more",
			report.Count{Key: "more", Label: "2 h et plus", MessageID: "cra.duration.more", Value: 1}},
		{"guide title", st.Kiosk.Guides, "ameli-compte",
			report.Count{Key: "ameli-compte", Label: "Créer son compte ameli", Value: 5}},
		{"guide without a title", st.Kiosk.Guides, "caf-aide-logement",
			report.Count{Key: "caf-aide-logement", Label: "caf-aide-logement", Value: 3}},
		{"no guide", st.Kiosk.Guides, report.KeyNoGuide, report.Count{Key: report.KeyNoGuide,
			Label: "Aucun guide choisi", MessageID: "report.guide.none", Value: 1}},
		{"outcome", st.Kiosk.Outcomes, "done",
			report.Count{Key: "done", Label: "Réussi", MessageID: "report.outcome.done", Value: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.b.Find(tt.key)
			if !ok || got != tt.want {
				t.Errorf("Got(Find(%q)) = %+v, %v, want %+v", tt.key, got, ok, tt.want)
			}
		})
	}
}

func TestCompute_Kiosk(t *testing.T) {
	st, _ := marchStats(t, 0)
	k := st.Kiosk
	if k.Visits != 9 || k.HelpVisits != 3 || k.HelpRate() != 3.0/9 {
		t.Errorf("Got(Visits, HelpVisits, HelpRate) = %d, %d, %v, want 9, 3, %v", k.Visits, k.HelpVisits,
			k.HelpRate(), 3.0/9)
	}
	want := []report.GuideStops{
		// V3 and V4 stop at step 2, V5 on the checklist; V2 and V6 reached
		// the end.
		{GuideID: "ameli-compte", Label: "Créer son compte ameli", Visits: 5, Stopped: 3, Step: 2, AtStep: 2,
			ByStep: []int{1, 0, 2, 0, 0, 0}},
		// V7 ended by staff at step 3; V9 asked for an appointment; V11
		// is going on.
		{GuideID: "caf-aide-logement", Label: "caf-aide-logement", Visits: 3, Stopped: 1, Step: 3, AtStep: 1,
			ByStep: []int{0, 0, 0, 1, 0, 0, 0}},
	}
	if !reflect.DeepEqual(k.Stops, want) {
		t.Errorf("Got(Kiosk.Stops) = %+v, want %+v", k.Stops, want)
	}
}

func TestCompute_TopProcedures(t *testing.T) {
	st, _ := marchStats(t, 1)
	want := []kv{{"carte vitale", 2}, {report.KeyOther, 1}, {report.KeyUnknown, 1}}
	if got := values(st.Procedures); !reflect.DeepEqual(got, want) {
		t.Errorf("Got(Procedures) = %v, want %v", got, want)
	}
}

func TestCompute_EmptyPeriod(t *testing.T) {
	db, mediator := openStore(t)
	fill(t, db, mediator)
	p, err := report.Days(journal.NewDate(2025, 6, 1), journal.NewDate(2025, 6, 30))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Days", err)
	}
	st, err := report.Compute(context.Background(), db, p, report.Options{Today: today, Location: paris(t)})
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Compute", err)
	}
	if st.Totals != (report.Totals{}) {
		t.Errorf("Got(Totals) = %+v, want zero", st.Totals)
	}
	if !st.Empty() || len(st.Months) != 1 || st.Months[0].Accompaniments != 0 {
		t.Errorf("Got(Empty(), Months) = %v, %+v, want true and one empty June", st.Empty(), st.Months)
	}
	if n, sum := len(st.Genders.Counts), st.Genders.Sum(); n != 3 || sum != 0 {
		t.Errorf("Got(Genders) = %d values adding up to %d, want 3 values adding up to 0", n, sum)
	}
	if st.Totals.Attendance.Rate() != 0 || st.Kiosk.HelpRate() != 0 {
		t.Errorf("Got(rates) = %v, %v, want 0, 0", st.Totals.Attendance.Rate(), st.Kiosk.HelpRate())
	}
	if len(st.Procedures.Counts) != 0 || len(st.Kiosk.Stops) != 0 {
		t.Errorf("Got(Procedures, Stops) = %v, %v, want none", st.Procedures.Counts, st.Kiosk.Stops)
	}
}

func TestParticipations(t *testing.T) {
	db, mediator := openStore(t)
	f := fill(t, db, mediator)
	p, _ := report.NewPeriod(march, april)
	d, err := report.Load(context.Background(), db, p, paris(t))
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Load", err)
	}
	lines := report.Participations(d, today)
	// Tablette: 4 sessions × 5 lines; démarches: 1 session × 2.
	if len(lines) != 22 {
		t.Fatalf("Got(len(Participations)) = %d, want 22", len(lines))
	}
	type line struct {
		Workshop    int64
		Number      int
		Participant journal.Participant
		Presence    journal.Presence
		Held        bool
		Counted     bool
		Gender      journal.Gender
		Age         journal.AgeBand
		Already     bool
	}
	pick := func(l report.Participation) line {
		return line{l.WorkshopID, l.Number, l.Participant, l.Presence, l.Held, l.Counted, l.Person.Gender,
			l.Person.AgeBand, l.Person.AlreadyAccompanied}
	}
	tests := []struct {
		i    int
		want line
	}{
		// d.Workshops come by first session: démarches (25 February)
		// first; its session of 4 March is its second.
		{0, line{f.demarches.ID, 2, journal.Participant{Anonymous: 1}, journal.Present, true, true,
			journal.GenderMasculin, journal.AgeNonCommunique, false}},
		{1, line{f.demarches.ID, 2, journal.Participant{Anonymous: 2}, journal.Absent, true, false,
			journal.GenderNonCommunique, journal.AgeNonCommunique, false}},
		{2, line{f.tablette.ID, 1, journal.Participant{BeneficiaryID: f.ali}, journal.Present, true, true,
			journal.GenderMasculin, journal.AgeVingtCinqTrenteNeuf, false}},
		{3, line{f.tablette.ID, 1, journal.Participant{BeneficiaryID: f.zoe}, journal.Present, true, true,
			journal.GenderFeminin, journal.AgeSoixanteDixPlus, true}},
		{4, line{f.tablette.ID, 1, journal.Participant{Anonymous: 1}, journal.Present, true, true,
			journal.GenderFeminin, journal.AgeSoixanteSoixanteNeuf, true}},
		{5, line{f.tablette.ID, 1, journal.Participant{Anonymous: 2}, journal.Absent, true, false,
			journal.GenderFeminin, journal.AgeNonCommunique, false}},
		{6, line{f.tablette.ID, 1, journal.Participant{Anonymous: 3}, journal.Excused, true, false,
			journal.GenderNonCommunique, journal.AgeNonCommunique, false}},
		{11, line{f.tablette.ID, 2, journal.Participant{Anonymous: 3}, "", true, true,
			journal.GenderNonCommunique, journal.AgeNonCommunique, false}},
		{17, line{f.tablette.ID, 4, journal.Participant{BeneficiaryID: f.ali}, "", false, false,
			journal.GenderMasculin, journal.AgeVingtCinqTrenteNeuf, false}},
	}
	for _, tt := range tests {
		if got := pick(lines[tt.i]); got != tt.want {
			t.Errorf("Got(Participations[%d]) = %+v, want %+v", tt.i, got, tt.want)
		}
	}
}
