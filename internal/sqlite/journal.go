package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"pasapas/internal/journal"
)

// The journal store: accompaniments, workshops and beneficiaries
// (migrations/003_journal.sql). Every exported method is one transaction
// (writes) or one statement (reads) except BeneficiaryHistory, which reads
// in three statements. List reads gather child rows with json_group_array
// so that each record comes from one consistent statement.

var _ journal.Store = (*DB)(nil)

// queryer is what reads need: a transaction or the readers' pool.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// nullIfZero returns nil for the zero value of a code or an id, for a
// nullable column.
func nullIfZero[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// decodeList decodes a json_group_array of strings into codes.
func decodeList[T ~string](s string) ([]T, error) {
	var raw []string
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		return nil, fmt.Errorf("decode list %q: %w", s, err)
	}
	if len(raw) == 0 {
		return nil, nil
	}
	out := make([]T, len(raw))
	for i, x := range raw {
		out[i] = T(x)
	}
	return out, nil
}

func parseStamp(s string) (time.Time, error) { return time.Parse(timeLayout, s) }

// stamp returns the updated_at to write over a record last updated at
// prev (zero for a new record): now, or one millisecond after prev when
// the clock has not moved past it. Every save thus changes the stamp, so
// that journal.CheckUnchanged sees two saves in the same millisecond (or
// after the clock was set back) as two versions.
func (db *DB) stamp(prev time.Time) string {
	now := db.Now().UTC().Truncate(time.Millisecond)
	if !prev.IsZero() && !now.After(prev) {
		now = prev.Add(time.Millisecond)
	}
	return formatTime(now)
}

// ——— Accompaniments ———

const accompanimentColumns = `a.id, a.date, a.duration_minutes, a.place_type, a.place_name, a.place_commune,
	a.place_postal_code, a.procedure_name, COALESCE(a.autonomy, ''), a.referred, COALESCE(a.referral, ''), a.notes,
	a.mediator_id, COALESCE(a.beneficiary_id, 0), a.person_already_accompanied, a.person_commune,
	a.person_postal_code, a.person_gender, a.person_age_band, a.person_status, COALESCE(a.visit_key, ''),
	a.created_at, a.updated_at, a.place_insee, a.person_insee,
	(SELECT json_group_array(theme) FROM accompaniment_themes WHERE accompaniment_id = a.id),
	(SELECT json_group_array(equipment) FROM accompaniment_equipment WHERE accompaniment_id = a.id),
	(SELECT json_group_array(tag) FROM accompaniment_tags WHERE accompaniment_id = a.id)`

// queryAccompaniments runs one SELECT of accompaniments a with the given
// WHERE and ORDER clauses.
func queryAccompaniments(ctx context.Context, q queryer, tail string, args ...any) ([]journal.Accompaniment, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+accompanimentColumns+" FROM accompaniments a "+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []journal.Accompaniment
	for rows.Next() {
		var a journal.Accompaniment
		var date, created, updated, themes, equipment, tags string
		var referred, already int
		if err := rows.Scan(&a.ID, &date, &a.DurationMinutes, &a.Place.Type, &a.Place.Name, &a.Place.Commune,
			&a.Place.PostalCode, &a.Procedure, &a.Autonomy, &referred, &a.Referral, &a.Notes,
			&a.MediatorID, &a.BeneficiaryID, &already, &a.Person.Commune,
			&a.Person.PostalCode, &a.Person.Gender, &a.Person.AgeBand, &a.Person.Status, &a.VisitKey,
			&created, &updated, &a.Place.INSEE, &a.Person.INSEE, &themes, &equipment, &tags); err != nil {
			return nil, err
		}
		a.Referred, a.Person.AlreadyAccompanied = referred == 1, already == 1
		if a.Date, err = journal.ParseDate(date); err != nil {
			return nil, err
		}
		if a.Created, err = parseStamp(created); err != nil {
			return nil, err
		}
		if a.Updated, err = parseStamp(updated); err != nil {
			return nil, err
		}
		all, err := decodeList[journal.Theme](themes)
		if err != nil {
			return nil, err
		}
		for _, t := range all {
			if t.Administrative() {
				a.AdminThemes = append(a.AdminThemes, t)
			} else {
				a.Themes = append(a.Themes, t)
			}
		}
		if a.Equipment, err = decodeList[journal.Equipment](equipment); err != nil {
			return nil, err
		}
		if a.Tags, err = decodeList[string](tags); err != nil {
			return nil, err
		}
		out = append(out, a.Normalize())
	}
	return out, rows.Err()
}

