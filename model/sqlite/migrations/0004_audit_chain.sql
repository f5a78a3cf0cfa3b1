-- The audit log becomes a hash chain: each entry's hash covers the previous entry's hash and
-- its own fields, so an entry changed, removed or slipped in afterwards breaks every link
-- after it, and `pursuit check` reports the first broken one. Entries written before this
-- version have no hash and come before the chain begins.
ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
