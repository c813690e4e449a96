package link

import (
	"context"
	"sync/atomic"
)

// A kiosk that was a « poste seul » holds the visits it recorded itself,
// with their help requests, in its own database. Once it is linked, the
// station counts them too: they are queued once (marked in the kiosk's
// database in the same transaction, with ids the station applies once)
// and delivered as every event is. They go a batch at a time when the
// outbox is empty, so a help request raised meanwhile waits for one batch
// at most, not for a year of visits.

// PastVisits is implemented by an Outbox that also holds the visits the
// kiosk recorded before it joined its station (*sqlite.DB).
type PastVisits interface {
	// QueuePastVisits queues up to limit of those visits not queued yet,
	// with their help requests, in the outbox, marking them queued in the
	// same transaction, and returns how many (0: none left).
	QueuePastVisits(ctx context.Context, limit int) (int, error)
}

// pastBatch is how many past visits are queued at a time.
const pastBatch = 25

// past is where the link is in sending the past visits.
type past struct {
	done   atomic.Bool
	queued int // by the sender's goroutine only
}

// queuePast queues the next batch of past visits, if the outbox holds
// them and some are left, and reports whether it queued any. The sender
// calls it when the outbox is empty.
func (l *Link) queuePast(ctx context.Context) bool {
	if l.past.done.Load() {
		return false
	}
	p, ok := l.opts.Outbox.(PastVisits)
	if !ok {
		l.past.done.Store(true)
		return false
	}
	n, err := p.QueuePastVisits(ctx, pastBatch)
	if err != nil {
		l.log.Error("room: the visits recorded before joining are not queued; tried again later", "err", err)
		return false
	}
	if n == 0 {
		l.past.done.Store(true)
		if l.past.queued > 0 {
			l.log.Info("room: the visits recorded before joining are queued for the station", "visits", l.past.queued)
		}
		return false
	}
	l.past.queued += n
	return true
}
