package app

import (
	"os"
	"testing"

	"github.com/BurntSushi/toml"
)

// The app id passed to app.NewWithID must be the one in FyneApp.toml, or
// packaging and preferences disagree.
func TestAppID_MatchesFyneAppToml(t *testing.T) {
	var meta struct {
		Details struct {
			ID   string `toml:"ID"`
			Name string `toml:"Name"`
			Icon string `toml:"Icon"`
		} `toml:"Details"`
	}
	if _, err := toml.DecodeFile("../../FyneApp.toml", &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Details.ID != AppID {
		t.Fatalf("FyneApp.toml ID = %q, want %q (app.NewWithID)", meta.Details.ID, AppID)
	}
	if meta.Details.Name != "Pas à pas" {
		t.Fatalf("FyneApp.toml Name = %q, want Pas à pas", meta.Details.Name)
	}
	if _, err := os.Stat("../../" + meta.Details.Icon); err != nil {
		t.Fatalf("FyneApp.toml Icon: %v", err)
	}
}

func TestMain_ParseFlags(t *testing.T) {
	m := &Main{}
	if err := m.ParseFlags([]string{"--data", "/tmp/d", "--fullscreen", "--idle", "5m", "--guide", "caf-aide-logement", "--lang", "ar"}); err != nil {
		t.Fatal(err)
	}
	if m.DataDir != "/tmp/d" || !m.Fullscreen || m.IdleAfter.Minutes() != 5 || m.Guide != "caf-aide-logement" || m.Lang != "ar" {
		t.Fatalf("ParseFlags = %+v", m)
	}
	if err := m.ParseFlags([]string{"--idle", "soon"}); err == nil {
		t.Fatal("ParseFlags accepted a bad duration")
	}
}

func TestMain_ParseFlags_Version(t *testing.T) {
	m := &Main{}
	if err := m.ParseFlags([]string{"--version"}); err != nil || !m.ShowVersion {
		t.Fatalf("ParseFlags(--version) = %v, ShowVersion %v", err, m.ShowVersion)
	}
}
