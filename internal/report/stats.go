package report

import "pasapas/internal/journal"

// Labels of the values that are not CRA codes.
const (
	communeUnknownLabel   = "Non communiqué"
	communeUnknownID      = "report.commune.unknown"
	procedureUnknownLabel = "Démarche non précisée"
	procedureUnknownID    = "report.procedure.unknown"
	unknownLabel          = "Non communiqué"
	unknownID             = "report.unknown"
	noTagLabel            = "Sans tag"
	noTagID               = "report.tag.none"
	notReferredLabel      = "Non orienté"
	notReferredID         = "report.referral.none"
)

// StatsOf returns the statistics of the records d (as Load returns them
// for d.Period). See the package comment for what each figure counts.
func StatsOf(d Data, opts Options) Stats {
	a := analyse(d, opts.Today)
	st := Stats{Period: d.Period}
	t := &st.Totals

	// Activities: individual accompaniments and held sessions.
	themes := map[journal.Theme]int{}
	durations := map[journal.DurationBucket]int{}
	places := map[journal.PlaceType]int{}
	adminActivities := 0
	equipment := map[journal.Equipment]int{}
	tags := newTally()
	activity := func(ts, admin []journal.Theme, minutes int, place journal.PlaceType, es []journal.Equipment,
		tagList []string) {
		for _, x := range ts {
			themes[x]++
		}
		for _, x := range admin {
			themes[x]++
		}
		if containsTheme(ts, journal.ThemeAideAuxDemarchesAdministratives) {
			adminActivities++
		}
		durations[journal.BucketOf(minutes)]++
		places[place]++
		countEach(equipment, es, "")
		for _, tag := range tagList {
			tags.add(tag)
		}
		if len(tagList) == 0 {
			tags.add("")
		}
	}
	procedures := newTally()
	autonomy := map[journal.Autonomy]int{}
	referrals := map[journal.Referral]int{}
	for _, acc := range d.Accompaniments {
		activity(acc.Themes, acc.AdminThemes, acc.DurationMinutes, acc.Place.Type, acc.Equipment, acc.Tags)
		if acc.HasAdminTheme() {
			procedures.add(acc.Procedure)
		}
		t.IndividualMinutes += acc.DurationMinutes
		autonomy[acc.Autonomy]++
		if acc.Referred {
			t.Referred++
			referrals[acc.Referral]++
		}
	}
	workshops := map[int64]bool{}
	for _, s := range a.sessions {
		if !s.held {
			continue
		}
		t.Sessions++
		t.SessionMinutes += s.session.DurationMinutes
		workshops[s.workshop.ID] = true
		activity(s.workshop.Themes, s.workshop.AdminThemes, s.session.DurationMinutes, s.workshop.Place.Type,
			s.workshop.Equipment, s.workshop.Tags)
	}
	t.Individual = len(d.Accompaniments)
	t.Workshops = len(workshops)
	t.Activities = t.Individual + t.Sessions

	// Collective accompaniments and attendance.
	for _, p := range a.parts {
		if !p.Held {
			continue
		}
		switch p.Presence {
		case journal.Present:
			t.Attendance.Present++
		case journal.Absent:
			t.Attendance.Absent++
		case journal.Excused:
			t.Attendance.Excused++
		default:
			t.Attendance.Unmarked++
		}
		if p.Counted {
			t.Collective++
			t.ParticipantMinutes += p.Session.DurationMinutes
		}
	}
	t.Accompaniments = t.Individual + t.Collective

	// People.
	genders := map[journal.Gender]int{}
	ages := map[journal.AgeBand]int{}
	statuses := map[journal.SocialStatus]int{}
	communes := newTally()
	for _, p := range a.people {
		t.People++
		if p.named {
			t.Named++
		}
		if p.profile.AlreadyAccompanied {
			t.AlreadyAccompanied++
		}
		if p.inWorkshop {
			t.WorkshopParticipants++
		}
		genders[p.profile.Gender]++
		ages[p.profile.AgeBand]++
		statuses[p.profile.Status]++
		communes.add(p.profile.Commune)
	}
	t.Anonymous = t.People - t.Named
	t.New = t.People - t.AlreadyAccompanied

	st.Themes = enumBreakdown(journal.DigitalThemes(), themes, t.Activities)
	st.AdminThemes = enumBreakdown(journal.AdminThemes(), themes, adminActivities)
	st.Durations = enumBreakdown(journal.DurationBuckets(), durations, t.Activities)
	st.PlaceTypes = enumBreakdown(journal.PlaceTypes(), places, t.Activities)
	top := opts.TopProcedures
	if top <= 0 {
		top = DefaultTopProcedures
	}
	st.Procedures = procedures.breakdown(procedures.total(), procedureUnknownLabel, procedureUnknownID).Top(top)

	st.Genders = enumBreakdown(journal.Genders(), genders, t.People)
	st.AgeBands = enumBreakdown(journal.AgeBands(), ages, t.People)
	st.Statuses = enumBreakdown(journal.SocialStatuses(), statuses, t.People)
	st.Communes = communes.breakdown(t.People, communeUnknownLabel, communeUnknownID)

	st.Equipment = withUnknown(enumBreakdown(journal.Equipments(), equipment, t.Activities), equipment[""],
		unknownLabel, unknownID)
	topTags := opts.TopTags
	if topTags <= 0 {
		topTags = DefaultTopTags
	}
	st.Tags = tags.breakdown(t.Activities, noTagLabel, noTagID).Top(topTags)
	st.Autonomy = withUnknown(enumBreakdown(journal.Autonomies(), autonomy, t.Individual), autonomy[""],
		unknownLabel, unknownID)
	st.Referrals = enumBreakdown(journal.Referrals(), referrals, t.Individual)
	st.Referrals.Counts = append(st.Referrals.Counts, Count{Key: KeyNotReferred, Label: notReferredLabel,
		MessageID: notReferredID, Value: t.Individual - t.Referred})
	st.Months = months(d, a)

	st.Kiosk = kioskStats(d, opts)
	t.Visits = st.Kiosk.Visits
	return st
}

// countEach counts each value of vs once, or none (the zero value) when
// vs is empty.
func countEach[T comparable](counts map[T]int, vs []T, none T) {
	if len(vs) == 0 {
		counts[none]++
		return
	}
	for _, v := range vs {
		counts[v]++
	}
}

// withUnknown returns b with a KeyUnknown count of n appended.
func withUnknown(b Breakdown, n int, label, id string) Breakdown {
	b.Counts = append(b.Counts, Count{Key: KeyUnknown, Label: label, MessageID: id, Value: n})
	return b
}

func containsTheme(ts []journal.Theme, t journal.Theme) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// Marked returns Present + Absent + Excused.
func (a Attendance) Marked() int { return a.Present + a.Absent + a.Excused }

// Rate returns Present / Marked, or 0 when nothing was marked (see
// Marked).
func (a Attendance) Rate() float64 {
	if a.Marked() == 0 {
		return 0
	}
	return float64(a.Present) / float64(a.Marked())
}
