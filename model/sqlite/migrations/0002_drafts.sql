-- Drafts: what someone is typing, saved as they type, so a lock, a crash or a power cut
-- loses nothing. Local to this device and to the person (never synced); a draft is
-- removed when its record is saved.
CREATE TABLE drafts (
    user_id    TEXT NOT NULL,
    key        TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
) STRICT;
