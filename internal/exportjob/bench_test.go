//go:build cgo

package exportjob_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/export"
	"pasapas/internal/exportjob"
	"pasapas/internal/journal"
	"pasapas/internal/report"
	"pasapas/internal/sqlite"
)

// bigCentre returns a store holding n accompaniments over a year: 100 of
// a day saved through the store, copied to the next days in one statement
// per table, the ids growing with the dates as in a store written day by
// day.
func bigCentre(b *testing.B, n int) *sqlite.DB {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), sqlite.FileName)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		b.Fatalf("Got(sqlite.Open) = %v, want nil error", err)
	}
	b.Cleanup(func() { db.Close() })
	mid, err := db.CreateAccount(ctx, account.Account{Name: "camille", DisplayName: "Camille Martin",
		Role: account.Mediator, Verifier: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", Created: clock})
	if err != nil {
		b.Fatalf("Got(CreateAccount) = %v, want nil error", err)
	}
	themes, admin := journal.DigitalThemes(), journal.AdminThemes()
	const base = 100
	for i := range base {
		a := journal.NewAccompaniment(journal.NewDate(2026, 1, 1), mid)
		a.DurationMinutes = journal.DurationPresets()[i%6]
		a.Place.Name, a.Place.Commune, a.Place.PostalCode = "Centre social des Lilas", "Villeurbanne", "69100"
		a.Equipment = []journal.Equipment{journal.Equipments()[i%4]}
		a.Themes = []journal.Theme{themes[i%len(themes)], journal.ThemeAideAuxDemarchesAdministratives}
		a.AdminThemes = []journal.Theme{admin[i%len(admin)]}
		a.Procedure, a.Tags = "Déclaration trimestrielle RSA", []string{"permanence"}
		a.Autonomy = journal.Autonomies()[i%3]
		a.Person = journal.Profile{Commune: "Villeurbanne", PostalCode: "69100", Gender: journal.Genders()[i%3],
			AgeBand: journal.AgeBands()[i%8], Status: journal.SocialStatuses()[i%5]}
		if _, err := db.SaveAccompaniment(ctx, a); err != nil {
			b.Fatalf("Got(SaveAccompaniment) = %v, want nil error", err)
		}
	}
	raw, err := sql.Open("sqlite3", sqlite.DSN(path))
	if err != nil {
		b.Fatalf("Got(sql.Open) = %v, want nil error", err)
	}
	defer raw.Close()
	copies := `WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?) `
	for _, q := range []string{
		copies + `INSERT INTO accompaniments SELECT a.id + k.n * 1000, date(a.date, '+' || (k.n * 365 / ?3) || ' days'),
			duration_minutes, place_type, place_name, place_commune, place_postal_code, procedure_name, autonomy,
			referred, referral, notes, mediator_id, beneficiary_id, person_already_accompanied, person_commune,
			person_postal_code, person_gender, person_age_band, person_status, NULL, created_at, updated_at,
			place_insee, person_insee FROM accompaniments a, k WHERE a.id <= ?2`,
		copies + `INSERT INTO accompaniment_themes SELECT accompaniment_id + k.n * 1000, theme FROM accompaniment_themes, k
			WHERE accompaniment_id <= ?2`,
		copies + `INSERT INTO accompaniment_equipment SELECT accompaniment_id + k.n * 1000, equipment
			FROM accompaniment_equipment, k WHERE accompaniment_id <= ?2`,
		copies + `INSERT INTO accompaniment_tags SELECT accompaniment_id + k.n * 1000, tag FROM accompaniment_tags, k
			WHERE accompaniment_id <= ?2`,
	} {
		args := []any{n/base - 1, base}
		if strings.Contains(q, "?3") {
			args = append(args, n/base)
		}
		if _, err := raw.ExecContext(ctx, q, args...); err != nil {
			b.Fatalf("Got(copying the accompaniments) = %v, want nil error", err)
		}
	}
	// As a store written day by day is: its log checkpointed into the
	// database file.
	if _, err := raw.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatalf("Got(checkpoint) = %v, want nil error", err)
	}
	return db
}

// The activities of a year with 100,000 accompaniments exported by the
// job from a real store, as the app and pasapasctl do: read as they are
// written, synced and renamed.
func BenchmarkJob_Activities100k(b *testing.B) {
	db := bigCentre(b, 100_000)
	year := report.Period{From: journal.NewDate(2026, 1, 1), To: journal.NewDate(2027, 1, 1), Preset: report.Custom}
	for _, f := range export.FormatsFor(export.WhatActivities) {
		b.Run(string(f), func(b *testing.B) {
			dir := b.TempDir()
			job := exportjob.Job{Source: db, Now: func() time.Time { return clock }, Location: paris}
			for b.Loop() {
				res, err := job.Run(context.Background(), exportjob.Request{
					Spec:   export.Spec{What: export.WhatActivities, Format: f},
					Period: year, Path: filepath.Join(dir, "out"+f.Ext())})
				if err != nil || res.Rows != 100_000 {
					b.Fatalf("Got(Run) = %d rows, %v, want 100,000, nil error", res.Rows, err)
				}
			}
		})
	}
}
