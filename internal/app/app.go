// Package app opens Pas à pas on a data folder and runs it: the kiosk's
// window beside the official site, the mediator space, the scheduled jobs
// (backups, retention, audit purge), and the recovery of a damaged
// database. cmd/pasapas only parses the command line and calls Main.Run,
// which is Open, Run and Close.
package app

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"pasapas/assets"
	"pasapas/internal/account"
	"pasapas/internal/backup"
	"pasapas/internal/browser"
	"pasapas/internal/datadir"
	"pasapas/internal/export"
	"pasapas/internal/exportjob"
	"pasapas/internal/failure"
	"pasapas/internal/guide"
	"pasapas/internal/jobs"
	"pasapas/internal/locale"
	"pasapas/internal/printer"
	"pasapas/internal/room/link"
	"pasapas/internal/room/secretfile"
	"pasapas/internal/room/station"
	"pasapas/internal/screen"
	"pasapas/internal/settings"
	"pasapas/internal/sound"
	"pasapas/internal/speech"
	"pasapas/internal/sqlite"
	"pasapas/internal/ui/kiosk"
	"pasapas/internal/ui/mediator"
	"pasapas/internal/visit"
	"pasapas/locales"
)

// AppID is the application id, the same as in FyneApp.toml.
const AppID = "fr.pasapas.kiosk"

// Config is what Open needs.
type Config struct {
	DataDir    string // "" for $PASAPAS_DATA or the user's configuration folder
	Fullscreen bool   // --fullscreen
	// IdleAfter is --idle; 0 for the centre's setting.
	IdleAfter time.Duration
	Guide     string // the guide to open at start (--guide)
	Lang      string // the kiosk's language at start and after each visit (--lang)
	Log       *slog.Logger
	// Fyne is the toolkit's app: nil for the real one (tests give
	// Fyne's test app).
	Fyne fyne.App
	// Post runs a function on the UI goroutine: nil for fyne.Do. Fyne's
	// test driver runs fyne.Do in place, on any goroutine; tests give a
	// loop of their own.
	Post func(func())
}

// App is Pas à pas opened on a data folder: Run shows it, Close closes
// what Open opened, in reverse order.
type App struct {
	cfg     Config
	ctx     context.Context
	log     *slog.Logger
	catalog *locale.Catalog
	dir     string
	role    Role
	fyne    fyne.App
	win     fyne.Window // the kiosk's window (the mediator space's on a station)
	desk    *kiosk.WindowDesk
	area    screen.Rect // the primary monitor's work area, when there is a window system

	db      *sqlite.DB
	k       *visit.Kiosk
	view    *kiosk.View // the kiosk's screens, once shown
	deps    kiosk.Deps
	space   *mediator.Space
	sw      fyne.Window // the mediator space's window, once made
	browser *browser.Launcher
	jobs    *jobs.Runner

	setup      bool // no account yet: this is the installation
	kioskMode  bool
	guideOpts  guide.Options
	recovering func() // the damaged-database path: show the backups
	runErr     error  // out of service: why, returned by Run
	restart    bool
	closers    []func()
	post       func(func()) // onto the UI goroutine (Config.Post)
	early      *early       // what Open started as it began (early.go)
	// The library's parts (kiosksettings.go): the glossary's problems
	// (the built-in guides are early.guides), the number of the last
	// load of the centre's guides.
	baseProblems []guide.Problem
	guideGen     int
	station      *stationRunner // a station's server, once started
	// storageProblem is the text of the storage failure shown to the
	// mediator, taken away when the visits are saved again.
	storageProblem string
}

// onClose adds a step to Close: the last added runs first.
func (a *App) onClose(f func()) { a.closers = append(a.closers, f) }

// Close closes everything Open opened, the last opened first: the kiosk
// and its jobs, the station, the browser, the visit recorder, the
// database, the lock on the data folder. Close may be called twice.
func (a *App) Close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}

