package mediator

import (
	"context"
	"strings"
	"testing"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/room"
	"pasapas/internal/visit"
)

// A station's statistics break the room's visits down per PC: the
// kiosks by name, then the station's own visits as « Ce poste ».
func TestStatistics_PerKiosk(t *testing.T) {
	h := newRoomSpace(t)
	ctx := context.Background()
	for id, name := range map[string]string{kiosk1: "Poste 1", kiosk2: "Poste 2"} {
		if err := h.db.NameRoomKiosk(ctx, id, name); err != nil {
			t.Fatal(err)
		}
	}
	end := func(v visit.Visit, o visit.Outcome) visit.Visit {
		v.Ended, v.Outcome, v.Updated = h.now, o, h.now
		return v
	}
	v1 := end(h.visitOn("visit-1", "ameli-compte", 8), visit.Done)
	e, err := room.NewVisitEvent(v1, h.now)
	h.event(kiosk1, e, err)
	v2 := h.visitOn("visit-2", "ameli-compte", 2)
	v2.HelpCount, v2.FirstHelp = 1, h.now
	e, err = room.NewHelpEvent(v2, visit.HelpRequest{VisitKey: v2.Key, Raised: h.now, GuideID: "ameli-compte", Step: 2,
		Screen: visit.Step}, h.now)
	h.event(kiosk2, e, err)
	own := end(visit.Visit{Key: "own", Started: h.now.Add(-time.Hour), Lang: "fr"}, visit.Abandoned)
	if err := h.db.SaveVisit(ctx, own); err != nil {
		t.Fatal(err)
	}

	h.s.Tabs.SelectIndex(4) // Statistiques
	h.s.StatsChoice.SetSelected("Ce mois-ci")
	if h.s.Stats == nil || len(h.s.Stats.Kiosk.ByKiosk) != 3 {
		t.Fatalf("Got(statistics per kiosk) = %+v, want Poste 1, Poste 2 and this PC", h.s.Stats)
	}
	h.mustSee("Kiosque : visites par poste de la salle")
	for _, want := range []string{
		"Poste 1 — visites : 1 ; réussies : 1 ; avec une demande d'aide : 0 (0 %) ; demandes d'aide : 0",
		"Poste 2 — visites : 1 ; réussies : 0 ; avec une demande d'aide : 1 (100 %) ; demandes d'aide : 1",
		"Ce poste — visites : 1 ; réussies : 0 ; avec une demande d'aide : 0 (0 %) ; demandes d'aide : 0",
	} {
		h.mustSee(want)
	}
}

// A PC that is not a station shows no breakdown per kiosk.
func TestStatistics_NoBreakdownAlone(t *testing.T) {
	h := newSpace(t)
	h.login(account.Mediator)
	v := visit.Visit{Key: "own", Started: h.now.Add(-time.Hour), Updated: h.now, Ended: h.now, Lang: "fr",
		Outcome: visit.Done}
	if err := h.db.SaveVisit(context.Background(), v); err != nil {
		t.Fatal(err)
	}
	h.s.Tabs.SelectIndex(4)
	h.s.StatsChoice.SetSelected("Ce mois-ci")
	if h.s.Stats == nil || h.s.Stats.Totals.Visits != 1 {
		t.Fatalf("Got(statistics) = %+v, want one visit", h.s.Stats)
	}
	if strings.Contains(h.texts(), "par poste") {
		t.Fatalf("a PC alone shows a breakdown per kiosk:\n%s", h.texts())
	}
}
