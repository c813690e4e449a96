package station_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nkeys"

	"pasapas/internal/room"
	"pasapas/internal/room/guidefolder"
	"pasapas/internal/room/link"
	"pasapas/internal/room/station"
	"pasapas/internal/settings"
)

func centreSettings() settings.Settings {
	s := settings.Defaults()
	s.CentreName = "Centre social des Lilas"
	s.KioskIdle = 5 * time.Minute
	s.HelpHold = 30 * time.Minute
	s.PublicKiosk = true
	s.OfficialHosts = []string{"www.mairie-exemple.fr"}
	s.GuideOverrides = []string{"ameli-compte"}
	s.EasternArabicDigits = true
	return s
}

func receive(t *testing.T, got <-chan room.KioskSettings, what string) room.KioskSettings {
	t.Helper()
	select {
	case ks := <-got:
		return ks
	case <-time.After(10 * time.Second):
		t.Fatalf("Got(%s) = nothing after 10 s, want the station's settings", what)
	}
	return room.KioskSettings{}
}

// folderFiles returns the files under dir, by slash name.
func folderFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func asMap(files []guidefolder.File) map[string]string {
	out := map[string]string{}
	for _, f := range files {
		out[f.Name] = string(f.Data)
	}
	return out
}

// The station publishes the centre's settings and guide files; a paired
// kiosk gets them at start, copies the files into its guide folder (its
// own guides kept aside), keeps the settings for the days the station is
// away, and gets every change through its watch.
func TestLink_FollowsKioskSettings(t *testing.T) {
	st, _ := newStation(t, newFakeStore(), station.Options{})
	ctx := context.Background()
	files := []guidefolder.File{
		{Name: "atelier.fr.toml", Data: []byte("id = \"atelier\"\n")},
		{Name: "pictures/plan.svg", Data: []byte("<svg/>")},
		{Name: "pictures/photo.png", Data: bytes.Repeat([]byte("png "), room.MaxGuideFileSize/4)}, // many chunks
		{Name: "vieux.fr.toml", Data: []byte("id = \"vieux\"\n")},
	}
	if err := st.PublishKiosk(ctx, room.NewKioskSettings(centreSettings()), files); err != nil {
		t.Fatalf("Got(PublishKiosk) = %v, want nil", err)
	}
	dir := pair(t, st, "Poste 1")
	guides := filepath.Join(dir, "guides")
	if err := os.MkdirAll(guides, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(guides, "mien.fr.toml"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan room.KioskSettings, 8)
	openLink(t, dir, link.Options{Outbox: &memOutbox{}, GuidesDir: guides,
		OnSettings: func(ks room.KioskSettings) { got <- ks }})

	ks := receive(t, got, "settings at start")
	want := centreSettings()
	if ks.CentreName != want.CentreName || ks.KioskIdle != want.KioskIdle || ks.HelpHold != want.HelpHold ||
		!ks.PublicKiosk || !ks.EasternArabicDigits || !slices.Equal(ks.OfficialHosts, want.OfficialHosts) ||
		!slices.Equal(ks.GuideOverrides, want.GuideOverrides) || len(ks.Guides) != 4 {
		t.Fatalf("Got(settings) = %+v, want those of %+v with 4 guide files", ks, want)
	}
	if g := folderFiles(t, guides); !mapsEqual(g, asMap(files)) {
		t.Fatalf("Got(kiosk's guide folder) = %v, want %v", g, asMap(files))
	}
	if g := folderFiles(t, guides+link.BeforeStation); g["mien.fr.toml"] != "mine" {
		t.Fatalf("Got(the PC's own guides) = %v, want mien.fr.toml kept aside", g)
	}
	saved, ok, err := link.SavedSettings(dir)
	if err != nil || !ok || saved.KioskIdle != want.KioskIdle || !saved.SameGuides(ks) {
		t.Fatalf("Got(SavedSettings) = %+v, %v, %v, want the settings received", saved, ok, err)
	}
	if runtime.GOOS != "windows" {
		if fi, err := os.Stat(filepath.Join(link.Dir(dir), "settings.json")); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("Got(settings.json's mode) = %v, %v, want 0600", fi.Mode(), err)
		}
	}

	// A change on the station reaches the kiosk through its watch: a file
	// changed, one gone, one new.
	s := centreSettings()
	s.KioskIdle, s.EasternArabicDigits = 7*time.Minute, false
	files2 := []guidefolder.File{
		{Name: "atelier.fr.toml", Data: []byte("id = \"atelier\"\n# changed\n")},
		{Name: "pictures/plan.svg", Data: []byte("<svg/>")},
		{Name: "pictures/logo.png", Data: []byte("png")},
	}
	if err := st.PublishKiosk(ctx, room.NewKioskSettings(s), files2); err != nil {
		t.Fatalf("Got(PublishKiosk again) = %v, want nil", err)
	}
	ks = receive(t, got, "settings changed")
	if ks.KioskIdle != 7*time.Minute || ks.EasternArabicDigits || len(ks.Guides) != 3 {
		t.Fatalf("Got(settings changed) = %+v, want idle 7 min, western digits, 3 files", ks)
	}
	if g := folderFiles(t, guides); !mapsEqual(g, asMap(files2)) {
		t.Fatalf("Got(kiosk's guide folder) = %v, want %v", g, asMap(files2))
	}
	if _, err := os.Stat(guides + ".old"); !os.IsNotExist(err) {
		t.Fatalf("Got(Stat(guides.old)) = %v, want gone", err)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// The station's settings kept by a kiosk let it start with them while the
// station is away; what a station could still publish past the limits is
// refused by the kiosk and said in its log.
func TestLink_GuideLimits(t *testing.T) {
	st, _ := newStation(t, newFakeStore(), station.Options{})
	ctx := context.Background()
	if err := st.PublishKiosk(ctx, room.NewKioskSettings(centreSettings()),
		[]guidefolder.File{{Name: "big.fr.toml", Data: make([]byte, room.MaxGuideFileSize+1)}}); err == nil {
		t.Fatal("Got(PublishKiosk of a file over 1 MB) = nil, want an error")
	}
	many := make([]guidefolder.File, room.MaxGuideFiles+1)
	for i := range many {
		many[i] = guidefolder.File{Name: fmt.Sprintf("g%03d.fr.toml", i), Data: []byte{'x'}}
	}
	if err := st.PublishKiosk(ctx, room.NewKioskSettings(centreSettings()), many); err == nil {
		t.Fatalf("Got(PublishKiosk of %d files) = nil, want an error", len(many))
	}

	// A station that would publish them anyway.
	ks := room.NewKioskSettings(centreSettings())
	objects := map[string][]byte{}
	add := func(name string, data []byte) {
		sum := sha256.Sum256(data)
		objects[name] = data
		ks.Guides = append(ks.Guides, room.GuideFile{Name: name, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])})
	}
	add("big.fr.toml", bytes.Repeat([]byte{'#'}, room.MaxGuideFileSize+1))
	for i := range room.MaxGuideFiles + 1 {
		add(fmt.Sprintf("g%03d.fr.toml", i), []byte{byte('a' + i%26)})
	}
	b, err := ks.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutRawForTest(ctx, objects, b); err != nil {
		t.Fatal(err)
	}
	dir := pair(t, st, "Poste 1")
	guides := filepath.Join(dir, "guides")
	logs := &logBuffer{}
	got := make(chan room.KioskSettings, 8)
	l := openLink(t, dir, link.Options{Outbox: &memOutbox{}, GuidesDir: guides, Logger: slog.New(slog.NewTextHandler(logs, nil)),
		OnSettings: func(ks room.KioskSettings) { got <- ks }})
	receive(t, got, "settings past the limits")
	g := folderFiles(t, guides)
	if len(g) != room.MaxGuideFiles-1 || g["big.fr.toml"] != "" || g["g198.fr.toml"] == "" || g["g199.fr.toml"] != "" {
		t.Fatalf("Got(kiosk's guide folder) = %d files, want the first %d small ones (the big one refused)", len(g), room.MaxGuideFiles-1)
	}
	for _, said := range []string{"guide file refused: too large", "more guide files than a kiosk takes"} {
		if !strings.Contains(logs.String(), said) {
			t.Errorf("Got(kiosk's log) = %q, want it to say %q", logs.String(), said)
		}
	}

	// The station away: the kiosk starts again with what it received.
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	saved, ok, err := link.SavedSettings(dir)
	if err != nil || !ok || saved.CentreName != "Centre social des Lilas" || len(saved.Guides) != len(ks.Guides) {
		t.Fatalf("Got(SavedSettings, station away) = %+v, %v, %v, want the settings received", saved, ok, err)
	}
}

