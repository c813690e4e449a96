package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pasapas/internal/journal"
	"pasapas/internal/sqlite"
	"pasapas/internal/visit"
)

// schemaBefore004 builds, at path, a database as the program made it before
// migration 004: migrations 001 to 003 applied one by one as db.go applied
// them (each in its own transaction, recorded in schema_migrations and
// user_version), then fills it with rows of every table through plain SQL.
func schemaBefore004(t *testing.T, path string) {
	t.Helper()
	raw := rawDB(t, path)
	defer raw.Close()
	ctx := context.Background()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", firstLine(q), err)
		}
	}
	exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
	for i, name := range []string{"001_visits.sql", "002_accounts.sql", "003_journal.sql"} {
		src, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "ReadFile "+name, err)
		}
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "BeginTx", err)
		}
		for _, q := range []string{string(src),
			fmt.Sprintf("INSERT INTO schema_migrations(version, name, applied_at) VALUES (%d, '%s', '2025-09-01T08:00:00.000Z')", i+1, name),
			fmt.Sprintf("PRAGMA user_version = %d", i+1)} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "migrate "+name, err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Commit "+name, err)
		}
	}

	const stamp = "2026-01-10T09:00:00.000Z"
	exec(`INSERT INTO accounts(id, name, display_name, role, verifier, created_at) VALUES
		(1, 'amina', 'Amina', 'mediator', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', ?),
		(2, 'coord', 'Coordination', 'coordinator', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', ?)`, stamp, stamp)
	exec(`INSERT INTO settings(key, value) VALUES ('centre.name', 'Centre social des Lilas'), ('kiosk.idle', '180')`)
	exec(`INSERT INTO audit(at, account_id, action, detail) VALUES (?, 1, 'login', ''), (?, 2, 'export', 'stats')`, stamp, stamp)
	exec(`INSERT INTO visits(id, key, started_at, updated_at, ended_at, lang, guide_id, step_count, furthest_step,
			outcome, help_count, first_help_at, max_text_size) VALUES
		(1, 'done', '2026-01-10T09:00:00.000Z', '2026-01-10T09:20:00.000Z', '2026-01-10T09:20:00.000Z', 'fr', 'caf',
			6, 6, 'done', 2, '2026-01-10T09:05:00.000Z', 2),
		(2, 'left', '2026-01-10T10:00:00.000Z', '2026-01-10T10:07:00.000Z', '2026-01-10T10:07:00.000Z', 'ar', 'ants',
			8, 3, 'timed_out', 1, '2026-01-10T10:03:00.000Z', 1),
		(3, 'open', '2026-01-10T11:00:00.000Z', '2026-01-10T11:02:00.000Z', NULL, 'uk', NULL, 0, 0, NULL, 1,
			'2026-01-10T11:01:00.000Z', 1)`)
	exec(`INSERT INTO help_requests(id, visit_id, raised_at, guide_id, step, screen, acknowledged_at, resolved_at,
			acknowledged_by, resolved_by) VALUES
		(1, 1, '2026-01-10T09:05:00.000Z', 'caf', 2, 'step', '2026-01-10T09:06:00.000Z', '2026-01-10T09:10:00.000Z', 1, 1),
		(2, 1, '2026-01-10T09:12:00.000Z', 'caf', 4, 'step', '2026-01-10T09:13:00.000Z', NULL, 1, NULL),
		(3, 2, '2026-01-10T10:03:00.000Z', 'ants', 3, 'step', NULL, NULL, NULL, NULL),
		(4, 3, '2026-01-10T11:01:00.000Z', NULL, 0, 'categories', NULL, NULL, NULL, NULL)`)
	exec(`INSERT INTO beneficiaries(id, first_name, last_name, search_key, birth_year, phone, email, commune,
			postal_code, gender, status, consent_date, consent_by, created_at, updated_at, erased_at, erased_age_band) VALUES
		(1, 'Zoé', 'Ébrard', 'ebrard zoe', 1950, '06 12 34 56 78', 'zoe@example.org', 'Villeurbanne', '69100',
			'Feminin', 'Retraite', '2026-01-05', 1, ?, ?, NULL, NULL),
		(2, NULL, NULL, NULL, NULL, NULL, NULL, 'Bron', '69500', 'Masculin', 'SansEmploi', '2025-01-05', 1, ?, ?,
			'2026-01-09T00:00:00.000Z', 'VingtCinqTrenteNeuf')`, stamp, stamp, stamp, stamp)
	exec(`INSERT INTO accompaniments(id, date, duration_minutes, place_type, place_name, place_commune,
			place_postal_code, procedure_name, autonomy, referred, referral, notes, mediator_id, beneficiary_id,
			person_already_accompanied, person_commune, person_postal_code, person_gender, person_age_band,
			person_status, visit_key, created_at, updated_at) VALUES
		(1, '2026-01-10', 45, 'LieuActivite', 'Centre social des Lilas', '', '', 'Demande de CSS',
			'PartiellementAutonome', 1, 'AideSociale', 'Revenir lundi.', 1, NULL, 0, 'Lyon', '69003', 'Masculin',
			'SoixanteDixPlus', 'Retraite', 'done', ?, ?),
		(2, '2026-01-11', 200, 'Domicile', '', 'Villeurbanne', '69100', '', NULL, 0, NULL, '', 1, 1, 1,
			'Villeurbanne', '69100', 'Feminin', 'SoixanteDixPlus', 'Retraite', NULL, ?, ?),
		(3, '2025-02-01', 30, 'ADistance', '', '', '', '', 'Autonome', 0, NULL, '', 1, 2, 0, 'Bron', '69500',
			'Masculin', 'VingtCinqTrenteNeuf', 'SansEmploi', NULL, ?, ?)`,
		stamp, stamp, stamp, stamp, stamp, stamp)
	exec(`INSERT INTO accompaniment_themes(accompaniment_id, theme) VALUES
		(1, 'AideAuxDemarchesAdministratives'), (1, 'SocialSante'), (2, 'Email'), (3, 'Bureautique')`)
	exec(`INSERT INTO accompaniment_equipment(accompaniment_id, equipment) VALUES (1, 'Ordinateur'), (2, 'Telephone')`)
	exec(`INSERT INTO accompaniment_tags(accompaniment_id, tag) VALUES (1, 'CAF'), (1, 'urgent')`)
	exec(`INSERT INTO workshops(id, title, level, place_type, place_name, place_commune, place_postal_code, notes,
			mediator_id, anonymous_total, anonymous_already, anonymous_masculin, anonymous_feminin,
			anonymous_soixante_dix_plus, anonymous_retraite, created_at, updated_at) VALUES
		(1, 'Premiers pas sur tablette', 'Debutant', 'LieuActivite', 'Médiathèque', '', '', 'Prêter les tablettes.',
			1, 3, 1, 1, 2, 2, 1, ?, ?),
		(2, 'Sécurité en ligne', NULL, 'Autre', 'Salle des fêtes', 'Bron', '69500', '', 1, 0, 0, 0, 0, 0, 0, ?, ?)`,
		stamp, stamp, stamp, stamp)
	exec(`INSERT INTO workshop_themes(workshop_id, theme) VALUES (1, 'PrendreEnMainDuMateriel'), (2, 'SecuriteNumerique')`)
	exec(`INSERT INTO workshop_equipment(workshop_id, equipment) VALUES (1, 'Tablette')`)
	exec(`INSERT INTO workshop_tags(workshop_id, tag) VALUES (1, 'seniors')`)
	// A 700-minute session: valid then, longer than today's rule.
	exec(`INSERT INTO workshop_sessions(id, workshop_id, date, start_minute, duration_minutes) VALUES
		(1, 1, '2026-01-06', 840, 90), (2, 1, '2026-01-13', 840, 90), (3, 2, '2026-01-08', 600, 700)`)
	exec(`INSERT INTO workshop_participants(id, workshop_id, beneficiary_id, anonymous_number) VALUES
		(1, 1, 1, NULL), (2, 1, NULL, 1), (3, 1, NULL, 2), (4, 1, NULL, 3), (5, 2, 2, NULL)`)
	exec(`INSERT INTO attendance(session_id, participant_id, presence) VALUES
		(1, 1, 'present'), (1, 2, 'present'), (1, 3, 'absent'), (1, 4, 'excused'), (2, 1, 'present'), (3, 5, 'present')`)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// tableRows returns, for each table of the database but schema_migrations,
