package browser

import (
	"errors"
	"os/exec"
	"testing"
)

// fakePlaces is a computer with the given files, App Paths entries and
// programs on PATH.
func fakePlaces(goos string, env map[string]string, files []string, appPaths map[string]string, onPath map[string]string) places {
	have := map[string]bool{}
	for _, f := range files {
		have[f] = true
	}
	return places{
		goos:    goos,
		getenv:  func(k string) string { return env[k] },
		isFile:  func(p string) bool { return have[p] },
		appPath: func(exe string) string { return appPaths[exe] },
		lookPath: func(name string) (string, error) {
			if p, ok := onPath[name]; ok {
				return p, nil
			}
			return "", exec.ErrNotFound
		},
	}
}

func TestFind(t *testing.T) {
	winEnv := map[string]string{
		"ProgramFiles":      `C:\Program Files`,
		"ProgramFiles(x86)": `C:\Program Files (x86)\`,
		"LocalAppData":      `C:\Users\accueil\AppData\Local`,
	}
	const (
		edge      = `C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`
		chrome    = `C:\Program Files\Google\Chrome\Application\chrome.exe`
		chromeU   = `C:\Users\accueil\AppData\Local\Google\Chrome\Application\chrome.exe`
		chromium  = `C:\Users\accueil\AppData\Local\Chromium\Application\chrome.exe`
		firefox   = `C:\Program Files\Mozilla Firefox\firefox.exe`
		elsewhere = `D:\Apps\Edge\msedge.exe`
	)
	tests := []struct {
		name     string
		p        places
		want     Program
		wantNone bool
	}{
		{name: "linux: chromium first",
			p:    fakePlaces("linux", nil, nil, nil, map[string]string{"firefox": "/usr/bin/firefox", "chromium": "/usr/bin/chromium"}),
			want: Program{Name: "chromium", Path: "/usr/bin/chromium", Family: Chromium}},
		{name: "linux: google-chrome before edge and firefox",
			p: fakePlaces("linux", nil, nil, nil, map[string]string{"firefox": "/usr/bin/firefox",
				"microsoft-edge": "/usr/bin/microsoft-edge", "google-chrome": "/usr/bin/google-chrome"}),
			want: Program{Name: "google-chrome", Path: "/usr/bin/google-chrome", Family: Chromium}},
		{name: "linux: firefox alone",
			p:    fakePlaces("linux", nil, nil, nil, map[string]string{"firefox": "/usr/bin/firefox"}),
			want: Program{Name: "firefox", Path: "/usr/bin/firefox", Family: Firefox}},
		{name: "linux: none", p: fakePlaces("linux", nil, nil, nil, nil), wantNone: true},
		{name: "windows: edge before chrome and firefox",
			p:    fakePlaces("windows", winEnv, []string{firefox, chrome, edge}, nil, nil),
			want: Program{Name: "msedge", Path: edge, Family: Chromium}},
		{name: "windows: chrome for the user only",
			p:    fakePlaces("windows", winEnv, []string{firefox, chromeU}, nil, nil),
			want: Program{Name: "chrome", Path: chromeU, Family: Chromium}},
		{name: "windows: chromium before firefox",
			p:    fakePlaces("windows", winEnv, []string{firefox, chromium}, nil, nil),
			want: Program{Name: "chromium", Path: chromium, Family: Chromium}},
		{name: "windows: firefox alone",
			p:    fakePlaces("windows", winEnv, []string{firefox}, nil, nil),
			want: Program{Name: "firefox", Path: firefox, Family: Firefox}},
		{name: "windows: edge elsewhere, through App Paths (quoted)",
			p:    fakePlaces("windows", winEnv, []string{firefox, elsewhere}, map[string]string{"msedge.exe": `"` + elsewhere + `"`}, nil),
			want: Program{Name: "msedge", Path: elsewhere, Family: Chromium}},
		{name: "windows: an App Paths entry whose file is gone is skipped",
			p:    fakePlaces("windows", winEnv, []string{firefox}, map[string]string{"msedge.exe": elsewhere}, nil),
			want: Program{Name: "firefox", Path: firefox, Family: Firefox}},
		{name: "windows: chrome on PATH",
			p:    fakePlaces("windows", winEnv, nil, nil, map[string]string{"chrome.exe": `E:\chrome\chrome.exe`}),
			want: Program{Name: "chrome", Path: `E:\chrome\chrome.exe`, Family: Chromium}},
		{name: "windows: no variables, App Paths only",
			p:    fakePlaces("windows", nil, []string{firefox}, map[string]string{"firefox.exe": firefox}, nil),
			want: Program{Name: "firefox", Path: firefox, Family: Firefox}},
		{name: "windows: the Linux names are not looked for",
			p:        fakePlaces("windows", winEnv, nil, nil, map[string]string{"chromium": `C:\x\chromium`}),
			wantNone: true},
		{name: "windows: none", p: fakePlaces("windows", winEnv, nil, nil, nil), wantNone: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := find(tt.p)
			if tt.wantNone {
				if !errors.Is(err, ErrNoBrowser) {
					t.Fatalf("find() = %+v, %v; want an error wrapping ErrNoBrowser", got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("find() = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}
