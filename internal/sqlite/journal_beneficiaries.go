package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"pasapas/internal/journal"
)

// Named beneficiaries: search, history, erasure and retention.

const beneficiaryColumns = `b.id, COALESCE(b.first_name, ''), COALESCE(b.last_name, ''), COALESCE(b.birth_year, 0),
	b.commune, b.postal_code, b.gender, b.status, COALESCE(b.phone, ''), COALESCE(b.email, ''), b.consent_date,
	b.consent_by, b.created_at, b.updated_at, COALESCE(b.erased_at, ''), COALESCE(b.erased_age_band, ''), b.commune_insee,
	max(b.consent_date,
		COALESCE((SELECT max(date) FROM accompaniments WHERE beneficiary_id = b.id), ''),
		COALESCE((SELECT max(s.date) FROM workshop_participants p
			JOIN workshop_sessions s ON s.workshop_id = p.workshop_id
			WHERE p.beneficiary_id = b.id AND s.cancelled = 0), ''))`

func queryBeneficiaries(ctx context.Context, q queryer, tail string, args ...any) ([]journal.Beneficiary, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+beneficiaryColumns+" FROM beneficiaries b "+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []journal.Beneficiary
	for rows.Next() {
		var b journal.Beneficiary
		var consent, created, updated, erased, last string
		if err := rows.Scan(&b.ID, &b.FirstName, &b.LastName, &b.BirthYear, &b.Commune, &b.PostalCode, &b.Gender,
			&b.Status, &b.Phone, &b.Email, &consent, &b.ConsentBy, &created, &updated, &erased, &b.ErasedAgeBand,
			&b.INSEE, &last); err != nil {
			return nil, err
		}
		if b.ConsentDate, err = journal.ParseDate(consent); err != nil {
			return nil, err
		}
		if b.LastActivity, err = journal.ParseDate(last); err != nil {
			return nil, err
		}
		if b.Created, err = parseStamp(created); err != nil {
			return nil, err
		}
		if b.Updated, err = parseStamp(updated); err != nil {
			return nil, err
		}
		if erased != "" {
			if b.Erased, err = parseStamp(erased); err != nil {
				return nil, err
			}
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

func getBeneficiary(ctx context.Context, q queryer, id int64) (journal.Beneficiary, error) {
	return only(queryBeneficiaries(ctx, q, "WHERE b.id = ?", id))
}

// Beneficiary returns the beneficiary with that id, erased or not, or
// NotFound.
func (db *DB) Beneficiary(ctx context.Context, id int64) (journal.Beneficiary, error) {
	b, err := getBeneficiary(ctx, db.r, id)
	return b, storageErr("get beneficiary", err)
}

// SearchBeneficiaries returns at most limit (all if limit ≤ 0) named
// beneficiaries whose names contain every word of query, ignoring case and
// accents, by last then first name.
func (db *DB) SearchBeneficiaries(ctx context.Context, query string, limit int) ([]journal.Beneficiary, error) {
	where := []string{"b.erased_at IS NULL"}
	var args []any
	for _, word := range strings.Fields(journal.FoldSearch(query)) {
		where = append(where, "instr(b.search_key, ?) > 0")
		args = append(args, word)
	}
	if limit <= 0 {
		limit = -1
	}
	bs, err := queryBeneficiaries(ctx, db.r, "WHERE "+strings.Join(where, " AND ")+
		" ORDER BY b.search_key, b.id LIMIT ?", append(args, limit)...)
	return bs, storageErr("search beneficiaries", err)
}

// SaveBeneficiary normalizes and validates b, inserts it (ID 0) or updates
// it, and returns it as stored. Updating refreshes the profile of each of
// its accompaniments (commune, postal and INSEE codes, gender, status, age
// band at its date). An erased beneficiary cannot be saved
// (beneficiary.erased); an unknown ID is NotFound; an Updated other than
// the stored one is Conflict (journal.ErrModified).
func (db *DB) SaveBeneficiary(ctx context.Context, b journal.Beneficiary) (journal.Beneficiary, error) {
	const op = "save beneficiary"
	b = b.Normalize()
	if b.IsErased() {
		return journal.Beneficiary{}, journal.InvalidError(op, "beneficiary", journal.CodeBeneficiaryErased)
	}
	if err := b.Validate(); err != nil {
		return journal.Beneficiary{}, err
	}
	var out journal.Beneficiary
	err := db.tx(ctx, op, func(tx *sql.Tx) error {
		id := b.ID
		if id == 0 {
			var err error
			if id, err = insertBeneficiary(ctx, tx, b, formatTime(db.Now())); err != nil {
				return err
			}
		} else {
			stored, err := getBeneficiary(ctx, tx, id)
			if err != nil {
				return err
			}
			if stored.IsErased() {
				return journal.InvalidError(op, "beneficiary", journal.CodeBeneficiaryErased)
			}
			if err := journal.CheckUnchanged(op, b.Updated, stored.Updated); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE beneficiaries SET first_name = ?, last_name = ?, search_key = ?,
					birth_year = ?, phone = ?, email = ?, commune = ?, postal_code = ?, commune_insee = ?, gender = ?,
					status = ?, consent_date = ?, consent_by = ?, updated_at = ?
				WHERE id = ?`, append(beneficiaryArgs(b), db.stamp(stored.Updated), id)...); err != nil {
				return err
			}
			if err := refreshProfiles(ctx, tx, b); err != nil {
				return err
			}
		}
		var err error
		out, err = getBeneficiary(ctx, tx, id)
		return err
	})
	return out, err
}

// beneficiaryArgs returns the values of b's columns, in the order
// insertBeneficiary and SaveBeneficiary write them (updated_at apart).
func beneficiaryArgs(b journal.Beneficiary) []any {
	return []any{b.FirstName, b.LastName, b.SearchKey(), nullIfZero(b.BirthYear), nullIfZero(b.Phone),
		nullIfZero(b.Email), b.Commune, b.PostalCode, b.INSEE, string(b.Gender), string(b.Status),
		b.ConsentDate.String(), b.ConsentBy}
}

// insertBeneficiary inserts b, already validated, created and updated
// now, and returns its id.
func insertBeneficiary(ctx context.Context, tx *sql.Tx, b journal.Beneficiary, now string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO beneficiaries(first_name, last_name, search_key, birth_year,
			phone, email, commune, postal_code, commune_insee, gender, status, consent_date, consent_by, updated_at,
			created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?14) RETURNING id`,
		append(beneficiaryArgs(b), now)...).Scan(&id)
	return id, err
}

// refreshProfiles copies b's profile onto its accompaniments, keeping
// their "already accompanied".
func refreshProfiles(ctx context.Context, tx *sql.Tx, b journal.Beneficiary) error {
	as, err := queryAccompaniments(ctx, tx, "WHERE a.beneficiary_id = ?", b.ID)
	if err != nil {
		return err
	}
	for _, a := range as {
		p := b.ProfileAt(a.Date)
		if _, err := tx.ExecContext(ctx, `UPDATE accompaniments SET person_commune = ?, person_postal_code = ?,
				person_insee = ?, person_gender = ?, person_age_band = ?, person_status = ? WHERE id = ?`,
			p.Commune, p.PostalCode, p.INSEE, string(p.Gender), string(p.AgeBand), string(p.Status), a.ID); err != nil {
			return err
		}
	}
	return nil
}

// BeneficiaryHistory returns the beneficiary's accompaniments and
// workshops, most recent first, or NotFound.
func (db *DB) BeneficiaryHistory(ctx context.Context, id int64) (journal.History, error) {
	const op = "beneficiary history"
	if _, err := getBeneficiary(ctx, db.r, id); err != nil {
		return journal.History{}, storageErr(op, err)
	}
	var h journal.History
	var err error
	if h.Accompaniments, err = queryAccompaniments(ctx, db.r,
		"WHERE a.beneficiary_id = ? ORDER BY a.date DESC, a.id DESC", id); err != nil {
		return journal.History{}, storageErr(op, err)
	}
	if h.Workshops, err = queryWorkshops(ctx, db.r, `WHERE w.id IN
			(SELECT workshop_id FROM workshop_participants WHERE beneficiary_id = ?)
		ORDER BY (SELECT max(date) FROM workshop_sessions s WHERE s.workshop_id = w.id) DESC, w.id DESC`, id); err != nil {
		return journal.History{}, storageErr(op, err)
	}
	return h, nil
}

// EraseBeneficiary removes every direct identifier of the beneficiary and
// redacts them from the journal's free texts (see erase), then checkpoints
// the write-ahead log so that the old values leave it too (R14). The
// erasure is also appended to the erasure ledger beside the database
// (ErasuresName), synced before the commit; a ledger that cannot be
// written fails the erasure (DiskFull, ReadOnly) and nothing changes.
// Erasing twice is not an error; an unknown id is NotFound.
func (db *DB) EraseBeneficiary(ctx context.Context, id int64) error {
	err := db.tx(ctx, "erase beneficiary", func(tx *sql.Tx) error {
		b, err := getBeneficiary(ctx, tx, id)
		if err != nil {
			return err
		}
		if b.IsErased() {
			return nil
		}
		at := db.Now()
		if err := erase(ctx, tx, []journal.Beneficiary{b}, at); err != nil {
			return err
		}
		// Recorded outside the database before the commit: a restore of
		// an older copy cannot bring them back (see ApplyErasures).
		return db.recordErasures([]journal.Beneficiary{b}, at)
	})
	if err != nil {
		return err
	}
	return db.checkpoint(ctx, "erase beneficiary")
}

// AnonymiseDue erases, in one transaction, every named beneficiary due
// for anonymisation at now under journal.Retention{Months: months}, and
// returns how many. They go to the erasure ledger too, as EraseBeneficiary's
// do. The write-ahead log is then checkpointed (R14).
func (db *DB) AnonymiseDue(ctx context.Context, now time.Time, months int) (int, error) {
	const op = "anonymise beneficiaries"
	var n int
	err := db.tx(ctx, op, func(tx *sql.Tx) error {
		named, err := queryBeneficiaries(ctx, tx, "WHERE b.erased_at IS NULL")
		if err != nil {
			return err
		}
		due := journal.Retention{Months: months}.DueBeneficiaries(named, now)
		n = len(due)
		if n == 0 {
			return nil
		}
		at := db.Now()
		if err := erase(ctx, tx, due, at); err != nil {
			return err
		}
		return db.recordErasures(due, at)
	})
	if err != nil || n == 0 {
		return n, err
	}
	return n, db.checkpoint(ctx, op)
}

// checkpoint copies the write-ahead log into the database and truncates
// it, so that values just overwritten leave no copy in the -wal file. A
// reader still using the log only delays this to a later checkpoint.
func (db *DB) checkpoint(ctx context.Context, op string) error {
	_, err := db.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return storageErr(op+": checkpoint", err)
}

// erase erases the beneficiaries bs at the given time:
//   - their rows lose names, search key, phone, e-mail and year of birth,
//     and keep commune, gender, status and the age band of that day;
//   - the notes of their accompaniments are cleared (they were about them);
//   - their identifiers are redacted from every free text of the journal:
//     accompaniments' procedure, place name, notes and tags, workshops'
//     title, place name, notes and tags.
//
// Activity rows stay: counts do not change.
func erase(ctx context.Context, tx *sql.Tx, bs []journal.Beneficiary, at time.Time) error {
	var identifiers []string
	stamp := formatTime(at)
	for _, b := range bs {
		identifiers = append(identifiers, b.Identifiers()...)
		e := b.Erase(at.Local())
		if _, err := tx.ExecContext(ctx, `UPDATE beneficiaries SET first_name = NULL, last_name = NULL,
				search_key = NULL, birth_year = NULL, phone = NULL, email = NULL,
				erased_at = ?, erased_age_band = ?, updated_at = ?
			WHERE id = ?`, stamp, string(e.ErasedAgeBand), stamp, b.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE accompaniments SET notes = '' WHERE beneficiary_id = ?", b.ID); err != nil {
			return err
		}
	}
	r := journal.NewRedactor(identifiers)
	for _, t := range []struct{ table, columns string }{
		{"accompaniments", "procedure_name, place_name, notes"},
		{"workshops", "title, place_name, notes"},
	} {
		if err := redactTexts(ctx, tx, r, t.table, strings.Split(t.columns, ", ")); err != nil {
			return err
		}
	}
	for _, owner := range []string{"accompaniment", "workshop"} {
		if err := redactTags(ctx, tx, r, owner); err != nil {
			return err
		}
	}
	return nil
}

// redactTexts redacts the given text columns of every row of table.
func redactTexts(ctx context.Context, tx *sql.Tx, r journal.Redactor, table string, columns []string) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, "+strings.Join(columns, ", ")+" FROM "+table)
	if err != nil {
		return err
	}
	type change struct {
		id     int64
		values []any
	}
	var changes []change
	for rows.Next() {
		var id int64
		texts := make([]string, len(columns))
		dest := []any{&id}
		for i := range texts {
			dest = append(dest, &texts[i])
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return err
		}
		changed := false
		values := make([]any, len(texts))
		for i, s := range texts {
			red := r.Redact(s)
			changed = changed || red != s
			values[i] = red
		}
		if changed {
			changes = append(changes, change{id, values})
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	set := strings.Join(columns, " = ?, ") + " = ?"
	for _, c := range changes {
		if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET "+set+" WHERE id = ?", append(c.values, c.id)...); err != nil {
			return err
		}
	}
	return nil
}

// redactTags redacts the tags of every accompaniment or workshop (owner),
// cutting a redacted tag to the longest length allowed.
func redactTags(ctx context.Context, tx *sql.Tx, r journal.Redactor, owner string) error {
	table, key := owner+"_tags", owner+"_id"
	rows, err := tx.QueryContext(ctx, "SELECT "+key+", tag FROM "+table)
	if err != nil {
		return err
	}
	type tag struct {
		id       int64
		old, new string
	}
	var changes []tag
	for rows.Next() {
		var t tag
		if err := rows.Scan(&t.id, &t.old); err != nil {
			rows.Close()
			return err
		}
		if t.new = r.Redact(t.old); t.new != t.old {
			for utf8.RuneCountInString(t.new) > journal.MaxTagLen {
				_, size := utf8.DecodeLastRuneInString(t.new)
				t.new = t.new[:len(t.new)-size]
			}
			changes = append(changes, t)
		}
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, t := range changes {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE "+key+" = ? AND tag = ?", t.id, t.old); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO "+table+"("+key+", tag) VALUES (?, ?)", t.id, t.new); err != nil {
			return err
		}
	}
	return nil
}
