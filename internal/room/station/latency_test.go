package station_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"pasapas/internal/room"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
)

// BenchmarkHelpDelivery measures how long a help request takes from the
// kiosk's call to the station's SQLite database (outbox write, publish,
// JetStream ack and store, consumer, ApplyRoomEvent), both on SQLite, and
// reports p50 and p99.
//
//	go test ./internal/room/station -run '^$' -bench HelpDelivery -benchtime 300x
func BenchmarkHelpDelivery(b *testing.B) {
	applied := make(chan room.Event, 1)
	db := openDB(b, b.TempDir())
	st, _ := newStation(b, db, station.Options{OnEvent: func(_ string, e room.Event) { applied <- e }})
	kioskDir := pair(b, st, "Poste")
	l := openLink(b, kioskDir, link.Options{Outbox: openDB(b, kioskDir)})
	waitFor(b, "Connected", l.Connected)
	rec := l.Store(nil)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		key := fmt.Sprintf("bench-%d", i)
		began := time.Now()
		if err := rec.RaiseHelp(ctx, aVisit(key), aHelp(key)); err != nil {
			b.Fatal(err)
		}
		e := <-applied
		lat = append(lat, time.Since(began))
		if e.Visit.Key != key {
			b.Fatalf("Got(applied) = %s, want %s", e.Visit.Key, key)
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
