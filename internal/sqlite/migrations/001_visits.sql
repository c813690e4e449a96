-- Kiosk visits: one anonymous row per visit, updated as it progresses.
-- Nothing here identifies a person: no name, no typed text, no number.
CREATE TABLE visits (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    started_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    ended_at      TEXT,
    lang          TEXT NOT NULL,
    guide_id      TEXT,
    step_count    INTEGER NOT NULL DEFAULT 0 CHECK (step_count >= 0),
    furthest_step INTEGER NOT NULL DEFAULT 0 CHECK (furthest_step >= 0),
    outcome       TEXT CHECK (outcome IN ('done', 'not_yet', 'appointment', 'abandoned', 'timed_out', 'ended_by_staff')),
    help_count    INTEGER NOT NULL DEFAULT 0 CHECK (help_count >= 0),
    first_help_at TEXT,
    max_text_size INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX visits_started ON visits(started_at);

-- Presses on "J'ai besoin d'aide", for the mediator's queue.
CREATE TABLE help_requests (
    id              INTEGER PRIMARY KEY,
    visit_id        INTEGER NOT NULL REFERENCES visits(id) ON DELETE CASCADE,
    raised_at       TEXT NOT NULL,
    guide_id        TEXT,
    step            INTEGER NOT NULL DEFAULT 0,
    screen          TEXT NOT NULL,
    acknowledged_at TEXT,
    resolved_at     TEXT
);
CREATE INDEX help_requests_open ON help_requests(resolved_at, raised_at);
