package sync

// Which devices to read this pass: those whose head (share/heads.go) is past what this PC
// has applied, found in one listing; and every device now and then, as before heads.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"pursuit/sync/share"
)

// sweepEvery is how often every device's log is looked at whatever the heads say: a head
// deleted or never written (a PC of a version before heads) delays a device's changes by
// at most this long.
const sweepEvery = time.Hour

// maxStaleFollows is how many stale heads — followed before and nothing found there — one
// pass follows again, in turn. A head can be ahead of what a PC sees for a while (an SMB
// client's cache keeps "not found" for seconds), so none is given up on; but heads planted
// with numbers no segment has must not cost a look each on every pass.
const maxStaleFollows = 8

// devicesToRead lists the devices to read this pass, and every head on the share (nil
// when it has none yet). sweep says every device is read: on the first pass, once every
// sweepEvery, and while the share has no heads. Otherwise only those whose head is past
// what is applied here: each head new since the last pass, and a few stale ones.
func (e *Engine) devicesToRead(ctx context.Context, r *Report) (devs []string, heads []share.Head, sweep bool, err error) {
	heads, warns, err := e.Share.Heads(ctx)
	if err != nil && !errors.Is(err, share.ErrNoHeads) {
		return nil, nil, false, err
	}
	r.Warnings = append(r.Warnings, capWarnings(warns, "heads/", "files that are not devices' heads")...)
	now := e.now()
	if len(heads) == 0 || e.swept.IsZero() || now.Sub(e.swept) >= sweepEvery || now.Before(e.swept) {
		devs, warns, err := e.Share.Devices(ctx)
		if err != nil {
			return nil, nil, false, err
		}
		r.Warnings = append(r.Warnings, capWarnings(warns, "devices/", "files that are not device folders")...)
		e.swept, e.stale, e.full = now, nil, nil
		return devs, heads, true, nil
	}
	applied, err := e.Store.AppliedSeqs(ctx)
	if err != nil {
		return nil, nil, false, err
	}
	var stale []string
	for dev, seq := range latestHeads(heads) {
		switch {
		case seq <= applied[dev]:
			delete(e.stale, dev)
		case e.stale[dev] == seq:
			stale = append(stale, dev)
		default:
			devs = append(devs, dev)
		}
	}
	if len(stale) > 0 {
		slices.Sort(stale)
		// In turn, from where the last pass stopped.
		from, _ := slices.BinarySearch(stale, e.staleFrom)
		for i := range min(len(stale), maxStaleFollows) {
			devs = append(devs, stale[(from+i)%len(stale)])
		}
		e.staleFrom = stale[(from+min(len(stale), maxStaleFollows))%len(stale)]
	}
	devs = e.notHeldBack(ctx, devs, r)
	slices.Sort(devs)
	return devs, heads, false, nil
}

// notHeldBack leaves out the devices held back for what is kept aside here, until less is
// kept aside than when they were: re-reading their segment sooner would only be refused
// again, at the cost of reading it. They are still named as held back in r.
func (e *Engine) notHeldBack(ctx context.Context, devs []string, r *Report) []string {
	if len(e.full) == 0 {
		return devs
	}
	now := e.keptAside(ctx)
	for dev, then := range e.full {
		if now < then {
			delete(e.full, dev)
		}
	}
	for dev := range e.full {
		r.HeldBack = append(r.HeldBack, dev)
	}
	slices.Sort(r.HeldBack)
	return slices.DeleteFunc(devs, func(dev string) bool { _, held := e.full[dev]; return held })
}

// keptAside is how many changes are kept aside here (-1 when it cannot be told: a device
// held back is then tried again).
func (e *Engine) keptAside(ctx context.Context) int {
	n, err := e.Store.KeptAsideCount(ctx)
	if err != nil {
		return -1
	}
	return n
}

// latestHeads is each device's latest head (a device may briefly have two).
func latestHeads(heads []share.Head) map[string]uint64 {
	latest := make(map[string]uint64, len(heads))
	for _, h := range heads {
		latest[h.Device] = max(latest[h.Device], h.Seq)
	}
	return latest
}

// noteFollowed records what following a device's head at seq found: a head followed to
// nothing is stale until something is found or the head moves.
func (e *Engine) noteFollowed(dev string, seq uint64, found bool) {
	if found {
		delete(e.stale, dev)
		return
	}
	if seq == 0 {
		return
	}
	if e.stale == nil {
		e.stale = map[string]uint64{}
	}
	e.stale[dev] = seq
}

// markOwnHead writes this device's head when the share lacks it or names an older segment
// (after a push, after an upgrade, or when someone removed it), and removes its older ones
// among heads (the share's as last listed, or this device's as last seen). It says whether
// it wrote one: others act on it.
func (e *Engine) markOwnHead(ctx context.Context, heads []share.Head) (bool, error) {
	ps, err := e.Store.PushState(ctx)
	if err != nil || ps.Segment == 0 {
		return false, err
	}
	me := e.Store.DeviceID()
	var mine []uint64
	for _, h := range heads {
		if h.Device == me {
			mine = append(mine, h.Seq)
		}
	}
	if len(mine) == 1 && mine[0] == ps.Segment {
		e.ownHead = []share.Head{{Device: me, Seq: ps.Segment}}
		return false, nil
	}
	if err := e.Share.MarkHead(ctx, me, ps.Segment, mine); err != nil {
		return false, err
	}
	e.ownHead = []share.Head{{Device: me, Seq: ps.Segment}}
	return true, nil
}

// capWarnings keeps the first maxWarnings of warns and says how many more there were: ten
// thousand stray files must not become ten thousand lines in the sync log.
func capWarnings(warns []share.Warning, dir, what string) []share.Warning {
	if len(warns) <= maxWarnings {
		return warns
	}
	n := len(warns) - maxWarnings
	return append(warns[:maxWarnings:maxWarnings], share.Warning{Path: dir, Reason: fmt.Sprintf("and %d more %s; ignored", n, what)})
}
