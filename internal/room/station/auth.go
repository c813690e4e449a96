package station

import (
	"encoding/base64"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nkeys"

	"pasapas/internal/room"
)

// authenticator is the server's CustomClientAuthentication: every client
// proves an nkey by signing the server's nonce, and the nkey decides what
// it may do. There is no anonymous user.
//
//   - the admin nkey (the station itself, pasapasctl): everything;
//   - a paired kiosk's nkey: publish under room.<id>.>, read kiosk.<id>.>
//     and its inboxes _I.<id>.>, read and watch the settings bucket and
//     the guides object store (readStream);
//   - any other nkey, only while a pairing code is open: publish its own
//     pair.<nkey> and read its inboxes _P.<nkey>.>, for one minute.
//
// Everything else is refused at connect time.
type authenticator struct {
	admin string
	reg   *registry
	codes *room.Codes
	log   *slog.Logger

	mu     sync.Mutex
	conns  map[string]map[uint64]bool // kiosk id → its connection ids, for RemoveKiosk
	fedKey string                     // the station's federation client (hub.go), "" without a hub
	fedAcc *server.Account
}

func (a *authenticator) setFederation(pub string, acc *server.Account) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.fedKey, a.fedAcc = pub, acc
}

var _ server.Authentication = (*authenticator)(nil)

// Check implements server.Authentication.
func (a *authenticator) Check(c server.ClientAuthentication) bool {
	if c.Kind() != server.CLIENT {
		return false
	}
	opts := c.GetOpts()
	if opts == nil || opts.Nkey == "" || !verifyNonce(opts.Nkey, opts.Sig, c.GetNonce()) {
		a.log.Info("room: connection refused: no valid nkey", "from", remote(c))
		return false
	}
	pub := opts.Nkey
	if pub == a.admin {
		c.RegisterUser(&server.User{Username: "admin"})
		return true
	}
	a.mu.Lock()
	fedKey, fedAcc := a.fedKey, a.fedAcc
	a.mu.Unlock()
	if fedKey != "" && pub == fedKey {
		c.RegisterUser(&server.User{Username: "federation", Account: fedAcc, Permissions: &server.Permissions{
			Publish:   &server.SubjectPermission{Allow: []string{room.FedRoot + ".>"}},
			Subscribe: &server.SubjectPermission{Deny: []string{">"}},
		}})
		return true
	}
	if k, ok := a.reg.byNKey(pub); ok {
		c.RegisterUser(&server.User{Username: k.ID, Permissions: kioskPermissions(k.ID)})
		a.mu.Lock()
		if a.conns[k.ID] == nil {
			a.conns[k.ID] = map[uint64]bool{}
		}
		a.conns[k.ID][c.GetID()] = true
		a.mu.Unlock()
		return true
	}
	if a.codes.Active() {
		c.RegisterUser(&server.User{Username: "pairing", Permissions: &server.Permissions{
			Publish:   &server.SubjectPermission{Allow: []string{room.PairSubject(pub)}},
			Subscribe: &server.SubjectPermission{Allow: []string{room.PairInboxPrefix(pub) + ".>"}},
		}, ConnectionDeadline: time.Now().Add(time.Minute)})
		return true
	}
	a.log.Info("room: connection refused: unknown kiosk and no pairing code open", "from", remote(c))
	return false
}

// kioskConns returns and forgets the connection ids of kiosk id.
func (a *authenticator) kioskConns(id string) []uint64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	var ids []uint64
	for cid := range a.conns[id] {
		ids = append(ids, cid)
	}
	delete(a.conns, id)
	return ids
}

// kioskPermissions: see authenticator.
func kioskPermissions(id string) *server.Permissions {
	allow := []string{"room." + id + ".>"}
	for _, stream := range []string{"KV_" + room.SettingsBucket, "OBJ_" + room.GuidesBucket} {
		allow = append(allow, readStream(stream)...)
	}
	return &server.Permissions{
		Publish: &server.SubjectPermission{Allow: allow},
		Subscribe: &server.SubjectPermission{Allow: []string{
			"kiosk." + id + ".>",
			room.InboxPrefix(id) + ".>",
		}},
	}
}

// readStream is what a client needs to read and watch the key-value or
// object store of the JetStream stream: its info, its messages by subject
// (direct get), and ordered consumers of its own — created, deleted, their
// flow control answered — delivering to its inboxes (a key-value Watch,
// an object's chunks, the list of objects). Nothing lets it write to the
// stream: $KV.… and $O.… are not in its publish permissions.
//
// The server checks neither a consumer's deliver subject nor a request's
// reply subject against the kiosk's permissions: a kiosk can have the
// server send what it may read (the settings, the guide files, API
// answers) to another subject of the room. No receiver takes that for an
// event or a command (room.DecodeEvent, room.DecodeCommand refuse it), and
// the station's admin services answer only an admin's inbox (fromAdmin).
func readStream(stream string) []string {
	api := "$JS.API."
	return []string{
		api + "STREAM.INFO." + stream,
		api + "DIRECT.GET." + stream + ".>",
		api + "STREAM.MSG.GET." + stream,
		api + "CONSUMER.CREATE." + stream + ".>",
		api + "CONSUMER.DELETE." + stream + ".>",
		"$JS.FC." + stream + ".>",
	}
}

func verifyNonce(pub, sig string, nonce []byte) bool {
	if len(nonce) == 0 || !nkeys.IsValidPublicUserKey(pub) {
		return false
	}
	raw, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil {
		raw, err = base64.StdEncoding.DecodeString(sig)
		if err != nil {
			return false
		}
	}
	kp, err := nkeys.FromPublicKey(pub)
	if err != nil {
		return false
	}
	return kp.Verify(nonce, raw) == nil
}

func remote(c server.ClientAuthentication) string {
	if a := c.RemoteAddress(); a != nil {
		return a.String()
	}
	return "in-process"
}
