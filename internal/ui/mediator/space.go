package mediator

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/account"
	"pasapas/internal/audit"
	"pasapas/internal/export"
	"pasapas/internal/failure"
	"pasapas/internal/guide"
	"pasapas/internal/journal"
	"pasapas/internal/locale"
	"pasapas/internal/report"
	"pasapas/internal/settings"
	"pasapas/internal/ui/controls"
	"pasapas/internal/ui/themes"
	"pasapas/internal/visit"
)

// Deps are what the mediator space needs.
type Deps struct {
	App      fyne.App
	Accounts *account.Service
	Queue    visit.Queue
	Journal  journal.Store
	Settings settings.Store
	Audit    audit.Store
	Reports  report.Source
	// Exports, when set, offers exports on the statistics screen, written
	// to ExportDir.
	Backups   *Backups
	Exports   export.Source
	ExportDir string
	// Visits lists the kiosk visits started in [from, to).
	Visits  func(ctx context.Context, from, to time.Time) ([]visit.Visit, error)
	Kiosk   *visit.Kiosk // the visit going on at the kiosk
	Library *guide.Library
	Tr      *locale.Tr
	// Problems are the guide files that failed or warned at start.
	Problems []guide.Problem
	// Chime plays the help-request sound; it runs off the UI goroutine.
	Chime func() error
	// OnSettings is told when a coordinator saved new settings.
	OnSettings func(settings.Settings)
	// EndVisit ends the kiosk visit from the mediator space.
	EndVisit func()
	// Print sends a file to the printer (nil hides « Imprimer »); it runs
	// off the UI goroutine.
	Print func(ctx context.Context, path string) error
	// Quit closes the program (a kiosk in full screen cannot be closed
	// from its own window); nil hides « Fermer Pas à pas ».
	Quit func()
	// Setup allows creating the first coordinator account: only the
	// installation at the program's start sets it, never the kiosk (a
	// visitor must not become coordinator). OnInstalled is told once that
	// account and the centre's settings exist.
	Setup bool
	// Roles makes this PC a station or a « poste public » (nil: the
	// question is not asked, as in tests of other pages).
	Roles       Roles
	OnInstalled func(settings.Settings)
	Log         *slog.Logger
	Now         func() time.Time
	// Background runs storage work off the UI goroutine and Post runs its
	// result on it (see background); nil: a goroutine, fyne.Do.
	Background, Post func(func())
}

