package journal

import (
	"slices"
	"strconv"
)

// The enums of this package are strings holding the code of the national
// mediators' tool (La Coop de la médiation numérique, "CRA"), so that an
// export maps straight onto it. Each has:
//
//   - a function returning every value in display order (Themes, PlaceTypes…);
//   - Code, the stable code stored and exported ("NavigationSurInternet");
//   - Label, the tool's French label, the fallback when no translation exists;
//   - MessageID, "cra.<enum>.<code>", through which the interface localizes it;
//   - Valid, whether the value is one of the codes.
//
// "Non communiqué" is a real value (GenderNonCommunique…), never the empty
// string: the empty string is invalid wherever a value is required.

// enum describes one enum type: its message-id prefix, and its codes in
// display order with their French labels.
type enum[T ~string] struct {
	prefix string
	values []T
	labels map[T]string
}

// entry is one code and its French label.
type entry[T ~string] struct {
	value T
	label string
}

func newEnum[T ~string](prefix string, entries []entry[T]) enum[T] {
	e := enum[T]{prefix: prefix, labels: map[T]string{}}
	for _, x := range entries {
		e.values = append(e.values, x.value)
		e.labels[x.value] = x.label
	}
	return e
}

func (e enum[T]) all() []T { return slices.Clone(e.values) }

func (e enum[T]) valid(v T) bool {
	_, ok := e.labels[v]
	return ok
}

func (e enum[T]) label(v T) string {
	if l, ok := e.labels[v]; ok {
		return l
	}
	return string(v)
}

func (e enum[T]) messageID(v T) string { return "cra." + e.prefix + "." + string(v) }

// index returns v's position in display order, or len(values) if unknown,
// so that sorting puts unknown values last.
func (e enum[T]) index(v T) int {
	if i := slices.Index(e.values, v); i >= 0 {
		return i
	}
	return len(e.values)
}

// PlaceType is where an accompaniment or a workshop took place (typeLieu).
type PlaceType string

// Place types.
const (
	PlaceLieuActivite PlaceType = "LieuActivite" // Lieu d’activité: the centre's place, named
	PlaceDomicile     PlaceType = "Domicile"     // À domicile: needs a commune
	PlaceADistance    PlaceType = "ADistance"    // À distance
	PlaceAutre        PlaceType = "Autre"        // Autre lieu: needs a commune
)

var placeTypes = newEnum("place", []entry[PlaceType]{
	{PlaceLieuActivite, "Lieu d’activité"},
	{PlaceDomicile, "À domicile"},
	{PlaceADistance, "À distance"},
	{PlaceAutre, "Autre lieu"},
})

// PlaceTypes returns every place type in display order.
func PlaceTypes() []PlaceType { return placeTypes.all() }

// Code returns the CRA code. Label returns the French label. MessageID
// returns "cra.place.<code>". Valid reports whether p is a known code.
func (p PlaceType) Code() string      { return string(p) }
func (p PlaceType) Label() string     { return placeTypes.label(p) }
func (p PlaceType) MessageID() string { return placeTypes.messageID(p) }
func (p PlaceType) Valid() bool       { return placeTypes.valid(p) }

// Equipment is a piece of digital equipment used (materiel).
type Equipment string

// Equipment.
const (
	EquipmentOrdinateur Equipment = "Ordinateur"
	EquipmentTelephone  Equipment = "Telephone"
	EquipmentTablette   Equipment = "Tablette"
	EquipmentAutre      Equipment = "Autre"
	EquipmentAucun      Equipment = "Aucun" // "Pas de matériel": alone
)

var equipments = newEnum("equipment", []entry[Equipment]{
	{EquipmentOrdinateur, "Ordinateur"},
	{EquipmentTelephone, "Téléphone"},
	{EquipmentTablette, "Tablette"},
	{EquipmentAutre, "Autre"},
	{EquipmentAucun, "Pas de matériel"},
})

// Equipments returns every equipment in display order.
func Equipments() []Equipment { return equipments.all() }

// Code returns the CRA code. Label returns the French label. MessageID
// returns "cra.equipment.<code>". Valid reports whether e is a known code.
func (e Equipment) Code() string      { return string(e) }
func (e Equipment) Label() string     { return equipments.label(e) }
func (e Equipment) MessageID() string { return equipments.messageID(e) }
func (e Equipment) Valid() bool       { return equipments.valid(e) }

// Autonomy is how autonomous the person was (autonomie), exported as "n/3".
type Autonomy string

// Autonomy levels, from the least to the most autonomous.
const (
	AutonomyEntierementAccompagne Autonomy = "EntierementAccompagne"
	AutonomyPartiellementAutonome Autonomy = "PartiellementAutonome"
	AutonomyAutonome              Autonomy = "Autonome"
)

