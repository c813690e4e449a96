// Package export writes what staff hand to funders: the activities of a
// period in the columns of the national mediators' tool, the attendance of
// workshop sessions, and the statistics of a period, as CSV, as CSV for
// French Excel, as XLSX and (statistics only) as PDF with bar charts; and
// the sign-in sheet (feuille d'émargement) of a workshop session as an A4
// PDF ready to print.
//
// Every file starts with a header block (centre, who exported it, when,
// period and filters). No cell can run as a formula (R10): text cells go
// through Neutralize, and XLSX text is only ever written as a string.
//
// The activities and attendance exports are made to be sent to funders:
// they hold no beneficiary's name, phone, e-mail nor note. Their detailed
// forms (DetailedActivities, DetailedAttendance; Spec.Detailed) add the
// names and notes for the centre's own use, and say InternalMark on every
// file, sheet and printed page. Statistics hold no name.
//
// Typical use (internal/exportjob does this, and writes the file
// atomically):
//
//	s := export.Spec{What: export.WhatActivities, Format: export.XLSX}
//	p, _ := report.Days(first, last)
//	d, err := export.LoadFor(ctx, db, s, p, today, time.Local)
//	h := export.Header{Centre: s.CentreName, ExportedBy: a.DisplayName, ExportedAt: time.Now(), From: first, To: last}
//	write, err := export.BuildSpec(s, d, h, opts)
//	err = write(file)
//	err = export.WriteSheet(file, sheet) // sheet from export.LoadSheet
//
// The activities of a large period are better read as they are written,
// one at a time, from a StreamSource (*sqlite.DB), which exportjob does:
//
//	rows, err := export.ReadActivities(ctx, db, s, p, today, time.Local, h,
//		func(t export.Table) error { return export.Write(file, t, s.Format) })
package export

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"iter"
	"time"

	"pasapas/internal/journal"
)

// Header is the block every export starts with.
type Header struct {
	// Title says what the file holds ("Activités").
	Title string
	// Centre is the centre's name (settings), ExportedBy the display name
	// of who exported.
	Centre     string
	ExportedBy string
	// ExportedAt is when; the file shows every time in its location.
	ExportedAt time.Time
	// From and To are the first and the last day of the period, both
	// included.
	From, To journal.Date
	// Filters are the filters used besides the period, none for all.
	Filters []Filter
	// Internal marks a file for the centre's own use: it holds names and
	// notes. Its header block then starts with InternalMark, an XLSX sheet
	// says it in its name and on every printed page. The detailed exports
	// (DetailedActivities, DetailedAttendance) set it; funders' exports
	// never hold a name.
	Internal bool
}

// InternalMark is the warning that starts every file, sheet and printed
// page of a detailed export.
const InternalMark = "USAGE INTERNE — NE PAS TRANSMETTRE : ce fichier contient des noms"

// Filter is one filter of an export, as the header shows it.
type Filter struct {
	Name, Value string
}

// Column is one column of a table: its French title and its width in
// characters (0 for a default).
type Column struct {
	Title string
	Width float64
}

// Table is what an export writes: a header block, column titles and rows.
type Table struct {
	Header Header
	// Sheet is the XLSX sheet's name (at most 31 characters).
	Sheet   string
	Columns []Column
	// Count is the number of rows, shown in the header block.
	Count int
	// Rows yields each row, as many cells as columns. The slice may be
	// reused from one row to the next: a writer must not keep it.
	Rows iter.Seq[[]Cell]
	// Cut, when set, returns how many text cells of Rows CellText cuts
	// at limit, which the header block says: the formats that cut read
	// Rows a first time to count them when it is nil.
	Cut func(limit int) int
}

