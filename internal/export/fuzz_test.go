package export_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"pasapas/internal/export"
	"pasapas/internal/journal"
)

// exportSeeds are texts a person might type to break an export.
var exportSeeds = []string{"=1+2", "+33 6 12 34 56 78", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "\n=1",
	"\x00=1", `=1+2";=1+2`, "texte ordinaire", "", "'=déjà", "=HYPERLINK(\"http://x\")", " =1",
	"\x00\x00=1", "a\x1b[31mb", "\u0085=1", "\xff=1", strings.Repeat("é", 70) + "😀😀", strings.Repeat("ab", 60)}

// FuzzExportCell checks the cell rule alone (CellText), fast, at the
// limits of the formats (none, XLSX's) and at small ones that make the
// fuzzer reach the cut: the result never starts with = + - @ TAB CR LF or
// NUL, holds no control character but line feeds and tabs, is valid
// UTF-8, fits the limit in UTF-16 code units, ends with CutMarker exactly
// when it was cut (then it is a prefix of the uncut text plus the
// marker), and is the text with only control characters removed and a
// leading quote added otherwise. Seeds are in testdata/fuzz/FuzzExportCell.
//
//	go test ./internal/export -run '^$' -fuzz '^FuzzExportCell$' -fuzztime 1m
func FuzzExportCell(f *testing.F) {
	for _, s := range exportSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		whole, cut := export.CellText(s, 0)
		if cut {
			t.Fatalf("Got(CellText(%q, 0)) cut, want no limit", s)
		}
		checkCell(t, s, whole)
		for _, limit := range []int{export.XLSXCellLimit, 100, 64} {
			got, cut := export.CellText(s, limit)
			checkCell(t, s, got)
			if n := utf16Units(got); n > limit {
				t.Fatalf("Got(CellText(%q, %d)) = %d UTF-16 units, want at most the limit", s, limit, n)
			}
			switch {
			case cut && (!strings.HasSuffix(got, export.CutMarker) || !strings.HasPrefix(whole, strings.TrimSuffix(got, export.CutMarker))):
				t.Fatalf("Got(CellText(%q, %d)) = %q, want a prefix of %q and the marker", s, limit, got, whole)
			case !cut && got != whole:
				t.Fatalf("Got(CellText(%q, %d)) = %q, want %q uncut", s, limit, got, whole)
			}
		}
	})
}

// utf16Units returns the length of s in UTF-16 code units, as Excel
// counts a cell.
func utf16Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// checkCell checks what every cell must be: no trigger first, no control
// character but line feeds and tabs, valid UTF-8, and (uncut) the input
// with only those removed and at most a leading quote added.
func checkCell(t *testing.T, in, got string) {
	t.Helper()
	if export.IsTrigger(got) {
		t.Fatalf("Got(CellText(%q)) = %q, want no leading trigger", in, got)
	}
	if !utf8.ValidString(got) {
		t.Fatalf("Got(CellText(%q)) = %q, want valid UTF-8", in, got)
	}
	if i := strings.IndexFunc(got, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }); i >= 0 {
		t.Fatalf("Got(CellText(%q)) = %q, want no control character (one at %d)", in, got, i)
	}
}

// FuzzExportRoundTrip is R10's check on whole files: whatever text a
// person typed — in a cell, in the centre's name, in their display name —
// no cell of the CSV (both variants) or of the XLSX starts with = + - @
// TAB CR LF or NUL once the file is read back, and a CSV cell reads back
// as CellText says. It writes and reads an XLSX each time: slow (about a
// hundred runs a second); FuzzExportCell is the fast check of the rule.
// Seeds are in testdata/fuzz/FuzzExportRoundTrip.
func FuzzExportRoundTrip(f *testing.F) {
	for _, s := range exportSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		table := export.Table{
			Header: export.Header{Title: "Fuzz", Centre: s, ExportedBy: s,
				ExportedAt: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC),
				From:       journal.NewDate(2026, 1, 1), To: journal.NewDate(2026, 1, 31),
				Filters: []export.Filter{{Name: s, Value: s}}},
			Sheet:   s,
			Columns: []export.Column{{Title: "A"}, {Title: "B"}, {Title: "C"}},
			Count:   1,
			Rows: func(yield func([]export.Cell) bool) {
				yield([]export.Cell{export.TextCell(s), export.IntCell(-3), export.TextCell("x" + s)})
			},
		}
		for _, format := range []export.Format{export.CSV, export.CSVExcel} {
			var buf bytes.Buffer
			if err := export.Write(&buf, table, format); err != nil {
				t.Fatalf("Got(Write %s) = %v, want nil error", format, err)
			}
			recs := readCSV(t, buf.Bytes(), format == export.CSVExcel)
			for _, r := range recs {
				for _, c := range r {
					if export.IsTrigger(c) && c != "-3" {
						t.Errorf("Got(%s cell) = %q, want no leading trigger (input %q)", format, c, s)
					}
				}
			}
			// The fuzzed cell is the last row's first: as CellText writes it.
			limit := 0
			if format == export.CSVExcel {
				limit = export.XLSXCellLimit
			}
			want, _ := export.CellText(s, limit)
			if got := recs[len(recs)-1][0]; got != want {
				t.Errorf("Got(%s cell) = %q, want %q", format, got, want)
			}
		}
		var buf bytes.Buffer
		if err := export.Write(&buf, table, export.XLSX); err != nil {
			t.Fatalf("Got(Write xlsx) = %v, want nil error", err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("Got(OpenReader) = %v, want nil error", err)
		}
		defer x.Close()
		sheet := x.GetSheetName(0)
		rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("Got(GetRows) = %v, want nil error", err)
		}
		for i, r := range rows {
			for j, c := range r {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if f, _ := x.GetCellFormula(sheet, cell); f != "" {
					t.Errorf("Got(xlsx %s formula) = %q, want none (input %q)", cell, f, s)
				}
				if export.IsTrigger(c) && c != "-3" {
					t.Errorf("Got(xlsx %s) = %q, want no leading trigger (input %q)", cell, c, s)
				}
			}
		}
		if !slices.ContainsFunc(rows, func(r []string) bool { return len(r) == 3 && r[1] == "-3" }) {
			t.Errorf("Got(xlsx rows) = %q, want the data row", rows)
		}
	})
}
