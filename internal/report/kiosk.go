package report

import (
	"slices"

	"pasapas/internal/visit"
)

// Ongoing is the outcome key of the visits not ended.
const Ongoing = "ongoing"

var outcomeLabels = map[visit.Outcome]string{
	visit.Done:         "Réussi",
	visit.NotYet:       "Pas encore",
	visit.Appointment:  "Besoin d’un rendez-vous",
	visit.Abandoned:    "Arrêtée avant la fin",
	visit.TimedOut:     "Sans réponse (délai dépassé)",
	visit.EndedByStaff: "Terminée par l’équipe",
	"":                 "En cours",
}

// OutcomeLabel returns the French label of an outcome ("" is a visit
// going on).
func OutcomeLabel(o visit.Outcome) string { return outcomeLabels[o] }

// OutcomeMessageID returns the message id of an outcome's label:
// "report.outcome.<outcome>", or "report.outcome.ongoing" for "".
func OutcomeMessageID(o visit.Outcome) string { return "report.outcome." + outcomeKey(o) }

func outcomeKey(o visit.Outcome) string {
	if o == "" {
		return Ongoing
	}
	return string(o)
}

const (
	noGuideLabel = "Aucun guide choisi"
	noGuideID    = "report.guide.none"
)

// Stopped reports whether visit v stopped before "Did you manage?":
// abandoned, timed out, ended by staff, or "not yet" before the last step
// (from the checklist).
func Stopped(v visit.Visit) bool {
	switch v.Outcome {
	case visit.Abandoned, visit.TimedOut, visit.EndedByStaff:
		return true
	case visit.NotYet:
		return v.FurthestStep < v.StepCount
	}
	return false
}

// HelpRate returns HelpVisits / Visits, or 0 without visits.
func (k Kiosk) HelpRate() float64 {
	if k.Visits == 0 {
		return 0
	}
	return float64(k.HelpVisits) / float64(k.Visits)
}

func kioskStats(d Data, opts Options) Kiosk {
	k := Kiosk{Visits: len(d.Visits)}
	perGuide := map[string]int{}
	outcomes := map[visit.Outcome]int{}
	stops := map[string]*GuideStops{}
	for _, v := range d.Visits {
		if v.HelpCount > 0 {
			k.HelpVisits++
		}
		perGuide[v.GuideID]++
		outcomes[v.Outcome]++
		if v.GuideID == "" {
			continue
		}
		g := stops[v.GuideID]
		if g == nil {
			g = &GuideStops{GuideID: v.GuideID}
			stops[v.GuideID] = g
		}
		g.Visits++
		if n := max(v.StepCount, v.FurthestStep) + 1; len(g.ByStep) < n {
			g.ByStep = append(g.ByStep, make([]int, n-len(g.ByStep))...)
		}
		if Stopped(v) {
			g.Stopped++
			g.ByStep[v.FurthestStep]++
		}
	}

	k.Guides.Total = k.Visits
	for id, n := range perGuide {
		if id != KeyNoGuide {
			k.Guides.Counts = append(k.Guides.Counts, Count{Key: id, Label: guideLabel(opts, id), Value: n})
		}
	}
	slices.SortFunc(k.Guides.Counts, byValueThenKey)
	if n := perGuide[KeyNoGuide]; n > 0 {
		k.Guides.Counts = append(k.Guides.Counts, Count{Key: KeyNoGuide, Label: noGuideLabel, MessageID: noGuideID, Value: n})
	}

	k.Outcomes.Total = k.Visits
	for _, o := range append(visit.Outcomes(), "") {
		k.Outcomes.Counts = append(k.Outcomes.Counts, Count{Key: outcomeKey(o), Label: OutcomeLabel(o),
			MessageID: OutcomeMessageID(o), Value: outcomes[o]})
	}

	for _, c := range k.Guides.Counts {
		g := stops[c.Key]
		if g == nil {
			continue
		}
		g.Label = c.Label
		for step, n := range g.ByStep {
			if n > g.AtStep {
				g.Step, g.AtStep = step, n
			}
		}
		k.Stops = append(k.Stops, *g)
	}
	k.ByKiosk = byKiosk(d)
	return k
}

func guideLabel(opts Options, id string) string {
	if opts.GuideTitle != nil {
		if t := opts.GuideTitle(id); t != "" {
			return t
		}
	}
	return id
}
