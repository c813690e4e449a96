package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"pasapas/internal/failure"
	"pasapas/internal/guide"
	"pasapas/internal/journal"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// TestDB_DiskFull_NoPartialRecord writes accompaniments (each a row and
// seven child rows) of many sizes into a database capped a few pages
// above its size: each save either is whole or fails with DiskFull and
// leaves nothing, wherever in the transaction the space ran out.
func TestDB_DiskFull_NoPartialRecord(t *testing.T) {
	ctx := context.Background()
	db, _, _, mediator := openJournal(t)
	writeRecords(t, db, mediator, 3)
	limit, err := sqlite.LimitPages(ctx, db, 4)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "LimitPages", err)
	}
	saved, full := 0, 0
	for i := range 120 {
		a := fullAccompaniment(mediator, i)
		a.Notes = strings.Repeat("n", (i*397)%journal.MaxNotesLen)
		a.Tags = []string{strings.Repeat("t", 1+i%50), fmt.Sprintf("lot-%d", i)}
		before := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM accompaniments")
		_, err := db.SaveAccompaniment(ctx, a)
		after := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM accompaniments")
		switch {
		case err == nil:
			saved++
			if after != before+1 {
				t.Errorf("Got(%q) = %d, want %d", "count after a save", after, before+1)
			}
		case failure.KindOf(err) == failure.DiskFull:
			full++
			if after != before {
				t.Errorf("Got(%q) = %d, want %d (a failed save leaves nothing)", "count after a full disk", after, before)
			}
		default:
			t.Fatalf("Got(%q) = %v, want nil or %s", "SaveAccompaniment", err, failure.DiskFull)
		}
	}
	if full == 0 || saved == 0 {
		t.Fatalf("Got(%q) = %d saved, %d disk full, want both", "saves under a cap", saved, full)
	}
	for _, p := range wholeTransactions(t, sqlite.Writer(db)) {
		t.Errorf("Got(%q) = %s, want whole records only", "after a full disk", p)
	}
	if got := queryInt(t, sqlite.Writer(db), "PRAGMA page_count"); got > limit {
		t.Errorf("Got(%q) = %d, want at most %d", "page_count", got, limit)
	}
	var integrity string
	if err := sqlite.Writer(db).QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("Got(%q) = %q, %v, want ok", "PRAGMA integrity_check", integrity, err)
	}
	t.Logf("%d saves fitted, %d failed with %s, none left half written", saved, full, failure.DiskFull)
}

// recorderGuide is a guide with a checklist and three steps.
const recorderGuide = `id = "essai"
category = "sante"
url = "https://www.ameli.fr"
checked = 2026-01-10
title = "Essai"
[[checklist]]
id = "carte"
text = "Votre carte."
missing = "Demandez-la."
[[steps]]
id = "un"
title = "Un"
text = ["Première étape."]
[[steps]]
id = "deux"
title = "Deux"
text = ["Deuxième étape."]
[[steps]]
id = "trois"
title = "Trois"
text = ["Troisième étape."]
`

// fillUp caps the database at its size and fills what room is left in
// its pages with visits of shrinking keys, until nothing fits.
func fillUp(t *testing.T, db *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	if _, err := sqlite.LimitPages(ctx, db, 0); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "LimitPages", err)
	}
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	n := 0
	for _, size := range []int{1000, 300, 100, 30, 10, 3, 1} {
		for fails := 0; fails < 20; {
			n++
			key := fmt.Sprintf("%0*d", size, n)
			err := db.SaveVisit(ctx, visit.Visit{Key: key, Started: at, Updated: at, Lang: "fr", MaxTextSize: 1})
			if err != nil {
				if failure.KindOf(err) != failure.DiskFull {
					t.Fatalf("Got(%q) = %v, want %s", "fill", err, failure.DiskFull)
				}
				fails++
			}
		}
	}
}

// TestRecorder_StoreFails walks a visitor through a whole guide while
// every write fails (a full disk, a folder turned read-only): the kiosk's
// screens go on as if nothing happened, the recorder tells its OnError of
// the failure with its kind (the mediator space shows it) and, at Close,
// of the writes it kept and could not store, and no half record is left.
func TestRecorder_StoreFails(t *testing.T) {
	lib, ps := guide.Load(guide.Options{}, guide.Source{FS: fstest.MapFS{
		"essai.fr.toml": {Data: []byte(recorderGuide)},
	}, Dir: ".", Name: "test"})
	if guide.HasErrors(ps) {
		t.Fatalf("Got(%q) = %v, want no error", "guide.Load", ps)
	}
	for _, tc := range []struct {
		name string
		fail func(t *testing.T, db *sqlite.DB)
		kind failure.Kind
	}{
		{"disk full", fillUp, failure.DiskFull},
		{"read-only", func(t *testing.T, db *sqlite.DB) {
			// What SQLite answers when the folder or file became read-only
			// under a running program (TestOpen_ReadOnlyFolder covers a
			// folder read-only from the start).
			if _, err := sqlite.Writer(db).Exec("PRAGMA query_only = 1"); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "query_only", err)
			}
		}, failure.ReadOnly},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := openDB(t)
			tc.fail(t, db)
			visitsBefore := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM visits")

			var mu sync.Mutex
			var errs []error
			rec := visit.NewRecorder(db, func(err error) {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			})
			clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			k := visit.NewKiosk(visit.Config{}, lib, rec, func() time.Time { return clock })
			steps := []struct {
				do   func()
				want visit.Screen
			}{
				{k.Start, visit.Categories},
				{func() { k.ChooseCategory("sante") }, visit.Intro},
				{k.Begin, visit.Checklist},
				{func() { k.Answer(true) }, visit.Step},
				{k.AskHelp, visit.Step},
				{k.DismissHelp, visit.Step},
				{k.Next, visit.Step},
				{k.Next, visit.Step},
				{k.Next, visit.Result},
				{func() { k.Finish(visit.Done) }, visit.Goodbye},
				{k.Leave, visit.Welcome},
			}
			for i, s := range steps {
				clock = clock.Add(10 * time.Second)
				s.do()
				if got := k.Screen(); got != s.want {
					t.Fatalf("Got(%q) = %v, want %v", fmt.Sprint("screen after action ", i), got, s.want)
				}
			}
			rec.Close()

			mu.Lock()
			defer mu.Unlock()
			if len(errs) == 0 {
				t.Fatalf("Got(%q) = no error reported, want %s", "OnError", tc.kind)
			}
			for _, err := range errs {
				if got := failure.KindOf(err); got != tc.kind {
					t.Errorf("Got(%q) = %v (%v), want %v", "KindOf(reported error)", got, err, tc.kind)
				}
			}
			after := queryInt(t, sqlite.Writer(db), "SELECT count(*) FROM visits")
			if tc.kind == failure.ReadOnly && after != visitsBefore {
				t.Errorf("Got(%q) = %d, want %d", "count(visits)", after, visitsBefore)
			}
			for _, p := range wholeTransactions(t, sqlite.Writer(db)) {
				t.Errorf("Got(%q) = %s, want whole records only", "after failed writes", p)
			}
			t.Logf("%d reports (failures, writes dropped at Close), all %s; the visitor went from welcome to goodbye", len(errs), tc.kind)
		})
	}
}
