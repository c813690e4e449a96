// Package link is a kiosk's side of the room: it pairs the kiosk with its
// station (Join), then (Open) keeps a TLS connection to it with the
// station's certificate pinned, sends the kiosk's events through an outbox
// so that none is lost or counted twice, reports whether a help request
// reached the station within 2 s, and passes the station's commands
// (« un médiateur a vu votre demande », « fin de visite ») and settings to
// the kiosk.
//
// Delivery: every event is first written to the outbox (the kiosk's
// SQLite, which survives a kill -9 or a power cut), then published to the
// station's JetStream stream with its id as Nats-Msg-Id, and removed from
// the outbox only once the stream acknowledged it (on disk, synced). A
// kiosk that crashed between the ack and the removal publishes it again:
// the stream drops the duplicate within its window, and the station's
// store ignores an event id it already applied. A station that is away
// only delays events: the sender retries every second and as soon as the
// connection comes back.
//
// Wiring, for the UI (poste public):
//
//	l, err := link.Open(dataDir, link.Options{Outbox: db, OnCommand: func(c room.Command) { fyne.Do(…) }})
//	rec := visit.NewRecorder(l.Store(func(delivered bool) { if !delivered { fyne.Do(showNotReceived) } }), onErr)
//	…
//	l.Close()
//
// Clocks: events carry the kiosk's clock (visit times) and the station
// stores them as they are; the station never orders by them across
// kiosks, only within a visit, where one clock wrote them all.
package link

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"pasapas/internal/failure"
	"pasapas/internal/room"
	"pasapas/internal/room/guidefolder"
	"pasapas/internal/visit"
)

// Outbox keeps a kiosk's events until the station has them: *sqlite.DB
// implements it. Each method commits before it returns nil.
type Outbox interface {
	// AddOutbox queues an event.
	AddOutbox(ctx context.Context, o room.Outgoing) error
	// PendingOutbox returns up to limit queued events, oldest first.
	PendingOutbox(ctx context.Context, limit int) ([]room.Outgoing, error)
	// RemoveOutbox forgets a delivered event (no error if it is gone).
	RemoveOutbox(ctx context.Context, id string) error
}

// HelpWait is how long RaiseHelp waits for the station's acknowledgement.
const HelpWait = 2 * time.Second

// Options are what Open needs besides the data folder.
type Options struct {
	Outbox Outbox // required
	// OnCommand receives the station's commands, on a NATS goroutine: it
	// must not block (hand them to the UI with fyne.Do).
	OnCommand func(room.Command)
	Logger    *slog.Logger
	Now       func() time.Time
	// Station overrides link.json's address (tests, or discovery).
	Station string
	// Locate finds the station with this certificate fingerprint on the
	// network (discovery.Locate over mDNS), when its address has not
	// answered for RelocateAfter; nil: only the address in link.json.
	Locate func(ctx context.Context, fingerprint string) (string, error)
	// RelocateAfter overrides the package's RelocateAfter (tests).
	RelocateAfter time.Duration
	// OnSettings receives the centre's settings each time the station
	// publishes new ones (also when they changed while the station was
	// unreachable), on the link's own goroutine, once the guide files
	// they list are in GuidesDir and they are saved (SavedSettings).
	// nil: the link does not follow the settings.
	OnSettings func(room.KioskSettings)
	// GuidesDir is the kiosk's copy of the centre's guide folder
	// (<data>/guides), replaced in one move by the files the station
	// publishes; "" leaves the guide files alone.
	GuidesDir string
}

// Link is a kiosk's open link to its station. Safe for concurrent use.
type Link struct {
	info   Info
	opts   Options
	log    *slog.Logger
	nc     *nats.Conn
	js     jetstream.JetStream
	sub    *nats.Subscription
	kick   chan struct{}
	stop   chan struct{}
	done   chan struct{}
	ctx    context.Context
	cancel context.CancelFunc

	refused atomic.Bool // the station refused the credentials: removed
	past    past        // the visits of its « poste seul » days (past.go)
	mu      sync.Mutex
	waiters map[string]chan struct{}

	dataDir   string
	followed  chan struct{} // closed when the settings' follower stopped (settings.go)
	connected chan struct{} // a connection came: watch the settings now
	setMu     sync.Mutex
	saved     room.KioskSettings // the last settings applied
	savedRaw  []byte             // their wire form, as saved

	closeOnce sync.Once
}

