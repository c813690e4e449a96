package visit

import (
	"testing"
	"time"
)

// Typing in the official site is seen only through the system's idle time:
// NoteIdle keeps the visit going as a tap in the kiosk would.
func TestKiosk_NoteIdle_SystemIdle(t *testing.T) {
	k, _, c := newTestKiosk(t)
	k.OpenGuide("essai")
	k.Begin()
	k.SiteOpened()
	// Five minutes of typing in the site, the system reporting input every
	// few seconds: never a warning.
	for i := 0; i < 100; i++ {
		c.advance(3 * time.Second)
		k.NoteIdle(time.Second)
		if idle := k.Tick(); idle.Warning {
			t.Fatalf("after %v of typing in the site: the idle warning showed", time.Duration(i+1)*3*time.Second)
		}
	}
	if k.Screen() != Checklist {
		t.Fatalf("Screen() = %v after typing in the site, want the checklist kept", k.Screen())
	}
	// The system idle as long as the kiosk: nothing changes; longer than
	// the last input known (the idle counter restarted elsewhere): nothing
	// moves back either.
	c.advance(DefaultIdleAfter - 2*time.Second)
	k.NoteIdle(DefaultIdleAfter - 2*time.Second)
	k.NoteIdle(time.Hour)
	k.NoteIdle(-time.Hour) // a nonsense reading is input now, never later
	if idle := k.Tick(); idle.Warning {
		t.Fatal("a fresh reading did not keep the visit")
	}
	c.advance(DefaultIdleAfter)
	k.NoteIdle(DefaultIdleAfter)
	if idle := k.Tick(); !idle.Warning {
		t.Fatal("the system idle for the whole delay did not bring the warning")
	}
}

func TestKiosk_HelpHold(t *testing.T) {
	tests := []struct {
		name     string
		answered bool
		after    time.Duration // since the request
		warning  bool
		ended    bool
	}{
		{"waiting, within the hold", false, DefaultHelpHold - time.Second, false, false},
		{"waiting, idle delay after the hold", false, DefaultHelpHold + DefaultIdleAfter, true, false},
		{"waiting, countdown over after the hold", false, DefaultHelpHold + DefaultIdleAfter + DefaultWarnFor, false, true},
		{"answered: idle as usual from the answer", true, DefaultIdleAfter + time.Minute, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, log, c := newTestKiosk(t)
			k.OpenGuide("essai")
			k.AskHelp()
			k.DismissHelp() // "OK": the request still waits
			start := c.t
			if tt.answered {
				c.advance(time.Minute)
				k.HelpAnswered()
				if k.HelpWaiting() {
					t.Fatal("HelpWaiting() after HelpAnswered")
				}
			}
			// Tick every 10 s, as the UI does every second.
			var idle Idle
			for c.t.Before(start.Add(tt.after)) {
				c.advance(10 * time.Second)
				idle = k.Tick()
				if !tt.ended && k.Screen() == Welcome {
					t.Fatalf("visit ended at %v, want kept", c.t.Sub(start))
				}
			}
			if idle.Warning != tt.warning {
				t.Fatalf("after %v: warning %v, want %v", tt.after, idle.Warning, tt.warning)
			}
			if tt.ended && (k.Screen() != Welcome || log.last(t).Outcome != TimedOut) {
				t.Fatalf("after %v: screen %v outcome %q, want a timed-out visit", tt.after, k.Screen(), log.last(t).Outcome)
			}
		})
	}
}

func TestKiosk_HelpHold_Setting(t *testing.T) {
	k, _, c := newTestKiosk(t)
	k.SetHelpHold(5 * time.Minute)
	k.OpenGuide("essai")
	k.AskHelp()
	c.advance(5*time.Minute + DefaultIdleAfter)
	if idle := k.Tick(); !idle.Warning {
		t.Fatal("a 5-minute hold still kept the visit after 5 minutes + the idle delay")
	}
}

func TestKiosk_AskStop(t *testing.T) {
	k, log, _ := newTestKiosk(t)
	k.AskStop()
	if k.StopAsked() {
		t.Fatal("the stop question was asked on a clean welcome screen")
	}
	k.OpenGuide("essai")
	k.Begin()
	k.AskStop()
	if !k.StopAsked() {
		t.Fatal("AskStop did not ask")
	}
	k.CancelStop() // "Non, continuer"
	if k.StopAsked() || k.Screen() != Checklist {
		t.Fatalf("after No: asked %v screen %v, want the checklist as it was", k.StopAsked(), k.Screen())
	}
	k.AskStop()
	k.Back() // Escape closes the question, nothing else
	if k.StopAsked() || k.Screen() != Checklist {
		t.Fatalf("after Escape: asked %v screen %v, want the checklist as it was", k.StopAsked(), k.Screen())
	}
	k.AskStop()
	k.Stop() // "Oui, tout arrêter"
	if k.StopAsked() || k.Screen() != Welcome || k.SiteOpen() {
		t.Fatalf("after Yes: asked %v screen %v site %v, want a clean welcome", k.StopAsked(), k.Screen(), k.SiteOpen())
	}
	if v := log.last(t); v.Outcome != Abandoned {
		t.Fatalf("outcome %q, want abandoned", v.Outcome)
	}
}

func TestKiosk_OpenGuide(t *testing.T) {
	k, log, _ := newTestKiosk(t)
	if k.OpenGuide("inconnu") || k.Screen() != Welcome || len(log.saved) != 0 {
		t.Fatalf("OpenGuide(unknown) moved to %v and saved %d visits", k.Screen(), len(log.saved))
	}
	if !k.OpenGuide("essai") || k.Screen() != Intro || k.Guide().ID != "essai" {
		t.Fatalf("OpenGuide(essai): screen %v", k.Screen())
	}
	if v := log.last(t); v.GuideID != "essai" || v.Started.IsZero() {
		t.Fatalf("visit %+v, want one started on essai", v)
	}
	k.Back()
	if k.Screen() != Categories {
		t.Fatalf("Back from a guide opened directly: %v, want the categories", k.Screen())
	}
}

func TestKiosk_Documents(t *testing.T) {
	k, _, _ := newTestKiosk(t)
	k.OpenGuide("autre")
	k.Begin()
	k.SiteOpened()
	k.SetDocuments(true)
	k.Next()
	k.Finish(Done)
	if k.Screen() != Documents {
		t.Fatalf("Finish with downloads: %v, want the documents screen", k.Screen())
	}
	k.DocumentsDone()
	if k.Screen() != Goodbye {
		t.Fatalf("DocumentsDone: %v, want goodbye", k.Screen())
	}
	k.Leave()
	if k.HasDocuments() || k.SiteOpen() {
		t.Fatal("documents or site survived the end of the visit")
	}
	// Without downloads, straight to goodbye.
	k.OpenGuide("autre")
	k.Begin()
	k.Next()
	k.Finish(Done)
	if k.Screen() != Goodbye {
		t.Fatalf("Finish without downloads: %v, want goodbye", k.Screen())
	}
}

func TestKiosk_SiteKeepsKioskDirty(t *testing.T) {
	k, _, c := newTestKiosk(t)
	k.OpenGuide("essai")
	k.Begin()
	k.SiteOpened()
	c.advance(DefaultIdleAfter + DefaultWarnFor)
	k.Tick()
	if k.SiteOpen() || k.Screen() != Welcome {
		t.Fatalf("after the countdown: site %v screen %v, want closed and welcome", k.SiteOpen(), k.Screen())
	}
}
