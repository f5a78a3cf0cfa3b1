-- Pursuit's first schema.
--
-- Every synced table has an `id` chosen by the device that created the row, a `deleted`
-- flag (deletion is a tombstone, so an edit made elsewhere can still win) and `hlc`, a JSON
-- object giving the hybrid-logical-clock time each field was last written. Synced tables
-- carry no FOREIGN KEY constraints on purpose: a shared folder may deliver a child before
-- its parent, and applying it must not fail. `pursuit check` reports orphans instead.
-- Local tables (meta, signin_state, audit, outbox) never leave this device.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL DEFAULT '',
    deleted       INTEGER NOT NULL DEFAULT 0,
    hlc           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX users_username ON users(username);

CREATE TABLE frameworks (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    version     TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT '',
    deleted     INTEGER NOT NULL DEFAULT 0,
    hlc         TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE competencies (
    id             TEXT PRIMARY KEY,
    framework_id   TEXT NOT NULL DEFAULT '',
    programme_id   TEXT NOT NULL DEFAULT '',
    code           TEXT NOT NULL,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    domain         TEXT NOT NULL DEFAULT '',
    level          TEXT NOT NULL,
    validate_first INTEGER NOT NULL DEFAULT 0,
    applies_to     TEXT NOT NULL DEFAULT '[]',
    position       INTEGER NOT NULL DEFAULT 0,
    retired        INTEGER NOT NULL DEFAULT 0,
    deleted        INTEGER NOT NULL DEFAULT 0,
    hlc            TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX competencies_framework ON competencies(framework_id, position);
CREATE INDEX competencies_programme ON competencies(programme_id) WHERE programme_id <> '';

CREATE TABLE programmes (
    id                     TEXT PRIMARY KEY,
    preceptee_id           TEXT NOT NULL,
    start_date             TEXT NOT NULL,
    length_months          INTEGER NOT NULL DEFAULT 12,
    extension_months       INTEGER NOT NULL DEFAULT 0,
    supernumerary_weeks    INTEGER NOT NULL DEFAULT 4,
    meeting_interval_weeks INTEGER NOT NULL DEFAULT 8,
    preceptor_id           TEXT NOT NULL DEFAULT '',
    line_manager_id        TEXT NOT NULL DEFAULT '',
    supervisor_id          TEXT NOT NULL DEFAULT '',
    facilitator_id         TEXT NOT NULL DEFAULT '',
    profession             TEXT NOT NULL DEFAULT '',
    service                TEXT NOT NULL DEFAULT '',
    framework_id           TEXT NOT NULL DEFAULT '',
    status                 TEXT NOT NULL DEFAULT 'active',
    completed_on           TEXT NOT NULL DEFAULT '',
    left_on                TEXT NOT NULL DEFAULT '',
    deleted                INTEGER NOT NULL DEFAULT 0,
    hlc                    TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX programmes_preceptee ON programmes(preceptee_id);

CREATE TABLE progress (
    id             TEXT PRIMARY KEY,
    programme_id   TEXT NOT NULL,
    code           TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'not_started',
    confident      TEXT NOT NULL DEFAULT '',
    strengths      TEXT NOT NULL DEFAULT '',
    learning_needs TEXT NOT NULL DEFAULT '',
    opportunities  TEXT NOT NULL DEFAULT '',
    threats        TEXT NOT NULL DEFAULT '',
    target_date    TEXT NOT NULL DEFAULT '',
    stretch        INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL DEFAULT '',
    deleted        INTEGER NOT NULL DEFAULT 0,
    hlc            TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX progress_programme ON progress(programme_id, code);

CREATE TABLE status_changes (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL,
    code         TEXT NOT NULL,
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    by_id        TEXT NOT NULL,
    by_name      TEXT NOT NULL DEFAULT '',
    by_role      TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    comment      TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    hlc          TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX status_changes_programme ON status_changes(programme_id, code, at);

CREATE TABLE signoffs (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL,
    code         TEXT NOT NULL,
    signer_id    TEXT NOT NULL,
    signer_name  TEXT NOT NULL,
    signer_role  TEXT NOT NULL,
    at           TEXT NOT NULL,
    statement    TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    hlc          TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX signoffs_programme ON signoffs(programme_id, code);

CREATE TABLE evidence (
    id                   TEXT PRIMARY KEY,
    programme_id         TEXT NOT NULL,
    type                 TEXT NOT NULL,
    template             TEXT NOT NULL,
    title                TEXT NOT NULL,
    occurred_on          TEXT NOT NULL DEFAULT '',
    hours                REAL NOT NULL DEFAULT 0,
    participatory_hours  REAL NOT NULL DEFAULT 0,
    witness_name         TEXT NOT NULL DEFAULT '',
    witness_role         TEXT NOT NULL DEFAULT '',
    witness_confirmed_at TEXT NOT NULL DEFAULT '',
    locked               INTEGER NOT NULL DEFAULT 0,
    created_by           TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL DEFAULT '',
    updated_at           TEXT NOT NULL DEFAULT '',
    deleted              INTEGER NOT NULL DEFAULT 0,
    hlc                  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX evidence_programme ON evidence(programme_id, occurred_on);

CREATE TABLE evidence_sections (
    id          TEXT PRIMARY KEY,
    evidence_id TEXT NOT NULL,
    key         TEXT NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    deleted     INTEGER NOT NULL DEFAULT 0,
    hlc         TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX evidence_sections_evidence ON evidence_sections(evidence_id);

CREATE TABLE links (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL,
    owner_id     TEXT NOT NULL,
    code         TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    hlc          TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX links_owner ON links(owner_id);
CREATE INDEX links_programme ON links(programme_id, code);

CREATE TABLE attachments (
    id       TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    sha256   TEXT NOT NULL,
    name     TEXT NOT NULL,
    mime     TEXT NOT NULL DEFAULT '',
    size     INTEGER NOT NULL,
    added_at TEXT NOT NULL DEFAULT '',
    deleted  INTEGER NOT NULL DEFAULT 0,
    hlc      TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX attachments_owner ON attachments(owner_id);

CREATE TABLE goals (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL,
    title        TEXT NOT NULL,
    detail       TEXT NOT NULL DEFAULT '',
    target_date  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'planned',
    created_at   TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    hlc          TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX goals_programme ON goals(programme_id);

CREATE TABLE actions (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL,
    owner_id     TEXT NOT NULL,
    text         TEXT NOT NULL,
    due_date     TEXT NOT NULL DEFAULT '',
    done         INTEGER NOT NULL DEFAULT 0,
    done_on      TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    hlc          TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX actions_programme ON actions(programme_id, owner_id);

CREATE TABLE meetings (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL,
    kind         TEXT NOT NULL,
    date         TEXT NOT NULL,
    held         INTEGER NOT NULL DEFAULT 0,
    attendees    TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    next_date    TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    hlc          TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX meetings_programme ON meetings(programme_id, date);

CREATE TABLE learning_events (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    date       TEXT NOT NULL,
    attendance TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0,
    hlc        TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX learning_events_user ON learning_events(user_id, date);

CREATE TABLE training (
    id               TEXT PRIMARY KEY,
    user_id          TEXT NOT NULL,
    category         TEXT NOT NULL,
    course           TEXT NOT NULL,
    completed_on     TEXT NOT NULL DEFAULT '',
    refresher_months INTEGER NOT NULL DEFAULT 0,
    expires_on       TEXT NOT NULL DEFAULT '',
    deleted          INTEGER NOT NULL DEFAULT 0,
    hlc              TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX training_user ON training(user_id);

CREATE TABLE career_conversations (
    id             TEXT PRIMARY KEY,
    programme_id   TEXT NOT NULL,
    milestone      INTEGER NOT NULL,
    date           TEXT NOT NULL,
    held           INTEGER NOT NULL DEFAULT 0,
    facilitator_id TEXT NOT NULL DEFAULT '',
    aspirations    TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    next_steps     TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL DEFAULT '',
    deleted        INTEGER NOT NULL DEFAULT 0,
    hlc            TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX career_conversations_programme ON career_conversations(programme_id);

CREATE TABLE concerns (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL,
    raised_by    TEXT NOT NULL,
    raised_on    TEXT NOT NULL,
    summary      TEXT NOT NULL,
    detail       TEXT NOT NULL DEFAULT '',
    support_plan TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'open',
    escalated_to TEXT NOT NULL DEFAULT '',
    escalated_on TEXT NOT NULL DEFAULT '',
    resolved_on  TEXT NOT NULL DEFAULT '',
    resolution   TEXT NOT NULL DEFAULT '',
    confidential INTEGER NOT NULL DEFAULT 0,
    deleted      INTEGER NOT NULL DEFAULT 0,
    hlc          TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX concerns_programme ON concerns(programme_id);

CREATE TABLE supervision (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL,
    date         TEXT NOT NULL,
    supervisor   TEXT NOT NULL,
    themes       TEXT NOT NULL DEFAULT '',
    actions      TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    hlc          TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX supervision_programme ON supervision(programme_id);

CREATE TABLE confirmations (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL,
    kind         TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    user_name    TEXT NOT NULL,
    role         TEXT NOT NULL,
    at           TEXT NOT NULL,
    statement    TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    hlc          TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX confirmations_programme ON confirmations(programme_id);

-- Local to this device.

CREATE TABLE signin_state (
    user_id      TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE audit (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    device  TEXT NOT NULL,
    user_id TEXT NOT NULL,
    action  TEXT NOT NULL,
    tbl     TEXT NOT NULL,
    row_id  TEXT NOT NULL,
    fields  TEXT NOT NULL DEFAULT ''
) STRICT;

-- The outbox holds every local change as an operation for the shared folder; `op` is the
-- JSON form of model.Op.
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    hlc TEXT NOT NULL,
    op  TEXT NOT NULL
) STRICT;
