package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"pursuit/model"
)

func TestSchemaMatchesTheModel(t *testing.T) {
	f := newFixture(t)
	for _, tb := range tables.byName {
		rows, err := f.st.rdb.Query("SELECT name FROM pragma_table_info(?)", tb.name)
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for rows.Next() {
			var c string
			rows.Scan(&c)
			cols = append(cols, c)
		}
		rows.Close()
		want := strings.Split(tb.selects, ", ")
		want = append(want, "deleted", "hlc", "bases", "delete_seen")
		slices.Sort(cols)
		slices.Sort(want)
		if !slices.Equal(cols, want) {
			t.Errorf("table %s: columns %v, model %v", tb.name, cols, want)
		}
	}
}

func TestReopenKeepsDeviceAndClockMovesOn(t *testing.T) {
	dir := t.TempDir()
	clock := &testClock{time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}
	st := openTest(t, dir, clock, 1)
	dev := st.DeviceID()
	if _, err := st.System().AddUser(context.Background(), model.User{Username: "alex", Name: "Alex", Role: model.RoleLead}, testPassword); err != nil {
		t.Fatal(err)
	}
	var before string
	st.rdb.QueryRow(`SELECT max(hlc) FROM outbox`).Scan(&before)
	st.Close()

	clock.Advance(-time.Hour) // the PC's clock went back while it was off
	st2 := openTest(t, dir, clock, 2)
	if st2.DeviceID() != dev {
		t.Fatalf("device id changed: %s → %s", dev, st2.DeviceID())
	}
	if h := st2.clock.Tick().String(); h <= before {
		t.Fatalf("clock went backwards across a restart: %s after %s", h, before)
	}
}

func TestNewerDatabaseIsRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	st := openTest(t, dir, &testClock{time.Now()}, 1)
	st.wdb.Exec(`PRAGMA user_version = 99`)
	st.Close()
	before, _ := os.ReadFile(filepath.Join(dir, DatabaseFile))
	_, err := Open(context.Background(), dir, Options{})
	if !errors.Is(err, ErrNewerDatabase) || !strings.Contains(err.Error(), "newer version of Pursuit") {
		t.Fatalf("newer database: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, DatabaseFile))
	if string(before) != string(after) {
		t.Fatal("the newer database was modified")
	}
}

func TestNotADatabaseGivesAClearMessage(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, DatabaseFile), []byte(strings.Repeat("this is a shopping list\n", 400)), 0o600)
	_, err := Open(context.Background(), dir, Options{})
	if err == nil || !strings.Contains(err.Error(), "damaged or is not a Pursuit database") {
		t.Fatalf("garbage database: %v", err)
	}
}

func TestEveryWriteHasAuditAndOutboxInTheSameTransaction(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	audits, ops := f.count(`SELECT count(*) FROM audit WHERE action IN ('create','update','delete')`), f.count(`SELECT count(*) FROM outbox`)
	if audits != ops || ops == 0 {
		t.Fatalf("audit %d, outbox %d", audits, ops)
	}
	slot := model.SLOT{Confident: model.ConfidencePartly, Strengths: "Calm on busy shifts", TargetDate: model.NewDate(2027, 1, 15)}
	if err := pat.SaveSLOT(f.ctx, f.prog.ID, "COM-01", slot); err != nil {
		t.Fatal(err)
	}
	var op model.Op
	var body string
	f.st.rdb.QueryRow(`SELECT op FROM outbox WHERE op LIKE '%"table":"progress"%' ORDER BY seq DESC LIMIT 1`).Scan(&body)
	if err := json.Unmarshal([]byte(body), &op); err != nil {
		t.Fatal(err)
	}
	if op.Author != f.users["pat"].ID || op.Device != f.st.DeviceID() || op.Kind != model.OpPut || op.Fields["strengths"] != "Calm on busy shifts" || op.Fields["status"] != "in_progress" {
		t.Fatalf("outbox op: %+v", op)
	}
	if _, err := model.ParseHLC(op.HLC); err != nil || op.HLC == "" {
		t.Fatalf("op clock %q: %v", op.HLC, err)
	}
	// An edit names the clock of the value it replaced, for "changed on two devices".
	f.clock.Advance(time.Minute)
	slot.Strengths = "Calm on busy shifts; good with families"
	if err := pat.SaveSLOT(f.ctx, f.prog.ID, "COM-01", slot); err != nil {
		t.Fatal(err)
	}
	f.st.rdb.QueryRow(`SELECT op FROM outbox ORDER BY seq DESC LIMIT 1`).Scan(&body)
	var edit model.Op
	json.Unmarshal([]byte(body), &edit)
	if edit.Base["strengths"] != op.HLC || len(edit.Fields) != 2 { // strengths and updated_at
		t.Fatalf("edit op: %+v (first was %s)", edit, op.HLC)
	}
	// Saving the same thing again, later, writes nothing at all.
	f.clock.Advance(time.Hour)
	n := f.count(`SELECT count(*) FROM outbox`)
	if err := pat.SaveSLOT(f.ctx, f.prog.ID, "COM-01", slot); err != nil {
		t.Fatal(err)
	}
	if got := f.count(`SELECT count(*) FROM outbox`); got != n {
		t.Fatalf("an unchanged SLOT wrote %d operations", got-n)
	}
	if problems, err := f.st.Check(f.ctx); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

func TestFailedWriteLeavesNothingBehind(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	before := f.dump()
	n := f.count(`SELECT count(*) FROM outbox`)
	// The third link is to a competency that is not in the plan: the whole save fails.
	_, err := pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.Reflection, Title: "Night shift",
		OccurredOn: model.NewDate(2026, 11, 20), Sections: map[string]string{"description": "A long night"}, Codes: []string{"ACC-01", "COM-01", "NOPE-9"}})
	if !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("bad link: %v", err)
	}
	if f.dump() != before || f.count(`SELECT count(*) FROM outbox`) != n {
		t.Fatal("a failed save left records behind")
	}
}

