package sync

// Taking other devices' changes: each device's log read in order, each segment checked on
// the other core while the one before it applies, and holes in a log named.

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/sync/share"
)

// pull applies what other devices have written since this PC last looked, and gives the
// share's heads as listed (for markOwnHead).
func (e *Engine) pull(ctx context.Context, r *Report) ([]share.Head, error) {
	devs, heads, sweep, err := e.devicesToRead(ctx, r)
	if err != nil {
		return nil, err
	}
	var latest map[string]uint64
	if !sweep {
		latest = latestHeads(heads)
	}
	root, err := e.Store.TrustRoot(ctx)
	if err != nil {
		return nil, err
	}
	me := e.Store.DeviceID()
	former, err := e.Store.FormerDeviceIDs(ctx)
	if err != nil {
		return nil, err
	}
	for _, dev := range devs {
		if dev == me {
			continue
		}
		found, err := e.pullDevice(ctx, dev, root, slices.Contains(former, dev), sweep, r)
		if err != nil {
			return nil, err
		}
		if !sweep {
			e.noteFollowed(dev, latest[dev], found)
		}
	}
	if r.Rejected > 0 {
		// What this pass kept aside and is still kept aside: some may have counted later in
		// the pass, once what they waited for arrived from another device.
		n, err := e.Store.KeptAsideSince(ctx, r.Started)
		if err != nil {
			return nil, err
		}
		r.Rejected = n
	}
	return heads, nil
}

// incoming is a segment read from the share, its operations already being checked.
type incoming struct {
	seq uint64
	seg share.Segment
	in  *sqlite.Incoming
	ok  bool // there was a next segment
	err error
}

// readAfter reads dev's segment after have and starts checking it.
func (e *Engine) readAfter(ctx context.Context, dev string, have uint64) incoming {
	next, ok, err := e.Share.NextSegment(ctx, dev, have)
	if errors.Is(err, share.ErrBadSegment) {
		// Something planted where the next segment goes (a folder): it holds back this
		// device's later segments, nobody else's.
		return incoming{seq: have + 1, ok: true, err: err}
	}
	if err != nil {
		return incoming{ok: true, err: err} // seq 0: the listing itself failed
	}
	if !ok {
		return incoming{}
	}
	seg, err := e.Share.ReadSegment(ctx, dev, next)
	if err != nil {
		return incoming{seq: next, ok: true, err: err}
	}
	return incoming{seq: next, seg: seg, in: e.Store.Prepare(ctx, seg.Ops).SignedBy(seg.Key), ok: true}
}

