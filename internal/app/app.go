// Package app opens Pas à pas on a data folder and runs it: the kiosk's
// window beside the official site, the mediator space, the scheduled jobs
// (backups, retention, audit purge), and the recovery of a damaged
// database. cmd/pasapas only parses the command line and calls Run.
package app

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"pasapas/assets"
	"pasapas/internal/account"
	"pasapas/internal/audit"
	"pasapas/internal/backup"
	"pasapas/internal/browser"
	"pasapas/internal/datadir"
	"pasapas/internal/exportjob"
	"pasapas/internal/failure"
	"pasapas/internal/glossary"
	"pasapas/internal/guide"
	"pasapas/internal/locale"
	"pasapas/internal/printer"
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

// exportDir is where the mediator space writes exports: « Pas à pas » in
// the user's Documents folder (XDG's on Linux, the known folder on
// Windows), else the data folder.
func exportDir(data string) string {
	if docs, err := exportjob.DefaultDir(); err == nil {
		return filepath.Join(docs, "Pas à pas")
	}
	return filepath.Join(data, "exports")
}

// daily runs fn once a day until the returned stop function is called.
func daily(fn func()) (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(24 * time.Hour)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				fyne.Do(fn)
			}
		}
	}()
	return func() { close(done) }
}

// Main is the program: its flags, what it opened, and how to close it.
type Main struct {
	DataDir    string
	Fullscreen bool
	IdleAfter  time.Duration
	// Guide is the guide to open at start (--guide); empty for the welcome.
	Guide string
	// Lang is the kiosk's language at start and after each visit (--lang).
	Lang string
	// ShowVersion: print the version and stop (--version).
	ShowVersion bool
	Log         *slog.Logger
	idleSet     bool // --idle was given: it wins over the settings
	// Restart asks main to start the program again (after a restore).
	Restart bool
}

// ParseFlags reads the command line.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("pasapas", flag.ContinueOnError)
	fs.StringVar(&m.DataDir, "data", "", "data folder (default: $"+datadir.EnvVar+" or the user configuration folder)")
	fs.BoolVar(&m.Fullscreen, "fullscreen", false, "fill the screen (kiosk mode)")
	fs.DurationVar(&m.IdleAfter, "idle", visit.DefaultIdleAfter, "time without input before the idle warning (default: the centre's setting)")
	fs.StringVar(&m.Guide, "guide", "", "open the kiosk on this guide (its id, e.g. ameli-compte)")
	fs.BoolVar(&m.ShowVersion, "version", false, "print the version and stop")
	fs.StringVar(&m.Lang, "lang", "", "the visitor language the kiosk starts in and comes back to (fr, en, ar, es, pt, tr, uk)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fs.Visit(func(f *flag.Flag) { m.idleSet = m.idleSet || f.Name == "idle" })
	return nil
}

