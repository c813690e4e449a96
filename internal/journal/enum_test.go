package journal_test

import (
	"slices"
	"testing"

	"pasapas/internal/journal"
)

// coded is what every enum value provides.
type coded interface {
	Code() string
	Label() string
	MessageID() string
	Valid() bool
}

// enumCase is one enum: its values in display order, the codes and French
// labels of the national tool, and its message-id prefix.
type enumCase struct {
	name   string
	values []coded
	want   [][2]string // code, label
	prefix string
}

func values[T coded](xs []T) []coded {
	out := make([]coded, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func enumCases() []enumCase {
	return []enumCase{
		{"PlaceTypes", values(journal.PlaceTypes()), [][2]string{
			{"LieuActivite", "Lieu d’activité"}, {"Domicile", "À domicile"}, {"ADistance", "À distance"}, {"Autre", "Autre lieu"},
		}, "cra.place."},
		{"Equipments", values(journal.Equipments()), [][2]string{
			{"Ordinateur", "Ordinateur"}, {"Telephone", "Téléphone"}, {"Tablette", "Tablette"}, {"Autre", "Autre"},
			{"Aucun", "Pas de matériel"},
		}, "cra.equipment."},
		{"Autonomies", values(journal.Autonomies()), [][2]string{
			{"EntierementAccompagne", "Avec guidage"}, {"PartiellementAutonome", "Autonome avec guidage en cas de besoin"},
			{"Autonome", "Autonome"},
		}, "cra.autonomy."},
		{"Referrals", values(journal.Referrals()), [][2]string{
			{"Administration", "Administration (mairie, préfecture…)"},
			{"MediationNumerique", "Autre structure de médiation numérique"},
			{"OperateurOuOrganismeEnCharge", "Opérateur ou organisme en charge de la démarche administrative"},
			{"AideSociale", "Structure d’aide sociale (maison des solidarités, centre social…)"},
			{"InsertionProfessionnelle", "Structure d’insertion professionnelle (France Travail, mission locale, chambre de commerce…)"},
			{"AideAuxDemarchesAdministratives", "Structure d’aide aux démarches administratives (France Services…)"},
			{"Autre", "Autre"},
		}, "cra.referral."},
		{"Levels", values(journal.Levels()), [][2]string{
			{"Debutant", "Débutant"}, {"Intermediaire", "Intermédiaire"}, {"Avance", "Avancé"},
		}, "cra.level."},
		{"Genders", values(journal.Genders()), [][2]string{
			{"Masculin", "Masculin"}, {"Feminin", "Féminin"}, {"NonCommunique", "Non communiqué"},
		}, "cra.gender."},
		{"AgeBands", values(journal.AgeBands()), [][2]string{
			{"MoinsDeDouze", "Moins de 12 ans"}, {"DouzeDixHuit", "12 - 17 ans"}, {"DixHuitVingtQuatre", "18 - 24 ans"},
			{"VingtCinqTrenteNeuf", "25 - 39 ans"}, {"QuaranteCinquanteNeuf", "40 - 59 ans"},
			{"SoixanteSoixanteNeuf", "60 - 69 ans"}, {"SoixanteDixPlus", "70 ans et plus"}, {"NonCommunique", "Non communiqué"},
		}, "cra.age_band."},
		{"SocialStatuses", values(journal.SocialStatuses()), [][2]string{
			{"Scolarise", "Scolarisé"}, {"SansEmploi", "Sans emploi"}, {"EnEmploi", "En emploi"}, {"Retraite", "Retraité"},
			{"NonCommunique", "Non communiqué ou hétérogène"},
		}, "cra.status."},
		{"DurationBuckets", values(journal.DurationBuckets()), [][2]string{
			{"30", "Moins de 30 min"}, {"60", "30min à 1 h"}, {"120", "1 h à 2 h"}, {"more", "2 h et plus"},
		}, "cra.duration."},
		{"Presences", values(journal.Presences()), [][2]string{
			{"present", "Présent"}, {"absent", "Absent"}, {"excused", "Excusé"},
		}, "journal.presence."},
		{"Themes", values(journal.Themes()), [][2]string{
			{"DiagnosticNumerique", "Diagnostic numérique"},
			{"PrendreEnMainDuMateriel", "Prendre en main du matériel"},
			{"MaintenanceDeMateriel", "Maintenance de matériel"},
			{"GereSesContenusNumeriques", "Gérer ses contenus numériques"},
			{"NavigationSurInternet", "Navigation sur internet"},
			{"Email", "E-mail"},
			{"Bureautique", "Bureautique"},
			{"ReseauxSociaux", "Réseaux sociaux communication"},
			{"Sante", "Santé"},
			{"BanqueEtAchatsEnLigne", "Banque et achats en ligne"},
			{"Entrepreneuriat", "Accompagner un professionnel"},
			{"InsertionProfessionnelle", "Insertion professionnelle"},
			{"SecuriteNumerique", "Prévention en sécurité numérique"},
			{"Parentalite", "Parentalité"},
			{"ScolariteEtNumerique", "Scolarité et numérique"},
			{"CreerAvecLeNumerique", "Créer avec le numérique"},
			{"CultureNumerique", "Culture numérique"},
			{"IntelligenceArtificielle", "Intelligence artificielle (IA)"},
			{"AideAuxDemarchesAdministratives", "Aide aux démarches administratives"},
			{"PapiersElectionsCitoyennete", "Papiers - Élections - Citoyenneté"},
			{"FamilleScolarite", "Famille - Scolarité"},
			{"SocialSante", "Social - Santé"},
			{"TravailFormation", "Travail - Formation - Entreprise"},
			{"Logement", "Logement"},
			{"TransportsMobilite", "Transports - Mobilité"},
			{"ArgentImpots", "Argent - Impôts"},
			{"Justice", "Justice"},
			{"EtrangersEurope", "Étrangers - Europe"},
			{"LoisirsSportsCulture", "Loisirs - Sports - Culture"},
			{"Associations", "Associations"},
		}, "cra.theme."},
	}
}

func TestEnums_CodesAndLabels(t *testing.T) {
	for _, e := range enumCases() {
		t.Run(e.name, func(t *testing.T) {
			if len(e.values) != len(e.want) {
				t.Fatalf("Got(%q) = %d values, want %d", e.name, len(e.values), len(e.want))
			}
			for i, v := range e.values {
				if got := [2]string{v.Code(), v.Label()}; got != e.want[i] {
					t.Errorf("Got(%q) = %q, want %q", e.name+"["+v.Code()+"]", got, e.want[i])
				}
				if got, want := v.MessageID(), e.prefix+e.want[i][0]; got != want {
					t.Errorf("Got(%q) = %q, want %q", "MessageID", got, want)
				}
				if !v.Valid() {
					t.Errorf("Got(%q) = false, want true", v.Code()+".Valid()")
				}
			}
		})
	}
	// The empty value and an unknown code are not valid, and their label
	// is the code itself.
	for _, v := range []coded{journal.Theme(""), journal.Theme("Cuisine"), journal.Gender(""), journal.AgeBand("Mineur"),
		journal.SocialStatus(""), journal.PlaceType("Ailleurs"), journal.Equipment("Console"), journal.Autonomy("x"),
		journal.Referral(""), journal.Level("Expert"), journal.Presence("late"), journal.DurationBucket("15")} {
		if v.Valid() {
			t.Errorf("Got(%q) = true, want false", "Valid("+v.Code()+")")
		}
		if v.Label() != v.Code() {
			t.Errorf("Got(%q) = %q, want the code", "Label("+v.Code()+")", v.Label())
		}
	}
}

func TestThemes_Groups(t *testing.T) {
	digital, admin := journal.DigitalThemes(), journal.AdminThemes()
	if len(digital) != 19 || len(admin) != 11 {
		t.Fatalf("Got(%q) = %d + %d, want 19 + 11", "DigitalThemes + AdminThemes", len(digital), len(admin))
	}
	if got := append(slices.Clone(digital), admin...); !slices.Equal(got, journal.Themes()) {
		t.Errorf("Got(%q) = %v, want Themes()", "DigitalThemes + AdminThemes", got)
	}
	if digital[18] != journal.ThemeAideAuxDemarchesAdministratives {
		t.Errorf("Got(%q) = %v, want AideAuxDemarchesAdministratives last", "DigitalThemes()[18]", digital[18])
	}
	for _, th := range digital {
		if th.Administrative() {
			t.Errorf("Got(%q) = true, want false", th.Code()+".Administrative()")
		}
	}
	for _, th := range admin {
		if !th.Administrative() {
			t.Errorf("Got(%q) = false, want true", th.Code()+".Administrative()")
		}
	}
	// Changing the returned slice does not change the package's list.
	digital[0] = "Changed"
	if journal.DigitalThemes()[0] != journal.ThemeDiagnosticNumerique {
		t.Errorf("Got(%q) = %v, want a fresh copy", "DigitalThemes()[0]", journal.DigitalThemes()[0])
	}
}

func TestParseTheme(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want journal.Theme
		ok   bool
	}{
		{"SocialSante", journal.ThemeSocialSante, true},
		{"NavigationSurInternet", journal.ThemeNavigationSurInternet, true},
		{"TravailFormationEntreprise", journal.ThemeTravailFormation, true},
		{"Travail", "", false},
		{"", "", false},
	} {
		got, ok := journal.ParseTheme(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Got(%q) = %v, %v, want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestAutonomy_Export(t *testing.T) {
	for _, tc := range []struct {
		a     journal.Autonomy
		stars int
		want  string
	}{
		{journal.AutonomyEntierementAccompagne, 1, "1/3"},
		{journal.AutonomyPartiellementAutonome, 2, "2/3"},
		{journal.AutonomyAutonome, 3, "3/3"},
		{"", 0, ""},
	} {
		if got := tc.a.Export(); got != tc.want || tc.a.Stars() != tc.stars {
			t.Errorf("Got(%q) = %q (%d stars), want %q (%d)", tc.a, got, tc.a.Stars(), tc.want, tc.stars)
		}
	}
	if got := journal.LevelAvance.Stars(); got != 3 {
		t.Errorf("Got(%q) = %d, want 3", "LevelAvance.Stars()", got)
	}
}
