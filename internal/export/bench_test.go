package export_test

import (
	"io"
	"testing"
	"time"

	"pasapas/internal/export"
	"pasapas/internal/journal"
	"pasapas/internal/report"
)

// benchData returns n accompaniments spread over a year, built in memory
// (not through SQLite) with the fields a real one has.
func benchData(n int) export.Data {
	first := journal.NewDate(2026, 1, 1)
	created := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	themes := journal.DigitalThemes()
	admin := journal.AdminThemes()
	d := export.Data{Data: report.Data{Period: mustDays(first, journal.NewDate(2026, 12, 31))},
		Mediators: map[int64]string{1: "Camille Martin", 2: "Karim Haddad"}, People: map[int64]string{}}
	d.Accompaniments = make([]journal.Accompaniment, n)
	for i := range d.Accompaniments {
		a := journal.NewAccompaniment(first.AddDays(i*365/n), int64(1+i%2))
		a.ID = int64(i + 1)
		a.DurationMinutes = journal.DurationPresets()[i%6]
		a.Place.Name = "Centre social des Lilas"
		a.Equipment = []journal.Equipment{journal.Equipments()[i%4]}
		a.Themes = []journal.Theme{themes[i%len(themes)]}
		if a.HasAdminTheme() {
			a.AdminThemes = []journal.Theme{admin[i%len(admin)]}
			a.Procedure = "Déclaration trimestrielle RSA"
		}
		a.Autonomy = journal.Autonomies()[i%3]
		a.Tags = []string{"permanence"}
		a.Person = journal.Profile{Commune: "Villeurbanne", PostalCode: "69100",
			Gender: journal.Genders()[i%3], AgeBand: journal.AgeBands()[i%8], Status: journal.SocialStatuses()[i%5]}
		a.Created = created.Add(time.Duration(i) * time.Minute)
		a.Updated = a.Created
		d.Accompaniments[i] = a
	}
	return d
}

// Exporting 100,000 accompaniments (a large centre's several years), the
// data already in memory: the time and memory of the writers themselves.
func BenchmarkActivities100k(b *testing.B) {
	d := benchData(100_000)
	h := export.Header{Centre: "Espace numérique des Lilas", ExportedBy: "Camille Martin",
		ExportedAt: time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC), From: d.Period.From, To: d.Period.Last()}
	for _, f := range []export.Format{export.CSV, export.CSVExcel, export.XLSX} {
		b.Run(string(f), func(b *testing.B) {
			for b.Loop() {
				w := &countingWriter{}
				if err := export.Write(w, export.Activities(h, d), f); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(w.n)/1e6, "MB/file")
			}
		})
	}
}

// countingWriter counts the bytes written and drops them.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return io.Discard.Write(p)
}
