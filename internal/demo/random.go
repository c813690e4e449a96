package demo

import (
	"math/rand/v2"

	"pasapas/internal/journal"
)

// rng draws every random choice of a fill from one seeded generator, in
// a fixed order, so that the same seed gives the same data.
type rng struct{ r *rand.Rand }

func newRNG(seed uint64) *rng {
	return &rng{rand.New(rand.NewPCG(seed, 0x70617361706173))} // "pasapas"
}

// intn returns an int in [0, n).
func (g *rng) intn(n int) int { return g.r.IntN(n) }

// between returns an int in [lo, hi].
func (g *rng) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// chance returns true with probability p.
func (g *rng) chance(p float64) bool { return g.r.Float64() < p }

// key returns 32 hex digits, for a visit key.
func (g *rng) key() string {
	const hex = "0123456789abcdef"
	b := make([]byte, 32)
	for i := range b {
		b[i] = hex[g.r.IntN(16)]
	}
	return string(b)
}

// weighted is a value with its weight in a draw.
type weighted[T any] struct {
	v T
	w int
}

// pick returns one value of xs, each with the chance of its weight.
func pick[T any](g *rng, xs []weighted[T]) T {
	total := 0
	for _, x := range xs {
		total += x.w
	}
	n := g.intn(total)
	for _, x := range xs {
		if n < x.w {
			return x.v
		}
		n -= x.w
	}
	return xs[len(xs)-1].v
}

// one returns one of xs, all equally likely.
func one[T any](g *rng, xs []T) T { return xs[g.intn(len(xs))] }

// Distributions of the people who come to a centre of digital mediation:
// older than the population, more women, many out of work or retired.
var (
	genders = []weighted[journal.Gender]{
		{journal.GenderFeminin, 55}, {journal.GenderMasculin, 38}, {journal.GenderNonCommunique, 7}}
	ageBands = []weighted[journal.AgeBand]{
		{journal.AgeDouzeDixHuit, 2}, {journal.AgeDixHuitVingtQuatre, 7}, {journal.AgeVingtCinqTrenteNeuf, 18},
		{journal.AgeQuaranteCinquanteNeuf, 29}, {journal.AgeSoixanteSoixanteNeuf, 19},
		{journal.AgeSoixanteDixPlus, 17}, {journal.AgeNonCommunique, 8}}
	statuses = []weighted[journal.SocialStatus]{
		{journal.StatusScolarise, 4}, {journal.StatusSansEmploi, 36}, {journal.StatusEnEmploi, 28},
		{journal.StatusRetraite, 15}, {journal.StatusNonCommunique, 12}}
	durations = []weighted[int]{{15, 15}, {30, 35}, {45, 20}, {60, 18}, {90, 8}, {120, 4}}
	places    = []weighted[journal.PlaceType]{
		{journal.PlaceLieuActivite, 85}, {journal.PlaceADistance, 8}, {journal.PlaceDomicile, 4}, {journal.PlaceAutre, 3}}
	equipment = []weighted[journal.Equipment]{
		{journal.EquipmentOrdinateur, 50}, {journal.EquipmentTelephone, 35}, {journal.EquipmentTablette, 8},
		{journal.EquipmentAucun, 7}}
	autonomies = []weighted[journal.Autonomy]{
		{journal.AutonomyEntierementAccompagne, 40}, {journal.AutonomyPartiellementAutonome, 35},
		{journal.AutonomyAutonome, 10}, {"", 15}}
	langs = []weighted[string]{{"fr", 80}, {"ar", 7}, {"en", 4}, {"uk", 4}, {"tr", 2}, {"es", 2}, {"pt", 1}}
)

// commune is a commune of residence with its postal code.
type commune struct{ name, postalCode string }

// communes are where people come from: mostly the centre's own commune;
// "" when the person did not say.
var communes = []weighted[commune]{
	{commune{"Villeurbanne", "69100"}, 48}, {commune{"Lyon", "69003"}, 9}, {commune{"Lyon", "69008"}, 5},
	{commune{"Vaulx-en-Velin", "69120"}, 12}, {commune{"Bron", "69500"}, 8},
	{commune{"Décines-Charpieu", "69150"}, 5}, {commune{"Saint-Priest", "69800"}, 3}, {commune{}, 10}}

// centre is the centre's activity place.
const centre = "Centre social des Buers"