// Run opens the data, builds the kiosk and runs until the window closes.
func (m *Main) Run(ctx context.Context) error {
	catalog, err := locale.Load(locales.Files(), m.Log)
	if err != nil {
		return err
	}
	dir, err := datadir.Resolve(m.DataDir, os.Getenv)
	if err != nil {
		return err
	}
	datadir.OwnerOnly() // the database, its journal, backups, exports: the owner's only
	if err := datadir.Create(dir); err != nil {
		m.cannotStart(catalog, dir, err)
		return err
	}
	m.Log.Info("data folder", "dir", dir)
	if err := datadir.Private(dir, m.Log); err != nil {
		m.Log.Error("make the data folder its owner's only", "err", err)
	}
	// One running copy per data folder: two kiosks never share a database
	// and a browser folder.
	release, err := datadir.Lock(dir)
	if err != nil {
		m.cannotStart(catalog, dir, err)
		return err
	}
	defer func() {
		if err := release(); err != nil {
			m.Log.Warn("release the data folder", "err", err)
		}
	}()

	// « poste seul », station or « poste public » (role.go).
	role, err := roleOf(dir)
	if err != nil {
		m.cannotStart(catalog, dir, err)
		return err
	}
	m.Log.Info("role", "role", role)

	// A browser left by a crash (kill -9, power cut) is closed, and its
	// profile and downloads deleted, before anyone sits down.
	visitDir := filepath.Join(dir, "visit")
	if err := browser.Recover(visitDir, m.Log); err != nil {
		m.Log.Error("clean up after the last visit", "err", err)
	}
	a := app.NewWithID(AppID)
	w := a.NewWindow("Pas à pas")
	w.Resize(fyne.NewSize(1024, 768))
	// The window system places the kiosk (whole screen, or a column beside
	// the official site); without one, Fyne's full screen does.
	desk := m.openDesk(w, role)
	if desk != nil {
		defer desk.Close()
	}

	path := filepath.Join(dir, sqlite.FileName)
	health, err := sqlite.CheckOnStart(ctx, path, time.Now())
	if err != nil || !health.Usable() {
		// Damaged: nothing is written to it; it was moved aside. The kiosk
		// is out of service and the mediator window offers the backups.
		m.Log.Error("database damaged", "health", health.String(), "err", err)
		kiosk.OutOfService(a, w, catalog.For(locale.Reference), failure.Damaged)
		rw := a.NewWindow("Pas à pas")
		rw.Resize(fyne.NewSize(900, 700))
		(&mediator.Recovery{Window: rw, Tr: catalog.For(locale.Reference), Dir: backup.Dir(dir), Reason: health.String(),
			Log: m.Log, Restore: func(file string) error { return m.restore(ctx, a, dir, file, "", 0, "récupération") }}).Show()
		showRecovery := func() {
			rw.Show()
			rw.RequestFocus()
		}
		w.Canvas().AddShortcut(kiosk.StaffShortcut(), func(fyne.Shortcut) { showRecovery() })
		a.Lifecycle().SetOnStarted(showRecovery) // over the out-of-service screen
		w.ShowAndRun()
		return nil
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		m.Log.Error("open database", "err", err)
		kiosk.OutOfService(a, w, catalog.For(locale.Reference), failure.KindOf(err))
		w.ShowAndRun()
		return err
	}
	defer db.Close()
	if n, err := db.CloseOpenVisits(ctx); err != nil {
		m.Log.Error("close visits left open", "err", err)
	} else if n > 0 {
		m.Log.Info("closed visits left open by an unclean stop", "count", n)
	}

	st, err := db.LoadSettings(ctx)
	if err != nil {
		m.Log.Error("load settings", "err", err)
	}
	catalog.SetEasternArabicDigits(st.EasternArabicDigits)
	// The built-in guides load now (milliseconds); the centre's own guides
	// after the first screen, off the UI goroutine: a folder of hostile or
	// huge files never keeps the kiosk blank.
	gloss, problems := glossary.Load(assets.Files(), "glossary", "assets/glossary")
	pictos, err := guide.PictogramsIn(assets.Files(), "pictograms")
	if err != nil {
		m.Log.Error("list the pictograms", "err", err)
	}
	guideOpts := guide.Options{Terms: gloss.Has, Pictograms: pictos, ExtraHosts: st.OfficialHosts, Overrides: st.GuideOverrides}
	lib, gps := guide.Load(guideOpts, guide.Source{FS: assets.Files(), Dir: "guides", Name: "assets/guides", Builtin: true})
	for _, p := range append(problems, gps...) {
		m.Log.Warn("guide problem", "problem", p.String())
	}
	if !m.idleSet {
		m.IdleAfter = st.KioskIdle
	}
	// Kiosk mode (--fullscreen, or the setting « poste public »): the kiosk
	// fills the screen and its window cannot be closed.
	kioskMode := false
	setKioskMode := func(on bool) {
		on = (on && role != Station) || m.Fullscreen
		if on == kioskMode {
			return
		}
		kioskMode = on
		if desk != nil {
			desk.SetFullscreen(on)
		} else {
			w.SetFullScreen(on)
		}
	}
	setKioskMode(st.PublicKiosk)

	// A « poste public » records its visits and help requests in its
	// outbox, for the station; the others in their own database.
	var store visit.Store = db
	var kl *kioskLink
	var k *visit.Kiosk // the visit state, made below
	var v *kiosk.View  // the kiosk's screens, once shown
	if role == Public {
		kl, err = openLink(dir, linkConfig{Outbox: db, Log: m.Log, Post: fyne.Do,
			News: func(key string, n kiosk.HelpNews) {
				if v != nil {
					v.RoomHelp(key, n)
				}
			},
			End: func(key string) {
				if cur, ok := k.Visit(); ok && v != nil && cur.Key == key && cur.Ended.IsZero() {
					v.EndByStaff()
				}
			}})
		if err != nil {
			m.Log.Error("open the link to the station", "err", err)
			kiosk.OutOfService(a, w, catalog.For(locale.Reference), failure.KindOf(err))
			w.ShowAndRun()
			return err
		}
		defer func() { // after the recorder's last write to the outbox
			if err := kl.Close(); err != nil {
				m.Log.Warn("close the link to the station", "err", err)
			}
		}()
		store = kl.Store()
	}
	var space *mediator.Space
	rec := visit.NewRecorder(store, func(err error) {
		m.Log.Error("visit not saved", "kind", failure.KindOf(err), "err", err)
		fyne.Do(func() {
			if space != nil {
				tr := catalog.For(locale.Reference)
				space.Problem(tr.T("storage.problem", "Reason", tr.T("error."+string(failure.KindOf(err)))))
			}
		})
	})
	defer rec.Close()
	if m.Lang != "" && catalog.Language(m.Lang).Code != m.Lang {
		m.Log.Error("--lang: no such visitor language; French it is", "lang", m.Lang)
		m.Lang = ""
	}
	k = visit.NewKiosk(visit.Config{IdleAfter: m.IdleAfter, HelpHold: st.HelpHold, DefaultLang: m.Lang}, lib, rec, time.Now)
	br := &browser.Launcher{Dir: visitDir, Log: m.Log}
	defer br.CloseAll()

	all := append(problems, gps...)
	// The chime's temporary folders left by an unclean stop go now.
	if left, err := sound.CleanLeftovers(""); err != nil {
		m.Log.Warn("remove the chime's leftover folders", "err", err)
	} else if len(left) > 0 {
		m.Log.Info("chime folders left by an unclean stop removed", "count", len(left))
	}
	player := &sound.Player{}
	defer func() {
		if err := player.Close(); err != nil {
			m.Log.Warn("remove chime file", "err", err)
		}
	}()
	accounts := &account.Service{Store: db, Audit: db, Now: time.Now, OnError: func(err error) {
		m.Log.Error("audit trail not written", "err", err)
	}}
	if n, err := audit.Purge(ctx, db, time.Now()); err != nil {
		m.Log.Error("purge audit trail", "err", err)
	} else if n > 0 {
		m.Log.Info("audit entries older than a year purged", "count", n)
	}
	reader := speech.New(speech.System())
	defer reader.Stop()
	retention := func() {
		cur, err := db.LoadSettings(ctx)
		if err != nil {
			m.Log.Error("load settings", "err", err)
			return
		}
		n, err := db.AnonymiseDue(ctx, time.Now(), cur.RetentionMonths)
		if err != nil {
			m.Log.Error("retention", "err", err)
			return
		}
		if n > 0 {
			m.Log.Info("beneficiaries anonymised after the retention period", "count", n)
			if err := db.AddAudit(ctx, audit.Entry{At: time.Now(), Action: audit.Retention, Detail: strconv.Itoa(n)}); err != nil {
				m.Log.Error("audit", "err", err)
			}
		}
	}
	retention()
	stopDaily := daily(retention)
	defer stopDaily()

	// Backups are kept no longer than named beneficiaries are: an erased
	// person does not outlive the retention in an old copy.
	sched := &backup.Scheduler{Source: db, Dir: backup.Dir(dir), Every: backup.DefaultEvery, Now: time.Now, Keep: backup.PolicyFor(st.RetentionMonths),
		OnError: func(err error) {
			m.Log.Error("automatic backup failed", "err", err)
			fyne.Do(func() {
				tr := catalog.For(locale.Reference)
				space.Problem(tr.T("backup.problem", "Reason", tr.T("error."+string(failure.KindOf(err)))))
			})
		}}
	backups := &mediator.Backups{Dir: backup.Dir(dir), Source: db, Restore: func(file, passphrase string, by int64) error {
		// An encrypted copy is opened first: a wrong passphrase or a
		// damaged file stops nothing and changes nothing.
		if passphrase != "" {
			if _, err := backup.Inspect(ctx, file, passphrase); err != nil {
				return err
			}
		}
		sched.Stop()
		rec.Close()
		if err := db.Close(); err != nil {
			m.Log.Warn("close database before restore", "err", err)
		}
		return m.restore(ctx, a, dir, file, passphrase, by, "espace médiateur")
	}}
	// No account yet: this is the installation. The coordinator account
	// is created in the mediator window, shown at start over a kiosk that
	// says so; the kiosk opens once it exists. From the kiosk, never.
	// A « poste public » has no accounts and no installation: pairing
	// (pasapasctl kiosk join) was its set-up.
	setup := false
	if role != Public {
		if setup, err = accounts.NeedsFirstAccount(ctx); err != nil {
			m.Log.Error("count accounts", "err", err)
		}
	}
	// A station's help queue is its room: every kiosk's requests, with
	// their names, and « J'arrive » sent back to the kiosk.
	var queue visit.Queue = db
	var rm *mediator.Room
	if role == Station {
		rm = mediator.NewRoom(db, db.RoomVisitKiosk, m.Log)
		queue = rm
	}
	var startKiosk func()
	space = mediator.NewSpace(mediator.Deps{Setup: setup, OnInstalled: func(st settings.Settings) {
		setKioskMode(st.PublicKiosk)
		startKiosk()
	}, Backups: backups, App: a, Accounts: accounts, Queue: queue, Journal: db, Settings: db,
		Audit: db, Visits: db.Visits, Reports: db, Exports: db, ExportDir: exportDir(dir), Print: printer.Print, Kiosk: k, Library: lib,
		OnSettings: func(s settings.Settings) {
			if !m.idleSet {
				k.SetIdleAfter(s.KioskIdle)
			}
			k.SetHelpHold(s.HelpHold)
			setKioskMode(s.PublicKiosk)
			catalog.SetEasternArabicDigits(s.EasternArabicDigits)
		},
		Tr: catalog.For(locale.Reference), Problems: all, Chime: player.Play, Log: m.Log,
		EndVisit: func() {
			if v != nil {
				v.EndByStaff()
			}
		},
		Quit: func() {
			k.Stop()
			a.Quit()
		}})
	space.SetLockAfter(st.LockAfter)
	if role != Public { // a « poste public »'s help goes to the station
		space.StartTimer() // the help queue and its chime, window or not
	}
	defer space.Close()
	if role == Station {
		// Every event applied refreshes the room and rings for a new
		// help request at once, rather than at the next second's poll.
		runner := startStation(ctx, stationConfig{Dir: dir, Store: db, Room: rm, Log: m.Log, Announce: true,
			Refresh: func() { fyne.Do(space.Tick) }})
		defer func() { // before the database closes
			if err := runner.Close(); err != nil {
				m.Log.Error("stop the station", "err", err)
			}
		}()
	}
	// The mediator's window is made the first time staff ask for it (or
	// for the installation): the kiosk's first screen does not wait for it.
	var sw fyne.Window
	if role == Station { // the mediator space is the station's window
		sw = w
		space.Open(w)
	}
	openSpace := func() fyne.Window {
		if sw == nil {
			sw = a.NewWindow("Pas à pas")
			space.Open(sw)
			sw.SetCloseIntercept(func() {
				space.Lock()
				sw.Hide()
			})
		}
		return sw
	}
	staff := func() {
		openSpace()
		space.Lock() // always log in again
		sw.Show()
		sw.RequestFocus()
	}
	if m.Guide != "" && !k.OpenGuide(m.Guide) {
		m.Log.Error("--guide: no such guide; the kiosk starts on the welcome screen", "guide", m.Guide)
	}
	deps := kiosk.Deps{App: a, Window: w, Kiosk: k, Catalog: catalog, Library: lib,
		Glossary: gloss, Assets: assets.Files(), Browser: br, Speech: reader, Print: printer.Print, Log: m.Log,
		OnStaff: staff, OnProblem: space.Problem, StaffElsewhere: role == Public}
	if desk != nil {
		deps.Desk = desk
	}
	a.Lifecycle().SetOnStarted(func() {
		if desk != nil {
			desk.Start()
		}
		guide.LoadAsync(lib, guideOpts, func(all *guide.Library, ps []guide.Problem) {
			for _, p := range ps {
				m.Log.Warn("guide problem", "problem", p.String())
			}
			fyne.Do(func() {
				k.SetLibrary(all)
				if v != nil {
					v.SetLibrary(all)
				}
				deps.Library = all
				space.AddGuides(all, ps)
			})
		}, guide.Folder(filepath.Join(dir, "guides")))
		if setup && role != Station { // the installation, over the kiosk's "Installation" screen
			openSpace().Show()
			sw.RequestFocus()
		}
	})
	startKiosk = func() {
		if role == Station {
			return
		}
		v = kiosk.New(deps)
		br.OnExit = func(err error, after time.Duration) { fyne.Do(func() { v.SiteExited(err, after) }) }
		v.StartTimer()
	}
	defer func() {
		if v != nil {
			v.Stop()
		}
	}()
	if setup && role != Station {
		kiosk.Installing(a, w, catalog.For(locale.Reference))
	} else {
		startKiosk()
	}
	// The first automatic backup waits until the kiosk is up and settled:
	// on two cores it would slow the first screen.
	var backupsMu sync.Mutex
	backupsStopped := false
	firstBackup := time.AfterFunc(FirstBackupAfter, func() {
		backupsMu.Lock()
		defer backupsMu.Unlock()
		if !backupsStopped {
			sched.Start()
		}
	})
	defer func() {
		firstBackup.Stop()
		backupsMu.Lock()
		backupsStopped = true
		backupsMu.Unlock()
		sched.Stop()
	}()
	// In kiosk mode the kiosk's window cannot be closed (Alt+F4, a close
	// button): staff close the program from the mediator space. Otherwise
	// closing it ends the program, never leaving it without a window.
	w.SetCloseIntercept(func() {
		if kioskMode {
			m.Log.Warn("closing the kiosk window refused in kiosk mode: staff close Pas à pas from the mediator space")
			return
		}
		k.Stop() // the visit in progress ends as "abandoned"
		a.Quit()
	})
	w.ShowAndRun()
	return nil
}

