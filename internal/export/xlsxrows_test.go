package export

import (
	"bytes"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pasapas/internal/journal"
)

// xlsxEdgeCells are cells of every kind with the values that XML, OOXML
// and the formats treat apart.
func xlsxEdgeCells() [][]Cell {
	paris := time.FixedZone("Paris", 2*3600)
	texts := []string{"texte", "a & b < c > d", `"guillemets" et 'apostrophes'`, "_x0041_", "_x005F_x0041_",
		"x_x12G4_y", "_x00", " espace avant", "espace après ", "ligne\nsuivante", "\ttab", "tab\tdedans",
		"=1+2", "-3", "\x00nul", "a\rb", "\uFFFE\uFFFF", "é😀ü", "\x7f", "]]>"}
	rows := [][]Cell{
		{IntCell(-3), IntCell(0), IntCell(1 << 40), DecimalCell(1.005), DecimalCell(12.5), DecimalCell(math.NaN())},
		{PercentCell(0.123), PercentCell(1), PercentCell(math.Inf(1)), FractionCell(2, 5), FractionCell(1, 1)},
		{DayCell(journal.NewDate(2026, 10, 1)), DayCell(journal.NewDate(1900, 3, 1)), DayCell(journal.NewDate(1900, 2, 28)),
			TimeCell(time.Date(2026, 10, 20, 9, 30, 0, 0, paris)), TimeCell(time.Date(2026, 10, 20, 9, 30, 15, 500, time.UTC)),
			TimeCell(time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)), TimeCell(time.Date(1850, 1, 1, 12, 0, 0, 0, paris)),
			TimeCell(time.Date(2300, 6, 1, 0, 0, 0, 0, time.UTC))},
		{TextCell(""), TextCell("après un vide"), TextCell(""), IntCell(7)},
	}
	for _, s := range texts {
		rows = append(rows, []Cell{TextCell(s), TextCell("x" + s)})
	}
	return rows
}

// TestRowXML_AsExcelize: the rows written by rowXML are, byte for byte,
// the rows excelize's StreamWriter writes for the same values.
func TestRowXML_AsExcelize(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newXLSXStyles(f)
	if err != nil {
		t.Fatalf("Got(newXLSXStyles) = %v, want nil error", err)
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatalf("Got(NewStreamWriter) = %v, want nil error", err)
	}
	x := rowXML{styles: styles}
	var ours []byte
	for i, cells := range xlsxEdgeCells() {
		var values []any
		for _, c := range cells {
			if v, ok := styles.value(c); ok {
				values = append(values, v)
			} else {
				values = append(values, nil)
			}
		}
		if err := sw.SetRow(excelizeCell(1, i+1), values); err != nil {
			t.Fatalf("Got(SetRow %d) = %v, want nil error", i+1, err)
		}
		ours = x.appendRow(ours, i+1, cells)
	}
	if err := sw.Flush(); err != nil {
		t.Fatalf("Got(Flush) = %v, want nil error", err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatalf("Got(WriteTo) = %v, want nil error", err)
	}
	sheet := sheetXML(t, buf.Bytes(), "xl/worksheets/sheet1.xml")
	start, end := strings.Index(sheet, "<sheetData>")+len("<sheetData>"), strings.Index(sheet, "</sheetData>")
	theirs := sheet[start:end]
	if theirs != string(ours) {
		for i := range min(len(theirs), len(ours)) {
			if theirs[i] != ours[i] {
				t.Fatalf("Got(row XML) differs from excelize's at byte %d:\n ours   %q\n theirs %q", i,
					ours[max(0, i-80):min(len(ours), i+80)], theirs[max(0, i-80):min(len(theirs), i+80)])
			}
		}
		t.Fatalf("Got(row XML) = %d bytes, want excelize's %d", len(ours), len(theirs))
	}
}

// sheetXML returns the part name of the XLSX file b.
func sheetXML(t *testing.T, b []byte, name string) string {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("Got(OpenReader) = %v, want nil error", err)
	}
	defer x.Close()
	// The package as read, before excelize parses the sheet.
	content, ok := x.Pkg.Load(name)
	if !ok {
		t.Fatalf("Got(part %s) missing", name)
	}
	return string(content.([]byte))
}

