// Package sync will exchange changes between devices through a shared network folder: the
// local store's outbox operations (model.Op), written as append-only, checksummed segment
// files per device, and attachments as content-addressed blobs. The SQLite file itself
// never lives on the share. See the README's architecture section.
package sync
