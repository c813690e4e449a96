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

// settingsTab lets a coordinator change the centre's settings, read and
// saved off the UI goroutine.
func (s *adminView) settingsTab() fyne.CanvasObject {
	box := container.NewVBox(widget.NewLabel(s.Tr.T("work.loading")))
	background(s.Space, s.Settings.LoadSettings, func(st settings.Settings, err error) {
		if err != nil {
			box.Objects = []fyne.CanvasObject{widget.NewLabel(s.errorText(err))}
		} else {
			box.Objects = s.adm.settingsForm(st)
		}
		s.themed(box)
	})
	return container.NewVScroll(box)
}

func (s *adminView) settingsForm(st settings.Settings) []fyne.CanvasObject {
	tr := s.Tr
	centre := newCentreForm(tr, st)
	s.Centre = centre
	lock, hold := minutesEntry(st.LockAfter), minutesEntry(st.HelpHold)
	hosts, overrides := controls.NewLines(2, maxLinesSet), controls.NewLines(2, maxLinesSet)
	eastern := widget.NewCheck(tr.T("settings.eastern"), nil)
	eastern.SetChecked(st.EasternArabicDigits)
	contrast := widget.NewCheck(tr.T("settings.contrast"), nil)
	contrast.SetChecked(st.MediatorContrast)
	s.SettingsContrast = contrast
	hosts.SetText(strings.Join(st.OfficialHosts, "\n"))
	overrides.SetText(strings.Join(st.GuideOverrides, "\n"))
	retention := field(maxNumber)
	retention.SetText(strconv.Itoa(st.RetentionMonths))
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	var save *widget.Button
	save = widget.NewButtonWithIcon(tr.T("journal.form.save"), theme.DocumentSaveIcon(), s.act(func() {
		n := st
		centre.read(&n)
		n.LockAfter = time.Duration(number(lock)) * time.Minute
		n.HelpHold = time.Duration(number(hold)) * time.Minute
		n.RetentionMonths = number(retention)
		n.OfficialHosts, n.GuideOverrides = splitLines(hosts.Text), splitLines(overrides.Text)
		n.EasternArabicDigits = eastern.Checked
		n.MediatorContrast = contrast.Checked
		save.Disable()
		background(s.Space, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, s.Settings.SaveSettings(ctx, n)
		}, func(_ struct{}, err error) {
			save.Enable()
			if err != nil {
				msg.Importance = widget.DangerImportance
				msg.SetText(s.adm.settingsError(err))
				return
			}
			st = n
			s.lock.After = n.LockAfter
			s.SetFollowContrast(n.MediatorContrast)
			if s.OnSettings != nil {
				s.OnSettings(n)
			}
			s.audit(audit.SettingsChange, "")
			msg.Importance = widget.SuccessImportance
			msg.SetText(tr.T("settings.saved"))
		})
	}))
	save.Importance = widget.HighImportance
	s.SettingsSave = save
	s.SettingsFields = map[string]*widget.Entry{"name": &centre.Name.Entry, "places": &centre.Places.Entry, "commune": &centre.Commune.Entry,
		"postal": &centre.Postal.Entry, "idle": &centre.Idle.Entry, "hold": &hold.Entry, "lock": &lock.Entry, "retention": &retention.Entry,
		"hosts": &hosts.Entry, "overrides": &overrides.Entry}
	items := append(centre.objects(tr), labelled(tr, "settings.helphold", hold), labelled(tr, "settings.lock", lock),
		labelled(tr, "settings.retention", retention),
		labelled(tr, "settings.hosts", hosts), wrapped(tr.T("settings.hosts.what")),
		labelled(tr, "settings.overrides", overrides), wrapped(tr.T("settings.overrides.what")), eastern, contrast,
		container.NewHBox(save), msg)
	return append(items, s.adm.roleSettings()...)
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

