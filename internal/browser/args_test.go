package browser

import (
	"slices"
	"testing"

	"pasapas/internal/screen"
)

func TestCommandLine(t *testing.T) {
	chromium := Program{Name: "chromium", Path: "/usr/bin/chromium", Family: Chromium}
	edge := Program{Name: "msedge", Path: `C:\Edge\msedge.exe`, Family: Chromium}
	firefox := Program{Name: "firefox", Path: "/usr/bin/firefox", Family: Firefox}
	at := screen.Rect{X: 480, Y: 0, W: 800, H: 720}
	const u = "https://www.ameli.fr/"
	common := []string{"--user-data-dir=/v/profile", "--no-first-run", "--no-default-browser-check",
		"--disable-sync", "--disable-background-networking", "--disable-component-update"}
	tests := []struct {
		name string
		p    Program
		goos string
		root bool
		at   screen.Rect
		want []string
	}{
		{name: "chromium on linux", p: chromium, goos: "linux", at: at,
			want: slices.Concat(common, []string{"--password-store=basic", "--new-window",
				"--window-position=480,0", "--window-size=800,720", u})},
		{name: "chromium on linux as root", p: chromium, goos: "linux", root: true, at: at,
			want: slices.Concat(common, []string{"--password-store=basic", "--no-sandbox", "--test-type", "--new-window",
				"--window-position=480,0", "--window-size=800,720", u})},
		{name: "edge on windows, even as an administrator", p: edge, goos: "windows", root: true, at: screen.Rect{X: -1280, Y: 10, W: 1280, H: 1000},
			want: slices.Concat(common, []string{"--new-window", "--window-position=-1280,10", "--window-size=1280,1000", u})},
		{name: "chromium without a place", p: chromium, goos: "linux",
			want: slices.Concat(common, []string{"--password-store=basic", "--new-window", u})},
		{name: "firefox", p: firefox, goos: "linux", root: true, at: at,
			want: []string{"--profile", "/v/profile", "--no-remote", "--new-instance", "--width", "800", "--height", "720", u}},
		{name: "firefox without a place", p: firefox, goos: "windows",
			want: []string{"--profile", "/v/profile", "--no-remote", "--new-instance", u}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := commandLine(tt.p, tt.goos, tt.root, "/v/profile", tt.at, u)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("commandLine() =\n%q\nwant\n%q", got, tt.want)
			}
			for _, a := range got {
				if a == "--incognito" || a == "--inprivate" || a == "--private-window" {
					t.Fatalf("commandLine() has %s: a private window ignores the profile's download folder", a)
				}
			}
		})
	}
}
