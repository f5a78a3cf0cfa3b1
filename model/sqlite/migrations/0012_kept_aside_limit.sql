-- Changes kept aside are capped per device and per claimed author (keptaside.go): past the
-- limit, one row stands for the rest, counted in tally, so that a flood from one file or
-- one name cannot fill a PC's disk. Rows that keep a change whole have tally 0.
ALTER TABLE sync_rejected ADD COLUMN tally INTEGER NOT NULL DEFAULT 0;
-- Counted once per segment for each device and author, and a change read twice found by
-- its segment; the row standing for the rest is found again by device and author.
CREATE INDEX sync_rejected_device_kept ON sync_rejected(device, seq) WHERE tally = 0;
CREATE INDEX sync_rejected_author_kept ON sync_rejected(author) WHERE tally = 0;
CREATE INDEX sync_rejected_tally ON sync_rejected(device, author) WHERE tally > 0;
-- Changes that waited too long are found without reading the ones still waiting.
CREATE INDEX sync_rejected_waiting_since ON sync_rejected(at) WHERE retry = 1 AND waiting = 1;