func TestDiskFullSavesNothingAndSaysSo(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	before := f.dump()
	var pages int
	f.st.wdb.QueryRow(`PRAGMA page_count`).Scan(&pages)
	if _, err := f.st.wdb.Exec(`PRAGMA max_page_count = ` + itoa(pages)); err != nil { // the file may not grow: a full disk, as SQLite sees it
		t.Fatal(err)
	}
	big := strings.Repeat("I reflected at length. ", 4000)
	_, err := pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.Reflection, Title: "Long", OccurredOn: model.NewDate(2026, 11, 20), Sections: map[string]string{"description": big}})
	if err == nil || !strings.Contains(err.Error(), "disk is full") {
		t.Fatalf("full disk: %v", err)
	}
	if f.dump() != before {
		t.Fatal("a partial record was written")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestReadOnlyDatabaseSavesNothingAndSaysSo(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	if _, err := f.st.wdb.Exec(`PRAGMA query_only = ON`); err != nil {
		t.Fatal(err)
	}
	err := pat.SaveSLOT(f.ctx, f.prog.ID, "ACC-01", model.SLOT{Strengths: "x"})
	if err == nil || !strings.Contains(err.Error(), "cannot be written") {
		t.Fatalf("read-only: %v", err)
	}
}

func TestAccountsAndSignIn(t *testing.T) {
	f := newFixture(t)
	if _, err := f.st.SignIn(f.ctx, "PAT ", testPassword); err != nil {
		t.Fatalf("usernames ignore case and spaces: %v", err)
	}
	_, errUnknown := f.st.SignIn(f.ctx, "nobody", testPassword)
	_, errWrong := f.st.SignIn(f.ctx, "pat", "kettle on ward ten")
	if !errors.Is(errUnknown, model.ErrWrongPassword) || !errors.Is(errWrong, model.ErrWrongPassword) || errUnknown.Error() != errWrong.Error() {
		t.Fatalf("the messages must not tell a stranger which usernames exist: %v / %v", errUnknown, errWrong)
	}
	if _, err := f.sys.AddUser(f.ctx, model.User{Username: "pat", Name: "Another Pat", Role: model.RolePreceptee}, testPassword); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("duplicate username: %v", err)
	}
	if _, err := f.sys.AddUser(f.ctx, model.User{Username: "new", Name: "New", Role: model.RolePreceptee}, "password123"); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("weak password: %v", err)
	}
	if _, err := f.as("lead").AddUser(f.ctx, model.User{Username: "x", Name: "X", Role: model.RoleAdmin}, testPassword); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("a lead made an administrator: %v", err)
	}
	if _, err := f.st.CreateFirstAdmin(f.ctx, "boss", "Boss", testPassword); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("a second first administrator: %v", err)
	}
	var hash string
	f.st.rdb.QueryRow(`SELECT password_hash FROM users WHERE username = 'pat'`).Scan(&hash)
	if !strings.HasPrefix(hash, "$argon2id$") || strings.Contains(hash, testPassword) {
		t.Fatalf("stored hash %q", hash)
	}
	users, _ := f.as("pat").Users(f.ctx)
	for _, u := range users {
		if u.PasswordHash != "" {
			t.Fatal("Users() leaks password hashes")
		}
	}
}

