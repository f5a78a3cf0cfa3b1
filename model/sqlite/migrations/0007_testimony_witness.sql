-- The account of the witness who confirmed a testimony with their own password (their
-- change, signed by them). Empty when the preceptee recorded a witness who has no account
-- (an agency nurse, a service user): the app and the PDF then say so, and that the
-- testimony is the preceptee's record, not the witness's confirmation.
ALTER TABLE evidence ADD COLUMN witness_id TEXT NOT NULL DEFAULT '';
