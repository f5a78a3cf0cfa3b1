-- The signed change behind each record that affirms something in someone's name (a
-- sign-off, a confirmation, a witness's confirmation of a testimony, a programme's
-- completion): the app and its documents believe the record only with it, and
-- `pursuit check` names any record without one. `op` is the change as JSON (model.Op).
CREATE TABLE proofs (
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL,
    op_id  TEXT NOT NULL,
    op     TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id, op_id)
) STRICT, WITHOUT ROWID;

-- What this PC made itself is in its outbox.
INSERT OR IGNORE INTO proofs(tbl, row_id, op_id, op)
SELECT json_extract(op, '$.table'), json_extract(op, '$.row'), json_extract(op, '$.id'), op FROM outbox
WHERE json_extract(op, '$.kind') = 'put' AND (
    json_extract(op, '$.table') IN ('signoffs', 'confirmations')
    OR (json_extract(op, '$.table') = 'evidence' AND coalesce(json_extract(op, '$.fields.witness_id'), '') <> '')
    OR (json_extract(op, '$.table') = 'programmes' AND json_extract(op, '$.fields.status') = 'completed'));

-- What came from other PCs: read the shared folder once more from the start.
-- How far each device had been read is kept, so that what is read again is not judged
-- twice (sync.go: reread).
INSERT OR IGNORE INTO meta(key, value) SELECT 'reread_to:' || device, CAST(seq AS TEXT) FROM sync_applied WHERE seq > 0;
UPDATE sync_applied SET seq = 0;