// Restart says whether a backup was restored: the program starts again
// on it.
func (a *App) Restart() bool { return a.restart }

// exportDir is where the mediator space writes exports: « Pas à pas » in
// the user's Documents folder (XDG's on Linux, the known folder on
// Windows), else the data folder.
func exportDir(data string) string {
	if docs, err := exportjob.DefaultDir(); err == nil {
		return filepath.Join(docs, "Pas à pas")
	}
	return filepath.Join(data, "exports")
}

// Open opens the data folder: its lock, its role, its database (or the
// recovery of a damaged one), the guides, the kiosk and the mediator
// space, and starts the scheduled jobs. A data folder that cannot be used
// is a *startError; a database that cannot be opened gives an App that
// shows the kiosk out of service. On error, what was opened is closed.
func Open(ctx context.Context, c Config) (_ *App, err error) {
	a := &App{cfg: c, ctx: ctx, log: c.Log, fyne: c.Fyne, post: c.Post}
	if a.post == nil {
		a.post = fyne.Do
	}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	a.early = startEarly(a.log)
	a.onClose(a.early.close)
	if a.catalog, err = locale.Load(locales.Files(), a.log); err != nil {
		return nil, err
	}
	if a.dir, err = datadir.Resolve(c.DataDir, os.Getenv); err != nil {
		return nil, err
	}
	datadir.OwnerOnly() // the database, its journal, backups, exports: the owner's only
	if err := datadir.Create(a.dir); err != nil {
		return nil, &startError{a.dir, err}
	}
	a.log.Info("data folder", "dir", a.dir)
	if err := datadir.Private(a.dir, a.log); err != nil {
		a.log.Error("make the data folder its owner's only", "err", err)
	}
	// One running copy per data folder: two kiosks never share a database
	// and a browser folder.
	release, err := datadir.Lock(a.dir)
	if err != nil {
		return nil, &startError{a.dir, err}
	}
	a.onClose(func() {
		if err := release(); err != nil {
			a.log.Warn("release the data folder", "err", err)
		}
	})
	// « poste seul », station or « poste public » (role.go).
	if a.role, err = roleOf(a.dir); err != nil {
		return nil, &startError{a.dir, err}
	}
	a.log.Info("role", "role", a.role)

	// A browser left by a crash (kill -9, power cut) is closed, and its
	// profile and downloads deleted, before anyone sits down.
	visitDir := filepath.Join(a.dir, "visit")
	if err := browser.Recover(visitDir, a.log); err != nil {
		a.log.Error("clean up after the last visit", "err", err)
	}
	if a.fyne == nil {
		a.fyne = fyneapp.NewWithID(AppID)
		// The first text Fyne measures makes it read the system's fonts
		// (fontconfig's files and a scan of the font folders, for the
		// glyphs its own fonts lack, « العربية » on the welcome screen):
		// 40–80 ms on the UI goroutine while the welcome screen was laid
		// out (strace of a start). Measured here on a goroutine of its
		// own, that happens while the database opens.
		go fyne.MeasureText(AppID, theme.TextSize(), fyne.TextStyle{})
	}
	a.win = a.fyne.NewWindow("Pas à pas")
	a.win.Resize(fyne.NewSize(1024, 768))
	// The window system places the kiosk (whole screen, or a column beside
	// the official site); without one, Fyne's full screen does.
	if a.desk = a.openDesk(); a.desk != nil {
		a.onClose(a.desk.Close)
	}

	path := filepath.Join(a.dir, sqlite.FileName)
	health, err := sqlite.CheckOnStart(ctx, path, time.Now())
	if err != nil || !health.Usable() {
		a.openRecovery(health.String(), err)
		return a, nil
	}
	if a.db, err = sqlite.Open(ctx, path); err != nil {
		a.log.Error("open database", "err", err)
		kiosk.OutOfService(a.fyne, a.win, a.reference(), failure.KindOf(err))
		a.runErr = err
		return a, nil
	}
	a.onClose(func() {
		if err := a.db.Close(); err != nil {
			a.log.Warn("close the database", "err", err)
		}
	})
	if n, err := a.db.CloseOpenVisits(ctx); err != nil {
		a.log.Error("close visits left open", "err", err)
	} else if n > 0 {
		a.log.Info("closed visits left open by an unclean stop", "count", n)
	}
	return a, a.openKiosk(visitDir)
}

