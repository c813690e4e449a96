// Package room describes what travels between the kiosks of a centre and
// the mediator's station: the anonymous events a kiosk sends (a visit
// saved, a help request raised), the commands a station sends back
// (« un médiateur a vu votre demande », « aide terminée », « fin de
// visite »), the subjects
// they travel on, and the pairing proof with which a kiosk and a station
// that share a short code authenticate each other.
//
// It knows neither NATS nor SQL: internal/room/station runs the embedded
// server, internal/room/link is the kiosk's side, internal/sqlite keeps
// the outbox and the events received.
//
// # Subjects and what each side may do
//
//	room.<kiosk>.event     kiosk → station, captured by the JetStream stream
//	room.<kiosk>.position  kiosk → station, where the visitor is (not stored)
//	kiosk.<kiosk>.cmd      station → kiosk commands
//	_I.<kiosk>.>           the kiosk's reply inboxes (JetStream acks)
//	pair.<nkey>            a kiosk pairing, before it has an identity
//	pasapas.fed.<centre>.> anonymous activity for the federation hub
//
// A kiosk may publish only under room.<its id>.> and read only
// kiosk.<its id>.> and its own inboxes (plus, read-only, the settings
// bucket and the object store of the centre's guide files: settings.go):
// the station derives the kiosk of an event from the subject, never from
// the message.
package room

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
)

// Subject roots; see the package comment.
const (
	EventsStream   = "ROOM"         // the JetStream stream of kiosk events
	EventsWildcard = "room.*.event" // what the stream captures
	SettingsBucket = "pasapas_settings"
	FedRoot        = "pasapas.fed"
	PairWildcard   = "pair.*"
)

// EventSubject is where kiosk id publishes its events.
func EventSubject(id string) string { return "room." + id + ".event" }

// PositionSubject is where kiosk id publishes where its visitor is.
func PositionSubject(id string) string { return "room." + id + ".position" }

// PositionWildcard matches every kiosk's position.
const PositionWildcard = "room.*.position"

// CommandSubject is where the station sends commands to kiosk id.
func CommandSubject(id string) string { return "kiosk." + id + ".cmd" }

// InboxPrefix is the prefix of kiosk id's reply inboxes.
func InboxPrefix(id string) string { return "_I." + id }

// PairSubject is where the holder of the nkey pub asks to pair.
func PairSubject(pub string) string { return "pair." + pub }

// PairInboxPrefix is the prefix of the reply inboxes of a pairing client.
func PairInboxPrefix(pub string) string { return "_P." + pub }

// KioskFromSubject returns the kiosk of a room.<kiosk>.… subject, or "".
func KioskFromSubject(subject string) string {
	parts := strings.Split(subject, ".")
	if len(parts) < 3 || parts[0] != "room" || !ValidKioskID(parts[1]) {
		return ""
	}
	return parts[1]
}

// NewKioskID returns a random kiosk identifier: "k" and 10 hex digits,
// safe as a subject token.
func NewKioskID() (string, error) {
	var b [5]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("room: kiosk id: %w", err)
	}
	return "k" + hex.EncodeToString(b[:]), nil
}

// ValidKioskID reports whether id has NewKioskID's form.
func ValidKioskID(id string) bool {
	if len(id) != 11 || id[0] != 'k' {
		return false
	}
	_, err := hex.DecodeString(id[1:])
	return err == nil && strings.ToLower(id) == id
}

// newID returns 16 random bytes in hex: an event's identifier.
func newID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("room: event id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}
