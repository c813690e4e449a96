package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// The rows of a table are most of an XLSX export's work: excelize's
// StreamWriter allocates for every cell it writes (100,000 rows of 25
// cells: 625 MB in 16 million allocations), keeps the sheet in memory
// then in a temporary file, and the whole zip in memory again before it
// is written out. So excelize makes the workbook — styles, sheets, page setup, the
// header block and the column titles through its StreamWriter — and the
// rows' XML is written here, straight into the zip entry of their sheet,
// as excelize would write them: the same cell types, styles and values,
// inline strings for text (as excelize's StreamWriter does, which Excel
// and LibreOffice open), escaped for XML and for OOXML's _xHHHH_ escapes.

// sheetZip is the zip writer excelize writes the workbook through
// (File.SetZipWriter): every part goes straight to w, and the rows of a
// table are written into its sheet's part where excelize closes the sheet
// data, before </sheetData>.
type sheetZip struct {
	zw *zip.Writer
	// rows are the rows to write into each sheet part, by part name.
	rows map[string]*sheetRows
	// part is the sheet part excelize is writing, held in buf until it
	// ends (at the next Create or at Close), nil for none.
	part *sheetRows
	name string
	buf  bytes.Buffer
}

// sheetRows are the rows of one table and where they go.
type sheetRows struct {
	t       Table
	first   int // the row number of the first row
	styles  xlsxStyles
	written bool
}

// newSheetZip returns a sheetZip writing to w, its parts deflated at
// flate.BestSpeed: the sheets' XML is most of an export's time at the
// default level, for a file little larger. One compressor (about 1 MB)
// serves every part in turn.
func newSheetZip(w io.Writer) *sheetZip {
	zw := zip.NewWriter(w)
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			fw, err = flate.NewWriter(out, flate.BestSpeed)
			return fw, err
		}
		fw.Reset(out)
		return fw, nil
	})
	return &sheetZip{zw: zw, rows: map[string]*sheetRows{}}
}

// sheetPart returns the name of the part of the sheet with id id, as
// excelize names it ("xl/worksheets/sheet1.xml").
func sheetPart(id int) string { return "xl/worksheets/sheet" + strconv.Itoa(id) + ".xml" }

// Create starts the part name.
func (z *sheetZip) Create(name string) (io.Writer, error) {
	if err := z.endPart(); err != nil {
		return nil, err
	}
	if r, ok := z.rows[name]; ok {
		z.part, z.name = r, name
		z.buf.Reset()
		return &z.buf, nil
	}
	return z.zw.Create(name)
}

// AddFS adds the files of fsys (excelize does not use it when writing).
func (z *sheetZip) AddFS(fsys fs.FS) error { return z.zw.AddFS(fsys) }

// Close ends the last part and the zip, and fails if a table's rows
// were not written (excelize wrote no part of that name).
func (z *sheetZip) Close() error {
	if err := z.endPart(); err != nil {
		return err
	}
	for name, r := range z.rows {
		if !r.written {
			return fmt.Errorf("xlsx: the workbook has no part %s for the rows of %q", name, r.t.Sheet)
		}
	}
	return z.zw.Close()
}

// endPart writes the sheet part held in buf, its rows inserted before
// </sheetData>.
func (z *sheetZip) endPart() error {
	r := z.part
	if r == nil {
		return nil
	}
	z.part = nil
	sheet := z.buf.Bytes()
	end := bytes.Index(sheet, []byte("</sheetData>"))
	if end < 0 {
		return fmt.Errorf("xlsx: no </sheetData> in %s", z.name)
	}
	w, err := z.zw.Create(z.name)
	if err != nil {
		return err
	}
	if _, err := w.Write(sheet[:end]); err != nil {
		return err
	}
	if err := r.writeTo(w); err != nil {
		return err
	}
	r.written = true
	_, err = w.Write(sheet[end:])
	return err
}

// ErrTooManyRows is returned when a table has more rows than a sheet
// holds (1,048,576 with the header block).
var ErrTooManyRows = errors.New("too many rows for a spreadsheet")

// writeTo writes the rows as <row> elements to w.
func (r *sheetRows) writeTo(w io.Writer) error {
	if r.t.Rows == nil {
		return nil
	}
	x := rowXML{styles: r.styles}
	row := r.first
	var err error
	b := make([]byte, 0, 80<<10)
	for cells := range r.t.Rows {
		if row > excelize.TotalRows {
			err = fmt.Errorf("%s: %w", r.t.Sheet, ErrTooManyRows)
			break
		}
		b = x.appendRow(b, row, cells)
		row++
		if len(b) >= 64<<10 {
			if _, err = w.Write(b); err != nil {
				break
			}
			b = b[:0]
		}
	}
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// rowXML writes rows of cells as SpreadsheetML.
type rowXML struct {
	styles xlsxStyles
	cols   [][]byte // column names, "A" to the widest row's
	ref    []byte   // scratch: a cell's reference
}

// appendRow appends row number n holding cells to b. An empty text cell
// is left out, as excelize leaves out a nil value.
func (x *rowXML) appendRow(b []byte, n int, cells []Cell) []byte {
	for len(x.cols) < len(cells) {
		name, _ := excelize.ColumnNumberToName(len(x.cols) + 1)
		x.cols = append(x.cols, []byte(name))
	}
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, `">`...)
	for i, c := range cells {
		if c.Kind == Text && c.Str == "" {
			continue
		}
		x.ref = strconv.AppendInt(append(x.ref[:0], x.cols[i]...), int64(n), 10)
		b = x.appendCell(b, c)
	}
	return append(b, `</row>`...)
}