// only returns the one row a query by id found, or sql.ErrNoRows.
func only[T any](rows []T, err error) (T, error) {
	var zero T
	if err != nil {
		return zero, err
	}
	if len(rows) == 0 {
		return zero, sql.ErrNoRows
	}
	return rows[0], nil
}

func getAccompaniment(ctx context.Context, q queryer, id int64) (journal.Accompaniment, error) {
	return only(queryAccompaniments(ctx, q, "WHERE a.id = ?", id))
}

// Accompaniment returns the accompaniment with that id, or NotFound.
func (db *DB) Accompaniment(ctx context.Context, id int64) (journal.Accompaniment, error) {
	a, err := getAccompaniment(ctx, db.r, id)
	return a, storageErr("get accompaniment", err)
}

// Accompaniments returns the accompaniments dated in [from, to), oldest
// first.
func (db *DB) Accompaniments(ctx context.Context, from, to journal.Date) ([]journal.Accompaniment, error) {
	as, err := queryAccompaniments(ctx, db.r, "WHERE a.date >= ? AND a.date < ? ORDER BY a.date, a.id",
		from.String(), to.String())
	return as, storageErr("list accompaniments", err)
}

// SaveAccompaniment normalizes and validates a, inserts it (ID 0) or
// replaces the stored one, and returns it as stored. For a named
// beneficiary the Person profile is taken from the beneficiary: commune,
// gender, status, the age band at a's date, and "already accompanied" when
// it was said or when the beneficiary has earlier activity. An accompaniment
// of a beneficiary erased since keeps its profile. Replacing one whose
// Updated is not the stored one is Conflict (journal.ErrModified).
func (db *DB) SaveAccompaniment(ctx context.Context, a journal.Accompaniment) (journal.Accompaniment, error) {
	const op = "save accompaniment"
	a = a.Normalize()
	if err := a.Validate(); err != nil {
		return journal.Accompaniment{}, err
	}
	var out journal.Accompaniment
	err := db.tx(ctx, op, func(tx *sql.Tx) error {
		var stored journal.Accompaniment
		if a.ID != 0 {
			var err error
			if stored, err = getAccompaniment(ctx, tx, a.ID); err != nil {
				return err
			}
			if err := journal.CheckUnchanged(op, a.Updated, stored.Updated); err != nil {
				return err
			}
		}
		if a.BeneficiaryID != 0 {
			b, err := getBeneficiary(ctx, tx, a.BeneficiaryID)
			if errors.Is(err, sql.ErrNoRows) {
				return journal.InvalidError(op, "beneficiary", journal.CodeBeneficiaryNotFound)
			}
			if err != nil {
				return err
			}
			switch {
			case b.IsErased() && stored.BeneficiaryID == b.ID:
				a.Person = stored.Person
			case b.IsErased():
				return journal.InvalidError(op, "beneficiary", journal.CodeBeneficiaryErased)
			default:
				earlier, err := hasEarlierActivity(ctx, tx, b.ID, a.Date, a.ID)
				if err != nil {
					return err
				}
				p := b.ProfileAt(a.Date)
				p.AlreadyAccompanied = a.Person.AlreadyAccompanied || earlier
				a.Person = p
			}
		}
		if a.VisitKey != "" {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM accompaniments WHERE visit_key = ? AND id <> ?",
				a.VisitKey, a.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return journal.InvalidError(op, "visit", journal.CodeVisitAlreadyRecorded)
			}
		}
		id, err := writeAccompaniment(ctx, tx, a, db.stamp(stored.Updated))
		if err != nil {
			return err
		}
		out, err = getAccompaniment(ctx, tx, id)
		return err
	})
	return out, err
}

// hasEarlierActivity reports whether beneficiary b has an accompaniment
// before day (or on day and logged before accompaniment self), or a
// workshop session (not cancelled) before day.
func hasEarlierActivity(ctx context.Context, tx *sql.Tx, b int64, day journal.Date, self int64) (bool, error) {
	var found bool
	err := tx.QueryRowContext(ctx, `SELECT
		EXISTS (SELECT 1 FROM accompaniments WHERE beneficiary_id = ?1 AND id <> ?3
			AND (date < ?2 OR (date = ?2 AND (?3 = 0 OR id < ?3))))
		OR EXISTS (SELECT 1 FROM workshop_participants p JOIN workshop_sessions s ON s.workshop_id = p.workshop_id
			WHERE p.beneficiary_id = ?1 AND s.date < ?2 AND s.cancelled = 0)`, b, day.String(), self).Scan(&found)
	return found, err
}

