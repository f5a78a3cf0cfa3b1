package sync

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/sync/share"
)

// Store is what sync needs of the local store (sqlite.Store has it all).
type Store interface {
	DeviceID() string
	PushState(ctx context.Context) (sqlite.PushState, error)
	Pending(ctx context.Context, maxOps, maxBytes int) ([]sqlite.Outgoing, error)
	MarkPushed(ctx context.Context, seq uint64, lastOutbox int64) error
	RenewDevice(ctx context.Context) (string, error)
	AppliedSeq(ctx context.Context, device string) (uint64, error)
	AppliedSeqs(ctx context.Context) (map[string]uint64, error)
	Prepare(ctx context.Context, ops []json.RawMessage) *sqlite.Incoming
	DeviceKey(ctx context.Context) (ed25519.PrivateKey, error)
	TrustRoot(ctx context.Context) (model.TrustRoot, error)
	ApplyPrepared(ctx context.Context, device string, seq uint64, in *sqlite.Incoming) (sqlite.ApplyResult, error)
	ReadAttachment(sha string) ([]byte, error)
	MissingAttachments(ctx context.Context) ([]string, error)
	AddFetchedAttachment(sha string, data []byte) error
	SyncedAt(ctx context.Context, t time.Time) error
	NoteClock(ctx context.Context, device string, created time.Time) (int64, error)
	HeldAttachments(ctx context.Context) ([]string, error)
	FollowDeviceID(ctx context.Context) error
	JoinShare(ctx context.Context, id string) (bool, error)
	PinTrustRoot(ctx context.Context, r model.TrustRoot) error
	FormerDeviceIDs(ctx context.Context) ([]string, error)
	KeptAsideSince(ctx context.Context, t time.Time) (int, error)
	KeptAsideCount(ctx context.Context) (int, error)
	ReadBefore(ctx context.Context, device string) (uint64, error)
}

// Engine runs passes between one data folder and one shared folder.
type Engine struct {
	Store Store
	Share *share.Share
	Now   func() time.Time
	Log   *slog.Logger
	// Progress, when set, hears what a pass is doing ("Sending 3 changes").
	Progress func(string)

	// Limits that keep one pass short on a slow share; what is left waits for the next.
	MaxSegmentOps   int // operations per segment (default 2000)
	MaxSegmentBytes int // bytes of operations per segment (default 4 MiB)
	MaxFetchBytes   int // attachment bytes fetched per pass (default 200 MiB)
	// Sweep clears this device's temporary files left on the share by writes that never
	// finished (the share vanished mid-copy); the Runner asks for it once an hour.
	Sweep bool

	ownListed time.Time         // when this device last listed its own whole log (checkOwnLogIntact)
	swept     time.Time         // when every device's log was last looked at (heads.go)
	stale     map[string]uint64 // heads followed to nothing, by device
	staleFrom string            // the stale head to follow first next pass
	ownHead   []share.Head      // this device's heads on the share as last seen or written
	full      map[string]int    // devices held back (HeldBack), with how much was kept aside then
}

// Report is what one pass did.
type Report struct {
	Started     time.Time
	Duration    time.Duration
	Pushed      int   // operations sent
	SegmentsOut int   // segments written
	HeadMarked  bool  // this device's head on the share moved (others read its new segments)
	ShareOps    int64 // operations on the shared folder (listings, stats, reads, writes), when counted
	BlobsSent   int
	Applied     int // operations received that changed something
	SegmentsIn  int // segments applied
	Conflicts   int
	Rejected    int
	Released    int // kept aside by an earlier segment or pass, and counting now
	// HeldBack are devices whose next segment was not applied: keeping its refused changes
	// aside would pass the limit of what a PC keeps; they wait on the share.
	HeldBack     []string
	BlobsFetched int
	MissingBlobs int // attachments still to arrive
	NewDevice    string
	// LostOwn is how many of this device's segments had vanished from the shared folder
	// (deleted, or the folder restored from an older copy): everything was sent again.
	LostOwn       uint64
	NewShare      bool // the shared folder is not the one this device synced with before
	SkewedDevices []string
	Warnings      []share.Warning
	// Gaps are devices whose history has a hole on the shared folder (their first segments
	// missing while later ones are there): nothing of theirs could be applied.
	Gaps []string
}

