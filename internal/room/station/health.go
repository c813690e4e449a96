package station

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"

	"pasapas/internal/failure"
	"pasapas/internal/room"
)

// A station's disk may fill up under it. Kiosks lose nothing then — an
// event leaves a kiosk's outbox only once the station's stream stored it,
// and leaves the stream only once the centre's store applied it — but the
// station must heal once there is room again, and say meanwhile that the
// kiosks' events wait.
//
// Two stores can fail:
//
//   - JetStream's (<data>/station/jetstream). A write that fails (no space
//     left) leaves its stream refusing every write until its files are
//     read again: the server never tries again by itself. The kiosks'
//     publishes get no acknowledgement and their events stay in their
//     outboxes. The station checks the server's health every healthEvery;
//     while a store is broken it tries to write probeBytes in the store's
//     folder, and once that works it starts JetStream again from its files
//     (ShutdownJetStream, EnableJetStream) and consumes again. A start
//     that does not heal it (a stream not read back) is tried again
//     later, twice as late each time, up to maxBackoff.
//   - The centre's database. An event it refuses is put back in the stream
//     (applied again 2 s later, see apply); nothing else to heal.
//
// Either way Problem says so until it ends, for the mediator's room.

const (
	healthEvery = 2 * time.Second
	probeBytes  = 1 << 20 // room the store's folder must have before JetStream starts again
	maxBackoff  = 5 * time.Minute
	probeFile   = ".pasapas-space-probe"
	// stationConsumer is the durable consumer that applies the events.
	stationConsumer = "station"
)

// ErrStreamStore wraps the reason the station's JetStream store cannot
// write: the kiosks' events wait in their outboxes.
var ErrStreamStore = errors.New("station: the store of the kiosks' events cannot write; they wait on the kiosks")

// ErrEventStore wraps the reason the centre's store refused the last
// event: the kiosks' events wait in the station's stream.
var ErrEventStore = errors.New("station: the centre's database refused the kiosks' events; they wait in the station")

// health is what the station knows of its two stores.
type health struct {
	jsc server.JetStreamConfig // to start JetStream again as Open started it
	dir string                 // JetStream's folder, where space is probed

	mu     sync.Mutex
	stream error // the JetStream store's write error; nil when it works
	store  error // the centre's store's last refusal; nil after an event applied

	// Starts again that did not heal the store are tried less and less
	// often (by the watcher's goroutine only).
	backoff   time.Duration
	nextStart time.Time

	started bool // watchStorage runs
	stop    chan struct{}
	done    chan struct{}
}

func newHealth(o *server.Options) *health {
	return &health{
		jsc: server.JetStreamConfig{StoreDir: o.StoreDir, SyncAlways: o.SyncAlways, SyncInterval: o.SyncInterval,
			Strict: !o.NoJetStreamStrict, MaxMemory: o.JetStreamMaxMemory, MaxStore: o.JetStreamMaxStore,
			Domain: o.JetStreamDomain, CompressOK: true, UniqueTag: o.JetStreamUniqueTag},
		dir:  o.StoreDir,
		stop: make(chan struct{}),
		done: make(chan struct{}),
	}
}

// applied notes whether the store took an event (apply).
func (h *health) applied(err error) {
	h.mu.Lock()
	h.store = err
	h.mu.Unlock()
}

// Problem returns why the station cannot take its kiosks' events now, or
// nil: ErrStreamStore (its JetStream store cannot write; failure.DiskFull
// when the disk is full) or ErrEventStore (the centre's database refused
// the last event, with that error's kind). Both clear by themselves once
// storage works again; nothing is lost meanwhile.
func (st *Station) Problem() error {
	if st.health == nil {
		return nil
	}
	h := st.health
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.stream != nil:
		return h.stream
	case h.store != nil:
		kind := failure.KindOf(h.store)
		return failure.New(kind, "apply kiosk events", fmt.Errorf("%w: %w", ErrEventStore, h.store))
	}
	return nil
}

// watchStorage checks the JetStream store every healthEvery until Close
// (stopWatching), and starts it again when it broke and there is room
// again.
func (st *Station) watchStorage() {
	h := st.health
	h.started = true
	go st.checkStorage()
}

