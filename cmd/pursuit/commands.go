package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"pursuit/model"
	"pursuit/model/demo"
	"pursuit/model/framework"
	"pursuit/model/sqlite"
	sqliteseed "pursuit/model/sqlite/seed"
)

func cmdDemo(g *globals, args []string) error {
	fs := g.flags("demo")
	n := fs.Int("preceptees", 24, "number of preceptees")
	seed := fs.Uint64("seed", 1, "seed: the same seed on the same day gives the same cohort")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *n < 1 || *n > 5000 {
		return usageError{"--preceptees is between 1 and 5000"}
	}
	dir := g.data
	if dir == "" {
		var err error
		if dir, err = g.demoDir(); err != nil {
			return err
		}
	}
	start := time.Now()
	c, err := buildDemo(context.Background(), dir, *n, *seed, g.now())
	if err != nil {
		return err
	}
	took := time.Since(start)
	type summary struct {
		Folder     string         `json:"folder"`
		Preceptees int            `json:"preceptees"`
		Accounts   int            `json:"accounts"`
		Evidence   int            `json:"evidence"`
		Files      int            `json:"attachments"`
		Seconds    float64        `json:"seconds"`
		Password   string         `json:"password"`
		Featured   []demo.Account `json:"featured"`
	}
	s := summary{dir, *n, len(c.Batch.Users), len(c.Batch.Evidence), len(c.Batch.Files), took.Seconds(), demo.Password, c.Featured}
	return g.print(s, func(w io.Writer) {
		fmt.Fprintf(w, "Demo cohort of %d preceptees (%d accounts, %d evidence items, %d attachments) built in %s in %.1f s.\n",
			s.Preceptees, s.Accounts, s.Evidence, s.Files, dir, s.Seconds)
		fmt.Fprintf(w, "Every demo account's password is %q. Try:\n", demo.Password)
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		for _, a := range c.Featured {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", a.Username, a.Name, a.Role.Label(), a.Note)
		}
		tw.Flush()
	})
}

// buildDemo creates the demo cohort in dir, which must not hold data yet. It builds in a
// sibling folder and renames it into place, so an interrupted build leaves nothing behind.
func buildDemo(ctx context.Context, dir string, n int, seed uint64, now time.Time) (demo.Cohort, error) {
	var c demo.Cohort
	err := buildFolder(dir, "demo", func(tmp string) error {
		var err error
		c, err = fillDemo(ctx, tmp, n, seed, now)
		return err
	})
	return c, err
}

// buildFolder fills a new data folder through fill and moves it into place only
// when fill succeeds, so an interrupted demo or restore never leaves a
// half-filled database where the app would open it. Only a missing or empty
// folder may be filled: never replace someone's file.
func buildFolder(dir, what string, fill func(tmp string) error) error {
	if err := checkLocalFolder(dir); err != nil {
		return err
	}
	if hasDatabase(dir) {
		return fmt.Errorf("%s already holds a Pursuit database; choose an empty folder with --data", dir)
	}
	if info, err := os.Stat(dir); err == nil {
		if !info.IsDir() {
			return fmt.Errorf("%s is a file, not a folder; choose an empty folder with --data", dir)
		}
		if entries, err := os.ReadDir(dir); err != nil || len(entries) > 0 {
			return fmt.Errorf("%s is not empty; choose an empty folder with --data", dir)
		}
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".pursuit-"+what+"-*")
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer os.RemoveAll(tmp)
	if err := fill(tmp); err != nil {
		return err
	}
	os.Remove(dir) // the empty folder checked above, if any
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("%s: move into %s: %w", what, dir, err)
	}
	return nil
}

func fillDemo(ctx context.Context, dir string, n int, seed uint64, now time.Time) (demo.Cohort, error) {
	st, err := sqlite.Open(ctx, dir, sqlite.Options{Now: func() time.Time { return now }})
	if err != nil {
		return demo.Cohort{}, err
	}
	defer st.Close()
	return sqliteseed.Demo(ctx, st, n, seed, now)
}

