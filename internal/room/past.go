package room

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"

	"pasapas/internal/visit"
)

// PastEvents returns the events of a visit a kiosk recorded before it
// joined a station — as a « poste seul », in its own database — so that
// the centre's statistics count it: one HelpRaised per help request, in
// the order given, then the visit as it ended (VisitSaved). They carry the
// same anonymous fields as the live events, are marked Past (the station
// counts them but does not show them as news of the room), and their ids
// derive from the visit's key and the request's place: the same past
// visit sent again gives the same events, which the station applies once.
// Nothing else of the kiosk's database travels: accompaniments and
// beneficiaries stay where they are.
func PastEvents(v visit.Visit, helps []visit.HelpRequest, at time.Time) []Event {
	w := toWire(v)
	out := make([]Event, 0, len(helps)+1)
	for i, h := range helps {
		out = append(out, Event{ID: pastID(HelpRaised, v.Key, i), Kind: HelpRaised, At: at, Visit: w, Past: true,
			Help: &wireHelpRequest{Raised: h.Raised, GuideID: h.GuideID, Step: h.Step, Screen: string(h.Screen)}})
	}
	return append(out, Event{ID: pastID(VisitSaved, v.Key, 0), Kind: VisitSaved, At: at, Visit: w, Past: true})
}

// pastID is the id of a past event: 32 hex digits of a hash of its kind,
// its visit's key (random, 128 bits) and its place.
func pastID(k Kind, visitKey string, n int) string {
	h := sha256.Sum256([]byte("pasapas past event\x00" + string(k) + "\x00" + visitKey + "\x00" + strconv.Itoa(n)))
	return hex.EncodeToString(h[:16])
}
