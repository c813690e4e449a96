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
