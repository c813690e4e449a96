package kiosk

import (
	"fmt"
	"strings"
	"testing"

	"pasapas/internal/visit"
)

// On a « poste public » the help screen says what the station answered:
// nothing in 2 s, then « J'arrive » from the mediator.
func TestView_RoomHelp(t *testing.T) {
	h := newHarness(t)
	h.tap("Commencer")
	h.tap("J'ai besoin d'aide")
	h.mustSee("Un médiateur arrive.")

	h.v.RoomHelp("", HelpNotReceived)
	h.mustSee("ne reçoit pas votre demande", "Levez la main ou allez à l'accueil.")
	if strings.Contains(h.texts(), "Un médiateur arrive.") {
		t.Fatalf("the screen still says a mediator is coming: %s", h.texts())
	}

	h.v.RoomHelp("another-visit", HelpSeen) // news of another visit: ignored
	h.mustSee("Levez la main ou allez à l'accueil.")

	vis, _ := h.k.Visit()
	h.v.RoomHelp(vis.Key, HelpSeen)
	h.mustSee("a vu votre demande et arrive.")
	h.v.RoomHelp("", HelpReceived) // delivered after « J'arrive »: still « a vu »
	h.mustSee("a vu votre demande et arrive.")

	h.tap("D'accord") // the banner keeps saying it
	h.mustSee("Un médiateur a vu votre demande et arrive.")

	// A second request: nothing known of it yet, then the station is away.
	h.tap("J'ai besoin d'aide")
	h.mustSee("Un médiateur arrive.")
	h.v.RoomHelp("", HelpNotReceived)
	h.mustSee("ne reçoit pas votre demande", "Levez la main ou allez à l'accueil.")
}

// « Aide terminée » on the station closes the help screen: the visitor is
// back on their step, no banner says help is coming, and the visit ends
// for inactivity as usual again. It ends only a request the station had.
func TestView_RoomHelpDone(t *testing.T) {
	h := newHarness(t)
	h.toSiteStep("fr")
	step := h.k.StepIndex()
	progress := fmt.Sprintf("Étape %d sur %d", step+1, len(h.k.Guide().Steps))
	h.tap("J'ai besoin d'aide")
	h.mustSee("Un médiateur arrive.")
	vis, _ := h.k.Visit()

	h.v.RoomHelp(vis.Key, HelpDone) // the station never said it had the request
	if !h.k.HelpShown() || !h.k.HelpWaiting() {
		t.Fatalf("Got(help shown, waiting) = %v, %v, want true, true: the request was not delivered yet",
			h.k.HelpShown(), h.k.HelpWaiting())
	}

	h.v.RoomHelp("", HelpReceived)
	h.v.RoomHelp("another-visit", HelpDone) // news of another visit: ignored
	h.mustSee("Un médiateur arrive.")
	h.v.RoomHelp(vis.Key, HelpSeen)
	h.mustSee("a vu votre demande et arrive.")
	h.v.RoomHelp(vis.Key, HelpDone)
	if h.k.HelpShown() || h.k.HelpWaiting() {
		t.Fatalf("Got(help shown, waiting) = %v, %v after « Aide terminée », want false, false",
			h.k.HelpShown(), h.k.HelpWaiting())
	}
	if got := h.texts(); strings.Contains(got, "arrive") || strings.Contains(got, "demandé de l'aide") {
		t.Fatalf("Got(screen after « Aide terminée ») = %s, want no word of help coming", got)
	}
	if h.k.Screen() != visit.Step || h.k.StepIndex() != step {
		t.Fatalf("Got(screen) = %s, step %d, want the step the visitor asked from (%d)", h.k.Screen(), h.k.StepIndex(), step)
	}
	h.mustSee(progress)
	h.v.RoomHelp("", HelpReceived) // a late « delivered »: the help stays ended
	if h.k.HelpWaiting() || h.k.HelpShown() {
		t.Fatal("a late « delivered » brought the help back")
	}

	// A new request starts again.
	h.tap("J'ai besoin d'aide")
	h.mustSee("Un médiateur arrive.")
	if !h.k.HelpWaiting() {
		t.Fatal("Got(HelpWaiting) = false after a new request, want true")
	}
}

// The staff shortcut of a « poste public » says where the mediator space
// is, and opens nothing.
func TestView_StaffElsewhere(t *testing.T) {
	h := newHarness(t)
	opened := 0
	h.v.OnStaff = func() { opened++ }
	h.v.StaffElsewhere = true
	h.v.staff()
	h.mustSee("L'espace médiateur est sur le poste du médiateur.")
	if opened != 0 {
		t.Fatalf("Got(OnStaff calls) = %d, want 0 on a poste public", opened)
	}
}