// maxWarnings is how many skipped files one pass reports by name.
const maxWarnings = 20

// ErrOffline wraps share.ErrUnreachable for callers that only ask "was it there?".
var ErrOffline = share.ErrUnreachable

func (e *Engine) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

func (e *Engine) log() *slog.Logger {
	if e.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return e.Log
}

func (e *Engine) progress(format string, args ...any) {
	if e.Progress != nil {
		e.Progress(fmt.Sprintf(format, args...))
	}
}

// Pass pushes this device's changes and pulls everyone else's. An unreachable share ends
// the pass with an error wrapping share.ErrUnreachable and changes nothing locally; bad
// files on the share are skipped with a warning and the rest goes on.
func (e *Engine) Pass(ctx context.Context) (r Report, err error) {
	r.Started = e.now()
	counted, _ := e.Share.FS.(*share.Counting)
	var ops0 int64
	if counted != nil {
		ops0 = counted.Ops()
	}
	defer func() {
		r.Duration = e.now().Sub(r.Started)
		if counted != nil {
			r.ShareOps = counted.Ops() - ops0
		}
	}()
	id, err := e.Share.Identity(ctx)
	if errors.Is(err, share.ErrNotFormatted) {
		return r, fmt.Errorf("this folder is not set up as Pursuit's shared folder (no FORMAT.json): check it is the right one, then set it up: %w", err)
	} else if err != nil {
		return r, err
	}
	// Before anything moves: a share naming another administrator key than the one pinned
	// here is not ours to trust (a replaced FORMAT.json, or another Trust's folder).
	if err := e.Store.PinTrustRoot(ctx, id.Root); err != nil {
		return r, err
	}
	if r.NewShare, err = e.Store.JoinShare(ctx, id.ID); err != nil {
		return r, err
	}
	if err := e.Store.FollowDeviceID(ctx); err != nil {
		return r, err
	}
	if err := e.settleOwnLog(ctx, &r); err != nil {
		return r, err
	}
	// A change that cannot go up now (a file that will not copy) must not stop everyone
	// else's changes coming down: push, then pull whatever happened, and report both.
	pushErr := e.push(ctx, &r)
	if errors.Is(pushErr, share.ErrUnreachable) {
		return r, pushErr
	}
	if pushErr == nil && r.SegmentsOut > 0 {
		// Others learn of the new segments from this device's head: at once, not after
		// this pass has read theirs.
		if r.HeadMarked, err = e.markOwnHead(ctx, e.ownHead); err != nil {
			return r, err
		}
	}
	heads, err := e.pull(ctx, &r)
	if err != nil {
		return r, errors.Join(pushErr, err)
	}
	if err := e.fetch(ctx, &r); err != nil {
		return r, errors.Join(pushErr, err)
	}
	if pushErr == nil {
		if err := e.repairBlobs(ctx, &r); err != nil {
			return r, err
		}
	}
	if pushErr != nil {
		return r, pushErr
	}
	if marked, err := e.markOwnHead(ctx, heads); err != nil {
		return r, err
	} else if marked {
		r.HeadMarked = true
	}
	if e.Sweep {
		if n, err := e.Share.SweepTemp(ctx, e.Store.DeviceID(), time.Hour); err == nil && n > 0 {
			e.log().Info("removed unfinished uploads from the share", "files", n)
		}
	}
	return r, e.Store.SyncedAt(ctx, e.now())
}

// Review reads every other device's log into the store, as a pull does, and writes nothing
// to the share: `pursuit verify` runs it on a scratch store to judge the whole share.
func (e *Engine) Review(ctx context.Context) (r Report, err error) {
	r.Started = e.now()
	defer func() { r.Duration = e.now().Sub(r.Started) }()
	id, err := e.Share.Identity(ctx)
	if err != nil {
		return r, err
	}
	if err := e.Store.PinTrustRoot(ctx, id.Root); err != nil {
		return r, err
	}
	_, err = e.pull(ctx, &r)
	return r, err
}

// Init sets up a folder as Pursuit's shared folder. It is a deliberate step, never a side
// effect of a pass: a drive letter pointing at the wrong folder must not be filled with
// Pursuit's files, and an empty listing may be a share that is not really there.
func (e *Engine) Init(ctx context.Context) error { return e.InitWith(ctx, model.TrustRoot{}) }

