package mediator

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pasapas/assets"
	"pasapas/internal/account"
	"pasapas/internal/guide"
	"pasapas/internal/journal"
	"pasapas/internal/locale"
	"pasapas/internal/settings"
	"pasapas/internal/sqlite"
	"pasapas/internal/ui/controls"
	"pasapas/internal/visit"
	"pasapas/locales"
)

type spaceHarness struct {
	t      *testing.T
	s      *Space
	w      fyne.Window
	db     *sqlite.DB
	now    time.Time
	chimes atomic.Int32
	k      *visit.Kiosk
}

func newSpace(t *testing.T) *spaceHarness {
	t.Helper()
	a := test.NewTempApp(t)
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cat, err := locale.Load(locales.Files(), nil)
	if err != nil {
		t.Fatal(err)
	}
	lib, _ := guide.Load(guide.Options{}, guide.Source{FS: assets.Files(), Dir: "guides", Name: "g", Builtin: true})
	h := &spaceHarness{t: t, db: db, now: time.Date(2026, 6, 1, 10, 0, 0, 0, time.Local)}
	clock := func() time.Time { return h.now }
	h.k = visit.NewKiosk(visit.Config{}, lib, visit.NewRecorder(db, nil), clock)
	h.s = NewSpace(Deps{App: a, Accounts: &account.Service{Store: db, Audit: db, Now: clock}, Queue: db,
		Journal: db, Settings: db, Audit: db, Visits: db.Visits, Reports: db, Exports: db, ExportDir: filepath.Join(t.TempDir(), "exports"),
		Kiosk: h.k, Library: lib, Tr: cat.For("fr"), Now: clock,
		Chime: func() error { h.chimes.Add(1); return nil }, Setup: true, Background: func(f func()) { f() }})
	h.w = test.NewWindow(nil)
	t.Cleanup(h.w.Close)
	h.s.Open(h.w)
	t.Cleanup(h.s.Close)
	return h
}

func (h *spaceHarness) texts() string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *canvas.Text: // the statistics are drawn without widgets
			b.WriteString(x.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + x.Text + "]\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(h.w.Content())
	return b.String()
}

