package sqlite

import (
	"strings"
	"testing"

	"pursuit/model"
)

// Someone with the database file edits, deletes or slips in an audit entry: check names the
// first entry that no longer follows.
func TestCheckFindsTheFirstBrokenLinkOfTheAuditLog(t *testing.T) {
	for _, tc := range []struct {
		name, sql string
	}{
		{"an entry changed", `UPDATE audit SET user_id = 'someone-else' WHERE seq = (SELECT min(seq) + 3 FROM audit)`},
		{"an entry removed", `DELETE FROM audit WHERE seq = (SELECT min(seq) + 3 FROM audit)`},
		{"an entry slipped in", `INSERT INTO audit(seq, at, device, user_id, action, tbl, row_id, fields, hash)
			SELECT seq + 1, at, device, user_id, 'sign_in', 'users', user_id, '', hash FROM audit WHERE seq = (SELECT max(seq) FROM audit)`},
		{"a link blanked", `UPDATE audit SET hash = '' WHERE seq = (SELECT max(seq) - 1 FROM audit)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			if err := f.as("pat").SaveSLOT(f.ctx, f.prog.ID, "ACC-01", model.SLOT{Strengths: "x"}); err != nil {
				t.Fatal(err)
			}
			if problems, err := f.st.Check(f.ctx); err != nil || len(problems) != 0 {
				t.Fatalf("before: %v %v", problems, err)
			}
			if _, err := f.st.wdb.Exec(tc.sql); err != nil {
				t.Fatal(err)
			}
			problems, err := f.st.Check(f.ctx)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range problems {
				found = found || strings.Contains(p.Detail, "does not follow from the one before")
			}
			if !found {
				t.Fatalf("no broken link reported: %+v", problems)
			}
		})
	}
}