type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A client that did not pair — let in only to pair, while a code is open —
// can read neither the settings nor the guide files; a paired kiosk reads
// them but cannot write them.
func TestStation_SettingsNotForStrangers(t *testing.T) {
	st, _ := newStation(t, newFakeStore(), station.Options{})
	ctx := context.Background()
	if err := st.PublishKiosk(ctx, room.NewKioskSettings(centreSettings()),
		[]guidefolder.File{{Name: "atelier.fr.toml", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	dir := pair(t, st, "Poste 1")
	if _, _, err := st.NewCode(); err != nil { // strangers may connect, to pair
		t.Fatal(err)
	}
	stranger, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	kiosk, err := nkeys.FromSeed(readSeed(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	kv, obj := "KV_"+room.SettingsBucket, "OBJ_"+room.GuidesBucket
	meta := "$O." + room.GuidesBucket + ".M.YXRlbGllci5mci50b21s" // atelier.fr.toml
	read := []string{
		"$JS.API.STREAM.INFO." + obj,
		"$JS.API.DIRECT.GET." + obj + "." + meta,
		"$JS.API.STREAM.MSG.GET." + obj,
		"$JS.API.CONSUMER.CREATE." + obj,
		"$JS.API.STREAM.INFO." + kv,
		"$JS.API.DIRECT.GET." + kv + ".$KV." + room.SettingsBucket + "." + room.KioskSettingsKey,
		"$JS.API.CONSUMER.CREATE." + kv,
	}
	write := []string{
		"$O." + room.GuidesBucket + ".C.abc",
		meta,
		"$KV." + room.SettingsBucket + "." + room.KioskSettingsKey,
		"$JS.API.STREAM.PURGE." + obj,
		"$JS.API.STREAM.DELETE." + obj,
		"$JS.API.STREAM.UPDATE." + kv,
		"$JS.API.CONSUMER.DURABLE.CREATE." + obj + ".mine",
	}
	for _, tc := range []struct {
		who     string
		key     nkeys.KeyPair
		refused []string
	}{
		{"a client that did not pair", stranger, append(read, write...)},
		{"a paired kiosk", kiosk, write},
	} {
		t.Run(tc.who, func(t *testing.T) {
			pub, err := tc.key.PublicKey()
			if err != nil {
				t.Fatal(err)
			}
			errs := make(chan error, 16)
			nc, err := nats.Connect("tls://"+st.Addr(), nats.Secure(room.PinnedTLS(st.Fingerprint())),
				nats.Nkey(pub, tc.key.Sign), nats.NoReconnect(),
				nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) { errs <- err }))
			if err != nil {
				t.Fatalf("Got(Connect) = %v, want connected", err)
			}
			defer nc.Close()
			for _, subject := range tc.refused {
				if err := nc.Publish(subject, []byte("{}")); err != nil {
					t.Fatal(err)
				}
				if err := nc.Flush(); err != nil {
					t.Fatal(err)
				}
				select {
				case err := <-errs:
					if !strings.Contains(strings.ToLower(err.Error()), "permissions violation") {
						t.Fatalf("Got(publish %s) = %v, want a permissions violation", subject, err)
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("Got(publish %s) = allowed, want a permissions violation", subject)
				}
			}
			if _, err := nc.SubscribeSync("$O." + room.GuidesBucket + ".>"); err != nil {
				t.Fatal(err)
			}
			if err := nc.Flush(); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-errs:
				if !strings.Contains(strings.ToLower(err.Error()), "permissions violation") {
					t.Fatalf("Got(subscribe to the guide files) = %v, want a permissions violation", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Got(subscribe to the guide files) = allowed, want a permissions violation")
			}
		})
	}
}

// Settings changed while the station was stopped reach the kiosk once the
// station is back: its watch starts again by itself.
func TestLink_SettingsAfterStationRestart(t *testing.T) {
	store := newFakeStore()
	st, sdir := newStation(t, store, station.Options{})
	addr := st.Addr()
	ctx := context.Background()
	if err := st.PublishKiosk(ctx, room.NewKioskSettings(centreSettings()), nil); err != nil {
		t.Fatal(err)
	}
	dir := pair(t, st, "Poste 1")
	got := make(chan room.KioskSettings, 8)
	openLink(t, dir, link.Options{Outbox: &memOutbox{}, GuidesDir: filepath.Join(dir, "guides"),
		OnSettings: func(ks room.KioskSettings) { got <- ks }})
	if ks := receive(t, got, "settings at start"); ks.KioskIdle != 5*time.Minute {
		t.Fatalf("Got(idle at start) = %v, want 5 min", ks.KioskIdle)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st2, err := station.Open(ctx, sdir, station.Options{Store: store, Listen: addr})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st2.Close(); err != nil {
			t.Error(err)
		}
	})
	s := centreSettings()
	s.KioskIdle = 9 * time.Minute
	if err := st2.PublishKiosk(ctx, room.NewKioskSettings(s),
		[]guidefolder.File{{Name: "atelier.fr.toml", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	for {
		ks := receive(t, got, "settings after the station's restart")
		if ks.KioskIdle == 9*time.Minute {
			if g := folderFiles(t, filepath.Join(dir, "guides")); g["atelier.fr.toml"] != "x" {
				t.Fatalf("Got(kiosk's guide folder) = %v, want the new file", g)
			}
			return
		}
	}
}
