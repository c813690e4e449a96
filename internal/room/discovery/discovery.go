// Package discovery finds the station on the centre's network by DNS-SD
// over multicast DNS (service _pasapas._tcp), so that a kiosk finds its
// station again after it changed address (DHCP), and the set-up can list
// the stations it sees.
//
// What mDNS says is not trusted: a record only gives an address to try.
// The kiosk still checks the station's certificate against the one pinned
// at pairing; a record that lies about the fingerprint leads to a refused
// TLS handshake, never to a connection.
package discovery

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/mdns"
)

// Service is the DNS-SD service type of a station.
const Service = "_pasapas._tcp"

// Found is a station seen on the network.
type Found struct {
	Instance    string // the station's name
	Addr        string // host:port to dial
	Fingerprint string // what the record claims (checked by TLS, not here)
}

// Browser lists the stations that answer: MDNS on a real network, a fake
// in tests.
type Browser interface {
	Browse(ctx context.Context) ([]Found, error)
}

// ErrNotFound is returned by Locate when no station with the pinned
// certificate answers.
var ErrNotFound = errors.New("discovery: the station was not found on the network")

// Locate returns the address of the station whose certificate
// fingerprint is fp (the kiosk's pin), preferring IPv4.
func Locate(ctx context.Context, b Browser, fp string) (string, error) {
	found, err := b.Browse(ctx)
	if err != nil {
		return "", err
	}
	addr := ""
	for _, f := range found {
		if !strings.EqualFold(f.Fingerprint, fp) || fp == "" {
			continue
		}
		host, _, err := net.SplitHostPort(f.Addr)
		if err != nil {
			continue
		}
		if ip := net.ParseIP(host); ip != nil && ip.To4() != nil {
			return f.Addr, nil
		}
		if addr == "" {
			addr = f.Addr
		}
	}
	if addr == "" {
		return "", ErrNotFound
	}
	return addr, nil
}

// FromEntry turns an mDNS answer into a Found; ok is false when it lacks
// an address or a port.
func FromEntry(instance, host string, v4 net.IP, v6 *net.IPAddr, port int, txt []string) (Found, bool) {
	f := Found{Instance: instance}
	for _, t := range txt {
		if v, ok := strings.CutPrefix(t, "fp="); ok {
			f.Fingerprint = v
		}
	}
	switch {
	case port <= 0 || port > 65535:
		return f, false
	case v4 != nil:
		f.Addr = net.JoinHostPort(v4.String(), strconv.Itoa(port))
	case v6 != nil:
		f.Addr = net.JoinHostPort(v6.String(), strconv.Itoa(port))
	default:
		return f, false
	}
	return f, true
}

// MDNS browses the local network by multicast DNS.
type MDNS struct {
	Timeout time.Duration // default 2 s
}

// Browse sends one query and gathers the answers until the timeout.
func (m MDNS) Browse(ctx context.Context) ([]Found, error) {
	timeout := m.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	entries := make(chan *mdns.ServiceEntry, 32)
	p := mdns.DefaultParams(Service)
	p.Entries, p.Timeout, p.DisableIPv6 = entries, timeout, true
	p.Logger = log.New(io.Discard, "", 0)
	errc := make(chan error, 1)
	go func() {
		errc <- mdns.QueryContext(ctx, p)
		close(entries)
	}()
	var out []Found
	for e := range entries {
		if !strings.Contains(e.Name, Service) {
			continue
		}
		instance, _, _ := strings.Cut(e.Name, "."+Service)
		if f, ok := FromEntry(unescape(instance), e.Host, e.AddrV4, e.AddrV6IPAddr, e.Port, e.InfoFields); ok {
			out = append(out, f)
		}
	}
	if err := <-errc; err != nil {
		return out, fmt.Errorf("discovery: %w", err)
	}
	return out, nil
}

func unescape(s string) string { return strings.ReplaceAll(s, `\ `, " ") }

// Advertise announces a station on the network until stop is called:
// its name, port and certificate fingerprint (TXT fp=…).
func Advertise(instance string, port int, fingerprint string) (stop func() error, err error) {
	host, err := hostName()
	if err != nil {
		return nil, err
	}
	ips, err := localIPs()
	if err != nil {
		return nil, err
	}
	svc, err := mdns.NewMDNSService(instance, Service, "", host, port, ips, []string{"fp=" + fingerprint})
	if err != nil {
		return nil, fmt.Errorf("discovery: %w", err)
	}
	srv, err := mdns.NewServer(&mdns.Config{Zone: svc, Logger: log.New(io.Discard, "", 0)})
	if err != nil {
		return nil, fmt.Errorf("discovery: %w", err)
	}
	return srv.Shutdown, nil
}

func hostName() (string, error) {
	h, err := os.Hostname()
	if err != nil {
		return "", fmt.Errorf("discovery: host name: %w", err)
	}
	h, _, _ = strings.Cut(h, ".")
	return h + ".local.", nil
}

// localIPs returns this PC's IPv4 addresses other than loopback: the
// addresses the record gives (the PC's name may not resolve).
func localIPs() ([]net.IP, error) {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil, fmt.Errorf("discovery: addresses: %w", err)
	}
	var ips []net.IP
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			ips = append(ips, n.IP)
		}
	}
	if len(ips) == 0 {
		return nil, errors.New("discovery: this PC has no network address to announce")
	}
	return ips, nil
}