var autonomies = newEnum("autonomy", []entry[Autonomy]{
	{AutonomyEntierementAccompagne, "Avec guidage"},
	{AutonomyPartiellementAutonome, "Autonome avec guidage en cas de besoin"},
	{AutonomyAutonome, "Autonome"},
})

// Autonomies returns every autonomy level in display order.
func Autonomies() []Autonomy { return autonomies.all() }

// Code returns the CRA code. Label returns the French label. MessageID
// returns "cra.autonomy.<code>". Valid reports whether a is a known code.
func (a Autonomy) Code() string      { return string(a) }
func (a Autonomy) Label() string     { return autonomies.label(a) }
func (a Autonomy) MessageID() string { return autonomies.messageID(a) }
func (a Autonomy) Valid() bool       { return autonomies.valid(a) }

// Stars returns 1, 2 or 3 (0 for an unknown or empty value).
func (a Autonomy) Stars() int {
	if !a.Valid() {
		return 0
	}
	return autonomies.index(a) + 1
}

// Export returns the exported form "n/3", or "" for an empty value.
func (a Autonomy) Export() string {
	if !a.Valid() {
		return ""
	}
	return strconv.Itoa(a.Stars()) + "/3"
}

// Referral is the kind of structure a person was referred to
// (structureDeRedirection).
type Referral string

// Referral structures.
const (
	ReferralAdministration                  Referral = "Administration"
	ReferralMediationNumerique              Referral = "MediationNumerique"
	ReferralOperateurOuOrganismeEnCharge    Referral = "OperateurOuOrganismeEnCharge"
	ReferralAideSociale                     Referral = "AideSociale"
	ReferralInsertionProfessionnelle        Referral = "InsertionProfessionnelle"
	ReferralAideAuxDemarchesAdministratives Referral = "AideAuxDemarchesAdministratives"
	ReferralAutre                           Referral = "Autre"
)

var referrals = newEnum("referral", []entry[Referral]{
	{ReferralAdministration, "Administration (mairie, préfecture…)"},
	{ReferralMediationNumerique, "Autre structure de médiation numérique"},
	{ReferralOperateurOuOrganismeEnCharge, "Opérateur ou organisme en charge de la démarche administrative"},
	{ReferralAideSociale, "Structure d’aide sociale (maison des solidarités, centre social…)"},
	{ReferralInsertionProfessionnelle, "Structure d’insertion professionnelle (France Travail, mission locale, chambre de commerce…)"},
	{ReferralAideAuxDemarchesAdministratives, "Structure d’aide aux démarches administratives (France Services…)"},
	{ReferralAutre, "Autre"},
})

// Referrals returns every referral structure in display order.
func Referrals() []Referral { return referrals.all() }

// Code returns the CRA code. Label returns the French label. MessageID
// returns "cra.referral.<code>". Valid reports whether r is a known code.
func (r Referral) Code() string      { return string(r) }
func (r Referral) Label() string     { return referrals.label(r) }
func (r Referral) MessageID() string { return referrals.messageID(r) }
func (r Referral) Valid() bool       { return referrals.valid(r) }

// Level is the level of a workshop (niveau).
type Level string

// Workshop levels.
const (
	LevelDebutant      Level = "Debutant"
	LevelIntermediaire Level = "Intermediaire"
	LevelAvance        Level = "Avance"
)

var levels = newEnum("level", []entry[Level]{
	{LevelDebutant, "Débutant"},
	{LevelIntermediaire, "Intermédiaire"},
	{LevelAvance, "Avancé"},
})

// Levels returns every workshop level in display order.
func Levels() []Level { return levels.all() }

// Code returns the CRA code. Label returns the French label. MessageID
// returns "cra.level.<code>". Valid reports whether l is a known code.
func (l Level) Code() string      { return string(l) }
func (l Level) Label() string     { return levels.label(l) }
func (l Level) MessageID() string { return levels.messageID(l) }
func (l Level) Valid() bool       { return levels.valid(l) }

// Stars returns 1, 2 or 3 (0 for an unknown or empty value).
func (l Level) Stars() int {
	if !l.Valid() {
		return 0
	}
	return levels.index(l) + 1
}

// Gender is a person's gender (genre).
type Gender string

// Genders.
const (
	GenderMasculin      Gender = "Masculin"
	GenderFeminin       Gender = "Feminin"
	GenderNonCommunique Gender = "NonCommunique"
)

var genders = newEnum("gender", []entry[Gender]{
	{GenderMasculin, "Masculin"},
	{GenderFeminin, "Féminin"},
	{GenderNonCommunique, "Non communiqué"},
})

