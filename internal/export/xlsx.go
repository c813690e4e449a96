package export

import (
	"cmp"
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
// writes one. excelize makes the workbook; the tables' rows are written
// by sheetZip, straight into w with the rest of the file.
func writeXLSX(w io.Writer, ts []Table) (err error) {
	zw := newSheetZip(w)
	f := excelize.NewFile().SetZipWriter(func(io.Writer) excelize.ZipWriter { return zw })
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
		id, next, err := writeXLSXSheet(f, name, t, styles)
		if err != nil {
			return err
		}
		zw.rows[sheetPart(id)] = &sheetRows{t: t, first: next, styles: styles}
	}
	// The zip goes to w through zw: the buffer excelize returns is empty.
	_, err = f.WriteToBuffer()
	return err
}

// writeXLSXSheet writes the header block and the column titles of t into
// the sheet name of f, and returns the sheet's id and the number of the
// row where t's rows start (sheetZip writes them).
func writeXLSXSheet(f *excelize.File, name string, t Table, styles xlsxStyles) (id, next int, err error) {
	header := t.headerRows(cutCells([]Table{t}, XLSXCellLimit))
	titleRow := len(header) + 1
	if err := printSetup(f, name, t.Columns, titleRow); err != nil {
		return 0, 0, err
	}
	if t.Header.Internal {
		mark := "&C&\"-,Bold\"" + strings.ReplaceAll(InternalMark, "&", "&&")
		if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddHeader: mark, OddFooter: mark}); err != nil {
			return 0, 0, err
		}
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return 0, 0, err
	}
	for i, c := range t.Columns {
		if err := sw.SetColWidth(i+1, i+1, cmp.Or(c.Width, defaultWidth)); err != nil {
			return 0, 0, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: titleRow,
		TopLeftCell: fmt.Sprintf("A%d", titleRow+1), ActivePane: "bottomLeft",
	}); err != nil {
		return 0, 0, err
	}

	row := 0
	for i, cells := range header {
		var err error
		row++
		switch {
		case i == 0 || (i == 1 && t.Header.Internal):
			style := styles.title
			if t.Header.Internal && i == 0 {
				style = styles.warning
			}
			err = sw.SetRow(excelizeCell(1, row),
				[]any{excelize.Cell{StyleID: style, Value: xlsxText(cells[0].Str)}}, excelize.RowOpts{Height: 20})
		case len(cells) > 0:
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
			err = sw.SetRow(excelizeCell(1, row), nil)
		}
		if err != nil {
			return 0, 0, err
		}
	}
	titles := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		titles[i] = excelize.Cell{StyleID: styles.columnTitle, Value: xlsxText(c.Title)}
	}
	row++
	if err := sw.SetRow(excelizeCell(1, row), titles, excelize.RowOpts{Height: 15 * float64(titleLines(t.Columns))}); err != nil {
		return 0, 0, err
	}
	return sw.SheetID, row + 1, sw.Flush()
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
