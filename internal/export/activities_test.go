package export_test

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	"pasapas/internal/export"
	"pasapas/internal/failure"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/sqlite"
)

// TestActivities_Cut: the cut cells that the activities export's header
// block counts without reading its rows a first time (Table.Cut) are
// those that reading them counts, whatever text is too long — a note, a
// place, the tags together, a mediator's or a person's name, a workshop's
// title — and with the accompaniments out of date order.
func TestActivities_Cut(t *testing.T) {
	f := newFixture(t)
	long := strings.Repeat("long ", export.XLSXCellLimit/5+1)
	tags := make([]string, export.XLSXCellLimit/40+1)
	for i := range tags {
		tags[i] = strings.Repeat("t", 40)
	}
	tests := []struct {
		name   string
		change func(d *export.Data)
		cut    [2]int // funders', detailed
	}{
		{"none", func(*export.Data) {}, [2]int{0, 0}},
		{"note", func(d *export.Data) { d.Accompaniments[0].Notes = long }, [2]int{0, 1}},
		{"place", func(d *export.Data) { d.Accompaniments[1].Place.Name = long }, [2]int{1, 1}},
		{"tags", func(d *export.Data) { d.Accompaniments[0].Tags = tags }, [2]int{1, 1}},
		{"mediator", func(d *export.Data) {
			for id := range d.Mediators {
				d.Mediators[id] = long
			}
		}, [2]int{6, 6}},
		{"person", func(d *export.Data) {
			for id := range d.People {
				d.People[id] = long
			}
		}, [2]int{0, 2}},
		{"workshop title", func(d *export.Data) { d.Workshops[0].Title = long }, [2]int{4, 4}},
		{"out of order", func(d *export.Data) {
			d.Accompaniments[1].Notes = long
			slices.Reverse(d.Accompaniments)
		}, [2]int{0, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for i, build := range []func(export.Header, export.Data) export.Table{export.Activities, export.DetailedActivities} {
				d := f.loadDetailed(t)
				tc.change(&d)
				table := build(header(), d)
				if got := table.Cut(export.XLSXCellLimit); got != tc.cut[i] {
					t.Errorf("Got(Cut, detailed %v) = %d, want %d", i == 1, got, tc.cut[i])
				}
				var counted, read bytes.Buffer
				check(t, "Write", export.Write(&counted, table, export.CSVExcel))
				table.Cut = nil
				check(t, "Write", export.Write(&read, table, export.CSVExcel))
				if !bytes.Equal(counted.Bytes(), read.Bytes()) {
					t.Errorf("Got(file with Cut, detailed %v) differs from the one reading the rows twice", i == 1)
				}
			}
		})
	}
}

// TestActivities_Order: rows are by date, the day's individual
// accompaniments before its sessions, even when Data does not list them
// by date.
func TestActivities_Order(t *testing.T) {
	f := newFixture(t)
	d := f.load(t)
	slices.Reverse(d.Accompaniments)
	table := export.Activities(header(), d)
	var buf bytes.Buffer
	check(t, "Write", export.Write(&buf, table, export.CSV))
	recs := readCSV(t, buf.Bytes(), false)
	var days []string
	for _, r := range recs[len(recs)-table.Count:] {
		days = append(days, r[0])
	}
	if !slices.IsSorted(days) {
		t.Errorf("Got(days) = %q, want them in order", days)
	}
	if got := recs[len(recs)-1][4]; got != "Accompagnement individuel" {
		t.Errorf("Got(last row's type) = %q, want the accompaniment of the 31st", got)
	}
}

var _ export.StreamSource = (*sqlite.DB)(nil)

// TestReadActivities: the activities read from the store one at a time
// give the file that LoadFor's Data gives, funders' and detailed, in every
// format, and the same count of rows.
func TestReadActivities(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, detailed := range []bool{false, true} {
		for _, format := range export.FormatsFor(export.WhatActivities) {
			s := export.Spec{What: export.WhatActivities, Format: format, Detailed: detailed}
			d, err := export.LoadFor(ctx, f.db, s, october, today, paris)
			check(t, "LoadFor", err)
			write, err := export.BuildSpec(s, d, header(), report.Options{Today: today, Location: paris})
			check(t, "BuildSpec", err)
			var loaded, streamed bytes.Buffer
			check(t, "write", write(&loaded))
			rows, err := export.ReadActivities(ctx, f.db, s, october, today, paris, header(), func(t export.Table) error {
				return export.Write(&streamed, t, format)
			})
			check(t, "ReadActivities", err)
			if want := export.Rows(s, d); rows != want {
				t.Errorf("Got(ReadActivities %v rows) = %d, want %d", s, rows, want)
			}
			if !bytes.Equal(loaded.Bytes(), streamed.Bytes()) {
				t.Errorf("Got(ReadActivities %v) = %d bytes, differing from the %d LoadFor's Data gives", s,
					streamed.Len(), loaded.Len())
			}
		}
	}
	// A funders' export does not even read a name.
	counted := &namesRead{DB: f.db}
	_, err := export.ReadActivities(ctx, counted, export.Spec{What: export.WhatActivities, Format: export.XLSX}, october,
		today, paris, header(), func(t export.Table) error { return export.Write(io.Discard, t, export.XLSX) })
	check(t, "ReadActivities", err)
	if counted.n != 0 {
		t.Errorf("Got(names read for a funders' export) = %d, want none", counted.n)
	}
	_, err = export.ReadActivities(ctx, f.db, export.Spec{What: export.WhatStats, Format: export.CSV}, october, today,
		paris, header(), func(export.Table) error { return nil })
	if failure.KindOf(err) != failure.Invalid {
		t.Errorf("Got(ReadActivities of statistics) = %v, want an Invalid error", err)
	}
}

// namesRead is the store, counting the beneficiaries read.
type namesRead struct {
	*sqlite.DB
	n int
}

func (s *namesRead) Beneficiary(ctx context.Context, id int64) (journal.Beneficiary, error) {
	s.n++
	return s.DB.Beneficiary(ctx, id)
}