// writeAccompaniment inserts a (ID 0) or updates it, with its child rows,
// and returns its id.
func writeAccompaniment(ctx context.Context, tx *sql.Tx, a journal.Accompaniment, now string) (int64, error) {
	args := []any{a.Date.String(), a.DurationMinutes, string(a.Place.Type), a.Place.Name, a.Place.Commune,
		a.Place.PostalCode, a.Procedure, nullIfZero(string(a.Autonomy)), boolInt(a.Referred),
		nullIfZero(string(a.Referral)), a.Notes, a.MediatorID, nullIfZero(a.BeneficiaryID),
		boolInt(a.Person.AlreadyAccompanied), a.Person.Commune, a.Person.PostalCode, string(a.Person.Gender),
		string(a.Person.AgeBand), string(a.Person.Status), nullIfZero(a.VisitKey), a.Place.INSEE, a.Person.INSEE, now}
	id := a.ID
	if id == 0 {
		err := tx.QueryRowContext(ctx, `INSERT INTO accompaniments(date, duration_minutes, place_type, place_name,
				place_commune, place_postal_code, procedure_name, autonomy, referred, referral, notes, mediator_id,
				beneficiary_id, person_already_accompanied, person_commune, person_postal_code, person_gender,
				person_age_band, person_status, visit_key, place_insee, person_insee, updated_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?23) RETURNING id`,
			args...).Scan(&id)
		if err != nil {
			return 0, err
		}
	} else {
		if _, err := tx.ExecContext(ctx, `UPDATE accompaniments SET date = ?, duration_minutes = ?, place_type = ?,
				place_name = ?, place_commune = ?, place_postal_code = ?, procedure_name = ?, autonomy = ?,
				referred = ?, referral = ?, notes = ?, mediator_id = ?, beneficiary_id = ?,
				person_already_accompanied = ?, person_commune = ?, person_postal_code = ?, person_gender = ?,
				person_age_band = ?, person_status = ?, visit_key = ?, place_insee = ?, person_insee = ?, updated_at = ?
			WHERE id = ?`, append(args, id)...); err != nil {
			return 0, err
		}
		for _, table := range []string{"accompaniment_themes", "accompaniment_equipment", "accompaniment_tags"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE accompaniment_id = ?", id); err != nil {
				return 0, err
			}
		}
	}
	return id, insertChildren(ctx, tx, "accompaniment", id, a.Themes, a.AdminThemes, a.Equipment, a.Tags)
}

// insertChildren inserts the themes, equipment and tags of an
// accompaniment or a workshop (owner "accompaniment" or "workshop").
func insertChildren(ctx context.Context, tx *sql.Tx, owner string, id int64,
	themes, admin []journal.Theme, equipment []journal.Equipment, tags []string) error {
	insert := func(table, column string, value string) error {
		_, err := tx.ExecContext(ctx, fmt.Sprintf("INSERT OR IGNORE INTO %s_%s(%s_id, %s) VALUES (?, ?)",
			owner, table, owner, column), id, value)
		return err
	}
	for _, t := range append(append([]journal.Theme(nil), themes...), admin...) {
		if err := insert("themes", "theme", string(t)); err != nil {
			return err
		}
	}
	for _, e := range equipment {
		if err := insert("equipment", "equipment", string(e)); err != nil {
			return err
		}
	}
	for _, t := range tags {
		if err := insert("tags", "tag", t); err != nil {
			return err
		}
	}
	return nil
}

// DeleteAccompaniment removes an accompaniment and its themes, equipment
// and tags, or returns NotFound.
func (db *DB) DeleteAccompaniment(ctx context.Context, id int64) error {
	return db.tx(ctx, "delete accompaniment", func(tx *sql.Tx) error {
		return deleteRow(ctx, tx, "accompaniments", id)
	})
}

func deleteRow(ctx context.Context, tx *sql.Tx, table string, id int64) error {
	res, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE id = ?", id)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		err = sql.ErrNoRows
	}
	return err
}