func cmdUserAdd(g *globals, args []string) error {
	fs := g.flags("user add")
	username := fs.String("username", "", "sign-in name")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "", "preceptee, preceptor, line_manager, lead, facilitator or admin")
	email := fs.String("email", "", "email address (optional)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *username == "" || *name == "" || *role == "" {
		return usageError{"user add needs --username, --name and --role (the password comes on standard input)"}
	}
	r, err := model.ParseRole(*role)
	if err != nil {
		return usageError{err.Error()}
	}
	dir, err := g.dataDir()
	if err != nil {
		return err
	}
	// The first account of an installation is its administrator, who then sets up the rest.
	if !hasDatabase(dir) && r != model.RoleAdmin {
		return fmt.Errorf("the first account must be the administrator (--role admin); add %s after that", *username)
	}
	return g.withStore(false, func(ctx context.Context, st *sqlite.Store) error {
		by, err := g.actor(ctx, st)
		if err != nil {
			return err
		}
		if by.User.ID == model.SystemUser.ID && r != model.RoleAdmin {
			return fmt.Errorf("the first account must be the administrator (--role admin); add %s after that", *username)
		}
		password, err := g.line("the new account's password")
		if err != nil {
			return err
		}
		var u model.User
		if by.User.ID == model.SystemUser.ID {
			// The first administrator writes their own account, signed with their new key.
			var me *sqlite.Session
			if me, err = st.CreateFirstAdmin(ctx, *username, *name, password); err == nil {
				u = me.User
			}
		} else {
			u, err = by.AddUser(ctx, model.User{Username: *username, Name: *name, Role: r, Email: *email}, password)
		}
		if err != nil {
			return fmt.Errorf("add %s: %w", *username, err)
		}
		return g.print(u, func(w io.Writer) { fmt.Fprintf(w, "Added %s (%s), %s.\n", u.Name, u.Username, u.Role.Label()) })
	})
}

func cmdProgrammeAdd(g *globals, args []string) error {
	fs := g.flags("programme add")
	preceptee := fs.String("preceptee", "", "preceptee's username")
	preceptor := fs.String("preceptor", "", "preceptor's username")
	manager := fs.String("line-manager", "", "line manager's username")
	facilitator := fs.String("facilitator", "", "career-conversation facilitator's username (optional)")
	supervisor := fs.String("supervisor", "", "clinical supervisor's username (optional)")
	startS := fs.String("start", "", "start date, YYYY-MM-DD")
	profession := fs.String("profession", "", "profession key, e.g. nurse-adult, physiotherapist")
	service := fs.String("service", "", "ward, team or service")
	fwID := fs.String("framework", "", "framework id (default: the only one, or the embedded default)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *preceptee == "" || *preceptor == "" || *startS == "" || *profession == "" {
		return usageError{"programme add needs --preceptee, --preceptor, --start and --profession"}
	}
	start, err := model.ParseDate(*startS)
	if err != nil {
		return usageError{err.Error()}
	}
	// The "must" competencies a preceptee is held to depend on the profession: a mistyped
	// one would be taken silently and count against the wrong list.
	if !model.KnownProfession(*profession) {
		keys := make([]string, len(model.Professions))
		for i, p := range model.Professions {
			keys[i] = p.Key
		}
		return usageError{fmt.Sprintf("--profession %q is not one Pursuit knows; use one of %s", *profession, strings.Join(keys, ", "))}
	}
	return g.withStore(false, func(ctx context.Context, st *sqlite.Store) error {
		by, err := g.actor(ctx, st)
		if err != nil {
			return err
		}
		users, err := by.Users(ctx)
		if err != nil {
			return err
		}
		idOf := func(username string) (string, error) {
			if username == "" {
				return "", nil
			}
			for _, u := range users {
				if u.Username == model.NormaliseUsername(username) {
					return u.ID, nil
				}
			}
			return "", fmt.Errorf("no account %q; add it with pursuit user add", username)
		}
		p := model.Programme{StartDate: start, Profession: *profession, Service: *service, FrameworkID: *fwID}
		for _, x := range []struct {
			dst  *string
			name string
		}{{&p.PrecepteeID, *preceptee}, {&p.PreceptorID, *preceptor}, {&p.LineManagerID, *manager}, {&p.FacilitatorID, *facilitator}, {&p.SupervisorID, *supervisor}} {
			if *x.dst, err = idOf(x.name); err != nil {
				return err
			}
		}
		if p.FrameworkID == "" {
			fws, err := st.Frameworks(ctx)
			if err != nil {
				return err
			}
			switch len(fws) {
			case 0:
				fw, err := sqliteseed.DefaultFramework(ctx, by)
				if err != nil {
					return err
				}
				p.FrameworkID = fw.Framework.ID
			case 1:
				p.FrameworkID = fws[0].ID
			default:
				return usageError{"there are several frameworks: choose one with --framework (see pursuit framework list)"}
			}
		}
		p, err = by.SaveProgramme(ctx, p)
		if err != nil {
			return err
		}
		return g.print(p, func(w io.Writer) {
			fmt.Fprintf(w, "Programme %s started on %s, ends %s.\n", p.ID, p.StartDate.Display(), p.Timeline().End.Display())
		})
	})
}