// reference is the staff's language.
func (a *App) reference() *locale.Tr { return a.catalog.For(locale.Reference) }

// openRecovery makes the damaged-database path: nothing is written to the
// database (it was moved aside), the kiosk is out of service and the
// mediator window offers the backups.
func (a *App) openRecovery(health string, err error) {
	a.log.Error("database damaged", "health", health, "err", err)
	kiosk.OutOfService(a.fyne, a.win, a.reference(), failure.Damaged)
	rw := a.fyne.NewWindow("Pas à pas")
	rw.Resize(fyne.NewSize(900, 700))
	(&mediator.Recovery{Window: rw, Tr: a.reference(), Dir: backup.Dir(a.dir), Reason: health,
		Log: a.log, Restore: func(file string) error { return a.restore(file, "", 0, "récupération") },
		RestoreWith: func(file, passphrase string) error { return a.restore(file, passphrase, 0, "récupération") }}).Show()
	a.recovering = func() {
		rw.Show()
		rw.RequestFocus()
	}
	a.win.Canvas().AddShortcut(kiosk.StaffShortcut(), func(fyne.Shortcut) { a.recovering() })
}

// setKioskMode puts the kiosk in kiosk mode (--fullscreen, or the setting
// « poste public »): it fills the screen and its window cannot be closed.
func (a *App) setKioskMode(on bool) {
	on = (on && a.role != Station) || a.cfg.Fullscreen
	if on == a.kioskMode {
		return
	}
	a.kioskMode = on
	if a.desk != nil {
		a.desk.SetFullscreen(on)
	} else {
		a.win.SetFullScreen(on)
	}
}

