package journal

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"pasapas/internal/failure"
)

// Problem is one invalid field. Field names the form field ("date",
// "place.commune", "sessions[2].start"…); Code says what is wrong, stable and
// dotted ("date.required"). The interface shows the message
// "journal.invalid.<code>" beside the field.
type Problem struct {
	Field string
	Code  string
}

// MessageID returns the id of the localized message for p:
// "journal.invalid.<code>".
func (p Problem) MessageID() string { return "journal.invalid." + p.Code }

// ValidationError lists every invalid field of a record. Validate methods
// return it wrapped in a failure.Invalid error; get it back with
// errors.As or with Problems.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Field + ": " + p.Code
	}
	return "invalid: " + strings.Join(parts, ", ")
}

// Has reports whether e lists the problem (field, code).
func (e *ValidationError) Has(field, code string) bool {
	for _, p := range e.Problems {
		if p.Field == field && p.Code == code {
			return true
		}
	}
	return false
}

// Problems returns the problems listed by a ValidationError in err's chain,
// or nil if there is none.
func Problems(err error) []Problem {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Problems
	}
	return nil
}

// Codes of validation problems. Each has the messages
// "journal.invalid.<code>" in French and English.
const (
	CodeDateRequired           = "date.required"
	CodeDurationRequired       = "duration.required"
	CodeDurationRange          = "duration.range"
	CodePlaceRequired          = "place.required"
	CodePlaceInvalid           = "place.invalid"
	CodePlaceNameRequired      = "place.name_required"
	CodePlaceCommuneRequired   = "place.commune_required"
	CodePostalCodeInvalid      = "postal_code.invalid"
	CodeEquipmentInvalid       = "equipment.invalid"
	CodeEquipmentNoneAlone     = "equipment.none_with_others"
	CodeThemesRequired         = "themes.required"
	CodeThemesInvalid          = "themes.invalid"
	CodeAdminThemesNotAllowed  = "admin_themes.not_allowed"
	CodeAdminThemesInvalid     = "admin_themes.invalid"
	CodeProcedureNotAllowed    = "procedure.not_allowed"
	CodeAutonomyInvalid        = "autonomy.invalid"
	CodeReferralRequired       = "referral.structure_required"
	CodeReferralNotAllowed     = "referral.structure_not_allowed"
	CodeReferralInvalid        = "referral.invalid"
	CodeTagsInvalid            = "tags.invalid"
	CodeNotesLooksLikeNIR      = "notes.looks_like_nir"
	CodeTextTooLong            = "text.too_long"
	CodeTextControl            = "text.control"
	CodeMediatorRequired       = "mediator.required"
	CodeGenderInvalid          = "gender.invalid"
	CodeAgeBandInvalid         = "age_band.invalid"
	CodeStatusInvalid          = "status.invalid"
	CodeFirstNameRequired      = "beneficiary.first_name_required"
	CodeLastNameRequired       = "beneficiary.last_name_required"
	CodeBirthYearRange         = "beneficiary.birth_year_range"
	CodeConsentRequired        = "beneficiary.consent_required"
	CodeConsentByRequired      = "beneficiary.consent_by_required"
	CodeEmailInvalid           = "email.invalid"
	CodePhoneInvalid           = "phone.invalid"
	CodeTitleRequired          = "title.required"
	CodeLevelInvalid           = "level.invalid"
	CodeSessionsRequired       = "sessions.required"
	CodeStartInvalid           = "start.invalid"
	CodeParticipantsRequired   = "participants.required"
	CodeParticipantInvalid     = "participants.invalid"
	CodeAnonymousNegative      = "anonymous.negative"
	CodeAnonymousInvalid       = "anonymous.invalid"
	CodeAnonymousExceedTotal   = "anonymous.counts_exceed_total"
	CodePresenceInvalid        = "attendance.invalid"
	CodeParticipantUnknown     = "attendance.unknown_participant"
	CodeRetentionRange         = "retention.range"
	CodeBeneficiaryNotFound    = "beneficiary.not_found"
	CodeBeneficiaryErased      = "beneficiary.erased"
	CodeVisitAlreadyRecorded   = "visit.already_recorded"
	CodeWorkshopSessionUnknown = "sessions.unknown"
	CodeINSEEInvalid           = "insee.invalid"
	// CodeDateUnreadable and CodeCommuneUnknown are found by forms before
	// a record exists: a date that is not jj/mm/aaaa, a commune that the
	// official list does not have.
	CodeDateUnreadable       = "date.unreadable"
	CodeCommuneUnknown       = "commune.unknown"
	CodeSessionDurationRange = "sessions.duration_range"
	CodeSessionDateRange     = "sessions.date_range"
	CodeSessionHasAttendance = "sessions.has_attendance"
	CodeSessionCancelled     = "sessions.cancelled"
)

