package export_test

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pasapas/internal/demo"
	"pasapas/internal/export"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/sqlite"
)

// demoCentre is six months of demo activity (internal/demo, as
// "pasapasctl demo" writes it) and the personal data it holds: every
// named beneficiary's name both ways, phone and e-mail, and every note.
type demoCentre struct {
	db      *sqlite.DB
	period  report.Period
	today   journal.Date
	names   []string // "Nom Prénom", as the detailed exports write them
	secrets []string // what no funder's export may hold
}

func newDemoCentre(t *testing.T) demoCentre {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), sqlite.FileName))
	check(t, "sqlite.Open", err)
	t.Cleanup(func() { check(t, "Close", db.Close()) })
	now := time.Date(2026, 10, 20, 15, 0, 0, 0, time.UTC)
	res, err := demo.Fill(ctx, db, demo.Options{Months: 6, Seed: 3, Now: now, Location: paris})
	check(t, "demo.Fill", err)
	c := demoCentre{db: db, today: journal.DateOf(now)}
	c.period, err = report.NewPeriod(res.From, res.To)
	check(t, "report.NewPeriod", err)

	// What the store holds, read as a detailed export reads it.
	d, err := export.LoadFor(ctx, db, export.Spec{What: export.WhatActivities, Format: export.CSV, Detailed: true},
		c.period, c.today, paris)
	check(t, "export.LoadFor", err)
	for id := range d.People {
		b, err := db.Beneficiary(ctx, id)
		check(t, "Beneficiary", err)
		c.names = append(c.names, b.LastName+" "+b.FirstName)
		c.secrets = append(c.secrets, b.LastName+" "+b.FirstName, b.FirstName+" "+b.LastName)
		for _, s := range []string{b.Phone, b.Email} {
			if s != "" {
				c.secrets = append(c.secrets, s)
			}
		}
	}
	for _, a := range d.Accompaniments {
		if a.Notes != "" {
			c.secrets = append(c.secrets, a.Notes)
		}
	}
	for _, w := range d.Workshops {
		if w.Notes != "" {
			c.secrets = append(c.secrets, w.Notes)
		}
	}
	// The test must have something to find: names, contacts and notes.
	if len(c.names) < 5 || !slices.ContainsFunc(c.secrets, func(s string) bool { return strings.Contains(s, "@") }) ||
		!slices.ContainsFunc(c.secrets, func(s string) bool { return strings.HasPrefix(s, "06 ") }) ||
		!slices.Contains(c.secrets, "Revenir avec le dernier avis d’imposition.") {
		t.Fatalf("Got(demo data) = %d names, secrets %q, want names, phones, e-mails and notes", len(c.names), c.secrets)
	}
	return c
}

// export writes spec through BuildSpec, as the export job does, and
// returns every cell of the file as text (the XLSX read back cell by
// cell, the CSV as it is) and the column titles.
func (c demoCentre) export(t *testing.T, spec export.Spec) (text string, titles []string) {
	t.Helper()
	ctx := context.Background()
	d, err := export.LoadFor(ctx, c.db, spec, c.period, c.today, paris)
	check(t, "export.LoadFor", err)
	h := export.Header{Centre: centre, ExportedBy: mediator, ExportedAt: exported, From: c.period.From, To: c.period.Last()}
	write, err := export.BuildSpec(spec, d, h, report.Options{Today: c.today, Location: paris})
	check(t, "BuildSpec", err)
	var buf bytes.Buffer
	check(t, "write", write(&buf))
	var recs [][]string
	if spec.Format == export.XLSX {
		x, err := excelize.OpenReader(&buf)
		check(t, "OpenReader", err)
		defer x.Close()
		for _, sheet := range x.GetSheetList() {
			rows, err := x.GetRows(sheet)
			check(t, "GetRows", err)
			recs = append(recs, [][]string{{sheet}}...)
			recs = append(recs, rows...)
		}
	} else {
		recs = readCSV(t, buf.Bytes(), spec.Format == export.CSVExcel)
	}
	var b strings.Builder
	for _, r := range recs {
		b.WriteString(strings.Join(r, "\t") + "\n")
		if len(r) > 0 && r[0] == "Date" && titles == nil {
			titles = r
		}
	}
	return b.String(), titles
}

// No funder's export of demo data holds a beneficiary's name, phone,
// e-mail or a note, in any format; nor a column for them.
func TestFunderExports_NoBeneficiaryField(t *testing.T) {
	c := newDemoCentre(t)
	for _, what := range []export.What{export.WhatActivities, export.WhatAttendance} {
		for _, format := range export.FormatsFor(what) {
			t.Run(string(what)+" "+string(format), func(t *testing.T) {
				text, titles := c.export(t, export.Spec{What: what, Format: format})
				if titles == nil || !strings.Contains(text, "atelier") {
					t.Fatalf("Got(%s %s) = %d bytes without column titles or workshops, want the export", what, format, len(text))
				}
				for _, s := range c.secrets {
					if strings.Contains(text, s) {
						t.Errorf("Got(%s %s) holds %q, want no beneficiary field", what, format, s)
					}
				}
				for _, title := range titles {
					if title == "Bénéficiaire" || strings.Contains(title, "Notes") || strings.Contains(title, "Téléphone") ||
						strings.Contains(title, "mail") || strings.Contains(title, "Nom ") && title != "Nom du lieu" &&
						title != "Nom de l'atelier" && title != "Nom de la démarche administrative" {
						t.Errorf("Got(%s %s column) = %q, want no column for a beneficiary's identity or notes", what, format, title)
					}
				}
				if strings.Contains(strings.ToLower(text), "usage interne") {
					t.Errorf("Got(%s %s) marked for internal use, want a funder's export", what, format)
				}
			})
		}
	}
}

// The detailed exports hold the names (and the activities the notes), and
// say they are for internal use on every sheet.
func TestDetailedExports_NamesMarkedInternal(t *testing.T) {
	c := newDemoCentre(t)
	for _, what := range []export.What{export.WhatActivities, export.WhatAttendance} {
		for _, format := range export.FormatsFor(what) {
			t.Run(string(what)+" "+string(format), func(t *testing.T) {
				text, titles := c.export(t, export.Spec{What: what, Format: format, Detailed: true})
				found := 0
				for _, n := range c.names {
					if strings.Contains(text, n) {
						found++
					}
				}
				if found == 0 {
					t.Errorf("Got(detailed %s %s) = no name of %q, want the names", what, format, c.names)
				}
				if !strings.HasPrefix(text, export.InternalMark) && !strings.Contains(text, "\n"+export.InternalMark) {
					t.Errorf("Got(detailed %s %s) = %.200q…, want it to start with %q", what, format, text, export.InternalMark)
				}
				if what == export.WhatActivities && (!slices.Contains(titles, "Bénéficiaire") ||
					!strings.Contains(text, "Revenir avec le dernier avis d’imposition.")) {
					t.Errorf("Got(detailed activities %s) titles %q, want « Bénéficiaire » and the notes", format, titles)
				}
			})
		}
	}
	if export.Detailable(export.WhatStats) {
		t.Errorf("Got(Detailable(stats)) = true, want false: statistics hold no name")
	}
}
