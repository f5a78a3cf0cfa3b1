package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// env is the outside world a command talks to; tests pass their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	now            func() time.Time
	configDir      func() (string, error) // the OS per-user folder for settings and data
	cacheDir       func() (string, error)
	openWindow     func(g *globals) error
	policyPath     func() string // where the Trust's settings for this PC are
	// hash is the cost of password hashes (zero: model.DefaultHashParams); tests make it
	// cheap, the benchmark measures the real one.
	hash model.HashParams
}

// globals are the flags every subcommand accepts, before or after its name.
type globals struct {
	env
	data        string
	jsonOut     bool
	demoMode    bool   // the window opened the demo folder because nothing else is set up
	screenshots string // --screenshots DIR: tour every screen, save PNGs, quit
	as          string // --as USERNAME: who makes a change from the command line
	in          *bufio.Reader
	pol         *model.Policy // read on first use
}

// usageError is a mistake in the command line itself: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

type command struct {
	name, args, help string
	run              func(g *globals, args []string) error
}

func commands() []command {
	return []command{
		{"demo", "[--preceptees N] [--seed S]", "build a realistic demo cohort in an empty data folder", cmdDemo},
		{"user add", "--username U --name N --role R [--email E]", "add an account (your password, then theirs, on standard input)", cmdUserAdd},
		{"programme add", "--preceptee U --preceptor U --start DATE --profession P [--line-manager U] [--service S] [--facilitator U] [--supervisor U] [--framework ID]", "start a preceptee's programme", cmdProgrammeAdd},
		{"framework import", "FILE [--level must|should|could] [--version V]", "import a framework (Pursuit JSON or Moodle CSV)", cmdFrameworkImport},
		{"framework list", "", "list frameworks and their competencies by level", cmdFrameworkList},
		{"framework set-level", "FRAMEWORK CODE LEVEL", "change one competency's level", cmdFrameworkSetLevel},
		{"list preceptees", "", "list preceptees with their month and progress", cmdListPreceptees},
		{"export", "--preceptee ID|USERNAME --out FILE [--since DATE] [--sections S,…] [--purpose TEXT] [--no-attachments] [--conversations] [--revalidation | --archive]", "write a preceptee's portfolio PDF, NMC revalidation pack or personal archive (zip)", cmdExport},
		{"report cohort", "--out FILE.pdf|FILE.csv", "write the cohort report for the preceptorship audit", cmdReportCohort},
		{"import-archive", "FILE", "restore a personal archive into an empty data folder (a new password for the preceptee on standard input)", cmdImportArchive},
		{"sync", "[--share DIR] [--init [--unprotected]] [--root FINGERPRINT] [--watch [--every 45s]] [--timeout 20s]", "exchange changes with the other devices through the shared folder (exit 3: folder unreachable)", cmdSync},
		{"policy show", "", "print the Trust's settings for this PC (deployed by IT) and where they came from", cmdPolicyShow},
		{"verify", "--share DIR [--root FINGERPRINT]", "check every change on the shared folder as a new PC would: list each one whose signature or author's permission fails (exit 1 if any)", cmdVerify},
		{"kept-aside", "[--limit N]", "list changes from the shared folder that did not count here, and why (an administrator or lead sees all; anyone else their own signed with an old key)", cmdKeptAside},
		{"vouch", "ID", "vouch for a change of yours kept aside because it was signed with your old key (an administrator: anyone's)", cmdVouch},
		{"dump", "", "print every record as canonical JSON", cmdDump},
		{"check", "", "check the database and attachments; exit 0 only when intact", cmdCheck},
		{"backup", "--out FILE.zip", "write the database and every attachment to one file, safely while the app runs (an administrator: --as, password on standard input)", cmdBackup},
		{"restore", "FILE.zip", "restore a backup into an empty data folder, which becomes a new device for sync", cmdRestore},
	}
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "Pursuit %s — preceptorship portfolio\n\nUsage:\n  pursuit [--data DIR]                      open the app\n  pursuit --version\n", version)
	for _, c := range commands() {
		fmt.Fprintf(w, "  pursuit %-18s %s\n      %s\n", c.name, c.args, c.help)
	}
	fmt.Fprintf(w, "\nEvery command accepts --data DIR (the data folder; default: the per-user config folder) and --json.\n")
	fmt.Fprintf(w, "Changes need --as USERNAME once the installation has accounts; passwords come on standard input.\n")
}

