package station

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/nats-io/nkeys"

	"pasapas/internal/room"
	"pasapas/internal/room/secretfile"
)

// DefaultPort is the station's port when --listen gives none.
const DefaultPort = 4737

// Dir returns the station's folder inside the data folder.
func Dir(dataDir string) string { return filepath.Join(dataDir, "station") }

// Files of the station's folder.
const (
	configFile  = "station.json"
	certFile    = "cert.pem"
	keyFile     = "key.pem"
	adminFile   = "admin.nk"    // the admin nkey seed: the station's own client and pasapasctl
	kiosksFile  = "kiosks.json" // the paired kiosks
	addrFile    = "running.addr"
	storeFolder = "jetstream"
)

// Config is the station's station.json.
type Config struct {
	// Listen is the host:port the server listens on ("0.0.0.0:4737" for
	// the centre's network; "127.0.0.1:0" in tests: a random port).
	Listen string `json:"listen"`
	// Name is the station's name, advertised on the network.
	Name string `json:"name"`
	// AdminKey is the public nkey of the admin user (seed in admin.nk).
	AdminKey string `json:"admin_key"`
	// Hub, when set, makes the station a leaf node of a federation hub.
	Hub *Hub `json:"hub,omitempty"`
}

// Hub is a federation hub the station connects to as a leaf node.
type Hub struct {
	URL    string `json:"url"`    // nats-leaf://host:port or tls://host:port
	Centre string `json:"centre"` // the centre's name in the federation's subjects (a subject token)
	// SeedFile is the path of the nkey seed the hub knows this station by
	// (empty: the hub takes the station without credentials, as in tests).
	SeedFile string `json:"seed_file,omitempty"`
	// CAFile is the PEM certificate (or CA) the hub's TLS certificate is
	// checked against, for a hub with its own certificate authority;
	// empty: the system's roots. Only with a tls:// URL.
	CAFile string `json:"ca_file,omitempty"`
}

// ErrExists is returned by Init when the data folder already holds a
// station.
var ErrExists = errors.New("station: this data folder is already a station")

// ErrNotStation is returned when the data folder holds no station.
var ErrNotStation = errors.New("station: this data folder is not a station (run pasapasctl station init)")

// Init makes the data folder a station: its TLS certificate and key
// (self-signed, ECDSA P-256, 0600), its admin nkey seed (0600), an empty
// list of kiosks and station.json. listen "" means every interface on
// DefaultPort.
func Init(dataDir, listen, name string) (Config, error) {
	dir := Dir(dataDir)
	if _, err := os.Stat(filepath.Join(dir, configFile)); err == nil {
		return Config{}, ErrExists
	} else if !errors.Is(err, os.ErrNotExist) {
		return Config{}, fmt.Errorf("station: %w", err)
	}
	if listen == "" {
		listen = fmt.Sprintf("0.0.0.0:%d", DefaultPort)
	}
	if _, _, err := net.SplitHostPort(listen); err != nil {
		return Config{}, fmt.Errorf("station: listen address %q: %w", listen, err)
	}
	if name == "" {
		name = "Pas à pas"
		if h, err := os.Hostname(); err == nil {
			name = h
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Config{}, fmt.Errorf("station: %w", err)
	}
	certPEM, keyPEM, err := newCertificate(name)
	if err != nil {
		return Config{}, err
	}
	admin, err := nkeys.CreateUser()
	if err != nil {
		return Config{}, fmt.Errorf("station: admin key: %w", err)
	}
	seed, err := admin.Seed()
	if err != nil {
		return Config{}, fmt.Errorf("station: admin key: %w", err)
	}
	pub, err := admin.PublicKey()
	if err != nil {
		return Config{}, fmt.Errorf("station: admin key: %w", err)
	}
	cfg := Config{Listen: listen, Name: name, AdminKey: pub}
	for _, f := range []struct {
		name string
		data []byte
	}{{certFile, certPEM}, {keyFile, keyPEM}, {adminFile, seed}, {kiosksFile, []byte("[]\n")}} {
		if err := secretfile.Write(filepath.Join(dir, f.name), f.data); err != nil {
			return Config{}, err
		}
	}
	// station.json last: its presence says the station is complete.
	return cfg, SaveConfig(dataDir, cfg)
}

// SaveConfig writes station.json.
func SaveConfig(dataDir string, cfg Config) error {
	b, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return fmt.Errorf("station: %w", err)
	}
	return secretfile.Write(filepath.Join(Dir(dataDir), configFile), append(b, '\n'))
}

// LoadConfig reads station.json; ErrNotStation when there is none.
func LoadConfig(dataDir string) (Config, error) {
	b, err := os.ReadFile(filepath.Join(Dir(dataDir), configFile))
	if errors.Is(err, os.ErrNotExist) {
		return Config{}, ErrNotStation
	}
	if err != nil {
		return Config{}, fmt.Errorf("station: %w", err)
	}
	var cfg Config
	if err := json.Unmarshal(b, &cfg); err != nil {
		return Config{}, fmt.Errorf("station: %s: %w", configFile, err)
	}
	return cfg, nil
}

// newCertificate returns a self-signed certificate valid 20 years, for the
// names a kiosk may dial (the kiosks pin it; they do not check names).
func newCertificate(name string) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("station: certificate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, fmt.Errorf("station: certificate serial: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: "Pas à pas station " + name},
		NotBefore:    now.Add(-24 * time.Hour),
		NotAfter:     now.AddDate(20, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:     []string{"localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("station: certificate: %w", err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, fmt.Errorf("station: certificate key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), nil
}

// loadCertificate reads the station's certificate and returns it with its
// fingerprint.
func loadCertificate(dataDir string) (tls.Certificate, string, error) {
	dir := Dir(dataDir)
	cert, err := tls.LoadX509KeyPair(filepath.Join(dir, certFile), filepath.Join(dir, keyFile))
	if err != nil {
		return tls.Certificate{}, "", fmt.Errorf("station: certificate: %w", err)
	}
	return cert, room.Fingerprint(cert.Certificate[0]), nil
}

// Fingerprint returns the fingerprint of the station's certificate, which
// paired kiosks pin.
func Fingerprint(dataDir string) (string, error) {
	_, fp, err := loadCertificate(dataDir)
	return fp, err
}

func adminKeyPair(dataDir string) (nkeys.KeyPair, error) {
	seed, err := os.ReadFile(filepath.Join(Dir(dataDir), adminFile))
	if err != nil {
		return nil, fmt.Errorf("station: admin key: %w", err)
	}
	kp, err := nkeys.FromSeed(seed)
	if err != nil {
		return nil, fmt.Errorf("station: admin key: %w", err)
	}
	return kp, nil
}
