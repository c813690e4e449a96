package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

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
func decodeList[T ~string](s string) ([]T, error) { return decodeListBytes[T]([]byte(s)) }

// decodeListBytes decodes a json_group_array of strings into codes. A
// list with no backslash (no string holds an escape) is split without
// encoding/json.
func decodeListBytes[T ~string](s []byte) ([]T, error) {
	if out, ok := splitList[T](s); ok {
		return out, nil
	}
	var raw []string
	if err := json.Unmarshal(s, &raw); err != nil {
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

// splitList decodes s, a JSON array of strings without escapes
// (["Email","Sante"]), and reports whether it could.
func splitList[T ~string](s []byte) ([]T, bool) {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' || bytes.IndexByte(s, '\\') >= 0 {
		return nil, false
	}
	body := s[1 : len(s)-1]
	if len(body) == 0 {
		return nil, true
	}
	out := make([]T, 0, bytes.Count(body, []byte(`","`))+1)
	for len(body) > 0 {
		if len(body) < 2 || body[0] != '"' {
			return nil, false
		}
		end := bytes.IndexByte(body[1:], '"') + 1
		if end == 0 || !utf8.Valid(body[1:end]) {
			return nil, false
		}
		out = append(out, T(body[1:end]))
		body = body[end+1:]
		if len(body) > 0 {
			if body[0] != ',' {
				return nil, false
			}
			body = body[1:]
			if len(body) == 0 {
				return nil, false
			}
		}
	}
	return out, true
}

func parseStamp(s string) (time.Time, error) { return time.Parse(timeLayout, s) }

// parseStampBytes parses a stamp as parseStamp does; the usual form
// (2026-10-20T07:30:00.000Z) without time.Parse.
func parseStampBytes(b []byte) (time.Time, error) {
	if len(b) == len(timeLayout) && b[4] == '-' && b[7] == '-' && b[10] == 'T' && b[13] == ':' && b[16] == ':' &&
		b[19] == '.' && b[23] == 'Z' {
		n := func(from, to int) (int, bool) {
			v := 0
			for _, c := range b[from:to] {
				if c < '0' || c > '9' {
					return 0, false
				}
				v = v*10 + int(c-'0')
			}
			return v, true
		}
		year, ok1 := n(0, 4)
		month, ok2 := n(5, 7)
		day, ok3 := n(8, 10)
		hour, ok4 := n(11, 13)
		minute, ok5 := n(14, 16)
		sec, ok6 := n(17, 19)
		milli, ok7 := n(20, 23)
		if ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7 && month >= 1 && month <= 12 && day >= 1 &&
			day <= daysIn(year, month) && hour < 24 && minute < 60 && sec < 60 {
			return time.Date(year, time.Month(month), day, hour, minute, sec, milli*int(time.Millisecond), time.UTC), nil
		}
	}
	return parseStamp(string(b))
}

// daysIn returns the number of days of month in year.
func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

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
	var sc accompanimentScanner
	for rows.Next() {
		a, err := sc.scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// accompanimentScanner reads rows of accompanimentColumns; its buffers
// are reused from one row to the next, the row's accompaniment among them
// (scanned through pointers, a local one would be allocated each time).
type accompanimentScanner struct {
	a                                               journal.Accompaniment
	referred, already                               int
	date, created, updated, themes, equipment, tags sql.RawBytes
}

// scan returns the accompaniment of the current row of rows, normalized.
func (sc *accompanimentScanner) scan(rows *sql.Rows) (journal.Accompaniment, error) {
	sc.a = journal.Accompaniment{}
	a, referred, already := &sc.a, &sc.referred, &sc.already
	// The RawBytes hold the row's bytes until the next Scan: they are
	// decoded here and none is kept.
	if err := rows.Scan(&a.ID, &sc.date, &a.DurationMinutes, &a.Place.Type, &a.Place.Name, &a.Place.Commune,
		&a.Place.PostalCode, &a.Procedure, &a.Autonomy, referred, &a.Referral, &a.Notes,
		&a.MediatorID, &a.BeneficiaryID, already, &a.Person.Commune,
		&a.Person.PostalCode, &a.Person.Gender, &a.Person.AgeBand, &a.Person.Status, &a.VisitKey,
		&sc.created, &sc.updated, &a.Place.INSEE, &a.Person.INSEE, &sc.themes, &sc.equipment, &sc.tags); err != nil {
		return journal.Accompaniment{}, err
	}
	a.Referred, a.Person.AlreadyAccompanied = *referred == 1, *already == 1
	var err error
	if a.Date, err = journal.ParseDate(string(sc.date)); err != nil {
		return journal.Accompaniment{}, err
	}
	if a.Created, err = parseStampBytes(sc.created); err != nil {
		return journal.Accompaniment{}, err
	}
	if a.Updated, err = parseStampBytes(sc.updated); err != nil {
		return journal.Accompaniment{}, err
	}
	all, err := decodeListBytes[journal.Theme](sc.themes)
	if err != nil {
		return journal.Accompaniment{}, err
	}
	for _, t := range all {
		if t.Administrative() {
			a.AdminThemes = append(a.AdminThemes, t)
		} else {
			a.Themes = append(a.Themes, t)
		}
	}
	if a.Equipment, err = decodeListBytes[journal.Equipment](sc.equipment); err != nil {
		return journal.Accompaniment{}, err
	}
	if a.Tags, err = decodeListBytes[string](sc.tags); err != nil {
		return journal.Accompaniment{}, err
	}
	return a.Normalize(), nil
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
