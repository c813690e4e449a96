package celltext

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestNeedsCleaning: the one pass over the bytes finds what the rule
// removes or replaces — every string of one or two bytes, and random ones
// of up to 24 (the bytes are read eight at a time) drawn mostly from the
// bytes that matter.
func TestNeedsCleaning(t *testing.T) {
	want := func(s string) bool { return !utf8.ValidString(s) || strings.ContainsFunc(s, removed) }
	check := func(s string) {
		if got := needsCleaning(s); got != want(s) {
			t.Fatalf("Got(needsCleaning(%q)) = %v, want %v", s, got, want(s))
		}
	}
	for a := range 256 {
		check(string([]byte{byte(a)}))
		for b := range 256 {
			check(string([]byte{byte(a), byte(b)}))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	some := []byte{'a', '\n', '\t', '\r', 0, 0x7f, 0x80, 0x85, 0x9f, 0xa0, 0xbf, 0xc2, 0xc3, 0xe2, 0xef, 0xf0, 0xf4, 0xff}
	for range 200_000 {
		b := make([]byte, 1+r.IntN(24))
		for i := range b {
			if r.IntN(3) > 0 && i > 0 {
				b[i] = 'a' // long runs of printable ASCII
			} else if r.IntN(4) == 0 {
				b[i] = byte(r.IntN(256))
			} else {
				b[i] = some[r.IntN(len(some))]
			}
		}
		check(string(b))
	}
}
