package browser

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// writePrefs writes the preferences of p's profile: downloads go to
// downloads without asking, and nothing offers to remember a visitor's
// passwords or card numbers on a shared computer.
func writePrefs(p Program, profile, downloads string) error {
	if p.Family == Firefox {
		return writeUserJS(profile, downloads)
	}
	return writeChromiumPrefs(profile, downloads)
}

// chromiumPrefs returns the preferences of a Chromium profile.
func chromiumPrefs(downloads string) map[string]any {
	return map[string]any{
		"download": map[string]any{
			"default_directory":   downloads,
			"prompt_for_download": false,
			"directory_upgrade":   true,
		},
		"savefile": map[string]any{"default_directory": downloads},
		// A profile that ended "cleanly" opens without offering to
		// restore the previous pages.
		"profile": map[string]any{"exit_type": "Normal", "exited_cleanly": true},
		"browser": map[string]any{"has_seen_welcome_page": true},
		// The password manager and autofill are off.
		"credentials_enable_service": false,
		"autofill":                   map[string]any{"profile_enabled": false, "credit_card_enabled": false},
		"translate":                  map[string]any{"enabled": false},
		// A PDF the site offers (an attestation, a receipt) is saved in the
		// downloads folder rather than shown in the browser's viewer: it
		// is then listed in « Vos documents », ready to print.
		"plugins": map[string]any{"always_open_pdf_externally": true},
	}
}

// writeChromiumPrefs writes profile/Default/Preferences. When the browser
// already wrote one (it was closed and is opened again in the same visit),
// the kiosk's settings are laid over it.
func writeChromiumPrefs(profile, downloads string) error {
	dir := filepath.Join(profile, "Default")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("browser: preferences: %w", err)
	}
	name := filepath.Join(dir, "Preferences")
	prefs := map[string]any{}
	old, err := os.ReadFile(name)
	switch {
	case err == nil:
		if err := json.Unmarshal(old, &prefs); err != nil {
			prefs = map[string]any{} // damaged: the kiosk's settings alone
		}
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("browser: preferences: %w", err)
	}
	merge(prefs, chromiumPrefs(downloads))
	b, err := json.Marshal(prefs)
	if err != nil {
		return fmt.Errorf("browser: preferences: %w", err)
	}
	if err := os.WriteFile(name, b, 0o600); err != nil {
		return fmt.Errorf("browser: preferences: %w", err)
	}
	return nil
}

// merge sets every value of src in dst, going into the objects both have.
func merge(dst, src map[string]any) {
	for k, v := range src {
		sub, ok := v.(map[string]any)
		if old, isMap := dst[k].(map[string]any); ok && isMap {
			merge(old, sub)
			continue
		}
		dst[k] = v
	}
}

// pref is one Firefox preference.
type pref struct {
	name  string
	value any
}

// firefoxPrefs returns the preferences of a Firefox profile.
func firefoxPrefs(downloads string) []pref {
	return []pref{
		{"browser.download.dir", downloads},
		{"browser.download.folderList", 2}, // 2: browser.download.dir
		{"browser.download.useDownloadDir", true},
		{"browser.download.always_ask_before_handling_new_types", false},
		{"signon.rememberSignons", false},
		{"browser.shell.checkDefaultBrowser", false},
		{"browser.aboutwelcome.enabled", false},
		{"datareporting.policy.dataSubmissionEnabled", false},
	}
}

// writeUserJS writes profile/user.js, which Firefox applies at every start.
// Values are written as JSON, which is JavaScript: a Windows path keeps its
// backslashes.
func writeUserJS(profile, downloads string) error {
	if err := os.MkdirAll(profile, 0o700); err != nil {
		return fmt.Errorf("browser: preferences: %w", err)
	}
	var b bytes.Buffer
	for _, p := range firefoxPrefs(downloads) {
		v, err := json.Marshal(p.value)
		if err != nil {
			return fmt.Errorf("browser: preference %s: %w", p.name, err)
		}
		fmt.Fprintf(&b, "user_pref(%q, %s);\n", p.name, v)
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), b.Bytes(), 0o600); err != nil {
		return fmt.Errorf("browser: preferences: %w", err)
	}
	return nil
}