// Open starts the link of a paired kiosk. It returns at once, even if the
// station cannot be reached: the connection is retried in the background
// while events wait in the outbox. ErrNotPaired without Join.
func Open(dataDir string, opts Options) (*Link, error) {
	if opts.Outbox == nil {
		return nil, errors.New("link: Open without an Outbox")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	info, err := Load(dataDir)
	if err != nil {
		return nil, err
	}
	if opts.Station != "" {
		info.Station = opts.Station
	}
	kp, err := loadKey(dataDir)
	if err != nil {
		return nil, err
	}
	pub, err := kp.PublicKey()
	if err != nil {
		return nil, fmt.Errorf("link: kiosk key: %w", err)
	}
	savedRaw, saved, err := readSaved(dataDir)
	if err != nil {
		opts.Logger.Warn("room: the last settings received are not read: the station's next ones replace them", "err", err)
	}
	if opts.GuidesDir != "" {
		if err := guidefolder.Recover(opts.GuidesDir); err != nil {
			opts.Logger.Warn("room: guide folder after an interrupted update", "err", err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	l := &Link{info: info, opts: opts, log: opts.Logger, kick: make(chan struct{}, 1), stop: make(chan struct{}),
		done: make(chan struct{}), ctx: ctx, cancel: cancel, waiters: map[string]chan struct{}{},
		dataDir: dataDir, followed: make(chan struct{}), connected: make(chan struct{}, 1), saved: saved, savedRaw: savedRaw}
	dialer := &stationDialer{dataDir: dataDir, fp: info.Fingerprint, locate: opts.Locate, link: l, now: opts.Now,
		addr: info.Station, lastOK: opts.Now(), after: opts.RelocateAfter}
	if dialer.after <= 0 {
		dialer.after = RelocateAfter
	}
	nc, err := nats.Connect("tls://"+info.Station,
		nats.SetCustomDialer(dialer),
		nats.Secure(room.PinnedTLS(info.Fingerprint)),
		nats.Nkey(pub, kp.Sign),
		nats.CustomInboxPrefix(room.InboxPrefix(info.ID)),
		nats.Name(info.Name),
		nats.RetryOnFailedConnect(true),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.ReconnectJitter(250*time.Millisecond, 250*time.Millisecond),
		nats.Timeout(2*time.Second),
		nats.PingInterval(5*time.Second),
		nats.MaxPingsOutstanding(2),
		nats.ConnectHandler(func(*nats.Conn) { l.wake(); l.wakeSettings() }),
		nats.ReconnectHandler(func(*nats.Conn) { l.refused.Store(false); l.wake(); l.wakeSettings() }),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) { l.noteError(err) }),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				l.noteError(err)
			}
		}),
	)
	if err != nil {
		cancel()
		return nil, fmt.Errorf("link: %w", err)
	}
	l.nc = nc
	if l.js, err = jetstream.New(nc); err != nil {
		nc.Close()
		cancel()
		return nil, fmt.Errorf("link: %w", err)
	}
	if l.sub, err = nc.Subscribe(room.CommandSubject(info.ID), l.command); err != nil {
		nc.Close()
		cancel()
		return nil, fmt.Errorf("link: %w", err)
	}
	go l.run()
	if opts.OnSettings != nil {
		go l.follow()
	} else {
		close(l.followed)
	}
	l.wake()
	return l, nil
}

func (l *Link) noteError(err error) {
	if errors.Is(err, nats.ErrAuthorization) || strings.Contains(strings.ToLower(err.Error()), "authorization violation") {
		l.refused.Store(true)
	}
	l.log.Debug("room: link", "err", err)
}

func (l *Link) command(m *nats.Msg) {
	c, err := room.DecodeCommand(m.Data)
	if err != nil {
		l.log.Warn("room: command ignored", "err", err)
		return
	}
	if l.opts.OnCommand != nil {
		l.opts.OnCommand(c)
	}
}

// Info returns what the kiosk knows of its station.
func (l *Link) Info() Info { return l.info }

// Connected reports whether the link is connected to the station now.
func (l *Link) Connected() bool { return l.nc.IsConnected() }

// Refused reports whether the station refused the kiosk's credentials at
// its last try: it was removed, and must join again.
func (l *Link) Refused() bool { return l.refused.Load() }

// SaveVisit queues the visit as it stands (started, a step reached,
// ended) and returns once it is in the outbox.
func (l *Link) SaveVisit(ctx context.Context, v visit.Visit) error {
	e, err := room.NewVisitEvent(v, l.opts.Now())
	if err != nil {
		return err
	}
	return l.queue(ctx, e)
}

// RaiseHelp queues a help request and waits up to HelpWait for the
// station's acknowledgement: delivered is false when it did not come in
// time (the kiosk says « Le médiateur ne reçoit pas votre demande… »);
// the request stays in the outbox and is delivered when the station
// returns. err is set only when the request could not be queued.
func (l *Link) RaiseHelp(ctx context.Context, v visit.Visit, h visit.HelpRequest) (delivered bool, err error) {
	id, wait, err := l.queueHelp(ctx, v, h)
	if err != nil {
		return false, err
	}
	return l.wait(ctx, id, wait), nil
}

