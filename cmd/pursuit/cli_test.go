package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/model/demo"
)

// pursuit runs one command line in-process and returns its exit status and output.
func pursuit(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	return pursuitWithPolicy(t, filepath.Join(t.TempDir(), "no-policy.json"), stdin, args...)
}

// pursuitWithPolicy runs a command on a PC whose Trust settings file is at policy.
func pursuitWithPolicy(t *testing.T, policy, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, env{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		now:        func() time.Time { return time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC) },
		configDir:  func() (string, error) { return t.TempDir(), nil },
		cacheDir:   func() (string, error) { return t.TempDir(), nil },
		openWindow: func(*globals) error { t.Fatal("a window opened in a command-line test"); return nil },
		policyPath: func() string { return policy },
		hash:       model.HashParams{Time: 1, Memory: 64, Threads: 1},
	})
	return code, out.String(), errb.String()
}

func TestReadmeDocumentsEveryCommandAndThePermissions(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	for _, c := range commands() {
		if !strings.Contains(text, "`pursuit "+c.name) {
			t.Errorf("README does not document pursuit %s", c.name)
		}
	}
	begin := strings.Index(text, "<!-- permissions:begin")
	end := strings.Index(text, "<!-- permissions:end -->")
	if begin < 0 || end < 0 {
		t.Fatal("README has no permissions table markers")
	}
	table := text[strings.Index(text[begin:], "\n")+begin+1 : end]
	if table != model.PermissionsMarkdown() {
		t.Errorf("README permissions table differs from model.PermissionsMatrix; it should read:\n%s", model.PermissionsMarkdown())
	}
	begin, end = strings.Index(text, "<!-- records:begin"), strings.Index(text, "<!-- records:end -->")
	if begin < 0 || end < 0 {
		t.Fatal("README has no table of what each record holds")
	}
	if table := text[strings.Index(text[begin:], "\n")+begin+1 : end]; table != model.RecordsMarkdown() {
		t.Errorf("README's table of free text differs from model.Records; it should read:\n%s", model.RecordsMarkdown())
	}
}

