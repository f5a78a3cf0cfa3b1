package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/sync/share"
)

// rootWorld is a Trust set up from the command line by its administrator, as the README
// says: a ward PC with a preceptee and her preceptor, and a protected shared folder.
type rootWorld struct {
	ward, dir string
	format    []byte // FORMAT.json as set up
	fp        string // the fingerprint the set-up printed
	progID    string
	samID     string
}

func newRootWorld(t *testing.T) rootWorld {
	t.Helper()
	root := t.TempDir()
	w := rootWorld{ward: filepath.Join(root, "ward"), dir: filepath.Join(root, "share")}
	const adminPW, pw = "admin password on ward nine", "kettle on ward nine"
	steps := []struct {
		stdin string
		args  []string
	}{
		{adminPW + "\n", []string{"user", "add", "--username", "alex", "--name", "Alex Admin", "--role", "admin"}},
		{adminPW + "\n" + pw + "\n", []string{"user", "add", "--as", "alex", "--username", "pat", "--name", "Pat Okafor", "--role", "preceptee"}},
		{adminPW + "\n" + pw + "\n", []string{"user", "add", "--as", "alex", "--username", "sam", "--name", "Sam Preceptor", "--role", "preceptor"}},
		{adminPW + "\n", []string{"programme", "add", "--as", "alex", "--preceptee", "pat", "--preceptor", "sam", "--start", "2026-09-07", "--profession", "nurse-adult"}},
	}
	for _, s := range steps {
		if code, _, errs := pursuit(t, s.stdin, append(s.args, "--data", w.ward)...); code != 0 {
			t.Fatalf("%v: %s", s.args, errs)
		}
	}
	os.Mkdir(w.dir, 0o700)
	code, _, errs := pursuit(t, adminPW+"\n", "sync", "--init", "--as", "alex", "--share", w.dir, "--data", w.ward)
	if code != 0 {
		t.Fatalf("sync --init: %s", errs)
	}
	w.fp = regexp.MustCompile(`\d{5}( \d{5}){5}`).FindString(errs)
	w.format, _ = os.ReadFile(filepath.Join(w.dir, "FORMAT.json"))
	var doc struct{ Root model.TrustRoot }
	if err := json.Unmarshal(w.format, &doc); err != nil || w.fp == "" || doc.Root.Fingerprint() != w.fp {
		t.Fatalf("the set-up printed fingerprint %q; FORMAT.json's root has %q (%v)\n%s", w.fp, doc.Root.Fingerprint(), err, errs)
	}
	// The administrator's own PC made the key: nothing to compare, nothing to confirm.
	if code, out, errs := pursuit(t, "", "sync", "--share", w.dir, "--data", w.ward); code != 0 || strings.Contains(out, "nobody has confirmed") || strings.Contains(out, "NOT protected") {
		t.Fatalf("the administrator's PC: exit %d\n%s%s", code, out, errs)
	}
	_, dump, _ := pursuit(t, "", "dump", "--data", w.ward)
	var recs map[string][]map[string]any
	if err := json.Unmarshal([]byte(dump), &recs); err != nil {
		t.Fatal(err)
	}
	for _, u := range recs["users"] {
		if u["username"] == "sam" {
			w.samID = u["id"].(string)
		}
	}
	w.progID = recs["programmes"][0]["id"].(string)
	return w
}

