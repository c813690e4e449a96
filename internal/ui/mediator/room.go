package mediator

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/room"
	"pasapas/internal/visit"
)

// The station's room (issue 14): on the « poste du médiateur », the
// « Maintenant » tab shows every paired kiosk (online or not, what its
// visitor is doing as far as the station heard) and the help requests of
// the whole room with the kiosk's name. « J'arrive » on a kiosk's request
// also tells that kiosk, whose visitor's screen then says so; « Aide
// terminée » tells it too, and its help screen closes.

// RoomStation is what the room view needs of the running station;
// internal/app adapts *station.Station to it.
type RoomStation interface {
	// Kiosks returns the paired kiosks, in pairing order.
	Kiosks() ([]RoomKiosk, error)
	// Send sends a command to one kiosk.
	Send(ctx context.Context, kioskID string, c room.Command) error
	// NewCode opens a pairing code for a new kiosk, with its expiry.
	NewCode() (code string, expires time.Time, err error)
	// Addr is the address kiosks join (host:port).
	Addr() string
}

// RoomKiosk is a paired kiosk as the room view shows it.
type RoomKiosk struct {
	ID, Name string
	Online   bool
}

// Room is the station's room. It is the mediator space's help queue
// (Deps.Queue): the centre's queue, whose requests raised on a kiosk carry
// that kiosk's name and whose « J'arrive » reaches that kiosk. Event and
// SetStation may be called from any goroutine.
type Room struct {
	// Queue is the centre's database, where the station applies the
	// kiosks' events: its OpenHelp holds the whole room's requests.
	Queue visit.Queue
	// VisitKiosk returns the kiosk a visit came from ("" for none), for
	// requests raised before this start (sqlite's RoomVisitKiosk).
	VisitKiosk func(ctx context.Context, visitKey string) (string, error)
	Log        *slog.Logger
	Now        func() time.Time

	mu         sync.Mutex
	station    RoomStation
	failed     error // the station did not start
	kiosks     []RoomKiosk
	kiosksErr  error
	trouble    error               // why the station cannot take the kiosks' events now (RoomTrouble)
	last       map[string]roomNews // by kiosk id: the last event heard since the start
	visitKiosk map[string]string   // visit key → kiosk id ("" for none)
	lags       map[string][]lag    // by kiosk id: how late its last live events came, by its clock
	helpVisit  map[int64]string    // help request id → visit key, of the last OpenHelp
	untold     map[string]bool     // visits whose « J'arrive » did not reach the kiosk

	// Kiosks lists the kiosks (tests read it); Code shows a pairing code.
	Kiosks *fyne.Container
	Code   *widget.Label
	sig    string
	// page is the tab's column; laidOut what it was last laid out for
	// (the kiosks, the help list, the visits).
	page    *fyne.Container
	scroll  *container.Scroll
	laidOut string
}

// roomNews is the last thing a kiosk told the station.
type roomNews struct {
	kind  room.Kind
	heard time.Time // the station's clock
	visit visit.Visit
	help  visit.HelpRequest
}

var _ visit.Queue = (*Room)(nil)

// NewRoom returns the room of a station not started yet (SetStation).
func NewRoom(q visit.Queue, visitKiosk func(context.Context, string) (string, error), log *slog.Logger) *Room {
	if log == nil {
		log = slog.Default()
	}
	return &Room{Queue: q, VisitKiosk: visitKiosk, Log: log, Now: time.Now, last: map[string]roomNews{},
		visitKiosk: map[string]string{}, helpVisit: map[int64]string{}, untold: map[string]bool{}, lags: map[string][]lag{}}
}

// SetStation gives the room its running station, or the reason it did
// not start (st nil).
func (r *Room) SetStation(st RoomStation, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.station, r.failed = st, err
}

