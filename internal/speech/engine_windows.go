//go:build windows

package speech

import (
	"os/exec"
	"strings"
)

// culture maps our language codes to Windows speech cultures.
func culture(lang string) string {
	return map[string]string{"fr": "fr-FR", "en": "en-GB", "ar": "ar-SA", "es": "es-ES", "pt": "pt-PT", "tr": "tr-TR", "uk": "uk-UA"}[lang]
}

const prelude = "Add-Type -AssemblyName System.Speech; $s = New-Object System.Speech.Synthesis.SpeechSynthesizer; "

// System returns the Windows speech API engine, driven through PowerShell.
func System() Engine {
	return Engine{
		Voices: func(lang string) (string, error) {
			out, err := exec.Command("powershell", "-NoProfile", "-Command", prelude+
				"'voices'; $s.GetInstalledVoices() | ForEach-Object { $_.VoiceInfo.Culture.Name } | Where-Object { $_ -eq '"+culture(lang)+"' }").Output()
			return string(out), err
		},
		Command: func(lang, text string) *exec.Cmd {
			quoted := strings.ReplaceAll(text, "'", "''")
			return exec.Command("powershell", "-NoProfile", "-Command", prelude+
				"$s.SelectVoiceByHints(0, 0, 0, [System.Globalization.CultureInfo]'"+culture(lang)+"'); $s.Rate = -2; $s.Speak('"+quoted+"')")
		},
	}
}
