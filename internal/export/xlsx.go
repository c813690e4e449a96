package export

import (
	"archive/zip"
	"cmp"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// XLSX number formats: French day order whatever the reader's locale.
var (
	xlsxDayFormat      = "dd/mm/yyyy"
	xlsxDateTimeFormat = "dd/mm/yyyy hh:mm"
	xlsxPercentFormat  = "0.0%"
)

// xlsxStyles are the style ids of one workbook.
type xlsxStyles struct {
	title, warning, key, columnTitle, day, dateTime, percent, text, leftInt int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	var errs []error
	add := func(id *int, st *excelize.Style) {
		var err error
		*id, err = f.NewStyle(st)
		errs = append(errs, err)
	}
	add(&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	add(&s.warning, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "B00020"}})
	add(&s.key, &excelize.Style{Font: &excelize.Font{Bold: true}})
	add(&s.columnTitle, &excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
	})
	add(&s.day, &excelize.Style{CustomNumFmt: &xlsxDayFormat, Alignment: &excelize.Alignment{Horizontal: "left"}})
	add(&s.dateTime, &excelize.Style{CustomNumFmt: &xlsxDateTimeFormat, Alignment: &excelize.Alignment{Horizontal: "left"}})
	add(&s.percent, &excelize.Style{CustomNumFmt: &xlsxPercentFormat})
	add(&s.leftInt, &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left"}})
	add(&s.text, &excelize.Style{NumFmt: 49}) // "@": text, never read as a number or a formula
	return s, errors.Join(errs...)
}

// value returns c as an excelize cell value, and false for an empty
// cell (nothing is written). Text is always a string value (an inline
// string), never a formula, through CellText as in CSV.
func (s xlsxStyles) value(c Cell) (excelize.Cell, bool) {
	switch c.Kind {
	case Int:
		return excelize.Cell{Value: int64(c.Num)}, true
	case Decimal:
		return excelize.Cell{Value: roundTo(c.Num, 2)}, true
	case Percent:
		return excelize.Cell{StyleID: s.percent, Value: c.Num}, true
	case Fraction:
		return excelize.Cell{StyleID: s.text, Value: fmt.Sprintf("%d/%d", int(c.Num), c.Of)}, true
	case Day:
		return excelize.Cell{StyleID: s.day, Value: c.Time}, true
	case DateTime:
		return excelize.Cell{StyleID: s.dateTime, Value: c.Time}, true
	default:
		if c.Str == "" {
			return excelize.Cell{}, false
		}
		return excelize.Cell{StyleID: s.text, Value: xlsxText(c.Str)}, true
	}
}

// xlsxRow turns rows of cells into the values of StreamWriter.SetRow
// without an allocation per cell: each value points into cells, which
// are reused from one row to the next (SetRow reads them before it
// returns).
type xlsxRow struct {
	styles xlsxStyles
	cells  []excelize.Cell
	values []any
}

// of returns the values of row: a *excelize.Cell per cell, nil for an
// empty one. The slice is reused by the next call.
func (r *xlsxRow) of(row []Cell) []any {
	if len(r.cells) < len(row) {
		r.cells = make([]excelize.Cell, len(row))
		r.values = make([]any, len(row))
	}
	values := r.values[:len(row)]
	for i, c := range row {
		v, ok := r.styles.value(c)
		if !ok {
			values[i] = nil
			continue
		}
		r.cells[i] = v
		values[i] = &r.cells[i]
	}
	return values
}

// xlsxText is a text cell's value: CellText at XLSXCellLimit.
func xlsxText(s string) string {
	text, _ := CellText(s, XLSXCellLimit)
	return text
}

// sheetName returns name made fit for an XLSX sheet: no control
// character nor any of : \ / ? * [ ], no single quote at either end, at
// most 31 characters; "Export" when nothing is left.
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`:\/?*[]`, r):
			return '-'
		case r < ' ' || r == 0x7f || r == utf8.RuneError:
			return -1
		}
		return r
	}, name)
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	name = strings.Trim(name, "' ")
	if name == "" {
		return "Export"
	}
	return name
}

// WriteXLSX writes t as an XLSX workbook of one sheet: the header block,
// a blank line, the column titles in bold (the rows down to them frozen,
// so they stay in view), then the rows. Counts are numbers, dates are
// dates shown jj/mm/aaaa, shares are percentages; text is stored as text.
// Rows are streamed: memory does not grow with their number. A table
// whose header is Internal says InternalMark in its first row and at the
// top and foot of every printed page (its sheet's name says it too: see
// DetailedActivities).
func WriteXLSX(w io.Writer, t Table) error { return writeXLSX(w, []Table{t}) }

