package mediator

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"pasapas/internal/account"
	"pasapas/internal/room"
	"pasapas/internal/visit"
)

// fakeStation is a station with fixed kiosks that records what it sends.
type fakeStation struct {
	mu     sync.Mutex
	kiosks []RoomKiosk
	sent   map[string][]room.Command // by kiosk id
	fail   map[string]bool           // kiosks Send fails for
	codes  int
}

func (f *fakeStation) Kiosks() ([]RoomKiosk, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]RoomKiosk(nil), f.kiosks...), nil
}

func (f *fakeStation) Send(_ context.Context, kioskID string, c room.Command) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail[kioskID] {
		return errors.New("no route to the kiosk")
	}
	f.sent[kioskID] = append(f.sent[kioskID], c)
	return nil
}

func (f *fakeStation) NewCode() (string, time.Time, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.codes++
	return "ABCD2345KM", time.Date(2026, 6, 1, 10, 10, 0, 0, time.Local), nil
}

func (f *fakeStation) Addr() string { return "192.168.1.10:4737" }

func (f *fakeStation) commands(kioskID string) []room.Command {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]room.Command(nil), f.sent[kioskID]...)
}

const (
	kiosk1 = "k0000000001"
	kiosk2 = "k0000000002"
	kiosk3 = "k0000000003"
)

// roomHarness is a station's mediator space over a real database, with a
// fake station of three kiosks.
type roomHarness struct {
	*spaceHarness
	room    *Room
	station *fakeStation
}

func newRoomSpace(t *testing.T) *roomHarness {
	t.Helper()
	h := newSpace(t)
	r := NewRoom(h.db, h.db.RoomVisitKiosk, nil)
	r.Now = func() time.Time { return h.now }
	st := &fakeStation{kiosks: []RoomKiosk{{kiosk1, "Poste 1", true}, {kiosk2, "Poste 2", true}, {kiosk3, "Poste 3", false}},
		sent: map[string][]room.Command{}, fail: map[string]bool{}}
	r.SetStation(st, nil)
	h.s.Queue = r
	h.s.Setup = false
	h.login(account.Mediator)
	return &roomHarness{spaceHarness: h, room: r, station: st}
}

// event does what the station does with a kiosk's event: its store
// applies it, then OnEvent tells the room and the space refreshes.
func (h *roomHarness) event(kioskID string, e room.Event, err error) {
	h.t.Helper()
	if err != nil {
		h.t.Fatal(err)
	}
	if err := h.db.ApplyRoomEvent(context.Background(), kioskID, e); err != nil {
		h.t.Fatalf("Got(ApplyRoomEvent) = %v, want nil", err)
	}
	h.room.Event(kioskID, e)
	h.s.Tick()
}

func (h *roomHarness) visitOn(key, guideID string, step int) visit.Visit {
	return visit.Visit{Key: key, Started: h.now.Add(-5 * time.Minute), Updated: h.now, Lang: "fr", GuideID: guideID,
		StepCount: 8, FurthestStep: step}
}