// Genders returns every gender in display order, "non communiqué" last.
func Genders() []Gender { return genders.all() }

// Code returns the CRA code. Label returns the French label. MessageID
// returns "cra.gender.<code>". Valid reports whether g is a known code.
func (g Gender) Code() string      { return string(g) }
func (g Gender) Label() string     { return genders.label(g) }
func (g Gender) MessageID() string { return genders.messageID(g) }
func (g Gender) Valid() bool       { return genders.valid(g) }

// AgeBand is an age band (trancheAge). For a named beneficiary it is
// derived from the year of birth (AgeBandFor), never typed.
type AgeBand string

// Age bands.
const (
	AgeMoinsDeDouze          AgeBand = "MoinsDeDouze"
	AgeDouzeDixHuit          AgeBand = "DouzeDixHuit"
	AgeDixHuitVingtQuatre    AgeBand = "DixHuitVingtQuatre"
	AgeVingtCinqTrenteNeuf   AgeBand = "VingtCinqTrenteNeuf"
	AgeQuaranteCinquanteNeuf AgeBand = "QuaranteCinquanteNeuf"
	AgeSoixanteSoixanteNeuf  AgeBand = "SoixanteSoixanteNeuf"
	AgeSoixanteDixPlus       AgeBand = "SoixanteDixPlus"
	AgeNonCommunique         AgeBand = "NonCommunique"
)

var ageBands = newEnum("age_band", []entry[AgeBand]{
	{AgeMoinsDeDouze, "Moins de 12 ans"},
	{AgeDouzeDixHuit, "12 - 17 ans"},
	{AgeDixHuitVingtQuatre, "18 - 24 ans"},
	{AgeVingtCinqTrenteNeuf, "25 - 39 ans"},
	{AgeQuaranteCinquanteNeuf, "40 - 59 ans"},
	{AgeSoixanteSoixanteNeuf, "60 - 69 ans"},
	{AgeSoixanteDixPlus, "70 ans et plus"},
	{AgeNonCommunique, "Non communiqué"},
})

// AgeBands returns every age band from the youngest, "non communiqué" last.
func AgeBands() []AgeBand { return ageBands.all() }

// Code returns the CRA code. Label returns the French label. MessageID
// returns "cra.age_band.<code>". Valid reports whether a is a known code.
func (a AgeBand) Code() string      { return string(a) }
func (a AgeBand) Label() string     { return ageBands.label(a) }
func (a AgeBand) MessageID() string { return ageBands.messageID(a) }
func (a AgeBand) Valid() bool       { return ageBands.valid(a) }

// SocialStatus is a person's social status (statutSocial).
type SocialStatus string

// Social statuses.
const (
	StatusScolarise     SocialStatus = "Scolarise"
	StatusSansEmploi    SocialStatus = "SansEmploi"
	StatusEnEmploi      SocialStatus = "EnEmploi"
	StatusRetraite      SocialStatus = "Retraite"
	StatusNonCommunique SocialStatus = "NonCommunique"
)

var statuses = newEnum("status", []entry[SocialStatus]{
	{StatusScolarise, "Scolarisé"},
	{StatusSansEmploi, "Sans emploi"},
	{StatusEnEmploi, "En emploi"},
	{StatusRetraite, "Retraité"},
	{StatusNonCommunique, "Non communiqué ou hétérogène"},
})

// SocialStatuses returns every social status in display order.
func SocialStatuses() []SocialStatus { return statuses.all() }

// Code returns the CRA code. Label returns the French label. MessageID
// returns "cra.status.<code>". Valid reports whether s is a known code.
func (s SocialStatus) Code() string      { return string(s) }
func (s SocialStatus) Label() string     { return statuses.label(s) }
func (s SocialStatus) MessageID() string { return statuses.messageID(s) }
func (s SocialStatus) Valid() bool       { return statuses.valid(s) }

// Presence is a participant's attendance at one workshop session. It is
// not a CRA field; its message ids are "journal.presence.<code>".
type Presence string

// Presences.
const (
	Present Presence = "present"
	Absent  Presence = "absent"
	Excused Presence = "excused"
)

var presences = newEnum("presence", []entry[Presence]{
	{Present, "Présent"},
	{Absent, "Absent"},
	{Excused, "Excusé"},
})

// Presences returns every presence in display order.
func Presences() []Presence { return presences.all() }

// Code returns the stored code. Label returns the French label. MessageID
// returns "journal.presence.<code>". Valid reports whether p is known.
func (p Presence) Code() string      { return string(p) }
func (p Presence) Label() string     { return presences.label(p) }
func (p Presence) MessageID() string { return "journal." + presences.prefix + "." + string(p) }
func (p Presence) Valid() bool       { return presences.valid(p) }