// accountsTab lets a coordinator create accounts and disable them; the
// accounts are read and changed off the UI goroutine.
func (s *adminView) accountsTab() fyne.CanvasObject {
	list := container.NewVBox(widget.NewLabel(s.Tr.T("work.loading")))
	background(s.Space, s.Accounts.Store.Accounts, func(accounts []account.Account, err error) {
		list.Objects = nil
		if err != nil {
			list.Add(widget.NewLabel(s.errorText(err)))
		}
		for _, a := range accounts {
			list.Add(s.adm.accountRow(a))
		}
		s.themed(list)
	})
	return container.NewVScroll(container.NewVBox(list, widget.NewSeparator(), s.adm.accountForm()))
}

// accountRow is an account with the button that disables or enables it.
func (s *adminView) accountRow(a account.Account) fyne.CanvasObject {
	tr := s.Tr
	state := tr.T("account.role." + string(a.Role))
	if a.Disabled {
		state += " — " + tr.T("account.disabled")
	}
	label := widget.NewLabel(a.DisplayName + " (" + a.Name + ") — " + state)
	toggle := tr.T("account.disable")
	if a.Disabled {
		toggle = tr.T("account.enable")
	}
	var b *widget.Button
	b = widget.NewButton(toggle, s.act(func() {
		if a.ID == s.user.ID {
			return // a coordinator does not lock themselves out
		}
		a.Disabled = !a.Disabled
		a.Failures, a.LockedUntil = 0, time.Time{}
		b.Disable()
		background(s.Space, func(ctx context.Context) (struct{}, error) {
			if err := s.Accounts.Store.UpdateAccount(ctx, a); err != nil {
				return struct{}{}, err
			}
			return struct{}{}, s.Accounts.Store.SaveLoginState(ctx, a)
		}, func(_ struct{}, err error) {
			b.Enable()
			if err != nil {
				s.notice(s.errorText(err))
				return
			}
			s.audit(audit.AccountChanged, strconv.FormatInt(a.ID, 10))
			s.showHome()
		})
	}))
	if a.ID == s.user.ID {
		b.Disable()
	}
	return container.NewBorder(nil, nil, nil, b, label)
}

// accountForm creates an account (the secret is hashed off the UI
// goroutine).
func (s *adminView) accountForm() fyne.CanvasObject {
	tr := s.Tr
	name, display, secret := field(account.MaxName), field(account.MaxDisplayName), controls.NewSecretField(maxSecret)
	role := newChoice([]account.Role{account.Mediator, account.Coordinator}, func(r account.Role) string {
		return tr.T("account.role." + string(r))
	}, tr.T("journal.form.choose"), nil)
	role.Set(account.Mediator)
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	rule := widget.NewLabel(tr.T("mediator.first.rule"))
	rule.Wrapping = fyne.TextWrapWord
	var create *widget.Button
	create = widget.NewButtonWithIcon(tr.T("account.create"), theme.ContentAddIcon(), s.act(func() {
		r, _ := role.Value()
		n, d, sec, by := name.Text, display.Text, secret.Text, s.user.ID
		create.Disable()
		background(s.Space, func(ctx context.Context) (account.Account, error) {
			return s.Accounts.Create(ctx, n, d, r, sec, by)
		}, func(_ account.Account, err error) {
			create.Enable()
			if err != nil {
				msg.Importance = widget.DangerImportance
				msg.SetText(s.errorText(err))
				return
			}
			s.showHome()
			s.notice(tr.T("account.created"))
		})
	}))
	create.Importance = widget.HighImportance
	s.AccountCreate, s.AccountFields = create, []*widget.Entry{&name.Entry, &display.Entry, &secret.Entry}
	return container.NewVBox(
		widget.NewLabelWithStyle(tr.T("account.new"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(3,
			container.NewVBox(widget.NewLabel(tr.T("mediator.login.name")), name),
			container.NewVBox(widget.NewLabel(tr.T("mediator.first.display")), display),
			container.NewVBox(widget.NewLabel(tr.T("mediator.login.secret")), secret)),
		role, rule, container.NewHBox(create), msg)
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
