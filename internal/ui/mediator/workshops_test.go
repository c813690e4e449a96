package mediator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/account"
	"pasapas/internal/journal"
)

func (h *spaceHarness) login(role account.Role) account.Account {
	h.t.Helper()
	a, err := h.s.Accounts.Create(context.Background(), "marie", "Marie", role, "Mediation-2026", 0)
	if err != nil {
		h.t.Fatal(err)
	}
	h.s.loggedIn(a)
	return a
}

func TestSpace_SixSessionWorkshopAndAttendance(t *testing.T) {
	h := newSpace(t)
	h.login(account.Mediator)
	h.s.ws.openWorkshopForm()
	f := h.s.Workshop
	f.title.SetText("Premiers pas avec la tablette")
	f.placeName.SetText("Salle informatique")
	f.themes.Set([]journal.Theme{journal.ThemePrendreEnMainDuMateriel})
	f.date.SetText("03/06/2026")
	f.start.SetText("14:00")
	f.weeks.SetText("6")
	f.total.SetText("2")
	f.women.SetText("1")
	test.Tap(h.s.WorkshopSave)
	if got := f.Errors(); got != "" {
		t.Fatalf("the workshop was refused: %s", got)
	}
	ws, err := h.db.UpcomingWorkshops(context.Background(), journal.NewDate(2026, 6, 1))
	if err != nil || len(ws) != 1 {
		t.Fatalf("UpcomingWorkshops() = %d, %v, want 1", len(ws), err)
	}
	w := ws[0]
	if len(w.Sessions) != 6 || w.Sessions[5].Date != journal.NewDate(2026, 7, 8) || w.Anonymous.Total != 2 {
		t.Fatalf("workshop = %d sessions, last %v, %d anonymous; want 6 weekly sessions to 8 July and 2 anonymous",
			len(w.Sessions), w.Sessions[len(w.Sessions)-1].Date, w.Anonymous.Total)
	}
	h.mustSee("Séance 6 — 08/07/2026 à 14:00")
	sheets := h.buttons("Feuille d'émargement")
	if len(sheets) != 6 {
		t.Fatalf("sign-in sheet buttons = %d, want one per session", len(sheets))
	}
	test.Tap(sheets[0])
	pdf, err := os.ReadFile(filepath.Join(h.s.ExportDir, fmt.Sprintf("emargement-atelier-%d-seance-1.pdf", w.ID)))
	if err != nil || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("sign-in sheet: %v, want a PDF file", err)
	}

	h.s.ws.openAttendance(w.ID, w.Sessions[0].ID, 1)
	h.mustSee("anonyme 1")
	h.mustSee("anonyme 2")
	if len(h.s.Attendance) != 2 {
		t.Fatalf("attendance rows = %d, want 2", len(h.s.Attendance))
	}
	h.s.Attendance[0].Set(journal.Present)
	h.s.Attendance[1].Set(journal.Excused)
	test.Tap(h.s.AttendanceSave)
	marks, err := h.db.WorkshopAttendance(context.Background(), w.ID)
	if err != nil || len(marks) != 2 {
		t.Fatalf("WorkshopAttendance() = %v, %v, want 2 marks", marks, err)
	}
	if marks[0].Presence != journal.Present || marks[1].Presence != journal.Excused {
		t.Fatalf("marks = %+v, want present then excused", marks)
	}
	h.mustSee("Présences enregistrées.")
}

