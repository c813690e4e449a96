package link

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"

	"pasapas/internal/failure"
	"pasapas/internal/room"
	"pasapas/internal/room/secretfile"
)

// Dir returns the kiosk's room folder inside the data folder.
func Dir(dataDir string) string { return filepath.Join(dataDir, "kiosk") }

const (
	infoFile = "link.json"
	seedFile = "kiosk.nk" // the kiosk's nkey seed: its credential, 0600
)

// Info is what a paired kiosk knows of its station (link.json).
type Info struct {
	Station     string    `json:"station"`     // host:port last known
	ID          string    `json:"id"`          // the kiosk's id, given by the station
	Name        string    `json:"name"`        // the kiosk's name, shown to the mediator
	Fingerprint string    `json:"fingerprint"` // the station's certificate, pinned at pairing
	Paired      time.Time `json:"paired"`
}

// ErrNotPaired is returned by Load and Open when the data folder has not
// joined a station.
var ErrNotPaired = errors.New("link: this kiosk has not joined a station (pasapasctl kiosk join)")

// ErrStationNotAuthentic is returned by Join when the station's answer
// does not prove it knows the code: the kiosk talked to another machine.
var ErrStationNotAuthentic = errors.New("link: the station did not prove it knows the code: " +
	"another machine may be answering in its place; nothing was saved")

// ErrRefused is returned by Join when the station let no unpaired client
// in: no code is open (or it expired or was used).
var ErrRefused = errors.New("link: the station refused the connection: no pairing code is open on it " +
	"(show a new code with pasapasctl station code)")

// Join pairs this kiosk (data folder dataDir) with the station at
// stationAddr (host:port) using the code the station shows, under name.
// The kiosk makes its own nkey (the seed never leaves it), proves it knows
// the code bound to the certificate it was shown, checks the station's
// proof, then pins that certificate and saves its seed (0600) and
// link.json. Errors: room.ErrWrongCode, room.ErrCodeExpired,
// room.ErrCodeBurnt, room.ErrNoCode, room.ErrNameTaken, ErrRefused,
// ErrStationNotAuthentic, failure.Invalid for a malformed code or name.
func Join(ctx context.Context, dataDir, stationAddr, code, name string) (Info, error) {
	code, ok := room.NormalizeCode(code)
	if !ok {
		return Info{}, failure.Errorf(failure.Invalid, "join", "a pairing code has %d letters and digits", room.CodeLength)
	}
	name = strings.TrimSpace(name)
	if !room.ValidKioskName(name) {
		return Info{}, failure.Errorf(failure.Invalid, "join", "the kiosk's name must have 1 to 40 characters, without |")
	}
	if _, err := Load(dataDir); err == nil {
		return Info{}, failure.Errorf(failure.Conflict, "join", "this kiosk has already joined a station")
	}
	kp, err := nkeys.CreateUser()
	if err != nil {
		return Info{}, fmt.Errorf("link: key: %w", err)
	}
	pub, err := kp.PublicKey()
	if err != nil {
		return Info{}, fmt.Errorf("link: key: %w", err)
	}
	var mu sync.Mutex
	var seen string
	tlsCfg := room.FirstSightTLS(func(fp string) { mu.Lock(); seen = fp; mu.Unlock() })
	nc, err := nats.Connect("tls://"+stationAddr, nats.Secure(tlsCfg), nats.Nkey(pub, kp.Sign),
		nats.CustomInboxPrefix(room.PairInboxPrefix(pub)), nats.NoReconnect(), nats.Timeout(5*time.Second),
		nats.Name("pairing "+name))
	if errors.Is(err, nats.ErrAuthorization) {
		return Info{}, ErrRefused
	}
	if err != nil {
		return Info{}, fmt.Errorf("link: no station answers at %s: %w", stationAddr, err)
	}
	defer nc.Close()
	mu.Lock()
	fp := seen
	mu.Unlock()
	nonce, err := room.NewNonce()
	if err != nil {
		return Info{}, err
	}
	key, err := room.PairKey(code, fp)
	if err != nil {
		return Info{}, err
	}
	req, err := json.Marshal(room.PairRequest{NKey: pub, Name: name, Nonce: nonce, MAC: room.KioskMAC(key, pub, name, nonce)})
	if err != nil {
		return Info{}, fmt.Errorf("link: %w", err)
	}
	rctx, cancel := context.WithTimeout(ctx, 30*time.Second) // the station checks attempts one at a time
	defer cancel()
	m, err := nc.RequestWithContext(rctx, room.PairSubject(pub), req)
	if err != nil {
		return Info{}, fmt.Errorf("link: the station did not answer the pairing: %w", err)
	}
	var reply room.PairReply
	if err := json.Unmarshal(m.Data, &reply); err != nil {
		return Info{}, fmt.Errorf("link: pairing answer: %w", err)
	}
	if reply.Refused != "" {
		return Info{}, refusal(reply.Refused)
	}
	if !room.ValidKioskID(reply.ID) || !room.EqualMAC(room.StationMAC(key, pub, reply.ID, nonce), reply.MAC) {
		return Info{}, ErrStationNotAuthentic
	}
	seed, err := kp.Seed()
	if err != nil {
		return Info{}, fmt.Errorf("link: key: %w", err)
	}
	info := Info{Station: stationAddr, ID: reply.ID, Name: reply.Name, Fingerprint: fp, Paired: time.Now().UTC()}
	if err := secretfile.Write(filepath.Join(Dir(dataDir), seedFile), seed); err != nil {
		return Info{}, err
	}
	return info, save(dataDir, info)
}

// refusal maps the station's reason to the room's sentinel errors.
func refusal(reason string) error {
	for _, e := range []error{room.ErrNoCode, room.ErrCodeExpired, room.ErrWrongCode, room.ErrCodeBurnt, room.ErrNameTaken} {
		if reason == e.Error() {
			return e
		}
	}
	return failure.Errorf(failure.Unauthorized, "join", "the station refused: %s", reason)
}

func save(dataDir string, info Info) error {
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return fmt.Errorf("link: %w", err)
	}
	return secretfile.Write(filepath.Join(Dir(dataDir), infoFile), append(b, '\n'))
}

// Load returns what the kiosk of dataDir knows of its station, or
// ErrNotPaired.
func Load(dataDir string) (Info, error) {
	b, err := os.ReadFile(filepath.Join(Dir(dataDir), infoFile))
	if errors.Is(err, os.ErrNotExist) {
		return Info{}, ErrNotPaired
	}
	if err != nil {
		return Info{}, fmt.Errorf("link: %w", err)
	}
	var info Info
	if err := json.Unmarshal(b, &info); err != nil {
		return Info{}, fmt.Errorf("link: %s: %w", infoFile, err)
	}
	return info, nil
}

// SetStation records a new address for the station (found again by
// discovery after it moved); the pin does not change. A Link opened
// before keeps the old address until it is opened again.
func SetStation(dataDir, addr string) error {
	info, err := Load(dataDir)
	if err != nil {
		return err
	}
	info.Station = addr
	return save(dataDir, info)
}

func loadKey(dataDir string) (nkeys.KeyPair, error) {
	seed, err := os.ReadFile(filepath.Join(Dir(dataDir), seedFile))
	if err != nil {
		return nil, fmt.Errorf("link: kiosk key: %w", err)
	}
	kp, err := nkeys.FromSeed(seed)
	if err != nil {
		return nil, fmt.Errorf("link: kiosk key: %w", err)
	}
	return kp, nil
}