// InitWith is Init protecting the share with root, the administrator key every device will
// pin (none: an unprotected share, as set up by the command line with nobody signed in).
func (e *Engine) InitWith(ctx context.Context, root model.TrustRoot) error {
	if err := e.Share.InitWith(ctx, root); err != nil {
		return fmt.Errorf("set up the shared folder: %w", err)
	}
	return nil
}

// settleOwnLog compares this device's folder on the share with what the store remembers
// pushing. A segment beyond it is either this device's own, written just before a crash
// (its operations are the next ones in the outbox: adopt it), or another copy of this
// database wrote it (a restored backup, a cloned PC): then this folder takes a new id.
func (e *Engine) settleOwnLog(ctx context.Context, r *Report) error {
	for {
		ps, err := e.Store.PushState(ctx)
		if err != nil {
			return err
		}
		dev := e.Store.DeviceID()
		next, ok, err := e.Share.NextSegment(ctx, dev, ps.Segment)
		if err != nil {
			return err
		}
		if !ok {
			return e.checkOwnLogIntact(ctx, dev, ps, r)
		}
		seg, err := e.Share.ReadSegment(ctx, dev, next)
		if err != nil && !errors.Is(err, share.ErrBadSegment) {
			return err
		}
		if err == nil {
			last, mine, err := e.ownOps(ctx, seg)
			if err != nil {
				return err
			}
			if mine {
				if err := e.Store.MarkPushed(ctx, next, last); err != nil {
					return err
				}
				continue
			}
		}
		// Another pass on this data folder (a second window, the command line) may have
		// just recorded that very segment as pushed: look again before deciding it is a copy.
		if now, err := e.Store.PushState(ctx); err != nil {
			return err
		} else if now != ps {
			continue
		}
		fresh, err := e.Store.RenewDevice(ctx)
		if err != nil {
			return err
		}
		e.log().Warn("the shared folder holds segments of this device id that this database did not write; taking a new id", "old", dev, "new", fresh)
		r.NewDevice = fresh
		return nil
	}
}

// checkOwnLogIntact makes sure the last segment this device pushed is still on the share. A
// share restored from an older copy has lost it: the numbers after it may already be known
// to others, so this device cannot write them again; it takes a new id and sends everything.
func (e *Engine) checkOwnLogIntact(ctx context.Context, dev string, ps sqlite.PushState, r *Report) error {
	if ps.Segment == 0 {
		return nil
	}
	// Its last segment, and its first: a PC joining later reads from the first, so a
	// history deleted from the front is lost to it as surely as one deleted whole.
	_, lastThere, err := e.Share.NextSegment(ctx, dev, ps.Segment-1)
	if err != nil {
		return err
	}
	firstThere := true
	if lastThere && ps.Segment > 1 {
		if _, firstThere, err = e.Share.NextSegment(ctx, dev, 0); err != nil {
			return err
		}
	}
	if lastThere && firstThere {
		// A hole in the middle is found by listing the whole log, once an hour: files
		// deleted there are lost to every PC that joins later.
		now := e.now()
		if !e.ownListed.IsZero() && now.Sub(e.ownListed) < time.Hour {
			return nil
		}
		e.ownListed = now
		seqs, err := e.Share.Segments(ctx, dev)
		if err != nil {
			return err
		}
		have := map[uint64]bool{}
		for _, q := range seqs {
			have[q] = true
		}
		missing := uint64(0)
		for q := uint64(1); q <= ps.Segment; q++ {
			if !have[q] {
				missing++
			}
		}
		if missing == 0 {
			return nil
		}
		return e.resendEverything(ctx, dev, missing, r)
	}
	// A file that reads as missing may be a flaky redirector, never proof of loss: only a
	// listing that shows the loss is.
	first, last, err := e.Share.SegmentRange(ctx, dev)
	if err != nil || last >= ps.Segment && first == 1 {
		return err
	}
	lost := ps.Segment - last
	if last >= ps.Segment {
		lost = first - 1 // the front of the history
	}
	// Nothing at all of this device's (last == 0) is a loss too: deleted, or lost with a
	// restore. LastSegment listed the devices' folder to say so, so the share was there.
	return e.resendEverything(ctx, dev, lost, r)
}

