package room

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"pasapas/internal/visit"
)

// Kind is what an event says.
type Kind string

// Kinds of event.
const (
	// VisitSaved carries the visit as it stands: started, a step reached,
	// ended. The last one the station applied wins (see Event.Visit.Updated).
	VisitSaved Kind = "visit"
	// HelpRaised carries a help request with its visit.
	HelpRaised Kind = "help"
)

// Event is what a kiosk sends to its station. It holds the same anonymous
// fields as visit.Visit and visit.HelpRequest, copied field by field into
// a wire form: a field added to those types later does not travel until
// someone adds it here on purpose.
type Event struct {
	ID    string           `json:"id"` // random; the publish's Nats-Msg-Id and the station's key against duplicates
	Kind  Kind             `json:"kind"`
	At    time.Time        `json:"at"` // the kiosk's clock when it was queued
	Visit wireVisit        `json:"visit"`
	Help  *wireHelpRequest `json:"help,omitempty"`
	// Past marks a visit the kiosk recorded before it joined its station
	// (PastEvents): counted, but no news of the room.
	Past bool `json:"past,omitempty"`
}

type wireVisit struct {
	Key          string    `json:"key"`
	Started      time.Time `json:"started"`
	Updated      time.Time `json:"updated"`
	Ended        time.Time `json:"ended,omitzero"`
	Lang         string    `json:"lang"`
	GuideID      string    `json:"guide,omitempty"`
	StepCount    int       `json:"steps"`
	FurthestStep int       `json:"furthest"`
	Outcome      string    `json:"outcome,omitempty"`
	HelpCount    int       `json:"helps"`
	FirstHelp    time.Time `json:"first_help,omitzero"`
	MaxTextSize  int       `json:"text_size"`
}

type wireHelpRequest struct {
	Raised  time.Time `json:"raised"`
	GuideID string    `json:"guide,omitempty"`
	Step    int       `json:"step"`
	Screen  string    `json:"screen"`
}

// NewVisitEvent returns the event of a visit saved, with a new ID.
func NewVisitEvent(v visit.Visit, at time.Time) (Event, error) {
	id, err := newID()
	if err != nil {
		return Event{}, err
	}
	return Event{ID: id, Kind: VisitSaved, At: at, Visit: toWire(v)}, nil
}

// NewHelpEvent returns the event of a help request raised during v, with a
// new ID.
func NewHelpEvent(v visit.Visit, h visit.HelpRequest, at time.Time) (Event, error) {
	id, err := newID()
	if err != nil {
		return Event{}, err
	}
	return Event{ID: id, Kind: HelpRaised, At: at, Visit: toWire(v), Help: &wireHelpRequest{
		Raised: h.Raised, GuideID: h.GuideID, Step: h.Step, Screen: string(h.Screen)}}, nil
}

func toWire(v visit.Visit) wireVisit {
	return wireVisit{Key: v.Key, Started: v.Started, Updated: v.Updated, Ended: v.Ended, Lang: v.Lang,
		GuideID: v.GuideID, StepCount: v.StepCount, FurthestStep: v.FurthestStep, Outcome: string(v.Outcome),
		HelpCount: v.HelpCount, FirstHelp: v.FirstHelp, MaxTextSize: v.MaxTextSize}
}

// VisitRecord returns the event's visit.
func (e Event) VisitRecord() visit.Visit {
	w := e.Visit
	return visit.Visit{Key: w.Key, Started: w.Started, Updated: w.Updated, Ended: w.Ended, Lang: w.Lang,
		GuideID: w.GuideID, StepCount: w.StepCount, FurthestStep: w.FurthestStep, Outcome: visit.Outcome(w.Outcome),
		HelpCount: w.HelpCount, FirstHelp: w.FirstHelp, MaxTextSize: w.MaxTextSize}
}

// HelpRecord returns the event's help request; ok is false for an event
// that is not a HelpRaised.
func (e Event) HelpRecord() (h visit.HelpRequest, ok bool) {
	if e.Help == nil {
		return visit.HelpRequest{}, false
	}
	return visit.HelpRequest{VisitKey: e.Visit.Key, Raised: e.Help.Raised, GuideID: e.Help.GuideID,
		Step: e.Help.Step, Screen: visit.Screen(e.Help.Screen)}, true
}

