package export

import (
	"bufio"
	"encoding/csv"
	"io"
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
func writeCSVTables(w io.Writer, ts []Table, french bool) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if french {
		if _, err := bw.WriteString(BOM); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if french {
		cw.Comma = ';'
	}
	var record []string
	put := func(cells []Cell) error {
		record = record[:0]
		for _, c := range cells {
			record = append(record, c.format(french))
		}
		return cw.Write(record)
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
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
