package app

import (
	"errors"
	"fmt"

	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
	"pasapas/internal/ui/kiosk"
)

// Role is what a PC is in its centre's room (issue 14).
type Role string

// Roles of a PC.
const (
	// Alone: « poste seul », the kiosk and the mediator space on one PC
	// with their own database (the default).
	Alone Role = "alone"
	// Station: « poste du médiateur »; the mediator space is the main
	// window, the embedded server receives the kiosks' events into this
	// PC's database, the centre's record.
	Station Role = "station"
	// Public: « poste public », a kiosk paired with a station; its visits
	// and help requests go to the station, it has no mediator space.
	Public Role = "public"
)

// roleOf reads the role of a data folder from what pasapasctl made in it:
// station/station.json (station init) or kiosk/link.json (kiosk join).
//
// The folders are the role, rather than a setting beside them: a station
// is its certificate, admin key and JetStream store, a kiosk is its pinned
// fingerprint and nkey seed. A setting could say « station » with no
// certificate, or « poste seul » over a kiosk's credentials; reading the
// folders leaves one truth. A folder that exists but cannot be read is an
// error, never a silent « poste seul » (the help requests would then stay
// on a PC nobody watches).
func roleOf(dataDir string) (Role, error) {
	_, serr := station.LoadConfig(dataDir)
	_, lerr := link.Load(dataDir)
	switch {
	case serr == nil && lerr == nil:
		return "", fmt.Errorf("the data folder %s is both a station and a kiosk: keep one of its folders station/ or kiosk/", dataDir)
	case serr == nil:
		return Station, nil
	case lerr == nil:
		return Public, nil
	case !errors.Is(serr, station.ErrNotStation):
		return "", serr
	case !errors.Is(lerr, link.ErrNotPaired):
		return "", lerr
	}
	return Alone, nil
}

// openDesk returns what places the kiosk beside the official site, or nil
// without a window system or on a station (whose window is the mediator
// space).
func (a *App) openDesk() *kiosk.WindowDesk {
	if a.role == Station {
		return nil
	}
	desk, err := kiosk.NewDesk(a.win, a.cfg.Fullscreen, a.log)
	if err != nil {
		a.log.Warn("no window system: the guide cannot sit beside the site", "err", err)
		a.win.SetFullScreen(a.cfg.Fullscreen)
		return nil
	}
	return desk
}
