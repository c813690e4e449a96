-- Staff accounts (mediators, coordinators). The verifier is an Argon2id PHC
-- string; the secret itself is never stored.
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('mediator', 'coordinator')),
    verifier      TEXT NOT NULL,
    failures      INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    locked_until  TEXT,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT NOT NULL,
    last_login_at TEXT
);

-- Sensitive actions, with pseudonymous account ids only; purged after 12 months.
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    action     TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit(at);

-- Centre settings, one row per key.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Who acknowledged and resolved a help request.
ALTER TABLE help_requests ADD COLUMN acknowledged_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE help_requests ADD COLUMN resolved_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL;
