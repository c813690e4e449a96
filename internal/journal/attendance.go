package journal

import "maps"

// Attendance helpers: « tous présents », and a person who walks in to a
// session without being on the sheet.

// AllPresent returns the marks of « tous présents » for one session of w:
// every line of the attendance sheet (ParticipantList) present. Pass them
// to SetAttendance; a participant marked otherwise before becomes present.
func (w Workshop) AllPresent(sessionID int64) []Mark {
	list := w.ParticipantList()
	out := make([]Mark, len(list))
	for i, p := range list {
		out[i] = Mark{SessionID: sessionID, Participant: p, Presence: Present}
	}
	return out
}

// WalkIn is a person who comes to a session without being on the sheet.
// Set at most one of BeneficiaryID (a named beneficiary already known) and
// New (a beneficiary to create, with the consent recorded in it); with
// neither, the person is anonymous and Profile says what they told (its
// empty codes count as « non communiqué »).
//
// An anonymous walk-in is counted on the workshop, not on the session: the
// national tool counts anonymous participants per activity, so Total goes
// up by one (and the counts Profile gives), and the new sheet line
// « anonyme N » is marked present at that session only.
type WalkIn struct {
	BeneficiaryID int64
	New           *Beneficiary
	Profile       Profile
}

// Anonymous reports whether the walk-in is anonymous.
func (p WalkIn) Anonymous() bool { return p.BeneficiaryID == 0 && p.New == nil }

// Validate checks the walk-in: not both a known and a new beneficiary, a
// valid new beneficiary, or a valid anonymous profile. It returns nil or a
// failure.Invalid error holding a *ValidationError; the new
// beneficiary's problems keep their own field names.
func (p WalkIn) Validate() error {
	switch {
	case p.BeneficiaryID != 0 && p.New != nil, p.BeneficiaryID < 0:
		return InvalidError("validate walk-in", "beneficiary", CodeBeneficiaryNotFound)
	case p.New != nil:
		if p.New.ID != 0 {
			return InvalidError("validate walk-in", "beneficiary", CodeBeneficiaryNotFound)
		}
		return p.New.Normalize().Validate()
	}
	var ps problems
	ps.profile("person", p.Profile.known())
	return ps.err("validate walk-in")
}

// known returns p with its empty codes set to « non communiqué ».
func (p Profile) known() Profile {
	if p.Gender == "" {
		p.Gender = GenderNonCommunique
	}
	if p.AgeBand == "" {
		p.AgeBand = AgeNonCommunique
	}
	if p.Status == "" {
		p.Status = StatusNonCommunique
	}
	return p
}

// Add returns c counting one more anonymous participant described by p:
// Total, AlreadyAccompanied when p says so, and the gender, age band and
// status p gives (« non communiqué » is what is left, so it adds nothing
// there). c's maps are not changed.
func (c AnonymousCounts) Add(p Profile) AnonymousCounts {
	p = p.known()
	c.Total++
	if p.AlreadyAccompanied {
		c.AlreadyAccompanied++
	}
	c.Genders = addOne(c.Genders, p.Gender, GenderNonCommunique)
	c.AgeBands = addOne(c.AgeBands, p.AgeBand, AgeNonCommunique)
	c.Statuses = addOne(c.Statuses, p.Status, StatusNonCommunique)
	return c
}

func addOne[T comparable](m map[T]int, k, unknown T) map[T]int {
	if k == unknown {
		return m
	}
	out := maps.Clone(m)
	if out == nil {
		out = map[T]int{}
	}
	out[k]++
	return out
}

// WithWalkIn returns w with a walk-in on its attendance sheet and the
// sheet line to mark: the named beneficiary (added to Participants unless
// already there) when beneficiaryID is not 0, else a new anonymous line
// « anonyme Total+1 » counted with profile (AnonymousCounts.Add).
func (w Workshop) WithWalkIn(beneficiaryID int64, profile Profile) (Workshop, Participant) {
	if beneficiaryID != 0 {
		for _, id := range w.Participants {
			if id == beneficiaryID {
				return w, Participant{BeneficiaryID: beneficiaryID}
			}
		}
		w.Participants = append(append([]int64(nil), w.Participants...), beneficiaryID)
		return w, Participant{BeneficiaryID: beneficiaryID}
	}
	w.Anonymous = w.Anonymous.Add(profile)
	return w, Participant{Anonymous: w.Anonymous.Total}
}