// appendCell appends cell c at x.ref: the value excelize's StreamWriter
// writes for the excelize.Cell that xlsxStyles.value returns.
func (x *rowXML) appendCell(b []byte, c Cell) []byte {
	s := x.styles
	switch c.Kind {
	case Int:
		b = x.open(b, 0, "")
		b = strconv.AppendInt(append(b, "<v>"...), int64(c.Num), 10)
		return append(b, "</v></c>"...)
	case Decimal:
		return x.appendFloat(b, 0, roundTo(c.Num, 2))
	case Percent:
		return x.appendFloat(b, s.percent, c.Num)
	case Fraction:
		b = x.open(b, s.text, "inlineStr")
		b = append(b, "<is><t>"...)
		b = strconv.AppendInt(b, int64(c.Num), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(c.Of), 10)
		return append(b, "</t></is></c>"...)
	case Day:
		return x.appendTime(b, s.day, c.Time)
	case DateTime:
		return x.appendTime(b, s.dateTime, c.Time)
	default:
		return x.appendString(b, s.text, xlsxText(c.Str))
	}
}

// open appends the start of a cell with style style (none when 0) and
// type typ (none when "").
func (x *rowXML) open(b []byte, style int, typ string) []byte {
	b = append(b, `<c r="`...)
	b = append(b, x.ref...)
	b = append(b, '"')
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	if typ != "" {
		b = append(b, ` t="`...)
		b = append(b, typ...)
		b = append(b, '"')
	}
	return append(b, '>')
}

// appendFloat appends a number cell, or for NaN and infinities the text
// excelize writes ("NaN", "+Inf").
func (x *rowXML) appendFloat(b []byte, style int, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return x.appendString(b, style, fmt.Sprint(f))
	}
	b = x.open(b, style, "")
	b = strconv.AppendFloat(append(b, "<v>"...), f, 'f', -1, 64)
	return append(b, "</v></c>"...)
}

// appendString appends an inline string cell holding text.
func (x *rowXML) appendString(b []byte, style int, text string) []byte {
	b = x.open(b, style, "inlineStr")
	if n := len(text); n > 0 && (isXMLSpace(text[0]) || isXMLSpace(text[n-1])) {
		b = append(b, `<is><t xml:space="preserve">`...)
	} else {
		b = append(b, "<is><t>"...)
	}
	b = appendXMLText(b, text)
	return append(b, "</t></is></c>"...)
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Excel's serial dates, as excelize computes them: days since
// 1899-12-31, one more after February 1900 (Excel counts a 29 February
// 1900); a Duration holds at most excelSpan at a time.
var (
	excelDay0      = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	excelLeapStart = time.Date(1900, time.March, 1, 0, 0, 0, 0, time.UTC).Add(-time.Nanosecond)
)

const (
	excelDayLength = 24 * time.Hour
	excelSpan      = 290 * 364 * excelDayLength
)

// appendTime appends a date cell holding the wall clock of t as an
// Excel serial number; a time before 1900 as text (RFC 3339), as
// excelize writes them.
func (x *rowXML) appendTime(b []byte, style int, t time.Time) []byte {
	_, offset := t.Zone()
	wall := t.Add(time.Duration(offset) * time.Second)
	serial := 0.0
	if !wall.Before(excelDay0) {
		tt, diff := wall, wall.Sub(excelDay0)
		for diff >= excelSpan {
			serial += float64(excelSpan / excelDayLength)
			tt = tt.Add(-excelSpan)
			diff = tt.Sub(excelDay0)
		}
		rem := diff % excelDayLength
		serial += float64(diff-rem)/float64(excelDayLength) + float64(rem)/float64(excelDayLength)
		if wall.After(excelLeapStart) {
			serial++
		}
	}
	if serial <= 0 {
		return x.appendString(b, style, wall.Format(time.RFC3339Nano))
	}
	b = x.open(b, style, "")
	b = strconv.AppendFloat(append(b, "<v>"...), serial, 'f', -1, 64)
	return append(b, "</v></c>"...)
}

// xmlEscaped marks the bytes appendXMLText does not copy as they are.
var xmlEscaped = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\n'
	}
	for _, c := range "&<>\"'_" {
		t[c] = true
	}
	t[0xEF] = true // the first byte of U+FFFE and U+FFFF
	return t
}()

// appendXMLText appends s to b as the text of an XML element holding an
// OOXML string, as excelize writes it: escaped as encoding/xml escapes
// text, a line feed kept as it is; "_xHHHH_", which a spreadsheet reads as
// the character HHHH, kept as written by escaping its "_" as "_x005F_";
// the characters XML 1.0 has no place for (controls other than tab, line
// feed and carriage return, U+FFFE, U+FFFF) replaced by U+FFFD. s is
// valid UTF-8 (CellText makes it so).
func appendXMLText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !xmlEscaped[c] {
			continue
		}
		var esc string
		n := 1
		switch {
		case c == '&':
			esc = "&amp;"
		case c == '<':
			esc = "&lt;"
		case c == '>':
			esc = "&gt;"
		case c == '"':
			esc = "&#34;"
		case c == '\'':
			esc = "&#39;"
		case c == '\t':
			esc = "&#x9;"
		case c == '_':
			if !isBstr(s[i:]) {
				continue
			}
			esc = "_x005F_"
		case c == 0xEF:
			if i+2 >= len(s) || s[i+1] != 0xBF || (s[i+2] != 0xBE && s[i+2] != 0xBF) {
				continue
			}
			esc, n = "\uFFFD", 3
		case c == '\r':
			esc = "&#xD;"
		default: // another control character
			esc = "\uFFFD"
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		i += n - 1
		start = i + 1
	}
	return append(b, s[start:]...)
}

// isBstr reports whether s starts with "_xHHHH_" (H a hexadecimal digit).
func isBstr(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
