package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// cmdBackup writes the whole data folder to one zip. The file holds every account's
// password hash and every confidential record, so once the installation has accounts
// only an administrator may take it (--as, password on standard input); the store
// enforces that, not this command.
func cmdBackup(g *globals, args []string) error {
	fs := g.flags("backup")
	out := fs.String("out", "", "the backup file to write (.zip)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"backup needs --out FILE.zip"}
	}
	dir, err := g.dataDir()
	if err != nil {
		return err
	}
	if !hasDatabase(dir) {
		return fmt.Errorf("no Pursuit data in %s to back up (choose the folder with --data)", dir)
	}
	target, err := filepath.Abs(*out)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", *out, err)
	}
	if info, err := os.Stat(target); err == nil && info.IsDir() {
		return usageError{fmt.Sprintf("--out %s is a folder; give the backup file's name, e.g. %s", *out, filepath.Join(*out, "pursuit-backup.zip"))}
	}
	return g.withStore(false, func(ctx context.Context, st *sqlite.Store) error {
		by, err := g.actor(ctx, st)
		if err != nil {
			return err
		}
		res, err := by.Backup(ctx, target, sqlite.BackupOptions{AppVersion: version})
		if err != nil {
			return err
		}
		return g.print(res, func(w io.Writer) {
			c := res.Manifest.Counts
			fmt.Fprintf(w, "Backed up %s to %s (%s): %d accounts, %d programmes, %d evidence items, %d attachment files.\n",
				st.Dir(), target, model.DisplaySize(res.Size), c.Users, c.Programmes, c.Evidence, c.Attachments)
			if len(res.Damaged) > 0 {
				fmt.Fprintf(w, "Left out %d damaged attachment(s) whose bytes no longer match their hash: run pursuit check.\n", len(res.Damaged))
			}
			if res.NotHere > 0 {
				fmt.Fprintf(w, "%d attachment(s) have not reached this PC through sync yet, so they are not in this backup.\n", res.NotHere)
			}
			fmt.Fprintln(w, "Keep the file somewhere safe: it holds every account and every confidential record.")
		})
	})
}

// cmdRestore fills a new data folder from a backup. Only an empty or new folder: a
// restore never overwrites someone's data. Every file is checked against the manifest's
// SHA-256 and the database against SQLite's integrity check in a temporary folder before
// anything moves into place. Needs no account: the backup brings its own.
func cmdRestore(g *globals, args []string) error {
	pos, err := parse(g.flags("restore"), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"restore needs exactly one backup FILE"}
	}
	file := pos[0]
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("restore %s: %w", file, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("restore %s: %w", file, err)
	}
	b, err := sqlite.ReadBackup(f, info.Size())
	if err != nil {
		return fmt.Errorf("restore %s: %w", file, err)
	}
	dir, err := g.dataDir()
	if err != nil {
		return err
	}
	var former, fresh string
	err = buildFolder(dir, "restore", func(tmp string) error {
		ctx := context.Background()
		if err := b.Extract(ctx, tmp, nil); err != nil {
			return err
		}
		st, err := sqlite.Open(ctx, tmp, sqlite.Options{Now: g.now})
		if err != nil {
			return err
		}
		defer st.Close()
		// The original PC may still be writing to the shared folder under the backup's
		// device id: two writers under one id would overwrite each other's history.
		former = st.DeviceID()
		fresh, err = st.RenewDevice(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("restore %s: %w (nothing was restored)", file, err)
	}
	m := b.Manifest
	res := map[string]any{"folder": dir, "backup": file, "created": m.Created, "app_version": m.AppVersion, "schema": m.Schema,
		"counts": m.Counts, "device_id": fresh, "former_device_id": former}
	return g.print(res, func(w io.Writer) {
		made := m.Created.Format("2 January 2006 15:04 MST")
		if m.AppVersion != "" {
			made += " by Pursuit " + m.AppVersion
		}
		fmt.Fprintf(w, "Restored the backup made %s into %s: %d accounts, %d programmes, %d evidence items, %d attachment files.\n",
			made, dir, m.Counts.Users, m.Counts.Programmes, m.Counts.Evidence, m.Counts.Attachments)
		fmt.Fprintf(w, "This folder is a new device for sync: its device id is now %s (the backup's was %s), so it never writes over what the original PC left on the shared folder.\n",
			fresh, former)
		if m.Schema < sqlite.SchemaVersion() {
			fmt.Fprintf(w, "The backup came from an older version of Pursuit (schema %d) and has been brought up to date (schema %d).\n", m.Schema, sqlite.SchemaVersion())
		}
		fmt.Fprintln(w, "Sign in with the accounts and passwords the backup holds.")
	})
}
