package export_test

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pasapas/internal/export"
	"pasapas/internal/report"
	"pasapas/internal/visit"
)

// roomData is October on a mediator's station: visits from two kiosks of
// the room and two of the station itself.
//
//	Poste 2:  3 visits, 2 « réussi », 2 with help (2 and 1 requests)
//	Poste 10: 1 visit with 1 request
//	the station: 2 visits, 1 « réussi »
func roomData() export.Data {
	at := func(d int) time.Time { return time.Date(2026, 10, d, 10, 0, 0, 0, paris) }
	vs := []struct {
		key, kiosk string
		outcome    visit.Outcome
		helps      int
	}{
		{"a1", "Poste 2", visit.Done, 0},
		{"a2", "Poste 2", visit.Abandoned, 2},
		{"a3", "Poste 2", visit.Done, 1},
		{"b1", "Poste 10", visit.NotYet, 1},
		{"s1", "", visit.Done, 0},
		{"s2", "", visit.TimedOut, 0},
	}
	d := export.Data{Today: today, Data: report.Data{Period: october, VisitKiosks: map[string]string{}}}
	for i, v := range vs {
		d.Visits = append(d.Visits, visit.Visit{Key: v.key, Started: at(i + 2), Updated: at(i + 2), Ended: at(i + 2),
			Lang: "fr", Outcome: v.outcome, HelpCount: v.helps})
		if v.kiosk != "" {
			d.VisitKiosks[v.key] = v.kiosk
		}
	}
	return d
}

// The statistics export of a station holds the figures of each PC of the
// room: a « Par poste » block in CSV, sheet in XLSX, table in PDF, and the
// visits per kiosk among the statistics. No line names a visitor.
func TestBuildSpec_StatsPerKiosk(t *testing.T) {
	d := roomData()
	opts := report.Options{Today: today, Location: paris}
	titles := []string{"Poste", "Visites", "Part des visites (%)", "Visites réussies",
		"Visites avec une demande d'aide", "Taux de demande d'aide (%)", "Demandes d'aide"}
	want := [][]string{
		{"Par poste"},
		titles,
		{"Poste 2", "3", "50", "2", "2", "66.7", "3"},
		{"Poste 10", "1", "16.7", "0", "1", "100", "1"},
		{"Ce poste (poste du médiateur)", "2", "33.3", "1", "0", "0", "0"},
		{"Tout le centre", "6", "100", "3", "3", "50", "4"},
	}
	for _, format := range []export.Format{export.CSV, export.CSVExcel, export.XLSX} {
		t.Run(string(format), func(t *testing.T) {
			write, err := export.BuildSpec(export.Spec{What: export.WhatStats, Format: format}, d, header(), opts)
			check(t, "BuildSpec", err)
			var buf bytes.Buffer
			check(t, "write", write(&buf))
			var recs, stats [][]string
			if format == export.XLSX {
				x, err := excelize.OpenReader(&buf)
				check(t, "OpenReader", err)
				defer x.Close()
				if got := x.GetSheetList(); !slices.Equal(got, []string{"Statistiques", "Mois par mois", "Par poste"}) {
					t.Fatalf("Got(sheets) = %q, want Statistiques, Mois par mois, Par poste", got)
				}
				sheet := func(name string) [][]string {
					rows, err := x.GetRows(name)
					check(t, "GetRows", err)
					rows = slices.DeleteFunc(rows, func(r []string) bool { return len(r) == 0 })
					_, _, rows = splitExport(t, rows, false)
					return rows
				}
				recs = append([][]string{{"Par poste"}, titles}, sheet("Par poste")...)
				stats = sheet("Statistiques")
			} else {
				all := readCSV(t, buf.Bytes(), format == export.CSVExcel)
				i := slices.IndexFunc(all, func(r []string) bool { return len(r) == 1 && r[0] == "Par poste" })
				if i < 0 {
					t.Fatalf("Got(csv) = %q, want a block « Par poste »", all)
				}
				recs = all[i:]
				stats = all
			}
			recs = plainRows(recs)
			for _, r := range recs[min(2, len(recs)):] {
				for _, j := range []int{2, 5} {
					if j < len(r) {
						r[j] = plainPercent(r[j])
					}
				}
			}
			compare(t, "per kiosk", recs, want)

			// Among the statistics: each PC's visits and their share.
			for _, w := range [][]string{
				{"Visites de la borne par poste", "Poste 2", "3"},
				{"Visites de la borne par poste", "Ce poste (poste du médiateur)", "2"},
			} {
				if !slices.ContainsFunc(stats, func(r []string) bool {
					return len(r) >= 3 && r[0] == w[0] && r[1] == w[1] && r[2] == w[2]
				}) {
					t.Errorf("Got(statistics) has no row %q", w)
				}
			}
		})
	}
	t.Run("pdf", func(t *testing.T) {
		write, err := export.BuildSpec(export.Spec{What: export.WhatStats, Format: export.PDF}, d, header(), opts)
		check(t, "BuildSpec", err)
		var buf bytes.Buffer
		check(t, "write", write(&buf))
		text, _ := pdfText(t, buf.Bytes())
		ls := lines(text)
		for _, want := range []string{
			`^Par poste visites de chaque poste de la salle$`,
			`^Poste 2 3 50 % 2 2 66,7 % 3$`,
			`^Poste 10 1 16,7 % 0 1 100 % 1$`,
			`^Ce poste \(poste du médiateur\) 2 33,3 % 1 0 0 ?% 0$`,
			`^Tout le centre 6 100 % 3 3 50 % 4$`,
			`^Visites de la borne par poste sur 6 visites$`,
			`^Poste 2 3 50 %$`,
		} {
			if !hasLine(ls, want) {
				t.Errorf("Got(PDF text) has no line %s:\n%s", want, strings.Join(ls, "\n"))
			}
		}
	})
}

// plainPercent turns a share as XLSX shows it ("66.7%", "0.5") or as the
// CSVs write it ("66.7", "66,7") into the plain CSV's form.
func plainPercent(s string) string {
	s = strings.Replace(s, ",", ".", 1)
	if strings.HasSuffix(s, "%") {
		v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
		if err == nil {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	return s
}

// A PC that is not a station has no per-kiosk figures.
func TestKiosksTable_NotAStation(t *testing.T) {
	d := roomData()
	d.VisitKiosks = nil
	st := report.StatsOf(d.Data, report.Options{Today: today, Location: paris})
	if _, ok := export.KiosksTable(header(), st); ok {
		t.Fatal("Got(KiosksTable of a PC alone) = a table, want none")
	}
	if n := len(export.StatsTables(header(), st)); n != 2 {
		t.Fatalf("Got(StatsTables of a PC alone) = %d tables, want 2", n)
	}
}