// resendEverything takes a new device id and sends everything this device made again, for
// a log the shared folder lost part of (lost segments).
func (e *Engine) resendEverything(ctx context.Context, dev string, lost uint64, r *Report) error {
	fresh, err := e.Store.RenewDevice(ctx)
	if err != nil {
		return err
	}
	e.log().Warn("the shared folder has lost segments this device wrote (deleted, or restored from an older copy); sending everything again", "old", dev, "new", fresh, "missing", lost)
	r.NewDevice, r.LostOwn = fresh, lost
	return e.Store.MarkPushed(ctx, 0, 0)
}

// ownOps says whether seg holds exactly the next operations of this outbox, and the
// outbox position of its last one.
func (e *Engine) ownOps(ctx context.Context, seg share.Segment) (int64, bool, error) {
	pending, err := e.Store.Pending(ctx, len(seg.Ops), 1<<40)
	if err != nil {
		return 0, false, err
	}
	if len(pending) != len(seg.Ops) || len(pending) == 0 {
		return 0, false, nil
	}
	for i, o := range pending {
		if string(o.Op) != string(seg.Ops[i]) {
			return 0, false, nil
		}
	}
	return pending[len(pending)-1].Seq, true, nil
}

func (e *Engine) push(ctx context.Context, r *Report) error {
	maxOps, maxBytes := e.MaxSegmentOps, e.MaxSegmentBytes
	if maxOps <= 0 {
		maxOps = 2000
	}
	if maxBytes <= 0 {
		maxBytes = 4 << 20
	}
	// The segment carries framing and one line per operation besides: stay well inside
	// what a reader accepts.
	maxBytes = min(maxBytes, share.MaxSegmentBytes/2)
	for {
		pending, err := e.Store.Pending(ctx, maxOps, maxBytes)
		if err != nil || len(pending) == 0 {
			return err
		}
		e.progress("Sending %d changes", len(pending))
		ops := make([]json.RawMessage, len(pending))
		for i, o := range pending {
			ops[i] = o.Op
			// Blobs go first: a device that reads the operation can then find the file.
			if err := e.sendBlob(ctx, o.Op, r); err != nil {
				return err
			}
		}
		ps, err := e.Store.PushState(ctx)
		if err != nil {
			return err
		}
		key, err := e.Store.DeviceKey(ctx)
		if err != nil {
			return err
		}
		seg := share.Segment{Device: e.Store.DeviceID(), Seq: ps.Segment + 1, Created: e.now(), Ops: ops}
		if err := e.Share.WriteSignedSegment(ctx, seg, key); err != nil {
			if errors.Is(err, share.ErrExists) {
				// Someone wrote that number meanwhile: settle it, then carry on.
				if err := e.settleOwnLog(ctx, r); err != nil {
					return err
				}
				continue
			}
			return err
		}
		if err := e.Store.MarkPushed(ctx, seg.Seq, pending[len(pending)-1].Seq); err != nil {
			return err
		}
		r.Pushed += len(ops)
		r.SegmentsOut++
	}
}

