package room

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"pasapas/internal/guide"
	"pasapas/internal/settings"
)

// What the station publishes for its kiosks, so that the centre sets it
// once, on the station: the settings a kiosk applies, under one key of
// the key-value bucket SettingsBucket, and the centre's own guide files in
// the object store GuidesBucket. The settings carry the list of guide
// files (name, size, SHA-256): the station puts the files first and the
// list last, so a kiosk that reads a new list finds every file in the
// store, checks each against the list, and knows when its copy is current.
const (
	KioskSettingsKey = "kiosk"
	GuidesBucket     = "pasapas_guides"
)

// Limits on what a kiosk takes from its station. A kiosk refuses a guide
// file larger than MaxGuideFileSize and files beyond MaxGuideFiles (it
// says so in its log), and files past MaxGuideBytes in all; the station
// does not publish them either. The
// guide loader's own limits (guide.MaxFileSize, guide.MaxPictureSize)
// still apply when the kiosk reads the files.
const (
	MaxGuideFileSize = 1 << 20
	MaxGuideFiles    = 200
	// MaxGuideBytes bounds the whole folder (the guide loader reads at
	// most guide.MaxFolderBytes of guide files, plus their pictures).
	MaxGuideBytes = 32 << 20
	// MaxSettingsSize bounds the settings' wire form: MaxGuideFiles names
	// and digests, a long list of official sites.
	MaxSettingsSize = 256 << 10
	maxGuideName    = 128
)

// KioskSettings are the centre's settings a kiosk applies: the idle time,
// how long a help request holds a visit, full screen, the official sites
// guides may open and the built-in guides the centre's own may replace,
// the Arabic kiosk's digits, the centre's name; and the list of the
// centre's own guide files. Each field is copied from settings.Settings
// on purpose: a setting added there later does not travel until someone
// adds it here.
type KioskSettings struct {
	CentreName          string        `json:"centre_name,omitempty"`
	KioskIdle           time.Duration `json:"-"`
	HelpHold            time.Duration `json:"-"`
	PublicKiosk         bool          `json:"public_kiosk,omitempty"`
	OfficialHosts       []string      `json:"official_hosts,omitempty"`
	GuideOverrides      []string      `json:"guide_overrides,omitempty"`
	EasternArabicDigits bool          `json:"eastern_arabic_digits,omitempty"`
	// Guides are the centre's own guide files, sorted by name.
	Guides []GuideFile `json:"guides,omitempty"`
	// Published is the station's clock when it published them (logs only).
	Published time.Time `json:"published,omitzero"`
}

// GuideFile is one file of the centre's guide folder: "<id>.<lang>.toml"
// or "pictures/<name>" (see ValidGuideFileName).
type GuideFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"` // hex
}

// NewKioskSettings returns what kiosks need of the centre's settings s,
// with no guide file yet.
func NewKioskSettings(s settings.Settings) KioskSettings {
	return KioskSettings{CentreName: s.CentreName, KioskIdle: s.KioskIdle, HelpHold: s.HelpHold,
		PublicKiosk: s.PublicKiosk, OfficialHosts: slices.Clone(s.OfficialHosts),
		GuideOverrides: slices.Clone(s.GuideOverrides), EasternArabicDigits: s.EasternArabicDigits}
}

// Apply returns s with the station's values in place of its own.
func (k KioskSettings) Apply(s settings.Settings) settings.Settings {
	s.CentreName, s.KioskIdle, s.HelpHold, s.PublicKiosk = k.CentreName, k.KioskIdle, k.HelpHold, k.PublicKiosk
	s.OfficialHosts, s.GuideOverrides = slices.Clone(k.OfficialHosts), slices.Clone(k.GuideOverrides)
	s.EasternArabicDigits = k.EasternArabicDigits
	return s
}

// SameGuides reports whether k and o list the same guide files.
func (k KioskSettings) SameGuides(o KioskSettings) bool { return slices.Equal(k.Guides, o.Guides) }

// wireKioskSettings is KioskSettings with its durations in whole seconds.
type wireKioskSettings struct {
	KioskSettings
	IdleSeconds     int64 `json:"kiosk_idle_s"`
	HelpHoldSeconds int64 `json:"help_hold_s"`
}

// ErrInvalidSettings is wrapped by DecodeKioskSettings's errors.
var ErrInvalidSettings = errors.New("room: invalid kiosk settings")

