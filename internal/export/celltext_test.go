package export_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"pasapas/internal/export"
	"pasapas/internal/journal"
)

func TestCellText(t *testing.T) {
	long := strings.Repeat("a", export.XLSXCellLimit+1)
	emoji := strings.Repeat("😀", export.XLSXCellLimit/2) // 32,766 units, fits
	for _, tc := range []struct {
		name, in string
		limit    int
		want     string
		cut      bool
	}{
		{"ordinary", "Atelier tablette", 0, "Atelier tablette", false},
		{"NUL removed", "a\x00b\x00", 0, "ab", false},
		{"NUL before a formula", "\x00=1+2", 0, "'=1+2", false},
		{"controls removed, line feed and tab kept", "a\x1b[31m\r\nb\tc\x7f\u0085", 0, "a[31m\nb\tc", false},
		{"invalid UTF-8", "a\xffb", 0, "a\uFFFDb", false},
		{"formula", "=HYPERLINK(\"x\")", 0, "'=HYPERLINK(\"x\")", false},
		{"at the limit", strings.Repeat("a", export.XLSXCellLimit), export.XLSXCellLimit, strings.Repeat("a", export.XLSXCellLimit), false},
		{"one over", long, export.XLSXCellLimit, strings.Repeat("a", export.XLSXCellLimit-10) + export.CutMarker, true},
		{"no limit", long, 0, long, false},
		{"surrogate pairs fit", emoji, export.XLSXCellLimit, emoji, false},
		{"surrogate pairs over", emoji + "😀", export.XLSXCellLimit, strings.Repeat("😀", (export.XLSXCellLimit-10)/2) + export.CutMarker, true},
		{"neutralised then cut", "=" + long, export.XLSXCellLimit, "'=" + strings.Repeat("a", export.XLSXCellLimit-12) + export.CutMarker, true},
	} {
		got, cut := export.CellText(tc.in, tc.limit)
		if got != tc.want || cut != tc.cut {
			t.Errorf("Got(CellText(%s)) = %d chars…%q, %v, want %d chars…%q, %v", tc.name, len(got), tail(got), cut, len(tc.want), tail(tc.want), tc.cut)
		}
		if tc.limit > 0 && len(utf16.Encode([]rune(got))) > tc.limit {
			t.Errorf("Got(CellText(%s)) = %d UTF-16 units, want at most %d", tc.name, len(utf16.Encode([]rune(got))), tc.limit)
		}
	}
}

func tail(s string) string {
	if r := []rune(s); len(r) > 14 {
		return string(r[len(r)-14:])
	}
	return s
}

// TestWrite_LongCell: a 200,000-character note is cut with a visible
// marker in the XLSX and the CSV for French Excel, whose headers say how
// many cells were cut; plain CSV keeps it whole and says nothing.
func TestWrite_LongCell(t *testing.T) {
	note := strings.Repeat("Très longue note. ", 200000/18+1)
	table := export.Table{
		Header: export.Header{Title: "Activités", Centre: "Centre social des Lilas", ExportedBy: "Médiatrice",
			ExportedAt: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC),
			From:       journal.NewDate(2026, 1, 1), To: journal.NewDate(2026, 1, 31)},
		Sheet:   "Activités",
		Columns: []export.Column{{Title: "Notes"}, {Title: "Autre"}},
		Count:   2,
		Rows: func(yield func([]export.Cell) bool) {
			if !yield([]export.Cell{export.TextCell(note), export.TextCell("court")}) {
				return
			}
			yield([]export.Cell{export.TextCell("\x00" + note), export.TextCell("court")})
		},
	}
	const header = "2 : texte trop long pour le format"
	for _, format := range []export.Format{export.CSV, export.CSVExcel} {
		var buf bytes.Buffer
		if err := export.Write(&buf, table, format); err != nil {
			t.Fatalf("Got(Write %s) = %v, want nil error", format, err)
		}
		recs := readCSV(t, buf.Bytes(), format == export.CSVExcel)
		said := strings.Contains(buf.String(), header)
		last := recs[len(recs)-1][0]
		if format == export.CSV {
			if said || last != note {
				t.Errorf("Got(%s) = header says cut %v, cell of %d chars, want the whole note and nothing said", format, said, len(last))
			}
			continue
		}
		if !said || !strings.HasSuffix(last, export.CutMarker) || len([]rune(last)) != export.XLSXCellLimit {
			t.Errorf("Got(%s) = header says cut %v, cell of %d chars ending %q, want cut to %d with the marker", format, said, len([]rune(last)), tail(last), export.XLSXCellLimit)
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
	rows, err := x.GetRows(x.GetSheetName(0))
	if err != nil {
		t.Fatalf("Got(GetRows) = %v, want nil error", err)
	}
	var said bool
	for _, r := range rows {
		for _, c := range r {
			said = said || strings.HasPrefix(c, header)
		}
	}
	last := rows[len(rows)-1][0]
	if !said || !strings.HasSuffix(last, export.CutMarker) || strings.Contains(last, "\x00") {
		t.Errorf("Got(xlsx) = header says cut %v, last cell ending %q, want the count and the marker", said, tail(last))
	}
}

// BenchmarkCellText is the cell rule's cost on an ordinary cell, and on
// one to clean and cut.
func BenchmarkCellText(b *testing.B) {
	for _, bc := range []struct{ name, s string }{
		{"ordinary", "Aide à la création d'un compte ameli, prise de rendez-vous"},
		{"dirty", "\x00=1+2\r\n" + strings.Repeat("é", 200)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				export.CellText(bc.s, 100)
			}
		})
	}
}
