package mediator

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"pasapas/internal/account"
	"pasapas/internal/audit"
	"pasapas/internal/journal"
	"pasapas/internal/visit"
)

// newAccompaniment opens the form of a new accompaniment, as « Nouvel
// accompagnement » does, in a window the size of a 1366 × 768 laptop.
func (h *spaceHarness) newAccompaniment(me account.Account) *accForm {
	h.t.Helper()
	h.w.Resize(fyne.NewSize(1366, 740))
	h.s.jr.openForm(journal.NewAccompaniment(journal.DateOf(h.now), me.ID), "Nouvel accompagnement")
	if h.s.Form == nil {
		h.t.Fatal("the form did not open")
	}
	return h.s.Form
}

func (h *spaceHarness) accompaniments() []journal.Accompaniment {
	h.t.Helper()
	today := journal.DateOf(h.now)
	accs, err := h.db.Accompaniments(context.Background(), today.AddDays(-2), today.AddDays(2))
	if err != nil {
		h.t.Fatal(err)
	}
	return accs
}

// From scratch at 1366 × 768: the form is no wider than the screen, the
// person's commune comes from the official list (INSEE code included).
func TestAccForm_FromScratchWithTheCommune(t *testing.T) {
	h := newSpace(t)
	me := h.login(account.Mediator)
	f := h.newAccompaniment(me)
	if w := h.w.Content().MinSize().Width; w > 1340 {
		t.Fatalf("the form needs %.0f px: wider than a 1366 px screen", w)
	}
	f.duration.Set(45)
	f.placeType.Set(journal.PlaceLieuActivite)
	f.placeName.SetText("Espace numérique")
	test.Tap(f.themes.Check(journal.ThemeEmail))
	f.person.commune.Postal.SetText("69003")
	f.person.commune.Name.SetText("")
	test.Tap(f.Save)
	if h.s.Form != nil {
		t.Fatalf("not saved: %s", f.Errors())
	}
	accs := h.accompaniments()
	if len(accs) != 1 || accs[0].Person.INSEE != "69383" || accs[0].Person.PostalCode != "69003" ||
		!strings.HasPrefix(accs[0].Person.Commune, "Lyon") || accs[0].DurationMinutes != 45 {
		t.Fatalf("saved %+v, want 45 min and Lyon 3e (69003, INSEE 69383)", accs)
	}
	h.mustSee("Accompagnement enregistré.")
}

// A failed save says so next to « Enregistrer », puts each problem under
// its field and brings the first into view; nothing is saved.
func TestAccForm_ProblemsUnderTheirFields(t *testing.T) {
	h := newSpace(t)
	me := h.login(account.Mediator)
	f := h.newAccompaniment(me)
	f.duration.Set(30)
	f.placeType.Set(journal.PlaceLieuActivite)
	f.placeName.SetText("Espace numérique")
	test.Tap(f.themes.Check(journal.ThemeEmail))
	f.person.commune.Postal.SetText("99999")
	test.Tap(f.Save)
	if h.s.Form == nil || len(h.accompaniments()) != 0 {
		t.Fatal("an accompaniment with an unknown postal code was saved")
	}
	if f.summary.Text != "1 point à corriger, indiqué sous son champ." {
		t.Fatalf("next to « Enregistrer »: %q", f.summary.Text)
	}
	if l := f.errs["person"]; l.Hidden || !strings.Contains(l.Text, "Choisissez la commune") || !strings.Contains(f.person.commune.Error.Text, "code postal n'existe pas") {
		t.Fatalf("under the person: %q / %q", l.Text, f.person.commune.Error.Text)
	}
	if f.scroll.Offset.Y <= 0 {
		t.Fatal("the form did not scroll to the problem, at the bottom")
	}
}