// Encode returns the settings' wire form.
func (k KioskSettings) Encode() ([]byte, error) {
	b, err := json.Marshal(wireKioskSettings{KioskSettings: k,
		IdleSeconds: int64(k.KioskIdle / time.Second), HelpHoldSeconds: int64(k.HelpHold / time.Second)})
	if err != nil {
		return nil, fmt.Errorf("room: encode kiosk settings: %w", err)
	}
	return b, nil
}

// DecodeKioskSettings reads and checks settings a station published: the
// ranges and lists of settings.Settings.Validate, at most MaxSettingsSize
// bytes, guide files with safe names (ValidGuideFileName), each once, with
// a size and a SHA-256. A guide file over MaxGuideFileSize or beyond
// MaxGuideFiles is not an error here: the kiosk leaves it out and says so.
// Errors wrap ErrInvalidSettings.
func DecodeKioskSettings(b []byte) (KioskSettings, error) {
	if len(b) > MaxSettingsSize {
		return KioskSettings{}, fmt.Errorf("%w: %d bytes", ErrInvalidSettings, len(b))
	}
	var w wireKioskSettings
	if err := json.Unmarshal(b, &w); err != nil {
		return KioskSettings{}, fmt.Errorf("%w: %v", ErrInvalidSettings, err)
	}
	if w.IdleSeconds < 0 || w.IdleSeconds > int64(24*time.Hour/time.Second) ||
		w.HelpHoldSeconds < 0 || w.HelpHoldSeconds > int64(24*time.Hour/time.Second) {
		return KioskSettings{}, fmt.Errorf("%w: durations", ErrInvalidSettings)
	}
	k := w.KioskSettings
	k.KioskIdle, k.HelpHold = time.Duration(w.IdleSeconds)*time.Second, time.Duration(w.HelpHoldSeconds)*time.Second
	if err := k.Apply(settings.Defaults()).Validate(); err != nil {
		return KioskSettings{}, fmt.Errorf("%w: %v", ErrInvalidSettings, err)
	}
	seen := map[string]bool{}
	for _, f := range k.Guides {
		sum, err := hex.DecodeString(f.SHA256)
		switch {
		case !ValidGuideFileName(f.Name):
			return KioskSettings{}, fmt.Errorf("%w: guide file name %q", ErrInvalidSettings, f.Name)
		case seen[f.Name]:
			return KioskSettings{}, fmt.Errorf("%w: guide file %q twice", ErrInvalidSettings, f.Name)
		case f.Size < 0 || err != nil || len(sum) != 32:
			return KioskSettings{}, fmt.Errorf("%w: guide file %q: size or digest", ErrInvalidSettings, f.Name)
		}
		seen[f.Name] = true
	}
	return k, nil
}

// ValidGuideFileName reports whether name may travel as a file of the
// centre's guide folder: a file "<base>.toml" at its top, or a picture
// (.svg, .png, .jpg, .jpeg) of its pictures folder ("pictures/<base>"),
// where base is at most 128 bytes of
// lower-case ASCII letters, digits, dots, dashes and underscores, starting
// with a letter or digit, without "..", and not a name Windows keeps for a
// device (con, nul, com1…). Nothing else is written into a kiosk's folder.
func ValidGuideFileName(name string) bool {
	dir, base, sub := strings.Cut(name, "/")
	if !sub {
		return validBase(dir) && strings.HasSuffix(dir, ".toml")
	}
	if dir != guide.PicturesDir || !validBase(base) {
		return false
	}
	switch path.Ext(base) {
	case ".svg", ".png", ".jpg", ".jpeg":
		return true
	}
	return false
}

func validBase(b string) bool {
	if b == "" || len(b) > maxGuideName || strings.Contains(b, "..") || !alnum(b[0]) {
		return false
	}
	for i := 0; i < len(b); i++ {
		if c := b[i]; !alnum(c) && c != '.' && c != '-' && c != '_' {
			return false
		}
	}
	stem, _, _ := strings.Cut(b, ".")
	switch stem {
	case "con", "prn", "aux", "nul":
		return false
	}
	if len(stem) == 4 && (strings.HasPrefix(stem, "com") || strings.HasPrefix(stem, "lpt")) && stem[3] >= '0' && stem[3] <= '9' {
		return false
	}
	return true
}

func alnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
