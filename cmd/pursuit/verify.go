package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"text/tabwriter"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/sync"
)

// cmdVerify judges every operation on a shared folder as a new PC joining it would — into
// a scratch data folder that is thrown away, so neither the share nor this PC's data is
// touched — and lists each one that fails, with its device, author and the reason.
func cmdVerify(g *globals, args []string) error {
	fs := g.flags("verify")
	dir := fs.String("share", "", "the shared folder to verify")
	rootFP := fs.String("root", "", "the fingerprint of the Trust's administrator key: the folder must name that key")
	timeout := fs.Duration("timeout", 20*time.Second, "give up on a shared-folder operation after this long")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return usageError{"give the shared folder with --share DIR"}
	}
	ctx := context.Background()
	want, from, err := g.rootToVerifyAgainst(ctx, *rootFP)
	if err != nil {
		return err
	}
	scratchDir, err := os.MkdirTemp("", "pursuit-verify-")
	if err != nil {
		return fmt.Errorf("verify: scratch folder: %w", err)
	}
	defer os.RemoveAll(scratchDir)
	scratch, err := sqlite.Open(ctx, scratchDir, sqlite.Options{Now: g.now, Policy: model.Policy{Source: from, TrustRoot: want}})
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	defer scratch.Close()
	log := slog.New(slog.NewTextHandler(g.stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	rep, err := sync.ForFolder(scratch, *dir, *timeout, g.now, log).Review(ctx)
	if errors.Is(err, model.ErrRootMissing) || errors.Is(err, model.ErrRootChanged) {
		return fmt.Errorf("verify %s against the key %s: %w", *dir, from, err)
	} else if err != nil {
		return fmt.Errorf("verify %s: %w", *dir, err)
	}
	root, err := scratch.TrustRoot(ctx)
	if err != nil {
		return err
	}
	failed, err := scratch.System().RejectedChanges(ctx, 1<<30)
	if err != nil {
		return err
	}
	type failure struct {
		Device string `json:"device"`
		Seq    uint64 `json:"segment"`
		Author string `json:"author"`
		Record string `json:"record"`
		Reason string `json:"reason"`
	}
	res := struct {
		Share     string    `json:"share"`
		Protected bool      `json:"protected"`
		Root      string    `json:"root_fingerprint,omitempty"`
		RootFrom  string    `json:"root_checked_against,omitempty"`
		Applied   int       `json:"verified"`
		Failed    []failure `json:"failed"`
		Skipped   []string  `json:"skipped_files"`
	}{Share: *dir, Protected: root.Protected(), Root: root.Fingerprint(), RootFrom: from, Applied: rep.Applied, Failed: []failure{}, Skipped: []string{}}
	for i := len(failed) - 1; i >= 0; i-- { // oldest first, as they were written
		c := failed[i]
		reason := c.Reason
		if c.Waiting {
			reason += " (and never does on this share)"
		}
		res.Failed = append(res.Failed, failure{c.Device, c.Seq, c.Author, c.Table + " " + c.Row, reason})
	}
	for _, w := range rep.Warnings {
		res.Skipped = append(res.Skipped, w.String())
	}
	// A change judged before what closes its key arrived (a device read before another)
	// applied in the scratch folder: once everything is in, its record shows no proof.
	unproven, err := scratch.Unproven(ctx)
	if err != nil {
		return err
	}
	for _, u := range unproven {
		res.Failed = append(res.Failed, failure{Record: u.Table + " " + u.Row, Reason: "no longer proven once the whole folder was read: " + u.Why})
	}
	if err := g.print(res, func(w io.Writer) {
		switch {
		case !res.Protected:
			fmt.Fprintf(w, "%s is NOT protected by an administrator's key: anyone who can write to it can forge any change, so nothing on it can be verified.\n", res.Share)
		case from == "":
			fmt.Fprintf(w, "Judged against the administrator key the folder itself names (fingerprint %s). Compare it with the one the Trust published, or give --root FINGERPRINT: a folder can name any key.\n", res.Root)
		default:
			fmt.Fprintf(w, "Judged against the administrator key %s (fingerprint %s).\n", from, res.Root)
		}
		fmt.Fprintf(w, "%d changes verified, %d failed.\n", res.Applied, len(res.Failed))
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		if len(res.Failed) > 0 {
			fmt.Fprintln(tw, "DEVICE\tSEGMENT\tAUTHOR\tRECORD\tREASON")
		}
		for _, f := range res.Failed {
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", f.Device, f.Seq, f.Author, f.Record, f.Reason)
		}
		tw.Flush()
		for _, s := range res.Skipped {
			fmt.Fprintf(w, "skipped %s\n", s)
		}
	}); err != nil {
		return err
	}
	if !res.Protected {
		return errors.New("the shared folder is not protected: its changes cannot be verified")
	}
	if len(res.Failed) > 0 || len(res.Skipped) > 0 {
		return fmt.Errorf("%d changes failed verification, %d files skipped", len(res.Failed), len(res.Skipped))
	}
	return nil
}

// rootToVerifyAgainst is the administrator key fingerprint verify holds the folder to, and
// where it came from: --root; else the data folder's (given with --data, or this PC's own)
// — the fingerprint deployed or confirmed there, or the key it pinned; else none ("": the
// folder is judged against the key it names itself, and the output says so).
func (g *globals) rootToVerifyAgainst(ctx context.Context, given string) (string, string, error) {
	if given != "" {
		fp, err := model.ParseFingerprint(given)
		if err != nil {
			return "", "", usageError{"--root: " + err.Error()}
		}
		return fp, "given with --root", nil
	}
	if p := g.policy(); p.TrustRoot != "" {
		return p.TrustRoot, "named by the Trust's settings for this PC (" + p.Source + ")", nil
	}
	dir, err := g.dataDir()
	if err != nil || !hasDatabase(dir) {
		return "", "", nil
	}
	var want, from string
	err = g.withStore(true, func(ctx context.Context, st *sqlite.Store) error {
		t, err := st.RootTrust(ctx)
		switch {
		case err != nil:
			return err
		case t.Want() != "":
			want, from = t.Want(), "confirmed on "+dir
		case t.Pinned.Protected():
			want, from = t.Pinned.Fingerprint(), "pinned by "+dir
		}
		return nil
	})
	return want, from, err
}
