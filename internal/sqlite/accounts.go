package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"pasapas/internal/account"
	"pasapas/internal/audit"
	"pasapas/internal/failure"
	"pasapas/internal/settings"
)

var (
	_ account.Store  = (*DB)(nil)
	_ audit.Store    = (*DB)(nil)
	_ settings.Store = (*DB)(nil)
)

// CountAccounts returns how many accounts exist.
func (db *DB) CountAccounts(ctx context.Context) (int, error) {
	var n int
	err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM accounts").Scan(&n)
	return n, storageErr("count accounts", err)
}

// CreateAccount inserts an account; a name already used gives failure.Conflict.
func (db *DB) CreateAccount(ctx context.Context, a account.Account) (int64, error) {
	var id int64
	err := db.tx(ctx, "create account", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO accounts(name, display_name, role, verifier, created_at)
			VALUES (?, ?, ?, ?, ?)`, a.Name, a.DisplayName, string(a.Role), a.Verifier, formatTime(a.Created))
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return failure.Errorf(failure.Conflict, "create account", "the name %q is taken", a.Name)
			}
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	return id, err
}

const accountColumns = `id, name, display_name, role, verifier, failures, locked_until, disabled, created_at, last_login_at`

func scanAccount(row interface{ Scan(...any) error }) (account.Account, error) {
	var a account.Account
	var role, created string
	var locked, last sql.NullString
	if err := row.Scan(&a.ID, &a.Name, &a.DisplayName, &role, &a.Verifier, &a.Failures, &locked, &a.Disabled, &created, &last); err != nil {
		return a, err
	}
	a.Role = account.Role(role)
	var err error
	if a.Created, err = time.Parse(timeLayout, created); err != nil {
		return a, err
	}
	if a.LockedUntil, err = parseTime(locked); err != nil {
		return a, err
	}
	a.LastLogin, err = parseTime(last)
	return a, err
}

// AccountByName returns the account with that name (case-insensitive).
func (db *DB) AccountByName(ctx context.Context, name string) (account.Account, error) {
	a, err := scanAccount(db.w.QueryRowContext(ctx, "SELECT "+accountColumns+" FROM accounts WHERE name = ?", name))
	return a, storageErr("find account", err)
}

// AccountByID returns the account with that id.
func (db *DB) AccountByID(ctx context.Context, id int64) (account.Account, error) {
	a, err := scanAccount(db.w.QueryRowContext(ctx, "SELECT "+accountColumns+" FROM accounts WHERE id = ?", id))
	return a, storageErr("find account", err)
}

// Accounts returns every account, by name.
func (db *DB) Accounts(ctx context.Context) ([]account.Account, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT "+accountColumns+" FROM accounts ORDER BY name")
	if err != nil {
		return nil, storageErr("list accounts", err)
	}
	defer rows.Close()
	var out []account.Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, storageErr("list accounts", err)
		}
		out = append(out, a)
	}
	return out, storageErr("list accounts", rows.Err())
}

// SaveLoginState stores failures, lock and last login.
func (db *DB) SaveLoginState(ctx context.Context, a account.Account) error {
	return db.tx(ctx, "save login state", func(tx *sql.Tx) error {
		return mustAffect(tx.ExecContext(ctx, `UPDATE accounts SET failures = ?, locked_until = ?, last_login_at = ? WHERE id = ?`,
			a.Failures, nullTime(a.LockedUntil), nullTime(a.LastLogin), a.ID))
	})
}

// UpdateAccount stores display name, role, verifier and disabled.
func (db *DB) UpdateAccount(ctx context.Context, a account.Account) error {
	return db.tx(ctx, "update account", func(tx *sql.Tx) error {
		return mustAffect(tx.ExecContext(ctx, `UPDATE accounts SET display_name = ?, role = ?, verifier = ?, disabled = ? WHERE id = ?`,
			a.DisplayName, string(a.Role), a.Verifier, a.Disabled, a.ID))
	})
}

// mustAffect turns an update of no row into failure.NotFound.
func mustAffect(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return failure.New(failure.NotFound, "update", sql.ErrNoRows)
	}
	return nil
}

// AddAudit records an audit entry.
func (db *DB) AddAudit(ctx context.Context, e audit.Entry) error {
	return db.tx(ctx, "audit", func(tx *sql.Tx) error {
		var id any
		if e.AccountID != 0 {
			id = e.AccountID
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO audit(at, account_id, action, detail) VALUES (?, ?, ?, ?)",
			formatTime(e.At), id, string(e.Action), e.Detail)
		return err
	})
}

// PurgeAudit deletes entries older than before.
func (db *DB) PurgeAudit(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := db.tx(ctx, "purge audit", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM audit WHERE at < ?", formatTime(before))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// AuditEntries returns entries in [from, to), newest first.
func (db *DB) AuditEntries(ctx context.Context, from, to time.Time) ([]audit.Entry, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT at, COALESCE(account_id, 0), action, detail FROM audit
		WHERE at >= ? AND at < ? ORDER BY at DESC, id DESC`, formatTime(from), formatTime(to))
	if err != nil {
		return nil, storageErr("list audit", err)
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		var e audit.Entry
		var at, action string
		if err := rows.Scan(&at, &e.AccountID, &action, &e.Detail); err != nil {
			return nil, storageErr("list audit", err)
		}
		e.Action = audit.Action(action)
		if e.At, err = time.Parse(timeLayout, at); err != nil {
			return nil, storageErr("list audit", err)
		}
		out = append(out, e)
	}
	return out, storageErr("list audit", rows.Err())
}

