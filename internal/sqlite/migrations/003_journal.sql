-- The journal of accompaniments, workshops and beneficiaries, with the codes
-- of the national mediators' tool (CRA). Enum columns hold CRA codes, checked
-- here; "non communiqué" is the value NonCommunique, never NULL. Dates are
-- calendar days 'YYYY-MM-DD'; timestamps are UTC 'YYYY-MM-DDTHH:MM:SS.sssZ'.
-- No column may hold a password, a social security (NIR) or tax number, bank
-- details or a FranceConnect identifier (R6).
--
-- Accounts are disabled, never deleted, once they have activity: a row that
-- names its mediator keeps it (ON DELETE RESTRICT). Named beneficiaries are
-- erased in place (their identifiers set to NULL), never deleted, so that
-- their activity keeps counting (ON DELETE RESTRICT).

-- Named beneficiaries: the opt-in exception, with recorded consent. Erasing
-- one sets every direct identifier to NULL and keeps commune, gender,
-- status and the age band at erasure (R7, R8).
CREATE TABLE beneficiaries (
    id              INTEGER PRIMARY KEY,
    first_name      TEXT CHECK (first_name IS NULL OR length(first_name) BETWEEN 1 AND 100),
    last_name       TEXT CHECK (last_name IS NULL OR length(last_name) BETWEEN 1 AND 100),
    search_key      TEXT,   -- the names folded (lower case, no accents), for search
    birth_year      INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 9999),
    phone           TEXT,
    email           TEXT,
    commune         TEXT NOT NULL DEFAULT '',
    postal_code     TEXT NOT NULL DEFAULT ''
                    CHECK (postal_code = '' OR postal_code GLOB '[0-9][0-9][0-9][0-9][0-9]'),
    gender          TEXT NOT NULL CHECK (gender IN ('Masculin', 'Feminin', 'NonCommunique')),
    status          TEXT NOT NULL CHECK (status IN (
        'Scolarise', 'SansEmploi', 'EnEmploi', 'Retraite', 'NonCommunique')),
    consent_date    TEXT NOT NULL CHECK (consent_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    consent_by      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE RESTRICT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    erased_at       TEXT,
    erased_age_band TEXT CHECK (erased_age_band IS NULL OR erased_age_band IN (
        'MoinsDeDouze', 'DouzeDixHuit', 'DixHuitVingtQuatre', 'VingtCinqTrenteNeuf',
        'QuaranteCinquanteNeuf', 'SoixanteSoixanteNeuf', 'SoixanteDixPlus', 'NonCommunique')),
    -- named, or erased with no identifier left
    CHECK ((erased_at IS NULL AND first_name IS NOT NULL AND last_name IS NOT NULL AND search_key IS NOT NULL
            AND erased_age_band IS NULL)
        OR (erased_at IS NOT NULL AND first_name IS NULL AND last_name IS NULL AND search_key IS NULL
            AND birth_year IS NULL AND phone IS NULL AND email IS NULL AND erased_age_band IS NOT NULL))
);
CREATE INDEX beneficiaries_names ON beneficiaries(last_name, first_name) WHERE erased_at IS NULL;

-- Individual accompaniments (CRA "Accompagnement individuel"). The person_*
-- columns are the anonymous profile: typed for an anonymous person, copied
-- from the beneficiary (age band at the date) for a named one; they stay
-- when the beneficiary is erased.
CREATE TABLE accompaniments (
    id                        INTEGER PRIMARY KEY,
    date                      TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    duration_minutes          INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1439),
    place_type                TEXT NOT NULL CHECK (place_type IN ('LieuActivite', 'Domicile', 'ADistance', 'Autre')),
    place_name                TEXT NOT NULL DEFAULT '',
    place_commune             TEXT NOT NULL DEFAULT '',
    place_postal_code         TEXT NOT NULL DEFAULT '',
    procedure_name            TEXT NOT NULL DEFAULT '',   -- precisionsDemarche
    autonomy                  TEXT CHECK (autonomy IS NULL OR autonomy IN (
                                  'EntierementAccompagne', 'PartiellementAutonome', 'Autonome')),
    referred                  INTEGER NOT NULL CHECK (referred IN (0, 1)),
    referral                  TEXT CHECK (referral IS NULL OR referral IN (
                                  'Administration', 'MediationNumerique',
                                  'OperateurOuOrganismeEnCharge', 'AideSociale',
                                  'InsertionProfessionnelle', 'AideAuxDemarchesAdministratives',
                                  'Autre')),
    notes                     TEXT NOT NULL DEFAULT '',
    mediator_id               INTEGER NOT NULL REFERENCES accounts(id) ON DELETE RESTRICT,
    beneficiary_id            INTEGER REFERENCES beneficiaries(id) ON DELETE RESTRICT,
    person_already_accompanied INTEGER NOT NULL CHECK (person_already_accompanied IN (0, 1)),
    person_commune            TEXT NOT NULL DEFAULT '',
    person_postal_code        TEXT NOT NULL DEFAULT '',
    person_gender             TEXT NOT NULL CHECK (person_gender IN ('Masculin', 'Feminin', 'NonCommunique')),
    person_age_band           TEXT NOT NULL CHECK (person_age_band IN (
                                  'MoinsDeDouze', 'DouzeDixHuit', 'DixHuitVingtQuatre',
                                  'VingtCinqTrenteNeuf', 'QuaranteCinquanteNeuf',
                                  'SoixanteSoixanteNeuf', 'SoixanteDixPlus', 'NonCommunique')),
    person_status             TEXT NOT NULL CHECK (person_status IN (
                                  'Scolarise', 'SansEmploi', 'EnEmploi', 'Retraite', 'NonCommunique')),
    visit_key                 TEXT REFERENCES visits(key) ON DELETE SET NULL,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL,
    CHECK ((referred = 1) = (referral IS NOT NULL))
);
CREATE INDEX accompaniments_date ON accompaniments(date);
CREATE INDEX accompaniments_beneficiary ON accompaniments(beneficiary_id, date)
    WHERE beneficiary_id IS NOT NULL;
