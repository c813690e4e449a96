package browser

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNoBrowser means no browser that can be given a private, throwaway
// profile is installed. The kiosk never falls back on the system's default
// browser: it would open with the computer's usual profile, where the last
// visitor may still be logged in.
var ErrNoBrowser = errors.New("browser: no private browser found")

// Family is how a browser is driven: its command line and its preference
// files.
type Family int

// Browser families.
const (
	// Chromium: Chromium, Google Chrome and Microsoft Edge.
	Chromium Family = iota + 1
	// Firefox: Mozilla Firefox.
	Firefox
)

// String returns the family's name.
func (f Family) String() string {
	switch f {
	case Chromium:
		return "chromium"
	case Firefox:
		return "firefox"
	}
	return fmt.Sprintf("Family(%d)", int(f))
}

// Program is a browser found on this computer.
type Program struct {
	Name   string // what it is known by: "msedge", "chromium", "firefox"…
	Path   string // its executable
	Family Family
}

// Installed returns the preferred browser installed on this computer: on
// Windows Edge, Chrome, Chromium, then Firefox, looked for in the usual
// installation folders, the App Paths registry key and PATH; elsewhere the
// first of chromium, chromium-browser, google-chrome, microsoft-edge and
// firefox on PATH. Its error wraps ErrNoBrowser when there is none.
func Installed() (Program, error) { return find(here()) }

// places is what discovery reads from the computer; tests fake it.
type places struct {
	goos     string
	getenv   func(string) string
	isFile   func(path string) bool
	appPath  func(exe string) string // the App Paths registry entry, "" if none
	lookPath func(string) (string, error)
}

// candidate is a browser discovery looks for.
type candidate struct {
	name   string
	family Family
	rel    string // Windows: its path under the installation folders
	exe    string // Windows: its App Paths and PATH name, "" to skip them
}

// linuxBrowsers returns the programs looked up on PATH outside Windows, in
// order of preference.
func linuxBrowsers() []candidate {
	return []candidate{
		{name: "chromium", family: Chromium},
		{name: "chromium-browser", family: Chromium},
		{name: "google-chrome", family: Chromium},
		{name: "google-chrome-stable", family: Chromium},
		{name: "microsoft-edge", family: Chromium},
		{name: "microsoft-edge-stable", family: Chromium},
		{name: "firefox", family: Firefox},
		{name: "firefox-esr", family: Firefox},
	}
}

// windowsBrowsers returns the browsers looked for on Windows, in order of
// preference: Edge comes with every Windows 10 and 11.
func windowsBrowsers() []candidate {
	return []candidate{
		{name: "msedge", family: Chromium, rel: `Microsoft\Edge\Application\msedge.exe`, exe: "msedge.exe"},
		{name: "chrome", family: Chromium, rel: `Google\Chrome\Application\chrome.exe`, exe: "chrome.exe"},
		// Chromium's program is chrome.exe too: its App Paths entry and
		// PATH would give Chrome's, already tried.
		{name: "chromium", family: Chromium, rel: `Chromium\Application\chrome.exe`},
		{name: "firefox", family: Firefox, rel: `Mozilla Firefox\firefox.exe`, exe: "firefox.exe"},
	}
}

// find returns the preferred browser p can see.
func find(p places) (Program, error) {
	if p.goos != "windows" {
		for _, c := range linuxBrowsers() {
			if path, err := p.lookPath(c.name); err == nil {
				return Program{Name: c.name, Path: path, Family: c.family}, nil
			}
		}
		return Program{}, fmt.Errorf("%w on PATH", ErrNoBrowser)
	}
	for _, c := range windowsBrowsers() {
		if path := findWindows(p, c); path != "" {
			return Program{Name: c.name, Path: path, Family: c.family}, nil
		}
	}
	return Program{}, fmt.Errorf("%w: no Edge, Chrome, Chromium or Firefox", ErrNoBrowser)
}

// findWindows returns where c is installed, or "".
func findWindows(p places, c candidate) string {
	for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
		base := strings.TrimRight(p.getenv(env), `\/`)
		if base == "" {
			continue
		}
		if path := base + `\` + c.rel; p.isFile(path) {
			return path
		}
	}
	if c.exe == "" {
		return ""
	}
	if p.appPath != nil {
		if path := strings.Trim(strings.TrimSpace(p.appPath(c.exe)), `"`); path != "" && p.isFile(path) {
			return path
		}
	}
	if path, err := p.lookPath(c.exe); err == nil {
		return path
	}
	return ""
}
