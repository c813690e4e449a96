package app

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"

	"pasapas/internal/guide"
	"pasapas/internal/room"
	"pasapas/internal/room/guidefolder"
	"pasapas/internal/room/link"
	"pasapas/internal/settings"
)

// The centre's settings and own guides, set once on the station (issue 14,
// item 3): the station publishes them at start and each time the mediator
// saves the settings; a « poste public » applies them as they come, and
// keeps the last ones for the days its station is away.

// guidesDir is the centre's own guide folder of a data folder: the one the
// coordinator fills on the station, the station's copy on a public PC.
func guidesDir(dataDir string) string { return filepath.Join(dataDir, "guides") }

// applySettings applies what the kiosk takes of the centre's settings, on
// the UI goroutine: the idle time (unless --idle), the help hold, kiosk
// mode, the Arabic digits.
func (a *App) applySettings(s settings.Settings) {
	if a.k == nil { // out of service
		return
	}
	if a.cfg.IdleAfter == 0 {
		a.k.SetIdleAfter(s.KioskIdle)
	}
	a.k.SetHelpHold(s.HelpHold)
	a.setKioskMode(s.PublicKiosk)
	a.catalog.SetEasternArabicDigits(s.EasternArabicDigits)
}

// savedKioskSettings returns st with the settings a « poste public » last
// received from its station, if it has any: the kiosk starts with them
// while its station is away.
func savedKioskSettings(dataDir string, st settings.Settings, log *slog.Logger) settings.Settings {
	ks, ok, err := link.SavedSettings(dataDir)
	if err != nil {
		log.Warn("the settings last received from the station are not read: this PC's own until the station sends them", "err", err)
	}
	if !ok {
		return st
	}
	log.Info("settings last received from the station", "published", ks.Published)
	return ks.Apply(st)
}

// applyStationSettings applies the settings the station published, on the
// UI goroutine; the guide files they list are already in the guide
// folder: the centre's guides load again, with the official sites and
// overrides received.
func (a *App) applyStationSettings(ks room.KioskSettings) {
	if a.k == nil {
		return
	}
	s := ks.Apply(settings.Defaults())
	a.applySettings(s)
	a.guideOpts.ExtraHosts, a.guideOpts.Overrides = s.OfficialHosts, s.GuideOverrides
	a.loadCentreGuides()
}

// loadCentreGuides adds the centre's own guides (guide.Folder of the data
// folder) to the built-in ones (loaded by the first call, see early),
// off the UI goroutine, and gives the new library to the kiosk and the
// mediator space. A load started later wins over one still running.
func (a *App) loadCentreGuides() {
	a.guideGen++
	gen := a.guideGen
	opts := a.guideOpts
	go func() {
		builtin, bps := a.early.guides()
		all, ps := builtin.Add(opts, guide.Folder(guidesDir(a.dir)))
		ps = append(slices.Clone(bps), ps...)
		for _, p := range ps {
			a.log.Warn("guide problem", "problem", p.String())
		}
		a.post(func() {
			if gen != a.guideGen {
				return
			}
			a.k.SetLibrary(all)
			if a.view != nil {
				a.view.SetLibrary(all)
			}
			a.deps.Library = all
			a.space.Problems = slices.Clone(a.baseProblems)
			a.space.AddGuides(all, ps)
		})
	}()
}

// publishSettings hands the settings the mediator saved to the station, to
// publish to the kiosks with the guide folder (a station only).
func (a *App) publishSettings(s settings.Settings) {
	if a.station != nil {
		a.station.Publish(s)
	}
}

// publishLoop publishes the centre's settings and guide folder to the
// kiosks: first those in store, then each one handed to Publish, until
// the runner closes. It runs on its own goroutine once the station is
// open.
func (r *stationRunner) publishLoop(ctx context.Context, c stationConfig) {
	defer close(r.published)
	if c.Settings == nil {
		return
	}
	s, err := c.Settings(ctx)
	if err != nil {
		c.Log.Error("the kiosks' settings are not published: the settings cannot be read", "err", err)
	} else {
		r.publish(ctx, c, s)
	}
	for {
		select {
		case <-r.quit:
			return
		case s := <-r.pub:
			r.publish(ctx, c, s)
		}
	}
}

func (r *stationRunner) publish(ctx context.Context, c stationConfig, s settings.Settings) {
	files, skipped, err := guidefolder.Read(c.Guides)
	for _, sk := range skipped {
		c.Log.Warn("guide file not sent to the kiosks", "file", sk.Name, "why", sk.Why)
	}
	if err != nil {
		c.Log.Error("the centre's guide folder cannot be read: the kiosks keep the guides they have", "err", err)
		return
	}
	if err := r.st.PublishKiosk(ctx, room.NewKioskSettings(s), files); err != nil {
		c.Log.Error("the kiosks' settings are not published", "err", err)
	}
}

// Publish hands the centre's settings to the station, to publish to the
// kiosks with the guide folder. It returns at once; settings handed while
// the last ones wait replace them.
func (r *stationRunner) Publish(s settings.Settings) {
	select {
	case <-r.pub: // not published yet: these replace them
	default:
	}
	select {
	case r.pub <- s:
	default: // only the UI goroutine hands settings: never full here
	}
}
