package export

import (
	"bytes"
	"iter"
	"math"
	"strconv"
	"time"

	"pasapas/internal/export/celltext"
	"pasapas/internal/journal"
)

// Kind is what a cell holds, which decides how each format writes it.
type Kind uint8

// Cell kinds.
const (
	Text     Kind = iota // user or program text; neutralised (Neutralize)
	Int                  // a count or a duration in minutes
	Percent              // a share from 0 to 1, shown as a percentage
	Day                  // a calendar day
	DateTime             // an instant, shown in the header's location
	Fraction             // "i/N": a row of N, or a level out of 3
	Decimal              // a number with decimals, as hours (12.5)
)

// Cell is one typed value of a table. Build it with TextCell, IntCell,
// PercentCell, DayCell or TimeCell; the zero Cell is empty text.
type Cell struct {
	Kind Kind
	Str  string    // Text
	Num  float64   // Int, Percent; the numerator of a Fraction
	Of   int       // the denominator of a Fraction
	Time time.Time // Day (midnight UTC of the day), DateTime
}

// TextCell returns a text cell holding s.
func TextCell(s string) Cell { return Cell{Kind: Text, Str: s} }

// IntCell returns a number cell holding n.
func IntCell(n int) Cell { return Cell{Kind: Int, Num: float64(n)} }

// PercentCell returns a share cell holding f (0.25 is 25 %).
func PercentCell(f float64) Cell { return Cell{Kind: Percent, Num: f} }

// DecimalCell returns a number cell holding f, written with at most two
// decimals (a decimal comma in the CSV for French Excel): hours.
func DecimalCell(f float64) Cell { return Cell{Kind: Decimal, Num: f} }

// HoursCell returns minutes as a DecimalCell of hours (90 is 1.5).
func HoursCell(minutes int) Cell { return DecimalCell(float64(minutes) / 60) }

// FractionCell returns the cell "i/n". Plain CSV and XLSX write "i/n" (as
// text); the CSV for French Excel writes "i sur n", which Excel cannot
// take for a date as it would "1/3".
func FractionCell(i, n int) Cell { return Cell{Kind: Fraction, Num: float64(i), Of: n} }

// DayCell returns a date cell holding d, or an empty text cell for the
// zero Date.
func DayCell(d journal.Date) Cell {
	if d.IsZero() {
		return Cell{}
	}
	return Cell{Kind: Day, Time: d.In(time.UTC)}
}

// TimeCell returns a date-and-time cell holding t, or an empty text cell
// for the zero time. Writers show it in the location of t: pass a time
// already in the export's location.
func TimeCell(t time.Time) Cell {
	if t.IsZero() {
		return Cell{}
	}
	return Cell{Kind: DateTime, Time: t}
}

// Neutralize returns s prefixed with a single quote when its first byte is
// one of = + - @ TAB CR LF NUL, so that no spreadsheet runs it as a
// formula (R10); any other s is returned unchanged. Every text cell of
// every export goes through it (celltext.Neutralize).
func Neutralize(s string) string { return celltext.Neutralize(s) }

// XLSXCellLimit is the most a spreadsheet cell holds: 32,767 characters
// as Excel counts them (UTF-16 code units). The XLSX and the CSV for
// French Excel cut longer text (CellText); plain CSV has no limit.
const XLSXCellLimit = celltext.XLSXLimit

// CutMarker ends a text cut to fit its format's limit, so that a reader
// sees the cell is not whole; the export's header counts such cells.
const CutMarker = celltext.CutMarker

// CellText returns s as every export writes a text cell (celltext.Text):
// NUL and the other control characters removed (line feeds and tabs
// kept; carriage returns go: a CSV line ends in CRLF), invalid UTF-8
// replaced by U+FFFD, neutralised (Neutralize), and, when limit > 0 and
// the result is longer than limit UTF-16 code units, cut at a character
// boundary to fit with CutMarker at its end; cut says whether it was. A
// limit below 40 counts as 40. It is pure and does not allocate for
// ordinary text.
func CellText(s string, limit int) (text string, cut bool) { return celltext.Text(s, limit) }

// IsTrigger reports whether s starts with a byte that Neutralize prefixes.
func IsTrigger(s string) bool { return celltext.IsTrigger(s) }

// Layouts of dates and times in the plain CSV (ISO 8601) and in the CSV for
// French Excel (jj/mm/aaaa).
const (
	isoDay      = "2006-01-02"
	isoDateTime = time.RFC3339
	frDay       = "02/01/2006"
	frDateTime  = "02/01/2006 15:04"
)

// format returns c as text: dates as ISO 8601, or as jj/mm/aaaa with a
// decimal comma when french is set. Text goes through CellText, cut at
// XLSXCellLimit when french is set (Excel opens that file).
func (c Cell) format(french bool) string {
	if c.Kind == Text {
		return c.text(french)
	}
	return string(c.appendFormat(nil, french))
}

// text returns a text cell as format does.
func (c Cell) text(french bool) string {
	limit := 0
	if french {
		limit = XLSXCellLimit
	}
	text, _ := CellText(c.Str, limit)
	return text
}

// appendFormat appends c as format writes it to b, for every kind but
// Text.
func (c Cell) appendFormat(b []byte, french bool) []byte {
	switch c.Kind {
	case Int:
		return strconv.AppendInt(b, int64(c.Num), 10)
	case Decimal, Percent:
		f := roundTo(c.Num, 2)
		if c.Kind == Percent {
			f = roundTo(c.Num*100, 1)
		}
		n := len(b)
		b = strconv.AppendFloat(b, f, 'f', -1, 64)
		if french {
			if i := bytes.IndexByte(b[n:], '.'); i >= 0 {
				b[n+i] = ','
			}
		}
		return b
	case Fraction:
		b = strconv.AppendInt(b, int64(int(c.Num)), 10)
		if french {
			b = append(b, " sur "...)
		} else {
			b = append(b, '/')
		}
		return strconv.AppendInt(b, int64(c.Of), 10)
	case Day:
		if french {
			return c.Time.AppendFormat(b, frDay)
		}
		return c.Time.AppendFormat(b, isoDay)
	case DateTime:
		if french {
			return c.Time.AppendFormat(b, frDateTime)
		}
		return c.Time.AppendFormat(b, isoDateTime)
	}
	return append(b, c.text(french)...)
}

// cutCells returns how many text cells of ts (header blocks, column
// titles, rows) CellText cuts at limit; 0 when limit is 0. A table's rows
// are counted by its Cut, or read once more for it: every table's Rows
// may be read again.
func cutCells(ts []Table, limit int) int {
	if limit <= 0 {
		return 0
	}
	n := 0
	for _, t := range ts {
		for _, row := range t.headerRows(0) {
			n += cutInRow(row, limit)
		}
		n += cutInRow(t.titles(), limit)
		switch {
		case t.Cut != nil:
			n += t.Cut(limit)
		case t.Rows != nil:
			n += cutIn(t.Rows, limit)
		}
	}
	return n
}

// cutIn returns how many text cells of rows CellText cuts at limit.
func cutIn(rows iter.Seq[[]Cell], limit int) int {
	n := 0
	for row := range rows {
		n += cutInRow(row, limit)
	}
	return n
}

// cutInRow returns how many text cells of row CellText cuts at limit.
func cutInRow(row []Cell, limit int) int {
	n := 0
	for _, c := range row {
		if c.Kind == Text && len(c.Str) >= limit {
			if _, cut := CellText(c.Str, limit); cut {
				n++
			}
		}
	}
	return n
}

// roundTo rounds f to n decimals.
func roundTo(f float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(f*p) / p
}
