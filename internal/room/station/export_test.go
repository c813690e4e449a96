package station

import (
	"bytes"
	"context"

	"github.com/nats-io/nats.go/jetstream"

	"pasapas/internal/room"
)

// PutRawForTest writes an object to the guides bucket and the bytes b as
// the kiosk settings, past PublishKiosk's checks: for the tests of what a
// kiosk refuses from a station that would publish it.
func (st *Station) PutRawForTest(ctx context.Context, objects map[string][]byte, b []byte) error {
	for name, data := range objects {
		if _, err := st.guides.Put(ctx, jetstream.ObjectMeta{Name: name}, bytes.NewReader(data)); err != nil {
			return err
		}
	}
	_, err := st.kv.Put(ctx, room.KioskSettingsKey, b)
	return err
}