func cmdFrameworkImport(g *globals, args []string) error {
	fs := g.flags("framework import")
	level := fs.String("level", "", "level for every competency of a Moodle file: must, should or could")
	ver := fs.String("version", "", "version to record for a Moodle file (Moodle has none)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"framework import needs exactly one FILE"}
	}
	path := pos[0]
	set, err := readFramework(path, *level, *ver)
	if err != nil {
		return err
	}
	var opts []sqlite.ImportOption
	if *level != "" { // a Moodle file: its level is only a default for competencies new to Pursuit
		opts = append(opts, sqlite.KeepLevels)
	}
	return g.withStore(false, func(ctx context.Context, st *sqlite.Store) error {
		by, err := g.actor(ctx, st)
		if err != nil {
			return err
		}
		res, err := by.ImportFramework(ctx, set, opts...)
		if err != nil {
			return err
		}
		return g.print(res, func(w io.Writer) {
			fmt.Fprintf(w, "Imported %s version %s: %d added, %d updated, %d unchanged, %d retired (progress and evidence kept).\n",
				set.Framework.Name, res.Version, res.Added, res.Updated, res.Unchanged, res.Retired)
		})
	})
}

func readFramework(path, level, ver string) (model.FrameworkSet, error) {
	info, err := os.Stat(path)
	if err != nil {
		return model.FrameworkSet{}, fmt.Errorf("import framework %s: %w", path, err)
	}
	if info.Size() > framework.MaxFileSize {
		return model.FrameworkSet{}, fmt.Errorf("import framework %s: the file is %s; a framework is at most %s", path, model.DisplaySize(info.Size()), model.DisplaySize(framework.MaxFileSize))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return model.FrameworkSet{}, fmt.Errorf("import framework %s: %w", path, err)
	}
	name := filepath.Base(path)
	opts := framework.MoodleOptions{Version: ver}
	if level != "" {
		if framework.IsJSON(data, name) {
			return model.FrameworkSet{}, usageError{"--level is for Moodle CSV files; a Pursuit JSON framework states each level"}
		}
		if opts.DefaultLevel, err = model.ParseLevel(level); err != nil {
			return model.FrameworkSet{}, usageError{err.Error()}
		}
	}
	set, err := framework.Parse(data, name, opts)
	if errors.Is(err, framework.ErrLevelNeeded) {
		return set, usageError{"Moodle frameworks have no must/should/could levels: choose one for all with --level must|should|could (change single competencies later with pursuit framework set-level)"}
	}
	return set, err
}

func cmdFrameworkList(g *globals, args []string) error {
	if _, err := parse(g.flags("framework list"), args); err != nil {
		return err
	}
	return g.withStore(true, func(ctx context.Context, st *sqlite.Store) error {
		fws, err := st.Frameworks(ctx)
		if err != nil {
			return err
		}
		type row struct {
			model.Framework
			Must    int `json:"must"`
			Should  int `json:"should"`
			Could   int `json:"could"`
			Retired int `json:"retired"`
		}
		rows := []row{}
		for _, fw := range fws {
			cs, err := st.FrameworkCompetencies(ctx, fw.ID)
			if err != nil {
				return err
			}
			r := row{Framework: fw}
			for _, c := range cs {
				switch {
				case c.Retired:
					r.Retired++
				case c.Level == model.Must:
					r.Must++
				case c.Level == model.Should:
					r.Should++
				default:
					r.Could++
				}
			}
			rows = append(rows, r)
		}
		return g.print(rows, func(w io.Writer) {
			if len(rows) == 0 {
				fmt.Fprintln(w, "No frameworks yet: the embedded default is imported with the first programme, or import your own with pursuit framework import FILE.")
				return
			}
			tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tVERSION\tMUST\tSHOULD\tCOULD\tRETIRED")
			for _, r := range rows {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%d\t%d\n", r.ID, r.Name, r.Version, r.Must, r.Should, r.Could, r.Retired)
			}
			tw.Flush()
		})
	})
}

