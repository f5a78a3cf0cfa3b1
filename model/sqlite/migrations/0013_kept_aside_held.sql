-- Changes past the limit of what is kept aside are no longer counted in a row of their
-- own: the segment holding them waits on the shared folder instead (keptaside.go), so
-- nothing a new PC meets before the accounts that made it is ever dropped.
DROP INDEX sync_rejected_device_kept;
DROP INDEX sync_rejected_author_kept;
DROP INDEX sync_rejected_tally;
DELETE FROM sync_rejected WHERE tally > 0;
ALTER TABLE sync_rejected DROP COLUMN tally;
-- What one device kept, and a change read twice, found by device and segment; what one
-- claimed author may still have count, and all that waits for authors unknown here.
CREATE INDEX sync_rejected_device_seq ON sync_rejected(device, seq);
CREATE INDEX sync_rejected_author_retry ON sync_rejected(author) WHERE retry = 1;
CREATE INDEX sync_rejected_unknown_author ON sync_rejected(retry) WHERE retry = 1 AND waits_for = author;