CREATE INDEX accompaniments_mediator ON accompaniments(mediator_id, date);
CREATE UNIQUE INDEX accompaniments_visit ON accompaniments(visit_key) WHERE visit_key IS NOT NULL;

-- Themes of an accompaniment: digital-mediation and administrative, as in
-- the tool's single list.
CREATE TABLE accompaniment_themes (
    accompaniment_id INTEGER NOT NULL REFERENCES accompaniments(id) ON DELETE CASCADE,
    theme            TEXT NOT NULL CHECK (theme IN (
        'DiagnosticNumerique', 'PrendreEnMainDuMateriel', 'MaintenanceDeMateriel',
        'GereSesContenusNumeriques', 'NavigationSurInternet', 'Email', 'Bureautique',
        'ReseauxSociaux', 'Sante', 'BanqueEtAchatsEnLigne', 'Entrepreneuriat',
        'InsertionProfessionnelle', 'SecuriteNumerique', 'Parentalite', 'ScolariteEtNumerique',
        'CreerAvecLeNumerique', 'CultureNumerique', 'IntelligenceArtificielle',
        'AideAuxDemarchesAdministratives', 'PapiersElectionsCitoyennete', 'FamilleScolarite',
        'SocialSante', 'TravailFormation', 'Logement', 'TransportsMobilite', 'ArgentImpots',
        'Justice', 'EtrangersEurope', 'LoisirsSportsCulture', 'Associations')),
    PRIMARY KEY (accompaniment_id, theme)
) WITHOUT ROWID;
CREATE INDEX accompaniment_themes_theme ON accompaniment_themes(theme);

CREATE TABLE accompaniment_equipment (
    accompaniment_id INTEGER NOT NULL REFERENCES accompaniments(id) ON DELETE CASCADE,
    equipment        TEXT NOT NULL CHECK (equipment IN ('Ordinateur', 'Telephone', 'Tablette', 'Autre', 'Aucun')),
    PRIMARY KEY (accompaniment_id, equipment)
) WITHOUT ROWID;

CREATE TABLE accompaniment_tags (
    accompaniment_id INTEGER NOT NULL REFERENCES accompaniments(id) ON DELETE CASCADE,
    tag              TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 50),
    PRIMARY KEY (accompaniment_id, tag)
) WITHOUT ROWID;

