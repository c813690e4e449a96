package app

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pasapas/internal/account"
	"pasapas/internal/audit"
	"pasapas/internal/datadir"
	"pasapas/internal/journal"
	"pasapas/internal/sqlite"
)

// uiLoop is the tests' UI goroutine: Fyne's test driver runs fyne.Do in
// place, on whatever goroutine calls it, so the app's timers and
// background work would touch widgets beside the test. Everything that
// touches widgets — the app's posts and the test's own steps — runs here,
// one at a time. Posts after the test ended (a background read finishing
// late) are dropped.
type uiLoop struct {
	mu     sync.Mutex
	closed bool
	fs     chan func()
}

func newLoop(t *testing.T) *uiLoop {
	l := &uiLoop{fs: make(chan func(), 1024)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for f := range l.fs {
			f()
		}
	}()
	t.Cleanup(func() {
		l.mu.Lock()
		l.closed = true
		close(l.fs)
		l.mu.Unlock()
		<-done
	})
	return l
}

func (l *uiLoop) post(f func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		l.fs <- f
	}
}

// do runs f on the loop and waits for it.
func (l *uiLoop) do(f func()) {
	done := make(chan struct{})
	l.post(func() { defer close(done); f() })
	<-done
}

// open opens the app on dir with Fyne's test app, as main does, on the
// test's UI loop, and closes it at the end of the test.
func open(t *testing.T, dir string) (*App, *uiLoop) {
	t.Helper()
	l := newLoop(t)
	var a *App
	var err error
	l.do(func() {
		a, err = Open(context.Background(), Config{DataDir: dir, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
			Fyne: test.NewTempApp(t), Post: l.post})
	})
	if err != nil {
		t.Fatalf("Open(%s) = %v, want an app", dir, err)
	}
	t.Cleanup(func() { l.do(a.Close) })
	return a, l
}

// shown returns the texts of the labels and buttons of w's content.
func shown(w fyne.Window) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		case *widget.RichText:
			b.WriteString(o.String() + "\n")
		case *widget.Button:
			b.WriteString(o.Text + "\n")
		case fyne.Widget:
			walk(test.WidgetRenderer(o).Objects()[0])
			for _, c := range test.WidgetRenderer(o).Objects()[1:] {
				walk(c)
			}
			return
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(w.Content())
	return b.String()
}

// waitShown waits until w shows want (the space reads the database off
// the UI goroutine, then draws), and returns what it shows.
func waitShown(t *testing.T, l *uiLoop, w fyne.Window, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := ""
		l.do(func() { got = shown(w) })
		if strings.Contains(got, want) {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("the window shows %q, want %q", got, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A fresh data folder opens on the installation: the kiosk says so, and
// once the first screen is drawn the mediator window asks for the
// coordinator's account. Close releases the folder: it opens again.
func TestOpen_FreshFolderIsTheInstallation_CloseReleases(t *testing.T) {
	dir := t.TempDir()
	a, l := open(t, dir)
	if !a.setup || a.role != Alone {
		t.Fatalf("Got(setup, role) = %v, %v, want the installation of a « poste seul »", a.setup, a.role)
	}
	waitShown(t, l, a.win, "Installation")
	if a.sw != nil {
		t.Fatal("the mediator window was made before the first screen was drawn")
	}
	l.do(a.started)
	if a.sw == nil {
		t.Fatal("no mediator window after the first screen")
	}
	waitShown(t, l, a.sw, "Poste seul")               // what this PC is, first
	l.do(func() { test.Tap(a.space.RoleButtons[0]) }) // Poste seul
	waitShown(t, l, a.sw, "coordina")
	// A second copy on the same folder is refused, with a reason main
	// shows in a window.
	_, err := Open(context.Background(), Config{DataDir: dir, Log: a.log, Fyne: test.NewTempApp(t)})
	var se *startError
	if !errors.As(err, &se) || datadir.Why(err) != datadir.ReasonInUse {
		t.Fatalf("Open on a folder in use = %v, want a start error « already running »", err)
	}
	l.do(a.Close)
	b, _ := open(t, dir)
	if b.db == nil {
		t.Fatal("the folder did not open again after Close")
	}
}

// Retention runs as a scheduled job, off the UI goroutine: a named
// beneficiary whose period is over is anonymised soon after the start,
// and the audit trail says how many.
func TestOpen_RetentionIsAScheduledJob(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, sqlite.FileName))
	if err != nil {
		t.Fatal(err)
	}
	id, err := db.CreateAccount(ctx, account.Account{Name: "claire", DisplayName: "Claire", Role: account.Coordinator,
		Verifier: "x", Created: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	old := journal.NewBeneficiary(journal.DateOf(time.Now().AddDate(-5, 0, 0)), id)
	old.FirstName, old.LastName = "Zoé", "Ébrard"
	if old, err = db.SaveBeneficiary(ctx, old); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	a, _ := open(t, dir)
	if a.setup {
		t.Fatal("a folder with an account opened on the installation")
	}
	deadline := time.Now().Add(FirstTidyAfter + 20*time.Second)
	for {
		b, err := a.db.Beneficiary(ctx, old.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !b.Erased.IsZero() {
			if b.FirstName != "" || b.LastName != "" {
				t.Fatalf("Got(anonymised beneficiary) = %+v, want no name", b)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the beneficiary of five years ago is still named %v after the start", FirstTidyAfter+20*time.Second)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var entries []audit.Entry
	for range 100 { // the audit line follows the anonymisation
		if entries, err = a.db.AuditEntries(ctx, time.Now().Add(-time.Hour), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Action == audit.Retention && e.Detail == "1" {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("Got(audit) = %+v, want a retention entry for 1 beneficiary", entries)
}
