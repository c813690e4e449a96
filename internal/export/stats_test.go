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
			_, titles, rows := splitExport(t, plainRows(recs), false)
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
				// Hours, with decimals: 45 + 30 min individual; two
				// sessions of 90 min, once each; 4 participations × 90.
				{"Heures d'accompagnement", "Heures d'accompagnement (individuel et ateliers)", "4.25", ""},
				{"Heures d'accompagnement", "dont accompagnements individuels", "1.25", ""},
				{"Heures d'accompagnement", "dont séances d'atelier (durée de chaque séance, comptée une fois)", "3", ""},
				{"Heures d'accompagnement", "Heures de présence des participants aux ateliers (durée × participants)", "6", ""},
				{"Matériel numérique utilisé", "Tablette", "2", "50"},
				{"Matériel numérique utilisé", "Non communiqué", "1", "25"},
				{"Tags", "Sans tag", "3", "75"},
				{"Niveau d'autonomie", "Autonome avec guidage en cas de besoin", "1", "50"},
				{"Niveau d'autonomie", "Non communiqué", "1", "50"},
				{"Orientation vers une autre structure", "Non orienté", "1", "50"},
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
				{"Matériel numérique utilisé", st.Equipment}, {"Tags", st.Tags}, {"Niveau d'autonomie", st.Autonomy},
				{"Orientation vers une autre structure", st.Referrals},
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

// The statistics export holds the month-by-month table after the
// figures: a second block in CSV, a second sheet in XLSX, with the same
// figures as the PDF's.
func TestBuildSpec_StatsMonths(t *testing.T) {
	f := newFixture(t)
	d := f.load(t)
	opts := report.Options{Today: today, Location: paris}
	titles := []string{"Mois", "Accompagnements", "dont individuels", "dont en atelier", "Bénéficiaires",
		"Séances d'atelier", "Participants aux ateliers", "Heures d'accompagnement", "dont individuelles",
		"dont séances d'atelier", "Heures de présence en atelier"}
	// October: 2 individual (75 min), 2 sessions (180 min), 4
	// participations (360 min), 4 people of whom 3 in workshops.
	month := []string{"octobre 2026", "6", "2", "4", "4", "2", "3", "4.25", "1.25", "3", "6"}
	total := append([]string{"Total de la période"}, month[1:]...)
	for _, format := range []export.Format{export.CSV, export.CSVExcel, export.XLSX} {
		t.Run(string(format), func(t *testing.T) {
			write, err := export.BuildSpec(export.Spec{What: export.WhatStats, Format: format}, d, header(), opts)
			check(t, "BuildSpec", err)
			var buf bytes.Buffer
			check(t, "write", write(&buf))
			var recs [][]string
			if format == export.XLSX {
				x, err := excelize.OpenReader(&buf)
				check(t, "OpenReader", err)
				defer x.Close()
				if got := x.GetSheetList(); !slices.Equal(got, []string{"Statistiques", "Mois par mois"}) {
					t.Fatalf("Got(sheets) = %q, want Statistiques, Mois par mois", got)
				}
				recs, err = x.GetRows("Mois par mois")
				check(t, "GetRows", err)
				recs = slices.DeleteFunc(recs, func(r []string) bool { return len(r) == 0 })
				_, _, rows := splitExport(t, recs, false)
				recs = append([][]string{{"Mois par mois"}, titles}, rows...)
			} else {
				all := readCSV(t, buf.Bytes(), format == export.CSVExcel)
				i := slices.IndexFunc(all, func(r []string) bool { return len(r) == 1 && r[0] == "Mois par mois" })
				if i < 0 {
					t.Fatalf("Got(csv) = %q, want a block « Mois par mois »", all)
				}
				recs = all[i:]
			}
			compare(t, "months", plainRows(recs), [][]string{{"Mois par mois"}, titles, month, total})
		})
	}
}