// Codes returns every problem code, for checking that each has a message.
func Codes() []string {
	return []string{
		CodeDateRequired, CodeDurationRequired, CodeDurationRange,
		CodePlaceRequired, CodePlaceInvalid, CodePlaceNameRequired, CodePlaceCommuneRequired, CodePostalCodeInvalid,
		CodeEquipmentInvalid, CodeEquipmentNoneAlone,
		CodeThemesRequired, CodeThemesInvalid, CodeAdminThemesNotAllowed, CodeAdminThemesInvalid,
		CodeProcedureNotAllowed, CodeAutonomyInvalid,
		CodeReferralRequired, CodeReferralNotAllowed, CodeReferralInvalid,
		CodeTagsInvalid, CodeNotesLooksLikeNIR, CodeTextTooLong, CodeTextControl, CodeMediatorRequired,
		CodeGenderInvalid, CodeAgeBandInvalid, CodeStatusInvalid,
		CodeFirstNameRequired, CodeLastNameRequired, CodeBirthYearRange, CodeConsentRequired, CodeConsentByRequired,
		CodeEmailInvalid, CodePhoneInvalid,
		CodeTitleRequired, CodeLevelInvalid, CodeSessionsRequired, CodeStartInvalid,
		CodeParticipantsRequired, CodeParticipantInvalid,
		CodeAnonymousNegative, CodeAnonymousInvalid, CodeAnonymousExceedTotal,
		CodePresenceInvalid, CodeParticipantUnknown, CodeRetentionRange,
		CodeBeneficiaryNotFound, CodeBeneficiaryErased, CodeVisitAlreadyRecorded, CodeWorkshopSessionUnknown,
		CodeINSEEInvalid, CodeDateUnreadable, CodeCommuneUnknown, CodeSessionDurationRange, CodeSessionDateRange, CodeSessionHasAttendance, CodeSessionCancelled,
	}
}

// Longest texts accepted, in characters.
const (
	MaxNameLen        = 100  // first name, last name, commune
	MaxTitleLen       = 200  // workshop title, place name, procedure name
	MaxTagLen         = 50   // one tag
	MaxNotesLen       = 5000 // notes
	maxEmailLen       = 254
	maxPostalLen      = 5
	maxPhoneDigits    = 15
	minIntlDigits     = 8
	frenchPhoneDigits = 10
)

// problems collects Problems while a record is checked.
type problems []Problem

func (ps *problems) add(field, code string) { *ps = append(*ps, Problem{field, code}) }

// err returns nil, or the problems as a failure.Invalid error for op.
func (ps problems) err(op string) error {
	if len(ps) == 0 {
		return nil
	}
	return failure.New(failure.Invalid, op, &ValidationError{Problems: ps})
}

// InvalidError returns a failure.Invalid error for op listing the one
// problem (field, code). Stores use it for rules that need stored data.
func InvalidError(op, field, code string) error {
	return failure.New(failure.Invalid, op, &ValidationError{Problems: []Problem{{field, code}}})
}

// text checks a free text: its length, and no invisible character but
// line breaks and tabs (a NUL or an escape sequence pasted from
// elsewhere would travel into the exports).
func (ps *problems) text(field, s string, maxLen int) {
	switch {
	case utf8.RuneCountInString(s) > maxLen:
		ps.add(field, CodeTextTooLong)
	case !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
	}):
		ps.add(field, CodeTextControl)
	}
}

