package mediator

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/room"
)

// Roles is what a PC is in its centre's room, and how it becomes another:
// « poste seul » (the kiosk and the mediator space on one PC), « poste du
// médiateur » (the station that receives the room's public PCs) or
// « poste public » (a kiosk paired with the station). The program starts
// again in its new role after a change.
type Roles interface {
	// Role is "alone", "station" or "public".
	Role() string
	// MakeStation makes this PC the mediator's station.
	MakeStation(ctx context.Context) error
	// Stations lists the stations that answer on the local network.
	Stations(ctx context.Context) ([]FoundStation, error)
	// Join pairs this PC with the station at addr (host:port) with the code
	// it shows, under name. Its errors wrap room's (ErrWrongCode…), or
	// ErrStationAway when nothing answered.
	Join(ctx context.Context, addr, code, name string) error
	// Restart starts the program again (in its new role).
	Restart()
}

// FoundStation is a station seen on the network.
type FoundStation struct{ Name, Addr string }

// ErrStationAway: no station answered at the address given.
var ErrStationAway = errors.New("no station answered at this address")

// ErrNotTheStation: the machine that answered did not prove it knows the
// code (another machine answering in the station's place).
var ErrNotTheStation = errors.New("the machine that answered is not the station")

// The roles, as Roles.Role says them.
const (
	RoleAlone   = "alone"
	RoleStation = "station"
	RolePublic  = "public"
)

// rolePage is the installation's first question: what this PC is. A
// « poste seul » or a station goes on to the coordinator's account; a
// « poste public » is paired with the station and needs no account.
func (s *doorView) rolePage() {
	tr := s.Tr
	choice := func(title, what string, tap func()) fyne.CanvasObject {
		b := widget.NewButton(title, s.act(tap))
		b.Importance = widget.HighImportance
		b.Alignment = widget.ButtonAlignLeading
		return container.NewVBox(b, wrapped(what))
	}
	s.RoleButtons = nil
	alone := choice(tr.T("role.alone"), tr.T("role.alone.what"), s.door.showFirstAccount)
	station := choice(tr.T("role.station"), tr.T("role.station.what"), func() { s.door.becomeStation(s.door.showFirstAccount) })
	public := choice(tr.T("role.public"), tr.T("role.public.what"), func() { s.door.joinPage(s.door.rolePage) })
	for _, c := range []fyne.CanvasObject{alone, station, public} {
		s.RoleButtons = append(s.RoleButtons, c.(*fyne.Container).Objects[0].(*widget.Button))
	}
	form := container.NewVBox(bold(tr.T("role.title")), wrapped(tr.T("role.intro")), alone, station, public, s.Message)
	s.setContent(container.NewVScroll(container.NewCenter(container.NewGridWrap(fyne.NewSize(620, 640), form))))
}

// becomeStation makes this PC the station, then goes on with next (the
// coordinator's account at the installation); the program starts again
// as the station once the installation is finished.
func (s *doorView) becomeStation(next func()) {
	s.Message.SetText(s.Tr.T("work.loading"))
	background(s.Space, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.Roles.MakeStation(ctx)
	}, func(_ struct{}, err error) {
		if err != nil {
			s.Message.SetText(s.Tr.T("role.station.failed", "Reason", s.errorText(err)))
			return
		}
		s.Message.SetText("")
		s.restartAfter = true
		next()
	})
}