// headerRows returns the header block as rows of cells, the blank line
// after it included; when cut > 0, a row says how many cells were cut to
// fit the format (CutMarker).
func (t Table) headerRows(cut int) [][]Cell {
	h := t.Header
	var rows [][]Cell
	if h.Internal {
		rows = append(rows, []Cell{TextCell(InternalMark)})
	}
	rows = append(rows, [][]Cell{
		{TextCell("Pas à pas — " + h.Title)},
		{TextCell("Centre"), TextCell(h.centre())},
		{TextCell("Exporté par"), TextCell(h.ExportedBy)},
		{TextCell("Exporté le"), TimeCell(h.ExportedAt)},
		{TextCell("Du"), DayCell(h.From)},
		{TextCell("Au"), DayCell(h.To)},
	}...)
	if len(h.Filters) == 0 {
		rows = append(rows, []Cell{TextCell("Filtres"), TextCell("aucun")})
	}
	for _, f := range h.Filters {
		rows = append(rows, []Cell{TextCell("Filtre : " + f.Name), TextCell(f.Value)})
	}
	rows = append(rows, []Cell{TextCell("Lignes"), IntCell(t.Count)})
	if cut > 0 {
		rows = append(rows, []Cell{TextCell("Cellules coupées"),
			TextCell(fmt.Sprintf("%d : texte trop long pour le format, la fin est remplacée par «%s »", cut, CutMarker))})
	}
	return append(rows, nil)
}

// centre returns the centre's name, or says it was not set.
func (h Header) centre() string { return cmp.Or(h.Centre, "(nom du centre non renseigné)") }

// titles returns the column titles as text cells.
func (t Table) titles() []Cell {
	out := make([]Cell, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = TextCell(c.Title)
	}
	return out
}

// Format is a file format of the exports.
type Format string

// Formats.
const (
	CSV      Format = "csv"       // comma, UTF-8, ISO dates
	CSVExcel Format = "csv-excel" // semicolon, UTF-8 with BOM, jj/mm/aaaa, decimal comma
	XLSX     Format = "xlsx"      // typed cells, frozen header row
	PDF      Format = "pdf"       // statistics only, with bar charts
)

// Formats returns every format, in the order a menu shows them. Not every
// export has every format: see FormatsFor.
func Formats() []Format { return []Format{CSV, CSVExcel, XLSX, PDF} }

// ParseFormat returns the format named s ("csv", "csv-excel", "xlsx",
// "pdf"), or an error naming the known ones.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats() {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (known: csv, csv-excel, xlsx, pdf)", s)
}

// Ext returns the usual file extension of f, with its dot.
func (f Format) Ext() string {
	if f == CSVExcel {
		return ".csv"
	}
	return "." + string(f)
}

// ErrUnsupported is returned when a table is asked in a format it has no
// writer for (activities or attendance as PDF).
var ErrUnsupported = errors.New("format not supported for this export")

// WriteTables writes ts to w in format f, as one file: in CSV the tables
// one after the other, each after a blank line and its sheet's name (the
// header block only before the first); in XLSX one sheet per table, each
// with the header block. PDF gives ErrUnsupported.
func WriteTables(w io.Writer, ts []Table, f Format) error {
	switch f {
	case CSV:
		return writeCSVTables(w, ts, false)
	case CSVExcel:
		return writeCSVTables(w, ts, true)
	case XLSX:
		return writeXLSX(w, ts)
	case PDF:
		return fmt.Errorf("tables as pdf: %w", ErrUnsupported)
	}
	return fmt.Errorf("export: unknown format %q", f)
}

// Write writes t to w in format f: CSV, CSVExcel or XLSX. PDF gives
// ErrUnsupported: only statistics have a PDF form (WriteStatsPDF).
func Write(w io.Writer, t Table, f Format) error {
	switch f {
	case CSV:
		return WriteCSV(w, t, false)
	case CSVExcel:
		return WriteCSV(w, t, true)
	case XLSX:
		return WriteXLSX(w, t)
	case PDF:
		return fmt.Errorf("%s as pdf: %w", t.Header.Title, ErrUnsupported)
	}
	return fmt.Errorf("export: unknown format %q", f)
}

// locator converts an instant to the location an export shows it in.
type locator func(time.Time) time.Time

// location returns the converter to the location of h.ExportedAt (the
// local time zone when it is zero).
func (h Header) location() locator {
	loc := h.ExportedAt.Location()
	if h.ExportedAt.IsZero() {
		loc = time.Local
	}
	return func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.In(loc)
	}
}
