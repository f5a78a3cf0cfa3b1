package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pursuit/model/demo"
	"pursuit/model/sqlite"
	"pursuit/report/pdftest"
)

func demoFolder(t *testing.T, n string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if code, _, errs := pursuit(t, "", "demo", "--preceptees", n, "--data", dir); code != 0 {
		t.Fatalf("demo: %s", errs)
	}
	return dir
}

func TestExportWritesTheChosenPortfolioSections(t *testing.T) {
	dir := demoFolder(t, "2")
	out := filepath.Join(t.TempDir(), "zoe.pdf")
	code, stdout, errs := pursuit(t, demo.Password+"\n", "export", "--as", "zoe", "--data", dir, "--preceptee", "zoe", "--out", out, "--purpose", "PACE meeting 14 March 2027")
	if code != 0 || !strings.Contains(stdout, "Zoë Whitfield") {
		t.Fatalf("export: %d %s %s", code, stdout, errs)
	}
	text := pdftest.Text(t, out)
	for _, want := range []string{"Zoë Whitfield", "PACE meeting 14 March 2027", "Contents", "Evidence", "confidential"} {
		if !strings.Contains(text, want) {
			t.Errorf("the portfolio does not mention %q", want)
		}
	}
	pdftest.Check(t, out)

	// Only the sections asked for, and a clear word for one that does not exist.
	small := filepath.Join(t.TempDir(), "plan.pdf")
	if code, _, errs := pursuit(t, demo.Password+"\n", "export", "--as", "zoe", "--data", dir, "--preceptee", "zoe", "--out", small, "--sections", "plan"); code != 0 {
		t.Fatalf("export --sections plan: %s", errs)
	}
	if st, _ := os.Stat(small); st == nil {
		t.Fatal("no file for --sections plan")
	}
	if strings.Contains(pdftest.Text(t, small), "Evidence × competency") {
		t.Error("--sections plan still printed the evidence matrix")
	}
	if code, _, errs := pursuit(t, demo.Password+"\n", "export", "--as", "zoe", "--data", dir, "--preceptee", "zoe", "--out", small, "--sections", "gossip"); code != 2 || !strings.Contains(errs, `"gossip" is not a section`) {
		t.Fatalf("an unknown section: %d %s", code, errs)
	}
	if code, _, errs := pursuit(t, demo.Password+"\n", "export", "--as", "lead", "--data", dir, "--preceptee", "nobody", "--out", small); code != 1 || !strings.Contains(errs, "no preceptee") {
		t.Fatalf("an unknown preceptee: %d %s", code, errs)
	}
	if code, _, errs := pursuit(t, demo.Password+"\n", "export", "--as", "zoe", "--data", dir, "--preceptee", "zoe", "--out", filepath.Join(t.TempDir(), "no", "such", "folder.pdf")); code != 1 || !strings.Contains(errs, "write") {
		t.Fatalf("an export into a missing folder: %d %s", code, errs)
	}
}

