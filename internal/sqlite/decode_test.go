package sqlite

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestDecodeListBytes: the lists split without encoding/json are the ones
// encoding/json decodes, and what it refuses is refused.
func TestDecodeListBytes(t *testing.T) {
	for _, s := range []string{`[]`, `["Email"]`, `["Email","Sante"]`, `["é à","😀"]`, `["a\"b","c"]`, `["a\\b"]`,
		`["\u00e9"]`, `["a",]`, `["a""b"]`, `["a",`, `[`, ``, `["a" ,"b"]`, `[""]`, `["",""]`, `["a","b",""]`} {
		var want []string
		wantErr := json.Unmarshal([]byte(s), &want)
		if len(want) == 0 {
			want = nil
		}
		got, err := decodeListBytes[string]([]byte(s))
		if (err != nil) != (wantErr != nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("Got(decodeListBytes(%s)) = %q, %v, want %q, %v", s, got, err, want, wantErr)
		}
	}
}

// TestParseStampBytes: stamps parse as time.Parse parses them, and what
// it refuses is refused.
func TestParseStampBytes(t *testing.T) {
	for _, s := range []string{"2026-10-20T07:30:00.000Z", "2024-02-29T23:59:59.999Z", "2026-02-29T00:00:00.000Z",
		"2026-13-01T00:00:00.000Z", "2026-10-20T24:00:00.000Z", "2026-10-20T07:30:00Z", "2026-10-20 07:30:00.000Z",
		"2026-1x-20T07:30:00.000Z", "0001-01-01T00:00:00.000Z", ""} {
		want, wantErr := time.Parse(timeLayout, s)
		got, err := parseStampBytes([]byte(s))
		if (err != nil) != (wantErr != nil) || !got.Equal(want) || got.Location() != want.Location() {
			t.Errorf("Got(parseStampBytes(%q)) = %v, %v, want %v, %v", s, got, err, want, wantErr)
		}
	}
}