// forge takes the administrator key out of FORMAT.json and drops an unsigned segment
// saying Sam signed off ACC-02, as a preceptee with Explorer on the share could.
func (w rootWorld) forge(t *testing.T) {
	t.Helper()
	var doc map[string]any
	json.Unmarshal(w.format, &doc)
	delete(doc, "root")
	b, _ := json.Marshal(doc)
	if err := os.WriteFile(filepath.Join(w.dir, "FORMAT.json"), append(b, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)
	op := model.Op{Format: model.OpFormat, ID: "forged", Table: "signoffs", Row: "so-forged", Kind: model.OpPut,
		Fields: map[string]any{"programme_id": w.progID, "code": "ACC-02", "signer_id": w.samID, "signer_name": "Sam Preceptor", "signer_role": "preceptor", "statement": "I confirm"},
		HLC:    model.HLC{Wall: at.UnixMilli(), Device: "rogue"}.String(), Device: "rogue", Author: w.samID}
	line, _ := json.Marshal(op)
	sh := &share.Share{FS: share.Dir{Root: w.dir, Timeout: 5 * time.Second}}
	if err := sh.WriteSegment(context.Background(), share.Segment{Device: "rogue", Seq: 1, Created: at, Ops: []json.RawMessage{line}}); err != nil {
		t.Fatal(err)
	}
}

func forged(t *testing.T, data string) bool {
	t.Helper()
	_, d, _ := pursuit(t, "", "dump", "--data", data)
	return strings.Contains(d, "so-forged")
}

// Issue 14, attack 1: the administrator key taken out of FORMAT.json. Every PC that knows
// the key, however it came to know it, refuses the folder loudly and takes nothing from
// it; verify fails against the key.
func TestAFolderThatLosesItsAdministratorKeyIsRefused(t *testing.T) {
	w := newRootWorld(t)
	laptop := filepath.Join(t.TempDir(), "laptop")
	code, out, errs := pursuit(t, "", "sync", "--share", w.dir, "--data", laptop)
	if code != 0 || !strings.Contains(out, "nobody has confirmed the folder's administrator key") || !strings.Contains(out, w.fp) {
		t.Fatalf("the laptop's first sync: %s%s", out, errs)
	}
	w.forge(t)

	// A PC that pinned the key at its first sync.
	code, _, errs = pursuit(t, "", "sync", "--share", w.dir, "--data", laptop)
	if code != 1 || !strings.Contains(errs, "no longer names the administrator key") || !strings.Contains(errs, w.fp) {
		t.Fatalf("the laptop with the key pinned: exit %d, %s", code, errs)
	}
	if forged(t, laptop) {
		t.Fatal("the forged sign-off reached the laptop")
	}
	// A new PC whose Trust settings name the key's fingerprint.
	policy := filepath.Join(t.TempDir(), "policy.json")
	os.WriteFile(policy, []byte(`{"trust_root": "`+strings.ReplaceAll(w.fp, " ", "-")+`"}`), 0o600)
	fresh := filepath.Join(t.TempDir(), "new-ward-pc")
	code, _, errs = pursuitWithPolicy(t, policy, "", "sync", "--share", w.dir, "--data", fresh)
	if code != 1 || !strings.Contains(errs, "no longer names") {
		t.Fatalf("a new PC with the key deployed: exit %d, %s", code, errs)
	}
	if forged(t, fresh) {
		t.Fatal("the forged sign-off reached the PC with the key deployed")
	}
	// A new PC whose person confirms the fingerprint the Trust published.
	confirmed := filepath.Join(t.TempDir(), "confirmed-pc")
	code, _, errs = pursuit(t, "", "sync", "--share", w.dir, "--data", confirmed, "--root", w.fp)
	if code != 1 || !strings.Contains(errs, "no longer names") {
		t.Fatalf("a new PC confirming the fingerprint: exit %d, %s", code, errs)
	}
	if forged(t, confirmed) {
		t.Fatal("the forged sign-off reached the PC that confirmed the fingerprint")
	}
	// verify, against the key given, and against the key a PC pinned.
	if code, out, errs := pursuit(t, "", "verify", "--share", w.dir, "--root", w.fp); code != 1 || !strings.Contains(errs, "no longer names") {
		t.Fatalf("verify --root: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := pursuit(t, "", "verify", "--share", w.dir, "--data", laptop); code != 1 || !strings.Contains(errs, "no longer names") {
		t.Fatalf("verify --data of a PC that pinned the key: exit %d\n%s%s", code, out, errs)
	}
	// Told nothing, verify no longer says "0 failed" and exits 0 for a folder it cannot judge.
	if code, out, _ := pursuit(t, "", "verify", "--share", w.dir); code != 1 || !strings.Contains(out, "NOT protected") {
		t.Fatalf("verify with no key: exit %d\n%s", code, out)
	}
}

// The key swapped for another: a new PC with the Trust's fingerprint deployed or confirmed
// refuses it, where before it pinned whatever it found first.
func TestAFolderNamingAnotherKeyIsRefusedByANewPCThatWasToldTheKey(t *testing.T) {
	w := newRootWorld(t)
	other, _ := model.NewKeyPair(strings.NewReader(strings.Repeat("another administrator's 64 bytes of randomness ", 2)))
	var doc map[string]any
	json.Unmarshal(w.format, &doc)
	doc["root"].(map[string]any)["sign_key"] = base64.StdEncoding.EncodeToString(other.SignPublic)
	b, _ := json.Marshal(doc)
	os.WriteFile(filepath.Join(w.dir, "FORMAT.json"), b, 0o600)

	policy := filepath.Join(t.TempDir(), "policy.json")
	os.WriteFile(policy, []byte("\xef\xbb\xbf{\"trust_root\": \""+w.fp+"\"}\r\n"), 0o600) // as Notepad saves it
	if code, _, errs := pursuitWithPolicy(t, policy, "", "sync", "--share", w.dir, "--data", t.TempDir()); code != 1 || !strings.Contains(errs, "is not the one this PC trusts") {
		t.Fatalf("a new PC with the key deployed: exit %d, %s", code, errs)
	}
	if code, _, errs := pursuit(t, "", "sync", "--share", w.dir, "--data", t.TempDir(), "--root", w.fp); code != 1 || !strings.Contains(errs, "is not the one this PC trusts") {
		t.Fatalf("a new PC confirming the fingerprint: exit %d, %s", code, errs)
	}
	if code, _, errs := pursuit(t, "", "verify", "--share", w.dir, "--root", w.fp); code != 1 || !strings.Contains(errs, "is not the one this PC trusts") {
		t.Fatalf("verify --root: exit %d, %s", code, errs)
	}
	// With the real FORMAT.json back, the same PC syncs.
	os.WriteFile(filepath.Join(w.dir, "FORMAT.json"), w.format, 0o600)
	if code, _, errs := pursuitWithPolicy(t, policy, "", "sync", "--share", w.dir, "--data", t.TempDir()); code != 0 {
		t.Fatalf("the real folder with the key deployed: %s", errs)
	}
	if code, out, errs := pursuit(t, "", "verify", "--share", w.dir, "--root", w.fp); code != 0 || !strings.Contains(out, "0 failed") {
		t.Fatalf("verify --root of the real folder: exit %d\n%s%s", code, out, errs)
	}
}

// The README's set-up is the protected one: an unprotected folder takes --unprotected, and
// says what it means.
func TestAnUnprotectedFolderIsOnlyMadeOnPurpose(t *testing.T) {
	dir, data := t.TempDir(), t.TempDir()
	if code, _, errs := pursuit(t, "", "sync", "--init", "--share", dir, "--data", data); code != 2 || !strings.Contains(errs, "--as ADMINISTRATOR") {
		t.Fatalf("--init with nobody signed in: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "FORMAT.json")); err == nil {
		t.Fatal("the folder was set up all the same")
	}
	if code, out, errs := pursuit(t, "", "sync", "--init", "--unprotected", "--share", dir, "--data", data); code != 0 || !strings.Contains(errs, "NOT protected") || !strings.Contains(out, "NOT protected") {
		t.Fatalf("--init --unprotected: exit %d, %s%s", code, out, errs)
	}
	// On a protected folder it changes nothing, and says so.
	w := newRootWorld(t)
	if code, _, errs := pursuit(t, "", "sync", "--init", "--unprotected", "--share", w.dir, "--data", t.TempDir()); code != 0 || strings.Contains(errs, "NOT protected") || !strings.Contains(errs, "already set up, protected") {
		t.Fatalf("--init --unprotected on a protected folder: exit %d, %s", code, errs)
	}
	// A folder in use whose FORMAT.json was taken away is not set up again.
	os.Remove(filepath.Join(w.dir, "FORMAT.json"))
	if code, _, errs := pursuit(t, "", "sync", "--init", "--unprotected", "--share", w.dir, "--data", t.TempDir()); code != 1 || !strings.Contains(errs, "put FORMAT.json back from a backup") {
		t.Fatalf("--init on a folder in use: exit %d, %s", code, errs)
	}
}

// Settings IT cannot get right first time: a broken file is said plainly, and sync then
// trusts no folder rather than any.
func TestABrokenTrustSettingsFileStopsSyncAndSaysWhy(t *testing.T) {
	w := newRootWorld(t)
	for name, body := range map[string]string{
		"not JSON":        `{"trust_root": `,
		"not text":        `{"trust_root": 12345}`,
		"too few digits":  `{"trust_root": "12345 67890"}`,
		"letters in it":   `{"trust_root": "12345 67890 abcde 12345 67890 12345"}`,
		"not an object":   `["trust_root"]`,
		"null":            `null`,
		"a number at top": `7`,
	} {
		policy := filepath.Join(t.TempDir(), "policy.json")
		os.WriteFile(policy, []byte(body), 0o600)
		data := t.TempDir()
		code, _, errs := pursuitWithPolicy(t, policy, "", "sync", "--share", w.dir, "--data", data)
		if code != 1 || !strings.Contains(errs, "cannot be used") || !strings.Contains(errs, policy) {
			t.Errorf("%s: sync exit %d, %s", name, code, errs)
		}
		if code, out, errs := pursuitWithPolicy(t, policy, "", "policy", "show"); code != 1 || !strings.Contains(out, "cannot be used") {
			t.Errorf("%s: policy show exit %d\n%s%s", name, code, out, errs)
		}
	}
	policy := filepath.Join(t.TempDir(), "policy.json")
	os.WriteFile(policy, []byte(`{"trust_root": "`+w.fp+`"}`), 0o600)
	code, out, errs := pursuitWithPolicy(t, policy, "", "policy", "show")
	if code != 0 || !strings.Contains(out, w.fp) {
		t.Fatalf("policy show: exit %d\n%s%s", code, out, errs)
	}
	os.WriteFile(policy, []byte(`{"trustroot": "`+w.fp+`"}`), 0o600) // misspelt: not trusted blindly
	if code, _, errs := pursuitWithPolicy(t, policy, "", "sync", "--share", w.dir, "--data", t.TempDir()); code != 1 || !strings.Contains(errs, `"trustroot" is not a setting`) {
		t.Fatalf("a misspelt policy key: exit %d, %s", code, errs)
	}
	if code, out, _ := pursuit(t, "", "policy", "show"); code != 0 || !strings.Contains(out, "No settings from the Trust") {
		t.Fatalf("policy show with no file: exit %d\n%s", code, out)
	}
}

// Issue 14, attack 6: every file the ward PC wrote is deleted from the share. The ward PC
// notices at its next sync, says so, and sends everything again; a new PC then gets it all.
func TestAPCWhoseFilesVanishedFromTheShareSendsThemAgain(t *testing.T) {
	w := newRootWorld(t)
	devs, _ := os.ReadDir(filepath.Join(w.dir, "devices"))
	if len(devs) != 1 {
		t.Fatalf("devices on the share: %v", devs)
	}
	laptop := filepath.Join(t.TempDir(), "laptop")
	if code, _, errs := pursuit(t, "", "sync", "--share", w.dir, "--data", laptop, "--root", w.fp); code != 0 {
		t.Fatal(errs)
	}
	os.RemoveAll(filepath.Join(w.dir, "devices", devs[0].Name()))
	code, out, errs := pursuit(t, "", "sync", "--share", w.dir, "--data", w.ward)
	if code != 0 || !strings.Contains(out, "had vanished from the shared folder") {
		t.Fatalf("the ward PC after its files vanished: exit %d\n%s%s", code, out, errs)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	if code, _, errs := pursuit(t, "", "sync", "--share", w.dir, "--data", fresh, "--root", w.fp); code != 0 {
		t.Fatal(errs)
	}
	if _, d, _ := pursuit(t, "", "dump", "--data", fresh); !strings.Contains(d, w.progID) {
		t.Fatal("a new PC did not get the ward PC's programme after it was sent again")
	}
}

// Issue 14, attack 6, the front of a history: the ward PC's first segment (its accounts
// and the programme) is deleted, later ones left. A new PC says so, names the device and
// exits 1 rather than "Synced"; the ward PC notices at its next sync and sends everything
// again; the new PC then has it all.
func TestAHistoryDeletedFromTheFrontIsNamedAndSentAgain(t *testing.T) {
	w := newRootWorld(t)
	const adminPW = "admin password on ward nine"
	if code, _, errs := pursuit(t, adminPW+"\nkettle on ward nine\n", "user", "add", "--as", "alex", "--username", "lee", "--name", "Lee Manager", "--role", "line_manager", "--data", w.ward); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := pursuit(t, "", "sync", "--share", w.dir, "--data", w.ward); code != 0 {
		t.Fatal(errs)
	}
	devs, _ := os.ReadDir(filepath.Join(w.dir, "devices"))
	if len(devs) != 1 {
		t.Fatalf("devices on the share: %v", devs)
	}
	ward := devs[0].Name()
	if err := os.Remove(filepath.Join(w.dir, "devices", ward, "log", "000000000001.seg")); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	code, out, errs := pursuit(t, "", "sync", "--share", w.dir, "--data", fresh, "--root", w.fp)
	if code != 1 || !strings.Contains(errs, "history of 1 device(s) is missing") || !strings.Contains(errs, ward) || !strings.Contains(out, ward) {
		t.Fatalf("a new PC with the ward PC's first segment gone: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = pursuit(t, "", "sync", "--share", w.dir, "--data", w.ward)
	if code != 0 || !strings.Contains(out, "had vanished from the shared folder") {
		t.Fatalf("the ward PC after its first segment vanished: exit %d\n%s%s", code, out, errs)
	}
	code, _, errs = pursuit(t, "", "sync", "--share", w.dir, "--data", fresh)
	if _, d, _ := pursuit(t, "", "dump", "--data", fresh); !strings.Contains(d, w.progID) || !strings.Contains(d, "Lee Manager") {
		t.Fatalf("the new PC after the ward PC sent everything again (exit %d %s): programme %v", code, errs, strings.Contains(d, w.progID))
	}
}
