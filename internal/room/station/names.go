package station

import (
	"context"
	"time"
)

// KioskNamer is implemented by a Store that keeps each kiosk's name
// beside its events, so that the centre's statistics count the visits
// per kiosk under its name, also after the kiosk is removed (*sqlite.DB
// implements it with NameRoomKiosk). The station gives it every paired
// kiosk when it starts, and each kiosk as it pairs.
type KioskNamer interface {
	NameRoomKiosk(ctx context.Context, id, name string) error
}

// nameKiosks gives the names of ks to the store, if it keeps them. A name
// not recorded is logged: the statistics then show the kiosk's id, and
// the next start tries again.
func (st *Station) nameKiosks(ctx context.Context, ks ...Kiosk) {
	n, ok := st.opts.Store.(KioskNamer)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for _, k := range ks {
		if err := n.NameRoomKiosk(ctx, k.ID, k.Name); err != nil {
			st.log.Warn("room: the kiosk's name is not recorded for the statistics", "kiosk", k.ID, "err", err)
		}
	}
}
