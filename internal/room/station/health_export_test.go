package station

import (
	"context"

	"pasapas/internal/room"
)

// SetEventsBytesForTest sets the most the events stream may hold, for the
// tests of a full stream (DiscardNew: a full stream refuses what kiosks
// publish, and their events wait in their outboxes).
func (st *Station) SetEventsBytesForTest(ctx context.Context, n int64) error {
	s, err := st.js.Stream(ctx, room.EventsStream)
	if err != nil {
		return err
	}
	cfg := s.CachedInfo().Config
	cfg.MaxBytes = n
	_, err = st.js.UpdateStream(ctx, cfg)
	return err
}
