package journal

import (
	"slices"
	"strings"
	"time"
)

// Place is where an activity took place.
type Place struct {
	Type PlaceType
	// Name is the activity place's name; required for PlaceLieuActivite.
	Name string
	// Commune and PostalCode are required (the commune) for PlaceDomicile
	// and PlaceAutre. For PlaceADistance the tool uses the centre's commune.
	Commune    string
	PostalCode string
	// INSEE is the commune's INSEE code (lieuCodeInsee), "" when not
	// known: five characters, digits or 2A/2B then three digits. The
	// commune table fills it; the journal only checks its form.
	INSEE string
}

// Profile is the anonymous description of a person: what statistics count.
// It is the whole person for an anonymous accompaniment. For a named
// beneficiary the store fills it from the beneficiary record (the age band
// at the accompaniment's date), and it stays when the beneficiary is erased.
type Profile struct {
	AlreadyAccompanied bool // "déjà accompagné" before this accompaniment
	Commune            string
	PostalCode         string
	INSEE              string // the commune's INSEE code, or ""
	Gender             Gender
	AgeBand            AgeBand
	Status             SocialStatus
}

// UnknownProfile returns the profile of a person about whom nothing was
// said: every field "non communiqué".
func UnknownProfile() Profile {
	return Profile{Gender: GenderNonCommunique, AgeBand: AgeNonCommunique, Status: StatusNonCommunique}
}

// Accompaniment is an individual accompaniment (CRA "Accompagnement
// individuel"): one mediator helping one person.
type Accompaniment struct {
	ID              int64 // 0 until stored
	Date            Date
	DurationMinutes int
	Place           Place
	Equipment       []Equipment
	// Themes are digital-mediation themes (DigitalThemes), at least one.
	Themes []Theme
	// AdminThemes are administrative themes (AdminThemes), allowed only
	// when Themes holds ThemeAideAuxDemarchesAdministratives.
	AdminThemes []Theme
	// Procedure is the name of the administrative procedure done
	// (precisionsDemarche), allowed only with
	// ThemeAideAuxDemarchesAdministratives.
	Procedure string
	Autonomy  Autonomy // optional
	Referred  bool     // "orienté vers une autre structure"
	Referral  Referral // required when Referred, empty otherwise
	Tags      []string
	// Notes must hold nothing sensitive: a number that looks like a NIR
	// is refused.
	Notes      string
	MediatorID int64 // the account that logged it

	// BeneficiaryID is the named beneficiary, or 0 for an anonymous person.
	BeneficiaryID int64
	Person        Profile

	// VisitKey is the kiosk visit it was made from, or "".
	VisitKey string

	Created time.Time // set by the store
	Updated time.Time // set by the store
}

// NewAccompaniment returns a blank accompaniment for the form: at the
// centre's activity place, of an anonymous person about whom nothing is
// said yet.
func NewAccompaniment(date Date, mediatorID int64) Accompaniment {
	return Accompaniment{
		Date:       date,
		Place:      Place{Type: PlaceLieuActivite},
		MediatorID: mediatorID,
		Person:     UnknownProfile(),
	}
}

// HasAdminTheme reports whether a's themes include "Aide aux démarches
// administratives", which allows administrative themes and a procedure.
func (a Accompaniment) HasAdminTheme() bool {
	return slices.Contains(a.Themes, ThemeAideAuxDemarchesAdministratives)
}

// Anonymous reports whether the person is anonymous (no beneficiary).
func (a Accompaniment) Anonymous() bool { return a.BeneficiaryID == 0 }

// Validate checks every rule of the CRA form. It returns nil, or a
// failure.Invalid error holding a *ValidationError with every problem.
func (a Accompaniment) Validate() error {
	var ps problems
	if a.Date.IsZero() || !a.Date.valid() {
		ps.add("date", CodeDateRequired)
	}
	ps.duration("duration", a.DurationMinutes)
	ps.place("place", a.Place)
	ps.equipment("equipment", a.Equipment)
	ps.themes(a.Themes, a.AdminThemes)
	if a.Procedure != "" && !a.HasAdminTheme() {
		ps.add("procedure", CodeProcedureNotAllowed)
	}
	ps.text("procedure", a.Procedure, MaxTitleLen)
	if a.Autonomy != "" && !a.Autonomy.Valid() {
		ps.add("autonomy", CodeAutonomyInvalid)
	}
	switch {
	case a.Referred && a.Referral == "":
		ps.add("referral", CodeReferralRequired)
	case !a.Referred && a.Referral != "":
		ps.add("referral", CodeReferralNotAllowed)
	case a.Referral != "" && !a.Referral.Valid():
		ps.add("referral", CodeReferralInvalid)
	}
	ps.tags("tags", a.Tags)
	ps.notes("notes", a.Notes)
	if a.MediatorID <= 0 {
		ps.add("mediator", CodeMediatorRequired)
	}
	if a.BeneficiaryID < 0 {
		ps.add("beneficiary", CodeBeneficiaryNotFound)
	}
	if a.Anonymous() {
		ps.profile("person", a.Person)
	}
	return ps.err("validate accompaniment")
}

func (ps *problems) duration(field string, minutes int) {
	switch {
	case minutes == 0:
		ps.add(field, CodeDurationRequired)
	case minutes < MinDuration || minutes > MaxDuration:
		ps.add(field, CodeDurationRange)
	}
}

