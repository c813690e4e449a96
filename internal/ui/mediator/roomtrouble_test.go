package mediator

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"pasapas/internal/failure"
)

// troubledStation is a fake station that can say its store is failing.
type troubledStation struct {
	*fakeStation
	mu      sync.Mutex
	problem error
}

func (s *troubledStation) Problem() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.problem
}

func (s *troubledStation) set(err error) {
	s.mu.Lock()
	s.problem = err
	s.mu.Unlock()
}

// A station whose disk is full says so above its kiosks, with what to do,
// and stops saying it once its store works again.
func TestRoom_StationTrouble(t *testing.T) {
	h := newRoomSpace(t)
	st := &troubledStation{fakeStation: h.station}
	h.room.SetStation(st, nil)
	h.s.Tick()
	const full = "Le disque de ce poste est plein"
	if strings.Contains(h.texts(), full) {
		t.Fatalf("a station that works says its disk is full:\n%s", h.texts())
	}

	st.set(failure.New(failure.DiskFull, "store kiosk events", errors.New("no space left on device")))
	h.s.Tick()
	h.mustSee(full)
	h.mustSee("Rien n'est perdu")
	h.mustSee("Poste 1 — en ligne") // the kiosks are still listed below

	st.set(failure.New(failure.Damaged, "apply kiosk events", errors.New("database disk image is malformed")))
	h.s.Tick()
	h.mustSee("Ce poste n'arrive plus à enregistrer les visites et les demandes d'aide des postes publics.")
	h.mustSee("Raison : apply kiosk events: database disk image is malformed")

	st.set(nil)
	h.s.Tick()
	if got := h.texts(); strings.Contains(got, full) || strings.Contains(got, "n'arrive plus à enregistrer") {
		t.Fatalf("the station's problem is still shown once it ended:\n%s", got)
	}
	h.mustSee("Poste 1 — en ligne")
}
