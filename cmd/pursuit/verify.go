package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"text/tabwriter"
	"time"

	"pursuit/model/sqlite"
	"pursuit/sync"
)

// cmdVerify judges every operation on a shared folder as a new PC joining it would — into
// a scratch data folder that is thrown away, so neither the share nor this PC's data is
// touched — and lists each one that fails, with its device, author and the reason.
func cmdVerify(g *globals, args []string) error {
	fs := g.flags("verify")
	dir := fs.String("share", "", "the shared folder to verify")
	timeout := fs.Duration("timeout", 20*time.Second, "give up on a shared-folder operation after this long")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return usageError{"give the shared folder with --share DIR"}
	}
	ctx := context.Background()
	scratchDir, err := os.MkdirTemp("", "pursuit-verify-")
	if err != nil {
		return fmt.Errorf("verify: scratch folder: %w", err)
	}
	defer os.RemoveAll(scratchDir)
	scratch, err := sqlite.Open(ctx, scratchDir, sqlite.Options{Now: g.now})
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	defer scratch.Close()
	log := slog.New(slog.NewTextHandler(g.stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	rep, err := sync.ForFolder(scratch, *dir, *timeout, g.now, log).Review(ctx)
	if err != nil {
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
		Applied   int       `json:"verified"`
		Failed    []failure `json:"failed"`
		Skipped   []string  `json:"skipped_files"`
	}{Share: *dir, Protected: root.Protected(), Applied: rep.Applied, Failed: []failure{}, Skipped: []string{}}
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
	if err := g.print(res, func(w io.Writer) {
		if !res.Protected {
			fmt.Fprintf(w, "%s is not protected by an administrator's key: unsigned changes are accepted.\n", res.Share)
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
	if len(res.Failed) > 0 || len(res.Skipped) > 0 {
		return fmt.Errorf("%d changes failed verification, %d files skipped", len(res.Failed), len(res.Skipped))
	}
	return nil
}