func TestLockoutAfterFiveWrongPasswords(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 4; i++ {
		if _, err := f.st.SignIn(f.ctx, "pat", "wrong password!"); !errors.Is(err, model.ErrWrongPassword) {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	_, err := f.st.SignIn(f.ctx, "pat", "wrong password!")
	if !errors.Is(err, model.ErrLocked) || !strings.Contains(err.Error(), "locked for 5 more minutes") {
		t.Fatalf("fifth attempt: %v", err)
	}
	if _, err := f.st.SignIn(f.ctx, "pat", testPassword); !errors.Is(err, model.ErrLocked) {
		t.Fatalf("the right password during the lockout: %v", err)
	}
	// A preceptor countersigning with a locked account is refused too.
	f.clock.Advance(5 * time.Minute)
	if _, err := f.st.SignIn(f.ctx, "pat", testPassword); err != nil {
		t.Fatalf("after five minutes: %v", err)
	}
	if n := f.count(`SELECT count(*) FROM audit WHERE action = 'sign_in_failed'`); n != 5 {
		t.Fatalf("%d failed sign-ins audited", n)
	}
	if n := f.count(`SELECT failures FROM signin_state WHERE user_id = ?`, f.users["pat"].ID); n != 0 {
		t.Fatalf("failures not reset by a good sign-in: %d", n)
	}
}

func TestDisabledAccountCannotSignIn(t *testing.T) {
	f := newFixture(t)
	if err := f.sys.SetActive(f.ctx, f.users["oli"].ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.SignIn(f.ctx, "oli", testPassword); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("disabled account: %v", err)
	}
}

func TestChangeAndResetPassword(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	if err := pat.ChangePassword(f.ctx, "not my password", "a brand new phrase"); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("change without the old password: %v", err)
	}
	if err := pat.ChangePassword(f.ctx, testPassword, "a brand new phrase"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.SignIn(f.ctx, "pat", "a brand new phrase"); err != nil {
		t.Fatal(err)
	}
	if err := f.as("adm").ResetPassword(f.ctx, f.users["pat"].ID, "reset by the admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.SignIn(f.ctx, "pat", "reset by the admin"); err != nil {
		t.Fatal(err)
	}
	if err := f.as("sam").ResetPassword(f.ctx, f.users["pat"].ID, "sam takes over pat"); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("a preceptor reset a password: %v", err)
	}
}

func TestCompetencyListFollowsProfessionAndStretch(t *testing.T) {
	f := newFixture(t)
	views, err := f.as("pat").Competencies(f.ctx, f.prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, v := range views {
		codes = append(codes, v.Code)
	}
	// A nurse gets the nursing ones, not the AHP caseload competency.
	if strings.Join(codes, ",") != "ACC-01,COM-01,MED-01,LDR-01,QI-01" {
		t.Fatalf("codes %v", codes)
	}
	if _, err := f.as("oli").Competencies(f.ctx, f.prog.ID); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("another preceptor read the portfolio: %v", err)
	}
	if err := f.as("pat").AddStretch(f.ctx, f.prog.ID, "AHP-01"); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("a preceptee added a stretch competency: %v", err)
	}
	sam := f.as("sam")
	if err := sam.AddStretch(f.ctx, f.prog.ID, "AHP-01"); err != nil {
		t.Fatal(err)
	}
	if _, err := sam.AddIndividualCompetency(f.ctx, f.prog.ID, model.Competency{Code: "IND-01", Title: "Lead the ward's tissue viability huddle", Domain: "Individual", Level: model.Could}); err != nil {
		t.Fatal(err)
	}
	views, _ = f.as("pat").Competencies(f.ctx, f.prog.ID)
	codes = nil
	for _, v := range views {
		codes = append(codes, v.Code)
	}
	if !slices.Contains(codes, "AHP-01") || !slices.Contains(codes, "IND-01") {
		t.Fatalf("stretch competencies missing: %v", codes)
	}
}

func TestSignOffNeedsTheNamedPreceptorsPasswordNow(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	code := "MED-01"
	if _, err := pat.SignOff(f.ctx, f.prog.ID, code, Countersignature{"sam", testPassword}); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("sign-off before evidence was submitted: %v", err)
	}
	if err := pat.SaveSLOT(f.ctx, f.prog.ID, code, model.SLOT{Confident: model.ConfidenceNo, LearningNeeds: "Controlled drugs"}); err != nil {
		t.Fatal(err)
	}
	if err := pat.ChangeStatus(f.ctx, f.prog.ID, code, model.EvidenceSubmitted, "Please review"); !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "at least one piece of evidence") {
		t.Fatalf("sign-off requested with no evidence: %v", err)
	}
	ev, _ := pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.FormalLearning, Title: "Medicines study day",
		OccurredOn: model.NewDate(2026, 10, 1), Codes: []string{code}})
	if err := pat.ChangeStatus(f.ctx, f.prog.ID, code, model.EvidenceSubmitted, "Please review"); err != nil {
		t.Fatal(err)
	}
	if err := pat.ChangeStatus(f.ctx, f.prog.ID, code, model.SignedOff, ""); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("status set to signed off without a sign-off: %v", err)
	}
	// The preceptee's own credentials never sign off her own competency.
	if _, err := pat.SignOff(f.ctx, f.prog.ID, code, Countersignature{"pat", testPassword}); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("own sign-off: %v", err)
	}
	if _, err := pat.SignOff(f.ctx, f.prog.ID, code, Countersignature{"oli", testPassword}); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("another preceptor signed off: %v", err)
	}
	if _, err := pat.SignOff(f.ctx, f.prog.ID, code, Countersignature{"lee", testPassword}); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("the line manager signed off: %v", err)
	}
	if _, err := pat.SignOff(f.ctx, f.prog.ID, code, Countersignature{"sam", "not sams password"}); !errors.Is(err, model.ErrWrongPassword) {
		t.Fatalf("wrong password: %v", err)
	}
	if n := f.count(`SELECT count(*) FROM signoffs`); n != 0 {
		t.Fatalf("%d sign-offs recorded by refused attempts", n)
	}
	// Sam countersigns on Pat's PC, on Pat's session.
	f.clock.Advance(time.Hour)
	so, err := pat.SignOff(f.ctx, f.prog.ID, code, Countersignature{"sam", testPassword})
	if err != nil {
		t.Fatal(err)
	}
	if so.SignerID != f.users["sam"].ID || so.SignerRole != model.RolePreceptor || !so.At.Equal(f.clock.t) || !strings.Contains(so.Statement, "Siobhán Ó'Connor") {
		t.Fatalf("sign-off %+v", so)
	}
	var author string
	f.st.rdb.QueryRow(`SELECT json_extract(op, '$.author') FROM outbox WHERE op LIKE '%"table":"signoffs"%'`).Scan(&author)
	if author != f.users["sam"].ID {
		t.Fatalf("the sign-off's operation is authored by %s, not the signer", author)
	}
	hist, _ := pat.History(f.ctx, f.prog.ID, code)
	var path []string
	for _, h := range hist {
		path = append(path, string(h.To))
	}
	if strings.Join(path, ">") != "in_progress>evidence_submitted>signed_off" {
		t.Fatalf("history %v", path)
	}
	if _, err := pat.SignOff(f.ctx, f.prog.ID, code, Countersignature{"sam", testPassword}); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("signed off twice: %v", err)
	}
	if err := pat.ChangeStatus(f.ctx, f.prog.ID, code, model.InProgress, ""); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("a sign-off was undone: %v", err)
	}
	// The evidence behind a sign-off stays: it cannot be deleted or unlinked.
	if err := pat.DeleteEvidence(f.ctx, ev.ID); !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "signed-off competency MED-01") {
		t.Fatalf("deleting the evidence behind a sign-off: %v", err)
	}
	ev.Codes = nil
	if _, err := pat.SaveEvidence(f.ctx, ev); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("unlinking the evidence behind a sign-off: %v", err)
	}
}

