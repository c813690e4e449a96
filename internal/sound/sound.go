// Package sound plays the short chime that tells the mediator a visitor
// asked for help, with whatever player the system has (PipeWire/PulseAudio,
// ALSA, or espeak-ng as a last resort), off the UI thread.
package sound

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"

	"pasapas/internal/leftover"
)

// Chime returns a WAV file: two short notes, 0.4 s, 16-bit mono 22 050 Hz.
func Chime() []byte {
	const rate = 22050
	var samples []int16
	for _, note := range []struct {
		freq float64
		dur  float64
	}{{880, 0.18}, {1318.5, 0.22}} {
		n := int(note.dur * rate)
		for i := 0; i < n; i++ {
			env := math.Min(1, float64(n-i)/(0.05*rate)) // fade out, no click
			samples = append(samples, int16(12000*env*math.Sin(2*math.Pi*note.freq*float64(i)/rate)))
		}
	}
	var b bytes.Buffer
	size := len(samples) * 2
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(36+size)) //nolint:errcheck // bytes.Buffer writes do not fail
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(rate), uint32(rate * 2), uint16(2), uint16(16)} {
		binary.Write(&b, binary.LittleEndian, v) //nolint:errcheck // bytes.Buffer writes do not fail
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(size)) //nolint:errcheck // bytes.Buffer writes do not fail
	binary.Write(&b, binary.LittleEndian, samples)      //nolint:errcheck // bytes.Buffer writes do not fail
	return b.Bytes()
}

// Player plays the chime.
type Player struct {
	// LookPath finds programs (exec.LookPath outside tests).
	LookPath func(string) (string, error)
	// TempDir is where the chime's folder is made (os.TempDir() when
	// empty).
	TempDir string
	file    string
}

// Play plays the chime once and returns when it is done (call it in a
// goroutine). It returns an error when no player works.
func (p *Player) Play() error {
	look := p.LookPath
	if look == nil {
		look = exec.LookPath
	}
	if p.file == "" {
		dir, err := os.MkdirTemp(p.TempDir, leftover.Pattern(leftoverPrefix, ""))
		if err != nil {
			return err
		}
		p.file = filepath.Join(dir, "chime.wav")
		if err := os.WriteFile(p.file, Chime(), 0o600); err != nil {
			return err
		}
	}
	var errs []error
	for _, c := range [][]string{{"pw-play", p.file}, {"paplay", p.file}, {"aplay", "-q", p.file}, {"espeak-ng", "-v", "fr", "ding"}} {
		prog, err := look(c[0])
		if err != nil {
			continue
		}
		if err := exec.Command(prog, c[1:]...).Run(); err != nil {
			errs = append(errs, err)
			continue
		}
		return nil
	}
	if len(errs) == 0 {
		return errors.New("sound: no player found (pw-play, paplay, aplay or espeak-ng)")
	}
	return errors.Join(errs...)
}

// Close removes the temporary sound file.
func (p *Player) Close() error {
	if p.file == "" {
		return nil
	}
	return os.RemoveAll(filepath.Dir(p.file))
}
