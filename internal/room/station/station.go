// Package station runs the mediator's station of a room: an embedded NATS
// server with JetStream, listening over TLS with a self-signed certificate
// that paired kiosks pin, letting in only the kiosks it paired (see
// package room for the pairing and the subjects), and applying every kiosk
// event once to the centre's store.
//
// The embedded server (github.com/nats-io/nats-server/v2, ~14 MB in a
// stripped binary) is imported by this package only, so a build that is
// never a station can leave it out with a build tag on its importers.
//
// Life of a station:
//
//	cfg, err := station.Init(dataDir, "0.0.0.0:4737", "Accueil")  // once (pasapasctl station init)
//	st, err := station.Open(ctx, dataDir, station.Options{Store: db}) // at start
//	code, expires, err := st.NewCode()     // shown to the mediator
//	st.Kiosks()                             // the room, online or not
//	st.Send(ctx, kioskID, room.Command{…})  // « j'arrive », « fin de visite »
//	st.RemoveKiosk("Poste 2")               // its credentials refused from now on
//	st.Close()
package station

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"pasapas/internal/room"
)

// Store is where the station applies kiosk events: the centre's database
// (*sqlite.DB implements it). ApplyRoomEvent must be idempotent by e.ID —
// an event may come twice (a kiosk that did not hear the ack publishes
// again after the stream's duplicate window; the station may crash between
// applying and acknowledging) and must count once — and must commit before
// it returns nil.
type Store interface {
	ApplyRoomEvent(ctx context.Context, kioskID string, e room.Event) error
}

// Options are what Open needs besides the data folder.
type Options struct {
	Store  Store        // required
	Logger *slog.Logger // default: discard
	Now    func() time.Time
	// OnEvent is called after the store applied an event (the mediator's
	// screen refreshes, the chime rings for a help request). It runs on
	// the consumer's goroutine: it must not block.
	OnEvent func(kioskID string, e room.Event)
	// Listen overrides station.json's address (tests).
	Listen string
}

// Station is a running station. Its methods are safe for concurrent use.
type Station struct {
	dataDir string
	cfg     Config
	opts    Options
	log     *slog.Logger
	fp      string
	srv     *server.Server
	nc      *nats.Conn // the station's own in-process admin connection
	fedConn *nats.Conn // its federation client, in the FED account (hub.go)
	js      jetstream.JetStream
	kv      jetstream.KeyValue
	guides  jetstream.ObjectStore // the centre's own guide files (publish.go)
	pubMu   sync.Mutex            // one PublishKiosk at a time
	reg     *registry
	codes   *room.Codes
	auth    *authenticator
	cons    jetstream.ConsumeContext
	subs    []*nats.Subscription
	health  *health // its stores' troubles (health.go)

	closeOnce sync.Once
	closeErr  error
}

