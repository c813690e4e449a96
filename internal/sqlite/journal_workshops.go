package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"pasapas/internal/journal"
)

// Workshops, their sessions, participants and attendance.

// anonymousColumn is a column counting anonymous participants of one
// gender, age band or status.
type anonymousColumn struct {
	column string
	get    func(c *journal.AnonymousCounts) int
	set    func(c *journal.AnonymousCounts, n int)
}

func genderColumn(col string, g journal.Gender) anonymousColumn {
	return anonymousColumn{col, func(c *journal.AnonymousCounts) int { return c.Genders[g] },
		func(c *journal.AnonymousCounts, n int) { setCount(&c.Genders, g, n) }}
}

func ageColumn(col string, a journal.AgeBand) anonymousColumn {
	return anonymousColumn{col, func(c *journal.AnonymousCounts) int { return c.AgeBands[a] },
		func(c *journal.AnonymousCounts, n int) { setCount(&c.AgeBands, a, n) }}
}

func statusColumn(col string, s journal.SocialStatus) anonymousColumn {
	return anonymousColumn{col, func(c *journal.AnonymousCounts) int { return c.Statuses[s] },
		func(c *journal.AnonymousCounts, n int) { setCount(&c.Statuses, s, n) }}
}

func setCount[T comparable](m *map[T]int, k T, n int) {
	if n == 0 {
		return
	}
	if *m == nil {
		*m = map[T]int{}
	}
	(*m)[k] = n
}

// anonymousColumns lists every stored count given by value; the
// "non communiqué" counts are what is left of the total.
var anonymousColumns = []anonymousColumn{
	{"anonymous_total", func(c *journal.AnonymousCounts) int { return c.Total },
		func(c *journal.AnonymousCounts, n int) { c.Total = n }},
	{"anonymous_already", func(c *journal.AnonymousCounts) int { return c.AlreadyAccompanied },
		func(c *journal.AnonymousCounts, n int) { c.AlreadyAccompanied = n }},
	genderColumn("anonymous_masculin", journal.GenderMasculin),
	genderColumn("anonymous_feminin", journal.GenderFeminin),
	ageColumn("anonymous_moins_de_douze", journal.AgeMoinsDeDouze),
	ageColumn("anonymous_douze_dix_huit", journal.AgeDouzeDixHuit),
	ageColumn("anonymous_dix_huit_vingt_quatre", journal.AgeDixHuitVingtQuatre),
	ageColumn("anonymous_vingt_cinq_trente_neuf", journal.AgeVingtCinqTrenteNeuf),
	ageColumn("anonymous_quarante_cinquante_neuf", journal.AgeQuaranteCinquanteNeuf),
	ageColumn("anonymous_soixante_soixante_neuf", journal.AgeSoixanteSoixanteNeuf),
	ageColumn("anonymous_soixante_dix_plus", journal.AgeSoixanteDixPlus),
	statusColumn("anonymous_scolarise", journal.StatusScolarise),
	statusColumn("anonymous_sans_emploi", journal.StatusSansEmploi),
	statusColumn("anonymous_en_emploi", journal.StatusEnEmploi),
	statusColumn("anonymous_retraite", journal.StatusRetraite),
}

func anonymousColumnList(prefix, suffix string) string {
	parts := make([]string, len(anonymousColumns))
	for i, c := range anonymousColumns {
		parts[i] = prefix + c.column + suffix
	}
	return strings.Join(parts, ", ")
}

var workshopColumns = `w.id, w.title, COALESCE(w.level, ''), w.place_type, w.place_name, w.place_commune,
	w.place_postal_code, w.place_insee, w.procedure_name, w.notes, w.mediator_id, ` + anonymousColumnList("w.", "") + `,
	w.created_at, w.updated_at,
	(SELECT json_group_array(theme) FROM workshop_themes WHERE workshop_id = w.id),
	(SELECT json_group_array(equipment) FROM workshop_equipment WHERE workshop_id = w.id),
	(SELECT json_group_array(tag) FROM workshop_tags WHERE workshop_id = w.id),
	(SELECT json_group_array(json_object('id', id, 'date', date, 'start', start_minute, 'duration', duration_minutes,
			'cancelled', cancelled))
		FROM (SELECT * FROM workshop_sessions WHERE workshop_id = w.id ORDER BY date, start_minute, id)),
	(SELECT json_group_array(beneficiary_id)
		FROM (SELECT beneficiary_id FROM workshop_participants
			WHERE workshop_id = w.id AND beneficiary_id IS NOT NULL ORDER BY id))`

