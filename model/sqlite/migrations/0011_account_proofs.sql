-- Every change to an account is kept with its signature too: whose key signed a proof is
-- then proven by replaying the changes to their account, never read from the users table,
-- which anyone at the PC can edit.
INSERT OR IGNORE INTO proofs(tbl, row_id, op_id, op)
SELECT 'users', json_extract(op, '$.row'), json_extract(op, '$.id'), op FROM outbox
WHERE json_extract(op, '$.table') = 'users' AND json_extract(op, '$.kind') = 'put';

-- What came from other PCs: read the shared folder once more from the start.
-- How far each device had been read is kept, so that what is read again is not judged
-- twice (sync.go: reread).
INSERT OR IGNORE INTO meta(key, value) SELECT 'reread_to:' || device, CAST(seq AS TEXT) FROM sync_applied WHERE seq > 0;
UPDATE sync_applied SET seq = 0;