func TestReturnWithComments(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	f.submit("COM-01")
	if err := pat.ReturnCompetency(f.ctx, f.prog.ID, "COM-01", Countersignature{"sam", testPassword}, " "); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("returned without comments: %v", err)
	}
	if err := pat.ReturnCompetency(f.ctx, f.prog.ID, "COM-01", Countersignature{"sam", testPassword}, "Add a testimony from the MDT"); err != nil {
		t.Fatal(err)
	}
	views, _ := pat.Competencies(f.ctx, f.prog.ID)
	for _, v := range views {
		if v.Code == "COM-01" && v.Progress.Status != model.Returned {
			t.Fatalf("status %s", v.Progress.Status)
		}
	}
	hist, _ := pat.History(f.ctx, f.prog.ID, "COM-01")
	if last := hist[len(hist)-1]; last.Comment != "Add a testimony from the MDT" || last.ByID != f.users["sam"].ID {
		t.Fatalf("history %+v", last)
	}
	if err := pat.ChangeStatus(f.ctx, f.prog.ID, "COM-01", model.EvidenceSubmitted, "Added"); err != nil {
		t.Fatalf("resubmit: %v", err)
	}
}

func TestFrameworkReimportKeepsProgressAndEvidence(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	pat.SaveSLOT(f.ctx, f.prog.ID, "QI-01", model.SLOT{Strengths: "Audit experience"})
	e, err := pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.OtherEvidence, Title: "Audit poster", OccurredOn: model.NewDate(2026, 10, 1), Codes: []string{"QI-01", "COM-01"}})
	if err != nil {
		t.Fatal(err)
	}
	v2 := testFramework()
	v2.Framework.Version = "2"
	v2.Competencies = slices.DeleteFunc(v2.Competencies, func(c model.Competency) bool { return c.Code == "QI-01" })
	v2.Competencies[1].Title = "Communicate clearly and kindly"
	v2.Competencies = append(v2.Competencies, model.Competency{Code: "WEL-01", Title: "Look after your wellbeing", Domain: "Wellbeing", Level: model.Must})
	res, err := f.sys.ImportFramework(f.ctx, v2)
	if err != nil {
		t.Fatal(err)
	}
	// COM-01 is reworded and AHP-01 moves up a place.
	if res.Added != 1 || res.Updated != 2 || res.Retired != 1 || res.Unchanged != 3 {
		t.Fatalf("import result %+v", res)
	}
	views, _ := pat.Competencies(f.ctx, f.prog.ID)
	byCode := map[string]model.CompetencyView{}
	for _, v := range views {
		byCode[v.Code] = v
	}
	if qi, ok := byCode["QI-01"]; !ok || !qi.Retired || qi.Progress.SLOT.Strengths != "Audit experience" || qi.Evidence != 1 {
		t.Fatalf("retired competency with progress: %+v", qi)
	}
	if byCode["COM-01"].Title != "Communicate clearly and kindly" || byCode["COM-01"].Evidence != 1 {
		t.Fatalf("updated competency: %+v", byCode["COM-01"])
	}
	if _, ok := byCode["WEL-01"]; !ok {
		t.Fatal("new competency missing")
	}
	got, err := pat.EvidenceItem(f.ctx, e.ID)
	if err != nil || strings.Join(got.Codes, ",") != "COM-01,QI-01" {
		t.Fatalf("evidence after re-import: %+v %v", got, err)
	}
	// A framework that fails validation changes nothing.
	before := f.dump()
	bad := testFramework()
	bad.Competencies = append(bad.Competencies, bad.Competencies[0])
	if _, err := f.sys.ImportFramework(f.ctx, bad); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("duplicate codes: %v", err)
	}
	if f.dump() != before {
		t.Fatal("a failed import changed the data")
	}
	if err := f.as("lead").SetCompetencyLevel(f.ctx, "core", "WEL-01", model.Should); err != nil {
		t.Fatal(err)
	}
	if err := f.as("sam").SetCompetencyLevel(f.ctx, "core", "WEL-01", model.Could); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("a preceptor changed a level: %v", err)
	}
}