// Space is the mediator space: a window of its own, behind a login, that
// locks itself after inactivity.
type Space struct {
	Deps
	*page // the window's frame: theme, background, notices

	user *account.Account // nil when locked
	// The tabs and pages, each over this session (see views.go).
	now  *nowView
	jr   *journalView
	ws   *workshopsView
	st   *statsView
	bn   *beneficiariesView
	adm  *adminView
	door *doorView
	lock account.Lock
	// throttle slows this PC's login form after failed attempts (the
	// accounts themselves are never locked).
	throttle  account.Throttle
	loggingIn bool // a login is being checked (off the UI goroutine)
	// openSettings: show the settings tab first (right after installation).
	openSettings bool
	seen         map[int64]bool  // help requests already announced
	polling      bool            // a poll of the help queue and visits is under way
	memoryAck    string          // the visit whose memory-only help request a mediator acknowledged
	memoryKeys   map[string]bool // visits whose help request was shown from memory (rung once)
	stop         chan struct{}

	// Widgets tests read.
	Name, Secret     *controls.Field
	Display, Confirm *controls.Field // first account only
	Message          *widget.Label
	HelpList         *fyne.Container
	VisitLabel       *widget.Label
	VisitsBox        *fyne.Container
	helpSig          string // what the help list shows, to redraw only on change
	lastVisitsSig    string
	Form             *accForm // the accompaniment form, while it is open
	Tabs             *container.AppTabs
	tabIndex         int    // the tab shown, kept when a page closes
	followContrast   bool   // setting: follow the kiosk's high contrast
	paused           bool   // a page is open over the tabs: no refresh under the mediator's hands
	afterForm        string // the notice to show when the open form closes ("" = saved)

	Attendance                                []*choice[journal.Presence] // the attendance page's marks
	AttendanceAll                             *widget.Button
	WalkInAnonymous                           *widget.Button
	WorkshopDelete                            *widget.Button
	WorkshopDeleteConfirm                     *widget.Button
	AttendanceSave                            *widget.Button
	Workshop                                  *workshopForm
	beneficiaryProblems                       *fieldErrors // the beneficiary form's, while it is open
	WorkshopSave                              *widget.Button
	EraseConfirm                              *widget.Button
	BeneficiaryFields                         []*widget.Entry // first name, last name, year, commune
	BeneficiaryConsent                        *widget.Check
	BeneficiarySave                           *widget.Button
	SettingsSave                              *widget.Button
	StatsShow                                 *widget.Button
	Export                                    *exportPanel
	ProblemLabel                              *widget.Label
	problem                                   string
	StatsChoice                               *widget.Select
	StatsFrom, StatsTo                        *widget.Entry
	Period                                    report.Period
	Stats                                     *report.Stats
	SettingsFields                            map[string]*widget.Entry
	Centre                                    *centreForm // the centre's fields, at installation or in the settings
	CentreDone                                *widget.Button
	BackupNow                                 *widget.Button
	BackupMessage                             *widget.Label
	BackupUSB                                 *widget.Button
	BackupFolder                              *widget.Entry
	BackupPassphrase                          *widget.Entry
	BackupPassphraseAgain                     *widget.Entry
	SettingsContrast                          *widget.Check
	RoleButtons                               []*widget.Button // installation: poste seul, poste du médiateur, poste public
	JoinFields                                []*widget.Entry  // station address, code, name
	JoinSubmit                                *widget.Button
	RoleStation, RoleStationConfirm, RoleJoin *widget.Button
	restartAfter                              bool // the installation made this PC the station: start again as one
	AccountCreate                             *widget.Button
	AccountFields                             []*widget.Entry // name, display name, secret
	BackupReminder                            *widget.Button  // « Imprimer l'aide-mémoire », after an encrypted copy
	RestoreFile, RestorePassphrase            *widget.Entry
	RestoreCheck, RestoreConfirm              *widget.Button
}

// NewSpace builds the mediator space; Open shows it.
func NewSpace(d Deps) *Space {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	s := &Space{Deps: d, seen: map[int64]bool{}, memoryKeys: map[string]bool{}}
	s.page = &page{onTouch: s.touch, post: s.post}
	s.now, s.jr, s.ws, s.st = &nowView{s}, &journalView{s}, &workshopsView{s}, &statsView{s}
	s.bn, s.adm, s.door = &beneficiariesView{s}, &adminView{s}, &doorView{s}
	return s
}

// Open shows the window on its login screen (or on the creation of the
// first coordinator account). Whoever was logged in before must log in
// again: the last user's name is never pre-filled.
func (s *Space) Open(w fyne.Window) {
	s.Window = w
	s.user = nil
	w.SetTitle(s.Tr.T("mediator.title"))
	w.Resize(fyne.NewSize(spaceWidth, spaceHeight)) // FitScreen once shown
	s.door.showLogin()
}

// Close locks the space and stops its timer.
func (s *Space) Close() {
	s.user = nil
	if s.stop != nil {
		close(s.stop)
		s.stop = nil
	}
}

// User returns the logged-in account, or nil when locked.
func (s *Space) User() *account.Account { return s.user }

// SetFollowContrast says whether the space follows the kiosk's high
// contrast (the centre's setting).
func (s *Space) SetFollowContrast(on bool) {
	s.followContrast = on
	s.followLook()
}

