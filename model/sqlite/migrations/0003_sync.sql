-- Sync through the shared folder.
--
-- `bases` records, per field, the clock of the value an edit replaced: with `hlc` it tells
-- a concurrent edit (two devices changed the same version) from a later one, wherever the
-- two versions meet. `delete_seen` records, per field, the clocks a deletion had seen: a row
-- stays deleted only while no field holds an edit the deletion did not see, so an edit
-- beats a delete on every device whatever order they arrive in.
ALTER TABLE users ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE users ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE frameworks ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE frameworks ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE competencies ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE competencies ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE programmes ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE programmes ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE progress ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE progress ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE status_changes ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE status_changes ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE signoffs ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE signoffs ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE evidence ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE evidence ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE evidence_sections ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE evidence_sections ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE links ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE links ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE attachments ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE attachments ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE goals ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE goals ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE actions ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE actions ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE meetings ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE meetings ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE learning_events ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE learning_events ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE training ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE training ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE career_conversations ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE career_conversations ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE concerns ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE concerns ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE supervision ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE supervision ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';
ALTER TABLE confirmations ADD COLUMN bases TEXT NOT NULL DEFAULT '{}';
ALTER TABLE confirmations ADD COLUMN delete_seen TEXT NOT NULL DEFAULT '{}';

-- The last segment applied from each other device: segments apply in order, so one number
-- per device says what has been seen, and applying a segment twice is harmless.
CREATE TABLE sync_applied (
    device      TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    at          TEXT NOT NULL,
    last_author TEXT NOT NULL DEFAULT '', -- who used that device last, to name it in the app
    skew_ms     INTEGER NOT NULL DEFAULT 0 -- how far ahead its clock ran, when beyond the limit
) STRICT;

-- Text that two devices changed from the same version: the version that lost the merge is
-- kept here, shown as "changed on two devices", until someone chooses.
CREATE TABLE sync_conflicts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    field       TEXT NOT NULL,
    kept_hlc    TEXT NOT NULL,
    other_value TEXT NOT NULL,
    other_hlc   TEXT NOT NULL,
    other_by    TEXT NOT NULL DEFAULT '',
    detected_at TEXT NOT NULL,
    resolved_at TEXT NOT NULL DEFAULT '',
    UNIQUE (tbl, row_id, field, other_hlc)
) STRICT;
CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved_at, tbl, row_id);

-- Operations from the share that could not be applied (an unknown table or field, a value
-- of the wrong kind): kept aside with the reason, never silently dropped.
CREATE TABLE sync_rejected (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    device TEXT NOT NULL,
    seq    INTEGER NOT NULL,
    op     TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL
) STRICT;