func (h *spaceHarness) button(label string) *widget.Button {
	h.t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == label && found == nil {
				found = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(h.w.Content())
	if found == nil {
		h.t.Fatalf("no button %q; the screen shows:\n%s", label, h.texts())
	}
	return found
}

func (h *spaceHarness) mustSee(want string) {
	h.t.Helper()
	if !strings.Contains(h.texts(), want) {
		h.t.Fatalf("the screen does not show %q; it shows:\n%s", want, h.texts())
	}
}

// From the kiosk (Ctrl+Alt+M, the person icon), a database without any
// account offers no way to create one: a visitor must never become
// coordinator. Only the installation at start does.
func TestSpace_NoAccountCreationFromTheKiosk(t *testing.T) {
	h := newSpace(t)
	h.s.Setup = false
	h.s.Open(h.w)
	h.mustSee("le compte coordinateur ne se crée pas depuis le kiosque")
	if strings.Contains(h.texts(), "Premier lancement") || strings.Contains(h.texts(), "Créer le compte") {
		t.Fatal("the mediator space opened from the kiosk offers to create the coordinator")
	}
	h.s.door.showFirstAccount() // even if the form were reached, its button creates nothing
	h.s.Name.SetText("visiteur")
	h.s.Display.SetText("Visiteur")
	h.s.Secret.SetText("Centre-Social-2026")
	h.s.Confirm.SetText("Centre-Social-2026")
	test.Tap(h.button("Créer le compte"))
	if first, err := h.s.Accounts.NeedsFirstAccount(context.Background()); err != nil || !first || h.s.User() != nil {
		t.Fatalf("an account was created outside the installation (first=%v, user %+v, %v)", first, h.s.User(), err)
	}
}

// The installation: the coordinator account, then the centre (name,
// places, commune, postal code, idle delay, public kiosk), then the kiosk.
func TestSpace_Installation(t *testing.T) {
	h := newSpace(t)
	var installed []settings.Settings
	h.s.OnInstalled = func(st settings.Settings) { installed = append(installed, st) }
	h.mustSee("Premier lancement : créez le compte coordinateur")
	h.s.Name.SetText("coord")
	h.s.Display.SetText("Claire")
	h.s.Secret.SetText("Centre-Social-2026")
	h.s.Confirm.SetText("Centre-Social-2026")
	test.Tap(h.button("Créer le compte"))
	h.mustSee("Installation : le centre")
	if len(installed) != 0 {
		t.Fatal("the kiosk opened before the centre was described")
	}
	// Nothing filled: the name is asked for, where the button is.
	test.Tap(h.button("Terminer l'installation"))
	h.mustSee("Écrivez le nom du centre")
	c := h.s.Centre
	c.Name.SetText("Centre social des Tilleuls")
	test.Tap(h.button("Terminer l'installation"))
	h.mustSee("Écrivez au moins un lieu d'activité")
	c.Places.SetText("Espace numérique\n\n  Salle 2 ")
	c.Postal.SetText("69 003")
	test.Tap(h.button("Terminer l'installation"))
	h.mustSee("Le code postal s'écrit avec 5 chiffres")
	c.Postal.SetText("69003")
	c.Commune.SetText("Lyon")
	c.Idle.SetText("5")
	test.Tap(c.Public)
	test.Tap(h.button("Terminer l'installation"))
	if len(installed) != 1 || h.s.User() != nil || h.s.Setup {
		t.Fatalf("installation: OnInstalled %d times, user %+v (want the space locked behind the kiosk), setup still allowed %v",
			len(installed), h.s.User(), h.s.Setup)
	}
	want := settings.Defaults()
	want.CentreName, want.Places, want.DefaultCommune, want.PostalCode = "Centre social des Tilleuls", []string{"Espace numérique", "Salle 2"}, "Lyon", "69003"
	want.KioskIdle, want.PublicKiosk = 5*time.Minute, true
	got, err := h.s.Settings.LoadSettings(context.Background())
	if err != nil || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(installed[0], want) {
		t.Fatalf("saved settings = %+v (%v), told %+v; want %+v", got, err, installed[0], want)
	}
	h.mustSee("Espace médiateur") // the login form, for next time
}

// A coordinator whose centre has no name or place (the program was closed
// during the installation) is taken to the settings with a word why.
func TestSpace_IncompleteCentreOpensSettings(t *testing.T) {
	h := newSpace(t)
	a, err := h.s.Accounts.Create(context.Background(), "coord", "Claire", account.Coordinator, "Centre-Social-2026", 0)
	if err != nil {
		t.Fatal(err)
	}
	h.s.Setup = false
	h.s.loggedIn(a)
	if h.s.Tabs.Selected().Text != "Réglages" {
		t.Fatalf("the %q tab is shown, want the settings", h.s.Tabs.Selected().Text)
	}
	h.mustSee("Le nom du centre ou ses lieux d'activité manquent")
}

func TestSpace_FirstAccountLoginLock(t *testing.T) {
	h := newSpace(t)
	h.mustSee("Premier lancement : créez le compte coordinateur")
	test.Type(h.s.Name, "coord")
	test.Type(h.s.Secret, "1234")
	test.Tap(h.button("Créer le compte"))
	h.mustSee("Les deux mots de passe ne sont pas identiques.")
	// Fill the confirmation too: a PIN is refused with the rule.
	h.s.door.showFirstAccount()
	entries := []*controls.Field{h.s.Name, h.s.Display, h.s.Secret, h.s.Confirm}
	entries[0].SetText("coord")
	entries[2].SetText("1234")
	entries[3].SetText("1234")
	test.Tap(h.button("Créer le compte"))
	h.mustSee("Un code fait seulement de chiffres n'est pas accepté")
	entries[2].SetText("Centre-Social-2026")
	entries[3].SetText("Centre-Social-2026")
	test.Tap(h.button("Créer le compte"))
	if h.s.User() == nil || h.s.User().Role != account.Coordinator {
		t.Fatalf("after creating the first account, user = %+v, want the coordinator logged in", h.s.User())
	}
	h.mustSee("Installation : le centre") // right after the account: the centre's name and places

	// Ten minutes without activity lock the space; the name is not pre-filled.
	h.now = h.now.Add(account.DefaultLockAfter)
	h.s.Tick()
	if h.s.User() != nil {
		t.Fatal("the space did not lock after 10 minutes")
	}
	h.mustSee("Espace médiateur")
	if h.s.Name.Text != "" {
		t.Fatalf("name field = %q after the lock, want empty", h.s.Name.Text)
	}
	test.Type(h.s.Name, "coord")
	test.Type(h.s.Secret, "wrong")
	test.Tap(h.button("Se connecter"))
	h.mustSee("Identifiant ou mot de passe incorrect.")
	// The form, not the account, waits: even the right secret, now.
	h.s.Secret.SetText("Centre-Social-2026")
	test.Tap(h.button("Se connecter"))
	h.mustSee("Trop d'essais. Réessayez dans 1 seconde.")
	if h.s.User() != nil {
		t.Fatal("logged in during the form's wait")
	}
	h.now = h.now.Add(time.Second)
	h.s.Secret.SetText("Centre-Social-2026")
	test.Tap(h.button("Se connecter"))
	if h.s.User() == nil {
		t.Fatalf("login failed: %s", h.texts())
	}
	h.mustSee("Attention : 1 tentative de connexion a échoué sous votre nom depuis votre dernière connexion.")
	test.Tap(h.button("Retour au kiosque"))
	if h.s.User() != nil {
		t.Fatal("returning to the kiosk did not lock the space")
	}
}

func TestSpace_HelpQueue(t *testing.T) {
	h := newSpace(t)
	ctx := context.Background()
	a, err := h.s.Accounts.Create(ctx, "marie", "Marie", account.Mediator, "Mediation-2026", 0)
	if err != nil {
		t.Fatal(err)
	}
	h.s.loggedIn(a)
	h.mustSee("Aucune demande d'aide en attente.")

	h.k.Start()
	h.k.ChooseGuide("ameli-compte")
	h.k.Begin()
	h.k.AskHelp()
	if err := h.waitHelp(); err != nil {
		t.Fatal(err)
	}
	h.s.Tick() // the space polls every second
	h.mustSee("Demandée à 10:00 — Créer votre compte ameli")
	h.mustSee("Créer votre compte ameli — ce qu'il faut avoir avant de commencer — depuis moins d'une minute — langue : français — attend un médiateur") // the visitor's real screen
	if got := h.chimes.Load(); got != 1 {
		time.Sleep(100 * time.Millisecond) // the chime plays on its own goroutine
		if got = h.chimes.Load(); got != 1 {
			t.Fatalf("chimes = %d, want 1 for a new request", got)
		}
	}
	test.Tap(h.button("J'arrive"))
	h.mustSee("un médiateur arrive")
	if !h.k.HelpWaiting() {
		t.Fatal("the kiosk no longer holds the visit while the mediator is only on the way")
	}
	test.Tap(h.button("Aide terminée"))
	if h.k.HelpWaiting() {
		t.Fatal("« Aide terminée »: the kiosk still holds the visit for a help request that was answered")
	}
	h.mustSee("Aucune demande d'aide en attente.")
	open, err := h.db.OpenHelp(ctx)
	if err != nil || len(open) != 0 {
		t.Fatalf("OpenHelp() = %v, %v after resolve, want none", open, err)
	}
	h.s.Tick()
	if got := h.chimes.Load(); got != 1 {
		t.Fatalf("chimes = %d, want no second chime for the same request", got)
	}
}

// waitHelp waits for the recorder to write the help request.
func (h *spaceHarness) waitHelp() error {
	for i := 0; i < 200; i++ {
		open, err := h.db.OpenHelp(context.Background())
		if err != nil {
			return err
		}
		if len(open) > 0 {
			return nil
		}
		time.Sleep(5 * time.Millisecond)
	}
	return context.DeadlineExceeded
}

func TestSpace_LogVisitInFewTaps(t *testing.T) {
	h := newSpace(t)
	ctx := context.Background()
	st, err := h.db.LoadSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Places = []string{"Espace numérique du centre"}
	if err := h.db.SaveSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	a, err := h.s.Accounts.Create(ctx, "marie", "Marie", account.Mediator, "Mediation-2026", 0)
	if err != nil {
		t.Fatal(err)
	}
	h.s.loggedIn(a)

	// A visitor follows the ameli guide for 20 minutes, asks for help, finishes.
	h.k.Start()
	h.k.ChooseGuide("ameli-compte")
	h.k.Begin()
	for range h.k.Guide().Checklist {
		h.k.Answer(true)
	}
	for range h.k.Guide().Steps {
		h.now = h.now.Add(2 * time.Minute)
		h.k.Next()
	}
	h.k.Finish(visit.Done)
	v, _ := h.k.Visit()
	h.k.Leave()
	for i := 0; i < 200; i++ { // the recorder writes on its own goroutine
		vs, _ := h.db.Visits(ctx, v.Started.Add(-time.Minute), v.Started.Add(time.Hour))
		if len(vs) == 1 && vs[0].Outcome == visit.Done {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	h.s.touch() // the mediator comes back to the screen
	h.s.Tick()

	taps := 0
	tap := func(label string) {
		t.Helper()
		taps++
		test.Tap(h.button(label))
	}
	tap("Noter l'accompagnement")
	if h.s.Form == nil {
		t.Fatal("the form did not open")
	}
	tap("Enregistrer")
	if h.s.Form != nil {
		t.Fatalf("the form did not save: %s", h.s.Form.Errors())
	}
	if taps > 8 {
		t.Fatalf("logging a kiosk visit took %d taps, want at most 8", taps)
	}
	today := journal.DateOf(h.now)
	accs, err := h.db.Accompaniments(ctx, today.AddDays(-1), today.AddDays(1))
	if err != nil || len(accs) != 1 {
		t.Fatalf("Accompaniments() = %d, %v, want 1", len(accs), err)
	}
	got := accs[0]
	if got.VisitKey != v.Key || got.Procedure != "Créer votre compte ameli" || got.DurationMinutes != 30 ||
		got.Place.Name != "Espace numérique du centre" || got.MediatorID != a.ID ||
		len(got.AdminThemes) != 1 || got.AdminThemes[0] != journal.ThemeSocialSante {
		t.Fatalf("accompaniment = %+v, want the visit's procedure, 30 min, social-santé, the centre's place", got)
	}
	h.mustSee("Accompagnement enregistré.")
	h.s.Tick()
	h.mustSee("noté")
}

func TestSpace_FormShowsLocalizedProblems(t *testing.T) {
	h := newSpace(t)
	a, err := h.s.Accounts.Create(context.Background(), "marie", "Marie", account.Mediator, "Mediation-2026", 0)
	if err != nil {
		t.Fatal(err)
	}
	h.s.loggedIn(a)
	h.s.jr.openForm(journal.NewAccompaniment(journal.DateOf(h.now), a.ID), "Noter un accompagnement")
	f := h.s.Form
	f.date.SetText("")
	f.notes.SetText("Son numéro : 1 85 05 78 006 084 36")
	f.duration.ClearSelected()
	test.Tap(f.Save)
	for _, want := range []string{"date", "durée", "thématique", "sécurité sociale"} {
		if !strings.Contains(strings.ToLower(f.Errors()), want) {
			t.Errorf("form problems = %q, want a message about %q", f.Errors(), want)
		}
	}
	n, _ := h.db.Accompaniments(context.Background(), journal.DateOf(h.now).AddDays(-1), journal.DateOf(h.now).AddDays(1))
	if len(n) != 0 {
		t.Fatal("an invalid accompaniment was saved")
	}
}

// The mediator space is used at 1280 × 800: no tab may be wider.
func TestSpace_FitsTheScreen(t *testing.T) {
	h := newSpace(t)
	h.login(account.Coordinator)
	for i, it := range h.s.Tabs.Items {
		h.s.Tabs.SelectIndex(i)
		if w := it.Content.MinSize().Width; w > 1200 {
			t.Errorf("tab %q needs %.0f px, more than the 1280 px screen allows", it.Text, w)
		}
	}
}

// buttons finds every button labelled label.
func (h *spaceHarness) buttons(label string) []*widget.Button {
	var found []*widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == label {
				found = append(found, x)
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(h.w.Content())
	return found
}

// A kiosk in full screen refuses Alt+F4: staff close the program here.
func TestSpace_QuitFromTheMediatorSpace(t *testing.T) {
	h := newSpace(t)
	a, err := h.s.Accounts.Create(context.Background(), "marie", "Marie", account.Mediator, "Mediation-2026", 0)
	if err != nil {
		t.Fatal(err)
	}
	quit := 0
	h.s.Quit = func() { quit++ }
	h.s.loggedIn(a)
	test.Tap(h.button("Fermer Pas à pas"))
	if quit != 1 {
		t.Fatalf("« Fermer Pas à pas » quit %d times, want once", quit)
	}
}

// playLoop makes the space run its storage work on goroutines and post
// the results to the test, which plays the event loop: the returned
// function runs what was posted until until() holds (a minute at most).
func (h *spaceHarness) playLoop() func(what string, until func() bool) {
	posted := make(chan func(), 64)
	h.s.Background = func(f func()) { go f() }
	h.s.Post = func(f func()) { posted <- f }
	return func(what string, until func() bool) {
		h.t.Helper()
		deadline := time.After(time.Minute)
		for !until() {
			select {
			case f := <-posted:
				f()
			case <-deadline:
				h.t.Fatalf("still waiting for %s", what)
			}
		}
	}
}

// tapAtOnce taps b and fails when the tap waits for the work it starts:
// the UI goroutine would be blocked.
func tapAtOnce(t *testing.T, b fyne.Tappable, what string) {
	t.Helper()
	tapped := make(chan struct{})
	go func() {
		test.Tap(b)
		close(tapped)
	}()
	select {
	case <-tapped:
	case <-time.After(5 * time.Second):
		t.Fatalf("tapping %s waits for its work: the UI goroutine is blocked", what)
	}
}

// « Maintenant » says the visit in words a mediator reads at a glance: the
// visitor's language named in French (not « ar », nor « العربية »), and
// « à l'instant » rather than « il y a 0 min ».
func TestSpace_NowSaysTheVisitInWords(t *testing.T) {
	h := newSpace(t)
	h.login(account.Mediator)
	h.k.Start()
	h.k.SetLanguage("ar")
	h.s.Tick()
	h.mustSee("Une visite a commencé à l'instant. La personne choisit une démarche. — langue : arabe")
	h.now = h.now.Add(4 * time.Minute)
	h.s.Tick()
	h.mustSee("Une visite a commencé il y a 4 min. La personne choisit une démarche. — langue : arabe")
	h.k.SetLanguage("uk")
	h.k.ChooseGuide("ameli-compte")
	h.s.Tick()
	h.mustSee("Créer votre compte ameli — présentation de la démarche — depuis 4 min — langue : ukrainien")
}