// run executes one command line and returns the exit status.
func run(args []string, e env) int {
	if e.now == nil {
		e.now = time.Now
	}
	if e.configDir == nil {
		e.configDir = userDataDir
	}
	if e.cacheDir == nil {
		e.cacheDir = os.UserCacheDir
	}
	if e.policyPath == nil {
		e.policyPath = policyPath
	}
	g := &globals{env: e}
	err := safely(func() error { return dispatch(g, args) })
	var ue usageError
	var off offlineError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &off):
		fmt.Fprintf(e.stderr, "pursuit: %s\n", err)
		return exitOffline
	case errors.Is(err, flag.ErrHelp):
		usage(e.stdout)
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "pursuit: %s\n\n", ue.msg)
		usage(e.stderr)
		return 2
	default:
		fmt.Fprintf(e.stderr, "pursuit: %s\n", err)
		return 1
	}
}

// safely runs a command so that a fault in it ends in a sentence and exit status 1, never a
// Go stack trace (which would print build paths and tell a nurse nothing). Every save is one
// transaction and every file is written to a temporary name first, so stopping here leaves
// nothing half written.
func safely(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("an unexpected fault stopped the command; what it had saved stands, what it was writing was not saved. Please report it with what you typed: %v", r)
		}
	}()
	return f()
}

func dispatch(g *globals, args []string) error {
	// Global flags may come before the subcommand.
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--version" || a == "-version":
			fmt.Fprintf(g.stdout, "pursuit %s (%s/%s, schema %d)\n", version, runtime.GOOS, runtime.GOARCH, sqlite.SchemaVersion())
			return nil
		case a == "-h" || a == "--help" || a == "help":
			return flag.ErrHelp
		case a == "--json" || a == "-json":
			g.jsonOut = true
		case a == "--data" || a == "-data":
			if i+1 >= len(args) {
				return usageError{"--data needs a folder"}
			}
			g.data = args[i+1]
			i++
		case a == "--as" || a == "-as":
			if i+1 >= len(args) {
				return usageError{"--as needs your username"}
			}
			g.as = args[i+1]
			i++
		case strings.HasPrefix(a, "--data="):
			g.data = strings.TrimPrefix(a, "--data=")
		case a == "--screenshots":
			if i+1 >= len(args) {
				return usageError{"--screenshots needs a folder"}
			}
			g.screenshots = args[i+1]
			i++
		default:
			rest = append(rest, args[i:]...)
			i = len(args)
		}
	}
	if len(rest) == 0 {
		return g.openWindow(g)
	}
	for _, c := range commands() {
		words := strings.Fields(c.name)
		if len(rest) >= len(words) && strings.Join(rest[:len(words)], " ") == c.name {
			return c.run(g, rest[len(words):])
		}
	}
	return usageError{fmt.Sprintf("unknown command %q", strings.Join(rest, " "))}
}

// flags makes a subcommand's flag set, with the global flags too.
func (g *globals) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&g.data, "data", g.data, "data folder")
	fs.BoolVar(&g.jsonOut, "json", g.jsonOut, "JSON output")
	fs.StringVar(&g.as, "as", g.as, "your username, for changes (your password on the first line of standard input)")
	return fs
}

// line reads the next line of standard input (passwords come this way, so they never
// appear in the process list or the shell history).
func (g *globals) line(what string) (string, error) {
	if g.in == nil {
		g.in = bufio.NewReader(g.stdin)
	}
	l, err := g.in.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read %s from standard input: %w", what, err)
	}
	l = strings.TrimRight(l, "\r\n")
	if l == "" {
		return "", usageError{fmt.Sprintf("give %s on standard input, e.g. printf '%%s\\n' \"$PASSWORD\" | pursuit …", what)}
	}
	return l, nil
}