// postalCode checks an optional French postal code: five digits.
func (ps *problems) postalCode(field, s string) {
	if s == "" {
		return
	}
	if len(s) != maxPostalLen || strings.TrimFunc(s, isDigit) != "" {
		ps.add(field, CodePostalCodeInvalid)
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// insee checks an optional INSEE commune code.
func (ps *problems) insee(field, s string) {
	if s != "" && !ValidINSEE(s) {
		ps.add(field, CodeINSEEInvalid)
	}
}

// ValidINSEE reports whether s has the form of an INSEE commune code: five
// digits ("69266", overseas "97411"), or Corsica's "2A"/"2B" and three
// digits ("2A004"). Whether the commune exists is the commune table's
// business.
func ValidINSEE(s string) bool {
	if len(s) != 5 {
		return false
	}
	for i := range 5 {
		c := rune(s[i])
		if isDigit(c) || (i == 1 && s[0] == '2' && (c == 'A' || c == 'B')) {
			continue
		}
		return false
	}
	return true
}

// ValidEmail reports whether s is a plain e-mail address: local@domain.tld,
// no display name, no spaces.
func ValidEmail(s string) bool {
	if s == "" || len(s) > maxEmailLen || strings.ContainsFunc(s, unicode.IsSpace) {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return at > 0 && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// ValidPhone reports whether s is a phone number: a French number of ten
// digits starting with 0, or "+" and 8 to 15 digits; spaces, dots, dashes
// and brackets may separate the digits.
func ValidPhone(s string) bool {
	rest, intl := strings.CutPrefix(strings.TrimSpace(s), "+")
	digits := 0
	for _, r := range rest {
		switch {
		case isDigit(r):
			digits++
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')' || r == '\u00a0':
		default:
			return false
		}
	}
	if intl {
		return digits >= minIntlDigits && digits <= maxPhoneDigits
	}
	first := strings.IndexFunc(rest, isDigit)
	return digits == frenchPhoneDigits && first >= 0 && rest[first] == '0'
}

// LooksLikeNIR reports whether s holds a number that looks like a French
// social security number (NIR, 13 digits or 15 with its key) or a tax
// number (13 digits): 13 or 15 digits in a row, written with or without
// single spaces between groups ("1 85 05 78 006 084 36"). The Corsican
// department letters 2A and 2B count as digits. It errs on the side of
// caution: a 10-digit phone number followed by a 5-digit postal code also
// matches, and the mediator then rewrites the note.
func LooksLikeNIR(s string) bool {
	rs := []rune(s)
	digit := func(i int) bool {
		switch r := rs[i]; {
		case isDigit(r):
			return true
		case r == 'A' || r == 'B' || r == 'a' || r == 'b':
			// 2A or 2B, followed by a digit or a space
			return i > 0 && rs[i-1] == '2' && i+1 < len(rs) && (isDigit(rs[i+1]) || isSpace(rs[i+1]))
		}
		return false
	}
	var groups []int // digit counts of the groups of the current number
	flush := func() bool {
		found := sumsTo(groups, 13) || sumsTo(groups, 15)
		groups = groups[:0]
		return found
	}
	inGroup := false
	for i := range rs {
		switch {
		case digit(i):
			if !inGroup {
				groups = append(groups, 0)
				inGroup = true
			}
			groups[len(groups)-1]++
		case inGroup && isSpace(rs[i]) && i+1 < len(rs) && digit(i+1):
			inGroup = false // one space between groups: the number goes on
		default:
			inGroup = false
			if flush() {
				return true
			}
		}
	}
	return flush()
}

// sumsTo reports whether some consecutive groups add up to exactly n digits.
func sumsTo(groups []int, n int) bool {
	for i := range groups {
		sum := 0
		for _, g := range groups[i:] {
			sum += g
			if sum == n {
				return true
			}
			if sum > n {
				break
			}
		}
	}
	return false
}

func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

// fieldAt returns "name[i]".
func fieldAt(name string, i int) string { return fmt.Sprintf("%s[%d]", name, i) }
