package mediator

import (
	"context"
	"time"

	"pasapas/internal/visit"
)

func (s *Space) StartTimer() {
	if s.stop != nil {
		return
	}
	s.stop = make(chan struct{})
	stop := s.stop
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				s.post(s.Tick)
			}
		}
	}()
}

func (s *Space) Tick() {
	if s.user != nil && s.lock.Locked(s.Now()) {
		s.lockNow()
		return
	}
	s.followLook() // the kiosk's high contrast, if the centre asks
	if s.VisitLabel != nil && s.user != nil {
		s.VisitLabel.SetText(s.now.visitText()) // the kiosk's state, in memory
	}
	s.now.poll()
}

func (s *nowView) poll() {
	if s.polling {
		return
	}
	s.polling = true
	withVisits := s.user != nil && !s.paused && s.VisitsBox != nil
	background(s.Space, func(ctx context.Context) (nowData, error) {
		return s.now.readNow(ctx, withVisits)
	}, func(d nowData, err error) {
		s.polling = false
		if err != nil {
			// The disk may be full or the database damaged: the help
			// request still reaches the mediator through memory below.
			s.Log.Error("help queue", "err", err)
		}
		d.help = s.now.carryMemory(s.now.withKioskHelp(d.help))
		s.now.announce(d.help)
		if s.user != nil && !s.paused {
			s.now.drawNow(d)
		}
	})
}

func (s *nowView) announce(open []visit.Help) {
	fresh := false
	for _, h := range open {
		if h.ID == memoryHelp {
			if !s.memoryKeys[h.VisitKey] {
				s.memoryKeys[h.VisitKey] = true
				fresh = true
			}
			continue
		}
		if !s.seen[h.ID] {
			s.seen[h.ID] = true
			fresh = true
		}
	}
	if fresh && s.Chime != nil {
		go func() {
			if err := s.Chime(); err != nil {
				s.Log.Warn("help chime", "err", err)
			}
		}()
	}
}

// carryMemory: a help request first known only from the kiosk's memory
// (storage refused it) and now recorded, because storage works again, is
// the same request — it does not ring again, and if a mediator already
// said « J'arrive » the record gets it too.
func (s *nowView) carryMemory(open []visit.Help) []visit.Help {
	for i, h := range open {
		if h.ID == memoryHelp || !s.memoryKeys[h.VisitKey] {
			continue
		}
		s.seen[h.ID] = true
		if s.memoryAck == h.VisitKey && h.Acknowledged.IsZero() && s.user != nil {
			s.memoryAck = ""
			open[i].Acknowledged = s.Now()
			id, by, at := h.ID, s.user.ID, s.Now()
			s.now.queueAction(func(ctx context.Context) error { return s.Queue.AcknowledgeHelp(ctx, id, by, at) })
		}
	}
	return open
}
