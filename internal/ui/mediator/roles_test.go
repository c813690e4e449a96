package mediator

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"pasapas/internal/account"
	"pasapas/internal/room"
)

// fakeRoles records what the space asked.
type fakeRoles struct {
	role                   string
	madeStation, restarted int
	joined                 []string
	joinErr                error
}

func (f *fakeRoles) Role() string                      { return f.role }
func (f *fakeRoles) MakeStation(context.Context) error { f.madeStation++; return nil }
func (f *fakeRoles) Restart()                          { f.restarted++ }
func (f *fakeRoles) Stations(context.Context) ([]FoundStation, error) {
	return []FoundStation{{Name: "Accueil", Addr: "192.168.1.20:4443"}}, nil
}
func (f *fakeRoles) Join(_ context.Context, addr, code, name string) error {
	f.joined = append(f.joined, addr+" "+code+" "+name)
	return f.joinErr
}

// In the settings, a « poste seul » becomes the station after a second
// tap, and the program starts again as one; a station only says what it
// is.
func TestSettings_RoleOfThisPC(t *testing.T) {
	h := newSpace(t)
	r := &fakeRoles{role: RoleAlone}
	h.s.Roles = r
	h.login(account.Coordinator)
	h.s.openSettings = true // showHome opens on « Réglages »
	h.s.showHome()
	h.mustSee("Ce poste est un poste seul")
	test.Tap(h.s.RoleStation)
	if r.madeStation != 0 {
		t.Fatal("the PC became the station without the confirmation")
	}
	test.Tap(h.s.RoleStationConfirm)
	if r.madeStation != 1 || r.restarted != 1 {
		t.Fatalf("after the confirmation: made %d, restarted %d; want 1, 1", r.madeStation, r.restarted)
	}
	r.role = RoleStation
	h.s.showHome()
	h.mustSee("Ce poste est le poste du médiateur")
	if len(h.buttons("Relier ce poste à un poste du médiateur")) > 0 {
		t.Fatal("a station offers to become a public PC")
	}
}

// The join page: a station found on the network fills the address; a
// malformed code is said before anything is sent; the station's refusal
// is worded; a right code restarts the program.
func TestJoinPage(t *testing.T) {
	h := newSpace(t)
	r := &fakeRoles{role: RoleAlone, joinErr: room.ErrCodeExpired}
	h.s.Roles = r
	h.s.door.joinPage(func() {})
	test.Tap(h.button("Accueil — 192.168.1.20:4443"))
	f := h.s.JoinFields
	if f[0].Text != "192.168.1.20:4443" {
		t.Fatalf("address after choosing the station found: %q", f[0].Text)
	}
	f[1].SetText("ABC")
	f[2].SetText("Poste 1")
	test.Tap(h.s.JoinSubmit)
	if len(r.joined) != 0 {
		t.Fatal("a malformed code was sent")
	}
	h.mustSee("Ce code n'est pas le bon")
	f[1].SetText("abcde-12345")
	test.Tap(h.s.JoinSubmit)
	h.mustSee("Ce code a expiré")
	r.joinErr = nil
	test.Tap(h.s.JoinSubmit)
	if r.restarted != 1 || len(r.joined) != 2 {
		t.Fatalf("after a right code: joined %v, restarted %d", r.joined, r.restarted)
	}
}