// actor is who makes a change from the command line. While an installation has no
// accounts, the command line sets it up; after that every change is made by a person
// signed in with --as and their password, so the permissions matrix applies to the
// command line as it does to the window.
func (g *globals) actor(ctx context.Context, st *sqlite.Store) (*sqlite.Session, error) {
	return g.signIn(ctx, st, st.SignIn)
}

// reader is who runs a command that only reads: as for a change, the person named with
// --as, who then sees exactly what the window would show them. The store may be open
// read-only: nothing is written.
func (g *globals) reader(ctx context.Context, st *sqlite.Store) (*sqlite.Session, error) {
	return g.signIn(ctx, st, st.SignInToRead)
}

func (g *globals) signIn(ctx context.Context, st *sqlite.Store, as func(ctx context.Context, username, password string) (*sqlite.Session, error)) (*sqlite.Session, error) {
	has, err := st.HasUsers(ctx)
	if err != nil {
		return nil, err
	}
	if !has {
		return st.System(), nil
	}
	if g.as == "" {
		return nil, usageError{"this installation has accounts: say who you are with --as USERNAME, your password on the first line of standard input"}
	}
	pw, err := g.line("your password")
	if err != nil {
		return nil, err
	}
	return as(ctx, g.as, pw)
}

// parse reads flags that may sit before or after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{fmt.Sprintf("%s: %v", fs.Name(), err)}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// userDataDir is where a real installation keeps its data: on Windows the local (never the
// roaming) application data, elsewhere the per-user config folder.
func userDataDir() (string, error) {
	if runtime.GOOS == "windows" {
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return d, nil
		}
	}
	return os.UserConfigDir()
}

// dataDir is the folder a command works on: --data, else the installation's own.
func (g *globals) dataDir() (string, error) {
	if g.data != "" {
		return g.data, nil
	}
	base, err := g.configDir()
	if err != nil {
		return "", fmt.Errorf("find the data folder (use --data DIR): %w", err)
	}
	return filepath.Join(base, "Pursuit"), nil
}

// demoDir is where the window keeps its demo cohort, apart from any real data.
func (g *globals) demoDir() (string, error) {
	base, err := g.cacheDir()
	if err != nil {
		return "", fmt.Errorf("find a folder for the demo data: %w", err)
	}
	return filepath.Join(base, "Pursuit", "demo"), nil
}

func (g *globals) open(ctx context.Context) (*sqlite.Store, error) {
	dir, err := g.dataDir()
	if err != nil {
		return nil, err
	}
	if err := checkLocalFolder(dir); err != nil {
		return nil, err
	}
	return sqlite.Open(ctx, dir, sqlite.Options{Now: g.now, Policy: g.policy(), HashParams: g.hash})
}

// openExisting opens a data folder that must already hold Pursuit data, read-only: a
// command that only reads never leaves a database behind in a mistyped folder, never
// changes a damaged one, and works on a read-only copy.
func (g *globals) openExisting(ctx context.Context) (*sqlite.Store, error) {
	dir, err := g.dataDir()
	if err != nil {
		return nil, err
	}
	if !hasDatabase(dir) {
		return nil, fmt.Errorf("no Pursuit data in %s (choose the folder with --data)", dir)
	}
	return sqlite.Open(ctx, dir, sqlite.Options{Now: g.now, ReadOnly: true, Policy: g.policy(), HashParams: g.hash})
}

// withStore runs fn on the data folder's store; with existing set, the folder must already
// hold Pursuit data.
func (g *globals) withStore(existing bool, fn func(ctx context.Context, st *sqlite.Store) error) error {
	ctx := context.Background()
	open := g.open
	if existing {
		open = g.openExisting
	}
	st, err := open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(ctx, st)
}

// print writes v as JSON with --json, else calls text.
func (g *globals) print(v any, text func(w io.Writer)) error {
	if g.jsonOut {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(v)
	}
	text(g.stdout)
	return nil
}

// hasDatabase says whether a data folder already holds a Pursuit database.
func hasDatabase(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, sqlite.DatabaseFile))
	return err == nil
}