// A workshop is changed, a session cancelled, a walk-in marked present
// with « Tous présents », and the workshop deleted after a confirmation.
func TestSpace_WorkshopEditCancelWalkInDelete(t *testing.T) {
	h := newSpace(t)
	ctx := context.Background()
	me := h.login(account.Mediator)
	w := journal.Workshop{Title: "Atelier e-mail", MediatorID: me.ID, Themes: []journal.Theme{journal.ThemeEmail},
		Place:     journal.Place{Type: journal.PlaceLieuActivite, Name: "Salle"},
		Sessions:  journal.WeeklySeries(journal.Session{Date: journal.NewDate(2026, 6, 3), Start: journal.TimeOfDay{Hour: 14}, DurationMinutes: 120}, 2),
		Anonymous: journal.AnonymousCounts{Total: 1}}
	w, err := h.db.SaveWorkshop(ctx, w)
	if err != nil {
		t.Fatal(err)
	}
	h.s.ws.openWorkshop(w.ID)
	test.Tap(h.button("Modifier l'atelier"))
	h.s.Workshop.title.SetText("Atelier e-mail et pièces jointes")
	test.Tap(h.s.WorkshopSave)
	if got, err := h.db.Workshop(ctx, w.ID); err != nil || got.Title != "Atelier e-mail et pièces jointes" || len(got.Sessions) != 2 {
		t.Fatalf("after the edit: %+v, %v; want the new title and both sessions kept", got, err)
	}
	h.mustSee("Séance 2 — 10/06/2026")

	test.Tap(h.buttons("Annuler la séance")[1])
	got, _ := h.db.Workshop(ctx, w.ID)
	if !got.Sessions[1].Cancelled {
		t.Fatal("session 2 is not cancelled")
	}
	h.mustSee("séance annulée")

	h.s.ws.openAttendance(w.ID, got.Sessions[0].ID, 1)
	test.Tap(h.s.WalkInAnonymous)
	if len(h.s.Attendance) != 2 {
		t.Fatalf("after a walk-in, %d rows, want 2", len(h.s.Attendance))
	}
	test.Tap(h.s.AttendanceAll)
	test.Tap(h.s.AttendanceSave)
	marks, err := h.db.WorkshopAttendance(ctx, w.ID)
	if err != nil || len(marks) != 2 || marks[0].Presence != journal.Present || marks[1].Presence != journal.Present {
		t.Fatalf("marks %+v, %v; want both present", marks, err)
	}

	test.Tap(h.s.WorkshopDelete)
	if _, err := h.db.Workshop(ctx, w.ID); err != nil {
		t.Fatal("deleted without the confirmation")
	}
	test.Tap(h.s.WorkshopDeleteConfirm)
	if _, err := h.db.Workshop(ctx, w.ID); err == nil {
		t.Fatal("the workshop is still there")
	}
	h.mustSee("Atelier supprimé")
}

func TestSpace_WorkshopNeedsAParticipant(t *testing.T) {
	h := newSpace(t)
	h.login(account.Mediator)
	h.s.ws.openWorkshopForm()
	h.s.Workshop.title.SetText("Atelier e-mail")
	h.s.Workshop.themes.Set([]journal.Theme{journal.ThemeEmail})
	test.Tap(h.s.WorkshopSave)
	if got := h.s.Workshop.Errors(); !strings.Contains(strings.ToLower(got), "participant") {
		t.Fatalf("errors = %q, want a message about participants", got)
	}
}

