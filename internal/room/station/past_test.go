package station_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/room"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// The SQLite database holds a former « poste seul »'s visits for its link.
var _ link.PastVisits = (*sqlite.DB)(nil)

// A PC that was a « poste seul » for a while — 30 kiosk visits, 6 with a
// help request, and an accompaniment of a named beneficiary — joins a
// station: the station's database then counts the 30 visits once, under
// the kiosk's name, with their help requests closed, and holds nothing of
// the journal. The kiosk started twice more sends nothing more; a kiosk
// that lost its marks (an old copy of its database) sends them again and
// the station still counts them once.
func TestPastVisits_SentOnce(t *testing.T) {
	ctx := context.Background()
	dbDir := t.TempDir()
	stationDB := openDB(t, dbDir)
	var news atomic.Int64
	st, stationDir := newStation(t, stationDB, station.Options{OnEvent: func(string, room.Event) { news.Add(1) }})
	kioskDir := t.TempDir()
	const canary = "Ébrard-7c1f"
	keys, helps := seedPosteSeul(t, kioskDir, 30, canary)

	code, _, err := st.NewCode()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := link.Join(ctx, kioskDir, st.Addr(), room.FormatCode(code), "Poste ancien"); err != nil {
		t.Fatal(err)
	}
	counts := func() (events, visits int) {
		t.Helper()
		n, err := stationDB.RoomEventCount(ctx)
		if err != nil {
			t.Fatal(err)
		}
		vs, err := stationDB.Visits(ctx, t0.AddDate(-1, 0, 0), t0.AddDate(0, 0, 1))
		if err != nil {
			t.Fatal(err)
		}
		return n, len(vs)
	}
	wantEvents := len(keys) + helps
	began := time.Now()
	runKiosk(t, kioskDir, st.Addr(), func() bool { n, _ := counts(); return n >= wantEvents })
	took := time.Since(began)
	if n := unmarked(t, kioskDir); n != 0 {
		t.Fatalf("Got(past visits not marked sent on the kiosk) = %d, want 0", n)
	}
	for restart := range 2 {
		runKiosk(t, kioskDir, st.Addr(), nil)
		if n := unmarked(t, kioskDir); n != 0 {
			t.Fatalf("after restart %d: Got(past visits not marked sent on the kiosk) = %d, want 0", restart+1, n)
		}
		if n, v := counts(); n != wantEvents || v != len(keys) {
			t.Fatalf("after restart %d: Got(events, visits on the station) = %d, %d, want %d, %d",
				restart+1, n, v, wantEvents, len(keys))
		}
	}

	// Every past visit once, from the kiosk, as it ended on the kiosk.
	d, err := stationDB.ReportData(ctx, report.Query{From: journal.DateOf(t0.AddDate(-1, 0, 0)),
		To: journal.DateOf(t0.AddDate(0, 0, 1)), Start: t0.AddDate(-1, 0, 0), End: t0.AddDate(0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	helpCount := 0
	for _, v := range d.Visits {
		seen[v.Key]++
		helpCount += v.HelpCount
		if v.Ended.IsZero() || v.Outcome != visit.Done {
			t.Errorf("Got(visit %s on the station) = ended %v, outcome %q, want ended, %q", v.Key, v.Ended, v.Outcome, visit.Done)
		}
		if k := d.VisitKiosks[v.Key]; k != "Poste ancien" {
			t.Errorf("Got(kiosk of visit %s) = %q, want %q", v.Key, k, "Poste ancien")
		}
	}
	for _, k := range keys {
		if seen[k] != 1 {
			t.Errorf("Got(visit %s in the station's statistics) = %d times, want once", k, seen[k])
		}
	}
	if helpCount != helps {
		t.Errorf("Got(help requests counted) = %d, want %d", helpCount, helps)
	}
	if len(d.Accompaniments) != 0 || len(d.Beneficiaries) != 0 {
		t.Errorf("Got(accompaniments, beneficiaries on the station) = %d, %d, want none", len(d.Accompaniments),
			len(d.Beneficiaries))
	}
	if open, err := stationDB.OpenHelp(ctx); err != nil || len(open) != 0 {
		t.Errorf("Got(open help requests on the station) = %d, %v, want 0 (past requests close with their visit)", len(open), err)
	}
	if n := countRows(t, stationDB, "SELECT count(*) FROM help_requests WHERE resolved_at IS NOT NULL"); n != helps {
		t.Errorf("Got(closed help requests on the station) = %d, want %d", n, helps)
	}
	if n := news.Load(); n != 0 {
		t.Errorf("Got(OnEvent calls for past visits) = %d, want 0 (no news of the room)", n)
	}
	for _, dir := range []string{stationDir, dbDir} {
		if f := fileWith(t, dir, canary); f != "" {
			t.Errorf("Got(%s) holds the beneficiary's name, want nothing named on the station", f)
		}
	}

	// A kiosk whose marks are gone sends everything again: counted once.
	forgetMarks(t, kioskDir)
	if n := unmarked(t, kioskDir); n != len(keys) {
		t.Fatalf("Got(past visits to send again) = %d, want %d", n, len(keys))
	}
	runKiosk(t, kioskDir, st.Addr(), nil)
	if n := unmarked(t, kioskDir); n != 0 {
		t.Fatalf("Got(past visits not marked sent on the kiosk) = %d, want 0 (sent again)", n)
	}
	if n, v := counts(); n != wantEvents || v != len(keys) {
		t.Fatalf("after the marks were lost: Got(events, visits on the station) = %d, %d, want %d, %d",
			n, v, wantEvents, len(keys))
	}
	t.Logf("%d past visits (%d help requests) of a former poste seul on the station once, in %v; "+
		"3 more starts of the kiosk (one without its marks) added nothing", len(keys), helps, took.Round(time.Millisecond))
}

// seedPosteSeul writes n ended kiosk visits, one in five with a help
// request, to the database of dir, as a « poste seul » does, and an
// accompaniment of a beneficiary whose name holds canary. It returns the
// visits' keys and the number of help requests.
func seedPosteSeul(t *testing.T, dir string, n int, canary string) ([]string, int) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}()
	var keys []string
	helps := 0
	for i := range n {
		v := aVisit(fmt.Sprintf("seul-%02d", i))
		v.Started = t0.AddDate(0, 0, -n+i)
		v.Updated = v.Started.Add(10 * time.Minute)
		if i%5 == 0 {
			h := visit.HelpRequest{VisitKey: v.Key, Raised: v.Started.Add(5 * time.Minute), GuideID: v.GuideID,
				Step: 2, Screen: visit.Step}
			v.HelpCount, v.FirstHelp = 1, h.Raised
			if err := db.RaiseHelp(ctx, v, h); err != nil {
				t.Fatal(err)
			}
			helps++
		}
		v.Ended, v.Outcome, v.FurthestStep = v.Updated, visit.Done, v.StepCount
		if err := db.SaveVisit(ctx, v); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, v.Key)
	}
	id, err := db.CreateAccount(ctx, account.Account{Name: "claire", DisplayName: "Claire", Role: account.Coordinator,
		Verifier: "x", Created: t0})
	if err != nil {
		t.Fatal(err)
	}
	b := journal.NewBeneficiary(journal.DateOf(t0), id)
	b.FirstName, b.LastName = "Zoé", canary
	if b, err = db.SaveBeneficiary(ctx, b); err != nil {
		t.Fatal(err)
	}
	a := journal.NewAccompaniment(journal.DateOf(t0), id)
	a.BeneficiaryID, a.DurationMinutes, a.Procedure = b.ID, 30, "Aide au logement "+canary
	a.Place.Name = "Centre social des Lilas"
	a.Themes = []journal.Theme{journal.ThemeAideAuxDemarchesAdministratives}
	if _, err := db.SaveAccompaniment(ctx, a); err != nil {
		t.Fatal(err)
	}
	return keys, helps
}

