package journal

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"pasapas/internal/guide"
)

// Beneficiary is a named person followed by the centre: the opt-in
// exception to anonymous logging, created only with the person's recorded
// consent. It holds no password, no social security number (NIR), no tax
// number, no bank details and no FranceConnect identifier, and never will.
//
// Erasing it (Erase) removes every direct identifier — names, phone,
// e-mail, year of birth — and keeps what statistics count: commune, gender,
// status and the age band at the time of erasure.
type Beneficiary struct {
	ID        int64 // 0 until stored
	FirstName string
	LastName  string
	// BirthYear is the year of birth, or 0 if not given. The age band is
	// derived from it (AgeBandAt), never typed.
	BirthYear  int
	Commune    string
	PostalCode string
	INSEE      string // the commune's INSEE code (communeCodeInsee), or ""
	Gender     Gender
	Status     SocialStatus
	Phone      string // optional
	Email      string // optional

	// ConsentDate is the day the person agreed to be recorded, and
	// ConsentBy the account of the mediator who recorded it.
	ConsentDate Date
	ConsentBy   int64

	Created time.Time // set by the store
	Updated time.Time // set by the store
	// LastActivity is the last day of activity: the latest of the consent
	// date, its accompaniments' dates and its workshops' session dates (not
	// cancelled).
	// Set by the store; retention counts from it.
	LastActivity Date

	// Erased is when the identifiers were removed, zero while the record
	// is named. ErasedAgeBand is the age band kept at erasure.
	Erased        time.Time
	ErasedAgeBand AgeBand
}

// NewBeneficiary returns a blank beneficiary for the form, with consent
// recorded on day by the account mediatorID and nothing said about gender
// and status.
func NewBeneficiary(day Date, mediatorID int64) Beneficiary {
	return Beneficiary{
		Gender:      GenderNonCommunique,
		Status:      StatusNonCommunique,
		ConsentDate: day,
		ConsentBy:   mediatorID,
	}
}

// MinBirthYear is the earliest year of birth accepted.
const MinBirthYear = 1900

// AgeBandFor returns the age band of a person born in birthYear on day:
// the age is day's year minus the year of birth (the birthday is not
// known). It returns AgeNonCommunique when birthYear is 0 or after day.
func AgeBandFor(birthYear int, day Date) AgeBand {
	if birthYear <= 0 || birthYear > day.Year {
		return AgeNonCommunique
	}
	switch age := day.Year - birthYear; {
	case age < 12:
		return AgeMoinsDeDouze
	case age < 18:
		return AgeDouzeDixHuit
	case age < 25:
		return AgeDixHuitVingtQuatre
	case age < 40:
		return AgeVingtCinqTrenteNeuf
	case age < 60:
		return AgeQuaranteCinquanteNeuf
	case age < 70:
		return AgeSoixanteSoixanteNeuf
	default:
		return AgeSoixanteDixPlus
	}
}

// AgeBandAt returns b's age band on day: derived from the year of birth
// while it is known, else the band kept at erasure, else "non communiqué".
func (b Beneficiary) AgeBandAt(day Date) AgeBand {
	if b.BirthYear > 0 {
		return AgeBandFor(b.BirthYear, day)
	}
	if b.ErasedAgeBand.Valid() {
		return b.ErasedAgeBand
	}
	return AgeNonCommunique
}

// IsErased reports whether b's identifiers were removed.
func (b Beneficiary) IsErased() bool { return !b.Erased.IsZero() }

// ProfileAt returns the anonymous profile of b for an activity on day.
// AlreadyAccompanied is left false: it depends on b's other activity.
func (b Beneficiary) ProfileAt(day Date) Profile {
	return Profile{
		Commune:    b.Commune,
		PostalCode: b.PostalCode,
		INSEE:      b.INSEE,
		Gender:     b.Gender,
		AgeBand:    b.AgeBandAt(day),
		Status:     b.Status,
	}
}

// DisplayName returns "First Last", or "" once erased.
func (b Beneficiary) DisplayName() string {
	return strings.TrimSpace(b.FirstName + " " + b.LastName)
}

// SearchKey returns the last then first name folded for searching and
// sorting: lower case, without accents ("Zoé Ébrard" gives "ebrard zoe").
// It is "" once erased.
func (b Beneficiary) SearchKey() string {
	return FoldSearch(b.LastName + " " + b.FirstName)
}

// FoldSearch returns s folded as SearchKey folds names, with spaces
// collapsed, so that a query matches whatever its case and accents.
func FoldSearch(s string) string {
	return strings.Join(strings.Fields(guide.Fold(s)), " ")
}

// Normalize returns b with the spaces around its texts removed; stores
// save it this way.
func (b Beneficiary) Normalize() Beneficiary {
	for _, p := range []*string{&b.FirstName, &b.LastName, &b.Commune, &b.PostalCode, &b.INSEE, &b.Phone, &b.Email} {
		*p = strings.TrimSpace(*p)
	}
	b.INSEE = strings.ToUpper(b.INSEE)
	return b
}