// Event notes what a kiosk just sent (the station's OnEvent, after its
// store applied it). It does not block.
func (r *Room) Event(kioskID string, e room.Event) {
	n := roomNews{kind: e.Kind, heard: r.Now(), visit: e.VisitRecord()}
	if h, ok := e.HelpRecord(); ok {
		n.help = h
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.last[kioskID] = n
	r.visitKiosk[e.Visit.Key] = kioskID
	if !e.Past && !e.At.IsZero() {
		ls := append(r.lags[kioskID], lag{heard: n.heard, by: n.heard.Sub(e.At)})
		r.lags[kioskID] = ls[max(0, len(ls)-lagsKept):]
	}
}

// lag is how much later than its kiosk's clock said an event reached the
// station: the network's delay, an outbox emptied after the station was
// away — or a kiosk whose clock is wrong.
type lag struct {
	heard time.Time
	by    time.Duration
}

const (
	lagsKept    = 20
	lagsWindow  = 15 * time.Minute // only events heard this recently tell the clock
	clockTooFar = 2 * time.Minute  // a kiosk's clock this far off is said
)

// clockOff estimates how far a kiosk's clock is from the station's: the
// smallest lag of its events heard lately (an event that waited in the
// outbox only makes the lag larger, so the smallest is the closest to the
// clocks' difference). Positive: the kiosk is behind. ok is false without
// a recent event.
func clockOff(ls []lag, now time.Time) (off time.Duration, ok bool) {
	for _, l := range ls {
		if now.Sub(l.heard) > lagsWindow {
			continue
		}
		if !ok || l.by < off {
			off, ok = l.by, true
		}
	}
	return off, ok
}

// OpenHelp returns the room's open help requests (the centre's queue) and,
// on the way, reads the kiosks' states and which kiosk each request came
// from: it runs off the UI goroutine with every poll.
func (r *Room) OpenHelp(ctx context.Context) ([]visit.Help, error) {
	open, err := r.Queue.OpenHelp(ctx)
	r.mu.Lock()
	st := r.station
	r.mu.Unlock()
	var ks []RoomKiosk
	var kerr, trouble error
	if st != nil {
		ks, kerr = st.Kiosks()
		trouble = stationTrouble(st)
	}
	ids := map[int64]string{}
	found := map[string]string{}
	for _, h := range open {
		ids[h.ID] = h.VisitKey
		r.mu.Lock()
		_, known := r.visitKiosk[h.VisitKey]
		r.mu.Unlock()
		if known || r.VisitKiosk == nil {
			continue
		}
		k, verr := r.VisitKiosk(ctx, h.VisitKey)
		if verr != nil {
			r.Log.Error("room: kiosk of a help request", "visit", h.VisitKey, "err", verr)
			continue
		}
		found[h.VisitKey] = k
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if st != nil {
		r.kiosks, r.kiosksErr, r.trouble = ks, kerr, trouble
	}
	r.helpVisit = ids
	for key, k := range found {
		r.visitKiosk[key] = k
	}
	return open, err
}

// AcknowledgeHelp records « J'arrive » in the centre's queue, then tells
// the kiosk the request came from. A kiosk that could not be told is
// logged and marked on the request; the acknowledgement stands.
func (r *Room) AcknowledgeHelp(ctx context.Context, id, accountID int64, at time.Time) error {
	if err := r.Queue.AcknowledgeHelp(ctx, id, accountID, at); err != nil {
		return err
	}
	r.mu.Lock()
	key := r.helpVisit[id]
	kiosk := r.visitKiosk[key]
	st := r.station
	r.mu.Unlock()
	if kiosk == "" {
		return nil // a request of this PC
	}
	err := errors.New("the station is not running")
	if st != nil {
		err = st.Send(ctx, kiosk, room.Command{Kind: room.HelpSeen, VisitKey: key, At: at})
	}
	r.mu.Lock()
	r.untold[key] = err != nil
	r.mu.Unlock()
	if err != nil {
		r.Log.Error("room: « J'arrive » not sent to the kiosk", "kiosk", kiosk, "visit", key, "err", err)
	}
	return nil
}

// CloseKiosk asks the kiosk kioskID to close Pas à pas (staff maintenance
// of a public PC in full screen, which cannot be closed from its screen).
func (r *Room) CloseKiosk(ctx context.Context, kioskID string, at time.Time) error {
	r.mu.Lock()
	st := r.station
	r.mu.Unlock()
	if st == nil {
		return errors.New("the station is not running")
	}
	return st.Send(ctx, kioskID, room.Command{Kind: room.Quit, At: at})
}

// ResolveHelp records « Aide terminée » in the centre's queue, then tells
// the kiosk the request came from, whose help screen closes — unless the
// visit has another request open (as the last poll saw the queue): that
// one still waits for a mediator. A kiosk that could not be told is
// logged; the resolution stands.
func (r *Room) ResolveHelp(ctx context.Context, id, accountID int64, at time.Time) error {
	if err := r.Queue.ResolveHelp(ctx, id, accountID, at); err != nil {
		return err
	}
	r.mu.Lock()
	key := r.helpVisit[id]
	delete(r.helpVisit, id) // resolved: no longer open, before the next poll too
	kiosk := r.visitKiosk[key]
	st := r.station
	other := false
	for _, k := range r.helpVisit {
		other = other || k == key
	}
	r.mu.Unlock()
	if kiosk == "" || other {
		return nil // a request of this PC, or the visit still waits
	}
	err := errors.New("the station is not running")
	if st != nil {
		err = st.Send(ctx, kiosk, room.Command{Kind: room.HelpDone, VisitKey: key, At: at})
	}
	if err != nil {
		r.Log.Error("room: « Aide terminée » not sent to the kiosk", "kiosk", kiosk, "visit", key, "err", err)
	}
	return nil
}

// roomState is a copy of what the room view draws.
type roomState struct {
	started   bool
	failed    error
	kiosks    []RoomKiosk
	kiosksErr error
	trouble   error
	last      map[string]roomNews
	clock     map[string]time.Duration // kiosks whose clock is off by more than clockTooFar
}

func (r *Room) state() roomState {
	r.mu.Lock()
	defer r.mu.Unlock()
	last := make(map[string]roomNews, len(r.last))
	for k, v := range r.last {
		last[k] = v
	}
	clock := map[string]time.Duration{}
	now := r.Now()
	for id, ls := range r.lags {
		if off, ok := clockOff(ls, now); ok && (off > clockTooFar || off < -clockTooFar) {
			clock[id] = off
		}
	}
	return roomState{started: r.station != nil, failed: r.failed, kiosks: append([]RoomKiosk(nil), r.kiosks...),
		kiosksErr: r.kiosksErr, trouble: r.trouble, last: last, clock: clock}
}

// kioskOf returns the name of the kiosk a visit came from, and whether
// its « J'arrive » did not reach it.
func (r *Room) kioskOf(visitKey string) (name string, untold bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	id := r.visitKiosk[visitKey]
	if id == "" {
		return "", false
	}
	name = id
	for _, k := range r.kiosks {
		if k.ID == id {
			name = k.Name
		}
	}
	return name, r.untold[visitKey]
}

// --- the view, in the « Maintenant » tab ------------------------------------

// room returns the station's room, or nil on a PC that is not a station.
func (s *nowView) room() *Room {
	r, _ := s.Queue.(*Room)
	return r
}

// roomTab is the « Maintenant » tab of a station: the kiosks of the room,
// then the help requests of the whole room, then the day's visits. The
// station has no kiosk of its own: no « Au kiosque » section.
func (s *nowView) roomTab(r *Room) fyne.CanvasObject {
	s.VisitLabel = widget.NewLabel("") // refreshNow's cue; the station's own kiosk is unused
	s.VisitLabel.Hide()
	s.HelpList = container.NewVBox()
	s.VisitsBox = container.NewVBox()
	s.ProblemLabel = widget.NewLabel(s.problem)
	s.ProblemLabel.Wrapping = fyne.TextWrapWord
	s.ProblemLabel.Importance = widget.DangerImportance
	s.ProblemLabel.Hidden = s.problem == ""
	r.Kiosks = container.NewVBox()
	r.Code = widget.NewLabel("")
	r.Code.Wrapping = fyne.TextWrapWord
	r.Code.Hide()
	r.sig = "-"
	pair := widget.NewButtonWithIcon(s.Tr.T("mediator.room.pair"), theme.ContentAddIcon(), s.act(func() { s.newCode(r) }))
	r.page = container.NewVBox(
		s.ProblemLabel, s.VisitLabel,
		widget.NewLabelWithStyle(s.Tr.T("mediator.room.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		r.Kiosks, container.NewHBox(pair), r.Code,
		widget.NewSeparator(),
		widget.NewLabelWithStyle(s.Tr.T("mediator.now.help"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.HelpList,
		widget.NewSeparator(),
		s.VisitsBox,
	)
	r.laidOut = "-"
	r.scroll = container.NewVScroll(r.page)
	s.drawRoom(r)
	return r.scroll
}

// closeKioskButton closes Pas à pas on a public PC, after a second tap
// that names it.
func (s *nowView) closeKioskButton(r *Room, l roomLine) fyne.CanvasObject {
	b := widget.NewButtonWithIcon(s.Tr.T("mediator.room.close"), theme.CancelIcon(), nil)
	b.Importance = widget.LowImportance
	asked := false
	b.OnTapped = s.act(func() {
		if !asked {
			asked = true
			b.SetText(s.Tr.T("mediator.room.close.confirm", "Name", l.name))
			b.Importance = widget.DangerImportance
			b.Refresh()
			return
		}
		b.Disable()
		at := s.Now()
		background(s.Space, func(ctx context.Context) (struct{}, error) {
			return struct{}{}, r.CloseKiosk(ctx, l.kiosk, at)
		}, func(_ struct{}, err error) {
			if err != nil {
				s.notice(s.Tr.T("mediator.room.close.failed", "Name", l.name, "Reason", err.Error()))
				b.Enable()
				return
			}
			s.notice(s.Tr.T("mediator.room.closed", "Name", l.name))
		})
	})
	return b
}

// newCode opens a pairing code off the UI goroutine and shows it.
func (s *nowView) newCode(r *Room) {
	r.mu.Lock()
	st := r.station
	r.mu.Unlock()
	if st == nil {
		s.notice(s.Tr.T("mediator.room.starting"))
		return
	}
	type opened struct {
		code    string
		expires time.Time
	}
	background(s.Space, func(context.Context) (opened, error) {
		code, exp, err := st.NewCode()
		return opened{code, exp}, err
	}, func(o opened, err error) {
		if err != nil {
			s.notice(s.errorText(err))
			return
		}
		r.Code.SetText(s.Tr.T("mediator.room.code", "Code", room.FormatCode(o.code),
			"Time", o.expires.Local().Format("15:04"), "Addr", st.Addr()))
		r.Code.Show()
		s.drawRoom(r)
	})
}

// drawRoom redraws the kiosks' list when what it shows changed.
func (s *nowView) drawRoom(r *Room) {
	if r.Kiosks == nil {
		return
	}
	st := r.state()
	lines := append(s.troubleLines(st), s.roomLines(st)...)
	if sig := fmt.Sprint(lines); sig != r.sig {
		r.sig = sig
		r.Kiosks.Objects = nil
		for _, l := range lines {
			label := widget.NewLabel(l.text)
			label.Wrapping = fyne.TextWrapWord
			label.Importance = l.importance
			if l.kiosk == "" || !l.online {
				r.Kiosks.Add(label)
				continue
			}
			r.Kiosks.Add(container.NewBorder(nil, nil, nil, s.now.closeKioskButton(r, l), label))
		}
		s.themed(r.Kiosks)
	}
	// A list that grew or shrank moves what is below it: the column is
	// laid out again (its parts' own refresh does not tell their parent).
	if all := r.sig + s.helpSig + s.lastVisitsSig + r.Code.Text; all != r.laidOut && r.page != nil {
		r.laidOut = all
		r.page.Refresh()
		r.scroll.Refresh() // its content may be taller or shorter now
	}
}

type roomLine struct {
	text       string
	importance widget.Importance
	kiosk      string // its id; "" for a line about the room
	name       string
	online     bool
}

// roomLines says, for each kiosk: its name, online or not, and the last
// thing it told the station (its visitor's guide and furthest step, a
// help request, a visit ended).
func (s *nowView) roomLines(st roomState) []roomLine {
	switch {
	case st.failed != nil:
		return []roomLine{{text: s.Tr.T("mediator.room.failed", "Reason", st.failed.Error()), importance: widget.DangerImportance}}
	case !st.started:
		return []roomLine{{text: s.Tr.T("mediator.room.starting"), importance: widget.MediumImportance}}
	case st.kiosksErr != nil:
		return []roomLine{{text: s.Tr.T("mediator.room.failed", "Reason", st.kiosksErr.Error()), importance: widget.DangerImportance}}
	case len(st.kiosks) == 0:
		return []roomLine{{text: s.Tr.T("mediator.room.none"), importance: widget.MediumImportance}}
	}
	var out []roomLine
	for _, k := range st.kiosks {
		state, imp := s.Tr.T("mediator.room.offline"), widget.WarningImportance
		if k.Online {
			state, imp = s.Tr.T("mediator.room.online"), widget.MediumImportance
		}
		text := k.Name + " — " + state + " — " + s.newsText(st.last[k.ID])
		if n, ok := st.last[k.ID]; ok && n.kind == room.HelpRaised && n.visit.Ended.IsZero() {
			imp = widget.DangerImportance
		}
		if off, ok := st.clock[k.ID]; ok {
			key := "mediator.room.clock.behind"
			if off < 0 {
				key, off = "mediator.room.clock.ahead", -off
			}
			text += " — " + s.Tr.T(key, "Minutes", int(off.Round(time.Minute)/time.Minute))
			if imp != widget.DangerImportance {
				imp = widget.WarningImportance
			}
		}
		out = append(out, roomLine{text: text, importance: imp, kiosk: k.ID, name: k.Name, online: k.Online})
	}
	return out
}

func (s *nowView) newsText(n roomNews) string {
	if n.heard.IsZero() {
		return s.Tr.T("mediator.room.nonews")
	}
	at := n.heard.Local().Format("15:04")
	v := n.visit
	switch {
	case !v.Ended.IsZero():
		return s.Tr.T("mediator.room.ended", "Time", at)
	case n.kind == room.HelpRaised: // when the visitor asked (the kiosk's clock), as in the help list
		text := s.Tr.T("mediator.room.help", "Time", n.help.Raised.Local().Format("15:04"))
		if n.help.GuideID != "" {
			text += " — " + s.guideTitle(n.help.GuideID)
		}
		if n.help.Step > 0 {
			text += " — " + s.Tr.T("mediator.help.step", "Step", n.help.Step)
		}
		return text
	case v.GuideID == "":
		return s.Tr.T("mediator.room.choosing", "Time", at)
	case v.FurthestStep > 0:
		return s.Tr.T("mediator.room.step", "Guide", s.guideTitle(v.GuideID), "Step", v.FurthestStep,
			"Steps", v.StepCount, "Time", at)
	}
	return s.Tr.T("mediator.room.guide", "Guide", s.guideTitle(v.GuideID), "Time", at)
}

// roomLabel puts the kiosk's name before a help request's text, and says
// when its « J'arrive » did not reach the kiosk.
func (s *nowView) roomLabel(h visit.Help, text string) string {
	r := s.room()
	if r == nil {
		return text
	}
	name, untold := r.kioskOf(h.VisitKey)
	if name == "" {
		return text
	}
	text = name + " — " + text
	if untold && !h.Acknowledged.IsZero() {
		text += " — " + s.Tr.T("mediator.room.untold")
	}
	return text
}