func TestRoom_ThreeKiosks(t *testing.T) {
	h := newRoomSpace(t)
	h.mustSee("Les postes publics de la salle")
	for _, want := range []string{
		"Poste 1 — en ligne — pas de nouvelles depuis le démarrage",
		"Poste 2 — en ligne — pas de nouvelles depuis le démarrage",
		"Poste 3 — hors ligne — pas de nouvelles depuis le démarrage",
		"Aucune demande d'aide en attente.",
	} {
		h.mustSee(want)
	}
	if got := h.texts(); strings.Contains(got, "Au kiosque") || strings.Contains(got, "Terminer la visite au kiosque") {
		t.Fatalf("a station shows a kiosk of its own:\n%s", got)
	}

	// Poste 1 reaches step 3 of ameli; Poste 2 asks for help on the CAF's guide.
	v1 := h.visitOn("visit-1", "ameli-compte", 3)
	e, err := room.NewVisitEvent(v1, h.now)
	h.event(kiosk1, e, err)
	h.mustSee("Poste 1 — en ligne — Créer votre compte ameli — étape 3 sur 8 (10:00)")

	v2 := h.visitOn("visit-2", "ameli-compte", 2)
	v2.HelpCount, v2.FirstHelp = 1, h.now
	e, err = room.NewHelpEvent(v2, visit.HelpRequest{VisitKey: v2.Key, Raised: h.now, GuideID: "ameli-compte", Step: 2, Screen: visit.Step}, h.now)
	h.event(kiosk2, e, err)
	h.mustSee("Poste 2 — en ligne — demande d'aide à 10:00 — Créer votre compte ameli — étape 2")
	h.mustSee("Poste 2 — Demandée à 10:00 — Créer votre compte ameli — étape 2")
	h.mustSee("Poste 3 — hors ligne — pas de nouvelles depuis le démarrage")
	waitChimes(t, h.spaceHarness, 1)

	// « J'arrive » on Poste 2's request reaches Poste 2, and only it.
	test.Tap(h.button("J'arrive"))
	h.mustSee("Poste 2 — Demandée à 10:00 — Créer votre compte ameli — étape 2 — un médiateur arrive")
	got := h.station.commands(kiosk2)
	if len(got) != 1 || got[0].Kind != room.HelpSeen || got[0].VisitKey != "visit-2" {
		t.Fatalf("Got(commands to Poste 2) = %+v, want one HelpSeen of visit-2", got)
	}
	if other := h.station.commands(kiosk1); len(other) != 0 {
		t.Fatalf("Got(commands to Poste 1) = %+v, want none", other)
	}

	// Poste 1 asks too, but « J'arrive » cannot reach it: the request says so.
	h.station.mu.Lock()
	h.station.fail[kiosk1] = true
	h.station.mu.Unlock()
	h.now = h.now.Add(time.Minute)
	v1.HelpCount, v1.FirstHelp, v1.Updated = 1, h.now, h.now
	e, err = room.NewHelpEvent(v1, visit.HelpRequest{VisitKey: v1.Key, Raised: h.now, GuideID: "ameli-compte", Step: 3, Screen: visit.Step}, h.now)
	h.event(kiosk1, e, err)
	h.mustSee("Poste 1 — Demandée à 10:01 — Créer votre compte ameli — étape 3")
	waitChimes(t, h.spaceHarness, 2)
	test.Tap(h.button("J'arrive"))
	h.mustSee("Poste 1 — Demandée à 10:01 — Créer votre compte ameli — étape 3 — le poste n'a pas reçu « J'arrive » — un médiateur arrive")

	// Poste 2's visit ends: its request leaves the queue.
	v2.Ended, v2.Outcome, v2.Updated = h.now, visit.Done, h.now
	e, err = room.NewVisitEvent(v2, h.now)
	h.event(kiosk2, e, err)
	h.mustSee("Poste 2 — en ligne — visite terminée à 10:01")
	// The day's visits are the room's, each with its PC; a station has
	// no kiosk to go back to.
	h.mustSee("Visites des postes publics aujourd'hui")
	h.mustSee("Poste 2 — 09:55 — Créer votre compte ameli — réussi")
	if len(h.buttons("Retour au kiosque")) != 0 || strings.Contains(h.texts(), "Visites au kiosque") {
		t.Fatalf("a station's window speaks of its own kiosk:\n%s", h.texts())
	}
	if strings.Contains(h.texts(), "Poste 2 — Demandée") {
		t.Fatalf("the ended visit's help request is still shown:\n%s", h.texts())
	}

	// Poste 2, in full screen, is closed from here: a second tap names it;
	// Poste 3, offline, offers nothing.
	closes := h.buttons("Fermer")
	if len(closes) != 2 {
		t.Fatalf("Got(« Fermer » buttons) = %d, want one per online PC (2)", len(closes))
	}
	before := len(h.station.commands(kiosk2))
	test.Tap(closes[1])
	if len(h.station.commands(kiosk2)) != before {
		t.Fatal("a PC was closed without the second tap")
	}
	test.Tap(h.button("Confirmer : fermer Pas à pas sur Poste 2"))
	if got := h.station.commands(kiosk2); len(got) != before+1 || got[len(got)-1].Kind != room.Quit {
		t.Fatalf("Got(commands to Poste 2) = %+v, want a Quit last", got)
	}
	h.mustSee("Pas à pas se ferme sur Poste 2.")

	// A pairing code for a fourth kiosk.
	test.Tap(h.button("Relier un poste public"))
	code := room.FormatCode("ABCD2345KM")
	h.mustSee("Code : " + code + " — adresse de ce poste : 192.168.1.10:4737 (valable jusqu'à 10:10, une seule fois). Sur le poste public, à l'installation, choisissez « Poste public »")
}

