package export_test

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"pasapas/internal/export"
	"pasapas/internal/report"
)

func TestStatsTable(t *testing.T) {
	f := newFixture(t)
	d := f.load(t)
	st := report.StatsOf(d.Data, report.Options{Today: today, Location: paris})
	for _, format := range []export.Format{export.CSV, export.CSVExcel, export.XLSX} {
		t.Run(string(format), func(t *testing.T) {
			var buf bytes.Buffer
			check(t, "Write", export.Write(&buf, export.StatsTable(header(), st), format))
			var recs [][]string
			if format == export.XLSX {
				x, err := excelize.OpenReader(&buf)
				check(t, "OpenReader", err)
				defer x.Close()
				recs, err = x.GetRows("Statistiques")
				check(t, "GetRows", err)
				recs = slices.DeleteFunc(recs, func(r []string) bool { return len(r) == 0 })
				for i := range recs {
					recs[i] = pad(recs[i], 4)
					// "50.0%" as the percent format shows it is 50.
					if v, err := strconv.ParseFloat(strings.TrimSuffix(recs[i][3], "%"), 64); err == nil && i > 8 {
						recs[i][3] = strconv.FormatFloat(v, 'f', -1, 64)
					}
				}
			} else {
				recs = readCSV(t, buf.Bytes(), format == export.CSVExcel)
			}
			_, titles, rows := splitExport(t, plainRows(recs))
			compare(t, "titles", [][]string{titles}, [][]string{{"Rubrique", "Libellé", "Nombre", "Part (%)"}})
			find := func(section, label string) []string {
				for _, r := range rows {
					if r[0] == section && r[1] == label {
						return r
					}
				}
				t.Errorf("Got(row %q %q) = none, want one", section, label)
				return []string{section, label, "", ""}
			}
			tests := []struct {
				section, label, value, share string
			}{
				// Two individual accompaniments, and four collective ones:
				// Zoé and anonyme 1 on the 7th, anonymes 1 and 2 on the
				// 14th (Zoé excused); the 21st is after today.
				{"Statistiques générales", "Accompagnements", "6", ""},
				{"Statistiques générales", "dont accompagnements individuels", "2", "33.3"},
				{"Statistiques générales", "dont participations à des ateliers collectifs", "4", "66.7"},
				// Zoé, the anonymous person of the 1st, anonymes 1 and 2.
				{"Statistiques générales", "Bénéficiaires accompagnés", "4", ""},
				{"Statistiques générales", "Séances d'atelier tenues", "2", ""},
				{"Présence aux ateliers", "Présents", "2", "50"},
				{"Présence aux ateliers", "Absents", "1", "25"},
				{"Présence aux ateliers", "Excusés", "1", "25"},
				{"Présence aux ateliers", "Non notés", "2", ""},
				{"Présence aux ateliers", "Taux de présence", "", "50"},
				{"Thématiques de médiation numérique", "E-mail", "1", "25"},
				{"Thématiques de médiation numérique", "Accompagner un professionnel", "0", "0"},
				{"Genre", "Féminin", fmt.Sprint(count(st.Genders, "Feminin")), ""},
			}
			for _, tc := range tests {
				r := find(tc.section, tc.label)
				if r[2] != tc.value || (tc.share != "" && r[3] != tc.share) {
					t.Errorf("Got(%s / %s) = %q, %q, want %q, %q", tc.section, tc.label, r[2], r[3], tc.value, tc.share)
				}
			}
			// Every count of every breakdown is a row.
			for _, b := range []struct {
				section string
				b       report.Breakdown
			}{
				{"Thématiques de médiation numérique", st.Themes}, {"Thématiques de démarches administratives", st.AdminThemes},
				{"Durées", st.Durations}, {"Canaux d'accompagnement", st.PlaceTypes}, {"Genre", st.Genders},
				{"Tranches d'âge", st.AgeBands}, {"Statut des bénéficiaires", st.Statuses},
				{"Communes de résidence", st.Communes}, {"Démarches administratives réalisées", st.Procedures},
			} {
				for _, c := range b.b.Counts {
					if r := find(b.section, plainFromFrench(export.Neutralize(c.Label))); r[2] != fmt.Sprint(c.Value) {
						t.Errorf("Got(%s / %s) = %q, want %d", b.section, c.Label, r[2], c.Value)
					}
				}
			}
		})
	}
}

func count(b report.Breakdown, key string) int {
	c, _ := b.Find(key)
	return c.Value
}
