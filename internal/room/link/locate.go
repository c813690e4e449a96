package link

import (
	"context"
	"net"
	"sync"
	"time"
)

// RelocateAfter is how long without reaching the station before the link
// looks for it on the network (its address may have changed: DHCP, a new
// PC with the same data folder), and the shortest time between two looks.
const RelocateAfter = 10 * time.Second

// stationDialer dials the station's last known address; when that has
// failed for RelocateAfter, it asks Options.Locate where the station with
// the pinned certificate is now, dials there, and records the new address
// (SetStation). The certificate's pin is checked by TLS whatever the
// address: a machine found at a new address that is not the station is
// refused by the handshake.
type stationDialer struct {
	dataDir, fp string
	locate      func(ctx context.Context, fingerprint string) (string, error)
	link        *Link // for its logger
	now         func() time.Time
	after       time.Duration // RelocateAfter, or the test's

	mu       sync.Mutex
	addr     string
	lastOK   time.Time // the last dial that worked (or the start)
	lastLook time.Time
}

// Dial implements nats.CustomDialer; address (the URL's) is ignored for
// the current one.
func (d *stationDialer) Dial(network, _ string) (net.Conn, error) {
	d.mu.Lock()
	addr := d.addr
	d.mu.Unlock()
	c, err := net.DialTimeout(network, addr, 2*time.Second)
	if err == nil {
		d.mu.Lock()
		d.lastOK = d.now()
		d.mu.Unlock()
		return c, nil
	}
	found := d.relocate(addr)
	if found == "" {
		return nil, err
	}
	return net.DialTimeout(network, found, 2*time.Second)
}

// relocate asks where the station is, at most once per RelocateAfter and
// only after RelocateAfter without reaching it; it returns a new address,
// or "".
func (d *stationDialer) relocate(old string) string {
	now := d.now()
	d.mu.Lock()
	if d.locate == nil || now.Sub(d.lastOK) < d.after || now.Sub(d.lastLook) < d.after {
		d.mu.Unlock()
		return ""
	}
	d.lastLook = now
	d.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	found, err := d.locate(ctx, d.fp)
	if err != nil || found == "" || found == old {
		return ""
	}
	if err := SetStation(d.dataDir, found); err != nil {
		d.link.log.Warn("room: the station's new address is not saved", "addr", found, "err", err)
	}
	d.link.log.Info("room: the station moved", "from", old, "to", found)
	d.mu.Lock()
	d.addr = found
	d.mu.Unlock()
	return found
}
