package mediator

// The door of the mediator space: the login form, and the coordinator
// account created at the installation (never from the kiosk).

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/account"
	"pasapas/internal/failure"
	"pasapas/internal/ui/controls"
)

// showLogin shows the login form, or at the installation the creation of
// the coordinator account, once the accounts are counted (off the UI
// goroutine).
func (s *doorView) showLogin() {
	background(s.Space, s.Accounts.NeedsFirstAccount, func(first bool, err error) {
		if err != nil {
			s.Log.Error("count accounts", "err", err)
		}
		s.door.showDoor(first)
	})
}

func (s *doorView) showDoor(first bool) {
	name, secret := field(account.MaxName), controls.NewSecretField(maxSecret)
	s.Name, s.Secret = name, secret
	s.Message = widget.NewLabel("")
	s.Message.Wrapping = fyne.TextWrapWord
	s.Message.Importance = widget.DangerImportance
	if first && s.Setup {
		if s.Roles != nil && s.Roles.Role() == RoleAlone {
			s.door.rolePage() // first: what this PC is
			return
		}
		s.door.showFirstAccount()
		return
	}
	if first { // no account, and not the installation: nothing to create here
		msg := widget.NewLabel(s.Tr.T("setup.restart"))
		msg.Wrapping = fyne.TextWrapWord
		s.setContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(460, 200), msg)))
		return
	}
	s.Name.SetPlaceHolder(s.Tr.T("mediator.login.name"))
	s.Secret.SetPlaceHolder(s.Tr.T("mediator.login.secret"))
	login := widget.NewButtonWithIcon(s.Tr.T("mediator.login.submit"), theme.LoginIcon(), s.door.login)
	login.Importance = widget.HighImportance
	s.Secret.OnSubmitted = func(string) { s.door.login() }
	form := container.NewVBox(
		widget.NewLabelWithStyle(s.Tr.T("mediator.login.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		widget.NewLabel(s.Tr.T("mediator.login.name")), s.Name,
		widget.NewLabel(s.Tr.T("mediator.login.secret")), s.Secret,
		login, s.Message)
	s.setContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(460, 420), form)))
	s.Window.Canvas().Focus(s.Name)
}

func (s *doorView) showFirstAccount() {
	display := field(account.MaxDisplayName)
	confirm := controls.NewSecretField(maxSecret)
	s.Display, s.Confirm = display, confirm
	rule := widget.NewLabel(s.Tr.T("mediator.first.rule"))
	rule.Wrapping = fyne.TextWrapWord
	var create *widget.Button
	create = widget.NewButtonWithIcon(s.Tr.T("mediator.first.submit"), theme.ConfirmIcon(), func() {
		if s.Secret.Text != confirm.Text {
			s.Message.SetText(s.Tr.T("account.secret.mismatch"))
			return
		}
		if !s.Setup {
			return
		}
		name, shown, secret := s.Name.Text, display.Text, s.Secret.Text
		create.Disable() // the secret's hashing takes a moment
		background(s.Space, func(ctx context.Context) (account.Account, error) {
			return s.Accounts.Create(ctx, name, shown, account.Coordinator, secret, 0)
		}, func(a account.Account, err error) {
			create.Enable()
			if err != nil {
				s.Message.SetText(s.errorText(err))
				return
			}
			s.door.showCentre(a) // next: the centre's name, places, commune, the kiosk
		})
	})
	create.Importance = widget.HighImportance
	intro := widget.NewLabel(s.Tr.T("mediator.first.intro"))
	intro.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(
		widget.NewLabelWithStyle(s.Tr.T("mediator.first.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		intro,
		widget.NewLabel(s.Tr.T("mediator.login.name")), s.Name,
		widget.NewLabel(s.Tr.T("mediator.first.display")), display,
		widget.NewLabel(s.Tr.T("mediator.login.secret")), s.Secret,
		widget.NewLabel(s.Tr.T("mediator.first.confirm")), confirm,
		rule, create, s.Message)
	s.setContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 680), form)))
	s.Window.Canvas().Focus(s.Name)
}

// login checks the name and secret off the UI goroutine: the secret's
// hashing (Argon2id) takes a tenth of a second, which the visitor's
// screen, on the same event loop, must not wait for.
func (s *doorView) login() {
	now := s.Now()
	if s.loggingIn {
		return
	}
	if wait := s.throttle.Wait(now); wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second)
		s.Message.SetText(s.Tr.N("mediator.login.locked", secs))
		return
	}
	name, secret := s.Name.Text, s.Secret.Text
	s.Secret.SetText("")
	s.loggingIn = true
	background(s.Space, func(ctx context.Context) (account.Account, error) {
		return s.Accounts.Login(ctx, name, secret)
	}, func(a account.Account, err error) {
		s.loggingIn = false
		if err != nil {
			if failure.KindOf(err) == failure.Unauthorized {
				s.throttle.Failed(now)
			}
			s.Message.SetText(s.errorText(err))
			return
		}
		s.throttle.Succeeded()
		s.loggedIn(a)
	})
}
