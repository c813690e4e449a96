package mediator

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"pasapas/internal/room"
	"pasapas/internal/visit"
)

// « Aide terminée » on a kiosk's request tells that kiosk, and only it,
// once the visit has no other request open.
func TestRoom_HelpDoneReachesTheKiosk(t *testing.T) {
	h := newRoomSpace(t)
	help := func(kioskID string, v visit.Visit) {
		v.HelpCount++
		v.FirstHelp, v.Updated = h.now, h.now
		e, err := room.NewHelpEvent(v, visit.HelpRequest{VisitKey: v.Key, Raised: h.now, GuideID: v.GuideID,
			Step: v.FurthestStep, Screen: visit.Step}, h.now)
		h.event(kioskID, e, err)
	}
	// Poste 2 asks twice during one visit; Poste 1 once.
	v2 := h.visitOn("visit-2", "ameli-compte", 2)
	help(kiosk2, v2)
	h.now = h.now.Add(time.Minute)
	v2.HelpCount = 1
	help(kiosk2, v2)
	h.now = h.now.Add(time.Minute)
	help(kiosk1, h.visitOn("visit-1", "ameli-compte", 3))
	h.s.Tick()
	h.mustSee("Poste 2 — Demandée à 10:00")
	h.mustSee("Poste 2 — Demandée à 10:01")
	h.mustSee("Poste 1 — Demandée à 10:02")

	done := func(kioskID string) int {
		n := 0
		for _, c := range h.station.commands(kioskID) {
			if c.Kind == room.HelpDone {
				n++
			}
		}
		return n
	}
	// The first of Poste 2's requests: the other still waits, the kiosk's
	// help screen stays.
	test.Tap(h.buttons("Aide terminée")[0])
	h.s.Tick()
	if n := done(kiosk2); n != 0 {
		t.Fatalf("Got(« Aide terminée » sent to Poste 2) = %d, want 0 while its other request waits", n)
	}
	// The second: now the kiosk hears it.
	test.Tap(h.buttons("Aide terminée")[0])
	h.s.Tick()
	got := h.station.commands(kiosk2)
	if done(kiosk2) != 1 || got[len(got)-1] != (room.Command{Kind: room.HelpDone, VisitKey: "visit-2", At: h.now}) {
		t.Fatalf("Got(commands to Poste 2) = %+v, want one HelpDone of visit-2", got)
	}
	if n := done(kiosk1); n != 0 {
		t.Fatalf("Got(« Aide terminée » sent to Poste 1) = %d, want 0", n)
	}
	h.mustSee("Poste 1 — Demandée à 10:02")

	// A kiosk that cannot be told: logged, the request resolved all the same.
	h.station.mu.Lock()
	h.station.fail[kiosk1] = true
	h.station.mu.Unlock()
	test.Tap(h.buttons("Aide terminée")[0])
	h.s.Tick()
	h.mustSee("Aucune demande d'aide en attente.")
}