func cmdFrameworkSetLevel(g *globals, args []string) error {
	pos, err := parse(g.flags("framework set-level"), args)
	if err != nil {
		return err
	}
	if len(pos) != 3 {
		return usageError{"framework set-level needs FRAMEWORK CODE LEVEL"}
	}
	l, err := model.ParseLevel(pos[2])
	if err != nil {
		return usageError{err.Error()}
	}
	return g.withStore(false, func(ctx context.Context, st *sqlite.Store) error {
		by, err := g.actor(ctx, st)
		if err != nil {
			return err
		}
		if err := by.SetCompetencyLevel(ctx, pos[0], pos[1], l); err != nil {
			return err
		}
		return g.print(map[string]string{"framework": pos[0], "code": pos[1], "level": string(l)}, func(w io.Writer) {
			fmt.Fprintf(w, "%s is now a %q competency.\n", pos[1], l)
		})
	})
}

func cmdListPreceptees(g *globals, args []string) error {
	if _, err := parse(g.flags("list preceptees"), args); err != nil {
		return err
	}
	return g.withStore(true, func(ctx context.Context, st *sqlite.Store) error {
		ss, err := g.reader(ctx, st)
		if err != nil {
			return err
		}
		rows, err := ss.Cohort(ctx)
		if err != nil {
			return err
		}
		type out struct {
			ProgrammeID   string     `json:"programme_id"`
			Username      string     `json:"username"`
			Name          string     `json:"name"`
			Profession    string     `json:"profession"`
			Service       string     `json:"service"`
			Start         model.Date `json:"start_date"`
			Month         int        `json:"month"`
			Of            int        `json:"of_months"`
			Preceptor     string     `json:"preceptor"`
			Status        string     `json:"status"`
			MustSignedOff int        `json:"must_signed_off"`
			MustTotal     int        `json:"must_total"`
			Overdue       int        `json:"overdue"`
			RAG           string     `json:"rag"`
		}
		users, err := ss.Users(ctx)
		if err != nil {
			return err
		}
		usernames := map[string]string{}
		for _, u := range users {
			usernames[u.ID] = u.Username
		}
		list := []out{}
		for _, r := range rows {
			p := r.Programme
			list = append(list, out{p.ID, usernames[p.PrecepteeID], r.Preceptee, model.ProfessionByKey(p.Profession).Label, p.Service, p.StartDate,
				r.Month, r.TotalMonths, r.Preceptor, string(p.Status), r.MustSignedOff, r.MustTotal, r.Overdue, string(r.RAG)})
		}
		return g.print(list, func(w io.Writer) {
			tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "USERNAME\tNAME\tPROFESSION\tMONTH\tMUST SIGNED OFF\tOVERDUE\tSTATUS\tPRECEPTOR")
			for _, r := range list {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d of %d\t%d/%d\t%d\t%s\t%s\n", r.Username, r.Name, r.Profession, r.Month, r.Of, r.MustSignedOff, r.MustTotal, r.Overdue, r.Status, r.Preceptor)
			}
			tw.Flush()
		})
	})
}

func cmdDump(g *globals, args []string) error {
	if _, err := parse(g.flags("dump"), args); err != nil {
		return err
	}
	return g.withStore(true, func(ctx context.Context, st *sqlite.Store) error {
		// Without --as the dump is nobody's: every word a person typed is a fingerprint.
		var ss *sqlite.Session
		if g.as != "" {
			var err error
			if ss, err = g.reader(ctx, st); err != nil {
				return err
			}
		} else if has, err := st.HasUsers(ctx); err != nil {
			return err
		} else if !has {
			ss = st.System()
		}
		return st.DumpAs(ctx, g.stdout, ss)
	})
}

func cmdCheck(g *globals, args []string) error {
	if _, err := parse(g.flags("check"), args); err != nil {
		return err
	}
	return g.withStore(true, func(ctx context.Context, st *sqlite.Store) error {
		problems, err := st.Check(ctx)
		if err != nil {
			return err
		}
		res := struct {
			Folder   string           `json:"folder"`
			Intact   bool             `json:"intact"`
			Problems []sqlite.Problem `json:"problems"`
		}{st.Dir(), len(problems) == 0, problems}
		if res.Problems == nil {
			res.Problems = []sqlite.Problem{}
		}
		if err := g.print(res, func(w io.Writer) {
			if res.Intact {
				fmt.Fprintf(w, "%s is intact: database, audit trail and every attachment check out.\n", res.Folder)
				return
			}
			fmt.Fprintf(w, "%s has %d problem(s):\n", res.Folder, len(problems))
			for _, p := range problems {
				fmt.Fprintf(w, "  %s: %s\n", p.What, p.Detail)
			}
		}); err != nil {
			return err
		}
		if !res.Intact {
			return fmt.Errorf("%d problem(s) found", len(problems))
		}
		return nil
	})
}
