-- Changes kept aside for an account or programme that has not arrived say which: they are
-- judged again when it arrives, not on every sync (a flood of changes from an unknown
-- author must not slow every later pass). "" waits for the record it belongs to.
ALTER TABLE sync_rejected ADD COLUMN waits_for TEXT NOT NULL DEFAULT '';
CREATE INDEX sync_rejected_waits_for ON sync_rejected(waits_for) WHERE retry = 1 AND waiting = 1;
-- What one device, or one claimed author, sent: found without reading every row.
CREATE INDEX sync_rejected_device ON sync_rejected(device);
CREATE INDEX sync_rejected_author ON sync_rejected(author);
