package export_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pasapas/internal/export"
	"pasapas/internal/journal"
)

// exportSeeds are texts a person might type to break an export.
var exportSeeds = []string{"=1+2", "+33 6 12 34 56 78", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "\n=1",
	"\x00=1", `=1+2";=1+2`, "texte ordinaire", "", "'=déjà", "=HYPERLINK(\"http://x\")", " =1",
	"\x00\x00=1", "a\x1b[31mb", "\u0085=1", "\xff=1", strings.Repeat("é", 70) + "😀😀", strings.Repeat("ab", 60)}

// FuzzExportRoundTrip is R10's check on whole files: whatever text a
// person typed — in a cell, in the centre's name, in their display name —
// no cell of the CSV (both variants) or of the XLSX starts with = + - @
// TAB CR LF or NUL once the file is read back, and a CSV cell reads back
// as CellText says. It writes and reads an XLSX each time: slow (about a
// hundred runs a second); FuzzExportCell (package celltext) is the fast
// check of the rule.
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
