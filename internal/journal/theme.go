package journal

import "slices"

// Theme is a theme of an accompaniment or a workshop (thematique). The tool
// has one list with two groups: 19 digital-mediation themes, the last being
// "Aide aux démarches administratives", and 11 administrative themes that
// may be chosen only along with that one.
type Theme string

// Digital-mediation themes (thématiques de médiation numérique).
const (
	ThemeDiagnosticNumerique             Theme = "DiagnosticNumerique"
	ThemePrendreEnMainDuMateriel         Theme = "PrendreEnMainDuMateriel"
	ThemeMaintenanceDeMateriel           Theme = "MaintenanceDeMateriel"
	ThemeGereSesContenusNumeriques       Theme = "GereSesContenusNumeriques"
	ThemeNavigationSurInternet           Theme = "NavigationSurInternet"
	ThemeEmail                           Theme = "Email"
	ThemeBureautique                     Theme = "Bureautique"
	ThemeReseauxSociaux                  Theme = "ReseauxSociaux"
	ThemeSante                           Theme = "Sante"
	ThemeBanqueEtAchatsEnLigne           Theme = "BanqueEtAchatsEnLigne"
	ThemeEntrepreneuriat                 Theme = "Entrepreneuriat"
	ThemeInsertionProfessionnelle        Theme = "InsertionProfessionnelle"
	ThemeSecuriteNumerique               Theme = "SecuriteNumerique"
	ThemeParentalite                     Theme = "Parentalite"
	ThemeScolariteEtNumerique            Theme = "ScolariteEtNumerique"
	ThemeCreerAvecLeNumerique            Theme = "CreerAvecLeNumerique"
	ThemeCultureNumerique                Theme = "CultureNumerique"
	ThemeIntelligenceArtificielle        Theme = "IntelligenceArtificielle"
	ThemeAideAuxDemarchesAdministratives Theme = "AideAuxDemarchesAdministratives"
)

// Administrative themes (thématiques de démarches administratives).
const (
	ThemePapiersElectionsCitoyennete Theme = "PapiersElectionsCitoyennete"
	ThemeFamilleScolarite            Theme = "FamilleScolarite"
	ThemeSocialSante                 Theme = "SocialSante"
	ThemeTravailFormation            Theme = "TravailFormation"
	ThemeLogement                    Theme = "Logement"
	ThemeTransportsMobilite          Theme = "TransportsMobilite"
	ThemeArgentImpots                Theme = "ArgentImpots"
	ThemeJustice                     Theme = "Justice"
	ThemeEtrangersEurope             Theme = "EtrangersEurope"
	ThemeLoisirsSportsCulture        Theme = "LoisirsSportsCulture"
	ThemeAssociations                Theme = "Associations"
)

// digitalCount is how many of themes' first values are digital-mediation themes.
const digitalCount = 19

var themes = newEnum("theme", []entry[Theme]{
	{ThemeDiagnosticNumerique, "Diagnostic numérique"},
	{ThemePrendreEnMainDuMateriel, "Prendre en main du matériel"},
	{ThemeMaintenanceDeMateriel, "Maintenance de matériel"},
	{ThemeGereSesContenusNumeriques, "Gérer ses contenus numériques"},
	{ThemeNavigationSurInternet, "Navigation sur internet"},
	{ThemeEmail, "E-mail"},
	{ThemeBureautique, "Bureautique"},
	{ThemeReseauxSociaux, "Réseaux sociaux communication"},
	{ThemeSante, "Santé"},
	{ThemeBanqueEtAchatsEnLigne, "Banque et achats en ligne"},
	{ThemeEntrepreneuriat, "Accompagner un professionnel"},
	{ThemeInsertionProfessionnelle, "Insertion professionnelle"},
	{ThemeSecuriteNumerique, "Prévention en sécurité numérique"},
	{ThemeParentalite, "Parentalité"},
	{ThemeScolariteEtNumerique, "Scolarité et numérique"},
	{ThemeCreerAvecLeNumerique, "Créer avec le numérique"},
	{ThemeCultureNumerique, "Culture numérique"},
	{ThemeIntelligenceArtificielle, "Intelligence artificielle (IA)"},
	{ThemeAideAuxDemarchesAdministratives, "Aide aux démarches administratives"},

	{ThemePapiersElectionsCitoyennete, "Papiers - Élections - Citoyenneté"},
	{ThemeFamilleScolarite, "Famille - Scolarité"},
	{ThemeSocialSante, "Social - Santé"},
	{ThemeTravailFormation, "Travail - Formation - Entreprise"},
	{ThemeLogement, "Logement"},
	{ThemeTransportsMobilite, "Transports - Mobilité"},
	{ThemeArgentImpots, "Argent - Impôts"},
	{ThemeJustice, "Justice"},
	{ThemeEtrangersEurope, "Étrangers - Europe"},
	{ThemeLoisirsSportsCulture, "Loisirs - Sports - Culture"},
	{ThemeAssociations, "Associations"},
})

// Themes returns all 30 themes in display order: the 19 digital-mediation
// themes, then the 11 administrative ones.
func Themes() []Theme { return themes.all() }

// DigitalThemes returns the 19 digital-mediation themes in display order,
// ending with ThemeAideAuxDemarchesAdministratives.
func DigitalThemes() []Theme { return slices.Clone(themes.values[:digitalCount]) }

// AdminThemes returns the 11 administrative themes in display order.
func AdminThemes() []Theme { return slices.Clone(themes.values[digitalCount:]) }

// Code returns the CRA code. Label returns the French label. MessageID
// returns "cra.theme.<code>". Valid reports whether t is a known code.
func (t Theme) Code() string      { return string(t) }
func (t Theme) Label() string     { return themes.label(t) }
func (t Theme) MessageID() string { return themes.messageID(t) }
func (t Theme) Valid() bool       { return themes.valid(t) }

// Administrative reports whether t is one of the 11 administrative themes,
// allowed only along with ThemeAideAuxDemarchesAdministratives.
func (t Theme) Administrative() bool {
	return t.Valid() && themes.index(t) >= digitalCount
}

// themeAliases maps codes that are not CRA codes but are known to be meant
// for one. The guide categories say "TravailFormationEntreprise" (the
// label's words) where the tool's code is "TravailFormation".
var themeAliases = map[string]Theme{
	"TravailFormationEntreprise": ThemeTravailFormation,
}

// ParseTheme returns the theme with code s, accepting the known aliases,
// and whether it is one.
func ParseTheme(s string) (Theme, bool) {
	if t := Theme(s); t.Valid() {
		return t, true
	}
	t, ok := themeAliases[s]
	return t, ok
}