// writeXLSX writes ts as one workbook, a sheet per table as WriteXLSX
// writes one.
func writeXLSX(w io.Writer, ts []Table) (err error) {
	f := excelize.NewFile().SetZipWriter(fastZip)
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	styles, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	for i, t := range ts {
		name := sheetName(t.Sheet)
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return err
		}
		if err := writeXLSXSheet(f, name, t, styles); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// fastZip returns a zip writer to w that deflates at flate.BestSpeed:
// the sheets' XML is most of an export's time at the default level, for
// a file little larger.
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return zw
}

// writeXLSXSheet writes t into the sheet name of f.
func writeXLSXSheet(f *excelize.File, name string, t Table, styles xlsxStyles) error {
	header := t.headerRows(cutCells([]Table{t}, XLSXCellLimit))
	titleRow := len(header) + 1
	if err := printSetup(f, name, t.Columns, titleRow); err != nil {
		return err
	}
	if t.Header.Internal {
		mark := "&C&\"-,Bold\"" + strings.ReplaceAll(InternalMark, "&", "&&")
		if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddHeader: mark, OddFooter: mark}); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, c := range t.Columns {
		if err := sw.SetColWidth(i+1, i+1, cmp.Or(c.Width, defaultWidth)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: titleRow,
		TopLeftCell: fmt.Sprintf("A%d", titleRow+1), ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}

	row := 0
	rowValues := xlsxRow{styles: styles}
	put := func(cells []Cell) error {
		row++
		return sw.SetRow(excelizeCell(1, row), rowValues.of(cells))
	}
	for i, cells := range header {
		var err error
		switch {
		case i == 0 || (i == 1 && t.Header.Internal):
			style := styles.title
			if t.Header.Internal && i == 0 {
				style = styles.warning
			}
			row++
			err = sw.SetRow(excelizeCell(1, row),
				[]any{excelize.Cell{StyleID: style, Value: xlsxText(cells[0].Str)}}, excelize.RowOpts{Height: 20})
		case len(cells) > 0:
			row++
			values := []any{excelize.Cell{StyleID: styles.key, Value: xlsxText(cells[0].Str)}}
			for _, c := range cells[1:] {
				v, ok := styles.value(c)
				if c.Kind == Int {
					v = excelize.Cell{StyleID: styles.leftInt, Value: int64(c.Num)}
				}
				if !ok {
					values = append(values, nil)
					continue
				}
				values = append(values, v)
			}
			err = sw.SetRow(excelizeCell(1, row), values)
			if err == nil && len(cells) == 2 && len(t.Columns) > 2 {
				// The value spans the next columns, whatever their width.
				last, _ := excelize.ColumnNumberToName(min(len(t.Columns), 4))
				err = sw.MergeCell(fmt.Sprintf("B%d", row), fmt.Sprintf("%s%d", last, row))
			}
		default:
			err = put(cells)
		}
		if err != nil {
			return err
		}
	}
	titles := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = excelize.Cell{StyleID: styles.columnTitle, Value: xlsxText(c.Title)}
	}
	row++
	if err := sw.SetRow(excelizeCell(1, row), titles, excelize.RowOpts{Height: 15 * float64(titleLines(t.Columns))}); err != nil {
		return err
	}
	if t.Rows != nil {
		for cells := range t.Rows {
			if err := put(cells); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

// excelizeCell returns the name of the cell at col and row ("A12"); both
// are in range here, from 1.
func excelizeCell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// defaultWidth is the width of a column that says none.
const defaultWidth = 14

// titleLines returns how many lines the longest column title takes,
// wrapped in its column.
func titleLines(cols []Column) int {
	n := 1
	for _, c := range cols {
		width := c.Width
		if width == 0 {
			width = defaultWidth
		}
		n = max(n, int(math.Ceil(float64(len([]rune(c.Title)))*1.1/width)))
	}
	return n
}

// printSetup makes the sheet print on A4 with the column titles repeated
// on every page: portrait, landscape when the columns are wider than a
// portrait page (110 characters, a little reduced), and fitted to the page's width when they fit on a
// landscape one.
func printSetup(f *excelize.File, sheet string, cols []Column, titleRow int) error {
	total := 0.0
	for _, c := range cols {
		total += cmp.Or(c.Width, defaultWidth)
	}
	a4, orientation := 9, "portrait"
	if total > 110 {
		orientation = "landscape"
	}
	layout := &excelize.PageLayoutOptions{Size: &a4, Orientation: &orientation}
	if total <= 150 {
		one, any := 1, 0
		layout.FitToWidth, layout.FitToHeight = &one, &any
		fit := true
		if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
			return err
		}
	}
	if err := f.SetPageLayout(sheet, layout); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), titleRow, titleRow),
		Scope:    sheet,
	})
}
