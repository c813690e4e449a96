package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/room"
	"pasapas/internal/room/discovery"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
	"pasapas/internal/ui/kiosk"
	"pasapas/internal/ui/mediator"
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
	d := a.early.display() // connecting since Open began
	a.area = d.area
	if a.role == Station { // its window is the mediator space's: only its size is needed
		if d.conn != nil {
			if err := d.conn.Close(); err != nil {
				a.log.Warn("close the window system connection", "err", err)
			}
		}
		return nil
	}
	if d.err != nil {
		a.log.Warn("no window system: the guide cannot sit beside the site", "err", d.err)
		a.win.SetFullScreen(a.cfg.Fullscreen)
		return nil
	}
	return kiosk.NewDeskOn(d.conn, d.area, a.win, a.cfg.Fullscreen, a.log)
}

// roles makes this data folder a station or a « poste public », for the
// installation and the settings (mediator.Roles); the program then starts
// again in its new role.
type roles struct{ a *App }

var _ mediator.Roles = roles{}

func (r roles) Role() string { return string(r.a.role) }

// MakeStation makes the data folder a station (every interface, the
// default port, the PC's name); one already made is kept.
func (r roles) MakeStation(context.Context) error {
	if _, err := link.Load(r.a.dir); err == nil {
		return fmt.Errorf("this data folder is a « poste public »: a station needs its own")
	}
	if _, err := station.Init(r.a.dir, "", ""); err != nil && !errors.Is(err, station.ErrExists) {
		return err
	}
	return nil
}

// Stations browses the network for stations (mDNS, 2 s).
func (r roles) Stations(ctx context.Context) ([]mediator.FoundStation, error) {
	found, err := discovery.MDNS{}.Browse(ctx)
	out := make([]mediator.FoundStation, 0, len(found))
	for _, f := range found {
		out = append(out, mediator.FoundStation{Name: f.Instance, Addr: f.Addr})
	}
	return out, err
}

// Join pairs the data folder with the station at addr; the pairing's
// refusals keep room's errors, a station that does not answer is
// mediator.ErrStationAway.
func (r roles) Join(ctx context.Context, addr, code, name string) error {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	_, err := link.Join(ctx, r.a.dir, addr, code, name)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, link.ErrRefused):
		return fmt.Errorf("%w (%v)", room.ErrNoCode, err)
	case errors.Is(err, link.ErrStationNotAuthentic):
		return fmt.Errorf("%w (%v)", mediator.ErrNotTheStation, err)
	case errors.Is(err, room.ErrWrongCode), errors.Is(err, room.ErrCodeExpired), errors.Is(err, room.ErrCodeBurnt),
		errors.Is(err, room.ErrNoCode), errors.Is(err, room.ErrNameTaken), failure.KindOf(err) == failure.Invalid:
		return err
	}
	return fmt.Errorf("%w: %v", mediator.ErrStationAway, err)
}

// Restart quits so that main starts the program again, in its new role.
func (r roles) Restart() {
	r.a.restart = true
	r.a.fyne.Quit()
}