func TestSpace_BeneficiaryConsentAndErase(t *testing.T) {
	h := newSpace(t)
	ctx := context.Background()
	me := h.login(account.Mediator)
	h.s.bn.openBeneficiaryForm()
	fields := h.s.BeneficiaryFields
	fields[0].SetText("Zoé")
	fields[1].SetText("Ébrard")
	fields[2].SetText("1956")
	fields[3].SetText("Roubaix")
	test.Tap(h.s.BeneficiarySave)
	h.mustSee("accord") // consent is required
	found, _ := h.db.SearchBeneficiaries(ctx, "", 10)
	if len(found) != 0 {
		t.Fatal("a beneficiary was saved without consent")
	}
	h.s.BeneficiaryConsent.SetChecked(true)
	test.Tap(h.s.BeneficiarySave)
	found, err := h.db.SearchBeneficiaries(ctx, "ebrard", 10)
	if err != nil || len(found) != 1 {
		t.Fatalf("SearchBeneficiaries(ebrard) = %d, %v, want 1", len(found), err)
	}
	b := found[0]
	if b.AgeBandAt(journal.DateOf(h.now)) != journal.AgeSoixanteDixPlus || b.ConsentBy != me.ID {
		t.Fatalf("beneficiary = %+v, want 70+ and consent by the mediator", b)
	}
	a := journal.NewAccompaniment(journal.DateOf(h.now), me.ID)
	a.DurationMinutes, a.Place.Name, a.BeneficiaryID = 30, "Centre", b.ID
	a.Themes = []journal.Theme{journal.ThemeEmail}
	if _, err := h.db.SaveAccompaniment(ctx, a); err != nil {
		t.Fatal(err)
	}
	h.s.bn.openBeneficiary(b.ID)
	h.mustSee("Zoé Ébrard")
	test.Tap(h.button("Effacer"))
	test.Tap(h.s.EraseConfirm)
	h.mustSee("Bénéficiaire effacé.")
	got, err := h.db.Beneficiary(ctx, b.ID)
	if err != nil || !got.IsErased() || got.FirstName != "" || got.LastName != "" || got.BirthYear != 0 {
		t.Fatalf("after erase: %+v, %v, want no identifier left", got, err)
	}
	accs, _ := h.db.Accompaniments(ctx, journal.DateOf(h.now).AddDays(-1), journal.DateOf(h.now).AddDays(1))
	if len(accs) != 1 || accs[0].Person.AgeBand != journal.AgeSoixanteDixPlus {
		t.Fatalf("accompaniments after erase = %+v, want the activity kept with its age band", accs)
	}
	entries, _ := h.db.AuditEntries(ctx, h.now.AddDate(0, 0, -1), h.now.AddDate(0, 0, 1))
	erased := false
	for _, e := range entries {
		erased = erased || (e.Action == "erase" && e.AccountID == me.ID)
	}
	if !erased {
		t.Fatal("the erasure is not in the audit trail")
	}
}

func TestSpace_CoordinatorSettings(t *testing.T) {
	h := newSpace(t)
	h.login(account.Coordinator)
	h.s.adm.settingsTab()
	f := h.s.SettingsFields
	f["name"].SetText("Centre social des Trois Ponts")
	f["places"].SetText("Salle informatique\nAccueil")
	f["retention"].SetText("36")
	test.Tap(h.s.SettingsSave)
	st, _ := h.db.LoadSettings(context.Background())
	if st.RetentionMonths != 24 || st.CentreName != "" {
		t.Fatalf("settings saved with a retention of 36 months: %+v", st)
	}
	f["retention"].SetText("12")
	test.Tap(h.s.SettingsSave)
	st, _ = h.db.LoadSettings(context.Background())
	if st.RetentionMonths != 12 || st.CentreName != "Centre social des Trois Ponts" || len(st.Places) != 2 {
		t.Fatalf("settings = %+v, want the new values", st)
	}
}

func TestSpace_StatisticsOfThisMonth(t *testing.T) {
	h := newSpace(t)
	me := h.login(account.Mediator)
	ctx := context.Background()
	a := journal.NewAccompaniment(journal.DateOf(h.now), me.ID)
	a.DurationMinutes, a.Place.Name = 45, "Centre"
	a.Themes = []journal.Theme{journal.ThemeAideAuxDemarchesAdministratives}
	a.AdminThemes = []journal.Theme{journal.ThemeLogement}
	a.Procedure = "Demande d'APL"
	if _, err := h.db.SaveAccompaniment(ctx, a); err != nil {
		t.Fatal(err)
	}
	h.s.st.statsTab()
	h.s.StatsChoice.SetSelected("Ce mois-ci")
	if h.s.Stats == nil {
		t.Fatal("no statistics computed")
	}
	st := h.s.Stats
	if st.Totals.Accompaniments != 1 || st.Totals.People != 1 {
		t.Fatalf("totals = %+v, want 1 accompaniment of 1 person", st.Totals)
	}
	if c, ok := st.AdminThemes.Find(string(journal.ThemeLogement)); !ok || c.Value != 1 {
		t.Fatalf("admin themes = %+v, want Logement 1", st.AdminThemes)
	}
	h.s.StatsChoice.SetSelected("Entre deux dates")
	h.s.StatsFrom.SetText("31/12/2026")
	h.s.StatsTo.SetText("01/01/2026")
	test.Tap(h.s.StatsShow)
	if h.s.Stats.Totals.Accompaniments != 1 {
		t.Fatal("a reversed period replaced the statistics")
	}
}

