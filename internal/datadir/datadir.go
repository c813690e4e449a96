// Package datadir decides where Pas à pas keeps its data (the database,
// backups, the centre's own guides) and creates that folder.
package datadir

import (
	"fmt"
	"os"
	"path/filepath"
)

// EnvVar names the environment variable that overrides the data folder.
const EnvVar = "PASAPAS_DATA"

// Resolve returns the data folder: flag if set, else $PASAPAS_DATA, else the
// user's configuration folder + "pasapas" (~/.config/pasapas on Linux,
// %AppData%\pasapas on Windows). getenv is os.Getenv outside tests.
func Resolve(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return filepath.Abs(flag)
	}
	if env := getenv(EnvVar); env != "" {
		return filepath.Abs(env)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no user configuration folder (set %s or --data): %w", EnvVar, err)
	}
	return filepath.Join(base, "pasapas"), nil
}

// Create makes the data folder and its "guides" folder, where a centre puts
// its own guide files, readable by the user only.
func Create(dir string) error {
	if err := os.MkdirAll(filepath.Join(dir, "guides"), 0o700); err != nil {
		return fmt.Errorf("create data folder: %w", err)
	}
	return nil
}
