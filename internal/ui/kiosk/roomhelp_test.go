package kiosk

import (
	"strings"
	"testing"
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