// After the station restarts, the room knows no event yet, but the help
// requests already in the database still carry their kiosk's name.
func TestRoom_NamesAfterRestart(t *testing.T) {
	h := newRoomSpace(t)
	v := h.visitOn("visit-9", "ameli-compte", 1)
	e, err := room.NewHelpEvent(v, visit.HelpRequest{VisitKey: v.Key, Raised: h.now, GuideID: "ameli-compte", Step: 1, Screen: visit.Step}, h.now)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.db.ApplyRoomEvent(context.Background(), kiosk3, e); err != nil {
		t.Fatal(err)
	}
	h.s.Tick()
	h.s.Tick() // the first poll learns the kiosk of the request; the list redraws on the next
	h.mustSee("Poste 3 — Demandée à 10:00 — Créer votre compte ameli — étape 1")
	h.mustSee("Poste 3 — hors ligne — pas de nouvelles depuis le démarrage")
}

// A station that did not start says so where the kiosks would be.
func TestRoom_StationFailed(t *testing.T) {
	h := newRoomSpace(t)
	h.room.SetStation(nil, errors.New("listen tcp 0.0.0.0:4737: address already in use"))
	h.s.Tick()
	h.mustSee("La station ne fonctionne pas : les postes publics ne peuvent pas la joindre. Raison : listen tcp 0.0.0.0:4737: address already in use")
}

func waitChimes(t *testing.T, h *spaceHarness, want int32) {
	t.Helper()
	for i := 0; i < 100 && h.chimes.Load() < want; i++ {
		time.Sleep(5 * time.Millisecond) // the chime plays on its own goroutine
	}
	if got := h.chimes.Load(); got != want {
		t.Fatalf("Got(chimes) = %d, want %d", got, want)
	}
}

// A public PC whose clock is wrong is said in the room: the times of its
// visits and help requests come from it. An event that waited in the
// outbox (the station was away) is not taken for a wrong clock once a
// live one came; a past visit sent after joining counts for nothing.
func TestRoom_KioskClockOff(t *testing.T) {
	h := newRoomSpace(t)
	v := h.visitOn("visit-a", "ameli-compte", 1)
	e, err := room.NewVisitEvent(v, h.now.Add(31*time.Minute)) // Poste 1's clock is 31 min fast
	h.event(kiosk1, e, err)
	h.mustSee("Poste 1 — en ligne")
	h.mustSee("l'horloge de ce poste avance de 31 min")

	w := h.visitOn("visit-b", "ameli-compte", 1)
	e, err = room.NewVisitEvent(w, h.now.Add(-40*time.Minute)) // waited 40 min in Poste 2's outbox…
	h.event(kiosk2, e, err)
	h.mustSee("l'horloge de ce poste retarde de 40 min")
	w.FurthestStep, w.Updated = 2, h.now
	e, err = room.NewVisitEvent(w, h.now) // …then a live one: the clock is right
	h.event(kiosk2, e, err)
	if strings.Contains(h.texts(), "retarde") {
		t.Fatalf("a delayed event still taken for a slow clock:\n%s", h.texts())
	}
	old := h.visitOn("visit-c", "ameli-compte", 1)
	e, err = room.NewVisitEvent(old, h.now.Add(-300*24*time.Hour))
	e.Past = true // sent once after joining: its time is its own
	h.event(kiosk2, e, err)
	if strings.Contains(h.texts(), "retarde") {
		t.Fatal("a past visit was taken for a slow clock")
	}
}