func (ps *problems) place(field string, p Place) {
	switch {
	case p.Type == "":
		ps.add(field+".type", CodePlaceRequired)
	case !p.Type.Valid():
		ps.add(field+".type", CodePlaceInvalid)
	case p.Type == PlaceLieuActivite && strings.TrimSpace(p.Name) == "":
		ps.add(field+".name", CodePlaceNameRequired)
	case (p.Type == PlaceDomicile || p.Type == PlaceAutre) && strings.TrimSpace(p.Commune) == "":
		ps.add(field+".commune", CodePlaceCommuneRequired)
	}
	ps.text(field+".name", p.Name, MaxTitleLen)
	ps.text(field+".commune", p.Commune, MaxNameLen)
	ps.postalCode(field+".postal_code", p.PostalCode)
	ps.insee(field+".insee", p.INSEE)
}

func (ps *problems) equipment(field string, es []Equipment) {
	for _, e := range es {
		if !e.Valid() {
			ps.add(field, CodeEquipmentInvalid)
			return
		}
	}
	if slices.Contains(es, EquipmentAucun) && slices.ContainsFunc(es, func(e Equipment) bool { return e != EquipmentAucun }) {
		ps.add(field, CodeEquipmentNoneAlone)
	}
}

// themes checks the digital themes and the administrative themes.
func (ps *problems) themes(ts, admin []Theme) {
	if len(ts) == 0 {
		ps.add("themes", CodeThemesRequired)
	}
	for _, t := range ts {
		if !t.Valid() || t.Administrative() {
			ps.add("themes", CodeThemesInvalid)
			break
		}
	}
	if len(admin) > 0 && !slices.Contains(ts, ThemeAideAuxDemarchesAdministratives) {
		ps.add("admin_themes", CodeAdminThemesNotAllowed)
		return
	}
	for _, t := range admin {
		if !t.Administrative() {
			ps.add("admin_themes", CodeAdminThemesInvalid)
			break
		}
	}
}

func (ps *problems) tags(field string, tags []string) {
	for _, tag := range tags {
		t := strings.TrimSpace(tag)
		if t == "" || len([]rune(t)) > MaxTagLen || strings.ContainsFunc(t, isControl) || LooksLikeNIR(t) {
			ps.add(field, CodeTagsInvalid)
			return
		}
	}
}

func isControl(r rune) bool { return r < ' ' || r == 0x7f }

func (ps *problems) notes(field, notes string) {
	if LooksLikeNIR(notes) {
		ps.add(field, CodeNotesLooksLikeNIR)
	}
	ps.text(field, notes, MaxNotesLen)
}

// profile checks an anonymous person's profile.
func (ps *problems) profile(field string, p Profile) {
	if !p.Gender.Valid() {
		ps.add(field+".gender", CodeGenderInvalid)
	}
	if !p.AgeBand.Valid() {
		ps.add(field+".age_band", CodeAgeBandInvalid)
	}
	if !p.Status.Valid() {
		ps.add(field+".status", CodeStatusInvalid)
	}
	ps.text(field+".commune", p.Commune, MaxNameLen)
	ps.postalCode(field+".postal_code", p.PostalCode)
	ps.insee(field+".insee", p.INSEE)
}

// Duplicate returns a copy of a to log a similar accompaniment on day:
// no id, no timestamps, no kiosk visit, and no notes (they were about that
// time). The person, themes, place and everything else are kept for the
// mediator to change.
func (a Accompaniment) Duplicate(day Date) Accompaniment {
	d := a
	d.ID = 0
	d.Date = day
	d.Created, d.Updated = time.Time{}, time.Time{}
	d.VisitKey = ""
	d.Notes = ""
	d.Equipment = slices.Clone(a.Equipment)
	d.Themes = slices.Clone(a.Themes)
	d.AdminThemes = slices.Clone(a.AdminThemes)
	d.Tags = slices.Clone(a.Tags)
	return d
}

// Normalize returns a with its lists in display order and without
// repeated values, and with blank tags dropped; stores save it this way.
func (a Accompaniment) Normalize() Accompaniment {
	a.Equipment = uniqueSorted(a.Equipment, equipments.index)
	a.Themes = uniqueSorted(a.Themes, themes.index)
	a.AdminThemes = uniqueSorted(a.AdminThemes, themes.index)
	a.Tags = uniqueTags(a.Tags)
	a.Place = a.Place.normalize()
	a.Person.INSEE = normalizeINSEE(a.Person.INSEE)
	return a
}

// normalize returns p with the spaces around its commune, postal code and
// INSEE code removed, and the INSEE code in upper case ("2a004" is
// "2A004").
func (p Place) normalize() Place {
	p.Commune = strings.TrimSpace(p.Commune)
	p.PostalCode = strings.TrimSpace(p.PostalCode)
	p.INSEE = normalizeINSEE(p.INSEE)
	return p
}

func normalizeINSEE(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

func uniqueSorted[T comparable](xs []T, index func(T) int) []T {
	if xs == nil {
		return nil
	}
	out := slices.Clone(xs)
	slices.SortStableFunc(out, func(a, b T) int { return index(a) - index(b) })
	return slices.Compact(out)
}

func uniqueTags(tags []string) []string {
	if tags == nil {
		return nil
	}
	var out []string
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
