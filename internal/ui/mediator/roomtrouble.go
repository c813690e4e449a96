package mediator

import (
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/failure"
)

// RoomTrouble is implemented by a RoomStation that can say why it cannot
// take the kiosks' events now: its disk is full, its database refuses
// them (internal/app adapts station.Problem). Nothing is lost meanwhile —
// the events wait on the kiosks or in the station — but the help
// requests among them do not show here until it ends.
type RoomTrouble interface {
	// Problem returns nil when the station takes the kiosks' events.
	Problem() error
}

func stationTrouble(st RoomStation) error {
	if t, ok := st.(RoomTrouble); ok {
		return t.Problem()
	}
	return nil
}

// troubleLines says, above the kiosks, that the station cannot record
// what they send, and what to do.
func (s *nowView) troubleLines(st roomState) []roomLine {
	switch {
	case st.trouble == nil:
		return nil
	case failure.KindOf(st.trouble) == failure.DiskFull:
		return []roomLine{{text: s.Tr.T("mediator.room.diskfull"), importance: widget.DangerImportance}}
	}
	return []roomLine{{text: s.Tr.T("mediator.room.trouble", "Reason", st.trouble.Error()),
		importance: widget.DangerImportance}}
}