// ErrInvalidEvent is wrapped by DecodeEvent's errors about the content.
var ErrInvalidEvent = errors.New("room: invalid event")

// Limits on what an event may hold: a station refuses anything larger.
const (
	MaxEventSize = 4096
	maxText      = 100
)

// Encode returns the event's wire form.
func (e Event) Encode() ([]byte, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("room: encode event: %w", err)
	}
	return b, nil
}

// DecodeEvent reads and checks an event. A malformed or out-of-range
// event gives an error wrapping ErrInvalidEvent: the station drops it
// (logged) rather than retrying it forever.
func DecodeEvent(b []byte) (Event, error) {
	if len(b) > MaxEventSize {
		return Event{}, fmt.Errorf("%w: %d bytes", ErrInvalidEvent, len(b))
	}
	var e Event
	if err := json.Unmarshal(b, &e); err != nil {
		return Event{}, fmt.Errorf("%w: %v", ErrInvalidEvent, err)
	}
	if err := e.check(); err != nil {
		return Event{}, fmt.Errorf("%w: %v", ErrInvalidEvent, err)
	}
	return e, nil
}

func (e Event) check() error {
	v := e.Visit
	switch {
	case len(e.ID) != 32:
		return errors.New("id")
	case e.Kind != VisitSaved && e.Kind != HelpRaised:
		return fmt.Errorf("kind %q", e.Kind)
	case (e.Kind == HelpRaised) != (e.Help != nil):
		return errors.New("help request and kind disagree")
	case v.Key == "" || len(v.Key) > maxText:
		return errors.New("visit key")
	case v.Started.IsZero() || v.Updated.IsZero():
		return errors.New("visit times")
	case len(v.Lang) > 16 || len(v.GuideID) > maxText:
		return errors.New("visit language or guide")
	case v.StepCount < 0 || v.FurthestStep < 0 || v.HelpCount < 0 || v.MaxTextSize < 0 ||
		v.StepCount > 1000 || v.FurthestStep > 1000 || v.HelpCount > 10000 || v.MaxTextSize > 100:
		return errors.New("visit counts")
	case v.Outcome != "" && !visit.Outcome(v.Outcome).Valid():
		return fmt.Errorf("outcome %q", v.Outcome)
	}
	if h := e.Help; h != nil {
		if h.Raised.IsZero() || len(h.GuideID) > maxText || len(h.Screen) > 32 || h.Step < 0 || h.Step > 1000 {
			return errors.New("help request")
		}
	}
	return nil
}

// Outgoing is an event waiting in a kiosk's outbox: queued before it is
// published, removed once the station's stream acknowledged it.
type Outgoing struct {
	ID     string
	Queued time.Time
	Data   []byte // Event.Encode's bytes
}

// CommandKind is what the station asks of a kiosk.
type CommandKind string

// Commands of the station.
const (
	// HelpSeen: a mediator saw the help request of VisitKey and is coming.
	HelpSeen CommandKind = "help_seen"
	// EndVisit: the mediator ends the visit VisitKey (outcome ended_by_staff).
	EndVisit CommandKind = "end_visit"
	// HelpDone: the mediator pressed « Aide terminée » on the help request
	// of VisitKey; the visit has no other request open on the station. The
	// kiosk's help screen closes and the visit goes on.
	HelpDone CommandKind = "help_done"
	// Quit: staff close Pas à pas on that kiosk (a public PC in full
	// screen cannot be closed from its own screen). The visit going on
	// ends as abandoned; VisitKey is empty.
	Quit CommandKind = "quit"
)

// Command is a station's message to one kiosk.
type Command struct {
	Kind     CommandKind `json:"kind"`
	VisitKey string      `json:"visit"`
	At       time.Time   `json:"at"` // the station's clock
}

// DecodeCommand reads a command; unknown kinds are refused.
func DecodeCommand(b []byte) (Command, error) {
	var c Command
	if len(b) > MaxEventSize {
		return c, fmt.Errorf("room: command of %d bytes", len(b))
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("room: command: %w", err)
	}
	if c.Kind != HelpSeen && c.Kind != EndVisit && c.Kind != HelpDone && c.Kind != Quit {
		return c, fmt.Errorf("room: unknown command %q", c.Kind)
	}
	return c, nil
}
