package sqlite_test

import (
	"context"
	"testing"
	"time"

	"pasapas/internal/room"
	"pasapas/internal/visit"
)

// QueuePastVisits queues this PC's ended visits, oldest first, each once
// with its help requests, as past events — not a visit still open, not
// one that came from a kiosk of a room.
func TestDB_QueuePastVisits(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	at := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	ended := func(key string, i int) visit.Visit {
		v := visit.Visit{Key: key, Started: at.Add(time.Duration(i) * time.Hour), Lang: "fr", GuideID: "ameli-compte",
			StepCount: 6, FurthestStep: 6, MaxTextSize: 1}
		v.Updated = v.Started.Add(10 * time.Minute)
		v.Ended, v.Outcome = v.Updated, visit.Done
		return v
	}
	v1, v2, v3 := ended("past-1", 0), ended("past-2", 1), ended("past-3", 2)
	h := visit.HelpRequest{VisitKey: v2.Key, Raised: v2.Started.Add(time.Minute), GuideID: "ameli-compte", Step: 3,
		Screen: visit.Step}
	v2.HelpCount, v2.FirstHelp = 1, h.Raised
	if err := db.RaiseHelp(ctx, v2, h); err != nil {
		t.Fatal(err)
	}
	for _, v := range []visit.Visit{v1, v2, v3} {
		if err := db.SaveVisit(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	open := ended("still-open", 3)
	open.Ended, open.Outcome = time.Time{}, ""
	if err := db.SaveVisit(ctx, open); err != nil {
		t.Fatal(err)
	}
	fromKiosk, err := room.NewVisitEvent(ended("from-a-kiosk", 4), at)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ApplyRoomEvent(ctx, "k0000000001", fromKiosk); err != nil {
		t.Fatal(err)
	}

	for i, want := range []int{2, 1, 0, 0} {
		if n, err := db.QueuePastVisits(ctx, 2); err != nil || n != want {
			t.Fatalf("Got(QueuePastVisits #%d) = %d, %v, want %d, nil", i+1, n, err, want)
		}
	}
	out, err := db.PendingOutbox(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range out {
		e, err := room.DecodeEvent(o.Data)
		if err != nil {
			t.Fatalf("Got(DecodeEvent(%s)) = %v, want nil", o.ID, err)
		}
		if !e.Past || e.ID != o.ID {
			t.Errorf("Got(event %s) = past %v, id %s, want a past event of its outbox id", o.ID, e.Past, e.ID)
		}
		got = append(got, string(e.Kind)+" "+e.Visit.Key)
	}
	want := []string{"visit past-1", "help past-2", "visit past-2", "visit past-3"}
	if len(got) != len(want) {
		t.Fatalf("Got(outbox) = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Got(outbox) = %v, want %v", got, want)
		}
	}
	// The same visits give the same events: a station applies them once.
	again := room.PastEvents(v2, []visit.HelpRequest{h}, at)
	if again[0].ID != out[1].ID || again[1].ID != out[2].ID {
		t.Errorf("Got(ids of past-2's events again) = %s, %s, want %s, %s", again[0].ID, again[1].ID, out[1].ID, out[2].ID)
	}
}
