package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pursuit/model/demo"
	"pursuit/report/pdftest"
)

// textsOf are the words a person typed, as one account's dump shows them: every free-text
// value of thirty characters or more, by table, row id and field.
func textsOf(t *testing.T, dump string, tables ...string) map[[3]string]string {
	t.Helper()
	var recs map[string][]map[string]any
	if err := json.Unmarshal([]byte(dump), &recs); err != nil {
		t.Fatal(err)
	}
	out := map[[3]string]string{}
	for _, tbl := range tables {
		for _, r := range recs[tbl] {
			for _, f := range []string{"title", "text", "strengths", "learning_needs", "notes", "detail"} {
				if v, ok := r[f].(string); ok && len(v) >= 30 {
					out[[3]string{tbl, r["id"].(string), f}] = v
				}
			}
		}
	}
	return out
}

// Issue 13, point 6: the reading commands show each person what the window would, and
// nothing to someone who does not say who they are or gives a wrong password.
func TestTheReadingCommandsObeyThePermissionsMatrix(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := pursuit(t, "", "demo", "--preceptees", "4", "--data", dir); code != 0 {
		t.Fatal(errs)
	}
	pw := demo.Password + "\n"
	out := func(name string) string { return filepath.Join(t.TempDir(), name) }
	written := func(path string) bool { _, err := os.Stat(path); return err == nil }

	// Nobody named, or a wrong password: nothing read, nothing written.
	for _, args := range [][]string{
		{"list", "preceptees"},
		{"export", "--preceptee", "siobhan", "--out", out("a.pdf")},
		{"report", "cohort", "--out", out("c.pdf")},
	} {
		if code, _, errs := pursuit(t, "", append(args, "--data", dir)...); code != 2 || !strings.Contains(errs, "--as USERNAME") {
			t.Errorf("%v with nobody named: exit %d, %s", args, code, errs)
		}
		if code, _, errs := pursuit(t, "not zoe's password\n", append(args, "--data", dir, "--as", "zoe")...); code != 1 || !strings.Contains(errs, "wrong username or password") {
			t.Errorf("%v with a wrong password: exit %d, %s", args, code, errs)
		}
	}
	// Zoë cannot take Siobhán's portfolio; a preceptee writes no cohort report.
	siobhan := out("siobhan.pdf")
	if code, _, errs := pursuit(t, pw, "export", "--as", "zoe", "--data", dir, "--preceptee", "siobhan", "--out", siobhan); code != 1 || !strings.Contains(errs, "not permitted") || written(siobhan) {
		t.Errorf("zoe exporting siobhan's portfolio: exit %d, %s", code, errs)
	}
	if code, _, errs := pursuit(t, pw, "report", "cohort", "--as", "zoe", "--data", dir, "--out", out("c.pdf")); code != 1 || !strings.Contains(errs, "not permitted") {
		t.Errorf("zoe writing a cohort report: exit %d, %s", code, errs)
	}
	// Her preceptor exports her portfolio, but never her career conversations or her archive.
	zoeConv := out("zoe-conv.pdf")
	if code, _, errs := pursuit(t, pw, "export", "--as", "zoe", "--data", dir, "--preceptee", "zoe", "--sections", "conversations", "--conversations", "--out", zoeConv); code != 0 {
		t.Fatalf("zoe exporting her own conversations: %s", errs)
	}
	// Asked for the conversations alone, Amara is refused and nothing is written; asked
	// for them with the rest, she gets the rest.
	byAmara := out("by-amara.pdf")
	if code, _, errs := pursuit(t, pw, "export", "--as", "amara", "--data", dir, "--preceptee", "zoe", "--sections", "conversations", "--conversations", "--out", byAmara); code != 1 || !strings.Contains(errs, "does not read career conversations") || written(byAmara) {
		t.Fatalf("amara exporting zoe's career conversations alone: exit %d, %s", code, errs)
	}
	if code, _, errs := pursuit(t, pw, "export", "--as", "amara", "--data", dir, "--preceptee", "zoe", "--conversations", "--out", byAmara); code != 0 {
		t.Fatalf("amara exporting zoe's portfolio: %s", errs)
	}
	own, amaras := pdftest.Text(t, zoeConv), pdftest.Text(t, byAmara)
	if !strings.Contains(own, "Career conversation") || !strings.Contains(own, "Aspirations") {
		t.Fatalf("zoe's own export has no career conversations:\n%s", own)
	}
	if strings.Contains(amaras, "Aspirations") || strings.Contains(amaras, "chose to include") {
		t.Fatalf("amara's export holds zoe's career conversations:\n%s", amaras)
	}
	if code, _, errs := pursuit(t, pw, "export", "--as", "amara", "--data", dir, "--preceptee", "zoe", "--archive", "--out", out("z.zip")); code != 1 || !strings.Contains(errs, "not permitted") {
		t.Errorf("amara taking zoe's archive: exit %d, %s", code, errs)
	}
	if code, _, errs := pursuit(t, pw, "report", "cohort", "--as", "lead", "--data", dir, "--out", out("c.csv")); code != 0 {
		t.Errorf("the lead's cohort report: %s", errs)
	}
	// list shows those a person oversees: a preceptee, as in the window, none.
	if code, list, _ := pursuit(t, pw, "list", "preceptees", "--as", "zoe", "--data", dir, "--json"); code != 0 || strings.Contains(list, "siobhan") {
		t.Errorf("zoe's list: exit %d\n%s", code, list)
	}

	// dump: Zoë reads her own words; nobody, and Siobhán, see only fingerprints of them.
	_, mine, _ := pursuit(t, pw, "dump", "--as", "zoe", "--data", dir)
	_, anon, _ := pursuit(t, "", "dump", "--data", dir)
	_, hers, _ := pursuit(t, pw, "dump", "--as", "siobhan", "--data", dir)
	tables := []string{"evidence", "evidence_sections", "progress", "goals", "meetings"}
	mineT, anonT, hersT := textsOf(t, mine, tables...), textsOf(t, anon, tables...), textsOf(t, hers, tables...)
	n := 0
	for at, w := range mineT {
		if strings.HasPrefix(w, "sha256:") {
			continue // someone else's, which Zoë does not read either
		}
		n++
		if anonT[at] != "" && !strings.HasPrefix(anonT[at], "sha256:") || hersT[at] != "" && !strings.HasPrefix(hersT[at], "sha256:") {
			t.Fatalf("a dump not Zoë's shows her words in %v: %q / %q", at, anonT[at], hersT[at])
		}
		if strings.Contains(anon, w) {
			t.Fatalf("the anonymous dump shows %q", w)
		}
	}
	if n < 20 {
		t.Fatalf("zoe's dump shows only %d of her texts", n)
	}
	if len(anon) != len(mine) && !strings.Contains(anon, "sha256:") {
		t.Fatal("the anonymous dump has no fingerprints")
	}
	// check stays open and names no attachment.
	if code, out, _ := pursuit(t, "", "check", "--data", dir); code != 0 || strings.Contains(out, ".jpg") || strings.Contains(out, ".pdf") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
}
