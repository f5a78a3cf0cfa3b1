-- Keys per person: the public signing and box keys travel with the account record, the
-- private ones sealed under the person's password, with the signing keys the account used
-- before an administrator reset it. Accounts from earlier versions have none until their
-- owner next signs in.
ALTER TABLE users ADD COLUMN sign_key TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN box_key TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN sealed_keys TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN key_history TEXT NOT NULL DEFAULT '';

-- Changes from the share that fail verification are kept aside with who they claim to be
-- from. Those refused for who their author is are tried again whenever an account or a
-- programme changes here (a reset or a reassignment may still be on its way); "waiting" marks
-- those refused only because their author's account or their record has not arrived yet.
ALTER TABLE sync_rejected ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_rejected ADD COLUMN waiting INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_rejected ADD COLUMN retry INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sync_rejected_retry ON sync_rejected(retry) WHERE retry = 1;

-- The key each device signs its segments with, pinned at its first signed segment.
ALTER TABLE sync_applied ADD COLUMN device_key TEXT NOT NULL DEFAULT '';

-- Confidential records from the share whose words are still encrypted here: kept until one
-- of their readers signs in on this device and opens them.
-- The envelope opens only for its record and version; only the fields the operation
-- carried sealed are filled from it.
CREATE TABLE sealed_ops (
    op_id    TEXT NOT NULL,
    env_sha  TEXT NOT NULL,
    tbl      TEXT NOT NULL,
    row_id   TEXT NOT NULL,
    hlc      TEXT NOT NULL,
    fields   TEXT NOT NULL,
    readers  TEXT NOT NULL, -- ",id,id,": whose sign-in may open it, so nobody else's reads it
    envelope TEXT NOT NULL,
    PRIMARY KEY (op_id, env_sha)
) STRICT;
