package discovery_test

import (
	"context"
	"errors"
	"net"
	"testing"

	"pasapas/internal/room/discovery"
)

type fakeBrowser struct {
	found []discovery.Found
	err   error
}

func (f fakeBrowser) Browse(context.Context) ([]discovery.Found, error) { return f.found, f.err }

const pin = "ab12cd34"

func TestLocate(t *testing.T) {
	boom := errors.New("no multicast")
	tests := []struct {
		name    string
		b       fakeBrowser
		want    string
		wantErr error
	}{
		{"the station moved", fakeBrowser{found: []discovery.Found{
			{Instance: "Autre centre", Addr: "192.168.1.9:4737", Fingerprint: "ffff"},
			{Instance: "Accueil", Addr: "192.168.1.20:4737", Fingerprint: pin},
		}}, "192.168.1.20:4737", nil},
		{"IPv4 preferred", fakeBrowser{found: []discovery.Found{
			{Addr: "[fe80::1]:4737", Fingerprint: pin},
			{Addr: "10.0.0.5:4737", Fingerprint: "AB12CD34"},
		}}, "10.0.0.5:4737", nil},
		{"IPv6 only", fakeBrowser{found: []discovery.Found{{Addr: "[fe80::1]:4737", Fingerprint: pin}}}, "[fe80::1]:4737", nil},
		{"only another station", fakeBrowser{found: []discovery.Found{{Addr: "10.0.0.5:4737", Fingerprint: "ffff"}}}, "", discovery.ErrNotFound},
		{"nothing answers", fakeBrowser{}, "", discovery.ErrNotFound},
		{"a record without fingerprint", fakeBrowser{found: []discovery.Found{{Addr: "10.0.0.5:4737"}}}, "", discovery.ErrNotFound},
		{"browsing fails", fakeBrowser{err: boom}, "", boom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := discovery.Locate(context.Background(), tt.b, pin)
			if got != tt.want || !errors.Is(err, tt.wantErr) {
				t.Fatalf("Got(Locate) = %q, %v, want %q, %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestFromEntry(t *testing.T) {
	f, ok := discovery.FromEntry("Accueil", "pc.local.", net.IPv4(192, 168, 1, 20), nil, 4737, []string{"x=y", "fp=" + pin})
	if !ok || f.Addr != "192.168.1.20:4737" || f.Fingerprint != pin || f.Instance != "Accueil" {
		t.Fatalf("Got(FromEntry) = %+v, %v, want the address and fingerprint", f, ok)
	}
	if _, ok := discovery.FromEntry("x", "h", nil, nil, 4737, nil); ok {
		t.Fatal("Got(FromEntry without address) = ok, want not ok")
	}
	if _, ok := discovery.FromEntry("x", "h", net.IPv4(1, 2, 3, 4), nil, 0, nil); ok {
		t.Fatal("Got(FromEntry without port) = ok, want not ok")
	}
}