// A mistaken accompaniment is deleted after a second confirmation, audited,
// and gone from every list.
func TestAccForm_Delete(t *testing.T) {
	h := newSpace(t)
	me := h.login(account.Mediator)
	a := journal.NewAccompaniment(journal.DateOf(h.now), me.ID)
	a.DurationMinutes, a.Place.Name = 30, "Centre"
	a.Themes = []journal.Theme{journal.ThemeEmail}
	saved, err := h.db.SaveAccompaniment(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	h.s.jr.openForm(saved, "Modifier")
	f := h.s.Form
	if f.Delete.Hidden || !f.ConfirmDel.Hidden {
		t.Fatal("an existing accompaniment has no « Supprimer », or it deletes in one tap")
	}
	test.Tap(f.Delete)
	if len(h.accompaniments()) != 1 {
		t.Fatal("deleted without the confirmation")
	}
	test.Tap(f.ConfirmDel)
	if len(h.accompaniments()) != 0 || h.s.Form != nil {
		t.Fatal("the accompaniment is still there after the confirmation")
	}
	h.mustSee("Accompagnement supprimé.")
	entries, err := h.db.AuditEntries(context.Background(), h.now.Add(-time.Hour), h.now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		found = found || (e.Action == audit.RecordDeleted && e.AccountID == me.ID)
	}
	if !found {
		t.Fatalf("no audit entry of the deletion in %+v", entries)
	}
}

// A consenting beneficiary is found by typing part of the name and linked.
func TestAccForm_PickABeneficiary(t *testing.T) {
	h := newSpace(t)
	me := h.login(account.Mediator)
	b := journal.NewBeneficiary(journal.DateOf(h.now), me.ID)
	b.FirstName, b.LastName = "Martine", "Durand"
	saved, err := h.db.SaveBeneficiary(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	f := h.newAccompaniment(me)
	f.duration.Set(30)
	f.placeType.Set(journal.PlaceLieuActivite)
	f.placeName.SetText("Espace numérique")
	test.Tap(f.themes.Check(journal.ThemeEmail))
	test.Type(f.person.Search, "dur")
	test.Tap(h.button("Martine Durand"))
	h.mustSee("Bénéficiaire suivi : Martine Durand")
	if !f.person.profile.Hidden {
		t.Fatal("the anonymous profile is still asked for a named beneficiary")
	}
	test.Tap(f.Save)
	if accs := h.accompaniments(); len(accs) != 1 || accs[0].BeneficiaryID != saved.ID {
		t.Fatalf("saved %+v, want linked to beneficiary %d", accs, saved.ID)
	}
}

// A coordinator adds a town hall's site; a look-alike host is refused with
// a message and nothing is saved.
func TestSettings_OfficialHosts(t *testing.T) {
	h := newSpace(t)
	h.login(account.Coordinator)
	for i, it := range h.s.Tabs.Items {
		if it.Text == "Réglages" {
			h.s.Tabs.SelectIndex(i)
		}
	}
	c := h.s.Centre
	c.Name.SetText("Centre social")
	c.Places.SetText("Salle")
	hosts := h.s.SettingsFields["hosts"]
	hosts.SetText("аmeli.fr") // a Cyrillic « а »
	test.Tap(h.s.SettingsSave)
	h.mustSee("Un site ajouté n'est pas accepté")
	if st, _ := h.db.LoadSettings(context.Background()); len(st.OfficialHosts) != 0 {
		t.Fatalf("saved %v", st.OfficialHosts)
	}
	hosts.SetText("www.mairie-exemple.fr\n")
	test.Tap(h.s.SettingsSave)
	if st, _ := h.db.LoadSettings(context.Background()); len(st.OfficialHosts) != 1 || st.OfficialHosts[0] != "www.mairie-exemple.fr" {
		t.Fatalf("saved %v", st.OfficialHosts)
	}
}

// brokenQueue is storage that fails, as on a full disk.
type brokenQueue struct{}

func (brokenQueue) OpenHelp(context.Context) ([]visit.Help, error) {
	return nil, errors.New("database or disk is full")
}
func (brokenQueue) AcknowledgeHelp(context.Context, int64, int64, time.Time) error {
	return errors.New("database or disk is full")
}
func (brokenQueue) ResolveHelp(context.Context, int64, int64, time.Time) error {
	return errors.New("database or disk is full")
}

// Help reaches the mediator (screen and chime) even when storage fails.
func TestSpace_HelpWithoutStorage(t *testing.T) {
	h := newSpace(t)
	h.s.Queue = brokenQueue{}
	h.login(account.Mediator)
	h.k.Start()
	h.k.ChooseGuide("ameli-compte")
	h.k.Begin()
	h.k.AskHelp()
	h.s.Tick()
	h.mustSee("Demandée à 10:00 — Créer votre compte ameli")
	if h.chimes.Load() != 1 {
		time.Sleep(100 * time.Millisecond)
		if got := h.chimes.Load(); got != 1 {
			t.Fatalf("chimes = %d, want 1", got)
		}
	}
	test.Tap(h.button("J'arrive"))
	h.mustSee("un médiateur arrive")
	test.Tap(h.button("Aide terminée"))
	if h.k.HelpWaiting() {
		t.Fatal("the kiosk still holds the visit after « Aide terminée »")
	}
	h.mustSee("Aucune demande d'aide en attente.")
}

// A beneficiary's record is changed; the id and consent are kept.
func TestBeneficiary_Edit(t *testing.T) {
	h := newSpace(t)
	me := h.login(account.Mediator)
	b := journal.NewBeneficiary(journal.DateOf(h.now), me.ID)
	b.FirstName, b.LastName = "Martine", "Durand"
	saved, err := h.db.SaveBeneficiary(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	h.s.bn.openBeneficiary(saved.ID)
	test.Tap(h.button("Modifier la fiche"))
	h.s.BeneficiaryFields[1].SetText("Durand-Lefèvre")
	test.Tap(h.s.BeneficiarySave)
	got, err := h.db.Beneficiary(context.Background(), saved.ID)
	if err != nil || got.LastName != "Durand-Lefèvre" || got.ConsentDate != saved.ConsentDate {
		t.Fatalf("after the edit: %+v, %v", got, err)
	}
	h.mustSee("Martine Durand-Lefèvre")
}

// storedQueue is storage that works again and holds one help request.
type storedQueue struct {
	help  []visit.Help
	acked []int64
}

func (q *storedQueue) OpenHelp(context.Context) ([]visit.Help, error) { return q.help, nil }
func (q *storedQueue) AcknowledgeHelp(_ context.Context, id, _ int64, at time.Time) error {
	q.acked = append(q.acked, id)
	for i := range q.help {
		if q.help[i].ID == id {
			q.help[i].Acknowledged = at
		}
	}
	return nil
}
func (q *storedQueue) ResolveHelp(context.Context, int64, int64, time.Time) error { return nil }

// A help request shown from memory while storage failed, then recorded
// when storage works again, is the same request: it does not ring a
// second time, and the « J'arrive » said meanwhile is recorded.
func TestSpace_HelpRecordedAfterStorageReturns(t *testing.T) {
	h := newSpace(t)
	h.s.Queue = brokenQueue{}
	h.login(account.Mediator)
	h.k.Start()
	h.k.ChooseGuide("ameli-compte")
	h.k.Begin()
	h.k.AskHelp()
	h.s.Tick()
	test.Tap(h.button("J'arrive"))
	time.Sleep(100 * time.Millisecond) // the chime rings on its own goroutine
	p := h.k.Position()
	q := &storedQueue{help: []visit.Help{{ID: 7, VisitKey: p.VisitKey, Raised: p.Since, GuideID: p.GuideID, Step: p.Step, Screen: p.Screen}}}
	h.s.Queue = q
	h.s.Tick()
	time.Sleep(100 * time.Millisecond)
	if got := h.chimes.Load(); got != 1 {
		t.Fatalf("chimes = %d, want 1: the recorded request is the one already rung", got)
	}
	if len(q.acked) != 1 || q.acked[0] != 7 {
		t.Fatalf("acknowledged in storage = %v, want the recorded request 7", q.acked)
	}
	h.mustSee("un médiateur arrive")
}

// The storage warning goes when visits are saved again; another problem
// shown since stays.
func TestSpace_ProblemGone(t *testing.T) {
	h := newSpace(t)
	h.login(account.Mediator)
	h.s.Problem("disque plein")
	h.s.ProblemGone("autre chose", "réglé")
	if h.s.ProblemLabel.Hidden || h.s.problem != "disque plein" {
		t.Fatal("another problem's end took the storage warning away")
	}
	h.s.ProblemGone("disque plein", "Les visites s'enregistrent de nouveau.")
	if !h.s.ProblemLabel.Hidden || h.s.problem != "" {
		t.Fatal("the storage warning stayed after storage came back")
	}
	h.mustSee("Les visites s'enregistrent de nouveau.")
}
