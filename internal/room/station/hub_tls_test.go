package station_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"pasapas/internal/room/station"
)

// hubCert makes a self-signed certificate for 127.0.0.1 and writes its
// PEM to a file: the hub's own CA, as a federation would run it.
func hubCert(t *testing.T) (tls.Certificate, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "hub"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "hub-ca.pem")
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, file
}

// A station reaches a hub with its own CA over TLS; with another CA it
// does not connect; a plain link to a hub that is not on this machine is
// refused at start.
func TestHub_TLS(t *testing.T) {
	cert, ca := hubCert(t)
	_, other := hubCert(t)
	leafAddr := freeAddr(t)
	_, p, _ := net.SplitHostPort(leafAddr)
	port, _ := strconv.Atoi(p)
	hub, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, NoSigs: true, NoLog: true,
		LeafNode: server.LeafNodeOpts{Host: "127.0.0.1", Port: port, TLSTimeout: 5,
			TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}}})
	if err != nil {
		t.Fatal(err)
	}
	go hub.Start()
	defer hub.Shutdown()
	if !hub.ReadyForConnections(10 * time.Second) {
		t.Fatal("the hub is not ready")
	}
	open := func(h *station.Hub) (*station.Station, error) {
		dir := t.TempDir()
		cfg, err := station.Init(dir, "127.0.0.1:0", h.Centre)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Hub = h
		if err := station.SaveConfig(dir, cfg); err != nil {
			t.Fatal(err)
		}
		st, err := station.Open(context.Background(), dir, station.Options{Store: newFakeStore()})
		if err == nil {
			t.Cleanup(func() { st.Close() })
		}
		return st, err
	}
	if _, err := open(&station.Hub{URL: "tls://" + leafAddr, Centre: "montreuil", CAFile: other}); err != nil {
		t.Fatalf("station with a hub of another CA: %v, want it open (and not connected)", err)
	}
	time.Sleep(2 * time.Second)
	if n := hub.NumLeafNodes(); n != 0 {
		t.Fatalf("Got(leaf nodes) = %d with a certificate of another CA, want 0", n)
	}
	if _, err := open(&station.Hub{URL: "tls://" + leafAddr, Centre: "bobigny", CAFile: ca}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the station on the hub over TLS", func() bool { return hub.NumLeafNodes() == 1 })
	_, err = open(&station.Hub{URL: "nats-leaf://192.0.2.1:7422", Centre: "pantin"})
	if err == nil || !strings.Contains(err.Error(), "tls://") {
		t.Fatalf("station with a plain hub on the network: %v, want a refusal asking for tls://", err)
	}
}
