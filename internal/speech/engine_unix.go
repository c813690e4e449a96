//go:build !windows

package speech

import "os/exec"

// voices maps our language codes to espeak-ng voices.
func voice(lang string) string {
	switch lang {
	case "en":
		return "en-gb"
	case "pt":
		return "pt"
	}
	return lang
}

// System returns the espeak-ng engine (Debian package espeak-ng).
func System() Engine {
	return Engine{
		Voices: func(lang string) (string, error) {
			out, err := exec.Command("espeak-ng", "--voices="+voice(lang)).Output()
			return string(out), err
		},
		Command: func(lang, text string) *exec.Cmd {
			// Slower than the default 175 words a minute: for people who
			// read little or hear less well.
			return exec.Command("espeak-ng", "-v", voice(lang), "-s", "135", "--", text)
		},
	}
}
