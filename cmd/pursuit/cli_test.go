package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pursuit/model"
)

// pursuit runs one command line in-process and returns its exit status and output.
func pursuit(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, env{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		now:        func() time.Time { return time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC) },
		configDir:  func() (string, error) { return t.TempDir(), nil },
		cacheDir:   func() (string, error) { return t.TempDir(), nil },
		openWindow: func(*globals) error { t.Fatal("a window opened in a command-line test"); return nil },
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
	code, out, _ = pursuit(t, "", "list", "preceptees", "--data", dir, "--json")
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

func TestUserAddTakesThePasswordFromStandardInput(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := pursuit(t, "a long pass phrase\n", "user", "add", "--data", dir, "--username", "jsmith", "--name", "Jo Smith", "--role", "line_manager"); code != 1 || !strings.Contains(errs, "first account must be the administrator") {
		t.Fatalf("first account not an administrator: %d %s", code, errs)
	}
	if code, _, errs := pursuit(t, "admin pass phrase\n", "user", "add", "--data", dir, "--username", "root", "--name", "IT Admin", "--role", "admin"); code != 0 {
		t.Fatalf("first administrator: %s", errs)
	}
	code, out, errs := pursuit(t, "a long pass phrase\n", "user", "add", "--data", dir, "--username", "JSmith", "--name", "Jo Smith", "--role", "line-manager")
	if code != 0 || !strings.Contains(out, "Jo Smith (jsmith), Line manager") {
		t.Fatalf("user add: %d %q %q", code, out, errs)
	}
	if code, _, errs := pursuit(t, "password123\n", "user", "add", "--data", dir, "--username", "kb", "--name", "K B", "--role", "preceptee"); code != 1 || !strings.Contains(errs, "too common") {
		t.Fatalf("weak password: %d %s", code, errs)
	}
	if code, _, errs := pursuit(t, "", "user", "add", "--data", dir, "--username", "kb", "--name", "K B", "--role", "preceptee"); code != 2 || !strings.Contains(errs, "standard input") {
		t.Fatalf("no password: %d %s", code, errs)
	}
	if code, _, errs := pursuit(t, "a long pass phrase\n", "user", "add", "--data", dir, "--username", "kb", "--name", "K B", "--role", "matron"); code != 1 || !strings.Contains(errs, "not a role") {
		t.Fatalf("bad role: %d %s", code, errs)
	}
	if code, _, errs := pursuit(t, "a long pass phrase\n", "user", "add", "--data", dir, "--username", "jsmith", "--name", "Jo Again", "--role", "preceptee"); code != 1 || !strings.Contains(errs, "already taken") {
		t.Fatalf("duplicate: %d %s", code, errs)
	}
	// A programme for a new preceptee, with the embedded framework imported on first need.
	pursuit(t, "another pass phrase\n", "user", "add", "--data", dir, "--username", "pat", "--name", "Pat", "--role", "preceptee")
	pursuit(t, "another pass phrase\n", "user", "add", "--data", dir, "--username", "sam", "--name", "Sam", "--role", "preceptor")
	code, out, errs = pursuit(t, "", "programme", "add", "--data", dir, "--preceptee", "pat", "--preceptor", "sam", "--line-manager", "jsmith", "--start", "2026-09-07", "--profession", "nurse-adult")
	if code != 0 || !strings.Contains(out, "ends 6 Sept 2027") && !strings.Contains(out, "ends 6 Sep 2027") {
		t.Fatalf("programme add: %d %s %s", code, out, errs)
	}
	if code, _, errs := pursuit(t, "", "programme", "add", "--data", dir, "--preceptee", "sam", "--preceptor", "pat", "--start", "2026-09-07", "--profession", "nurse-adult"); code != 1 || !strings.Contains(errs, "Sam is a Preceptor, not a Preceptee") {
		t.Fatalf("roles swapped: %d %s", code, errs)
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
