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

// FuzzExportCell is R10's check: whatever text a person typed — in a
// cell, in the centre's name, in their display name — no cell of the CSV
// (both variants) or of the XLSX starts with = + - @ TAB CR LF or NUL once
// the file is read back, and a CSV cell reads back as the text with at
// most a leading quote added. Seeds are in testdata/fuzz/FuzzExportCell.
func FuzzExportCell(f *testing.F) {
	for _, s := range []string{"=1+2", "+33 6 12 34 56 78", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "\n=1",
		"\x00=1", `=1+2";=1+2`, "texte ordinaire", "", "'=déjà", "=HYPERLINK(\"http://x\")", " =1"} {
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
			// The fuzzed cell is row 11, first column: the text itself,
			// neutralised, without carriage returns (lines end in CRLF).
			want := strings.ReplaceAll(export.Neutralize(s), "\r", "")
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
