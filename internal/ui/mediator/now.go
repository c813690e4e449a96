package mediator

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/guide"
	"pasapas/internal/locale"
	"pasapas/internal/visit"
)

// nowTab shows the visit going on at the kiosk and the help queue.
func (s *nowView) nowTab() fyne.CanvasObject {
	if r := s.now.room(); r != nil { // a station: the room's kiosks (room.go)
		return s.now.roomTab(r)
	}
	s.VisitLabel = widget.NewLabel("")
	s.VisitLabel.Wrapping = fyne.TextWrapWord
	end := widget.NewButtonWithIcon(s.Tr.T("mediator.now.end"), theme.CancelIcon(), s.act(func() {
		if s.EndVisit != nil {
			s.EndVisit()
		}
		s.now.refreshNow()
	}))
	s.HelpList = container.NewVBox()
	s.VisitsBox = container.NewVBox()
	s.ProblemLabel = widget.NewLabel(s.problem)
	s.ProblemLabel.Wrapping = fyne.TextWrapWord
	s.ProblemLabel.Importance = widget.DangerImportance
	s.ProblemLabel.Hidden = s.problem == ""
	return container.NewVScroll(container.NewVBox(
		s.ProblemLabel,
		widget.NewLabelWithStyle(s.Tr.T("mediator.now.visit"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.VisitLabel, container.NewHBox(end),
		widget.NewSeparator(),
		widget.NewLabelWithStyle(s.Tr.T("mediator.now.help"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.HelpList,
		widget.NewSeparator(),
		s.VisitsBox,
	))
}

// refreshNow redraws the current visit now and polls the queue and visits.
func (s *nowView) refreshNow() {
	if s.VisitLabel == nil {
		return
	}
	s.VisitLabel.SetText(s.now.visitText())
	s.now.poll()
}

// nowData is what the « Maintenant » tab shows from storage.
type nowData struct {
	help    []visit.Help
	visits  []visit.Visit
	logged  map[string]bool // visit keys already logged as accompaniments
	visitOK bool            // visits were read
	err     error           // reading the visits failed
}

// readNow runs off the UI goroutine.
func (s *nowView) readNow(ctx context.Context, withVisits bool) (nowData, error) {
	var d nowData
	var err error
	if d.help, err = s.Queue.OpenHelp(ctx); err != nil {
		return d, err
	}
	if withVisits && s.Visits != nil {
		d.visits, d.logged, d.err = s.now.readVisits(ctx)
		d.visitOK = true
	}
	return d, nil
}

// drawNow redraws the help queue and the visits, each only when it
// changed: a button rebuilt under the mediator's finger would lose the tap.
func (s *nowView) drawNow(d nowData) {
	if s.HelpList != nil {
		if sig := fmt.Sprint(d.help); sig != s.helpSig {
			s.helpSig = sig
			s.now.drawHelp(d.help)
		}
	}
	if s.VisitsBox != nil && d.visitOK {
		if sig := fmt.Sprint(d.visits, d.logged, d.err); sig != s.lastVisitsSig {
			s.lastVisitsSig = sig
			s.VisitsBox.Objects = []fyne.CanvasObject{s.now.visitsBox(d)}
			s.themed(s.VisitsBox)
		}
	}
	if r := s.now.room(); r != nil {
		s.now.drawRoom(r)
	}
}

func (s *nowView) drawHelp(open []visit.Help) {
	s.HelpList.Objects = nil
	if len(open) == 0 {
		s.HelpList.Add(widget.NewLabel(s.Tr.T("mediator.now.nohelp")))
	}
	for _, h := range open {
		s.HelpList.Add(s.now.helpRow(h))
	}
	s.themed(s.HelpList)
}

// visitText describes the kiosk visit: guide, the step really on the
// visitor's screen, time spent, language, whether help waits.
func (s *nowView) visitText() string {
	p := s.Kiosk.Position()
	if !p.Active() {
		return s.Tr.T("mediator.now.novisit")
	}
	minutes := int(s.Now().Sub(p.Started) / time.Minute)
	var text string
	switch {
	case p.GuideID == "":
		text = s.Tr.T("mediator.now.choosing", "Ago", s.minutes("mediator.now.ago", minutes))
	case p.Step > 0:
		text = s.Tr.T("mediator.now.guide", "Guide", s.guideTitle(p.GuideID), "Step", p.Step,
			"Steps", p.Steps, "Since", s.minutes("mediator.now.since", minutes))
	default:
		text = s.Tr.T("mediator.now.screen", "Guide", s.guideTitle(p.GuideID),
			"Screen", s.Tr.T("mediator.now.screen."+string(p.Screen)), "Since", s.minutes("mediator.now.since", minutes))
	}
	text += " — " + s.Tr.T("mediator.now.lang", "Lang", s.languageName(p.Lang))
	if p.HelpWaiting {
		text += " — " + s.Tr.T("mediator.now.helpwaiting")
	}
	return text
}

// minutes says how long ago (id "mediator.now.ago") or for how long
// ("mediator.now.since"): its ".none" form under a minute (« à l'instant »,
// never « il y a 0 min »).
func (s *nowView) minutes(id string, n int) string {
	if n < 1 {
		return s.Tr.T(id + ".none")
	}
	return s.Tr.T(id, "Minutes", n)
}

// languageName names a visitor's language in the staff's language
// (« arabe », not « ar » nor « العربية », which a mediator may not read);
// a code the program does not know is shown as it is.
func (s *nowView) languageName(code string) string {
	for _, l := range locale.Known() {
		if l.Code == code {
			return s.Tr.T("mediator.lang." + code)
		}
	}
	return code
}

func (s *Space) guideTitle(id string) string {
	if g := s.Library.ByID(id); g != nil {
		return guide.Plain(g.In(s.Tr.Lang().Code).Title)
	}
	return id
}

// helpRow is one help request with its actions.
func (s *nowView) helpRow(h visit.Help) fyne.CanvasObject {
	text := s.Tr.T("mediator.help.raised", "Time", h.Raised.Local().Format("15:04"))
	if h.GuideID != "" {
		text += " — " + s.guideTitle(h.GuideID)
	}
	if h.Step > 0 {
		text += " — " + s.Tr.T("mediator.help.step", "Step", h.Step)
	}
	text = s.now.roomLabel(h, text) // the kiosk's name, on a station
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	var actions []fyne.CanvasObject
	if h.Acknowledged.IsZero() {
		label.Importance = widget.DangerImportance
		ack := widget.NewButtonWithIcon(s.Tr.T("mediator.help.ack"), theme.VisibilityIcon(), s.act(func() {
			if h.ID == memoryHelp {
				s.memoryAck = h.VisitKey
				s.now.refreshNow()
				return
			}
			s.now.queueAction(func(ctx context.Context) error {
				return s.Queue.AcknowledgeHelp(ctx, h.ID, s.user.ID, s.Now())
			})
		}))
		ack.Importance = widget.HighImportance
		actions = append(actions, ack)
	} else {
		label.SetText(text + " — " + s.Tr.T("mediator.help.coming"))
	}
	resolve := widget.NewButtonWithIcon(s.Tr.T("mediator.help.resolve"), theme.ConfirmIcon(), s.act(func() {
		// The visitor was helped: their visit ends for inactivity as usual again.
		if v, ok := s.Kiosk.Visit(); ok && v.Key == h.VisitKey {
			s.Kiosk.HelpAnswered()
		}
		if h.ID == memoryHelp {
			s.now.refreshNow()
			return
		}
		s.now.queueAction(func(ctx context.Context) error {
			return s.Queue.ResolveHelp(ctx, h.ID, s.user.ID, s.Now())
		})
	}))
	actions = append(actions, resolve)
	return container.NewBorder(nil, nil, nil, container.NewHBox(actions...), label)
}

// queueAction acknowledges or resolves a help request off the UI
// goroutine, then polls again.
func (s *nowView) queueAction(fn func(context.Context) error) {
	if s.user == nil {
		return
	}
	background(s.Space, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, fn(ctx)
	}, func(_ struct{}, err error) {
		if err != nil {
			s.Log.Error("help queue", "err", err)
			s.notice(s.errorText(err))
		}
		s.now.refreshNow()
	})
}

// memoryHelp is the id of a help request known only from the kiosk's
// memory (its record could not be written: a full disk, a damaged
// database).
const memoryHelp = -1

// withKioskHelp adds the help request of the visit going on at this PC's
// kiosk when storage does not have it: help reaches the mediator's screen
// and chime without depending on a write to disk.
func (s *nowView) withKioskHelp(stored []visit.Help) []visit.Help {
	if s.Kiosk == nil {
		return stored
	}
	p := s.Kiosk.Position()
	if !p.Active() || !p.HelpWaiting {
		return stored
	}
	for _, h := range stored {
		if h.VisitKey == p.VisitKey {
			return stored
		}
	}
	h := visit.Help{ID: memoryHelp, VisitKey: p.VisitKey, Raised: p.Since, GuideID: p.GuideID, Step: p.Step, Screen: p.Screen}
	if s.memoryAck == p.VisitKey {
		h.Acknowledged = p.Since
	}
	return append(stored, h)
}