func TestDemoCheckDumpAndList(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	code, out, errs := pursuit(t, "", "demo", "--preceptees", "4", "--data", dir, "--json")
	if code != 0 {
		t.Fatalf("demo: %d %s", code, errs)
	}
	var sum struct {
		Preceptees int `json:"preceptees"`
		Evidence   int `json:"evidence"`
		Password   string
		Featured   []struct{ Username string }
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil || sum.Preceptees != 4 || sum.Evidence < 20 || sum.Featured[0].Username != "zoe" {
		t.Fatalf("demo summary %s (%v)", out, err)
	}
	if code, _, errs := pursuit(t, "", "demo", "--data", dir); code != 1 || !strings.Contains(errs, "already holds a Pursuit database") {
		t.Fatalf("a second demo into the same folder: %d %s", code, errs)
	}
	if code, out, _ := pursuit(t, "", "--data", dir, "check"); code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("check: %d %s", code, out)
	}
	_, d1, _ := pursuit(t, "", "dump", "--data", dir)
	_, d2, _ := pursuit(t, "", "--data", dir, "dump")
	if d1 != d2 || !strings.Contains(d1, `"Zoë Whitfield"`) || !json.Valid([]byte(d1)) {
		t.Fatalf("dump is not stable, valid JSON (%d bytes)", len(d1))
	}
	code, out, _ = pursuit(t, demo.Password+"\n", "list", "preceptees", "--as", "lead", "--data", dir, "--json")
	var rows []struct {
		Username      string
		Month         int
		MustSignedOff int `json:"must_signed_off"`
		MustTotal     int `json:"must_total"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 4 {
		t.Fatalf("list: %d %s", code, out)
	}
	for _, r := range rows {
		if r.Username == "zoe" && (r.Month != 12 || r.MustSignedOff != r.MustTotal-2) {
			t.Errorf("zoe: %+v", r)
		}
	}
	// An attachment that vanished from disk fails the check, with a non-zero exit.
	var blob string
	filepath.WalkDir(filepath.Join(dir, "attachments", "sha256"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && blob == "" {
			blob = p
		}
		return nil
	})
	os.Remove(blob)
	if code, out, _ := pursuit(t, "", "check", "--data", dir, "--json"); code != 1 || !strings.Contains(out, "missing") || !strings.Contains(out, `"intact": false`) {
		t.Fatalf("check with a missing attachment: %d %s", code, out)
	}
}

func TestUserAddTakesThePasswordsFromStandardInput(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := pursuit(t, "a long pass phrase\n", "user", "add", "--data", dir, "--username", "jsmith", "--name", "Jo Smith", "--role", "line_manager"); code != 1 || !strings.Contains(errs, "first account must be the administrator") {
		t.Fatalf("first account not an administrator: %d %s", code, errs)
	}
	if hasDatabase(dir) {
		t.Fatal("a refused first account left a database behind")
	}
	if code, _, errs := pursuit(t, "admin pass phrase\n", "user", "add", "--data", dir, "--username", "root", "--name", "IT Admin", "--role", "admin"); code != 0 {
		t.Fatalf("first administrator: %s", errs)
	}
	// From now on a change names who makes it, with their password first on stdin.
	if code, _, errs := pursuit(t, "a long pass phrase\n", "user", "add", "--data", dir, "--username", "jsmith", "--name", "Jo Smith", "--role", "line_manager"); code != 2 || !strings.Contains(errs, "--as") {
		t.Fatalf("anonymous change: %d %s", code, errs)
	}
	if code, _, errs := pursuit(t, "wrong phrase here\na long pass phrase\n", "user", "add", "--as", "root", "--data", dir, "--username", "jsmith", "--name", "Jo Smith", "--role", "line_manager"); code != 1 || !strings.Contains(errs, "wrong username or password") {
		t.Fatalf("wrong password: %d %s", code, errs)
	}
	code, out, errs := pursuit(t, "admin pass phrase\na long pass phrase\n", "user", "add", "--as", "root", "--data", dir, "--username", "JSmith", "--name", "Jo Smith", "--role", "line-manager")
	if code != 0 || !strings.Contains(out, "Jo Smith (jsmith), Line manager") {
		t.Fatalf("user add: %d %q %q", code, out, errs)
	}
	add := func(stdin string, args ...string) (int, string) {
		code, _, errs := pursuit(t, stdin, append([]string{"--data", dir, "--as", "root"}, args...)...)
		return code, errs
	}
	if code, errs := add("admin pass phrase\npassword123\n", "user", "add", "--username", "kb", "--name", "K B", "--role", "preceptee"); code != 1 || !strings.Contains(errs, "first anyone guessing would try") {
		t.Fatalf("weak password: %d %s", code, errs)
	}
	if code, errs := add("admin pass phrase\n", "user", "add", "--username", "kb", "--name", "K B", "--role", "preceptee"); code != 2 || !strings.Contains(errs, "standard input") {
		t.Fatalf("no password for the new account: %d %s", code, errs)
	}
	if code, errs := add("admin pass phrase\na long pass phrase\n", "user", "add", "--username", "kb", "--name", "K B", "--role", "matron"); code != 2 || !strings.Contains(errs, "not a role") {
		t.Fatalf("bad role: %d %s", code, errs)
	}
	if code, errs := add("admin pass phrase\na long pass phrase\n", "user", "add", "--username", "jsmith", "--name", "Jo Again", "--role", "preceptee"); code != 1 || !strings.Contains(errs, "already taken") {
		t.Fatalf("duplicate: %d %s", code, errs)
	}
	// A programme for a new preceptee, with the embedded framework imported on first need.
	add("admin pass phrase\nanother pass phrase\n", "user", "add", "--username", "pat", "--name", "Pat", "--role", "preceptee")
	add("admin pass phrase\nanother pass phrase\n", "user", "add", "--username", "sam", "--name", "Sam", "--role", "preceptor")
	code, out, errs = pursuit(t, "admin pass phrase\n", "programme", "add", "--as", "root", "--data", dir, "--preceptee", "pat", "--preceptor", "sam", "--line-manager", "jsmith", "--start", "2026-09-07", "--profession", "nurse-adult")
	if code != 0 || !strings.Contains(out, "ends 6 Sep 2027") {
		t.Fatalf("programme add: %d %s %s", code, out, errs)
	}
	if code, errs := add("admin pass phrase\n", "programme", "add", "--preceptee", "sam", "--preceptor", "pat", "--start", "2026-09-07", "--profession", "nurse-adult"); code != 1 || !strings.Contains(errs, "Sam is a Preceptor, not a Preceptee") {
		t.Fatalf("roles swapped: %d %s", code, errs)
	}
}

// A preceptee at a shared PC cannot use the command line to make herself a preceptor.
func TestTheCommandLineCannotForgeASignOff(t *testing.T) {
	dir := t.TempDir()
	pursuit(t, "admin pass phrase\n", "user", "add", "--data", dir, "--username", "root", "--name", "IT Admin", "--role", "admin")
	pursuit(t, "admin pass phrase\nher own phrase 1\n", "user", "add", "--as", "root", "--data", dir, "--username", "zoe", "--name", "Zoë", "--role", "preceptee")
	// Zoë tries to add a second account for herself, as herself and anonymously.
	if code, _, errs := pursuit(t, "her own phrase 1\nanother phrase!\n", "user", "add", "--as", "zoe", "--data", dir, "--username", "zoe.alt", "--name", "Zoë Alt", "--role", "preceptor"); code != 1 || !strings.Contains(errs, "not permitted") {
		t.Fatalf("a preceptee added an account: %d %s", code, errs)
	}
	if code, _, _ := pursuit(t, "another phrase!\n", "user", "add", "--data", dir, "--username", "zoe.alt", "--name", "Zoë Alt", "--role", "preceptor"); code != 2 {
		t.Fatalf("an anonymous account: %d", code)
	}
	if code, _, errs := pursuit(t, "her own phrase 1\n", "programme", "add", "--as", "zoe", "--data", dir, "--preceptee", "zoe", "--preceptor", "root", "--start", "2026-09-07", "--profession", "nurse-adult"); code != 1 || !strings.Contains(errs, "not permitted") {
		t.Fatalf("a preceptee set up her own programme: %d %s", code, errs)
	}
}

func TestFrameworkImportFromMoodleAndJSON(t *testing.T) {
	dir := t.TempDir()
	moodle := "../../model/framework/testdata/moodle-example.csv"
	if code, _, errs := pursuit(t, "", "framework", "import", moodle, "--data", dir); code != 2 || !strings.Contains(errs, "--level") {
		t.Fatalf("Moodle without a level: %d %s", code, errs)
	}
	code, out, errs := pursuit(t, "", "framework", "import", moodle, "--level", "should", "--data", dir, "--json")
	var res struct{ Added, Updated, Retired int }
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Added == 0 {
		t.Fatalf("Moodle import: %d %s %s", code, out, errs)
	}
	if code, out, _ := pursuit(t, "", "framework", "import", moodle, "--level", "should", "--data", dir); code != 0 || !strings.Contains(out, "0 added, 0 updated") {
		t.Fatalf("re-import: %d %s", code, out)
	}
	_, list, _ := pursuit(t, "", "framework", "list", "--data", dir)
	if !strings.Contains(list, "OECD") {
		t.Fatalf("framework list: %s", list)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{\n  \"format\": \"pursuit-framework\",\n  \"format_version\": 1,\n  \"framework\": {\"id\": \"x\",}\n}"), 0o600)
	before, _ := json.Marshal(list)
	if code, _, errs := pursuit(t, "", "framework", "import", bad, "--data", dir); code != 1 || !strings.Contains(errs, "line 4") {
		t.Fatalf("malformed JSON: %d %s", code, errs)
	}
	_, after, _ := pursuit(t, "", "framework", "list", "--data", dir)
	if b, _ := json.Marshal(after); string(b) != string(before) {
		t.Fatal("a failed import changed the frameworks")
	}
	if code, _, errs := pursuit(t, "", "framework", "import", "/nonexistent.csv", "--level", "must", "--data", dir); code != 1 || !strings.Contains(errs, "no such file") {
		t.Fatalf("missing file: %d %s", code, errs)
	}
}

func TestTheSameSeedOnTheSameDayGivesTheSameCohort(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, dir := range []string{a, b} {
		if code, _, errs := pursuit(t, "", "demo", "--preceptees", "3", "--seed", "7", "--data", dir); code != 0 {
			t.Fatal(errs)
		}
	}
	_, da, _ := pursuit(t, "", "dump", "--data", a)
	_, db, _ := pursuit(t, "", "dump", "--data", b)
	if da != db || len(da) < 10000 {
		t.Fatalf("two builds with seed 7 differ (%d and %d bytes)", len(da), len(db))
	}
	c := filepath.Join(t.TempDir(), "c")
	pursuit(t, "", "demo", "--preceptees", "3", "--seed", "8", "--data", c)
	if _, dc, _ := pursuit(t, "", "dump", "--data", c); dc == da {
		t.Fatal("another seed gave the same cohort")
	}
}

func TestDemoNeverReplacesAFileOrAFullFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "precious.txt")
	os.WriteFile(file, []byte("precious"), 0o600)
	if code, _, errs := pursuit(t, "", "demo", "--preceptees", "1", "--data", file); code != 1 || !strings.Contains(errs, "is a file") {
		t.Fatalf("demo over a file: %d %s", code, errs)
	}
	if b, _ := os.ReadFile(file); string(b) != "precious" {
		t.Fatal("the file was replaced")
	}
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "notes.docx"), []byte("x"), 0o600)
	if code, _, errs := pursuit(t, "", "demo", "--preceptees", "1", "--data", full); code != 1 || !strings.Contains(errs, "not empty") {
		t.Fatalf("demo into a full folder: %d %s", code, errs)
	}
}

func TestDataFolderThatIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	os.WriteFile(file, []byte("x"), 0o600)
	if code, _, errs := pursuit(t, "admin pass phrase\n", "user", "add", "--data", file, "--username", "root", "--name", "Root", "--role", "admin"); code != 1 || !strings.Contains(errs, "open data folder") || !strings.Contains(errs, "not a directory") {
		t.Fatalf("a file as the data folder: %d %s", code, errs)
	}
}

func TestCommandLineMistakes(t *testing.T) {
	if code, _, errs := pursuit(t, "", "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") || !strings.Contains(errs, "Usage") {
		t.Fatalf("unknown command: %d %s", code, errs)
	}
	if code, _, errs := pursuit(t, "", "demo", "--preceptees", "lots"); code != 2 || !strings.Contains(errs, "invalid value") {
		t.Fatalf("bad flag: %d %s", code, errs)
	}
	if code, out, _ := pursuit(t, "", "--version"); code != 0 || !strings.HasPrefix(out, "pursuit ") {
		t.Fatalf("version: %d %s", code, out)
	}
	if code, _, errs := pursuit(t, "", "check", "--data", t.TempDir()); code != 1 || !strings.Contains(errs, "no Pursuit data") {
		t.Fatalf("check on an empty folder: %d %s", code, errs)
	}
}

func TestTheWindowOpensTheDemoOnlyWhenNothingIsSetUp(t *testing.T) {
	config, cache := t.TempDir(), t.TempDir()
	g := &globals{env: env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{},
		now:       func() time.Time { return time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC) },
		configDir: func() (string, error) { return config, nil }, cacheDir: func() (string, error) { return cache, nil }}}
	dir, err := windowFolder(context.Background(), g)
	if err != nil || !g.demoMode || !strings.HasPrefix(dir, cache) || !hasDatabase(dir) {
		t.Fatalf("nothing set up: %s demo=%v %v", dir, g.demoMode, err)
	}
	if again, _ := windowFolder(context.Background(), g); again != dir {
		t.Fatal("the demo was built twice")
	}
	// Once the installation has its own database, the demo is never opened.
	real := filepath.Join(config, "Pursuit")
	pursuit(t, "admin pass phrase\n", "user", "add", "--data", real, "--username", "root", "--name", "Root", "--role", "admin")
	g = &globals{env: g.env}
	if dir, err := windowFolder(context.Background(), g); err != nil || dir != real || g.demoMode {
		t.Fatalf("with real data: %s demo=%v %v", dir, g.demoMode, err)
	}
}

func TestNoSubcommandOpensTheWindowOnTheDemoWhenNothingIsSetUp(t *testing.T) {
	var got *globals
	cache := t.TempDir()
	code := run(nil, env{stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{},
		configDir: func() (string, error) { return t.TempDir(), nil }, cacheDir: func() (string, error) { return cache, nil },
		openWindow: func(g *globals) error { got = g; return nil }})
	if code != 0 || got == nil || got.data != "" {
		t.Fatalf("no window: %d %+v", code, got)
	}
}

func TestReimportingAMoodleFileKeepsTheLevelsTheTrustChose(t *testing.T) {
	dir := t.TempDir()
	moodle := "../../model/framework/testdata/moodle-example.csv"
	pursuit(t, "", "framework", "import", moodle, "--level", "should", "--data", dir)
	if code, _, errs := pursuit(t, "", "framework", "set-level", "OECD-CORE", "DR-AF-1", "must", "--data", dir); code != 0 {
		t.Fatal(errs)
	}
	if code, out, errs := pursuit(t, "", "framework", "import", moodle, "--level", "could", "--version", "2", "--data", dir); code != 0 || !strings.Contains(out, "0 updated") {
		t.Fatalf("re-import: %d %s %s", code, out, errs)
	}
	_, out, _ := pursuit(t, "", "framework", "list", "--data", dir, "--json")
	if !strings.Contains(out, `"must": 1`) || !strings.Contains(out, `"should": 14`) {
		t.Fatalf("levels after re-import: %s", out)
	}
}

func TestCheckReportsAnEmptyDatabaseAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "pursuit.db"), nil, 0o600)
	for _, cmd := range [][]string{{"check"}, {"dump"}, {"list", "preceptees"}} {
		code, _, errs := pursuit(t, "", append(cmd, "--data", dir)...)
		if code != 1 || !strings.Contains(errs, "not a Pursuit database") {
			t.Errorf("%v on an empty database file: %d %s", cmd, code, errs)
		}
	}
	if info, _ := os.Stat(filepath.Join(dir, "pursuit.db")); info.Size() != 0 {
		t.Fatal("a read-only command wrote to the database")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("a read-only command created files: %d entries", len(entries))
	}
}

// On a real read-only bind mount (CI runs as root and sets PURSUIT_TEST_MOUNTS), the
// read-only commands still read, and the window's store says plainly it cannot write.
func TestReadOnlyFolder(t *testing.T) {
	if os.Getenv("PURSUIT_TEST_MOUNTS") == "" {
		t.Skip("set PURSUIT_TEST_MOUNTS=1 (as root) to test on a read-only bind mount")
	}
	src, mnt := filepath.Join(t.TempDir(), "data"), t.TempDir()
	if code, _, errs := pursuit(t, "", "demo", "--preceptees", "2", "--data", src); code != 0 {
		t.Fatal(errs)
	}
	if out, err := exec.Command("mount", "--bind", src, mnt).CombinedOutput(); err != nil {
		t.Fatalf("mount: %v %s", err, out)
	}
	defer exec.Command("umount", mnt).Run()
	if out, err := exec.Command("mount", "-o", "remount,bind,ro", mnt).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v %s", err, out)
	}
	if code, out, errs := pursuit(t, "", "check", "--data", mnt); code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("check on a read-only folder: %d %s %s", code, out, errs)
	}
	if code, out, _ := pursuit(t, demo.Password+"\n", "list", "preceptees", "--as", "lead", "--data", mnt, "--json"); code != 0 || !strings.Contains(out, "zoe") {
		t.Fatalf("list on a read-only folder: %d", code)
	}
	code, _, errs := pursuit(t, "a pass phrase!\n", "framework", "import", "../../assets/framework/default.json", "--data", mnt)
	if code != 1 || !strings.Contains(errs, "cannot be written") {
		t.Fatalf("a change on a read-only folder: %d %s", code, errs)
	}
}

// A command run from a script or a service, where LANG is C.UTF-8 (a bare Debian's and
// CI's), prints its own output and nothing from the GUI toolkit.
func TestACommandPrintsNoToolkitNoise(t *testing.T) {
	for _, locale := range []string{"LANG=C.UTF-8", "LC_ALL=C.UTF-8", "LANG=POSIX", "LANG=en_GB.UTF-8", ""} {
		cmd := exec.Command(os.Args[0])
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "PURSUIT_TEST_AS_COMMAND=--version"}
		if locale != "" {
			cmd.Env = append(cmd.Env, locale)
		}
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: %v: %s", locale, err, stderr.String())
		}
		if !strings.HasPrefix(stdout.String(), "pursuit ") || stderr.Len() > 0 {
			t.Errorf("with %q the command printed %q and, on standard error, %q", locale, stdout.String(), stderr.String())
		}
	}
}
