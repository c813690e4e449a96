package room_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"pasapas/internal/room"
	"pasapas/internal/settings"
)

func TestValidGuideFileName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"atelier-tablette.fr.toml", true},
		{"pictures/plan.svg", true},
		{"pictures/logo_2.png", true},
		{"readme.md", false},
		{"Atelier.fr.toml", false},
		{".cache.toml", false},
		{"../x.toml", false},
		{"a..b.toml", false},
		{"pictures/../x.svg", false},
		{"pictures/sub/x.svg", false},
		{"other/x.svg", false},
		{"/x.toml", false},
		{`a\b.toml`, false},
		{"con.fr.toml", false},
		{"pictures/nul.png", false},
		{"pictures/com1.svg", false},
		{"lpt9.toml", false},
		{"com.fr.toml", true},
		{"pictures/", false},
		{"pictures/run.exe", false},
		{"pictures/notes.toml", false},
		{"pictures/photo.jpeg", true},
		{"", false},
		{strings.Repeat("a", 123) + ".toml", true},
		{strings.Repeat("a", 124) + ".toml", false},
	} {
		if got := room.ValidGuideFileName(tc.name); got != tc.want {
			t.Errorf("Got(ValidGuideFileName(%q)) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestKioskSettings_EncodeDecode(t *testing.T) {
	s := settings.Defaults()
	s.CentreName, s.KioskIdle, s.HelpHold, s.PublicKiosk = "Lilas", 5*time.Minute, 40*time.Minute, true
	s.OfficialHosts, s.GuideOverrides, s.EasternArabicDigits = []string{"*.mairie-exemple.fr"}, []string{"ameli-compte"}, true
	s.Places, s.RetentionMonths = []string{"Salle 1"}, 12 // not for kiosks
	ks := room.NewKioskSettings(s)
	ks.Guides = []room.GuideFile{{Name: "a.fr.toml", Size: 3, SHA256: strings.Repeat("ab", 32)}}
	b, err := ks.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "Salle 1") {
		t.Fatalf("Got(Encode) = %s, want no activity place (kiosks do not need it)", b)
	}
	got, err := room.DecodeKioskSettings(b)
	if err != nil {
		t.Fatalf("Got(DecodeKioskSettings) = %v, want nil", err)
	}
	if got.KioskIdle != ks.KioskIdle || got.HelpHold != ks.HelpHold || got.CentreName != "Lilas" || !got.PublicKiosk ||
		!got.EasternArabicDigits || !slices.Equal(got.OfficialHosts, ks.OfficialHosts) ||
		!slices.Equal(got.GuideOverrides, ks.GuideOverrides) || !got.SameGuides(ks) {
		t.Fatalf("Got(decoded) = %+v, want %+v", got, ks)
	}
	kiosk := got.Apply(settings.Defaults())
	if kiosk.KioskIdle != 5*time.Minute || kiosk.HelpHold != 40*time.Minute || kiosk.RetentionMonths != 24 ||
		len(kiosk.Places) != 0 || kiosk.CentreName != "Lilas" {
		t.Fatalf("Got(Apply) = %+v, want the station's kiosk settings over the kiosk's own", kiosk)
	}
}

func TestDecodeKioskSettings_Refuses(t *testing.T) {
	good := func() room.KioskSettings {
		ks := room.NewKioskSettings(settings.Defaults())
		ks.Guides = []room.GuideFile{{Name: "a.fr.toml", Size: 1, SHA256: strings.Repeat("0", 64)}}
		return ks
	}
	for _, tc := range []struct {
		name   string
		change func(*room.KioskSettings)
	}{
		{"idle of 10 s", func(k *room.KioskSettings) { k.KioskIdle = 10 * time.Second }},
		{"help hold of a day", func(k *room.KioskSettings) { k.HelpHold = 24 * time.Hour }},
		{"bad official site", func(k *room.KioskSettings) { k.OfficialHosts = []string{"http://x y"} }},
		{"bad guide id", func(k *room.KioskSettings) { k.GuideOverrides = []string{"../x"} }},
		{"guide file outside the folder", func(k *room.KioskSettings) { k.Guides[0].Name = "../../x.toml" }},
		{"guide file twice", func(k *room.KioskSettings) { k.Guides = append(k.Guides, k.Guides[0]) }},
		{"no digest", func(k *room.KioskSettings) { k.Guides[0].SHA256 = "" }},
		{"negative size", func(k *room.KioskSettings) { k.Guides[0].Size = -1 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ks := good()
			tc.change(&ks)
			b, err := ks.Encode()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := room.DecodeKioskSettings(b); !errors.Is(err, room.ErrInvalidSettings) {
				t.Fatalf("Got(DecodeKioskSettings) = %v, want ErrInvalidSettings", err)
			}
		})
	}
	for _, b := range []string{"not json", `{"kiosk_idle_s":-5}`, strings.Repeat(" ", room.MaxSettingsSize+1)} {
		if _, err := room.DecodeKioskSettings([]byte(b)); !errors.Is(err, room.ErrInvalidSettings) {
			t.Errorf("Got(DecodeKioskSettings(%.20q)) = %v, want ErrInvalidSettings", b, err)
		}
	}
}
