package demo

import (
	"context"
	"slices"
	"time"

	"pasapas/internal/guide"
	"pasapas/internal/journal"
	"pasapas/internal/visit"
)

// guideWeights says how often each built-in guide is chosen; a guide not
// listed weighs 5.
var guideWeights = map[string]int{
	"caf-aide-logement": 12, "ameli-compte": 10, "france-travail-inscription": 10, "creer-adresse-email": 10,
	"ants-carte-identite-passeport": 9, "prime-activite-rsa-declaration": 9, "impots-declarer-revenus": 6,
	"identite-numerique-franceconnect": 8, "impots-espace-particulier": 5, "complementaire-sante-solidaire": 5,
	"logement-social-demande": 5, "mon-espace-sante": 4,
}

// guideWeight returns the weight of guide id in month m: income tax
// declarations triple from April to June.
func guideWeight(id string, m time.Month) int {
	w, ok := guideWeights[id]
	if !ok {
		w = 5
	}
	if id == "impots-declarer-revenus" && m >= time.April && m <= time.June {
		w *= 3
	}
	return w
}

// kioskDay writes the kiosk visits of day d and returns them.
func (f *filler) kioskDay(ctx context.Context, d journal.Date) ([]visit.Visit, error) {
	n := f.g.between(3, 12) * season(d.Month) / 100
	choices := make([]weighted[*guide.Guide], len(f.opts.Guides))
	for i, g := range f.opts.Guides {
		choices[i] = weighted[*guide.Guide]{g, guideWeight(g.ID, d.Month)}
	}
	// Visits start in the opening hours, 9:00–12:00 and 14:00–17:30, in
	// time order.
	starts := make([]int, n) // minutes after midnight
	for i := range starts {
		if f.g.chance(0.45) {
			starts[i] = f.g.between(9*60, 12*60-1)
		} else {
			starts[i] = f.g.between(14*60, 17*60+29)
		}
	}
	slices.Sort(starts)
	out := make([]visit.Visit, 0, n)
	for _, m := range starts {
		start := d.In(f.opts.Location).Add(time.Duration(m)*time.Minute + time.Duration(f.g.intn(60))*time.Second)
		v := f.visit(start, choices)
		if err := f.s.SaveVisit(ctx, v); err != nil {
			return nil, err
		}
		out = append(out, v)
		f.res.Visits++
	}
	return out, nil
}

// hardStep returns, for guide g, the step where its visitors most often give
// up, drawn the first time the guide is visited.
func (f *filler) hardStep(g *guide.Guide) int {
	if f.hard == nil {
		f.hard = map[string]int{}
	}
	s, ok := f.hard[g.ID]
	if !ok {
		s = f.g.between(1, max(len(g.Steps), 1))
		f.hard[g.ID] = s
	}
	return s
}

// visit returns one visit started at start: a guide chosen (or none), the
// steps walked until the visitor stops or reaches "Did you manage?",
// help asked now and then, and how it ended.
func (f *filler) visit(start time.Time, choices []weighted[*guide.Guide]) visit.Visit {
	g := f.g
	v := visit.Visit{Key: g.key(), Started: start, Lang: pick(g, langs), MaxTextSize: 1}
	switch {
	case g.chance(0.07):
		v.MaxTextSize = 3
	case g.chance(0.18):
		v.MaxTextSize = 2
	}
	minutes := g.between(1, 3)
	if g.chance(0.08) {
		// Looked at the categories and left.
		v.Outcome = pick(g, []weighted[visit.Outcome]{{visit.Abandoned, 6}, {visit.TimedOut, 4}})
	} else {
		gd := pick(g, choices)
		v.GuideID, v.StepCount = gd.ID, len(gd.Steps)
		hard := f.hardStep(gd)
		switch {
		case g.chance(0.04):
			v.Outcome = visit.NotYet // "stop for today" on the checklist
		case g.chance(0.02):
			v.Outcome = pick(g, []weighted[visit.Outcome]{{visit.Abandoned, 6}, {visit.TimedOut, 4}})
		default:
			for step := 1; step <= v.StepCount; step++ {
				v.FurthestStep = step
				minutes += g.between(1, 4)
				p := 0.015
				if step == hard {
					p = 0.2
				}
				if g.chance(p) {
					v.Outcome = pick(g, []weighted[visit.Outcome]{
						{visit.Abandoned, 6}, {visit.TimedOut, 3}, {visit.EndedByStaff, 1}})
					break
				}
			}
			if v.Outcome == "" {
				v.Outcome = pick(g, []weighted[visit.Outcome]{
					{visit.Done, 70}, {visit.NotYet, 18}, {visit.Appointment, 12}})
			}
		}
	}
	help := 0.15
	if v.Outcome != visit.Done {
		help = 0.3
	}
	if g.chance(help) {
		v.HelpCount = 1
		if g.chance(0.2) {
			v.HelpCount = 2
		}
		v.FirstHelp = start.Add(time.Duration(g.between(1, minutes)) * time.Minute)
	}
	if v.Outcome == visit.TimedOut {
		minutes += 3 // the idle time before the kiosk gives up
	}
	v.Ended = start.Add(time.Duration(minutes) * time.Minute)
	v.Updated = v.Ended
	return v
}
