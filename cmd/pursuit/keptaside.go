package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"pursuit/model/sqlite"
)

// cmdKeptAside lists the changes from the shared folder that did not count here: all of
// them for an administrator or lead, and for anyone else their own changes signed with
// their old key (after a password change or reset), which they may vouch for.
func cmdKeptAside(g *globals, args []string) error {
	fs := g.flags("kept-aside")
	limit := fs.Int("limit", 200, "show at most this many, newest first")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *limit < 1 {
		return usageError{"kept-aside: --limit must be 1 or more"}
	}
	return g.withStore(true, func(ctx context.Context, st *sqlite.Store) error {
		ss, err := g.reader(ctx, st)
		if err != nil {
			return err
		}
		kept, err := ss.KeptAside(ctx, *limit)
		if err != nil {
			return err
		}
		if kept == nil {
			kept = []sqlite.RejectedChange{}
		}
		return g.print(kept, func(w io.Writer) {
			if len(kept) == 0 {
				fmt.Fprintln(w, "Nothing kept aside.")
				return
			}
			tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tWHEN\tFROM\tRECORD\tVOUCHABLE\tWHY")
			for _, c := range kept {
				vouch := ""
				if c.OldKey {
					vouch = "yes"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.At.Format(time.DateTime), c.Author, c.Table+" "+c.Row, vouch, c.Reason)
			}
			tw.Flush()
		})
	})
}

// cmdVouch has the person named with --as vouch for a change kept aside because it was
// signed with an old key: their own, or, for an administrator, anyone's.
func cmdVouch(g *globals, args []string) error {
	for _, a := range args {
		if _, err := strconv.ParseInt(a, 10, 64); err == nil && strings.HasPrefix(a, "-") {
			return usageError{fmt.Sprintf("vouch: %q is not an ID from pursuit kept-aside", a)}
		}
	}
	pos, err := parse(g.flags("vouch"), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"vouch: give the ID of one change from pursuit kept-aside"}
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return usageError{fmt.Sprintf("vouch: %q is not an ID from pursuit kept-aside", pos[0])}
	}
	return g.withStore(false, func(ctx context.Context, st *sqlite.Store) error {
		ss, err := g.actor(ctx, st)
		if err != nil {
			return err
		}
		if err := ss.VouchFor(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(g.stdout, "Vouched for change %d: it counts here now, and on every PC once this PC has synced.\n", id)
		return nil
	})
}