func (st *Station) checkStorage() {
	h := st.health
	defer close(h.done)
	t := time.NewTicker(healthEvery)
	defer t.Stop()
	for {
		select {
		case <-h.stop:
			return
		case <-t.C:
		}
		st.checkStream()
	}
}

// checkStream notes whether the JetStream store works and, when it does
// not and there is room again, starts it again.
func (st *Station) checkStream() {
	h := st.health
	broken := streamTrouble(st.srv)
	if broken == nil {
		h.set(nil)
		h.backoff = 0
		return
	}
	if err := probeSpace(h.dir); err != nil {
		h.set(failure.FromFS("store kiosk events", fmt.Errorf("%w: %w", ErrStreamStore, err)))
		st.log.Debug("room: still no room for JetStream", "err", err)
		return
	}
	h.set(withKind(fmt.Errorf("%w: %w", ErrStreamStore, broken)))
	if time.Now().Before(h.nextStart) {
		return // a start again that did not heal it: wait longer each time
	}
	st.log.Warn("room: the store of kiosk events could not write; there is room again: starting it again", "err", broken)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := st.restartJetStream(ctx)
	if err == nil {
		if broken = streamTrouble(st.srv); broken == nil {
			h.set(nil)
			h.backoff = 0
			st.log.Info("room: the store of kiosk events works again")
			return
		}
		err = broken
	}
	h.backoff = min(max(2*h.backoff, healthEvery), maxBackoff)
	h.nextStart = time.Now().Add(h.backoff)
	st.log.Error("room: the store of kiosk events still does not work; tried again later", "in", h.backoff, "err", err)
}

func (h *health) set(stream error) {
	h.mu.Lock()
	h.stream = stream
	h.mu.Unlock()
}

// streamTrouble returns what the server's health check says is wrong with
// JetStream (not running, a stream that cannot write), or nil.
func streamTrouble(srv *server.Server) error {
	hs := srv.Healthz(&server.HealthzOptions{Details: true})
	var errs []error
	for _, e := range hs.Errors {
		errs = append(errs, errors.New(e.Error))
	}
	if len(errs) == 0 && hs.Error != "" {
		errs = append(errs, errors.New(hs.Error))
	}
	return errors.Join(errs...)
}

// withKind gives a store error its kind: a server's « no space left »
// reaches us as text only.
func withKind(err error) error {
	if strings.Contains(err.Error(), "no space left") {
		return failure.New(failure.DiskFull, "store kiosk events", err)
	}
	return failure.New(failure.Internal, "store kiosk events", err)
}

// probeSpace writes probeBytes to a file of dir, syncs and removes it.
func probeSpace(dir string) (err error) {
	path := filepath.Join(dir, probeFile)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		err = errors.Join(err, os.Remove(path))
	}()
	_, err = f.Write(make([]byte, probeBytes))
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}

// restartJetStream stops JetStream, starts it again from its files and
// consumes the events stream again. The streams, the buckets and the
// durable consumer are read back from disk as at a start; an event the
// consumer had not acknowledged comes again (the store ignores it).
func (st *Station) restartJetStream(ctx context.Context) error {
	if err := st.srv.ShutdownJetStream(); err != nil {
		return fmt.Errorf("stop JetStream: %w", err)
	}
	jsc := st.health.jsc // EnableJetStream changes what it is given
	if err := st.srv.EnableJetStream(&jsc); err != nil {
		return fmt.Errorf("start JetStream: %w", err)
	}
	// Never create the stream here: one that was not read back from its
	// files would start empty over them.
	s, err := st.js.Stream(ctx, room.EventsStream)
	if err != nil {
		return fmt.Errorf("the events stream was not read back: %w", err)
	}
	cons, err := s.Consumer(ctx, stationConsumer)
	if err != nil {
		return fmt.Errorf("the station's consumer was not read back: %w", err)
	}
	if st.cons != nil {
		st.cons.Stop()
	}
	if st.cons, err = cons.Consume(st.apply, jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
		st.log.Debug("room: consumer", "err", err)
	})); err != nil {
		return fmt.Errorf("consume: %w", err)
	}
	return nil
}

// stopWatching stops watchStorage and waits for it (before Close drains
// the consumer it may have replaced).
func (h *health) stopWatching() {
	if h == nil {
		return
	}
	close(h.stop)
	if h.started {
		<-h.done
	}
}
