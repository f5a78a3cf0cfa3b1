package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/sync"
	"pursuit/sync/share"
)

// exitOffline is the exit status of a sync that could not reach the shared folder: a
// script can tell "try later" from a real failure.
const exitOffline = 3

type offlineError struct{ err error }

func (e offlineError) Error() string { return e.err.Error() }
func (e offlineError) Unwrap() error { return e.err }

// syncSummary is the --json form of one pass.
type syncSummary struct {
	Share        string          `json:"share"`
	Device       string          `json:"device"`
	OK           bool            `json:"ok"`
	Offline      bool            `json:"offline,omitempty"`
	Error        string          `json:"error,omitempty"`
	Sent         int             `json:"sent"`
	SegmentsOut  int             `json:"segments_sent"`
	BlobsSent    int             `json:"attachments_sent"`
	Received     int             `json:"received"`
	SegmentsIn   int             `json:"segments_received"`
	BlobsFetched int             `json:"attachments_received"`
	MissingBlobs int             `json:"attachments_waiting"`
	Conflicts    int             `json:"new_conflicts"`
	Rejected     int             `json:"rejected"`
	Released     int             `json:"released"`
	HeldBack     []string        `json:"held_back,omitempty"`
	ShareOps     int64           `json:"share_ops"`
	NewDevice    string          `json:"new_device_id,omitempty"`
	LostOwn      uint64          `json:"own_segments_lost,omitempty"`
	Skewed       []string        `json:"skewed_devices,omitempty"`
	Gaps         []string        `json:"devices_with_missing_history,omitempty"`
	Warnings     []share.Warning `json:"warnings,omitempty"`
	Pending      int             `json:"still_to_send"`
	Millis       int64           `json:"ms"`
	// Root is the folder's administrator key as this PC trusts it: its fingerprint, and
	// whether something the folder cannot change confirmed it (deployed or confirmed).
	Root        string `json:"root_fingerprint,omitempty"`
	RootChecked bool   `json:"root_checked"`
}