// LoadSettings returns the stored settings over the defaults.
func (db *DB) LoadSettings(ctx context.Context) (settings.Settings, error) {
	s := settings.Defaults()
	rows, err := db.r.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return s, storageErr("load settings", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return s, storageErr("load settings", err)
		}
		switch k {
		case "centre_name":
			s.CentreName = v
		case "places":
			s.Places = nil
			if v != "" {
				s.Places = strings.Split(v, "\n")
			}
		case "default_commune":
			s.DefaultCommune = v
		case "postal_code":
			s.PostalCode = v
		case "official_hosts":
			s.OfficialHosts = lines(v)
		case "guide_overrides":
			s.GuideOverrides = lines(v)
		case "public_kiosk":
			s.PublicKiosk = v == "1"
		case "eastern_arabic_digits":
			s.EasternArabicDigits = v == "1"
		case "mediator_contrast":
			s.MediatorContrast = v == "1"
		case "kiosk_idle_seconds":
			s.KioskIdle = seconds(v, s.KioskIdle)
		case "lock_after_seconds":
			s.LockAfter = seconds(v, s.LockAfter)
		case "help_hold_seconds":
			s.HelpHold = seconds(v, s.HelpHold)
		case "retention_months":
			if n, err := strconv.Atoi(v); err == nil {
				s.RetentionMonths = n
			}
		}
	}
	return s, storageErr("load settings", rows.Err())
}

// lines splits a stored list, one item per line ("" is no item).
func lines(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, "\n")
}

func flag(on bool) string {
	if on {
		return "1"
	}
	return "0"
}

func seconds(v string, def time.Duration) time.Duration {
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return def
	}
	return time.Duration(n) * time.Second
}

// SaveSettings validates and stores every setting in one transaction.
func (db *DB) SaveSettings(ctx context.Context, s settings.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	for _, p := range s.Places {
		if strings.Contains(p, "\n") {
			return failure.New(failure.Invalid, "save settings", errors.New("a place name has a line break"))
		}
	}
	kv := map[string]string{
		"centre_name":           s.CentreName,
		"places":                strings.Join(s.Places, "\n"),
		"default_commune":       s.DefaultCommune,
		"postal_code":           s.PostalCode,
		"official_hosts":        strings.Join(s.OfficialHosts, "\n"),
		"guide_overrides":       strings.Join(s.GuideOverrides, "\n"),
		"public_kiosk":          flag(s.PublicKiosk),
		"eastern_arabic_digits": flag(s.EasternArabicDigits),
		"mediator_contrast":     flag(s.MediatorContrast),
		"kiosk_idle_seconds":    strconv.Itoa(int(s.KioskIdle / time.Second)),
		"lock_after_seconds":    strconv.Itoa(int(s.LockAfter / time.Second)),
		"help_hold_seconds":     strconv.Itoa(int(s.HelpHold / time.Second)),
		"retention_months":      strconv.Itoa(s.RetentionMonths),
	}
	return db.tx(ctx, "save settings", func(tx *sql.Tx) error {
		for k, v := range kv {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES (?, ?)
				ON CONFLICT(key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}
