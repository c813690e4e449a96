package celltext_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"pasapas/internal/export/celltext"
)

// seeds are texts a person might type to break an export.
var seeds = []string{"=1+2", "+33 6 12 34 56 78", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "\n=1",
	"\x00=1", `=1+2";=1+2`, "texte ordinaire", "", "'=déjà", "=HYPERLINK(\"http://x\")", " =1",
	"\x00\x00=1", "a\x1b[31mb", "\u0085=1", "\xff=1", strings.Repeat("é", 70) + "😀😀", strings.Repeat("ab", 60)}

// FuzzExportCell checks the cell rule (Text), fast, at the
// limits of the formats (none, XLSX's) and at small ones that make the
// fuzzer reach the cut: the result never starts with = + - @ TAB CR LF or
// NUL, holds no control character but line feeds and tabs, is valid
// UTF-8, fits the limit in UTF-16 code units, ends with CutMarker exactly
// when it was cut (then it is a prefix of the uncut text plus the
// marker), and is the text with only control characters removed and a
// leading quote added otherwise. Seeds are in testdata/fuzz/FuzzExportCell.
//
//	go test ./internal/export/celltext -run '^$' -fuzz '^FuzzExportCell$' -fuzztime 1m
func FuzzExportCell(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkText(t, s) })
}

// checkText is FuzzExportCell's body: Text of s at no limit, XLSX's
// limit, 100 and 64.
func checkText(t testing.TB, s string) {
	// check returns the length of got in UTF-16 code units, and fails
	// when it is not what every cell must be.
	check := func(limit int, got string) int {
		problem, units := cellProblem(got)
		if problem != "" {
			t.Fatalf("Got(Text(%q, %d)) = %q, want %s", s, limit, got, problem)
		}
		return units
	}
	whole, cut := celltext.Text(s, 0)
	if cut {
		t.Fatalf("Got(Text(%q, 0)) cut, want no limit", s)
	}
	check(0, whole)
	for _, limit := range []int{celltext.XLSXLimit, 100, 64} {
		got, cut := celltext.Text(s, limit)
		if n := check(limit, got); n > limit {
			t.Fatalf("Got(Text(%q, %d)) = %d UTF-16 units, want at most the limit", s, limit, n)
		}
		switch {
		case cut && (!strings.HasSuffix(got, celltext.CutMarker) || !strings.HasPrefix(whole, strings.TrimSuffix(got, celltext.CutMarker))):
			t.Fatalf("Got(Text(%q, %d)) = %q, want a prefix of %q and the marker", s, limit, got, whole)
		case !cut && got != whole:
			t.Fatalf("Got(Text(%q, %d)) = %q, want %q uncut", s, limit, got, whole)
		}
	}
}

// cellProblem returns what every cell must be and got is not — no
// trigger first, no control character but line feeds and tabs, valid
// UTF-8 — or "", and the length of got in UTF-16 code units, as Excel
// counts a cell. One pass, bytes at a time but for non-ASCII runes: the
// fuzz target calls it four times per input.
func cellProblem(got string) (problem string, units int) {
	if celltext.IsTrigger(got) {
		return "no leading trigger", 0
	}
	for i := 0; i < len(got); {
		if c := got[i]; c < utf8.RuneSelf {
			if c < ' ' && c != '\n' && c != '\t' || c == 0x7f {
				return fmt.Sprintf("no control character (one at %d)", i), 0
			}
			i++
			units++
			continue
		}
		r, size := utf8.DecodeRuneInString(got[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return "valid UTF-8", 0
		case unicode.IsControl(r):
			return fmt.Sprintf("no control character (one at %d)", i), 0
		}
		i += size
		units += utf16.RuneLen(r)
	}
	return "", units
}

// BenchmarkCheckText is FuzzExportCell's own work on its seeds, without
// the fuzzing engine's: the part of each execution the body decides.
func BenchmarkCheckText(b *testing.B) {
	in := slices.Clone(seeds)
	files, err := filepath.Glob("testdata/fuzz/FuzzExportCell/*")
	if err != nil {
		b.Fatalf("Got(Glob) = %v, want nil error", err)
	}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			b.Fatalf("Got(ReadFile) = %v, want nil error", err)
		}
		// "go test fuzz v1" then string("…").
		_, v, _ := strings.Cut(strings.TrimSpace(string(raw)), "\nstring(")
		s, err := strconv.Unquote(strings.TrimSuffix(v, ")"))
		if err != nil {
			b.Fatalf("Got(seed %s) = %v, want a quoted string", name, err)
		}
		in = append(in, s)
	}
	for b.Loop() {
		for _, s := range in {
			checkText(b, s)
		}
	}
}