// its rows with the given columns (all when columns has no entry for it),
// each row as text, sorted: what "every row intact" compares.
func tableRows(t *testing.T, db *sql.DB, columns map[string][]string) map[string][]string {
	t.Helper()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name`)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "sqlite_master", err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Scan", err)
		}
		tables = append(tables, name)
	}
	if err := rows.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	out := map[string][]string{}
	for _, table := range tables {
		cols := "*"
		if cs, ok := columns[table]; ok {
			cols = strings.Join(cs, ", ")
		}
		rows, err := db.QueryContext(ctx, "SELECT "+cols+" FROM "+table)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SELECT "+table, err)
		}
		names, err := rows.Columns()
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Columns", err)
		}
		for rows.Next() {
			values := make([]any, len(names))
			ptrs := make([]any, len(names))
			for i := range values {
				ptrs[i] = &values[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "Scan "+table, err)
			}
			var b strings.Builder
			for i, v := range values {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%s=%v; ", names[i], v)
			}
			out[table] = append(out[table], b.String())
		}
		if err := rows.Close(); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "rows "+table, err)
		}
		slices.Sort(out[table])
	}
	return out
}

// columnNames returns the columns of every table, as the database has them.
func columnNames(t *testing.T, db *sql.DB, tables []string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range tables {
		rows, err := db.Query("SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "pragma_table_info", err)
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "Scan", err)
			}
			out[table] = append(out[table], name)
		}
		if err := rows.Close(); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
		}
	}
	return out
}

// TestOpen_MigratesFrom003 opens a database made by the version before
// migration 004, filled with rows of every table, and checks that every
// row comes through intact (the old columns hold the same values; the one
// planned change is the help requests of ended visits, closed at the
// visit's end), that the new columns hold their defaults, and that the
// store reads and edits the old records.
func TestOpen_MigratesFrom003(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sqlite.FileName)
	schemaBefore004(t, path)

	raw := rawDB(t, path)
	before := tableRows(t, raw, nil)
	var tables []string
	for table := range before {
		tables = append(tables, table)
	}
	oldColumns := columnNames(t, raw, tables)
	if err := raw.Close(); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Close", err)
	}
	// help_requests.resolved_at is compared apart, below.
	oldColumns["help_requests"] = slices.DeleteFunc(slices.Clone(oldColumns["help_requests"]),
		func(c string) bool { return c == "resolved_at" })

	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Open", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Got(%q) = %v, want nil error", "Close", err)
		}
	})
	w := sqlite.Writer(db)
	if got := queryInt(t, w, "PRAGMA user_version"); got != sqlite.SchemaVersion() || got < 4 {
		t.Errorf("Got(%q) = %d, want %d (at least 4)", "user_version", got, sqlite.SchemaVersion())
	}

	after := tableRows(t, w, oldColumns)
	for _, table := range tables {
		want := before[table]
		if table == "help_requests" {
			want = nil // compared without resolved_at: rebuild from the old rows
			for _, r := range before[table] {
				want = append(want, dropField(r, "resolved_at"))
			}
			slices.Sort(want)
		}
		if !slices.Equal(after[table], want) {
			t.Errorf("Got(%q) = %v, want %v", "rows of "+table, after[table], want)
		}
		if len(want) == 0 {
			t.Errorf("Got(%q) = no row, want the sample rows", table)
		}
	}

	t.Run("help requests", func(t *testing.T) {
		for _, tc := range []struct {
			id       int
			resolved string
			outcome  string
		}{
			{1, "2026-01-10T09:10:00.000Z", "resolved"},        // resolved by a mediator: kept
			{2, "2026-01-10T09:20:00.000Z", "resolved"},        // acknowledged, visit over: closed at its end
			{3, "2026-01-10T10:07:00.000Z", "no_intervention"}, // nobody came, visit over
			{4, "", ""}, // the visit is still open
		} {
			var resolved, outcome sql.NullString
			if err := w.QueryRow("SELECT resolved_at, outcome FROM help_requests WHERE id = ?", tc.id).
				Scan(&resolved, &outcome); err != nil {
				t.Fatalf("Got(%q) = %v, want nil error", "help request", err)
			}
			if resolved.String != tc.resolved || outcome.String != tc.outcome {
				t.Errorf("Got(%q) = %q, %q, want %q, %q", fmt.Sprint("help request ", tc.id), resolved.String,
					outcome.String, tc.resolved, tc.outcome)
			}
		}
		open, err := db.OpenHelp(ctx)
		if err != nil || len(open) != 1 || open[0].VisitKey != "open" {
			t.Errorf("Got(%q) = %+v, %v, want the open visit's request", "OpenHelp", open, err)
		}
	})

	t.Run("read by the store", func(t *testing.T) {
		a, err := db.Accompaniment(ctx, 1)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Accompaniment", err)
		}
		if a.Procedure != "Demande de CSS" || a.Place.INSEE != "" || a.Person.INSEE != "" || a.VisitKey != "done" ||
			!slices.Equal(a.Tags, []string{"CAF", "urgent"}) || a.Updated.Format(time.RFC3339) != "2026-01-10T09:00:00Z" {
			t.Errorf("Got(%q) = %+v, want the stored accompaniment", "Accompaniment(1)", a)
		}
		ws, err := db.Workshop(ctx, 1)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Workshop", err)
		}
		if len(ws.Sessions) != 2 || ws.Sessions[0].Cancelled || ws.Sessions[1].Cancelled || ws.Procedure != "" ||
			ws.Anonymous.Total != 3 || !slices.Equal(ws.Participants, []int64{1}) {
			t.Errorf("Got(%q) = %+v, want the stored workshop", "Workshop(1)", ws)
		}
		marks, err := db.WorkshopAttendance(ctx, 1)
		if err != nil || len(marks) != 5 {
			t.Errorf("Got(%q) = %d marks, %v, want 5", "WorkshopAttendance(1)", len(marks), err)
		}
		b, err := db.Beneficiary(ctx, 2)
		if err != nil || !b.IsErased() || b.INSEE != "" || b.Commune != "Bron" {
			t.Errorf("Got(%q) = %+v, %v, want the erased beneficiary", "Beneficiary(2)", b, err)
		}
	})

	t.Run("edited by the store", func(t *testing.T) {
		ws, err := db.Workshop(ctx, 1)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Workshop", err)
		}
		ws.Place.INSEE, ws.Sessions[1].Cancelled = "69266", true
		saved, err := db.SaveWorkshop(ctx, ws)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SaveWorkshop", err)
		}
		if saved.Place.INSEE != "69266" || !saved.Sessions[1].Cancelled || len(saved.Held()) != 1 {
			t.Errorf("Got(%q) = %+v, want the INSEE code and the second session cancelled", "SaveWorkshop", saved)
		}
		// The 700-minute session stored before the 5–600 rule must be
		// corrected before its workshop is saved again.
		old, err := db.Workshop(ctx, 2)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Workshop(2)", err)
		}
		_, err = db.SaveWorkshop(ctx, old)
		wantProblem(t, "SaveWorkshop(700 min)", err, "sessions[0].duration", journal.CodeSessionDurationRange)
		if err := db.SaveVisit(ctx, visit.Visit{Key: "open", Started: time.Date(2026, 1, 10, 11, 0, 0, 0, time.UTC),
			Updated: time.Date(2026, 1, 10, 11, 5, 0, 0, time.UTC), Ended: time.Date(2026, 1, 10, 11, 5, 0, 0, time.UTC),
			Lang: "uk", Outcome: visit.Abandoned, HelpCount: 1, MaxTextSize: 1,
			FirstHelp: time.Date(2026, 1, 10, 11, 1, 0, 0, time.UTC)}); err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "SaveVisit", err)
		}
		if open, err := db.OpenHelp(ctx); err != nil || len(open) != 0 {
			t.Errorf("Got(%q) = %+v, %v, want none once the visit ended", "OpenHelp", open, err)
		}
	})
}

// dropField removes "name=value; " from a row as tableRows writes it.
func dropField(row, name string) string {
	i := strings.Index(row, name+"=")
	if i < 0 {
		return row
	}
	j := strings.Index(row[i:], "; ")
	return row[:i] + row[i+j+2:]
}