func TestSpace_ExportFromStatistics(t *testing.T) {
	h := newSpace(t)
	me := h.login(account.Coordinator)
	a := journal.NewAccompaniment(journal.DateOf(h.now), me.ID)
	a.DurationMinutes, a.Place.Name = 30, "Centre"
	a.Themes = []journal.Theme{journal.ThemeEmail}
	if _, err := h.db.SaveAccompaniment(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	h.s.Tabs.SelectIndex(4) // Statistiques
	h.s.StatsChoice.SetSelected("Ce mois-ci")
	e := h.s.Export
	e.What.SetSelected("Statistiques")
	if len(e.Format.Options) != 4 || !e.Detailed.Hidden {
		t.Fatalf("statistics: formats %v, detailed offered %v; want the 4 formats and no detailed choice", e.Format.Options, !e.Detailed.Hidden)
	}
	e.What.SetSelected("Accompagnements")
	if slices.Contains(e.Format.Options, "PDF (statistiques)") || e.Detailed.Hidden {
		t.Fatalf("activities: formats %v, detailed offered %v; want no PDF and the detailed choice", e.Format.Options, !e.Detailed.Hidden)
	}
	e.Format.SetSelected("Excel (XLSX)")
	test.Tap(e.Run)
	path := filepath.Join(h.s.ExportDir, "pasapas-activites-2026-06-01-au-2026-06-30.xlsx")
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 4 || string(b[:2]) != "PK" {
		entries, _ := os.ReadDir(h.s.ExportDir)
		t.Fatalf("export file %s: %v (%d bytes), want an XLSX file; the folder holds %v", path, err, len(b), entries)
	}
	if e.Result.Importance != widget.SuccessImportance {
		t.Fatalf("result shown as %v", e.Result.Importance)
	}
	h.mustSee("Fichier enregistré : " + path)
}

// The workshop form has the national tool's fields: a workshop at a
// partner's place (« autre lieu ») in a commune of the official list,
// with its equipment, an administrative sub-theme and its procedure,
// tags and notes — all stored and shown again on edit.
func TestWorkshopForm_NationalFields(t *testing.T) {
	h := newSpace(t)
	ctx := context.Background()
	h.login(account.Mediator)
	h.s.ws.openWorkshopForm()
	f := h.s.Workshop
	f.title.SetText("Déclarer ses revenus en ligne")
	if !f.adminBox.Hidden {
		t.Fatal("administrative sub-themes shown without « Aide aux démarches administratives »")
	}
	f.themes.Set([]journal.Theme{journal.ThemeAideAuxDemarchesAdministratives})
	if f.adminBox.Hidden {
		t.Fatal("administrative sub-themes hidden with « Aide aux démarches administratives »")
	}
	f.admin.Set([]journal.Theme{journal.AdminThemes()[0]})
	f.procedure.SetText("Déclaration de revenus")
	f.placeType.Set(journal.PlaceAutre)
	if f.placeCom.box.Hidden || !f.placeName.Hidden {
		t.Fatal("« Autre lieu » must ask a commune, not the centre's place")
	}
	f.placeCom.Postal.SetText("59100")
	f.placeCom.Name.SetText("Roubaix")
	f.equipment.Set([]journal.Equipment{journal.EquipmentTablette})
	f.tags.SetText("impôts, printemps")
	f.notes.SetText("Apporter son avis d'imposition.")
	f.date.SetText("03/06/2026")
	f.total.SetText("4")
	test.Tap(h.s.WorkshopSave)
	if got := f.Errors(); got != "" {
		t.Fatalf("the workshop was refused: %s", got)
	}
	ws, err := h.db.UpcomingWorkshops(ctx, journal.NewDate(2026, 6, 1))
	if err != nil || len(ws) != 1 {
		t.Fatalf("UpcomingWorkshops() = %d, %v, want 1", len(ws), err)
	}
	w := ws[0]
	want := journal.Place{Type: journal.PlaceAutre, Commune: "Roubaix", PostalCode: "59100", INSEE: "59512"}
	if w.Place != want || !slices.Equal(w.Equipment, []journal.Equipment{journal.EquipmentTablette}) ||
		!slices.Equal(w.Tags, []string{"impôts", "printemps"}) || w.Notes != "Apporter son avis d'imposition." ||
		w.Procedure != "Déclaration de revenus" || len(w.AdminThemes) != 1 {
		t.Fatalf("stored workshop = %+v, want the place in Roubaix (INSEE 59512), tablet, two tags, the note, the procedure", w)
	}
	h.s.ws.openWorkshopEdit(w)
	g := h.s.Workshop
	if p, _ := g.placeType.Value(); p != journal.PlaceAutre || g.placeCom.Name.Text != "Roubaix" || g.tags.Text != "impôts, printemps" ||
		g.notes.Text != w.Notes || !g.equipment.Has(journal.EquipmentTablette) || g.adminBox.Hidden {
		t.Fatal("the edit form does not show the stored place, tags, notes, equipment and sub-themes")
	}
}

// A commune not in the official list, an hour that is not one: each
// problem shows under its field, their number beside « Enregistrer »,
// and nothing is stored.
func TestWorkshopForm_ProblemsUnderTheirFields(t *testing.T) {
	h := newSpace(t)
	h.login(account.Mediator)
	h.s.ws.openWorkshopForm()
	f := h.s.Workshop
	f.title.SetText("Atelier")
	f.themes.Set([]journal.Theme{journal.ThemeEmail})
	f.placeType.Set(journal.PlaceDomicile)
	f.placeCom.Postal.SetText("00000")
	f.start.SetText("deux heures")
	f.total.SetText("1")
	test.Tap(h.s.WorkshopSave)
	if l := f.errs["place"]; l.Hidden || !strings.Contains(l.Text, "commune") {
		t.Fatalf("under the place: %q, want the commune's problem", l.Text)
	}
	if l := f.errs["sessions"]; l.Hidden || !strings.Contains(l.Text, "hh:mm") {
		t.Fatalf("under the sessions: %q, want the hour's problem", l.Text)
	}
	if f.summary.Text != "2 points à corriger, indiqués sous leurs champs." {
		t.Fatalf("beside « Enregistrer »: %q", f.summary.Text)
	}
	if ws, _ := h.db.UpcomingWorkshops(context.Background(), journal.NewDate(2000, 1, 1)); len(ws) != 0 {
		t.Fatal("a workshop with problems was stored")
	}
}

// A beneficiary's commune is checked against the official list: an
// unknown postal code is said under the commune and nothing is stored;
// a right one stores the INSEE code.
func TestBeneficiaryForm_Commune(t *testing.T) {
	h := newSpace(t)
	ctx := context.Background()
	h.login(account.Mediator)
	h.s.bn.openBeneficiaryForm()
	fields := h.s.BeneficiaryFields
	fields[0].SetText("Zoé")
	fields[1].SetText("Ébrard")
	fields[3].SetText("Villeurbanne")
	fields[4].SetText("69999")
	h.s.BeneficiaryConsent.SetChecked(true)
	test.Tap(h.s.BeneficiarySave)
	if found, _ := h.db.SearchBeneficiaries(ctx, "ebrard", 10); len(found) != 0 {
		t.Fatal("a beneficiary with an unknown postal code was stored")
	}
	h.mustSee("code postal")
	fields[4].SetText("69100")
	test.Tap(h.s.BeneficiarySave)
	found, err := h.db.SearchBeneficiaries(ctx, "ebrard", 10)
	if err != nil || len(found) != 1 || found[0].INSEE != "69266" || found[0].PostalCode != "69100" {
		t.Fatalf("SearchBeneficiaries = %+v, %v, want Villeurbanne 69100 with INSEE 69266", found, err)
	}
}
