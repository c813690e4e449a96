-- The room network (issue 14). Nothing here identifies a person: events
-- carry the same anonymous fields as visits and help_requests.

-- A kiosk's outbox: events waiting for the station's acknowledgement, in
-- the order they were queued (seq).
CREATE TABLE room_outbox (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    id        TEXT NOT NULL UNIQUE,
    queued_at TEXT NOT NULL,
    data      BLOB NOT NULL
);

-- On the station: every kiosk event applied, by id, written in the same
-- transaction as what it changed, so that an event delivered twice counts
-- once; and which kiosk each visit came from.
CREATE TABLE room_events (
    id          TEXT PRIMARY KEY,
    kiosk_id    TEXT NOT NULL,
    visit_key   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    received_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX room_events_visit ON room_events(visit_key);