func TestExportTheRevalidationPackAndTheCohortReport(t *testing.T) {
	dir := demoFolder(t, "3")
	reval := filepath.Join(t.TempDir(), "revalidation.pdf")
	if code, _, errs := pursuit(t, demo.Password+"\n", "export", "--as", "zoe", "--data", dir, "--preceptee", "zoe", "--revalidation", "--out", reval); code != 0 {
		t.Fatalf("export --revalidation: %s", errs)
	}
	text := pdftest.Text(t, reval)
	for _, want := range []string{"Zoë Whitfield", "CPD", "feedback", "eflective account"} {
		if !strings.Contains(text, want) {
			t.Errorf("the revalidation pack does not mention %q", want)
		}
	}

	pdf := filepath.Join(t.TempDir(), "cohort.pdf")
	if code, _, errs := pursuit(t, demo.Password+"\n", "report", "cohort", "--as", "lead", "--data", dir, "--out", pdf); code != 0 {
		t.Fatalf("report cohort pdf: %s", errs)
	}
	if text := pdftest.Text(t, pdf); !strings.Contains(text, "Zoë Whitfield") || !strings.Contains(text, "Łukasz") {
		t.Errorf("the cohort report does not name every preceptee:\n%s", text)
	}
	file := filepath.Join(t.TempDir(), "cohort.csv")
	if code, _, errs := pursuit(t, demo.Password+"\n", "report", "cohort", "--as", "lead", "--data", dir, "--out", file); code != 0 {
		t.Fatalf("report cohort csv: %s", errs)
	}
	f, _ := os.Open(file)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("cohort CSV: %d rows, %v", len(rows), err)
	}
	// Sorted by name as a person sorts names: Łukasz among the Ls, before Siobhán and Zoë.
	var names []string
	for _, r := range rows[1:] {
		names = append(names, r[1])
	}
	if strings.Join(names, ", ") != "Łukasz Nowak, Siobhán Ó'Connor, Zoë Whitfield" {
		t.Errorf("the CSV's preceptees in the order %q", names)
	}
	if code, _, errs := pursuit(t, demo.Password+"\n", "report", "cohort", "--as", "lead", "--data", dir, "--out", "cohort.xlsx"); code != 2 || !strings.Contains(errs, ".pdf or FILE.csv") {
		t.Fatalf("a spreadsheet name: %d %s", code, errs)
	}
}