type storedSession struct {
	ID        int64  `json:"id"`
	Date      string `json:"date"`
	Start     int    `json:"start"`
	Duration  int    `json:"duration"`
	Cancelled int    `json:"cancelled"`
}

// queryWorkshops runs one SELECT of workshops w with the given WHERE and
// ORDER clauses.
func queryWorkshops(ctx context.Context, q queryer, tail string, args ...any) ([]journal.Workshop, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+workshopColumns+" FROM workshops w "+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []journal.Workshop
	for rows.Next() {
		var w journal.Workshop
		var created, updated, themes, equipment, tags, sessions, participants string
		counts := make([]int, len(anonymousColumns))
		dest := []any{&w.ID, &w.Title, &w.Level, &w.Place.Type, &w.Place.Name, &w.Place.Commune,
			&w.Place.PostalCode, &w.Place.INSEE, &w.Procedure, &w.Notes, &w.MediatorID}
		for i := range counts {
			dest = append(dest, &counts[i])
		}
		dest = append(dest, &created, &updated, &themes, &equipment, &tags, &sessions, &participants)
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		for i, c := range anonymousColumns {
			c.set(&w.Anonymous, counts[i])
		}
		if w.Created, err = parseStamp(created); err != nil {
			return nil, err
		}
		if w.Updated, err = parseStamp(updated); err != nil {
			return nil, err
		}
		all, err := decodeList[journal.Theme](themes)
		if err != nil {
			return nil, err
		}
		for _, t := range all {
			if t.Administrative() {
				w.AdminThemes = append(w.AdminThemes, t)
			} else {
				w.Themes = append(w.Themes, t)
			}
		}
		if w.Equipment, err = decodeList[journal.Equipment](equipment); err != nil {
			return nil, err
		}
		if w.Tags, err = decodeList[string](tags); err != nil {
			return nil, err
		}
		var ss []storedSession
		if err := json.Unmarshal([]byte(sessions), &ss); err != nil {
			return nil, fmt.Errorf("decode sessions: %w", err)
		}
		for _, s := range ss {
			d, err := journal.ParseDate(s.Date)
			if err != nil {
				return nil, err
			}
			w.Sessions = append(w.Sessions, journal.Session{ID: s.ID, Date: d,
				Start: journal.TimeOfDayFromMinutes(s.Start), DurationMinutes: s.Duration, Cancelled: s.Cancelled == 1})
		}
		if err := json.Unmarshal([]byte(participants), &w.Participants); err != nil {
			return nil, fmt.Errorf("decode participants: %w", err)
		}
		if len(w.Participants) == 0 {
			w.Participants = nil
		}
		out = append(out, w.Normalize())
	}
	return out, rows.Err()
}

func getWorkshop(ctx context.Context, q queryer, id int64) (journal.Workshop, error) {
	return only(queryWorkshops(ctx, q, "WHERE w.id = ?", id))
}

// Workshop returns the workshop with that id, or NotFound.
func (db *DB) Workshop(ctx context.Context, id int64) (journal.Workshop, error) {
	w, err := getWorkshop(ctx, db.r, id)
	return w, storageErr("get workshop", err)
}

// Workshops returns the workshops with a session dated in [from, to), by
// first session.
func (db *DB) Workshops(ctx context.Context, from, to journal.Date) ([]journal.Workshop, error) {
	ws, err := queryWorkshops(ctx, db.r, `WHERE EXISTS (SELECT 1 FROM workshop_sessions s
			WHERE s.workshop_id = w.id AND s.date >= ?1 AND s.date < ?2)
		ORDER BY (SELECT min(date) FROM workshop_sessions s WHERE s.workshop_id = w.id), w.id`,
		from.String(), to.String())
	return ws, storageErr("list workshops", err)
}

// UpcomingWorkshops returns the workshops with a session on today or
// later, the one whose next session comes first first.
func (db *DB) UpcomingWorkshops(ctx context.Context, today journal.Date) ([]journal.Workshop, error) {
	ws, err := queryWorkshops(ctx, db.r, `WHERE EXISTS (SELECT 1 FROM workshop_sessions s
			WHERE s.workshop_id = w.id AND s.date >= ?1)
		ORDER BY (SELECT min(date) FROM workshop_sessions s WHERE s.workshop_id = w.id AND s.date >= ?1), w.id`,
		today.String())
	return ws, storageErr("list upcoming workshops", err)
}

