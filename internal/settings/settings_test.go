package settings

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSettings_Validate(t *testing.T) {
	ok := Defaults()
	tests := []struct {
		name string
		edit func(*Settings)
		want error
	}{
		{"defaults", func(*Settings) {}, nil},
		{"idle too short", func(s *Settings) { s.KioskIdle = 30 * time.Second }, ErrIdle},
		{"idle too long", func(s *Settings) { s.KioskIdle = 2 * time.Hour }, ErrIdle},
		{"retention above two years", func(s *Settings) { s.RetentionMonths = 25 }, ErrRetention},
		{"retention zero", func(s *Settings) { s.RetentionMonths = 0 }, ErrRetention},
		{"lock zero", func(s *Settings) { s.LockAfter = 0 }, ErrLock},
		{"help hold zero", func(s *Settings) { s.HelpHold = 0 }, ErrHelpHold},
		{"help hold above two hours", func(s *Settings) { s.HelpHold = 3 * time.Hour }, ErrHelpHold},
		{"help hold one hour", func(s *Settings) { s.HelpHold = time.Hour }, nil},
		{"empty place", func(s *Settings) { s.Places = []string{"Salle", " "} }, ErrName},
		{"long centre name", func(s *Settings) { s.CentreName = strings.Repeat("a", 121) }, ErrName},
		{"postal code of a town", func(s *Settings) { s.PostalCode = "69003" }, nil},
		{"a town hall's site", func(s *Settings) { s.OfficialHosts = []string{"www.mairie-exemple.fr", "*.ville-exemple.fr"} }, nil},
		{"a look-alike host", func(s *Settings) { s.OfficialHosts = []string{"аmeli.fr"} }, ErrHost},
		{"a whole public suffix", func(s *Settings) { s.OfficialHosts = []string{"*.github.io"} }, ErrHost},
		{"an address, not a host", func(s *Settings) { s.OfficialHosts = []string{"https://evil.example/x"} }, ErrHost},
		{"a guide id", func(s *Settings) { s.GuideOverrides = []string{"ameli-compte"} }, nil},
		{"a path as a guide id", func(s *Settings) { s.GuideOverrides = []string{"../etc"} }, ErrGuideID},
		{"postal code of Corsica", func(s *Settings) { s.PostalCode = "20000" }, nil},
		{"postal code with a letter", func(s *Settings) { s.PostalCode = "2A004" }, ErrPostal},
		{"postal code too short", func(s *Settings) { s.PostalCode = "6900" }, ErrPostal},
		{"postal code in Arabic digits", func(s *Settings) { s.PostalCode = "٦٩٠٠٣" }, ErrPostal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok
			tt.edit(&s)
			if got := s.Validate(); !errors.Is(got, tt.want) && !(got == nil && tt.want == nil) {
				t.Fatalf("Validate() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSettings_Complete(t *testing.T) {
	s := Defaults()
	if err := s.Complete(); !errors.Is(err, ErrCentre) {
		t.Fatalf("Complete() of a new installation = %v, want %v", err, ErrCentre)
	}
	s.CentreName = "  "
	if err := s.Complete(); !errors.Is(err, ErrCentre) {
		t.Fatalf("Complete() with a blank name = %v, want %v", err, ErrCentre)
	}
	s.CentreName = "Centre social des Tilleuls"
	if err := s.Complete(); !errors.Is(err, ErrPlaces) {
		t.Fatalf("Complete() without a place = %v, want %v", err, ErrPlaces)
	}
	s.Places = []string{"Espace numérique"}
	s.PostalCode = "abc"
	if err := s.Complete(); !errors.Is(err, ErrPostal) {
		t.Fatalf("Complete() with a bad postal code = %v, want %v", err, ErrPostal)
	}
	s.PostalCode = "69003"
	if err := s.Complete(); err != nil {
		t.Fatalf("Complete() = %v, want nil", err)
	}
}