// procedures are the administrative procedures done, by administrative
// theme, with their weights; the theme itself weighs its procedures' sum.
var procedures = []struct {
	theme journal.Theme
	names []weighted[string]
}{
	{journal.ThemeSocialSante, []weighted[string]{{"Compte ameli", 10}, {"Carte Vitale", 6},
		{"Complémentaire santé solidaire", 6}, {"Mon espace santé", 4}, {"Dossier MDPH", 2}}},
	{journal.ThemeFamilleScolarite, []weighted[string]{{"Dossier CAF", 8}, {"EduConnect", 3}, {"Pass'Sport", 1}}},
	{journal.ThemeLogement, []weighted[string]{{"Aide au logement CAF", 10}, {"Demande de logement social", 6},
		{"Chèque énergie", 2}}},
	{journal.ThemeArgentImpots, []weighted[string]{{"Déclaration de revenus", 9},
		{"Espace particulier impots.gouv", 5}, {"Déclaration trimestrielle RSA", 7}, {"Prime d'activité", 5}}},
	{journal.ThemeTravailFormation, []weighted[string]{{"Inscription France Travail", 9},
		{"Actualisation France Travail", 6}, {"Mon compte formation", 2}, {"Info-retraite", 3}}},
	{journal.ThemePapiersElectionsCitoyennete, []weighted[string]{{"Carte d'identité (ANTS)", 6},
		{"Passeport (ANTS)", 3}, {"Identité numérique La Poste", 3}}},
	{journal.ThemeTransportsMobilite, []weighted[string]{{"Permis de conduire (ANTS)", 3}, {"Carte grise (ANTS)", 2},
		{"Vignette Crit'Air", 1}}},
	{journal.ThemeEtrangersEurope, []weighted[string]{{"Titre de séjour (ANEF)", 5}, {"Naturalisation", 1}}},
	{journal.ThemeJustice, []weighted[string]{{"Extrait de casier judiciaire", 1}}},
	{journal.ThemeLoisirsSportsCulture, []weighted[string]{{"Inscription médiathèque", 1}}},
	{journal.ThemeAssociations, []weighted[string]{{"Compte Asso", 1}}},
}

// digitalThemes are the themes of the accompaniments that are not about a
// procedure.
var digitalThemes = []weighted[journal.Theme]{
	{journal.ThemeEmail, 16}, {journal.ThemePrendreEnMainDuMateriel, 15}, {journal.ThemeNavigationSurInternet, 10},
	{journal.ThemeGereSesContenusNumeriques, 9}, {journal.ThemeSecuriteNumerique, 7},
	{journal.ThemeBanqueEtAchatsEnLigne, 6}, {journal.ThemeSante, 5}, {journal.ThemeInsertionProfessionnelle, 6},
	{journal.ThemeBureautique, 5}, {journal.ThemeReseauxSociaux, 4}, {journal.ThemeScolariteEtNumerique, 3},
	{journal.ThemeParentalite, 2}, {journal.ThemeMaintenanceDeMateriel, 3}, {journal.ThemeDiagnosticNumerique, 3},
	{journal.ThemeCultureNumerique, 1}, {journal.ThemeIntelligenceArtificielle, 2},
	{journal.ThemeCreerAvecLeNumerique, 1}, {journal.ThemeEntrepreneuriat, 1}}

// people are the named beneficiaries: fictional people who agreed to be
// followed.
var people = []struct {
	first, last string
	born        int
	gender      journal.Gender
	status      journal.SocialStatus
}{
	{"Yvette", "Morel", 1946, journal.GenderFeminin, journal.StatusRetraite},
	{"Mohamed", "Benhamou", 1971, journal.GenderMasculin, journal.StatusSansEmploi},
	{"Aïcha", "Diallo", 1988, journal.GenderFeminin, journal.StatusEnEmploi},
	{"Gérard", "Lefèvre", 1952, journal.GenderMasculin, journal.StatusRetraite},
	{"Nadia", "Haddad", 1979, journal.GenderFeminin, journal.StatusSansEmploi},
	{"Josiane", "Girard", 1958, journal.GenderFeminin, journal.StatusRetraite},
	{"Thi Lan", "Nguyen", 1990, journal.GenderFeminin, journal.StatusNonCommunique},
	{"Oleksandr", "Kovalenko", 1984, journal.GenderMasculin, journal.StatusSansEmploi},
}
