package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"pursuit/model/demo"
	"pursuit/report/pdftest"
)

// Issue 14, attack 5, as someone at the ward PC would try it: open pursuit.db with the
// sqlite3 shell and type in a sign-off, by Zoë's preceptor, of a competency nobody signed
// off. check names it and exits 1; her portfolio PDF does not show it.
func TestASignOffTypedWithSqlite3IsNamedByCheckAndLeftOutOfThePDF(t *testing.T) {
	shell := pdftest.Tool(t, "sqlite3")
	dir := demoFolder(t, "2")
	export := func() string {
		out := filepath.Join(t.TempDir(), "zoe.pdf")
		if code, _, errs := pursuit(t, demo.Password+"\n", "export", "--as", "zoe", "--data", dir, "--preceptee", "zoe", "--out", out); code != 0 {
			t.Fatalf("export: %s", errs)
		}
		return pdftest.Text(t, out)
	}
	before := strings.Count(export(), "Signed off by")
	if code, out, errs := pursuit(t, "", "check", "--data", dir); code != 0 {
		t.Fatalf("check before: %s%s", out, errs)
	}

	db := filepath.Join(dir, "pursuit.db")
	sql := `CREATE TEMP TABLE pick AS SELECT p.id AS pid, p.preceptor_id AS sid, u.name AS sname, g.code AS code
		FROM programmes p JOIN users z ON z.id = p.preceptee_id JOIN users u ON u.id = p.preceptor_id JOIN progress g ON g.programme_id = p.id
		WHERE z.username = 'zoe' AND g.status <> 'signed_off' ORDER BY g.code LIMIT 1;
	INSERT INTO signoffs(id, programme_id, code, signer_id, signer_name, signer_role, at, statement)
		SELECT 'so-typed', pid, code, sid, sname, 'preceptor', '2026-11-20T10:00:00.000Z', 'I confirm I have seen the evidence' FROM pick;
	UPDATE progress SET status = 'signed_off' WHERE id IN (SELECT g.id FROM progress g JOIN pick ON g.programme_id = pick.pid AND g.code = pick.code);
	SELECT code FROM pick;`
	out, err := exec.Command(shell, db, sql).CombinedOutput()
	code := strings.TrimSpace(string(out))
	if err != nil || code == "" {
		t.Fatalf("sqlite3: %v %s", err, out)
	}

	exit, report, _ := pursuit(t, "", "check", "--data", dir)
	if exit != 1 || !strings.Contains(report, "proof: signoffs so-typed") || !strings.Contains(report, code+" is stored as signed off") {
		t.Fatalf("check after typing in a sign-off of %s: exit %d\n%s", code, exit, report)
	}
	if after := strings.Count(export(), "Signed off by"); after != before {
		t.Errorf("the PDF shows %d sign-offs, %d before the row was typed in", after, before)
	}
}
