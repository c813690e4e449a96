package mediator

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/account"
	"pasapas/internal/audit"
	"pasapas/internal/settings"
	"pasapas/internal/ui/controls"
)

// settingsTab lets a coordinator change the centre's settings.
func (s *adminView) settingsTab() fyne.CanvasObject {
	tr := s.Tr
	st, err := s.Settings.LoadSettings(context.Background())
	if err != nil {
		return widget.NewLabel(s.errorText(err))
	}
	centre := newCentreForm(tr, st)
	s.Centre = centre
	lock, hold := minutesEntry(st.LockAfter), minutesEntry(st.HelpHold)
	hosts, overrides := controls.NewLines(2), controls.NewLines(2)
	eastern := widget.NewCheck(tr.T("settings.eastern"), nil)
	eastern.SetChecked(st.EasternArabicDigits)
	hosts.SetText(strings.Join(st.OfficialHosts, "\n"))
	overrides.SetText(strings.Join(st.GuideOverrides, "\n"))
	retention := widget.NewEntry()
	retention.SetText(strconv.Itoa(st.RetentionMonths))
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon(tr.T("journal.form.save"), theme.DocumentSaveIcon(), s.act(func() {
		n := st
		centre.read(&n)
		n.LockAfter = time.Duration(number(lock)) * time.Minute
		n.HelpHold = time.Duration(number(hold)) * time.Minute
		n.RetentionMonths = number(retention)
		n.OfficialHosts, n.GuideOverrides = splitLines(hosts.Text), splitLines(overrides.Text)
		n.EasternArabicDigits = eastern.Checked
		if err := s.Settings.SaveSettings(context.Background(), n); err != nil {
			msg.Importance = widget.DangerImportance
			msg.SetText(s.adm.settingsError(err))
			return
		}
		s.lock.After = n.LockAfter
		if s.OnSettings != nil {
			s.OnSettings(n)
		}
		s.audit(audit.SettingsChange, "")
		msg.Importance = widget.SuccessImportance
		msg.SetText(tr.T("settings.saved"))
	}))
	save.Importance = widget.HighImportance
	s.SettingsSave = save
	s.SettingsFields = map[string]*widget.Entry{"name": centre.Name, "places": &centre.Places.Entry, "commune": centre.Commune,
		"postal": centre.Postal, "idle": centre.Idle, "hold": hold, "lock": lock, "retention": retention,
		"hosts": &hosts.Entry, "overrides": &overrides.Entry}
	items := append(centre.objects(tr), labelled(tr, "settings.helphold", hold), labelled(tr, "settings.lock", lock),
		labelled(tr, "settings.retention", retention),
		labelled(tr, "settings.hosts", hosts), wrapped(tr.T("settings.hosts.what")),
		labelled(tr, "settings.overrides", overrides), wrapped(tr.T("settings.overrides.what")), eastern,
		container.NewHBox(save), msg)
	return container.NewVScroll(container.NewVBox(items...))
}

func (s *adminView) settingsError(err error) string {
	for _, e := range []error{settings.ErrIdle, settings.ErrHelpHold, settings.ErrRetention, settings.ErrLock, settings.ErrName,
		settings.ErrPostal, settings.ErrCentre, settings.ErrPlaces, settings.ErrHost, settings.ErrGuideID} {
		if errors.Is(err, e) {
			return s.Tr.T("settings.invalid." + e.Error())
		}
	}
	return s.errorText(err)
}

// accountsTab lets a coordinator create accounts and disable them.
func (s *adminView) accountsTab() fyne.CanvasObject {
	tr := s.Tr
	list := container.NewVBox()
	accounts, err := s.Accounts.Store.Accounts(context.Background())
	if err != nil {
		list.Add(widget.NewLabel(s.errorText(err)))
	}
	for _, a := range accounts {
		state := tr.T("account.role." + string(a.Role))
		if a.Disabled {
			state += " — " + tr.T("account.disabled")
		}
		label := widget.NewLabel(a.DisplayName + " (" + a.Name + ") — " + state)
		toggle := tr.T("account.disable")
		if a.Disabled {
			toggle = tr.T("account.enable")
		}
		b := widget.NewButton(toggle, s.act(func() {
			if a.ID == s.user.ID {
				return // a coordinator does not lock themselves out
			}
			a.Disabled = !a.Disabled
			a.Failures, a.LockedUntil = 0, time.Time{}
			if err := s.Accounts.Store.UpdateAccount(context.Background(), a); err != nil {
				s.notice(s.errorText(err))
				return
			}
			if err := s.Accounts.Store.SaveLoginState(context.Background(), a); err != nil {
				s.notice(s.errorText(err))
				return
			}
			s.audit(audit.AccountChanged, strconv.FormatInt(a.ID, 10))
			s.showHome()
		}))
		if a.ID == s.user.ID {
			b.Disable()
		}
		list.Add(container.NewBorder(nil, nil, nil, b, label))
	}
	name, display, secret := widget.NewEntry(), widget.NewEntry(), widget.NewPasswordEntry()
	roles := []string{tr.T("account.role.mediator"), tr.T("account.role.coordinator")}
	role := widget.NewRadioGroup(roles, nil)
	role.SetSelected(roles[0])
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	rule := widget.NewLabel(tr.T("mediator.first.rule"))
	rule.Wrapping = fyne.TextWrapWord
	create := widget.NewButtonWithIcon(tr.T("account.create"), theme.ContentAddIcon(), s.act(func() {
		r := account.Mediator
		if role.Selected == roles[1] {
			r = account.Coordinator
		}
		if _, err := s.Accounts.Create(context.Background(), name.Text, display.Text, r, secret.Text, s.user.ID); err != nil {
			msg.Importance = widget.DangerImportance
			msg.SetText(s.errorText(err))
			return
		}
		s.showHome()
		s.notice(tr.T("account.created"))
	}))
	create.Importance = widget.HighImportance
	form := container.NewVBox(
		widget.NewLabelWithStyle(tr.T("account.new"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(3,
			container.NewVBox(widget.NewLabel(tr.T("mediator.login.name")), name),
			container.NewVBox(widget.NewLabel(tr.T("mediator.first.display")), display),
			container.NewVBox(widget.NewLabel(tr.T("mediator.login.secret")), secret)),
		role, rule, container.NewHBox(create), msg)
	return container.NewVScroll(container.NewVBox(list, widget.NewSeparator(), form))
}

// splitLines returns the non-empty lines of text, trimmed.
func splitLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