// sendBlob uploads the file an attachment operation names, if the share lacks it.
func (e *Engine) sendBlob(ctx context.Context, raw json.RawMessage, r *Report) error {
	var op struct {
		Table  string         `json:"table"`
		Kind   string         `json:"kind"`
		Fields map[string]any `json:"fields"`
	}
	if json.Unmarshal(raw, &op) != nil || op.Table != "attachments" || op.Kind != "put" {
		return nil
	}
	sha, _ := op.Fields["sha256"].(string)
	if sha == "" {
		return nil
	}
	if ok, err := e.Share.HasBlob(ctx, sha); err != nil || ok {
		return err
	}
	data, err := e.Store.ReadAttachment(sha)
	if err != nil {
		// The file was attached on another device and has not arrived here: that device
		// sends it.
		e.log().Warn("attachment not on this device; not sent", "sha256", sha)
		return nil
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != sha {
		r.Warnings = append(r.Warnings, share.Warning{Path: "attachments/" + sha[:12], Reason: "not sent: the file on this PC is damaged (its content no longer matches); run pursuit check"})
		return nil
	}
	e.progress("Sending an attachment (%s)", humanBytes(len(data)))
	if err := e.Share.PutBlob(ctx, sha, data); err != nil {
		if errors.Is(err, share.ErrUnreachable) {
			return err
		}
		// A damaged or unreadable file here must not hold back every other change: the
		// record goes up, others show "not on this device yet", and the warning says why.
		r.Warnings = append(r.Warnings, share.Warning{Path: "attachments/" + sha[:12], Reason: "not sent: " + err.Error()})
		e.log().Warn("attachment not sent", "sha256", sha, "err", err)
		return nil
	}
	r.BlobsSent++
	return nil
}

// fetch brings attachments whose records have arrived but whose files have not; a file not
// on the share yet simply waits for a later pass.
func (e *Engine) fetch(ctx context.Context, r *Report) error {
	missing, err := e.Store.MissingAttachments(ctx)
	if err != nil || len(missing) == 0 {
		return err
	}
	budget := e.MaxFetchBytes
	if budget <= 0 {
		budget = 200 << 20
	}
	// Start somewhere new each pass, and stop after a bounded number of files that are not
	// there: one that will not come must not keep the others waiting, and an idle pass stays
	// cheap; what is there comes, up to the byte budget.
	start := int(e.now().UnixNano()/int64(time.Millisecond)) % len(missing)
	misses := 0
	for k := range missing {
		sha := missing[(start+k)%len(missing)]
		if budget <= 0 || misses == maxFetchLooks {
			r.MissingBlobs += len(missing) - k
			break
		}
		ok, err := e.Share.HasBlob(ctx, sha)
		if err != nil {
			return err
		}
		if !ok {
			misses++
			r.MissingBlobs++
			continue
		}
		e.progress("Fetching attachments (%d of %d)", k+1, len(missing))
		data, err := e.Share.GetBlob(ctx, sha)
		if errors.Is(err, share.ErrUnreachable) {
			return err
		}
		if err != nil {
			r.Warnings = append(r.Warnings, share.Warning{Path: "blobs/sha256/" + sha[:2] + "/" + sha, Reason: err.Error()})
			misses++
			r.MissingBlobs++
			continue
		}
		if err := e.Store.AddFetchedAttachment(sha, data); err != nil {
			return err
		}
		budget -= len(data)
		r.BlobsFetched++
	}
	return nil
}

// repairBlobs checks a few of the files this device holds against the share each pass and
// puts back any the share has lost (deleted by someone, or a share restored from an older
// copy): the devices still waiting for them get them from whoever has them.
func (e *Engine) repairBlobs(ctx context.Context, r *Report) error {
	held, err := e.Store.HeldAttachments(ctx)
	if err != nil || len(held) == 0 {
		return err
	}
	start := int(e.now().UnixNano()/int64(time.Millisecond)) % len(held)
	for k := range min(len(held), repairPerPass) {
		sha := held[(start+k)%len(held)]
		ok, err := e.Share.HasBlob(ctx, sha)
		if err != nil || ok {
			if err != nil {
				return err
			}
			continue
		}
		data, err := e.Store.ReadAttachment(sha)
		if err != nil {
			continue
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != sha {
			continue // damaged here: pursuit check says so; never spread it
		}
		if err := e.Share.PutBlob(ctx, sha, data); err != nil {
			if errors.Is(err, share.ErrUnreachable) {
				return err
			}
			continue
		}
		r.BlobsSent++
	}
	return nil
}

// repairPerPass is how many held files one pass checks on the share.
const repairPerPass = 5

// maxFetchLooks bounds how many missing attachments one pass asks the share about in vain:
// those still in transit elsewhere must not make every idle pass slow.
const maxFetchLooks = 50

func humanBytes(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ForFolder is an engine between st and the shared folder at dir (a mapped drive or any
// folder), every file operation bounded by timeout.
func ForFolder(st Store, dir string, timeout time.Duration, now func() time.Time, log *slog.Logger) *Engine {
	sh := &share.Share{FS: &share.Counting{FS: share.Dir{Root: dir, Timeout: timeout}}, Now: now, Log: log}
	return &Engine{Store: st, Share: sh, Now: now, Log: log}
}
