-- The rest of the national tool's field set (issue 12, items 3, 4 and 7).
-- Every change adds a column with a default or closes a help request whose
-- visit is over: no row is removed and no existing value is rewritten,
-- except resolved_at of those help requests (see the end).

-- INSEE code of a commune (lieuCodeInsee, communeCodeInsee): five
-- characters, digits or Corsica's 2A/2B followed by three digits; '' when
-- not known. The commune table (internal/commune) fills it; the journal
-- only stores it.
ALTER TABLE accompaniments ADD COLUMN place_insee TEXT NOT NULL DEFAULT ''
    CHECK (place_insee = '' OR place_insee GLOB '[0-9][0-9AB][0-9][0-9][0-9]');
ALTER TABLE accompaniments ADD COLUMN person_insee TEXT NOT NULL DEFAULT ''
    CHECK (person_insee = '' OR person_insee GLOB '[0-9][0-9AB][0-9][0-9][0-9]');
ALTER TABLE beneficiaries ADD COLUMN commune_insee TEXT NOT NULL DEFAULT ''
    CHECK (commune_insee = '' OR commune_insee GLOB '[0-9][0-9AB][0-9][0-9][0-9]');
ALTER TABLE workshops ADD COLUMN place_insee TEXT NOT NULL DEFAULT ''
    CHECK (place_insee = '' OR place_insee GLOB '[0-9][0-9AB][0-9][0-9][0-9]');

-- The administrative procedure of a workshop (precisionsDemarche), as
-- accompaniments have it.
ALTER TABLE workshops ADD COLUMN procedure_name TEXT NOT NULL DEFAULT '';

-- A cancelled session stays on the workshop (with any marks taken) but
-- counts for no hours and no attendance.
ALTER TABLE workshop_sessions ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1));

-- How a help request ended: 'resolved' (a mediator came; resolved_by is
-- NULL when it was closed with its visit rather than by the mediator) or
-- 'no_intervention' (the visit ended and nobody had acknowledged it:
-- « sans intervention »). NULL while the request is open.
ALTER TABLE help_requests ADD COLUMN outcome TEXT
    CHECK (outcome IS NULL OR outcome IN ('resolved', 'no_intervention'));
UPDATE help_requests SET outcome = 'resolved' WHERE resolved_at IS NOT NULL;
-- Requests left open by visits that are over close now, at the visit's end.
UPDATE help_requests
SET resolved_at = (SELECT ended_at FROM visits WHERE visits.id = help_requests.visit_id),
    outcome = CASE WHEN acknowledged_at IS NULL THEN 'no_intervention' ELSE 'resolved' END
WHERE resolved_at IS NULL
  AND visit_id IN (SELECT id FROM visits WHERE ended_at IS NOT NULL);