// cannotStart says why the program does not start, on the terminal and in
// a window (a Windows program has no console), for a minute at most.
func (m *Main) cannotStart(catalog *locale.Catalog, dir string, err error) {
	why := string(datadir.Why(err))
	fmt.Fprintf(os.Stderr, "pasapas: %s: %v\n", dir, err)
	tr := catalog.For(locale.Reference)
	kiosk.CannotStart(app.NewWithID(AppID), tr, tr.T("start."+why+".title"),
		tr.T("start."+why+".body", "Dir", dir, "Reason", err.Error()), CannotStartFor)
}

// FirstBackupAfter is how long after the start the automatic backups
// begin.
const FirstBackupAfter = 30 * time.Second

// CannotStartFor is how long the window saying why the program does not
// start stays open.
const CannotStartFor = time.Minute

// restore puts a backup in place and quits so that main starts the program
// again on it. Whatever happens, the previous database stays whole: on
// failure it is still there, and the program restarts on it too.
func (m *Main) restore(ctx context.Context, a fyne.App, dir, file, passphrase string, by int64, how string) error {
	r, err := backup.RestoreWith(ctx, dir, file, time.Now(), backup.RestoreOptions{Passphrase: passphrase, AccountID: by, By: how})
	m.Restart = true
	a.Quit()
	if err != nil {
		return err
	}
	m.Log.Info("backup restored", "file", file, "safety copy", r.SafetyCopy)
	return nil
}