-- Collective workshops (CRA "Atelier collectif"). The anonymous_* columns
-- count the participants who are not named: the total, those already
-- accompanied, and the counts given by gender, age band and status; "non
-- communiqué" is the total minus the counts given, so it is not stored.
CREATE TABLE workshops (
    id                   INTEGER PRIMARY KEY,
    title                TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    level                TEXT CHECK (level IS NULL OR level IN ('Debutant', 'Intermediaire', 'Avance')),
    place_type           TEXT NOT NULL CHECK (place_type IN ('LieuActivite', 'Domicile', 'ADistance', 'Autre')),
    place_name           TEXT NOT NULL DEFAULT '',
    place_commune        TEXT NOT NULL DEFAULT '',
    place_postal_code    TEXT NOT NULL DEFAULT '',
    notes                TEXT NOT NULL DEFAULT '',
    mediator_id          INTEGER NOT NULL REFERENCES accounts(id) ON DELETE RESTRICT,
    anonymous_total      INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_total >= 0),
    anonymous_already    INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_already BETWEEN 0 AND anonymous_total),
    anonymous_masculin   INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_masculin >= 0),
    anonymous_feminin    INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_feminin >= 0),
    anonymous_moins_de_douze          INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_moins_de_douze >= 0),
    anonymous_douze_dix_huit          INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_douze_dix_huit >= 0),
    anonymous_dix_huit_vingt_quatre   INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_dix_huit_vingt_quatre >= 0),
    anonymous_vingt_cinq_trente_neuf  INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_vingt_cinq_trente_neuf >= 0),
    anonymous_quarante_cinquante_neuf INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_quarante_cinquante_neuf >= 0),
    anonymous_soixante_soixante_neuf  INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_soixante_soixante_neuf >= 0),
    anonymous_soixante_dix_plus       INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_soixante_dix_plus >= 0),
    anonymous_scolarise   INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_scolarise >= 0),
    anonymous_sans_emploi INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_sans_emploi >= 0),
    anonymous_en_emploi   INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_en_emploi >= 0),
    anonymous_retraite    INTEGER NOT NULL DEFAULT 0 CHECK (anonymous_retraite >= 0),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    CHECK (anonymous_masculin + anonymous_feminin <= anonymous_total),
    CHECK (anonymous_moins_de_douze + anonymous_douze_dix_huit + anonymous_dix_huit_vingt_quatre
        + anonymous_vingt_cinq_trente_neuf + anonymous_quarante_cinquante_neuf
        + anonymous_soixante_soixante_neuf + anonymous_soixante_dix_plus <= anonymous_total),
    CHECK (anonymous_scolarise + anonymous_sans_emploi + anonymous_en_emploi + anonymous_retraite
        <= anonymous_total)
);
CREATE INDEX workshops_mediator ON workshops(mediator_id);

CREATE TABLE workshop_themes (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    theme       TEXT NOT NULL CHECK (theme IN (
        'DiagnosticNumerique', 'PrendreEnMainDuMateriel', 'MaintenanceDeMateriel',
        'GereSesContenusNumeriques', 'NavigationSurInternet', 'Email', 'Bureautique',
        'ReseauxSociaux', 'Sante', 'BanqueEtAchatsEnLigne', 'Entrepreneuriat',
        'InsertionProfessionnelle', 'SecuriteNumerique', 'Parentalite', 'ScolariteEtNumerique',
        'CreerAvecLeNumerique', 'CultureNumerique', 'IntelligenceArtificielle',
        'AideAuxDemarchesAdministratives', 'PapiersElectionsCitoyennete', 'FamilleScolarite',
        'SocialSante', 'TravailFormation', 'Logement', 'TransportsMobilite', 'ArgentImpots',
        'Justice', 'EtrangersEurope', 'LoisirsSportsCulture', 'Associations')),
    PRIMARY KEY (workshop_id, theme)
) WITHOUT ROWID;
CREATE INDEX workshop_themes_theme ON workshop_themes(theme);

CREATE TABLE workshop_equipment (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    equipment   TEXT NOT NULL CHECK (equipment IN ('Ordinateur', 'Telephone', 'Tablette', 'Autre', 'Aucun')),
    PRIMARY KEY (workshop_id, equipment)
) WITHOUT ROWID;

CREATE TABLE workshop_tags (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    tag         TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 50),
    PRIMARY KEY (workshop_id, tag)
) WITHOUT ROWID;

-- The dates a workshop meets.
CREATE TABLE workshop_sessions (
    id               INTEGER PRIMARY KEY,
    workshop_id      INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    date             TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    start_minute     INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),  -- minutes after midnight
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1439)
);
CREATE INDEX workshop_sessions_date ON workshop_sessions(date);
CREATE INDEX workshop_sessions_workshop ON workshop_sessions(workshop_id, date);

-- The lines of the attendance sheet: a named beneficiary, or the anonymous
-- participant number N ("anonyme N", 1 to the workshop's anonymous_total).
CREATE TABLE workshop_participants (
    id               INTEGER PRIMARY KEY,
    workshop_id      INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    beneficiary_id   INTEGER REFERENCES beneficiaries(id) ON DELETE RESTRICT,
    anonymous_number INTEGER CHECK (anonymous_number IS NULL OR anonymous_number >= 1),
    CHECK ((beneficiary_id IS NULL) <> (anonymous_number IS NULL)),
    UNIQUE (workshop_id, beneficiary_id),
    UNIQUE (workshop_id, anonymous_number)
);
CREATE INDEX workshop_participants_beneficiary ON workshop_participants(beneficiary_id)
    WHERE beneficiary_id IS NOT NULL;

-- Attendance of each participant at each session.
CREATE TABLE attendance (
    session_id     INTEGER NOT NULL REFERENCES workshop_sessions(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES workshop_participants(id) ON DELETE CASCADE,
    presence       TEXT NOT NULL CHECK (presence IN ('present', 'absent', 'excused')),
    PRIMARY KEY (session_id, participant_id)
) WITHOUT ROWID;
CREATE INDEX attendance_participant ON attendance(participant_id);
