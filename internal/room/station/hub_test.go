package station_test

import (
	"context"
	"encoding/json"
	"net"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"

	"pasapas/internal/room"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
)

// A federation hub and two leaf stations on localhost: the anonymous
// activity of both centres reaches the hub; the room's own subjects do
// not.
func TestHub_TwoLeafStations(t *testing.T) {
	leafAddr := freeAddr(t)
	_, leafPort, err := net.SplitHostPort(leafAddr)
	if err != nil {
		t.Fatal(err)
	}
	port, err := strconv.Atoi(leafPort)
	if err != nil {
		t.Fatal(err)
	}
	hubOpts := &server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, NoSigs: true, NoLog: true,
		LeafNode: server.LeafNodeOpts{Host: "127.0.0.1", Port: port}}
	hub, err := server.NewServer(hubOpts)
	if err != nil {
		t.Fatal(err)
	}
	go hub.Start()
	defer hub.Shutdown()
	if !hub.ReadyForConnections(10 * time.Second) {
		t.Fatal("Got(hub) = not ready, want ready")
	}
	leafURL, err := url.Parse("nats-leaf://" + leafAddr)
	if err != nil {
		t.Fatal(err)
	}
	hc, err := nats.Connect(hub.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	defer hc.Close()
	fed, err := hc.SubscribeSync(room.FedRoot + ".>")
	if err != nil {
		t.Fatal(err)
	}
	leak, err := hc.SubscribeSync("room.>")
	if err != nil {
		t.Fatal(err)
	}
	if err := hc.Flush(); err != nil {
		t.Fatal(err)
	}

	var links []*link.Link
	for _, centre := range []string{"montreuil", "bobigny"} {
		dir := t.TempDir()
		cfg, err := station.Init(dir, "127.0.0.1:0", centre)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Hub = &station.Hub{URL: leafURL.String(), Centre: centre}
		if err := station.SaveConfig(dir, cfg); err != nil {
			t.Fatal(err)
		}
		st, err := station.Open(context.Background(), dir, station.Options{Store: newFakeStore()})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := st.Close(); err != nil {
				t.Error(err)
			}
		})
		l := openLink(t, pair(t, st, "Poste 1"), link.Options{Outbox: &memOutbox{}})
		waitFor(t, "Connected", l.Connected)
		links = append(links, l)
	}
	waitFor(t, "two leaf nodes on the hub", func() bool { return hub.NumLeafNodes() == 2 })
	// Interest travels to the leaves asynchronously: send until both
	// centres' activity arrives.
	got := map[string]bool{}
	deadline := time.Now().Add(15 * time.Second)
	for i := 0; len(got) < 2; i++ {
		if time.Now().After(deadline) {
			t.Fatalf("Got(centres on the hub) = %v, want both", got)
		}
		for _, l := range links {
			if _, err := l.RaiseHelp(context.Background(), aVisit(l.Info().ID+"-"+string(rune('a'+i))), aHelp("x")); err != nil {
				t.Fatal(err)
			}
		}
		for {
			m, err := fed.NextMsg(200 * time.Millisecond)
			if err != nil {
				break
			}
			var e room.Event
			if err := json.Unmarshal(m.Data, &e); err != nil {
				t.Fatalf("Got(hub message) = %q, want an event", m.Data)
			}
			got[m.Subject] = true
		}
	}
	for _, s := range []string{room.FedRoot + ".montreuil.event", room.FedRoot + ".bobigny.event"} {
		if !got[s] {
			t.Errorf("Got(hub subjects) = %v, want %s", got, s)
		}
	}
	if m, err := leak.NextMsg(300 * time.Millisecond); err == nil {
		t.Fatalf("Got(room subject on the hub) = %s, want nothing of the room", m.Subject)
	}
}
