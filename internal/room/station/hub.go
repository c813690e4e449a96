package station

import (
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"pasapas/internal/room"
)

// Federation (issue 14, item 6). A station with a Hub connects to the
// federation's NATS hub as a leaf node, through an account of its own,
// FED, that sees nothing of the room but what the station puts under
// pasapas.fed.<centre>.>: the room's account exports that subject tree
// alone and FED imports it. Kiosk events, commands, pairing and the admin
// service never reach the hub, and the hub can send nothing into the room.
//
// What goes up: each kiosk event once applied, as the same anonymous wire
// form (visit counts, guide, steps, outcome, help times; a random visit
// key; the kiosk's id), on pasapas.fed.<centre>.event. Names, accounts,
// notes and the journal of accompaniments never leave: they are in SQLite,
// not on the bus.
const fedAccount = "FED"

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

// enableHub sets up the export/import once the server runs. With a second
// account, JetStream is no longer enabled on the global one by itself.
func enableHub(s *server.Server, hub *Hub) error {
	if hub == nil {
		return nil
	}
	g := s.GlobalAccount()
	if err := g.EnableJetStream(nil, nil); err != nil {
		return fmt.Errorf("station: jetstream: %w", err)
	}
	fed, err := s.LookupAccount(fedAccount)
	if err != nil {
		return fmt.Errorf("station: federation account: %w", err)
	}
	if err := g.AddStreamExport(room.FedRoot+".>", []*server.Account{fed}); err != nil {
		return fmt.Errorf("station: federation export: %w", err)
	}
	if err := fed.AddStreamImport(g, room.FedRoot+".>", ""); err != nil {
		return fmt.Errorf("station: federation import: %w", err)
	}
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
	if err := st.nc.PublishMsg(m); err != nil {
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