// PastWorkshops returns the workshops whose sessions are all before today,
// the most recent first.
func (db *DB) PastWorkshops(ctx context.Context, today journal.Date) ([]journal.Workshop, error) {
	ws, err := queryWorkshops(ctx, db.r, `WHERE NOT EXISTS (SELECT 1 FROM workshop_sessions s
			WHERE s.workshop_id = w.id AND s.date >= ?1)
		ORDER BY (SELECT max(date) FROM workshop_sessions s WHERE s.workshop_id = w.id) DESC, w.id DESC`,
		today.String())
	return ws, storageErr("list past workshops", err)
}

// SaveWorkshop normalizes and validates w, inserts it (ID 0) or replaces
// the stored one, and returns it as stored. A session keeps its attendance
// when it keeps its ID; a session with an ID that is not the workshop's is
// Invalid (sessions.unknown). A new named participant must exist
// (beneficiary.not_found) and not be erased (beneficiary.erased).
// Replacing: an unknown ID is NotFound; an Updated other than the stored
// one is Conflict (journal.ErrModified); removing a session that has marks
// and is not cancelled is Conflict (sessions.has_attendance). Nothing is
// written when it fails.
//
// Session dates far from today are not refused here: the typo check
// (journal.Workshop.CheckSessionDates) belongs to the form, while demo
// data, imports and the command line write years of history on purpose.
func (db *DB) SaveWorkshop(ctx context.Context, w journal.Workshop) (journal.Workshop, error) {
	const op = "save workshop"
	w = w.Normalize()
	if err := w.Validate(); err != nil {
		return journal.Workshop{}, err
	}
	var out journal.Workshop
	err := db.tx(ctx, op, func(tx *sql.Tx) error {
		var stored journal.Workshop
		if w.ID != 0 {
			var err error
			if stored, err = getWorkshop(ctx, tx, w.ID); err != nil {
				return err
			}
			if err := journal.CheckUnchanged(op, w.Updated, stored.Updated); err != nil {
				return err
			}
		}
		marked, err := ids(ctx, tx, `SELECT DISTINCT a.session_id FROM attendance a
			JOIN workshop_sessions s ON s.id = a.session_id WHERE s.workshop_id = ?`, w.ID)
		if err != nil {
			return err
		}
		if err := w.CheckRemovals(stored, func(id int64) bool { return marked[id] }); err != nil {
			return err
		}
		id, err := writeWorkshop(ctx, tx, w, db.stamp(stored.Updated))
		if err != nil {
			return err
		}
		if err := writeSessions(ctx, tx, op, id, w.Sessions); err != nil {
			return err
		}
		if err := writeParticipants(ctx, tx, op, id, w); err != nil {
			return err
		}
		out, err = getWorkshop(ctx, tx, id)
		return err
	})
	return out, err
}

