package link

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"pasapas/internal/room"
	"pasapas/internal/room/guidefolder"
	"pasapas/internal/room/secretfile"
)

// The centre's settings and own guides, set once on the station (see
// room.KioskSettings): the link watches the station's settings key, copies
// the guide files it lists into the kiosk's guide folder, keeps the
// settings in <data>/kiosk/settings.json for the days the station is
// away, then hands them to Options.OnSettings.

// settingsFile keeps the last settings received, 0600.
const settingsFile = "settings.json"

// BeforeStation is the name given to a kiosk's own guide folder the first
// time its station's guides replace it: nothing the centre wrote on that
// PC before it joined is deleted.
const BeforeStation = ".avant-station"

// settingsRetry is how long the link waits before trying again to watch
// the settings or to copy the guide files.
const settingsRetry = 2 * time.Second

// SavedSettings returns the last settings this kiosk received from its
// station (<data>/kiosk/settings.json); ok is false when it never
// received any. A file that cannot be read or checked is an error.
func SavedSettings(dataDir string) (ks room.KioskSettings, ok bool, err error) {
	b, ks, err := readSaved(dataDir)
	return ks, b != nil, err
}

// readSaved returns settings.json's bytes (nil without one) and its
// settings.
func readSaved(dataDir string) ([]byte, room.KioskSettings, error) {
	b, err := os.ReadFile(filepath.Join(Dir(dataDir), settingsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, room.KioskSettings{}, nil
	}
	if err != nil {
		return nil, room.KioskSettings{}, fmt.Errorf("link: saved settings: %w", err)
	}
	ks, err := room.DecodeKioskSettings(b)
	if err != nil {
		return nil, room.KioskSettings{}, fmt.Errorf("link: saved settings: %w", err)
	}
	return b, ks, nil
}

func (l *Link) wakeSettings() {
	select {
	case l.connected <- struct{}{}:
	default:
	}
}

// follow watches the station's kiosk settings for as long as the link is
// open, and watches again after any break: at once when the connection
// comes back (a station restarted has a new stream of settings for the
// same key; the watch's own recovery waits for missed heartbeats, 10 s or
// more), else every settingsRetry.
func (l *Link) follow() {
	defer close(l.followed)
	for {
		w, err := l.watchSettings()
		if err == nil {
			again := l.drain(w)
			if err := w.Stop(); err != nil {
				l.log.Debug("room: stop watching the settings", "err", err)
			}
			if again {
				continue
			}
		} else {
			l.log.Debug("room: watch the settings; retried", "err", err)
		}
		select {
		case <-l.stop:
			return
		case <-l.connected:
		case <-time.After(settingsRetry):
		}
	}
}

func (l *Link) watchSettings() (jetstream.KeyWatcher, error) {
	if !l.nc.IsConnected() {
		return nil, errors.New("not connected")
	}
	ctx, cancel := context.WithTimeout(l.ctx, 5*time.Second)
	defer cancel()
	kv, err := l.js.KeyValue(ctx, room.SettingsBucket)
	if err != nil {
		return nil, err
	}
	// The watch lives as long as the link (l.ctx), not the lookup.
	return kv.Watch(l.ctx, room.KioskSettingsKey)
}

// drain applies each new value of the settings; one that could not be
// applied (a guide file missing, a full disk) is tried again, unless a
// newer one came. It returns when the link closes or the watch ends, and
// again=true when the connection came back: watch anew now.
func (l *Link) drain(w jetstream.KeyWatcher) (again bool) {
	var pending []byte
	retry := time.NewTimer(time.Hour)
	retry.Stop()
	defer retry.Stop()
	for {
		select {
		case <-l.stop:
			return false
		case <-l.connected:
			return true
		case e, ok := <-w.Updates():
			if !ok {
				return false
			}
			if e == nil || e.Operation() != jetstream.KeyValuePut {
				continue // nil: the current value, if any, came
			}
			pending = e.Value()
		case <-retry.C:
		}
		if pending == nil {
			continue
		}
		if err := l.applySettings(pending); err != nil {
			l.log.Warn("room: the station's settings are not applied yet; tried again", "err", err)
			retry.Reset(settingsRetry)
			continue
		}
		pending = nil
	}
}

// applySettings checks the settings b, brings the kiosk's guide folder in
// line with their list of files, saves them, and hands them to the
// program. Invalid settings are logged and dropped (nil): trying them
// again would not make them valid.
func (l *Link) applySettings(b []byte) error {
	ks, err := room.DecodeKioskSettings(b)
	if err != nil {
		l.log.Error("room: settings from the station refused", "err", err)
		return nil
	}
	l.setMu.Lock()
	saved, savedRaw := l.saved, l.savedRaw
	l.setMu.Unlock()
	hasSaved := savedRaw != nil
	if bytes.Equal(b, savedRaw) && (l.opts.GuidesDir == "" || !missing(l.opts.GuidesDir)) {
		return nil // applied already, before a break or a restart
	}
	if l.opts.GuidesDir != "" && (!hasSaved || !ks.SameGuides(saved) || missing(l.opts.GuidesDir)) {
		files, err := l.fetchGuides(ks.Guides)
		if err != nil {
			return err
		}
		if !hasSaved {
			l.keepOwnGuides()
		}
		if err := guidefolder.Replace(l.opts.GuidesDir, files); err != nil {
			return err
		}
		l.log.Info("room: the centre's guide files copied from the station", "files", len(files))
	}
	if err := secretfile.Write(filepath.Join(Dir(l.dataDir), settingsFile), b); err != nil {
		return err
	}
	l.setMu.Lock()
	l.saved, l.savedRaw = ks, b
	l.setMu.Unlock()
	l.log.Info("room: settings received from the station", "published", ks.Published)
	if l.opts.OnSettings != nil {
		l.opts.OnSettings(ks)
	}
	return nil
}

func missing(dir string) bool {
	_, err := os.Stat(dir)
	return errors.Is(err, fs.ErrNotExist)
}

// keepOwnGuides moves the guide folder this PC had before its first
// settings from the station aside (guides.avant-station), if it has one.
func (l *Link) keepOwnGuides() {
	dir := l.opts.GuidesDir
	if entries, err := os.ReadDir(dir); err != nil || len(entries) == 0 {
		return
	}
	aside := dir + BeforeStation
	if _, err := os.Lstat(aside); err == nil {
		return // kept the first time; this folder is a copy of the station's
	}
	if err := os.Rename(dir, aside); err != nil {
		l.log.Warn("room: keep this PC's own guides aside", "err", err)
		return
	}
	l.log.Info("room: this PC's own guides are kept aside: the station's replace them", "folder", aside)
}

// fetchGuides reads the files of list from the station's object store,
// each checked against its size and SHA-256. A file over
// room.MaxGuideFileSize, the files after the first room.MaxGuideFiles and
// those past room.MaxGuideBytes are refused and said in the log; a file
// that cannot be read, or does not match the list, is an error (tried
// again).
func (l *Link) fetchGuides(list []room.GuideFile) ([]guidefolder.File, error) {
	if len(list) == 0 {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(l.ctx, time.Minute)
	defer cancel()
	obs, err := l.js.ObjectStore(ctx, room.GuidesBucket)
	if err != nil {
		return nil, fmt.Errorf("link: guide files: %w", err)
	}
	var files []guidefolder.File
	total := int64(0)
	for i, g := range list {
		if i == room.MaxGuideFiles {
			l.log.Error("room: more guide files than a kiosk takes: the rest are refused",
				"max", room.MaxGuideFiles, "refused", len(list)-i)
			break
		}
		if g.Size > room.MaxGuideFileSize {
			l.log.Error("room: guide file refused: too large", "file", g.Name, "size", g.Size, "max", room.MaxGuideFileSize)
			continue
		}
		if total += g.Size; total > room.MaxGuideBytes {
			l.log.Error("room: guide files refused: too many bytes in all", "from", g.Name, "max", room.MaxGuideBytes)
			break
		}
		data, err := getObject(ctx, obs, g.Name, room.MaxGuideFileSize)
		if err != nil {
			return nil, fmt.Errorf("link: guide file %s: %w", g.Name, err)
		}
		sum := sha256.Sum256(data)
		if int64(len(data)) != g.Size || hex.EncodeToString(sum[:]) != g.SHA256 {
			return nil, fmt.Errorf("link: guide file %s is not the one the settings list", g.Name)
		}
		files = append(files, guidefolder.File{Name: g.Name, Data: data})
	}
	return files, nil
}

// getObject reads the object name, refusing one over limit bytes before
// and while reading it.
func getObject(ctx context.Context, obs jetstream.ObjectStore, name string, limit int64) ([]byte, error) {
	r, err := obs.Get(ctx, name)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if info, err := r.Info(); err != nil {
		return nil, err
	} else if int64(info.Size) > limit {
		return nil, fmt.Errorf("%d bytes, at most %d", info.Size, limit)
	}
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, io.LimitReader(r, limit+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > limit {
		return nil, fmt.Errorf("more than %d bytes", limit)
	}
	return buf.Bytes(), nil
}
