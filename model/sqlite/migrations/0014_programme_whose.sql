-- Whose programme it is is proven too (model.RecordKind.Whose): the signed change that set
-- a programme's preceptee is kept beside it, as a sign-off's is, so that a preceptee_id
-- edited with sqlite3 moves no sign-off to someone else.
INSERT OR IGNORE INTO proofs(tbl, row_id, op_id, op)
SELECT 'programmes', json_extract(op, '$.row'), json_extract(op, '$.id'), op FROM outbox
WHERE json_extract(op, '$.table') = 'programmes' AND json_extract(op, '$.kind') = 'put'
    AND json_type(op, '$.fields.preceptee_id') IS NOT NULL;

-- What came from other PCs: read the shared folder once more from the start, remembering
-- how far each device had been read (see 0011).
INSERT OR REPLACE INTO meta(key, value) SELECT 'reread_to:' || device, CAST(max(seq, coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'reread_to:' || device), 0)) AS TEXT) FROM sync_applied WHERE seq > 0;
UPDATE sync_applied SET seq = 0;

-- The limit on what is kept aside from all devices together counts every change that may
-- still count, by sync_rejected_retry; the index for those waiting for unknown authors
-- only is not needed.
DROP INDEX sync_rejected_unknown_author;