// joinPage pairs this PC with the mediator's station: the stations found
// on the network (or an address typed), the code the station shows, this
// PC's name in the room. back returns to where the page was opened.
func (s *doorView) joinPage(back func()) {
	tr := s.Tr
	addr, code, name := field(60), field(room.CodeLength+4), field(40)
	addr.SetPlaceHolder(tr.T("role.join.addr.hint"))
	code.SetPlaceHolder("ABCDE-12345")
	name.SetPlaceHolder(tr.T("role.join.name.hint"))
	found := widget.NewLabel(tr.T("role.join.searching"))
	found.Wrapping = fyne.TextWrapWord
	list := container.NewVBox()
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	msg.Importance = widget.DangerImportance
	var search func()
	search = func() {
		found.SetText(tr.T("role.join.searching"))
		background(s.Space, s.Roles.Stations, func(stations []FoundStation, err error) {
			list.Objects = nil
			switch {
			case err != nil && len(stations) == 0:
				found.SetText(tr.T("role.join.notfound"))
			case len(stations) == 0:
				found.SetText(tr.T("role.join.none"))
			default:
				found.SetText(tr.N("role.join.found", len(stations)))
			}
			for _, st := range stations {
				list.Add(widget.NewButtonWithIcon(st.Name+" — "+st.Addr, theme.ComputerIcon(), s.act(func() { addr.SetText(st.Addr) })))
			}
			s.themed(list)
		})
	}
	again := widget.NewButtonWithIcon(tr.T("role.join.search"), theme.SearchIcon(), s.act(search))
	var join *widget.Button
	join = widget.NewButtonWithIcon(tr.T("role.join.submit"), theme.ConfirmIcon(), s.act(func() {
		a, c, n := strings.TrimSpace(addr.Text), code.Text, strings.TrimSpace(name.Text)
		switch _, ok := room.NormalizeCode(c); {
		case a == "" || n == "":
			msg.SetText(tr.T("role.join.missing"))
			return
		case !ok:
			msg.SetText(tr.T("role.join.error.wrong"))
			return
		case !room.ValidKioskName(n):
			msg.SetText(tr.T("role.join.error.badname"))
			return
		}
		join.Disable()
		msg.Importance = widget.MediumImportance
		msg.SetText(tr.T("role.join.working"))
		background(s.Space, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, s.Roles.Join(ctx, a, c, n)
		}, func(_ struct{}, err error) {
			join.Enable()
			if err != nil {
				msg.Importance = widget.DangerImportance
				msg.SetText(s.door.joinError(err))
				return
			}
			msg.Importance = widget.SuccessImportance
			msg.SetText(tr.T("role.join.done"))
			s.Roles.Restart()
		})
	}))
	join.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(tr.T("journal.form.cancel"), theme.NavigateBackIcon(), s.act(back))
	s.JoinFields, s.JoinSubmit = []*widget.Entry{&addr.Entry, &code.Entry, &name.Entry}, join
	form := container.NewVBox(bold(tr.T("role.join.title")), wrapped(tr.T("role.join.intro")),
		container.NewBorder(nil, nil, nil, again, found), list,
		labelled(tr, "role.join.addr", addr), labelled(tr, "role.join.code", code), labelled(tr, "role.join.name", name),
		container.NewHBox(join, cancel), msg)
	s.setContent(container.NewVScroll(container.NewCenter(container.NewGridWrap(fyne.NewSize(620, 640), form))))
	search()
}

// joinError words why the pairing failed.
func (s *doorView) joinError(err error) string {
	for _, e := range []struct {
		err error
		id  string
	}{
		{room.ErrWrongCode, "role.join.error.wrong"}, {room.ErrCodeExpired, "role.join.error.expired"},
		{room.ErrCodeBurnt, "role.join.error.burnt"}, {room.ErrNoCode, "role.join.error.nocode"},
		{room.ErrNameTaken, "role.join.error.name"}, {ErrStationAway, "role.join.error.away"},
		{ErrNotTheStation, "role.join.error.notstation"},
	} {
		if errors.Is(err, e.err) {
			return s.Tr.T(e.id)
		}
	}
	return s.Tr.T("role.join.error.other", "Reason", s.errorText(err))
}

// roleSettings is the settings' section on this PC's role: what it is,
// and for a « poste seul » how to become the station or a public PC.
func (s *adminView) roleSettings() []fyne.CanvasObject {
	tr := s.Tr
	if s.Roles == nil {
		return nil
	}
	out := []fyne.CanvasObject{widget.NewSeparator(), bold(tr.T("role.settings.title")),
		wrapped(tr.T("role.settings.is." + s.Roles.Role()))}
	if s.Roles.Role() != RoleAlone {
		return out
	}
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	confirm := widget.NewButtonWithIcon(tr.T("role.settings.station.confirm"), theme.WarningIcon(), nil)
	confirm.Importance = widget.DangerImportance
	confirm.Hide()
	confirm.OnTapped = s.act(func() {
		confirm.Disable()
		background(s.Space, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, s.Roles.MakeStation(ctx)
		}, func(_ struct{}, err error) {
			confirm.Enable()
			if err != nil {
				msg.SetText(tr.T("role.station.failed", "Reason", s.errorText(err)))
				return
			}
			s.Roles.Restart()
		})
	})
	station := widget.NewButtonWithIcon(tr.T("role.settings.station"), theme.ComputerIcon(), s.act(confirm.Show))
	join := widget.NewButtonWithIcon(tr.T("role.settings.public"), theme.ComputerIcon(), s.act(func() {
		s.paused = true // a page is open: the Now tab waits
		s.door.joinPage(s.showHome)
	}))
	s.RoleStation, s.RoleStationConfirm, s.RoleJoin = station, confirm, join
	return append(out, wrapped(tr.T("role.settings.change")), container.NewHBox(station, confirm), join, msg)
}