// Validate checks a named beneficiary: first and last name, a year of
// birth from MinBirthYear to the consent's year, valid gender and status,
// the optional phone, e-mail and postal code, and the recorded consent.
// It returns nil, or a failure.Invalid error holding a *ValidationError.
func (b Beneficiary) Validate() error {
	var ps problems
	if strings.TrimSpace(b.FirstName) == "" {
		ps.add("first_name", CodeFirstNameRequired)
	}
	if strings.TrimSpace(b.LastName) == "" {
		ps.add("last_name", CodeLastNameRequired)
	}
	ps.text("first_name", b.FirstName, MaxNameLen)
	ps.text("last_name", b.LastName, MaxNameLen)
	// Nobody is born after agreeing to be recorded.
	tooLate := !b.ConsentDate.IsZero() && b.BirthYear > b.ConsentDate.Year
	if b.BirthYear != 0 && (b.BirthYear < MinBirthYear || tooLate) {
		ps.add("birth_year", CodeBirthYearRange)
	}
	ps.text("commune", b.Commune, MaxNameLen)
	ps.postalCode("postal_code", b.PostalCode)
	ps.insee("insee", b.INSEE)
	if !b.Gender.Valid() {
		ps.add("gender", CodeGenderInvalid)
	}
	if !b.Status.Valid() {
		ps.add("status", CodeStatusInvalid)
	}
	if b.Phone != "" && !ValidPhone(b.Phone) {
		ps.add("phone", CodePhoneInvalid)
	}
	if b.Email != "" && !ValidEmail(b.Email) {
		ps.add("email", CodeEmailInvalid)
	}
	if b.ConsentDate.IsZero() || !b.ConsentDate.valid() {
		ps.add("consent", CodeConsentRequired)
	}
	if b.ConsentBy <= 0 {
		ps.add("consent_by", CodeConsentByRequired)
	}
	return ps.err("validate beneficiary")
}

// Identifiers returns b's direct identifiers as typed — first name, last
// name, phone, e-mail — without the empty ones, for redacting free texts.
func (b Beneficiary) Identifiers() []string {
	var out []string
	for _, s := range []string{b.FirstName, b.LastName, b.Phone, b.Email} {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Erase returns b without its direct identifiers, erased at the given
// time: names, phone, e-mail and year of birth are removed; commune,
// gender, status and the age band at that day (in at's location) are
// kept. Consent date and author stay as proof the record was lawful.
func (b Beneficiary) Erase(at time.Time) Beneficiary {
	if b.IsErased() {
		return b
	}
	b.ErasedAgeBand = b.AgeBandAt(DateOf(at))
	b.FirstName, b.LastName, b.Phone, b.Email = "", "", "", ""
	b.BirthYear = 0
	b.Erased = at
	return b
}

// RedactedMark is the text that replaces an identifier in a free text.
const RedactedMark = "[effacé]"

// Redactor removes given identifiers from free texts.
type Redactor struct {
	re *regexp.Regexp // nil when there is nothing to redact
}

// NewRedactor returns a Redactor for the identifiers: each matches as a
// whole word (not inside a longer word: "Ali" does not match
// "Alimentation"), ignoring case and accents; a phone number also matches with other
// spacing ("06 12 34 56 78" and "0612345678"). Identifiers shorter than two
// characters are ignored.
func NewRedactor(identifiers []string) Redactor {
	var alts []string
	for _, id := range identifiers {
		id = strings.TrimSpace(id)
		if len([]rune(id)) < 2 {
			continue
		}
		if ValidPhone(id) {
			var digits []string
			for _, r := range id {
				if isDigit(r) {
					digits = append(digits, string(r))
				}
			}
			alts = append(alts, strings.Join(digits, `[\s.\-()]*`))
			continue
		}
		alts = append(alts, accentFree(id))
	}
	if len(alts) == 0 {
		return Redactor{}
	}
	// Longest first, so that an e-mail address goes whole before the name
	// it contains.
	slices.SortStableFunc(alts, func(a, b string) int { return len(b) - len(a) })
	// Every part is quoted or made of digits: the pattern always compiles.
	re, err := regexp.Compile(`(?i)(^|[^\p{L}\p{N}])(?:` + strings.Join(alts, "|") + `)($|[^\p{L}\p{N}])`)
	if err != nil {
		return Redactor{}
	}
	return Redactor{re: re}
}

// accentVariants lists, for each unaccented letter, the accented letters
// written for it in French and nearby languages.
var accentVariants = map[rune]string{
	'a': "aàâäáãåā", 'c': "cç", 'e': "eéèêëē", 'i': "iîïíìī", 'n': "nñ",
	'o': "oôöóòõō", 'u': "uùûüúū", 'y': "yÿý",
}

// accentFree returns a pattern matching s with or without its accents
// ("Zéphyrine" matches "Zephyrine" and "zéphyrine"; "Œdipe" "Oedipe").
func accentFree(s string) string {
	var b strings.Builder
	for _, r := range s {
		base := []rune(guide.Fold(string(r)))
		switch {
		case len(base) == 1 && accentVariants[base[0]] != "":
			b.WriteString("[" + accentVariants[base[0]] + "]")
		case len(base) == 2: // œ, æ
			b.WriteString("(?:" + regexp.QuoteMeta(string(r)) + "|" + string(base) + ")")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	return b.String()
}

// Redact returns text with every identifier replaced by RedactedMark.
func (r Redactor) Redact(text string) string {
	if r.re == nil || text == "" {
		return text
	}
	// A match takes the character after it, so "Ali Ali" needs two passes.
	for range 8 {
		next := r.re.ReplaceAllString(text, "${1}"+RedactedMark+"${2}")
		if next == text {
			break
		}
		text = next
	}
	return text
}

// Redact returns text with every occurrence of the identifiers replaced by
// RedactedMark, as NewRedactor(identifiers).Redact(text).
func Redact(text string, identifiers []string) string {
	return NewRedactor(identifiers).Redact(text)
}
