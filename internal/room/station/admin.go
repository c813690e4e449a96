package station

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"

	"pasapas/internal/failure"
	"pasapas/internal/room"
	"pasapas/internal/room/secretfile"
)

// The admin service: requests only the admin nkey may publish (kiosks and
// pairing clients have no permission on pasapas.>), used by pasapasctl
// while the station runs.
const (
	adminCode   = "pasapas.admin.code"
	adminKiosks = "pasapas.admin.kiosks"
	adminRemove = "pasapas.admin.remove"
)

type adminReply struct {
	Code    string        `json:"code,omitempty"`
	Expires time.Time     `json:"expires,omitzero"`
	Kiosks  []KioskStatus `json:"kiosks,omitempty"`
	Removed *Kiosk        `json:"removed,omitempty"`
	Error   string        `json:"error,omitempty"`
	Kind    failure.Kind  `json:"kind,omitempty"`
}

func errReply(err error) adminReply { return adminReply{Error: err.Error(), Kind: failure.KindOf(err)} }

// fromAdmin reports whether m is a request of an admin connection
// (pasapasctl): its reply subject is an _INBOX. inbox, which only the
// admin may read. A paired kiosk may make the server itself publish on any
// subject — the answer of a JetStream API request goes to the reply
// subject the kiosk gave, a consumer's messages to the deliver subject it
// was given, and the server checks neither against the kiosk's
// permissions — but such a message has no reply subject, or a $JS.ACK.
// one: it is ignored, so that a kiosk can neither open a pairing code nor
// remove a kiosk.
func (st *Station) fromAdmin(m *nats.Msg) bool {
	if strings.HasPrefix(m.Reply, nats.InboxPrefix) {
		return true
	}
	st.log.Warn("room: admin request ignored: not from the admin", "subject", m.Subject, "reply", m.Reply)
	return false
}

func (st *Station) adminCode(m *nats.Msg) {
	if !st.fromAdmin(m) {
		return
	}
	code, exp, err := st.NewCode()
	if err != nil {
		st.reply(m, errReply(err))
		return
	}
	st.reply(m, adminReply{Code: code, Expires: exp})
}

func (st *Station) adminKiosks(m *nats.Msg) {
	if !st.fromAdmin(m) {
		return
	}
	ks, err := st.Kiosks()
	if err != nil {
		st.reply(m, errReply(err))
		return
	}
	st.reply(m, adminReply{Kiosks: ks})
}

func (st *Station) adminRemove(m *nats.Msg) {
	if !st.fromAdmin(m) {
		return
	}
	k, err := st.RemoveKiosk(string(m.Data))
	if err != nil {
		st.reply(m, errReply(err))
		return
	}
	st.reply(m, adminReply{Removed: &k})
}

// ErrNotRunning is returned by Dial when no station runs on the folder.
var ErrNotRunning = errors.New("station: the station is not running on this data folder (pasapasctl station run, or the app)")

// Admin is a connection to the running station of a data folder, with its
// admin credential: what pasapasctl uses.
type Admin struct{ nc *nats.Conn }

// Dial connects to the station running on dataDir, over TLS with its
// certificate pinned, as admin. ErrNotRunning when it does not run.
func Dial(ctx context.Context, dataDir string) (*Admin, error) {
	if _, err := LoadConfig(dataDir); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(Dir(dataDir), addrFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNotRunning
	}
	if err != nil {
		return nil, fmt.Errorf("station: %w", err)
	}
	fp, err := Fingerprint(dataDir)
	if err != nil {
		return nil, err
	}
	kp, err := adminKeyPair(dataDir)
	if err != nil {
		return nil, err
	}
	pub, err := kp.PublicKey()
	if err != nil {
		return nil, fmt.Errorf("station: admin key: %w", err)
	}
	addr := loopback(strings.TrimSpace(string(b)))
	timeout := 5 * time.Second
	if d, ok := ctx.Deadline(); ok {
		timeout = time.Until(d)
	}
	nc, err := nats.Connect("tls://"+addr, nats.Secure(room.PinnedTLS(fp)), nats.Nkey(pub, kp.Sign),
		nats.Timeout(timeout), nats.Name("pasapasctl"), nats.NoReconnect())
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) || errors.Is(err, nats.ErrNoServers) {
			return nil, fmt.Errorf("%w: %v", ErrNotRunning, err)
		}
		return nil, fmt.Errorf("station: connect to %s: %w", addr, err)
	}
	return &Admin{nc: nc}, nil
}

// loopback turns a wildcard listen address into one this PC can dial.
func loopback(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return net.JoinHostPort(host, port)
}

func (a *Admin) request(ctx context.Context, subject string, data []byte) (adminReply, error) {
	var r adminReply
	m, err := a.nc.RequestWithContext(ctx, subject, data)
	if err != nil {
		return r, fmt.Errorf("station: %s: %w", subject, err)
	}
	if err := json.Unmarshal(m.Data, &r); err != nil {
		return r, fmt.Errorf("station: %s: %w", subject, err)
	}
	if r.Error != "" {
		kind := r.Kind
		if kind == "" {
			kind = failure.Internal
		}
		return r, failure.New(kind, subject, errors.New(r.Error))
	}
	return r, nil
}

// NewCode opens a pairing code on the running station.
func (a *Admin) NewCode(ctx context.Context) (string, time.Time, error) {
	r, err := a.request(ctx, adminCode, nil)
	return r.Code, r.Expires, err
}

// Kiosks returns the running station's kiosks and whether each is online.
func (a *Admin) Kiosks(ctx context.Context) ([]KioskStatus, error) {
	r, err := a.request(ctx, adminKiosks, nil)
	return r.Kiosks, err
}

// RemoveKiosk unpairs a kiosk on the running station (see
// Station.RemoveKiosk).
func (a *Admin) RemoveKiosk(ctx context.Context, nameOrID string) (Kiosk, error) {
	r, err := a.request(ctx, adminRemove, []byte(nameOrID))
	if err != nil {
		return Kiosk{}, err
	}
	return *r.Removed, nil
}

// Close closes the connection.
func (a *Admin) Close() { a.nc.Close() }

type nkeyPair = nkeys.KeyPair

func writeAddr(dataDir, addr string) error {
	return secretfile.Write(filepath.Join(Dir(dataDir), addrFile), []byte(addr+"\n"))
}
