// Package sync exchanges changes between devices through a shared network folder: the
// local store's outbox operations go out as append-only, checksummed segment files in this
// device's own folder on the share (package share), attachments as content-addressed blobs;
// other devices' segments come in and are merged by the store. The SQLite file itself never
// lives on the share. Engine runs one pass; Runner decides when (at start, on a timer,
// after saves, on demand, before exit) and reports the state for the sync indicator.
package sync