// TestAPersonalArchiveRestoresTheSameRecords is the round trip: what a preceptee takes
// away restores, in an empty folder, to the same records as the folder it came from.
func TestAPersonalArchiveRestoresTheSameRecords(t *testing.T) {
	dir := demoFolder(t, "1")
	zipFile := filepath.Join(t.TempDir(), "zoe-archive.zip")
	if code, _, errs := pursuit(t, demo.Password+"\n", "export", "--as", "zoe", "--data", dir, "--preceptee", "zoe", "--archive", "--out", zipFile); code != 0 {
		t.Fatalf("export --archive: %s", errs)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	if code, _, errs := pursuit(t, "short\n", "import-archive", zipFile, "--data", restored); code != 1 || !strings.Contains(errs, "password") {
		t.Fatalf("a weak password: %d %s", code, errs)
	}
	if _, err := os.Stat(restored); !os.IsNotExist(err) {
		t.Fatal("a refused restore left a folder behind")
	}
	code, out, errs := pursuit(t, "a new pass phrase for Zoë\n", "import-archive", zipFile, "--data", restored)
	if code != 0 || !strings.Contains(out, "Zoë Whitfield") {
		t.Fatalf("import-archive: %d %s %s", code, out, errs)
	}
	if code, out, _ := pursuit(t, "", "check", "--data", restored); code != 0 || !strings.Contains(out, "intact") {
		t.Fatalf("check of the restored folder: %d %s", code, out)
	}
	before, after := dumpTables(t, dir), dumpTables(t, restored)
	zoe := ""
	for _, u := range before["users"] {
		if u["username"] == "zoe" {
			zoe = u["id"].(string)
		}
	}
	for table, rows := range before {
		if table == "users" || table == "audit" || table == "signin_state" || table == "outbox" || table == "drafts" {
			continue // accounts come across disabled and without passwords; the rest is this device's own
		}
		// Her records only: her preceptor's own training and listening events stay behind.
		if table == "training" || table == "learning_events" {
			hers := []map[string]any{}
			for _, r := range rows {
				if r["user_id"] == zoe {
					hers = append(hers, r)
				}
			}
			rows = hers
		}
		if len(rows)+len(after[table]) > 0 && !reflect.DeepEqual(rows, after[table]) {
			t.Errorf("table %s differs after the round trip: %d rows before, %d after", table, len(rows), len(after[table]))
		}
	}
	if len(before["evidence"]) == 0 || len(before["signoffs"]) == 0 || len(before["attachments"]) == 0 {
		t.Fatal("the demo folder had nothing to compare")
	}
	for _, u := range after["users"] {
		if u["username"] != "zoe" && u["active"] != float64(0) {
			t.Errorf("%v can sign in to the restored folder", u["username"])
		}
	}

	// The restored preceptee signs in with the new password, and nobody else can.
	st, err := sqlite.Open(context.Background(), restored, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SignIn(context.Background(), "zoe", "a new pass phrase for Zoë"); err != nil {
		t.Errorf("Zoë cannot sign in to her restored portfolio: %v", err)
	}
	if _, err := st.SignIn(context.Background(), "amara", demo.Password); err == nil {
		t.Error("her preceptor's account works in the restored folder")
	}
	st.Close()
	// A second restore never replaces the first.
	if code, _, errs := pursuit(t, "a new pass phrase for Zoë\n", "import-archive", zipFile, "--data", restored); code != 1 || !strings.Contains(errs, "already holds a Pursuit database") {
		t.Fatalf("a restore over a database: %d %s", code, errs)
	}
	// A file that is not an archive gets a clear message.
	junk := filepath.Join(t.TempDir(), "holiday.zip")
	os.WriteFile(junk, []byte("PK\x03\x04 not really"), 0o600)
	if code, _, errs := pursuit(t, "a new pass phrase for Zoë\n", "import-archive", junk, "--data", filepath.Join(t.TempDir(), "x")); code != 1 || !strings.Contains(errs, "not a readable Pursuit archive") {
		t.Fatalf("a foreign zip: %d %s", code, errs)
	}
}

func dumpTables(t *testing.T, dir string) map[string][]map[string]any {
	t.Helper()
	code, out, errs := pursuit(t, "", "dump", "--data", dir)
	if code != 0 {
		t.Fatalf("dump %s: %s", dir, errs)
	}
	var tables map[string][]map[string]any
	if err := json.Unmarshal([]byte(out), &tables); err != nil {
		t.Fatal(err)
	}
	return tables
}

// What cannot make a sensible document is refused with a sentence, and no file is written:
// a file named for another kind, career conversations asked for without choosing them, or by
// someone who may not read them, a certificate before completion is confirmed; and a
// programme for a profession Pursuit does not know.
func TestExportRefusesWhatWouldMislead(t *testing.T) {
	dir := demoFolder(t, "2")
	tmp := t.TempDir()
	for _, c := range []struct {
		who  string
		args []string
		code int
		want string
	}{
		{"zoe", []string{"--out", filepath.Join(tmp, "zoe.docx")}, 2, "name the file ….pdf"},
		{"zoe", []string{"--archive", "--out", filepath.Join(tmp, "zoe.pdf")}, 2, "name the file ….zip"},
		{"zoe", []string{"--sections", "conversations", "--out", filepath.Join(tmp, "c.pdf")}, 2, "needs --conversations"},
		{"david", []string{"--sections", "conversations", "--conversations", "--out", filepath.Join(tmp, "d.pdf")}, 1, "does not read career conversations"},
		{"zoe", []string{"--certificate", "--out", filepath.Join(tmp, "cert.pdf")}, 1, "not yet confirmed complete"},
		{"zoe", []string{"--certificate", "--archive", "--out", filepath.Join(tmp, "cert.zip")}, 2, "choose one of"},
	} {
		args := append([]string{"export", "--as", c.who, "--data", dir, "--preceptee", "zoe"}, c.args...)
		code, _, errs := pursuit(t, demo.Password+"\n", args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("refused exports wrote %d files", len(entries))
	}
	// The upper-case extension a Windows user may type is the same kind.
	if code, _, errs := pursuit(t, demo.Password+"\n", "export", "--as", "zoe", "--data", dir, "--preceptee", "zoe", "--sections", "plan", "--out", filepath.Join(tmp, "ZOE.PDF")); code != 0 {
		t.Errorf("--out ZOE.PDF: %s", errs)
	}
	code, _, errs := pursuit(t, "", "programme", "add", "--data", dir, "--preceptee", "zoe", "--preceptor", "amara", "--start", "2027-01-04", "--profession", "nurse-adlut")
	if code != 2 || !strings.Contains(errs, `"nurse-adlut" is not one Pursuit knows`) || !strings.Contains(errs, "nurse-adult") {
		t.Errorf("an unknown profession: exit %d, %q", code, errs)
	}
}
