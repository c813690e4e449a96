// Package speech reads text aloud in the visitor's language with an
// offline engine — espeak-ng on Linux, the Windows speech API on Windows —
// one text at a time, off the UI thread, with Stop.
package speech

import (
	"errors"
	"os/exec"
	"strings"
	"sync"
)

// Engine is a speech program: how to list its voices and how to speak.
type Engine struct {
	// Voices returns the output of the voice listing for a language; an
	// empty listing means no voice.
	Voices func(lang string) (string, error)
	// Command returns the command that speaks text in lang.
	Command func(lang, text string) *exec.Cmd
}

// Reader reads texts aloud. Its methods are safe for concurrent use.
type Reader struct {
	engine Engine

	mu      sync.Mutex
	voices  map[string]bool
	current *exec.Cmd
	done    chan struct{}
}

// New returns a reader using engine.
func New(engine Engine) *Reader { return &Reader{engine: engine, voices: map[string]bool{}} }

// Has reports whether a voice exists for lang (cached after the first ask).
// Without one, the interface hides its read-aloud button.
func (r *Reader) Has(lang string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if ok, seen := r.voices[lang]; seen {
		return ok
	}
	ok := false
	if r.engine.Voices != nil {
		out, err := r.engine.Voices(lang)
		ok = err == nil && voiceListed(out)
	}
	r.voices[lang] = ok
	return ok
}

// voiceListed reports whether a voice listing has at least one voice line
// after its header.
func voiceListed(out string) bool {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return len(lines) >= 2 && strings.TrimSpace(lines[1]) != ""
}

// ErrNoVoice is returned when no voice exists for the language.
var ErrNoVoice = errors.New("speech: no voice for this language")

// Speak starts reading text in lang, stopping what was being read, and
// returns at once. finished (which may be nil) is called, from another
// goroutine, when the reading ends by itself or is stopped.
func (r *Reader) Speak(lang, text string, finished func()) error {
	if !r.Has(lang) {
		return ErrNoVoice
	}
	r.Stop()
	cmd := r.engine.Command(lang, text)
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan struct{})
	r.mu.Lock()
	r.current, r.done = cmd, done
	r.mu.Unlock()
	go func() {
		_ = cmd.Wait() // a killed reader exits with an error: that is Stop
		close(done)
		r.mu.Lock()
		if r.current == cmd {
			r.current, r.done = nil, nil
		}
		r.mu.Unlock()
		if finished != nil {
			finished()
		}
	}()
	return nil
}

// Speaking reports whether something is being read.
func (r *Reader) Speaking() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.current != nil
}

// Stop stops the reading, if any, and waits for it to end.
func (r *Reader) Stop() {
	r.mu.Lock()
	cmd, done := r.current, r.done
	r.mu.Unlock()
	if cmd == nil || cmd.Process == nil {
		return
	}
	if err := cmd.Process.Kill(); err == nil {
		<-done
	}
}
