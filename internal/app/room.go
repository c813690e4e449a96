package app

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"pasapas/internal/room"
	"pasapas/internal/room/discovery"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
	"pasapas/internal/settings"
	"pasapas/internal/ui/kiosk"
	"pasapas/internal/ui/mediator"
	"pasapas/internal/visit"
)

// The room network in the program (issue 14): a station runs its embedded
// server beside the mediator space; a « poste public » sends its visits
// and help requests through its link.

// roomStation adapts *station.Station to the room view.
type roomStation struct{ st *station.Station }

var (
	_ mediator.RoomStation = roomStation{}
	_ mediator.RoomTrouble = roomStation{}
)

func (r roomStation) Kiosks() ([]mediator.RoomKiosk, error) {
	ks, err := r.st.Kiosks()
	if err != nil {
		return nil, err
	}
	out := make([]mediator.RoomKiosk, 0, len(ks))
	for _, k := range ks {
		out = append(out, mediator.RoomKiosk{ID: k.ID, Name: k.Name, Online: k.Online})
	}
	return out, nil
}

func (r roomStation) Send(ctx context.Context, kioskID string, c room.Command) error {
	return r.st.Send(ctx, kioskID, c)
}

func (r roomStation) NewCode() (string, time.Time, error) { return r.st.NewCode() }

func (r roomStation) Addr() string { return r.st.Addr() }

// Problem says why the station cannot take the kiosks' events now (a full
// disk): the room shows it (mediator.RoomTrouble).
func (r roomStation) Problem() error { return r.st.Problem() }

// stationRunner is the embedded station of a « poste du médiateur »,
// opened off the UI goroutine (recovering its JetStream store may take a
// moment) and closed before the database.
type stationRunner struct {
	opened chan struct{}
	st     *station.Station
	stop   func() error // the mDNS announcement
	// The kiosks' settings (kiosksettings.go): the latest handed to
	// Publish, the publisher's end and its being done.
	pub       chan settings.Settings
	quit      chan struct{}
	published chan struct{}
}

// stationConfig is what startStation needs.
type stationConfig struct {
	Dir   string
	Store station.Store
	Room  *mediator.Room
	Log   *slog.Logger
	// Refresh is called after each event the station applied, off the UI
	// goroutine: the program hands it to the mediator space with fyne.Do.
	Refresh func()
	// Announce: say on the network where the station is (mDNS).
	Announce bool
	// Listen overrides station.json's address (tests).
	Listen string
	// Settings reads the centre's settings, published to the kiosks at
	// start with the guide folder Guides (kiosksettings.go); nil
	// publishes nothing.
	Settings func(context.Context) (settings.Settings, error)
	Guides   string
}

// startStation opens the station in the background; the room learns the
// result (SetStation).
func startStation(ctx context.Context, c stationConfig) *stationRunner {
	r := &stationRunner{opened: make(chan struct{}), stop: func() error { return nil },
		pub: make(chan settings.Settings, 1), quit: make(chan struct{}), published: make(chan struct{})}
	go func() {
		defer close(r.opened)
		st, err := station.Open(ctx, c.Dir, station.Options{Store: c.Store, Logger: c.Log, Listen: c.Listen,
			OnEvent: func(kioskID string, e room.Event) {
				c.Room.Event(kioskID, e)
				if c.Refresh != nil {
					c.Refresh()
				}
			}})
		if err != nil {
			c.Log.Error("the station did not start", "err", err)
			c.Room.SetStation(nil, err)
			close(r.published)
			return
		}
		r.st = st
		go r.publishLoop(ctx, c)
		c.Log.Info("station listening", "name", st.Name(), "addr", st.Addr())
		c.Room.SetStation(roomStation{st}, nil)
		if c.Announce {
			if stop, err := discovery.Advertise(st.Name(), st.Port(), st.Fingerprint()); err != nil {
				c.Log.Warn("the station is not announced on the network: kiosks reach it by its address", "err", err)
			} else {
				r.stop = stop
			}
		}
	}()
	return r
}