func cmdSync(g *globals, args []string) error {
	fs := g.flags("sync")
	dir := fs.String("share", "", "the shared folder (default: the one chosen in Settings)")
	watch := fs.Bool("watch", false, "keep syncing every --every until interrupted")
	every := fs.Duration("every", 45*time.Second, "with --watch: time between passes")
	initShare := fs.Bool("init", false, "set up the folder as Pursuit's shared folder first (once, by whoever sets up the Trust's share)")
	unprotected := fs.Bool("unprotected", false, "with --init and no --as: set the folder up without an administrator's key (changes arriving there cannot be checked)")
	rootFP := fs.String("root", "", "the fingerprint of the folder's administrator key, as the Trust published it: confirms it on this PC (this PC then syncs only with a folder naming that key)")
	timeout := fs.Duration("timeout", 20*time.Second, "give up on a shared-folder operation after this long")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *initShare && g.as == "" && !*unprotected {
		return usageError{"--init sets the folder up protected by an administrator's key: add --as ADMINISTRATOR (password on standard input); --unprotected sets up a folder whose changes nobody can check"}
	}
	return g.withStore(false, func(ctx context.Context, st *sqlite.Store) error {
		if *rootFP != "" {
			by := "the command line"
			if g.as != "" {
				by = g.as
			}
			if err := st.ConfirmTrustRoot(ctx, *rootFP, by); err != nil {
				return fmt.Errorf("confirm the administrator key: %w", err)
			}
		}
		if *dir == "" {
			d, err := st.ShareFolder(ctx)
			if err != nil {
				return err
			}
			if d == "" {
				return usageError{"no shared folder: give one with --share DIR (or choose it in the app's Settings)"}
			}
			*dir = d
		}
		log := slog.New(slog.NewTextHandler(g.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		eng := sync.ForFolder(st, *dir, *timeout, g.now, log)
		if *initShare {
			if err := g.setUpShare(ctx, st, eng, *dir); err != nil {
				return err
			}
		}
		if !*watch {
			rep, err := eng.Pass(ctx)
			return g.reportSync(ctx, st, *dir, rep, err)
		}
		ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
		defer stop()
		r := &sync.Runner{Engine: eng, Interval: *every, WatchDir: sync.LocalFolder(*dir)}
		r.OnStatus = func(s sync.Status) {
			if s.State != sync.Syncing {
				g.reportSync(ctx, st, *dir, s.Last, s.Err)
			}
		}
		r.Run(ctx, 30*time.Second)
		return nil
	})
}

func (g *globals) reportSync(ctx context.Context, st *sqlite.Store, dir string, rep sync.Report, err error) error {
	sum := syncSummary{Share: dir, Device: st.DeviceID(), OK: err == nil, Sent: rep.Pushed, SegmentsOut: rep.SegmentsOut,
		BlobsSent: rep.BlobsSent, Received: rep.Applied, SegmentsIn: rep.SegmentsIn, BlobsFetched: rep.BlobsFetched,
		MissingBlobs: rep.MissingBlobs, Conflicts: rep.Conflicts, Rejected: rep.Rejected, Released: rep.Released, HeldBack: rep.HeldBack, ShareOps: rep.ShareOps, NewDevice: rep.NewDevice, LostOwn: rep.LostOwn,
		Skewed: rep.SkewedDevices, Gaps: rep.Gaps, Warnings: rep.Warnings, Millis: rep.Duration.Milliseconds()}
	sum.Pending, _ = st.PendingCount(ctx)
	if t, terr := st.RootTrust(ctx); terr == nil {
		sum.Root, sum.RootChecked = t.Pinned.Fingerprint(), t.Checked()
	}
	if err != nil {
		sum.Error = err.Error()
		sum.Offline = errors.Is(err, share.ErrUnreachable)
	}
	perr := g.print(sum, func(w io.Writer) { writeSyncSummary(w, sum) })
	switch {
	case perr != nil:
		return perr
	case sum.Offline:
		return offlineError{fmt.Errorf("the shared folder %s cannot be reached; nothing was lost, changes wait on this device (%d to send): %w", dir, sum.Pending, err)}
	case err != nil:
		return fmt.Errorf("sync with %s: %w", dir, err)
	case len(sum.Gaps) > 0:
		// Synced, but not everything on the folder could be taken: a script must not
		// read this as a clean pass.
		return fmt.Errorf("sync with %s: the history of %d device(s) is missing from the shared folder, so their changes are not here: %s", dir, len(sum.Gaps), strings.Join(sum.Gaps, ", "))
	}
	return nil
}

// setUpShare sets the folder up: protected by the administrator's key when one signs in
// with --as, unprotected otherwise (and said so).
func (g *globals) setUpShare(ctx context.Context, st *sqlite.Store, eng *sync.Engine, dir string) error {
	if g.as == "" {
		if err := eng.Init(ctx); err != nil {
			return err
		}
		if id, err := eng.Share.Identity(ctx); err == nil && id.Root.Protected() {
			fmt.Fprintf(g.stderr, "The folder was already set up, protected by an administrator's key (fingerprint %s); it stays so.\n", id.Root.Fingerprint())
			return nil
		}
		fmt.Fprintln(g.stderr, "warning: the shared folder is NOT protected: no administrator's key checks what arrives there, so anyone who can write to it can forge a sign-off that every PC accepts. Set up a new folder with --as ADMINISTRATOR to protect it.")
		return nil
	}
	ss, err := g.actor(ctx, st)
	if err != nil {
		return err
	}
	if ss.RootFor() == (model.TrustRoot{}) {
		return fmt.Errorf("%w: only an administrator protects a shared folder with their key", model.ErrForbidden)
	}
	if err := sync.SetUpFolder(ctx, dir, ss); err != nil {
		return err
	}
	if t, err := st.RootTrust(ctx); err == nil && t.Pinned.Protected() {
		fmt.Fprintf(g.stderr, "The folder is protected by %s's key. Its fingerprint is\n\n    %s\n\nPublish it to the Trust's IT (for each PC's settings) and keep it: a PC that joins checks the folder against it.\n", ss.User.Name, t.Pinned.Fingerprint())
	}
	return nil
}

func writeSyncSummary(w io.Writer, s syncSummary) {
	if s.Error != "" {
		fmt.Fprintf(w, "Sync with %s did not finish.\n", s.Share)
	} else {
		fmt.Fprintf(w, "Synced with %s in %d ms.\n", s.Share, s.Millis)
	}
	fmt.Fprintf(w, "  sent      %d changes in %d segments, %d attachments\n", s.Sent, s.SegmentsOut, s.BlobsSent)
	fmt.Fprintf(w, "  received  %d changes from %d segments, %d attachments", s.Received, s.SegmentsIn, s.BlobsFetched)
	if s.MissingBlobs > 0 {
		fmt.Fprintf(w, " (%d still to arrive)", s.MissingBlobs)
	}
	fmt.Fprintln(w)
	if s.Pending > 0 {
		fmt.Fprintf(w, "  waiting   %d changes not yet on the shared folder\n", s.Pending)
	}
	if s.Conflicts > 0 {
		fmt.Fprintf(w, "  %d texts were changed on two devices: open the app to choose\n", s.Conflicts)
	}
	if s.Released > 0 {
		fmt.Fprintf(w, "  %d changes kept aside before now count (what they waited for arrived)\n", s.Released)
	}
	if s.Rejected > 0 {
		fmt.Fprintf(w, "  %d changes from the shared folder could not be applied and were kept aside (pursuit verify says why)\n", s.Rejected)
	}
	if len(s.HeldBack) > 0 {
		fmt.Fprintf(w, "  %d devices held back: this PC already keeps aside too many of their changes that cannot count yet; their later changes wait on the shared folder (pursuit kept-aside lists what is kept)\n", len(s.HeldBack))
	}
	switch {
	case s.LostOwn > 0:
		fmt.Fprintf(w, "  warning: %d of this PC's files had vanished from the shared folder (deleted, or the folder restored from an older copy): everything made here was sent again, as device %s\n", s.LostOwn, s.NewDevice)
	case s.NewDevice != "":
		fmt.Fprintf(w, "  this data folder is a copy of another device's: it now syncs as %s\n", s.NewDevice)
	}
	for _, d := range s.Skewed {
		fmt.Fprintf(w, "  warning: device %s has its clock set far ahead\n", d)
	}
	for _, wn := range s.Warnings {
		fmt.Fprintf(w, "  skipped %s\n", wn)
	}
	switch {
	case s.Error != "":
	case s.Root == "":
		fmt.Fprintln(w, "  warning: the shared folder is NOT protected: changes arriving through it are not checked")
	case !s.RootChecked:
		fmt.Fprintf(w, "  note: nobody has confirmed the folder's administrator key on this PC (fingerprint %s): compare it with the Trust's, then run pursuit sync --root FINGERPRINT\n", s.Root)
	}
}