// openKiosk makes the visit state, its recorder, the kiosk's screens and
// the mediator space over the open database, and starts the jobs.
func (a *App) openKiosk(visitDir string) error {
	ctx, db := a.ctx, a.db
	st, err := db.LoadSettings(ctx)
	if err != nil {
		a.log.Error("load settings", "err", err)
	}
	if a.role == Public { // the station's settings, as last received
		st = savedKioskSettings(a.dir, st, a.log)
	}
	a.catalog.SetEasternArabicDigits(st.EasternArabicDigits)
	// The glossary has been loading since Open began (early.go). The
	// guides load after the first screen, off the UI goroutine (the
	// welcome screen shows none, and a folder of hostile or huge files
	// never keeps the kiosk blank): the built-in ones now only when the
	// kiosk starts on a guide.
	b := a.early.builtins()
	gloss, problems := b.gloss, b.problems
	a.guideOpts = guide.Options{Terms: gloss.Has, Pictograms: b.pictos, ExtraHosts: st.OfficialHosts, Overrides: st.GuideOverrides}
	lib, gps := guide.Load(a.guideOpts) // none yet
	if a.cfg.Guide != "" {
		lib, gps = a.early.guides()
	}
	for _, p := range append(problems, gps...) {
		a.log.Warn("guide problem", "problem", p.String())
	}
	idle := a.cfg.IdleAfter
	if idle == 0 {
		idle = st.KioskIdle
	}
	a.setKioskMode(st.PublicKiosk)

	// A « poste public » records its visits and help requests in its
	// outbox, for the station; the others in their own database.
	var store visit.Store = db
	if a.role == Public {
		kl, err := openLink(a.dir, linkConfig{Outbox: db, Log: a.log, Post: a.post,
			GuidesDir: guidesDir(a.dir), Settings: a.applyStationSettings,
			News: func(key string, n kiosk.HelpNews) {
				if a.view != nil {
					a.view.RoomHelp(key, n)
				}
			},
			End: func(key string) {
				if cur, ok := a.k.Visit(); ok && a.view != nil && cur.Key == key && cur.Ended.IsZero() {
					a.view.EndByStaff()
				}
			},
			Quit: func() {
				a.k.Stop() // the visit going on ends as abandoned
				a.fyne.Quit()
			}})
		if err != nil {
			a.log.Error("open the link to the station", "err", err)
			kiosk.OutOfService(a.fyne, a.win, a.reference(), failure.KindOf(err))
			a.runErr = err
			return nil
		}
		a.onClose(func() { // after the recorder's last write to the outbox
			if err := kl.Close(); err != nil {
				a.log.Warn("close the link to the station", "err", err)
			}
		})
		store = kl.Store()
	}
	rec := visit.NewRecorderWith(store, func(err error) {
		a.log.Error("visit not saved", "kind", failure.KindOf(err), "err", err)
		a.post(func() { a.storageProblem = a.problem("storage.problem", err) })
	}, visit.RecorderOptions{OnRecovered: func() {
		a.log.Info("visits are saved again")
		a.post(func() {
			if a.space != nil {
				a.space.ProblemGone(a.storageProblem, a.reference().T("storage.recovered"))
			}
		})
	}})
	a.onClose(rec.Close)
	lang := a.cfg.Lang
	if lang != "" && a.catalog.Language(lang).Code != lang {
		a.log.Error("--lang: no such visitor language; French it is", "lang", lang)
		lang = ""
	}
	a.k = visit.NewKiosk(visit.Config{IdleAfter: idle, HelpHold: st.HelpHold, DefaultLang: lang}, lib, rec, time.Now)
	a.browser = &browser.Launcher{Dir: visitDir, Log: a.log}
	a.onClose(a.browser.CloseAll)

	// The chime's temporary folders left by an unclean stop go now.
	if left, err := sound.CleanLeftovers(""); err != nil {
		a.log.Warn("remove the chime's leftover folders", "err", err)
	} else if len(left) > 0 {
		a.log.Info("chime folders left by an unclean stop removed", "count", len(left))
	}
	// What a crash left in temporary files goes now: plain copies of the
	// database, exports, the room's keys (issue 15, item 5).
	for what, clean := range map[string]func() ([]string, error){
		"backup":   func() ([]string, error) { return backup.CleanLeftovers(a.dir, "") },
		"export":   func() ([]string, error) { return export.CleanLeftovers(exportDir(a.dir)) },
		"room key": func() ([]string, error) { return secretfile.CleanLeftovers(station.Dir(a.dir), link.Dir(a.dir)) },
	} {
		if left, err := clean(); err != nil {
			a.log.Warn("remove temporary files left by an unclean stop", "what", what, "err", err)
		} else if len(left) > 0 {
			a.log.Info("temporary files left by an unclean stop removed", "what", what, "count", len(left))
		}
	}
	player := &sound.Player{}
	a.onClose(func() {
		if err := player.Close(); err != nil {
			a.log.Warn("remove chime file", "err", err)
		}
	})
	reader := speech.New(speech.System())
	a.onClose(reader.Stop)
	accounts := &account.Service{Store: db, Audit: db, Now: time.Now, OnError: func(err error) {
		a.log.Error("audit trail not written", "err", err)
	}}

	// Backups, retention and the audit purge run on their own goroutines
	// (jobs.go), from the first screen on.
	sched := a.backupScheduler(st)
	a.jobs = &jobs.Runner{Log: a.log}
	backups := &mediator.Backups{Dir: backup.Dir(a.dir), Source: db, Restore: func(file, passphrase string, by int64) error {
		// An encrypted copy is opened first: a wrong passphrase or a
		// damaged file stops nothing and changes nothing.
		if passphrase != "" {
			if _, err := backup.Inspect(ctx, file, passphrase); err != nil {
				return err
			}
		}
		a.jobs.Stop()
		rec.Close()
		if err := db.Close(); err != nil {
			a.log.Warn("close database before restore", "err", err)
		}
		return a.restore(file, passphrase, by, "espace médiateur")
	}}
	// No account yet: this is the installation. The coordinator account
	// is created in the mediator window, shown at start over a kiosk that
	// says so; the kiosk opens once it exists. From the kiosk, never.
	// A « poste public » has no accounts and no installation: pairing
	// (pasapasctl kiosk join) was its set-up.
	if a.role != Public {
		if a.setup, err = accounts.NeedsFirstAccount(ctx); err != nil {
			a.log.Error("count accounts", "err", err)
		}
	}
	// A station's help queue is its room: every kiosk's requests, with
	// their names, and « J'arrive » sent back to the kiosk.
	var queue visit.Queue = db
	var rm *mediator.Room
	if a.role == Station {
		rm = mediator.NewRoom(db, db.RoomVisitKiosk, a.log)
		queue = rm
	}
	all := append(problems, gps...)
	a.baseProblems = slices.Clone(problems) // the built-in guides' come with the centre's (loadCentreGuides)
	a.space = mediator.NewSpace(mediator.Deps{Setup: a.setup, Roles: roles{a}, Post: a.cfg.Post, OnInstalled: func(st settings.Settings) {
		a.setKioskMode(st.PublicKiosk)
		a.startKiosk()
	}, Backups: backups, App: a.fyne, Accounts: accounts, Queue: queue, Journal: db, Settings: db,
		Audit: db, Visits: db.Visits, Reports: db, Exports: db, ExportDir: exportDir(a.dir), Print: printer.Print, Kiosk: a.k, Library: lib,
		OnSettings: func(s settings.Settings) {
			a.applySettings(s)
			a.publishSettings(s) // a station's kiosks apply them too
		},
		Tr: a.reference(), Problems: all, Chime: player.Play, Log: a.log,
		EndVisit: func() {
			if a.view != nil {
				a.view.EndByStaff()
			}
		},
		Quit: func() {
			a.k.Stop()
			a.fyne.Quit()
		}})
	a.space.SetLockAfter(st.LockAfter)
	a.space.SetFollowContrast(st.MediatorContrast)
	if a.role != Public { // a « poste public »'s help goes to the station
		a.space.StartTimer() // the help queue and its chime, window or not
	}
	a.onClose(a.space.Close)
	if a.role == Station {
		// Every event applied refreshes the room and rings for a new
		// help request at once, rather than at the next second's poll.
		runner := startStation(ctx, stationConfig{Dir: a.dir, Store: db, Room: rm, Log: a.log, Announce: true,
			Refresh: func() { a.post(a.space.Tick) }, Settings: db.LoadSettings, Guides: guidesDir(a.dir)})
		a.station = runner
		a.onClose(func() { // before the database closes
			if err := runner.Close(); err != nil {
				a.log.Error("stop the station", "err", err)
			}
		})
		// The mediator space is the station's window.
		a.sw = a.win
		a.space.Open(a.win)
	}
	if a.cfg.Guide != "" && !a.k.OpenGuide(a.cfg.Guide) {
		a.log.Error("--guide: no such guide; the kiosk starts on the welcome screen", "guide", a.cfg.Guide)
	}
	a.deps = kiosk.Deps{App: a.fyne, Window: a.win, Kiosk: a.k, Catalog: a.catalog, Library: lib,
		Glossary: gloss, Assets: assets.Files(), Browser: a.browser, Speech: reader, Print: printer.Print, Log: a.log,
		OnStaff: a.staff, OnProblem: a.space.Problem, StaffElsewhere: a.role == Public, Post: a.cfg.Post,
		LibraryPending: a.cfg.Guide == ""} // loadCentreGuides, once the first screen is drawn
	if a.desk != nil {
		a.deps.Desk = a.desk
	}
	a.onClose(func() {
		if a.view != nil {
			a.view.Stop()
		}
	})
	if a.setup && a.role != Station {
		kiosk.Installing(a.fyne, a.win, a.reference())
	} else {
		a.startKiosk()
	}
	a.jobs.Start(a.scheduled(sched)...)
	a.onClose(a.jobs.Stop)
	// In kiosk mode the kiosk's window cannot be closed (Alt+F4, a close
	// button): staff close the program from the mediator space. Otherwise
	// closing it ends the program, never leaving it without a window.
	a.win.SetCloseIntercept(func() {
		if a.kioskMode {
			a.log.Warn("closing the kiosk window refused in kiosk mode: staff close Pas à pas from the mediator space")
			return
		}
		a.k.Stop() // the visit in progress ends as "abandoned"
		a.fyne.Quit()
	})
	return nil
}

