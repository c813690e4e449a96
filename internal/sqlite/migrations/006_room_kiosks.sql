-- The names of a station's kiosks (issue 14), kept beside their events so
-- that the centre's statistics name each kiosk — also one removed since
-- (the station forgets its credentials, not its visits). A name is a
-- place in the room (« Poste 2 »), never a person.
CREATE TABLE room_kiosks (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