func (l *Link) queueHelp(ctx context.Context, v visit.Visit, h visit.HelpRequest) (string, chan struct{}, error) {
	e, err := room.NewHelpEvent(v, h, l.opts.Now())
	if err != nil {
		return "", nil, err
	}
	ch := make(chan struct{})
	l.mu.Lock()
	l.waiters[e.ID] = ch
	l.mu.Unlock()
	if err := l.queue(ctx, e); err != nil {
		l.forget(e.ID)
		return "", nil, err
	}
	return e.ID, ch, nil
}

func (l *Link) wait(ctx context.Context, id string, ch chan struct{}) bool {
	defer l.forget(id)
	t := time.NewTimer(HelpWait)
	defer t.Stop()
	select {
	case <-ch:
		return true
	case <-t.C:
	case <-ctx.Done():
	case <-l.stop:
	}
	return false
}

func (l *Link) forget(id string) {
	l.mu.Lock()
	delete(l.waiters, id)
	l.mu.Unlock()
}

func (l *Link) queue(ctx context.Context, e room.Event) error {
	b, err := e.Encode()
	if err != nil {
		return err
	}
	if err := l.opts.Outbox.AddOutbox(ctx, room.Outgoing{ID: e.ID, Queued: e.At, Data: b}); err != nil {
		return fmt.Errorf("link: outbox: %w", err)
	}
	l.wake()
	return nil
}

func (l *Link) wake() {
	select {
	case l.kick <- struct{}{}:
	default:
	}
}

// run publishes the outbox whenever woken, and every second while the
// station is away.
func (l *Link) run() {
	defer close(l.done)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-l.kick:
		case <-t.C:
		}
		if l.nc.IsConnected() {
			l.flush()
		}
	}
}

// flush publishes the outbox, oldest first, until it is empty or a
// publish fails (then the next round retries).
func (l *Link) flush() {
	for {
		items, err := l.opts.Outbox.PendingOutbox(l.ctx, 64)
		if err != nil {
			l.log.Error("room: read outbox", "err", err)
			return
		}
		if len(items) == 0 && !l.queuePast(l.ctx) {
			return
		}
		for _, it := range items {
			ctx, cancel := context.WithTimeout(l.ctx, HelpWait)
			_, err := l.js.Publish(ctx, room.EventSubject(l.info.ID), it.Data, jetstream.WithMsgID(it.ID))
			cancel()
			if err != nil {
				l.log.Debug("room: publish; retried later", "event", it.ID, "err", err)
				return
			}
			if err := l.opts.Outbox.RemoveOutbox(l.ctx, it.ID); err != nil {
				// Sent again later: the station ignores the duplicate.
				l.log.Error("room: remove from outbox", "event", it.ID, "err", err)
				return
			}
			l.mu.Lock()
			if ch, ok := l.waiters[it.ID]; ok {
				close(ch)
				delete(l.waiters, it.ID)
			}
			l.mu.Unlock()
		}
	}
}

// Store returns the link as a visit.Store for visit.NewRecorder: visits
// and help requests go to the outbox; after each help request, onHelp (if
// not nil) is told within HelpWait whether the station acknowledged it. It
// runs on its own goroutine.
func (l *Link) Store(onHelp func(delivered bool)) visit.Store {
	return &store{l: l, onHelp: onHelp}
}

type store struct {
	l      *Link
	onHelp func(bool)
}

func (s *store) SaveVisit(ctx context.Context, v visit.Visit) error { return s.l.SaveVisit(ctx, v) }

func (s *store) RaiseHelp(ctx context.Context, v visit.Visit, h visit.HelpRequest) error {
	id, ch, err := s.l.queueHelp(ctx, v, h)
	if err != nil {
		return err
	}
	go func() {
		ok := s.l.wait(context.Background(), id, ch)
		if s.onHelp != nil {
			s.onHelp(ok)
		}
	}()
	return nil
}

// Setting returns a setting the station published (room.SettingsBucket);
// failure.NotFound when it has none.
func (l *Link) Setting(ctx context.Context, key string) ([]byte, error) {
	kv, err := l.js.KeyValue(ctx, room.SettingsBucket)
	if err != nil {
		return nil, fmt.Errorf("link: settings: %w", err)
	}
	e, err := kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return nil, failure.New(failure.NotFound, "setting "+key, err)
	}
	if err != nil {
		return nil, fmt.Errorf("link: setting %s: %w", key, err)
	}
	return e.Value(), nil
}

// Close stops the sender and closes the connection. Events not delivered
// stay in the outbox for the next Open.
func (l *Link) Close() error {
	l.closeOnce.Do(func() {
		close(l.stop)
		l.cancel()
		<-l.done
		<-l.followed
		l.nc.Close()
	})
	return nil
}