// Wait returns once the station is open (or failed to open) and returns
// its address, "" if it did not start.
func (r *stationRunner) Wait() string {
	<-r.opened
	if r.st == nil {
		return ""
	}
	return r.st.Addr()
}

// Close waits for the opening, then stops the announcement and the
// station. Events not applied stay in its stream for the next start.
func (r *stationRunner) Close() error {
	<-r.opened
	if r.st == nil {
		return nil
	}
	select {
	case <-r.quit: // closed before
	default:
		close(r.quit)
	}
	<-r.published
	return errors.Join(r.stop(), r.st.Close())
}

// kioskLink is a « poste public »'s link to its station, and what it
// tells the kiosk's screen.
type kioskLink struct {
	l *link.Link
	linkConfig
}

// linkConfig is what openLink needs besides the data folder.
type linkConfig struct {
	Outbox link.Outbox // the kiosk's database
	Log    *slog.Logger
	// Post runs a function on the UI goroutine (fyne.Do); News and End
	// are called through it.
	Post func(func())
	// News shows what the station said of the help request of the visit
	// visitKey ("" for the visit going on): delivered or not, « J'arrive »,
	// « Aide terminée » (kiosk.HelpDone, which closes the help screen).
	News func(visitKey string, n kiosk.HelpNews)
	// End ends the visit visitKey, if it is the one going on (« fin de
	// visite » from the mediator).
	End func(visitKey string)
	// Quit closes the program (staff on the station closed this PC).
	Quit func()
	// Settings applies the centre's settings the station published, once
	// the guide files they list are in GuidesDir (kiosksettings.go); nil
	// leaves the settings and the guide folder alone.
	Settings  func(room.KioskSettings)
	GuidesDir string
}

// openLink opens the link of a paired data folder. It returns at once:
// a station away is retried in the background.
func openLink(dir string, c linkConfig) (*kioskLink, error) {
	kl := &kioskLink{linkConfig: c}
	var onSettings func(room.KioskSettings)
	if c.Settings != nil {
		onSettings = func(ks room.KioskSettings) { c.Post(func() { c.Settings(ks) }) }
	}
	l, err := link.Open(dir, link.Options{Outbox: c.Outbox, Logger: c.Log,
		OnSettings: onSettings, GuidesDir: c.GuidesDir,
		OnCommand: func(cmd room.Command) { c.Post(func() { kl.command(cmd) }) },
		// A station at a new address (DHCP) is found again on the network
		// by its certificate.
		Locate: func(ctx context.Context, fp string) (string, error) {
			return discovery.Locate(ctx, discovery.MDNS{}, fp)
		}})
	if err != nil {
		return nil, err
	}
	kl.l = l
	return kl, nil
}

// Store is the visit store of the kiosk: the link's outbox. Whether a
// help request reached the station within 2 s comes back as news.
func (kl *kioskLink) Store() visit.Store {
	return kl.l.Store(func(delivered bool) {
		news := kiosk.HelpReceived
		if !delivered {
			news = kiosk.HelpNotReceived
		}
		kl.Post(func() { kl.News("", news) })
	})
}

// command carries out a station's command, on the UI goroutine.
func (kl *kioskLink) command(c room.Command) {
	switch c.Kind {
	case room.HelpSeen:
		kl.News(c.VisitKey, kiosk.HelpSeen)
	case room.HelpDone:
		kl.News(c.VisitKey, kiosk.HelpDone)
	case room.EndVisit:
		kl.End(c.VisitKey)
	case room.Quit:
		kl.Log.Info("closed from the station")
		if kl.Quit != nil {
			kl.Quit()
		}
	}
}

// Close closes the link; undelivered events wait in the outbox.
func (kl *kioskLink) Close() error { return kl.l.Close() }