// problem tells the mediator space of a failure, on the UI goroutine, and
// returns the text shown.
func (a *App) problem(key string, err error) string {
	if a.space == nil {
		return ""
	}
	tr := a.reference()
	text := tr.T(key, "Reason", tr.T("error."+string(failure.KindOf(err))))
	a.space.Problem(text)
	return text
}

// startKiosk shows the kiosk's screens (not on a station, whose window is
// the mediator space).
func (a *App) startKiosk() {
	if a.role == Station {
		return
	}
	v := kiosk.New(a.deps)
	a.view = v
	a.browser.OnExit = func(err error, after time.Duration) {
		a.post(func() { v.SiteExited(err, after) })
	}
	v.StartTimer()
}

// openSpace returns the mediator space's window, made the first time
// staff ask for it (or for the installation): the kiosk's first screen
// does not wait for it.
func (a *App) openSpace() fyne.Window {
	if a.sw == nil {
		a.sw = a.fyne.NewWindow("Pas à pas")
		a.space.Open(a.sw)
		a.sw.SetCloseIntercept(func() {
			a.space.Lock()
			a.sw.Hide()
		})
	}
	return a.sw
}

// staff shows the mediator space, locked: always log in again.
func (a *App) staff() {
	w := a.openSpace()
	a.space.Lock()
	w.Show()
	a.fitSpace()
	w.RequestFocus()
}

