package station

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/nats-io/nats.go/jetstream"

	"pasapas/internal/room"
	"pasapas/internal/room/guidefolder"
)

// guidesConfig is the object store of the centre's own guide files: a
// folder's worth (room.MaxGuideBytes), with room to replace it.
var guidesConfig = jetstream.ObjectStoreConfig{
	Bucket:      room.GuidesBucket,
	Description: "the centre's own guide files, for its kiosks",
	Storage:     jetstream.FileStorage,
	MaxBytes:    4 * room.MaxGuideBytes,
}

// PublishKiosk publishes to the kiosks the centre's settings ks and its
// own guide files: the files go to the object store room.GuidesBucket
// (a file already there with the same content is not sent again, a file
// no longer in files is deleted), then ks, listing the files, to the
// settings bucket under room.KioskSettingsKey. A kiosk watching that key
// gets the new settings and finds every file they list. The station takes
// no more than room.MaxGuideFiles files of at most room.MaxGuideFileSize
// bytes (guidefolder.Read leaves the others out).
func (st *Station) PublishKiosk(ctx context.Context, ks room.KioskSettings, files []guidefolder.File) error {
	st.pubMu.Lock()
	defer st.pubMu.Unlock()
	if len(files) > room.MaxGuideFiles {
		return fmt.Errorf("station: %d guide files, at most %d", len(files), room.MaxGuideFiles)
	}
	ks.Guides = make([]room.GuideFile, 0, len(files))
	for _, f := range files {
		if !room.ValidGuideFileName(f.Name) || len(f.Data) > room.MaxGuideFileSize {
			return fmt.Errorf("station: guide file %q refused", f.Name)
		}
		ks.Guides = append(ks.Guides, f.Entry())
	}
	slices.SortFunc(ks.Guides, func(a, b room.GuideFile) int { return strings.Compare(a.Name, b.Name) })
	if ks.Published.IsZero() {
		ks.Published = st.opts.Now()
	}
	b, err := ks.Encode()
	if err != nil {
		return err
	}
	if len(b) > room.MaxSettingsSize {
		return fmt.Errorf("station: kiosk settings of %d bytes, at most %d", len(b), room.MaxSettingsSize)
	}
	if err := st.putGuides(ctx, files); err != nil {
		return err
	}
	if _, err := st.kv.Put(ctx, room.KioskSettingsKey, b); err != nil {
		return fmt.Errorf("station: kiosk settings: %w", err)
	}
	st.log.Info("room: settings published for the kiosks", "guide files", len(files))
	return nil
}

// putGuides makes the object store hold exactly files.
func (st *Station) putGuides(ctx context.Context, files []guidefolder.File) error {
	have := map[string]string{} // name → digest, as the object store writes it
	list, err := st.guides.List(ctx)
	if err != nil && !errors.Is(err, jetstream.ErrNoObjectsFound) {
		return fmt.Errorf("station: list guide files: %w", err)
	}
	for _, o := range list {
		have[o.Name] = o.Digest
	}
	keep := map[string]bool{}
	for _, f := range files {
		keep[f.Name] = true
		if d, ok := have[f.Name]; ok && d == objectDigest(f.Data) {
			continue
		}
		if _, err := st.guides.Put(ctx, jetstream.ObjectMeta{Name: f.Name}, bytes.NewReader(f.Data)); err != nil {
			return fmt.Errorf("station: guide file %s: %w", f.Name, err)
		}
	}
	for name := range have {
		if keep[name] {
			continue
		}
		if err := st.guides.Delete(ctx, name); err != nil && !errors.Is(err, jetstream.ErrObjectNotFound) {
			return fmt.Errorf("station: remove guide file %s: %w", name, err)
		}
	}
	return nil
}

// objectDigest is the digest the object store keeps for data.
func objectDigest(data []byte) string {
	sum := sha256.Sum256(data)
	return "SHA-256=" + base64.URLEncoding.EncodeToString(sum[:])
}
