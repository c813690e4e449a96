package station

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"

	"pasapas/internal/room"
)

// Federation (issue 14, item 6). A station with a Hub connects to the
// federation's NATS hub as a leaf node, through an account of its own,
// FED, that holds nothing of the room: the station publishes there, with
// a client of its own limited to pasapas.fed.>, what goes up. The two
// accounts share nothing (no export, no import): kiosk events, commands,
// pairing and the admin service never reach the hub, and the hub can send
// nothing into the room.
//
// What goes up: each kiosk event once applied, as the same anonymous wire
// form (visit counts, guide, steps, outcome, help times; a random visit
// key; the kiosk's id), on pasapas.fed.<centre>.event. Names, accounts,
// notes and the journal of accompaniments never leave: they are in SQLite,
// not on the bus.
const fedAccount = "FED"

// CheckHub checks a hub's settings as the station will use them: its
// centre's name, its address (tls:// unless on this machine), its seed
// and CA files.
func CheckHub(hub *Hub) error {
	return configureHub(&server.Options{}, hub)
}

func configureHub(opts *server.Options, hub *Hub) error {
	if hub == nil {
		return nil
	}
	if !validToken(hub.Centre) {
		return fmt.Errorf("station: hub centre %q must be letters, digits, - or _", hub.Centre)
	}
	u, err := url.Parse(hub.URL)
	if err != nil {
		return fmt.Errorf("station: hub address %q: %w", hub.URL, err)
	}
	remote := &server.RemoteLeafOpts{LocalAccount: fedAccount, URLs: []*url.URL{u}}
	if err := hubTLS(remote, u, hub); err != nil {
		return err
	}
	if hub.SeedFile != "" {
		seed, err := os.ReadFile(hub.SeedFile)
		if err != nil {
			return fmt.Errorf("station: hub credentials: %w", err)
		}
		remote.Nkey = strings.TrimSpace(string(seed))
	}
	opts.Accounts = append(opts.Accounts, server.NewAccount(fedAccount))
	opts.LeafNode.Remotes = append(opts.LeafNode.Remotes, remote)
	opts.LeafNode.ReconnectInterval = 2e9
	return nil
}

// hubTLS makes the link to the hub TLS, checked against the hub's CA
// (Hub.CAFile) or the system's roots. A hub is reached over the internet:
// a plain link is allowed only to this machine (tests, a hub beside the
// station).
func hubTLS(remote *server.RemoteLeafOpts, u *url.URL, hub *Hub) error {
	if u.Scheme != "tls" {
		if ip := net.ParseIP(u.Hostname()); (ip == nil || !ip.IsLoopback()) && u.Hostname() != "localhost" {
			return fmt.Errorf("station: the hub %s must be reached over TLS: write its address tls://%s", hub.URL, u.Host)
		}
		if hub.CAFile != "" {
			return fmt.Errorf("station: a hub CA is given but the hub address %s is not tls://", hub.URL)
		}
		return nil
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: u.Hostname()}
	if hub.CAFile != "" {
		pem, err := os.ReadFile(hub.CAFile)
		if err != nil {
			return fmt.Errorf("station: hub CA: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return fmt.Errorf("station: hub CA %s holds no PEM certificate", hub.CAFile)
		}
		cfg.RootCAs = pool
	}
	remote.TLS, remote.TLSConfig = true, cfg
	return nil
}

// enableHub connects the station's federation client into FED once the
// server runs. With a second account, JetStream is no longer enabled on
// the global one by itself: it is enabled here.
func (st *Station) enableHub() error {
	if st.cfg.Hub == nil {
		return nil
	}
	if err := st.srv.GlobalAccount().EnableJetStream(nil, nil); err != nil {
		return fmt.Errorf("station: jetstream: %w", err)
	}
	fed, err := st.srv.LookupAccount(fedAccount)
	if err != nil {
		return fmt.Errorf("station: federation account: %w", err)
	}
	kp, err := nkeys.CreateUser() // lives as long as the process: in-process only
	if err != nil {
		return fmt.Errorf("station: federation key: %w", err)
	}
	pub, err := kp.PublicKey()
	if err != nil {
		return fmt.Errorf("station: federation key: %w", err)
	}
	st.auth.setFederation(pub, fed)
	nc, err := nats.Connect("", nats.InProcessServer(st.srv), nats.Name("federation"),
		nats.Nkey(pub, kp.Sign), nats.MaxReconnects(-1))
	if err != nil {
		return fmt.Errorf("station: federation connection: %w", err)
	}
	st.fedConn = nc
	return nil
}

// federate sends an applied event up to the hub, if there is one. The
// hub's copy is best effort (core NATS): the centre's record is SQLite.
func (st *Station) federate(kiosk string, data []byte) {
	if st.cfg.Hub == nil {
		return
	}
	subject := room.FedRoot + "." + st.cfg.Hub.Centre + ".event"
	m := nats.NewMsg(subject)
	m.Data = data
	m.Header.Set("Pasapas-Kiosk", kiosk)
	if err := st.fedConn.PublishMsg(m); err != nil {
		st.log.Warn("room: federation publish", "err", err)
	}
}

func validToken(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
