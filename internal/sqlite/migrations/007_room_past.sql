-- A « poste seul » that joins a station (issue 14) sends the kiosk visits
-- it recorded itself, with their help requests, once: room_queued_at is
-- set when a visit's events go into the outbox, in the same transaction.
-- Accompaniments and beneficiaries are never sent.
ALTER TABLE visits ADD COLUMN room_queued_at TEXT;