// followLook switches the space to the kiosk's high contrast, or back,
// when the centre asks for it: at once on the login page (a few
// widgets), by drawing the tab shown again when logged in, and never
// under a page being filled in — it waits for the page to close.
func (s *Space) followLook() {
	want := s.followContrast && s.Kiosk != nil && s.Kiosk.HighContrast()
	if want == s.look.Contrast || s.override == nil || s.paused {
		return
	}
	s.look.Contrast = want
	if s.user != nil {
		s.showHome()
		return
	}
	s.pageBg.FillColor = themes.NewDeskWith(&s.look).Color(theme.ColorNameBackground, theme.VariantLight)
	s.override.Refresh()
}

func (s *Space) touch() { s.lock.Touch(s.Now()) }

// act wraps a button action so that it counts as activity.
func (s *Space) act(fn func()) func() {
	return func() {
		s.touch()
		fn()
	}
}

func (s *Space) loggedIn(a account.Account) {
	failed := a.Failures
	a.Failures = 0
	s.user = &a
	s.touch()
	background(s, s.Settings.LoadSettings, func(st settings.Settings, err error) {
		// Nothing works well without the centre's name and places: a
		// coordinator is taken to the settings.
		incomplete := err == nil && a.Role == account.Coordinator && st.Complete() != nil
		if incomplete {
			s.openSettings = true
		}
		s.showHome()
		if incomplete {
			s.notice(s.Tr.T("settings.incomplete"))
		}
		if failed > 0 { // the owner learns that someone tried their name
			s.notice(s.Tr.N("mediator.login.failures", failed))
		}
	})
}

// errorText turns an error into a message for the mediator.
func (s *Space) errorText(err error) string {
	switch {
	case errors.Is(err, account.ErrSecretShort), errors.Is(err, account.ErrSecretClasses),
		errors.Is(err, account.ErrSecretDigits), errors.Is(err, account.ErrSecretHasName),
		errors.Is(err, account.ErrSecretTooLong), errors.Is(err, account.ErrSecretControl),
		errors.Is(err, account.ErrSecretGuessable):
		var code string
		for _, e := range []error{account.ErrSecretShort, account.ErrSecretClasses, account.ErrSecretDigits,
			account.ErrSecretHasName, account.ErrSecretTooLong, account.ErrSecretControl, account.ErrSecretGuessable} {
			if errors.Is(err, e) {
				code = e.Error()
			}
		}
		return s.Tr.T("account.secret." + code)
	case errors.Is(err, account.ErrBadName):
		return s.Tr.T("account.name.invalid")
	case errors.Is(err, account.ErrBadDisplayName):
		return s.Tr.T("account.display.invalid")
	case failure.KindOf(err) == failure.Unauthorized:
		return s.Tr.T("mediator.login.wrong")
	}
	s.Log.Error("mediator space", "err", err)
	return s.Tr.T("error." + string(failure.KindOf(err)))
}

