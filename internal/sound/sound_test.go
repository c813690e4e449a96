package sound

import (
	"encoding/binary"
	"errors"
	"os/exec"
	"testing"
)

func TestChime_IsAValidWav(t *testing.T) {
	w := Chime()
	if string(w[0:4]) != "RIFF" || string(w[8:12]) != "WAVE" || string(w[36:40]) != "data" {
		t.Fatalf("Chime() header = %q, want RIFF/WAVE/data", w[:44])
	}
	if got := binary.LittleEndian.Uint32(w[4:8]); int(got) != len(w)-8 {
		t.Fatalf("RIFF size = %d, want %d", got, len(w)-8)
	}
	rate := binary.LittleEndian.Uint32(w[24:28])
	data := binary.LittleEndian.Uint32(w[40:44])
	if secs := float64(data) / 2 / float64(rate); secs < 0.3 || secs > 0.6 {
		t.Fatalf("chime lasts %.2f s, want a short one (about 0.4 s)", secs)
	}
}

func TestPlayer_NoPlayer(t *testing.T) {
	p := &Player{LookPath: func(string) (string, error) { return "", exec.ErrNotFound }}
	defer p.Close()
	if err := p.Play(); err == nil || errors.Is(err, exec.ErrNotFound) {
		t.Fatalf("Play() without any player = %v, want a clear error", err)
	}
}
