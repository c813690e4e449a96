package browser

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// jsonPath returns the value at keys in the JSON object m.
func jsonPath(m map[string]any, keys ...string) any {
	var v any = m
	for _, k := range keys {
		o, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = o[k]
	}
	return v
}

func TestWritePrefs_Chromium(t *testing.T) {
	tests := []struct {
		name      string
		downloads string
		before    string // a Preferences file the browser wrote, "" for none
	}{
		{name: "new profile", downloads: "/data/visit/visit-1/downloads"},
		{name: "windows path", downloads: `C:\Users\accueil\AppData\Local\pasapas\visit\visit-1\down"loads`},
		{name: "browser's own preferences kept, ours laid over",
			downloads: "/d",
			before:    `{"download":{"default_directory":"/home/x/Téléchargements","extensions_to_open":""},"profile":{"exit_type":"Crashed","name":"Personne 1"},"credentials_enable_service":true}`},
		{name: "damaged file replaced", downloads: "/d", before: `{"download":`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			profile := t.TempDir()
			name := filepath.Join(profile, "Default", "Preferences")
			if tt.before != "" {
				if err := os.MkdirAll(filepath.Dir(name), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(name, []byte(tt.before), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if err := writePrefs(Program{Family: Chromium}, profile, tt.downloads); err != nil {
				t.Fatalf("writePrefs() = %v", err)
			}
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatalf("Preferences is not JSON: %v\n%s", err, b)
			}
			want := []struct {
				keys []string
				v    any
			}{
				{[]string{"download", "default_directory"}, tt.downloads},
				{[]string{"download", "prompt_for_download"}, false},
				{[]string{"download", "directory_upgrade"}, true},
				{[]string{"savefile", "default_directory"}, tt.downloads},
				{[]string{"profile", "exit_type"}, "Normal"},
				{[]string{"profile", "exited_cleanly"}, true},
				{[]string{"browser", "has_seen_welcome_page"}, true},
				{[]string{"credentials_enable_service"}, false},
				{[]string{"autofill", "profile_enabled"}, false},
				{[]string{"autofill", "credit_card_enabled"}, false},
				{[]string{"translate", "enabled"}, false},
				{[]string{"plugins", "always_open_pdf_externally"}, true},
			}
			for _, w := range want {
				if v := jsonPath(got, w.keys...); v != w.v {
					t.Errorf("Preferences %v = %v, want %v", w.keys, v, w.v)
				}
			}
			if tt.name == "browser's own preferences kept, ours laid over" {
				if v := jsonPath(got, "profile", "name"); v != "Personne 1" {
					t.Errorf("Preferences profile.name = %v, want the browser's own value kept", v)
				}
			}
			if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("Stat(Preferences) = %v, want a 0600 file", err)
			}
		})
	}
}

func TestWritePrefs_Firefox(t *testing.T) {
	line := regexp.MustCompile(`^user_pref\("([^"]+)", (.+)\);$`)
	for _, downloads := range []string{"/data/visit/visit-1/downloads", `C:\Users\Ana "Zé"\visit\downloads`, "/tmp/l'accueil\n/x"} {
		t.Run(downloads, func(t *testing.T) {
			profile := t.TempDir()
			if err := writePrefs(Program{Family: Firefox}, profile, downloads); err != nil {
				t.Fatalf("writePrefs() = %v", err)
			}
			b, err := os.ReadFile(filepath.Join(profile, "user.js"))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]any{}
			for _, l := range regexp.MustCompile("\n").Split(string(b), -1) {
				if l == "" {
					continue
				}
				m := line.FindStringSubmatch(l)
				if m == nil {
					t.Fatalf("user.js line %q is not a user_pref call", l)
				}
				var v any
				if err := json.Unmarshal([]byte(m[2]), &v); err != nil {
					t.Fatalf("user.js value %s of %s: %v", m[2], m[1], err)
				}
				got[m[1]] = v
			}
			want := map[string]any{
				"browser.download.dir":                                  downloads,
				"browser.download.folderList":                           float64(2),
				"browser.download.useDownloadDir":                       true,
				"browser.download.always_ask_before_handling_new_types": false,
				"signon.rememberSignons":                                false,
				"browser.shell.checkDefaultBrowser":                     false,
				"browser.aboutwelcome.enabled":                          false,
				"datareporting.policy.dataSubmissionEnabled":            false,
			}
			if len(got) != len(want) {
				t.Errorf("user.js sets %d preferences, want %d:\n%s", len(got), len(want), b)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("user.js %s = %#v, want %#v", k, got[k], v)
				}
			}
		})
	}
}
