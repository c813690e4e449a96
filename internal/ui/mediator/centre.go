package mediator

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/account"
	"pasapas/internal/audit"
	"pasapas/internal/locale"
	"pasapas/internal/settings"
	"pasapas/internal/ui/controls"
)

// centreForm holds the centre's fields that the installation asks and the
// settings tab changes: name, commune, postal code, places, the kiosk's
// idle delay and whether this PC is a public kiosk.
type centreForm struct {
	Name, Commune, Postal, Idle *controls.Field
	Places                      *controls.Lines
	Public                      *widget.Check
}

func newCentreForm(tr *locale.Tr, st settings.Settings) *centreForm {
	f := &centreForm{Name: field(settings.MaxText), Commune: field(settings.MaxText), Postal: field(maxPostal),
		Places: controls.NewLines(3, maxLinesSet), Idle: minutesEntry(st.KioskIdle),
		Public: widget.NewCheck(tr.T("settings.public"), nil)}
	f.Name.SetText(st.CentreName)
	f.Commune.SetText(st.DefaultCommune)
	f.Postal.SetText(st.PostalCode)
	f.Places.SetText(strings.Join(st.Places, "\n"))
	f.Public.SetChecked(st.PublicKiosk)
	return f
}

// read puts what the fields say into st; a number that is not one becomes
// out of range, for Validate to report.
func (f *centreForm) read(st *settings.Settings) {
	st.CentreName = strings.TrimSpace(f.Name.Text)
	st.DefaultCommune = strings.TrimSpace(f.Commune.Text)
	st.PostalCode = strings.TrimSpace(f.Postal.Text)
	st.Places = nil
	for _, p := range strings.Split(f.Places.Text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			st.Places = append(st.Places, p)
		}
	}
	st.KioskIdle = time.Duration(number(f.Idle)) * time.Minute
	st.PublicKiosk = f.Public.Checked
}

// objects are the labelled fields, in the order they are asked.
func (f *centreForm) objects(tr *locale.Tr) []fyne.CanvasObject {
	return []fyne.CanvasObject{
		labelled(tr, "settings.name", f.Name), labelled(tr, "settings.places", f.Places),
		labelled(tr, "settings.commune", f.Commune), labelled(tr, "settings.postal", f.Postal),
		labelled(tr, "settings.idle", f.Idle), container.NewVBox(f.Public, wrapped(tr.T("settings.public.what"))),
	}
}

func labelled(tr *locale.Tr, id string, w fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(widget.NewLabelWithStyle(tr.T(id), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), w)
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func minutesEntry(d time.Duration) *controls.Field {
	e := field(maxNumber)
	e.SetText(strconv.Itoa(int(d / time.Minute)))
	return e
}

func number(e *controls.Field) int {
	v, err := strconv.Atoi(strings.TrimSpace(e.Text))
	if err != nil {
		return -1 // out of range: reported by Validate
	}
	return v
}

// showCentre is the installation's second page, once the coordinator
// account exists: the centre, its places, the kiosk. « Terminer
// l'installation » opens the kiosk.
func (s *doorView) showCentre(a account.Account) {
	s.user = &a // the coordinator who installs: the audit trail names them
	s.touch()
	background(s.Space, s.Settings.LoadSettings, func(st settings.Settings, err error) {
		if err != nil {
			s.Log.Error("load settings", "err", err)
			st = settings.Defaults()
		}
		s.door.centreForm(st)
	})
}

func (s *doorView) centreForm(st settings.Settings) {
	f := newCentreForm(s.Tr, st)
	s.Centre = f
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.DangerImportance
	s.Message = msg
	var scroll *container.Scroll
	var done *widget.Button
	done = widget.NewButtonWithIcon(s.Tr.T("setup.finish"), theme.ConfirmIcon(), s.act(func() {
		f.read(&st)
		if err := st.Complete(); err != nil {
			msg.SetText(s.adm.settingsError(err))
			scroll.ScrollToBottom() // the message sits under the button
			return
		}
		done.Disable()
		background(s.Space, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, s.Settings.SaveSettings(ctx, st)
		}, func(_ struct{}, err error) {
			done.Enable()
			if err != nil {
				msg.SetText(s.adm.settingsError(err))
				scroll.ScrollToBottom()
				return
			}
			s.audit(audit.SettingsChange, "installation")
			if s.OnSettings != nil {
				s.OnSettings(st)
			}
			s.Setup = false
			if s.restartAfter { // the station starts as one
				s.Roles.Restart()
				return
			}
			// The kiosk opens and the space locks: nobody finds a
			// coordinator logged in behind the kiosk (Alt+Tab).
			s.backToKiosk()
			if s.OnInstalled != nil {
				s.OnInstalled(st)
			}
		})
	}))
	done.Importance = widget.HighImportance
	s.CentreDone = done
	intro := wrapped(s.Tr.T("setup.centre.intro"))
	items := append([]fyne.CanvasObject{
		widget.NewLabelWithStyle(s.Tr.T("setup.centre.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), intro},
		f.objects(s.Tr)...)
	items = append(items, container.NewHBox(done), msg)
	scroll = container.NewVScroll(container.NewVBox(items...))
	s.setContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 600), scroll)))
	s.Window.Canvas().Focus(f.Name)
}
