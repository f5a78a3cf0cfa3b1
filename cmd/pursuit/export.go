package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/report"
	"pursuit/report/export"
	"pursuit/ui"
)

func cmdExport(g *globals, args []string) error {
	fs := g.flags("export")
	who := fs.String("preceptee", "", "the preceptee's username or programme id")
	out := fs.String("out", "", "the file to write (.pdf, or .zip for --archive)")
	sinceS := fs.String("since", "", "only what is dated on or after YYYY-MM-DD (e.g. the last PACE meeting)")
	sections := fs.String("sections", "", "comma-separated sections: "+strings.Join(report.PortfolioSections, ","))
	purpose := fs.String("purpose", "", `printed on the cover, e.g. "PACE meeting 14 March 2027"`)
	noAtt := fs.Bool("no-attachments", false, "leave out pictures and the list of attached files")
	conv := fs.Bool("conversations", false, "include the confidential career conversations")
	reval := fs.Bool("revalidation", false, "write the NMC revalidation pack instead of the portfolio")
	archive := fs.Bool("archive", false, "write the personal archive (zip) instead of the portfolio")
	certificate := fs.Bool("certificate", false, "write the completion certificate (once the preceptor and line manager have confirmed completion)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *who == "" || *out == "" {
		return usageError{"export needs --preceptee and --out"}
	}
	if n := btoi(*reval) + btoi(*archive) + btoi(*certificate); n > 1 {
		return usageError{"choose one of --revalidation, --archive and --certificate"}
	}
	since, err := model.ParseDate(*sinceS)
	if err != nil {
		return usageError{err.Error()}
	}
	req := export.Request{Kind: export.Portfolio, Purpose: *purpose, Since: since, Attachments: !*noAtt, Conversations: *conv, Now: g.now()}
	ext := ".pdf"
	switch {
	case *reval:
		req.Kind = export.Revalidation
	case *archive:
		req.Kind, ext = export.Archive, ".zip"
	case *certificate:
		req.Kind = export.Certificate
	}
	// A file named for another kind would open in the wrong program, or in none.
	if !strings.EqualFold(filepath.Ext(*out), ext) {
		return usageError{fmt.Sprintf("--out %s: this document is written as %s; name the file …%s", *out, strings.ToUpper(ext[1:]), ext)}
	}
	for _, s := range strings.Split(*sections, ",") {
		if s = strings.TrimSpace(s); s != "" {
			if !contains(report.PortfolioSections, s) {
				return usageError{fmt.Sprintf("%q is not a section; use %s", s, strings.Join(report.PortfolioSections, ", "))}
			}
			req.Sections = append(req.Sections, s)
		}
	}
	// Career conversations are confidential: printed only when the preceptee chooses, so a
	// document of only them, without the choice, would be an empty page.
	if contains(req.Sections, "conversations") && !*conv {
		return usageError{"--sections conversations needs --conversations: career conversations are confidential, printed only when the preceptee chooses"}
	}
	return g.withStore(true, func(ctx context.Context, st *sqlite.Store) error {
		ss, err := g.reader(ctx, st)
		if err != nil {
			return err
		}
		p, err := findProgramme(ctx, ss, *who)
		if err != nil {
			return err
		}
		req.ProgrammeID = p.ID
		// Only those who may read career conversations have them in the document, and only
		// then does it say they were included.
		req.Conversations = req.Conversations && model.Allowed(ss.User, model.ViewCareerConversation, &p)
		if *conv && !req.Conversations && contains(req.Sections, "conversations") {
			return fmt.Errorf("%w: a %s does not read career conversations, the only section asked for", model.ErrForbidden, strings.ToLower(ss.User.Role.Label()))
		}
		var buf bytes.Buffer
		pf, err := export.Write(ctx, &buf, st, ss, ui.DocumentFonts(), req)
		if err != nil {
			return err
		}
		if err := export.WriteFile(*out, buf.Bytes()); err != nil {
			return err
		}
		return g.print(map[string]any{"file": *out, "bytes": buf.Len(), "preceptee": pf.Preceptee.Name}, func(w io.Writer) {
			fmt.Fprintf(w, "Wrote %s for %s (%s).\n", *out, pf.Preceptee.Name, model.DisplaySize(int64(buf.Len())))
		})
	})
}

// findProgramme finds a preceptee's programme by username or programme id.
func findProgramme(ctx context.Context, ss *sqlite.Session, who string) (model.Programme, error) {
	if p, err := ss.Programme(ctx, who); err == nil {
		return p, nil
	}
	users, err := ss.Users(ctx)
	if err != nil {
		return model.Programme{}, err
	}
	for _, u := range users {
		if u.Username == model.NormaliseUsername(who) {
			return ss.ProgrammeOf(ctx, u.ID)
		}
	}
	return model.Programme{}, fmt.Errorf("no preceptee or programme %q (see pursuit list preceptees)", who)
}

func cmdReportCohort(g *globals, args []string) error {
	fs := g.flags("report cohort")
	out := fs.String("out", "", "the file to write: .pdf or .csv")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	format := export.CohortFormat(strings.ToLower(filepath.Ext(*out)))
	if *out == "" || (format != export.CohortPDF && format != export.CohortCSV) {
		return usageError{"report cohort needs --out FILE.pdf or FILE.csv"}
	}
	return g.withStore(true, func(ctx context.Context, st *sqlite.Store) error {
		ss, err := g.reader(ctx, st)
		if err != nil {
			return err
		}
		if model.ScopeOf(ss.User.Role, model.ViewCohort) == model.None && ss.User.ID != model.SystemUser.ID {
			return fmt.Errorf("%w: a cohort report is for those who oversee preceptees (a %s sees no cohort)", model.ErrForbidden, strings.ToLower(ss.User.Role.Label()))
		}
		var buf bytes.Buffer
		n, err := export.Cohort(ctx, &buf, ss, ui.DocumentFonts(), format, g.now())
		if err != nil {
			return err
		}
		if err := export.WriteFile(*out, buf.Bytes()); err != nil {
			return err
		}
		return g.print(map[string]any{"file": *out, "preceptees": n}, func(w io.Writer) {
			fmt.Fprintf(w, "Wrote %s: %d preceptees.\n", *out, n)
		})
	})
}

func cmdImportArchive(g *globals, args []string) error {
	pos, err := parse(g.flags("import-archive"), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"import-archive needs exactly one FILE"}
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return fmt.Errorf("import %s: %w", pos[0], err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	a, err := report.ReadArchive(f, info.Size())
	if err != nil {
		return fmt.Errorf("import %s: %w", pos[0], err)
	}
	password, err := g.line("a new password for the preceptee")
	if err != nil {
		return err
	}
	dir, err := g.dataDir()
	if err != nil {
		return err
	}
	var name string
	err = buildFolder(dir, "restore", func(tmp string) error {
		ctx := context.Background()
		st, err := sqlite.Open(ctx, tmp, sqlite.Options{Now: g.now})
		if err != nil {
			return err
		}
		defer st.Close()
		name, err = export.Restore(ctx, st, a, password)
		return err
	})
	if err != nil {
		return fmt.Errorf("import %s: %w", pos[0], err)
	}
	return g.print(map[string]any{"folder": dir, "preceptee": name, "evidence": len(a.Records.Evidence)}, func(w io.Writer) {
		fmt.Fprintf(w, "Restored the portfolio of %s (%d evidence items) into %s. Sign in as them with the new password.\n", name, len(a.Records.Evidence), dir)
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// btoi is 1 for true: for counting the choices given.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
