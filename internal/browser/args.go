package browser

import (
	"fmt"
	"strconv"

	"pasapas/internal/screen"
)

// commandLine returns the arguments that start p on u with the throwaway
// profile, its window at at (left to the browser's choice when at is
// empty). goos is the operating system; root says whether the kiosk runs
// as root.
func commandLine(p Program, goos string, root bool, profile string, at screen.Rect, u string) []string {
	if p.Family == Firefox {
		// Firefox has no option for its window's position: the window
		// system moves it once it appears.
		args := []string{"--profile", profile, "--no-remote", "--new-instance"}
		if !at.Empty() {
			args = append(args, "--width", strconv.Itoa(at.W), "--height", strconv.Itoa(at.H))
		}
		return append(args, u)
	}
	// No --incognito (or --inprivate for Edge): an incognito window ignores
	// the profile's download preferences, and the profile is thrown away
	// with everything in it at the end of the visit anyway.
	args := []string{"--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check",
		"--disable-sync", "--disable-background-networking", "--disable-component-update"}
	if goos == "linux" {
		// Not the desktop's keyring: it could ask for its password, and a
		// visitor's secrets have no business there.
		args = append(args, "--password-store=basic")
		if root {
			// Chromium refuses to start as root with its sandbox;
			// --test-type hides the warning bar about it.
			args = append(args, "--no-sandbox", "--test-type")
		}
	}
	args = append(args, "--new-window")
	if !at.Empty() {
		args = append(args, fmt.Sprintf("--window-position=%d,%d", at.X, at.Y),
			fmt.Sprintf("--window-size=%d,%d", at.W, at.H))
	}
	return append(args, u)
}