// Open starts the station of dataDir: the server on its address, the
// JetStream stream of kiosk events, the settings bucket and the guides
// object store in <data>/station/jetstream, the consumer applying events
// to opts.Store, the pairing and admin services. It writes the address it
// listens on to <data>/station/running.addr for pasapasctl. ErrNotStation
// without Init.
func Open(ctx context.Context, dataDir string, opts Options) (*Station, error) {
	if opts.Store == nil {
		return nil, errors.New("station: Open without a Store")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	cfg, err := LoadConfig(dataDir)
	if err != nil {
		return nil, err
	}
	if opts.Listen != "" {
		cfg.Listen = opts.Listen
	}
	cert, fp, err := loadCertificate(dataDir)
	if err != nil {
		return nil, err
	}
	reg, err := openRegistry(dataDir)
	if err != nil {
		return nil, err
	}
	kp, err := adminKeyPair(dataDir)
	if err != nil {
		return nil, err
	}
	host, portStr, err := net.SplitHostPort(cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("station: listen address %q: %w", cfg.Listen, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, fmt.Errorf("station: listen port %q: %w", portStr, err)
	}
	if port == 0 {
		port = server.RANDOM_PORT
	}
	st := &Station{dataDir: dataDir, cfg: cfg, opts: opts, log: opts.Logger, fp: fp, reg: reg,
		codes: &room.Codes{Now: opts.Now}}
	st.auth = &authenticator{admin: cfg.AdminKey, reg: reg, codes: st.codes, log: st.log, conns: map[string]map[uint64]bool{}}
	sopts := &server.Options{
		ServerName:                 "pasapas-" + fp[:16], // unique: a hub refuses two leaves of one name
		Host:                       host,
		Port:                       port,
		NoSigs:                     true,
		NoLog:                      true,
		JetStream:                  true,
		StoreDir:                   filepath.Join(Dir(dataDir), storeFolder),
		SyncAlways:                 true, // a publish ack means on disk, as SQLite's synchronous=FULL
		JetStreamMaxStore:          1 << 30,
		JetStreamMaxMemory:         64 << 20,
		TLSConfig:                  &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		TLSTimeout:                 5,
		AlwaysEnableNonce:          true,
		CustomClientAuthentication: st.auth,
		DisableShortFirstPing:      true,
	}
	st.health = newHealth(sopts)
	if err := configureHub(sopts, cfg.Hub); err != nil {
		return nil, err
	}
	srv, err := server.NewServer(sopts)
	if err != nil {
		return nil, fmt.Errorf("station: server: %w", err)
	}
	srv.SetLoggerV2(slogAdapter{st.log}, false, false, false)
	st.srv = srv
	go srv.Start()
	if !srv.ReadyForConnections(10 * time.Second) {
		srv.Shutdown()
		return nil, fmt.Errorf("station: the server did not start on %s (is the port taken?)", cfg.Listen)
	}
	if err := st.start(ctx, kp); err != nil {
		return nil, errors.Join(err, st.Close())
	}
	st.watchStorage()
	return st, nil
}

func (st *Station) start(ctx context.Context, kp nkeyPair) error {
	if err := st.enableHub(); err != nil {
		return err
	}
	st.nameKiosks(ctx, st.reg.list()...)
	pub, err := kp.PublicKey()
	if err != nil {
		return fmt.Errorf("station: admin key: %w", err)
	}
	nc, err := nats.Connect("", nats.InProcessServer(st.srv), nats.Name("station"),
		nats.Nkey(pub, kp.Sign), nats.MaxReconnects(-1))
	if err != nil {
		return fmt.Errorf("station: own connection: %w", err)
	}
	st.nc = nc
	if st.js, err = jetstream.New(nc); err != nil {
		return fmt.Errorf("station: jetstream: %w", err)
	}
	if _, err := st.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        room.EventsStream,
		Description: "kiosk events waiting for the station's store",
		Subjects:    []string{room.EventsWildcard},
		Retention:   jetstream.WorkQueuePolicy, // gone once the station applied them
		Storage:     jetstream.FileStorage,
		Duplicates:  2 * time.Hour,
		MaxMsgSize:  room.MaxEventSize,
		MaxBytes:    512 << 20,
		Discard:     jetstream.DiscardNew, // full: refuse new events (they wait in the kiosks' outboxes)
	}); err != nil {
		return fmt.Errorf("station: events stream: %w", err)
	}
	if st.kv, err = st.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket: room.SettingsBucket, Description: "the centre's settings for its kiosks", History: 1,
		Storage: jetstream.FileStorage,
	}); err != nil {
		return fmt.Errorf("station: settings bucket: %w", err)
	}
	if st.guides, err = st.js.CreateOrUpdateObjectStore(ctx, guidesConfig); err != nil {
		return fmt.Errorf("station: guides bucket: %w", err)
	}
	cons, err := st.js.CreateOrUpdateConsumer(ctx, room.EventsStream, jetstream.ConsumerConfig{
		Durable: stationConsumer, AckPolicy: jetstream.AckExplicitPolicy, AckWait: 30 * time.Second, MaxAckPending: 256,
	})
	if err != nil {
		return fmt.Errorf("station: events consumer: %w", err)
	}
	if st.cons, err = cons.Consume(st.apply, jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
		st.log.Debug("room: consumer", "err", err)
	})); err != nil {
		return fmt.Errorf("station: events consumer: %w", err)
	}
	for _, s := range []struct {
		subject string
		handle  nats.MsgHandler
	}{
		{room.PairWildcard, st.pair},
		{adminCode, st.adminCode},
		{adminKiosks, st.adminKiosks},
		{adminRemove, st.adminRemove},
	} {
		sub, err := nc.Subscribe(s.subject, s.handle)
		if err != nil {
			return fmt.Errorf("station: subscribe %s: %w", s.subject, err)
		}
		st.subs = append(st.subs, sub)
	}
	if err := nc.Flush(); err != nil {
		return fmt.Errorf("station: %w", err)
	}
	return writeAddr(st.dataDir, st.Addr())
}