// fitSpace makes the shown mediator space fit its screen (a 1024 × 768
// screen, a laptop at 150 %): the kiosk's monitor, or the primary one.
func (a *App) fitSpace() {
	area := a.area
	if a.desk != nil {
		area = a.desk.Area()
	}
	a.space.FitScreen(area)
}

// started runs once the first screen is drawn: the window system's
// placement, the centre's own guides, the installation's window.
func (a *App) started() {
	if a.recovering != nil { // over the out-of-service screen
		a.recovering()
		return
	}
	if a.k == nil { // out of service
		return
	}
	if a.desk != nil {
		a.desk.Start()
	}
	a.loadCentreGuides()
	if a.role == Station { // its window is the space's
		a.fitSpace()
	}
	if a.setup && a.role != Station { // the installation, over the kiosk's "Installation" screen
		a.openSpace().Show()
		a.fitSpace()
		a.sw.RequestFocus()
	}
}

// Run shows the window and runs the event loop until the program quits.
// It returns why the kiosk was out of service, if it was.
func (a *App) Run() error {
	a.fyne.Lifecycle().SetOnStarted(a.started)
	a.win.ShowAndRun()
	return a.runErr
}

// restore puts a backup in place and quits so that main starts the program
// again on it. Whatever happens, the previous database stays whole: on
// failure it is still there, and the program restarts on it too.
func (a *App) restore(file, passphrase string, by int64, how string) error {
	r, err := backup.RestoreWith(a.ctx, a.dir, file, time.Now(), backup.RestoreOptions{Passphrase: passphrase, AccountID: by, By: how})
	a.restart = true
	a.fyne.Quit()
	if err != nil {
		return err
	}
	a.log.Info("backup restored", "file", file, "safety copy", r.SafetyCopy)
	return nil
}