func TestCareerConversationsAreForThePrecepteeAndFacilitatorOnly(t *testing.T) {
	f := newFixture(t)
	c, err := f.as("fay").SaveCareerConversation(f.ctx, model.CareerConversation{ProgrammeID: f.prog.ID, Milestone: 6, Date: model.NewDate(2027, 3, 8), Held: true,
		FacilitatorID: f.users["fay"].ID, Aspirations: "Critical care in two years", Notes: "Considering a move"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.as("sam").SaveCareerConversation(f.ctx, c); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("the preceptor edited a career conversation: %v", err)
	}
	for who, sees := range map[string]bool{"pat": true, "fay": false, "sam": false, "lee": false, "lead": false} {
		ss := f.as(who)
		pf, err := ss.Portfolio(f.ctx, f.prog.ID)
		if who == "fay" {
			// The facilitator reads the conversation, not the portfolio.
			if !errors.Is(err, model.ErrForbidden) {
				t.Fatalf("facilitator read the portfolio: %v", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", who, err)
		}
		if len(pf.Conversations) != 1 || !pf.Conversations[0].Held {
			t.Fatalf("%s: the held flag is needed for due dates: %+v", who, pf.Conversations)
		}
		if got := pf.Conversations[0].Aspirations != ""; got != sees {
			t.Errorf("%s sees the conversation's content: %v", who, got)
		}
	}
}

func TestConcernEscalatesToTheLineManager(t *testing.T) {
	f := newFixture(t)
	c, err := f.as("sam").SaveConcern(f.ctx, model.Concern{ProgrammeID: f.prog.ID, Summary: "Struggling with the medicines round", Detail: "Needs more supervised practice"})
	if err != nil {
		t.Fatal(err)
	}
	c.Status = model.ConcernResolved
	c.Resolution = "done"
	if _, err := f.as("sam").SaveConcern(f.ctx, c); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("a preceptor resolved a concern: %v", err)
	}
	c.Status, c.Resolution = model.ConcernEscalated, ""
	c, err = f.as("sam").SaveConcern(f.ctx, c)
	if err != nil || c.EscalatedTo != f.users["lee"].ID || c.EscalatedOn != model.DateOf(f.clock.t) {
		t.Fatalf("escalated: %+v %v", c, err)
	}
	c.Status, c.Resolution = model.ConcernResolved, "Extra supervised rounds for four weeks; now confident"
	if c, err = f.as("lee").SaveConcern(f.ctx, c); err != nil || c.ResolvedOn.IsZero() {
		t.Fatalf("resolve: %+v %v", c, err)
	}
}

func TestAgreementAndCompletionAreConfirmedByEachSideWithTheirOwnPassword(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	if _, err := pat.Confirm(f.ctx, f.prog.ID, model.AgreementConfirmation, Countersignature{"pat", testPassword}); err != nil {
		t.Fatal(err)
	}
	if _, err := pat.Confirm(f.ctx, f.prog.ID, model.AgreementConfirmation, Countersignature{"pat", testPassword}); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("confirmed twice: %v", err)
	}
	if _, err := pat.Confirm(f.ctx, f.prog.ID, model.AgreementConfirmation, Countersignature{"oli", testPassword}); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("another preceptor confirmed: %v", err)
	}
	if _, err := pat.Confirm(f.ctx, f.prog.ID, model.AgreementConfirmation, Countersignature{"sam", testPassword}); err != nil {
		t.Fatal(err)
	}
	// Completion waits for every must and the final meeting.
	_, err := pat.Confirm(f.ctx, f.prog.ID, model.CompletionConfirmation, Countersignature{"sam", testPassword})
	if !errors.Is(err, model.ErrInvalid) || !strings.Contains(err.Error(), "not signed off") || !strings.Contains(err.Error(), "final meeting") {
		t.Fatalf("completion too early: %v", err)
	}
	views, _ := pat.Competencies(f.ctx, f.prog.ID)
	for _, v := range views {
		if v.Level != model.Must {
			continue
		}
		f.submit(v.Code)
		if _, err := pat.SignOff(f.ctx, f.prog.ID, v.Code, Countersignature{"sam", testPassword}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.as("sam").SaveMeeting(f.ctx, model.Meeting{ProgrammeID: f.prog.ID, Kind: model.MeetingFinal, Date: model.NewDate(2026, 11, 24), Held: true, Attendees: "Pat, Sam"}); err != nil {
		t.Fatal(err)
	}
	if _, err := pat.Confirm(f.ctx, f.prog.ID, model.CompletionConfirmation, Countersignature{"pat", testPassword}); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("the preceptee confirmed her own completion: %v", err)
	}
	if _, err := pat.Confirm(f.ctx, f.prog.ID, model.CompletionConfirmation, Countersignature{"sam", testPassword}); err != nil {
		t.Fatal(err)
	}
	if p, _ := pat.Programme(f.ctx, f.prog.ID); p.Status == model.ProgrammeCompleted {
		t.Fatal("completed with one confirmation")
	}
	if _, err := pat.Confirm(f.ctx, f.prog.ID, model.CompletionConfirmation, Countersignature{"lee", testPassword}); err != nil {
		t.Fatal(err)
	}
	if p, _ := pat.Programme(f.ctx, f.prog.ID); p.Status != model.ProgrammeCompleted || p.CompletedOn != model.DateOf(f.clock.t) {
		t.Fatalf("not completed: %+v", p)
	}
}

func TestTrainingBelongsToItsPerson(t *testing.T) {
	f := newFixture(t)
	rec := model.TrainingRecord{UserID: f.users["pat"].ID, Category: model.Mandatory, Course: "Basic life support", CompletedOn: model.NewDate(2025, 12, 1), RefresherMonths: model.Yearly}
	if _, err := f.as("pat").SaveTraining(f.ctx, rec); err != nil {
		t.Fatal(err)
	}
	if _, err := f.as("oli").SaveTraining(f.ctx, rec); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("another preceptor recorded Pat's training: %v", err)
	}
	if _, err := f.as("lee").SaveTraining(f.ctx, model.TrainingRecord{UserID: f.users["pat"].ID, Category: model.Essential, Course: "Sepsis"}); err != nil {
		t.Fatalf("the line manager records training: %v", err)
	}
	// A preceptor keeps their own record of listening events.
	if _, err := f.as("sam").SaveLearningEvent(f.ctx, model.LearningEvent{UserID: f.users["sam"].ID, Kind: model.ListeningAndLearning, Title: "Listening event", Date: model.NewDate(2026, 11, 3), Attendance: model.Attended}); err != nil {
		t.Fatal(err)
	}
	d, err := f.as("pat").Dashboard(f.ctx, f.prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range d.Due {
		found = found || (it.Kind == model.DueTraining && strings.HasPrefix(it.Title, "Basic life support") && it.State == model.DueSoon)
	}
	if !found || d.Month != 3 || d.Levels[0].Total != 3 {
		t.Fatalf("dashboard: month %d levels %+v due %+v", d.Month, d.Levels, d.Due)
	}
}

// The overview reads only some columns for speed; it must agree with the full dashboard.
func TestCohortOverviewAgreesWithTheDashboard(t *testing.T) {
	f := newFixture(t)
	pat := f.as("pat")
	pat.SaveSLOT(f.ctx, f.prog.ID, "COM-01", model.SLOT{Strengths: "x", TargetDate: model.NewDate(2026, 11, 1)}) // overdue target
	f.submit("ACC-01")
	pat.SignOff(f.ctx, f.prog.ID, "ACC-01", Countersignature{"sam", testPassword})
	pat.SaveTraining(f.ctx, model.TrainingRecord{UserID: f.users["pat"].ID, Category: model.Mandatory, Course: "Fire safety", CompletedOn: model.NewDate(2025, 11, 1), RefresherMonths: 12})
	pat.SaveTraining(f.ctx, model.TrainingRecord{UserID: f.users["pat"].ID, Category: model.Mandatory, Course: "BLS", CompletedOn: model.NewDate(2026, 1, 1), RefresherMonths: 12})
	f.as("sam").SaveMeeting(f.ctx, model.Meeting{ProgrammeID: f.prog.ID, Kind: model.MeetingInitial, Date: model.NewDate(2026, 9, 10), Held: true, Attendees: "Pat, Sam"})
	f.as("sam").SaveConcern(f.ctx, model.Concern{ProgrammeID: f.prog.ID, Summary: "Needs support with the drug round"})
	g, _ := pat.SaveGoal(f.ctx, model.Goal{ProgrammeID: f.prog.ID, Title: "Confident with IV", TargetDate: model.NewDate(2026, 12, 1), Codes: []string{"MED-01"}})
	pat.SaveAction(f.ctx, model.ActionItem{ProgrammeID: f.prog.ID, OwnerID: g.ID, Text: "Book IV study day", DueDate: model.NewDate(2026, 11, 10)})

	rows, err := f.as("lee").Cohort(f.ctx)
	if err != nil || len(rows) != 1 {
		t.Fatalf("cohort: %v %v", rows, err)
	}
	d, err := f.as("lee").Dashboard(f.ctx, f.prog.ID)
	if err != nil {
		t.Fatal(err)
	}
	var overdue, soon int
	for _, it := range d.Due {
		switch it.State {
		case model.Overdue:
			overdue++
		case model.DueSoon:
			soon++
		}
	}
	r := rows[0]
	if r.Overdue != overdue || r.DueSoon != soon || r.RAG != d.RAG || r.MustSignedOff != d.Levels[0].SignedOff || r.MustTotal != d.Levels[0].Total {
		t.Fatalf("overview %+v; dashboard overdue %d soon %d rag %s levels %+v", r, overdue, soon, d.RAG, d.Levels[0])
	}
	if r.ExpiringTraining != 2 || r.OpenConcerns != 1 || r.LastMeeting != model.NewDate(2026, 9, 10) || r.Preceptee != "Pat Okafor" || r.Preceptor != "Siobhán Ó'Connor" || overdue < 4 {
		t.Fatalf("overview row %+v (overdue %d)", r, overdue)
	}
	if rows, _ := f.as("oli").Cohort(f.ctx); len(rows) != 0 {
		t.Fatalf("another preceptor sees %d of Pat's rows", len(rows))
	}
}

func TestImportBatchIsForTheCommandLineAndRefusesOrphans(t *testing.T) {
	f := newFixture(t)
	sam := f.users["sam"]
	b := model.Batch{
		Learning: []model.LearningEvent{{ID: "le-1", UserID: sam.ID, Kind: model.ListeningAndLearning, Title: "Listening event", Date: model.NewDate(2026, 10, 1), Attendance: model.Attended}},
		Meetings: []model.Meeting{{ID: "m-orphan", ProgrammeID: "no-such-programme", Kind: model.MeetingRegular, Date: model.NewDate(2026, 10, 1)}},
	}
	if err := f.as("adm").ImportBatch(f.ctx, b); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("an administrator's session imported a batch: %v", err)
	}
	before := f.dump()
	if err := f.sys.ImportBatch(f.ctx, b); err == nil || !strings.Contains(err.Error(), "not in the batch") {
		t.Fatalf("orphan meeting: %v", err)
	}
	if f.dump() != before {
		t.Fatal("a refused batch wrote records")
	}
	b.Meetings = nil
	b.Files = []model.File{{Name: "cert.pdf", Data: []byte("%PDF-1.4 a certificate")}}
	if err := f.sys.ImportBatch(f.ctx, b); err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT count(*) FROM learning_events WHERE user_id = ?`, sam.ID); n != 1 {
		t.Fatalf("the preceptor's listening event: %d rows", n)
	}
	if _, err := f.st.ReadAttachment("1a6ae0ca1e9ee3c0b1f2dbd3fe5a2c2ba1a6cd04c8d3c8d3d1c0f6e55f52c9a8"); err == nil {
		t.Fatal("an attachment that was never stored can be read")
	}
}

func TestAuditLogSaysWhoChangedWhatWhenAndWhere(t *testing.T) {
	f := newFixture(t)
	f.clock.Advance(time.Hour)
	if err := f.as("pat").SaveSLOT(f.ctx, f.prog.ID, "ACC-01", model.SLOT{Threats: "Short staffing"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.as("pat").AuditLog(f.ctx, 10); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("a preceptee read the audit log: %v", err)
	}
	log, err := f.as("lead").AuditLog(f.ctx, 50)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range log {
		if e.Table == "progress" && e.UserID == f.users["pat"].ID && e.Device == f.st.DeviceID() && e.At.Equal(f.clock.t) && slices.Contains(e.Fields, "threats") {
			found = true
		}
	}
	if !found || log[0].Action != "sign_in" || log[0].UserID != f.users["lead"].ID {
		t.Fatalf("audit log: %+v", log[:3])
	}
}

func TestSignOffQueueAndDeletes(t *testing.T) {
	f := newFixture(t)
	pat, sam := f.as("pat"), f.as("sam")
	f.submit("COM-01")
	q, err := sam.SignOffQueue(f.ctx)
	if err != nil || len(q) != 1 || q[0].Code != "COM-01" || q[0].Preceptee != "Pat Okafor" {
		t.Fatalf("queue %+v %v", q, err)
	}
	if q, _ := f.as("oli").SignOffQueue(f.ctx); len(q) != 0 {
		t.Fatalf("another preceptor's queue: %+v", q)
	}
	m, _ := sam.SaveMeeting(f.ctx, model.Meeting{ProgrammeID: f.prog.ID, Kind: model.MeetingRegular, Date: model.NewDate(2026, 11, 1), Held: true, Attendees: "Pat, Sam"})
	a, _ := sam.SaveAction(f.ctx, model.ActionItem{ProgrammeID: f.prog.ID, OwnerID: m.ID, Text: "Shadow the nurse in charge"})
	if err := f.as("oli").DeleteMeeting(f.ctx, m.ID); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("another preceptor deleted the meeting: %v", err)
	}
	if err := sam.DeleteMeeting(f.ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	pf, _ := pat.Portfolio(f.ctx, f.prog.ID)
	if len(pf.Meetings) != 0 || len(pf.Actions) != 0 {
		t.Fatalf("after deleting: %d meetings, %d actions (%s)", len(pf.Meetings), len(pf.Actions), a.ID)
	}
	tr, _ := pat.SaveTraining(f.ctx, model.TrainingRecord{UserID: f.users["pat"].ID, Category: model.Mandatory, Course: "Fire safety", CompletedOn: model.NewDate(2026, 9, 8), RefresherMonths: 12})
	if err := f.as("oli").DeleteTraining(f.ctx, tr.ID); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("another preceptor deleted training: %v", err)
	}
	if err := pat.DeleteTraining(f.ctx, tr.ID); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("Pat deleted her own training record: %v", err)
	}
	if err := f.as("lee").DeleteTraining(f.ctx, tr.ID); err != nil {
		t.Fatal(err)
	}
	if problems, _ := f.st.Check(f.ctx); len(problems) != 0 {
		t.Fatalf("check: %v", problems)
	}
}

func TestSharedRecordsAreChangedOnlyByTheirAuthorsOrThoseWhoLead(t *testing.T) {
	f := newFixture(t)
	pat, sam, lee := f.as("pat"), f.as("sam"), f.as("lee")
	c, err := sam.SaveConcern(f.ctx, model.Concern{ProgrammeID: f.prog.ID, Summary: "Needs support with the drug round", RaisedBy: f.users["lee"].ID})
	if err != nil || c.RaisedBy != f.users["sam"].ID {
		t.Fatalf("raised by %q (%v): the raiser is whoever raises it", c.RaisedBy, err)
	}
	c.Summary = "Nothing to worry about"
	if _, err := pat.SaveConcern(f.ctx, c); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("Pat reworded a concern raised about her: %v", err)
	}
	c.Summary = "Needs support with the drug round and the controlled drugs check"
	if c, err = lee.SaveConcern(f.ctx, c); err != nil {
		t.Fatalf("the line manager rewording: %v", err)
	}
	c.Resolution = "sorted"
	if _, err := sam.SaveConcern(f.ctx, c); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("the preceptor wrote a resolution: %v", err)
	}

	m, err := sam.SaveMeeting(f.ctx, model.Meeting{ProgrammeID: f.prog.ID, Kind: model.MeetingRegular, Date: model.NewDate(2026, 11, 1), Held: true, Attendees: "Pat, Sam", Notes: "Discussed the drug round."})
	if err != nil {
		t.Fatal(err)
	}
	m.Notes = "Everything is fine."
	if _, err := pat.SaveMeeting(f.ctx, m); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("Pat rewrote Sam's meeting notes: %v", err)
	}
	if err := pat.DeleteMeeting(f.ctx, m.ID); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("Pat deleted Sam's meeting: %v", err)
	}
	if _, err := sam.SaveAction(f.ctx, model.ActionItem{ProgrammeID: f.prog.ID, OwnerID: "no-such-owner", Text: "x"}); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("an action hanging off nothing: %v", err)
	}
	mine, _ := pat.SaveMeeting(f.ctx, model.Meeting{ProgrammeID: f.prog.ID, Kind: model.MeetingLineManager, Date: model.NewDate(2026, 11, 3), Held: true, Attendees: "Pat, Lee"})
	mine.Notes = "Agreed a rota change."
	if _, err := pat.SaveMeeting(f.ctx, mine); err != nil {
		t.Fatalf("Pat editing her own record: %v", err)
	}
}

func TestCareerConversationsAreReadByTheFacilitatorAndHeldOnlyOnTheirWord(t *testing.T) {
	f := newFixture(t)
	pat, fay := f.as("pat"), f.as("fay")
	c, err := pat.SaveCareerConversation(f.ctx, model.CareerConversation{ProgrammeID: f.prog.ID, Milestone: 6, Date: model.NewDate(2027, 3, 8), Aspirations: "Critical care", FacilitatorID: f.users["sam"].ID})
	if err != nil || c.FacilitatorID != f.users["fay"].ID {
		t.Fatalf("the facilitator is the programme's own: %+v %v", c, err)
	}
	c.Held = true
	if _, err := pat.SaveCareerConversation(f.ctx, c); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("Pat marked her conversation held: %v", err)
	}
	if _, err := fay.SaveCareerConversation(f.ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := fay.CareerConversations(f.ctx, f.prog.ID)
	if err != nil || len(got) != 1 || got[0].Aspirations != "Critical care" || !got[0].Held {
		t.Fatalf("the facilitator reads: %+v %v", got, err)
	}
	for _, who := range []string{"sam", "lee", "lead", "adm"} {
		if _, err := f.as(who).CareerConversations(f.ctx, f.prog.ID); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("%s read a career conversation: %v", who, err)
		}
	}
	if _, err := fay.SaveSupervision(f.ctx, model.Supervision{ProgrammeID: f.prog.ID, Date: model.NewDate(2026, 11, 2), Supervisor: "Fay", Themes: "Workload"}); err != nil {
		t.Fatal(err)
	}
	if s, err := fay.SupervisionRecords(f.ctx, f.prog.ID); err != nil || len(s) != 1 {
		t.Fatalf("the supervisor reads supervision: %v %v", s, err)
	}
}

func TestTwoWindowsOpeningANewFolderAtOnce(t *testing.T) {
	dir := t.TempDir()
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			st, err := Open(context.Background(), dir, Options{HashParams: cheapHash})
			if err == nil {
				st.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent first open: %v", err)
		}
	}
}
