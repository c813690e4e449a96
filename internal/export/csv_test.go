package export

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// TestAppendCSVField: a line of fields is, byte for byte, the line
// encoding/csv writes (UseCRLF), with either comma.
func TestAppendCSVField(t *testing.T) {
	fields := []string{"", "texte", "a,b", "a;b", `"`, `a"b`, "a\nb", "a\rb", "a\r\nb", `\.`, `\.x`, " a", "\ta",
		"\u00a0a", "\u0085a", "\u2003a", "a ", "é", "\xffa", "\xc2", "'=1", "1,5", "😀"}
	for _, comma := range []rune{',', ';'} {
		for _, f := range fields {
			for _, g := range fields {
				record := []string{f, g, "x"}
				var want bytes.Buffer
				w := csv.NewWriter(&want)
				w.UseCRLF, w.Comma = true, comma
				if err := w.Write(record); err != nil {
					t.Fatalf("Got(csv.Write) = %v, want nil error", err)
				}
				w.Flush()
				var got []byte
				for i, field := range record {
					if i > 0 {
						got = append(got, byte(comma))
					}
					if i == 1 {
						got = appendCSVField(got, []byte(field), byte(comma))
					} else {
						got = appendCSVField(got, field, byte(comma))
					}
				}
				got = append(got, '\r', '\n')
				if !bytes.Equal(got, want.Bytes()) {
					t.Errorf("Got(line of %q, comma %q) = %q, want %q", record, comma, got, want.Bytes())
				}
			}
		}
	}
}