// runKiosk starts the kiosk of dir as the program does (its database,
// visits left open closed, its link), until done holds — or, with done
// nil, until its outbox has been empty for 1.5 s — then stops it.
func runKiosk(t *testing.T, dir, addr string, done func() bool) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CloseOpenVisits(ctx); err != nil {
		t.Fatal(err)
	}
	l, err := link.Open(dir, link.Options{Outbox: db, Station: addr})
	if err != nil {
		t.Fatal(err)
	}
	empty := func() bool {
		p, err := db.PendingOutbox(ctx, 1)
		return err == nil && len(p) == 0
	}
	if done == nil {
		waitFor(t, "the kiosk connected", l.Connected)
		time.Sleep(1500 * time.Millisecond) // a round of the sender, and more
		done = empty
	}
	waitForLong(t, "the kiosk's events delivered", func() bool { return done() && empty() })
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// forgetMarks clears the kiosk's marks of past visits sent, as an old
// copy of its database would have them.
func forgetMarks(t *testing.T, dir string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	res, err := raw.Exec(`UPDATE visits SET room_queued_at = NULL`)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		t.Fatalf("Got(marks cleared) = %d, %v, want the kiosk's visits", n, err)
	}
}

// unmarked returns how many visits of the kiosk of dir are not marked sent.
func unmarked(t *testing.T, dir string) int {
	t.Helper()
	return countFile(t, filepath.Join(dir, sqlite.FileName), "SELECT count(*) FROM visits WHERE room_queued_at IS NULL")
}

func countRows(t *testing.T, db *sqlite.DB, query string) int {
	t.Helper()
	return countFile(t, db.Path(), query)
}

func countFile(t *testing.T, path, query string) int {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// fileWith returns the first file under dir whose bytes hold s, or "".
func fileWith(t *testing.T, dir, s string) string {
	t.Helper()
	var found string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || found != "" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(s)) {
			found = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}