// TestWriteXLSX_RoundTrip: a workbook of two tables read back by excelize
// gives every row as written — text as CellText makes it, numbers and
// dates as stored values — each on its own sheet after its header block.
func TestWriteXLSX_RoundTrip(t *testing.T) {
	rows := xlsxEdgeCells()
	table := func(sheet string) Table {
		return Table{
			Header: Header{Title: sheet, Centre: "Centre & Cie", ExportedBy: "_x0041_",
				ExportedAt: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC),
				From:       journal.NewDate(2026, 1, 1), To: journal.NewDate(2026, 1, 31)},
			Sheet:   sheet,
			Columns: []Column{{Title: "A"}, {Title: "B"}, {Title: "C"}},
			Count:   len(rows),
			Rows: func(yield func([]Cell) bool) {
				for _, r := range rows {
					if !yield(r) {
						return
					}
				}
			},
		}
	}
	var buf bytes.Buffer
	if err := writeXLSX(&buf, []Table{table("Un"), table("Deux")}); err != nil {
		t.Fatalf("Got(writeXLSX) = %v, want nil error", err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("Got(OpenReader) = %v, want nil error", err)
	}
	defer x.Close()
	if got := x.GetSheetList(); len(got) != 2 || got[0] != "Un" || got[1] != "Deux" {
		t.Fatalf("Got(sheets) = %q, want [Un Deux]", got)
	}
	for _, sheet := range x.GetSheetList() {
		got, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("Got(GetRows %s) = %v, want nil error", sheet, err)
		}
		if got[0][0] != "Pas à pas — "+sheet || got[2][1] != "_x0041_" {
			t.Errorf("Got(%s header) = %q, want the title and who exported", sheet, got[:3])
		}
		got = got[len(got)-len(rows):]
		for i, r := range rows {
			for j, c := range r {
				want := wantRaw(c)
				cell := ""
				if j < len(got[i]) {
					cell = got[i][j]
				}
				if cell != want {
					t.Errorf("Got(%s row %d cell %d) = %q, want %q", sheet, i+1, j+1, cell, want)
				}
			}
		}
	}
}

// wantRaw returns the raw value excelize reads back for c.
func wantRaw(c Cell) string {
	var x rowXML
	x.ref = []byte("A1")
	b := x.appendCell(nil, c)
	switch {
	case c.Kind == Text && c.Str == "":
		return ""
	case c.Kind == Text:
		s := xlsxText(c.Str)
		return strings.NewReplacer("\uFFFE", "\uFFFD", "\uFFFF", "\uFFFD").Replace(s)
	case c.Kind == Fraction:
		return FractionCell(int(c.Num), c.Of).format(false)
	}
	s := string(b)
	if i := strings.Index(s, "<v>"); i >= 0 {
		return s[i+3 : strings.Index(s, "</v>")]
	}
	return s[strings.Index(s, "<t>")+3 : strings.Index(s, "</t>")]
}

// TestSheetRows_TooManyRows: rows past a sheet's last are an error, not a
// file Excel refuses.
func TestSheetRows_TooManyRows(t *testing.T) {
	table := Table{Sheet: "Long", Columns: []Column{{Title: "N"}},
		Rows: func(yield func([]Cell) bool) {
			for i := range 3 {
				if !yield([]Cell{IntCell(i)}) {
					return
				}
			}
		}}
	for _, tc := range []struct {
		first int
		ok    bool
	}{{excelize.TotalRows - 2, true}, {excelize.TotalRows - 1, false}} {
		err := (&sheetRows{t: table, first: tc.first}).writeTo(io.Discard)
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrTooManyRows)) {
			t.Errorf("Got(3 rows from row %d) = %v, want an error %v", tc.first, err, !tc.ok)
		}
	}
}
