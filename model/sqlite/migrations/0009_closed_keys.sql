-- The saves (one signature over the operations of one write) this device has seen signed by
-- each key, filed under the key's first eight bytes. When a password change or a reset
-- retires a key, the statement of what it signed comes from here; nothing else counts for
-- that key afterwards.
CREATE TABLE signed_saves (
    key_tag BLOB NOT NULL,
    save    BLOB NOT NULL,
    PRIMARY KEY (key_tag, save)
) STRICT, WITHOUT ROWID;

-- Read the shared folder once more from the start, as a new PC would, to learn the saves
-- already applied here. Applying a segment again changes nothing; each device's key stays
-- pinned.
-- How far each device had been read is kept, so that what is read again is not judged
-- twice (sync.go: reread).
INSERT OR IGNORE INTO meta(key, value) SELECT 'reread_to:' || device, CAST(seq AS TEXT) FROM sync_applied WHERE seq > 0;
UPDATE sync_applied SET seq = 0;