// showHome shows the tabs of a logged-in mediator.
func (s *Space) showHome() {
	s.helpSig, s.lastVisitsSig = "-", "-"
	s.paused = false
	// Tabs are built when first shown: a year of activity makes some of
	// them slow to lay out, and the mediator usually needs only "Now".
	type tabDef struct {
		id    string
		icon  fyne.Resource
		build func() fyne.CanvasObject
	}
	defs := []tabDef{
		{"mediator.tab.now", theme.InfoIcon(), s.now.nowTab},
		{"mediator.tab.journal", theme.ListIcon(), s.jr.journalTab},
		{"mediator.tab.workshops", theme.GridIcon(), s.ws.workshopsTab},
		{"mediator.tab.beneficiaries", theme.AccountIcon(), s.bn.beneficiariesTab},
		{"mediator.tab.stats", theme.GridIcon(), s.st.statsTab},
		{"mediator.tab.guides", theme.DocumentIcon(), func() fyne.CanvasObject {
			return ProblemsContent(s.Tr, len(s.Library.Guides()), s.Problems)
		}},
	}
	if s.user.Role == account.Coordinator {
		defs = append(defs, tabDef{"mediator.tab.settings", theme.SettingsIcon(), s.adm.settingsTab},
			tabDef{"mediator.tab.accounts", theme.AccountIcon(), s.adm.accountsTab})
		if s.Backups != nil {
			defs = append(defs, tabDef{"mediator.tab.backups", theme.StorageIcon(), s.adm.backupsTab})
		}
	}
	tabs := container.NewAppTabs()
	builders := map[*container.TabItem]func() fyne.CanvasObject{}
	for _, d := range defs {
		it := container.NewTabItemWithIcon(s.Tr.T(d.id), d.icon, container.NewStack())
		builders[it] = d.build
		tabs.Append(it)
	}
	build := func(it *container.TabItem) {
		holder := it.Content.(*fyne.Container)
		if len(holder.Objects) == 0 {
			holder.Objects = []fyne.CanvasObject{s.desk(builders[it]())}
			holder.Refresh()
		}
	}
	tabs.OnSelected = func(it *container.TabItem) {
		s.touch()
		if s.noticeBox != nil {
			s.noticeBox.Hide() // a confirmation belongs to the tab it was given in
		}
		s.tabIndex = tabs.SelectedIndex()
		build(it)
	}
	if s.openSettings {
		s.openSettings = false
		for i, d := range defs {
			if d.id == "mediator.tab.settings" {
				s.tabIndex = i
			}
		}
	}
	if s.tabIndex >= len(defs) {
		s.tabIndex = 0
	}
	build(tabs.Items[s.tabIndex])
	tabs.SelectIndex(s.tabIndex)
	s.Tabs = tabs
	who := widget.NewLabel(s.Tr.T("mediator.who", "Name", s.user.DisplayName, "Role", s.Tr.T("account.role."+string(s.user.Role))))
	lock := widget.NewButtonWithIcon(s.Tr.T("mediator.lock"), theme.LogoutIcon(), s.act(s.lockNow))
	actions := container.NewHBox(lock)
	if s.now.room() == nil { // a station's window is the space: no kiosk to go back to
		actions.Add(widget.NewButtonWithIcon(s.Tr.T("mediator.back"), theme.NavigateBackIcon(), s.act(s.backToKiosk)))
	}
	if s.Quit != nil {
		actions.Add(widget.NewButtonWithIcon(s.Tr.T("mediator.quit"), theme.CancelIcon(), s.act(s.Quit)))
	}
	who.Truncation = fyne.TextTruncateEllipsis // a long name never widens the window
	top := container.NewBorder(nil, nil, nil, actions, who)
	s.setContent(container.NewBorder(top, nil, nil, nil, tabs))
	s.now.refreshNow()
}

func (s *Space) lockNow() {
	s.user = nil
	s.tabIndex = 0
	s.door.showLogin()
}

// Lock locks the space: the next person must log in.
func (s *Space) Lock() {
	if s.Window != nil {
		s.lockNow()
	}
}

// backToKiosk locks the space and hides its window: coming back always
// asks to log in again.
func (s *Space) backToKiosk() {
	s.lockNow()
	s.Window.Hide()
}

// StartTimer ticks the space every second (help queue, inactivity lock)
// until Close.
// Tick locks the space after inactivity and polls the help queue and the
// day's visits. It runs every second, so a new request shows (and chimes)
// within a second. The queries run off the UI goroutine; a poll still
// under way (a slow disk) makes the next ticks wait for it.
// poll reads the help queue (and, when the « Maintenant » tab is shown, the
// day's visits) off the UI goroutine, then announces new requests and
// redraws what changed.
// announce chimes once for each help request not seen before.
func itoa(n int) string { return fmt.Sprint(n) }

// userID is the logged-in account's id, 0 when locked.
func (s *Space) userID() int64 {
	if s.user == nil {
		return 0
	}
	return s.user.ID
}

// SetLockAfter sets the inactivity delay (from the settings).
func (s *Space) SetLockAfter(d time.Duration) { s.lock.After = d }