// writeWorkshop inserts w (ID 0) or updates its row, with its themes,
// equipment and tags, stamped now, and returns its id. Sessions and
// participants are the callers'.
func writeWorkshop(ctx context.Context, tx *sql.Tx, w journal.Workshop, now string) (int64, error) {
	args := []any{w.Title, nullIfZero(string(w.Level)), string(w.Place.Type), w.Place.Name, w.Place.Commune,
		w.Place.PostalCode, w.Place.INSEE, w.Procedure, w.Notes, w.MediatorID}
	for _, c := range anonymousColumns {
		args = append(args, c.get(&w.Anonymous))
	}
	args = append(args, now)
	id := w.ID
	if id == 0 {
		marks := strings.Repeat("?, ", len(args)) + "?"
		err := tx.QueryRowContext(ctx, `INSERT INTO workshops(title, level, place_type, place_name, place_commune,
				place_postal_code, place_insee, procedure_name, notes, mediator_id, `+anonymousColumnList("", "")+`,
				updated_at, created_at)
			VALUES (`+marks+`) RETURNING id`, append(args, now)...).Scan(&id)
		if err != nil {
			return 0, err
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE workshops SET title = ?, level = ?, place_type = ?, place_name = ?,
				place_commune = ?, place_postal_code = ?, place_insee = ?, procedure_name = ?, notes = ?,
				mediator_id = ?, `+anonymousColumnList("", " = ?")+`, updated_at = ?
			WHERE id = ?`, append(args, id)...)
		if err != nil {
			return 0, err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return 0, errors.Join(err, sql.ErrNoRows)
		}
		for _, table := range []string{"workshop_themes", "workshop_equipment", "workshop_tags"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE workshop_id = ?", id); err != nil {
				return 0, err
			}
		}
	}
	return id, insertChildren(ctx, tx, "workshop", id, w.Themes, w.AdminThemes, w.Equipment, w.Tags)
}

// writeSessions makes the workshop's sessions be ss: updates those with
// an ID, inserts the others, deletes the rest (and their attendance; the
// caller has checked journal.Workshop.CheckRemovals).
func writeSessions(ctx context.Context, tx *sql.Tx, op string, workshop int64, ss []journal.Session) error {
	existing, err := ids(ctx, tx, "SELECT id FROM workshop_sessions WHERE workshop_id = ?", workshop)
	if err != nil {
		return err
	}
	keep := map[int64]bool{}
	for i, s := range ss {
		if s.ID == 0 {
			continue
		}
		if !existing[s.ID] || keep[s.ID] {
			return journal.InvalidError(op, fmt.Sprintf("sessions[%d]", i), journal.CodeWorkshopSessionUnknown)
		}
		keep[s.ID] = true
	}
	for id := range existing {
		if !keep[id] {
			if _, err := tx.ExecContext(ctx, "DELETE FROM workshop_sessions WHERE id = ?", id); err != nil {
				return err
			}
		}
	}
	for _, s := range ss {
		if s.ID != 0 {
			_, err = tx.ExecContext(ctx, `UPDATE workshop_sessions SET date = ?, start_minute = ?, duration_minutes = ?,
					cancelled = ? WHERE id = ?`,
				s.Date.String(), s.Start.Minutes(), s.DurationMinutes, boolInt(s.Cancelled), s.ID)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO workshop_sessions(workshop_id, date, start_minute, duration_minutes,
					cancelled) VALUES (?, ?, ?, ?, ?)`,
				workshop, s.Date.String(), s.Start.Minutes(), s.DurationMinutes, boolInt(s.Cancelled))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeParticipants makes the workshop's attendance-sheet lines be w's
// named participants and anonymous 1 to w.Anonymous.Total.
func writeParticipants(ctx context.Context, tx *sql.Tx, op string, workshop int64, w journal.Workshop) error {
	existing, err := ids(ctx, tx, `SELECT beneficiary_id FROM workshop_participants
		WHERE workshop_id = ? AND beneficiary_id IS NOT NULL`, workshop)
	if err != nil {
		return err
	}
	want := map[int64]bool{}
	for _, b := range w.Participants {
		want[b] = true
		if existing[b] {
			continue
		}
		var erased sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT erased_at FROM beneficiaries WHERE id = ?", b).Scan(&erased)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return journal.InvalidError(op, "participants", journal.CodeBeneficiaryNotFound)
		case err != nil:
			return err
		case erased.Valid:
			return journal.InvalidError(op, "participants", journal.CodeBeneficiaryErased)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO workshop_participants(workshop_id, beneficiary_id) VALUES (?, ?)",
			workshop, b); err != nil {
			return err
		}
	}
	for b := range existing {
		if !want[b] {
			if _, err := tx.ExecContext(ctx, "DELETE FROM workshop_participants WHERE workshop_id = ? AND beneficiary_id = ?",
				workshop, b); err != nil {
				return err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM workshop_participants WHERE workshop_id = ? AND anonymous_number > ?",
		workshop, w.Anonymous.Total); err != nil {
		return err
	}
	for n := 1; n <= w.Anonymous.Total; n++ {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO workshop_participants(workshop_id, anonymous_number)
			VALUES (?, ?)`, workshop, n); err != nil {
			return err
		}
	}
	return nil
}

// ids runs a query returning one integer column and returns the set.
func ids(ctx context.Context, q queryer, query string, args ...any) (map[int64]bool, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// DeleteWorkshop removes a workshop with its sessions, participants,
// attendance, themes, equipment and tags (ON DELETE CASCADE, one statement
// in one transaction), or returns NotFound. The beneficiaries stay.
func (db *DB) DeleteWorkshop(ctx context.Context, id int64) error {
	return db.tx(ctx, "delete workshop", func(tx *sql.Tx) error {
		return deleteRow(ctx, tx, "workshops", id)
	})
}
