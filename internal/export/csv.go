package export

import (
	"bufio"
	"io"
	"unicode"
	"unicode/utf8"
)

// BOM is the UTF-8 byte order mark that the CSV for French Excel starts
// with, without which Excel reads the file as Windows-1252.
const BOM = "\uFEFF"

// WriteCSV writes t as CSV (RFC 4180 lines ending in CRLF): the header
// block, a blank line, the column titles, then the rows.
//
// Plain CSV uses commas, UTF-8, ISO dates (2026-10-01) and times with
// their offset (RFC 3339), and a decimal point. With french set it is the
// CSV for French Excel: semicolons, a UTF-8 BOM, dates as jj/mm/aaaa and
// a decimal comma. Text cells go through CellText: control characters
// removed (a line feed stays), neutralised (Neutralize), and in the CSV
// for French Excel cut at XLSXCellLimit with CutMarker, the header block
// then saying how many cells were cut. Lines end in CRLF.
func WriteCSV(w io.Writer, t Table, french bool) error {
	return writeCSVTables(w, []Table{t}, french)
}

// writeCSVTables writes ts as WriteCSV writes one table: the header block
// of the first, then each table's column titles and rows, the tables
// after the first each preceded by a blank line and its sheet's name.
// Lines are written as encoding/csv writes them (UseCRLF), each cell
// appended to one reused line (appendCSVField).
func writeCSVTables(w io.Writer, ts []Table, french bool) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if french {
		if _, err := bw.WriteString(BOM); err != nil {
			return err
		}
	}
	comma := byte(',')
	if french {
		comma = ';'
	}
	var line, field []byte
	put := func(cells []Cell) error {
		line = line[:0]
		for i, c := range cells {
			if i > 0 {
				line = append(line, comma)
			}
			if c.Kind == Text {
				line = appendCSVField(line, c.text(french), comma)
				continue
			}
			field = c.appendFormat(field[:0], french)
			line = appendCSVField(line, field, comma)
		}
		line = append(line, '\r', '\n')
		_, err := bw.Write(line)
		return err
	}
	cut := 0
	if french {
		cut = cutCells(ts, XLSXCellLimit)
	}
	for i, t := range ts {
		var head [][]Cell
		if i == 0 {
			head = t.headerRows(cut)
		} else {
			head = [][]Cell{nil, {TextCell(t.Sheet)}}
		}
		for _, row := range head {
			if err := put(row); err != nil {
				return err
			}
		}
		if err := put(t.titles()); err != nil {
			return err
		}
		if t.Rows != nil {
			for row := range t.Rows {
				if err := put(row); err != nil {
					return err
				}
			}
		}
	}
	return bw.Flush()
}

// appendCSVField appends field to b as encoding/csv's Writer writes it
// with UseCRLF and this comma: quoted when it holds the comma, a quote, a
// carriage return or a line feed, starts with a space (unicode.IsSpace)
// or is \. ; inside quotes a quote doubled, a line feed written CRLF and a
// carriage return dropped.
func appendCSVField[S ~string | ~[]byte](b []byte, field S, comma byte) []byte {
	if !csvNeedsQuotes(field, comma) {
		return append(b, field...)
	}
	b = append(b, '"')
	for i := 0; i < len(field); i++ {
		switch c := field[i]; c {
		case '"':
			b = append(b, '"', '"')
		case '\r':
		case '\n':
			b = append(b, '\r', '\n')
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// csvNeedsQuotes reports whether encoding/csv quotes field.
func csvNeedsQuotes[S ~string | ~[]byte](field S, comma byte) bool {
	if len(field) == 0 {
		return false
	}
	if len(field) == 2 && field[0] == '\\' && field[1] == '.' {
		return true
	}
	for i := 0; i < len(field); i++ {
		if c := field[i]; c == '\n' || c == '\r' || c == '"' || c == comma {
			return true
		}
	}
	if c := field[0]; c < utf8.RuneSelf {
		return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
	}
	r, _ := utf8.DecodeRune([]byte(field[:min(len(field), utf8.UTFMax)]))
	return unicode.IsSpace(r)
}