// apply stores one kiosk event, then acknowledges it.
func (st *Station) apply(m jetstream.Msg) {
	kiosk := room.KioskFromSubject(m.Subject())
	e, err := room.DecodeEvent(m.Data())
	if err == nil && kiosk == "" {
		err = fmt.Errorf("%w: subject %q", room.ErrInvalidEvent, m.Subject())
	}
	if err != nil {
		st.log.Warn("room: event dropped", "subject", m.Subject(), "err", err)
		if err := m.Term(); err != nil {
			st.log.Warn("room: drop event", "err", err)
		}
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = st.opts.Store.ApplyRoomEvent(ctx, kiosk, e)
	st.health.applied(err)
	if err != nil {
		st.log.Error("room: event not stored; retried in 2 s", "kiosk", kiosk, "event", e.ID, "err", err)
		if err := m.NakWithDelay(2 * time.Second); err != nil {
			st.log.Warn("room: nak event", "err", err)
		}
		return
	}
	if err := m.Ack(); err != nil {
		// Redelivered later and applied again: the store ignores it.
		st.log.Warn("room: ack event", "event", e.ID, "err", err)
	}
	st.federate(kiosk, m.Data())
	if st.opts.OnEvent != nil && !e.Past { // a visit from before the kiosk joined is no news
		st.opts.OnEvent(kiosk, e)
	}
}

// Addr returns the host:port the station listens on, with the port really
// taken (useful when station.json says port 0).
func (st *Station) Addr() string {
	a, ok := st.srv.Addr().(*net.TCPAddr)
	if !ok {
		return st.cfg.Listen
	}
	return net.JoinHostPort(a.IP.String(), strconv.Itoa(a.Port))
}

// Port returns the port the station listens on.
func (st *Station) Port() int {
	if a, ok := st.srv.Addr().(*net.TCPAddr); ok {
		return a.Port
	}
	return 0
}

// Fingerprint returns the fingerprint of the certificate kiosks pin.
func (st *Station) Fingerprint() string { return st.fp }

// Name returns the station's name.
func (st *Station) Name() string { return st.cfg.Name }

// NewCode opens a pairing code (replacing any open one) and returns it with
// its expiry, for the mediator to type on the kiosk.
func (st *Station) NewCode() (string, time.Time, error) {
	code, exp, err := st.codes.Open()
	if err != nil {
		return "", time.Time{}, err
	}
	st.log.Info("room: pairing code opened", "expires", exp)
	return code, exp, nil
}

// KioskStatus is a paired kiosk and whether it is connected now.
type KioskStatus struct {
	Kiosk
	Online bool
}

// Kiosks returns the paired kiosks, in pairing order, with whether each is
// connected.
func (st *Station) Kiosks() ([]KioskStatus, error) {
	cz, err := st.srv.Connz(&server.ConnzOptions{Username: true, Limit: 4096})
	if err != nil {
		return nil, fmt.Errorf("station: connections: %w", err)
	}
	online := map[string]bool{}
	for _, c := range cz.Conns {
		online[c.AuthorizedUser] = true
	}
	var out []KioskStatus
	for _, k := range st.reg.list() {
		// A kiosk's connection is known by the nkey it signed in with
		// (Connz's AuthorizedUser), not by the user name auth gave it.
		out = append(out, KioskStatus{Kiosk: k, Online: online[k.NKey] || online[k.ID]})
	}
	return out, nil
}

// RemoveKiosk unpairs the kiosk with this name or id: it is forgotten,
// its connections are closed, and its nkey is refused from now on. Events
// it sent before stay in the centre's record. failure.NotFound when no
// kiosk matches.
func (st *Station) RemoveKiosk(nameOrID string) (Kiosk, error) {
	k, err := st.reg.remove(nameOrID)
	if err != nil {
		return Kiosk{}, err
	}
	for _, cid := range st.auth.kioskConns(k.ID) {
		if err := st.srv.DisconnectClientByID(cid); err != nil {
			st.log.Debug("room: removed kiosk's connection already closed", "kiosk", k.ID, "cid", cid, "err", err)
		}
	}
	st.log.Info("room: kiosk removed", "kiosk", k.ID, "name", k.Name)
	return k, nil
}

// Send sends a command to one kiosk: « un médiateur a vu votre demande »
// (room.HelpSeen), « aide terminée » (room.HelpDone), « fin de visite »
// (room.EndVisit). A kiosk not connected
// does not get it (the command is about the visit going on now).
func (st *Station) Send(ctx context.Context, kioskID string, c room.Command) error {
	if !room.ValidKioskID(kioskID) {
		return fmt.Errorf("station: kiosk id %q", kioskID)
	}
	if c.At.IsZero() {
		c.At = st.opts.Now()
	}
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("station: command: %w", err)
	}
	if err := st.nc.Publish(room.CommandSubject(kioskID), b); err != nil {
		return fmt.Errorf("station: send command: %w", err)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
	}
	return st.nc.FlushWithContext(ctx)
}

// SetSetting stores a setting the kiosks read (room.SettingsBucket).
func (st *Station) SetSetting(ctx context.Context, key string, value []byte) error {
	if _, err := st.kv.Put(ctx, key, value); err != nil {
		return fmt.Errorf("station: setting %s: %w", key, err)
	}
	return nil
}

// Close stops the consumer, the connection and the server, and removes
// running.addr.
func (st *Station) Close() error {
	st.closeOnce.Do(func() {
		var errs []error
		st.health.stopWatching()
		if st.cons != nil {
			st.cons.Drain()
		}
		if st.nc != nil {
			for _, s := range st.subs {
				if err := s.Unsubscribe(); err != nil && !errors.Is(err, nats.ErrConnectionClosed) {
					errs = append(errs, err)
				}
			}
			st.nc.Close()
		}
		if st.fedConn != nil {
			st.fedConn.Close()
		}
		st.srv.Shutdown()
		st.srv.WaitForShutdown()
		if err := os.Remove(filepath.Join(Dir(st.dataDir), addrFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
		st.closeErr = errors.Join(errs...)
	})
	return st.closeErr
}
