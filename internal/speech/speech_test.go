package speech

import (
	"os/exec"
	"sync/atomic"
	"testing"
	"time"
)

// fake is an engine whose voices exist for fr and ar, speaking with sleep.
func fake(spoken *atomic.Int32) Engine {
	return Engine{
		Voices: func(lang string) (string, error) {
			if lang == "fr" || lang == "ar" {
				return "Pty Language Age/Gender VoiceName\n 5 " + lang + " M " + lang, nil
			}
			return "Pty Language Age/Gender VoiceName\n", nil
		},
		Command: func(lang, text string) *exec.Cmd {
			spoken.Add(1)
			return exec.Command("sleep", "5")
		},
	}
}

func TestReader_Has(t *testing.T) {
	var n atomic.Int32
	r := New(fake(&n))
	for _, tt := range []struct {
		lang string
		want bool
	}{{"fr", true}, {"ar", true}, {"tr", false}} {
		if got := r.Has(tt.lang); got != tt.want {
			t.Errorf("Has(%q) = %v, want %v", tt.lang, got, tt.want)
		}
	}
	if err := r.Speak("tr", "Merhaba", nil); err != ErrNoVoice {
		t.Errorf("Speak(tr) = %v, want ErrNoVoice", err)
	}
}

func TestReader_SpeakDoesNotBlockAndStops(t *testing.T) {
	var n atomic.Int32
	r := New(fake(&n))
	finished := make(chan struct{}, 2)
	start := time.Now()
	if err := r.Speak("fr", "Bonjour", func() { finished <- struct{}{} }); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > time.Second {
		t.Fatal("Speak waited for the reading to end")
	}
	if !r.Speaking() {
		t.Fatal("Speaking() = false right after Speak")
	}
	// A second text replaces the first.
	if err := r.Speak("fr", "Suivant", func() { finished <- struct{}{} }); err != nil {
		t.Fatal(err)
	}
	<-finished // the first reading was stopped
	r.Stop()
	<-finished
	if r.Speaking() {
		t.Fatal("Speaking() = true after Stop")
	}
	if n.Load() != 2 {
		t.Fatalf("spoke %d texts, want 2", n.Load())
	}
}

func TestSystem_EspeakVoices(t *testing.T) {
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		t.Fatal("espeak-ng is not installed: make test installs it")
	}
	r := New(System())
	for _, lang := range []string{"fr", "en", "ar", "es", "pt", "tr", "uk"} {
		if !r.Has(lang) {
			t.Errorf("Has(%q) = false, want an espeak-ng voice", lang)
		}
	}
	if r.Has("xx") {
		t.Error("Has(xx) = true for a language espeak-ng does not know")
	}
}