// pullDevice applies dev's segments this PC has not applied yet, and says whether there
// was anything after what it had (a segment, or something in its place). mine says dev is
// an id this data folder had before it took a new one: its holes are this PC's own, already
// sent again under the new id. sweep says every device is being looked at, not only those
// whose heads moved.
func (e *Engine) pullDevice(ctx context.Context, dev string, root model.TrustRoot, mine, sweep bool, r *Report) (found bool, err error) {
	have, err := e.Store.AppliedSeq(ctx, dev)
	if err != nil {
		return false, err
	}
	skewed := false
	cur := e.readAfter(ctx, dev, have)
	found = cur.ok
	// A device this PC has never read from is listed once: if segments lie beyond the
	// first one missing, part of its history was deleted from the folder, and what it sent
	// is missing here until it sends it again (it does at its next sync). Listed only on
	// first contact, so an idle pass stays one look per device.
	// How far this PC had read the device before an upgrade made it read the folder again:
	// a log that now ends earlier lost its end, which only its own device would notice.
	before, err := e.Store.ReadBefore(ctx, dev)
	if err != nil {
		return found, err
	}
	var listed uint64
	// Followed from a head to nothing, it is not listed: a head is a hint (anyone can plant
	// one), and the next sweep lists it.
	if (have == 0 || have < before) && !mine && (sweep || found) {
		if _, listed, err = e.Share.SegmentRange(ctx, dev); err != nil {
			return found, err
		}
	}
	applied, held := have, false
	defer func() {
		if !held && !mine && before > applied && listed < before {
			r.Gaps = append(r.Gaps, dev)
			r.Warnings = append(r.Warnings, share.Warning{Path: "devices/" + dev + "/log/",
				Reason: fmt.Sprintf("this PC had read this device's log up to segment %d, but the shared folder now has it only up to %d: its end was deleted or the folder restored from an older copy; that PC sends it again at its next sync", before, listed)})
			e.log().Warn("device history shorter than read before", "device", dev, "read", before, "now", listed)
			return
		}
		if listed > applied && !held {
			r.Gaps = append(r.Gaps, dev)
			r.Warnings = append(r.Warnings, share.Warning{Path: "devices/" + dev + "/log/" + share.SegmentName(applied+1),
				Reason: fmt.Sprintf("missing from the shared folder though later segments of this device are there (up to %d): nothing after it can be applied until that PC sends its history again, which it does at its next sync", listed)})
			e.log().Warn("device history missing", "device", dev, "missing", applied+1, "last", listed)
		}
	}()
	for cur.ok {
		if cur.err == nil && cur.seg.Key == nil && root.Protected() {
			cur.in.Close()
			cur.err = errors.New("not signed by its device, and this shared folder is protected")
		}
		if cur.err != nil {
			if errors.Is(cur.err, share.ErrUnreachable) || cur.seq == 0 {
				return found, cur.err
			}
			// Damaged or from a newer version: later segments of this device wait behind
			// it (order matters), everyone else's go on.
			r.Warnings = append(r.Warnings, share.Warning{Path: "devices/" + dev + "/log/" + share.SegmentName(cur.seq), Reason: cur.err.Error()})
			e.log().Warn("segment skipped", "device", dev, "seq", cur.seq, "err", cur.err)
			held = true
			break
		}
		// The next segment is read and checked while this one applies.
		ahead := make(chan incoming, 1)
		go func(after uint64) { ahead <- e.readAfter(ctx, dev, after) }(cur.seq)
		e.progress("Receiving changes (%d)", len(cur.seg.Ops))
		res, err := e.Store.ApplyPrepared(ctx, dev, cur.seq, cur.in)
		if err == nil {
			applied = cur.seq
			r.SegmentsIn++
			r.Applied += res.Applied
			r.Conflicts += res.Conflicts
			r.Rejected += res.Rejected
			r.Released += res.Released
			var skew int64
			skew, err = e.Store.NoteClock(ctx, dev, cur.seg.Created)
			skewed = skew > 0
		}
		next := <-ahead
		var full *sqlite.KeptAsideFullError
		if errors.As(err, &full) {
			// Nothing of it applied: it and the device's later segments wait on the share
			// until less is kept aside here (keptAsideFull).
			r.Warnings = append(r.Warnings, share.Warning{Path: "devices/" + dev + "/log/" + share.SegmentName(cur.seq), Reason: full.Error()})
			e.log().Warn("device held back: too much kept aside", "device", dev, "seq", cur.seq, "whose", full.Whose)
			r.HeldBack = append(r.HeldBack, dev)
			if e.full == nil {
				e.full = map[string]int{}
			}
			e.full[dev] = e.keptAside(ctx)
			if next.in != nil {
				next.in.Close()
			}
			held = true
			break
		}
		if errors.Is(err, sqlite.ErrOtherDeviceKey) {
			// Someone else's file in that device's folder: it waits there, seen every pass,
			// and holds back that device's later segments (order matters), nobody else's.
			r.Warnings = append(r.Warnings, share.Warning{Path: "devices/" + dev + "/log/" + share.SegmentName(cur.seq), Reason: "not signed by the device whose folder it is in; ignored"})
			e.log().Warn("segment skipped", "device", dev, "seq", cur.seq, "err", err)
		}
		if err != nil {
			if next.in != nil {
				next.in.Close()
			}
			if errors.Is(err, sqlite.ErrOtherDeviceKey) {
				held = true
				break
			}
			return found, err
		}
		cur = next
	}
	if skewed {
		r.SkewedDevices = append(r.SkewedDevices, dev)
	}
	return found, nil
}
