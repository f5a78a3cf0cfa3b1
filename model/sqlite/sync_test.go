package sqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"pursuit/model"
)

// device is one data folder in a sync test, with ids of its own so two devices never
// invent the same record id.
func openDevice(t *testing.T, name string, clock *testClock) *Store {
	t.Helper()
	n := 0
	st, err := Open(context.Background(), t.TempDir(), Options{
		Now:        clock.Now,
		Rand:       rand.NewChaCha8([32]byte{byte(len(name)), name[0]}),
		NewID:      func() string { n++; return fmt.Sprintf("%s-%04d", name, n) },
		HashParams: cheapHash,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// push moves what from has not pushed into each of to, as one segment through a perfect
// share, and returns what the first one made of it.
func push(t *testing.T, from *Store, to ...*Store) ApplyResult {
	t.Helper()
	ctx := context.Background()
	ops, err := from.Pending(ctx, 1<<20, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) == 0 {
		return ApplyResult{}
	}
	ps, _ := from.PushState(ctx)
	raws := make([]json.RawMessage, len(ops))
	for i, o := range ops {
		raws[i] = o.Op
	}
	var res ApplyResult
	for i, st := range to {
		r, err := st.ApplySegment(ctx, from.DeviceID(), ps.Segment+1, raws)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			res = r
		}
	}
	if err := from.MarkPushed(ctx, ps.Segment+1, ops[len(ops)-1].Seq); err != nil {
		t.Fatal(err)
	}
	return res
}

// firstSegment gives to the segment from pushed first (as a device joining later reads it
// from the share): push sends only what is still pending.
func firstSegment(t *testing.T, from, to *Store) {
	t.Helper()
	var raws []json.RawMessage
	rows, err := from.rdb.Query(`SELECT op FROM outbox WHERE seq <= CAST((SELECT value FROM meta WHERE key = ?) AS INTEGER) ORDER BY seq`, metaPushedOutbox)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var op string
		rows.Scan(&op)
		raws = append(raws, json.RawMessage(op))
	}
	if ps, _ := from.PushState(context.Background()); ps.Segment != 1 {
		t.Fatalf("%s has pushed %d segments; firstSegment reads only the first", from.DeviceID(), ps.Segment)
	}
	if _, err := to.ApplySegment(context.Background(), from.DeviceID(), 1, raws); err != nil {
		t.Fatal(err)
	}
}

// latePC is a PC that joins after everything: it reads every change each of from pushed,
// one device after the other, as one segment per device.
func latePC(t *testing.T, f *fixture, root model.TrustRoot, from ...*Store) *Store {
	t.Helper()
	late := openDevice(t, "late", f.clock)
	if err := late.PinTrustRoot(f.ctx, root); err != nil {
		t.Fatal(err)
	}
	for _, st := range from {
		var raws []json.RawMessage
		rows, err := st.rdb.Query(`SELECT op FROM outbox WHERE seq <= CAST((SELECT value FROM meta WHERE key = ?) AS INTEGER) ORDER BY seq`, metaPushedOutbox)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var op string
			rows.Scan(&op)
			raws = append(raws, json.RawMessage(op))
		}
		rows.Close()
		if _, err := late.ApplySegment(f.ctx, st.DeviceID(), 1, raws); err != nil {
			t.Fatal(err)
		}
	}
	return late
}

func dumpOf(t *testing.T, st *Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := st.Dump(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// twoDevices is a ward PC holding the whole programme and a preceptor's laptop that has
// synced it once.
func twoDevices(t *testing.T) (f *fixture, laptop *Store) {
	t.Helper()
	clock := &testClock{time.Date(2026, 11, 24, 19, 45, 0, 0, time.UTC)}
	f = &fixture{t: t, ctx: context.Background(), clock: clock, users: map[string]model.User{}}
	f.st = openDevice(t, "ward", clock)
	f.sys = f.st.System()
	if _, err := f.sys.ImportFramework(f.ctx, testFramework()); err != nil {
		t.Fatal(err)
	}
	for _, u := range []model.User{
		{Username: "pat", Name: "Pat Okafor", Role: model.RolePreceptee},
		{Username: "sam", Name: "Sam Preceptor", Role: model.RolePreceptor},
		{Username: "lee", Name: "Lee Manager", Role: model.RoleLineManager},
	} {
		added, err := f.sys.AddUser(f.ctx, u, testPassword)
		if err != nil {
			t.Fatal(err)
		}
		f.users[u.Username] = added
	}
	p, err := f.sys.SaveProgramme(f.ctx, model.Programme{
		PrecepteeID: f.users["pat"].ID, PreceptorID: f.users["sam"].ID, LineManagerID: f.users["lee"].ID,
		StartDate: model.NewDate(2026, 9, 7), Profession: "nurse-adult", Service: "Ward 4B", FrameworkID: "core",
	})
	if err != nil {
		t.Fatal(err)
	}
	f.prog = p
	laptop = openDevice(t, "laptop", clock)
	push(t, f.st, laptop)
	return f, laptop
}

func signIn(t *testing.T, st *Store, user string) *Session {
	t.Helper()
	ss, err := st.SignIn(context.Background(), user, testPassword)
	if err != nil {
		t.Fatalf("sign in %s on %s: %v", user, st.DeviceID(), err)
	}
	return ss
}

func TestAccountsAndProgrammeArriveOnAnotherDevice(t *testing.T) {
	f, laptop := twoDevices(t)
	if a, b := dumpOf(t, f.st), dumpOf(t, laptop); a != b {
		t.Fatalf("dumps differ after one push:\n%s\n---\n%s", a, b)
	}
	sam := signIn(t, laptop, "sam") // the preceptor signs in on a PC that has only synced
	if _, err := sam.Programme(f.ctx, f.prog.ID); err != nil {
		t.Fatal(err)
	}
	// Nothing applied goes back out: the laptop's outbox holds only its own sign-in-free edits.
	if n, _ := laptop.PendingCount(f.ctx); n != 0 {
		t.Errorf("applying a segment queued %d operations to push back", n)
	}
}

func TestApplyingTwiceChangesNothingAndGapsWait(t *testing.T) {
	f, laptop := twoDevices(t)
	before := dumpOf(t, laptop)
	ops, _ := f.st.Pending(f.ctx, 100, 1<<20) // already pushed: nothing pending
	if len(ops) != 0 {
		t.Fatalf("%d ops still pending after push", len(ops))
	}
	res, err := laptop.ApplySegment(f.ctx, f.st.DeviceID(), 1, nil)
	if err != nil || res.Applied != 0 {
		t.Fatalf("re-applying segment 1: %+v, %v", res, err)
	}
	if _, err := laptop.ApplySegment(f.ctx, f.st.DeviceID(), 3, nil); !errors.Is(err, ErrSegmentGap) {
		t.Fatalf("segment 3 before 2: %v, want a gap", err)
	}
	if dumpOf(t, laptop) != before {
		t.Error("a repeated or early segment changed the data")
	}
}

func TestConcurrentSLOTEditsKeepBothVersions(t *testing.T) {
	f, laptop := twoDevices(t)
	pat := signIn(t, f.st, "pat")
	if err := pat.SaveSLOT(f.ctx, f.prog.ID, "COM-01", model.SLOT{Strengths: "Calm handovers"}); err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	// Both edit the same version: Pat on the ward PC, and again later on the laptop offline.
	f.clock.Advance(time.Minute)
	if err := pat.SaveSLOT(f.ctx, f.prog.ID, "COM-01", model.SLOT{Strengths: "Calm handovers; SBAR on every call"}); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	patLaptop := signIn(t, laptop, "pat")
	if err := patLaptop.SaveSLOT(f.ctx, f.prog.ID, "COM-01", model.SLOT{Strengths: "Calm handovers at night"}); err != nil {
		t.Fatal(err)
	}
	r1 := push(t, f.st, laptop)
	r2 := push(t, laptop, f.st)
	if r1.Conflicts != 1 || r2.Conflicts != 1 {
		t.Fatalf("conflicts seen: laptop %d, ward %d; want 1 each", r1.Conflicts, r2.Conflicts)
	}
	if a, b := dumpOf(t, f.st), dumpOf(t, laptop); a != b {
		t.Fatal("devices differ after exchanging concurrent edits")
	}
	for _, st := range []*Store{f.st, laptop} {
		cs, err := signIn(t, st, "pat").Conflicts(f.ctx)
		if err != nil || len(cs) != 1 {
			t.Fatalf("%s: conflicts %v, %v", st.DeviceID(), cs, err)
		}
		c := cs[0]
		if c.Kept != "Calm handovers at night" || c.Other != "Calm handovers; SBAR on every call" || !strings.Contains(c.What, "SLOT: strengths") {
			t.Errorf("%s: conflict %+v", st.DeviceID(), c)
		}
		if c.OtherBy != "Pat Okafor" {
			t.Errorf("other version by %q", c.OtherBy)
		}
		// Someone who may not see Pat's portfolio is not shown it.
		if _, err := st.System().AddUser(f.ctx, model.User{Username: "other" + st.DeviceID()[:4], Name: "Other", Role: model.RolePreceptee}, testPassword); err != nil {
			t.Fatal(err)
		}
		if cs, _ := signIn(t, st, "other"+st.DeviceID()[:4]).Conflicts(f.ctx); len(cs) != 0 {
			t.Errorf("another preceptee sees %d of Pat's conflicts", len(cs))
		}
	}
	// Pat chooses the ward PC's text on the laptop; the choice travels.
	cs, _ := signIn(t, laptop, "pat").Conflicts(f.ctx)
	if err := signIn(t, laptop, "pat").ResolveConflict(f.ctx, cs[0].ID, true); err != nil {
		t.Fatal(err)
	}
	push(t, laptop, f.st)
	push(t, f.st, laptop)
	for _, st := range []*Store{f.st, laptop} {
		if cs, _ := signIn(t, st, "pat").Conflicts(f.ctx); len(cs) != 0 {
			t.Errorf("%s: %d conflicts still open after the choice synced", st.DeviceID(), len(cs))
		}
		v, err := signIn(t, st, "pat").Competencies(f.ctx, f.prog.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range v {
			if c.Code == "COM-01" && c.Progress.SLOT.Strengths != "Calm handovers; SBAR on every call" {
				t.Errorf("%s: strengths %q after choosing the other version", st.DeviceID(), c.Progress.SLOT.Strengths)
			}
		}
	}
	if a, b := dumpOf(t, f.st), dumpOf(t, laptop); a != b {
		t.Fatal("devices differ after the choice")
	}
}

func TestSequentialEditsAreNotConflicts(t *testing.T) {
	f, laptop := twoDevices(t)
	pat := signIn(t, f.st, "pat")
	pat.SaveSLOT(f.ctx, f.prog.ID, "COM-01", model.SLOT{Strengths: "one"})
	push(t, f.st, laptop)
	f.clock.Advance(time.Second)
	signIn(t, laptop, "pat").SaveSLOT(f.ctx, f.prog.ID, "COM-01", model.SLOT{Strengths: "two"})
	if r := push(t, laptop, f.st); r.Conflicts != 0 || r.Applied == 0 {
		t.Fatalf("a later edit of a synced version: %+v", r)
	}
}

func TestAnEditBeatsADeleteItDidNotSee(t *testing.T) {
	f, laptop := twoDevices(t)
	pat := signIn(t, f.st, "pat")
	g, err := pat.SaveGoal(f.ctx, model.Goal{ProgrammeID: f.prog.ID, Title: "Lead a handover", Detail: "By March"})
	if err != nil {
		t.Fatal(err)
	}
	h, err := pat.SaveGoal(f.ctx, model.Goal{ProgrammeID: f.prog.ID, Title: "Chair a huddle"})
	if err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	f.clock.Advance(time.Minute)
	// Offline on the laptop: g is edited; on the ward PC it is deleted. h is deleted only.
	pl := signIn(t, laptop, "pat")
	g.Detail = "By March, with Sam watching"
	if _, err := pl.SaveGoal(f.ctx, g); err != nil {
		t.Fatal(err)
	}
	if err := pat.DeleteGoal(f.ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	if err := pat.DeleteGoal(f.ctx, h.ID); err != nil {
		t.Fatal(err)
	}
	// Either order of arrival gives the same answer.
	push(t, f.st, laptop)
	push(t, laptop, f.st)
	for _, st := range []*Store{f.st, laptop} {
		var deletedG, deletedH int
		st.rdb.QueryRow(`SELECT deleted FROM goals WHERE id = ?`, g.ID).Scan(&deletedG)
		st.rdb.QueryRow(`SELECT deleted FROM goals WHERE id = ?`, h.ID).Scan(&deletedH)
		if deletedG != 0 || deletedH != 1 {
			t.Errorf("%s: edited goal deleted=%d, untouched goal deleted=%d; want 0 and 1", st.DeviceID(), deletedG, deletedH)
		}
	}
	if dumpOf(t, f.st) != dumpOf(t, laptop) {
		t.Fatal("devices differ")
	}
}

func TestAnEditArrivingBeforeItsRecordWaitsForIt(t *testing.T) {
	clock := &testClock{time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}
	a, b := openDevice(t, "a", clock), openDevice(t, "b", clock)
	create := `{"v":1,"id":"o1","table":"goals","row":"g1","kind":"put","fields":{"title":"Lead","detail":"x","status":"active","programme_id":"p","target_date":"","created_at":"2026-11-24T09:00:00.000Z"},"hlc":"001795734000000.00000000.a"}`
	edit := `{"v":1,"id":"o2","table":"goals","row":"g1","kind":"put","fields":{"detail":"y"},"base":{"detail":"001795734000000.00000000.a"},"hlc":"001795734000001.00000000.c"}`
	ctx := context.Background()
	if _, err := a.ApplySegment(ctx, "dev-c", 1, []json.RawMessage{json.RawMessage(edit)}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ApplySegment(ctx, "dev-a", 1, []json.RawMessage{json.RawMessage(create)}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ApplySegment(ctx, "dev-a", 1, []json.RawMessage{json.RawMessage(create)}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ApplySegment(ctx, "dev-c", 1, []json.RawMessage{json.RawMessage(edit)}); err != nil {
		t.Fatal(err)
	}
	if dumpOf(t, a) != dumpOf(t, b) {
		t.Fatalf("order of arrival changed the result:\n%s\n%s", dumpOf(t, a), dumpOf(t, b))
	}
	var title, detail string
	a.rdb.QueryRow(`SELECT title, detail FROM goals WHERE id = 'g1'`).Scan(&title, &detail)
	if title != "Lead" || detail != "y" {
		t.Errorf("goal = %q / %q", title, detail)
	}
}

func TestBadOperationsAreKeptAsideNotApplied(t *testing.T) {
	clock := &testClock{time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}
	st := openDevice(t, "a", clock)
	ctx := context.Background()
	good := `{"v":1,"id":"o1","table":"goals","row":"g1","kind":"put","fields":{"title":"Lead"},"hlc":"001795734000000.00000000.x"}`
	bads := []string{
		`not json`,
		`{"v":2,"id":"o","table":"goals","row":"g2","kind":"put","fields":{"title":"x"},"hlc":"001795734000000.00000000.x"}`,
		`{"v":1,"id":"o","table":"sqlite_master","row":"g2","kind":"put","fields":{"title":"x"},"hlc":"001795734000000.00000000.x"}`,
		`{"v":1,"id":"o","table":"goals","row":"g2","kind":"put","fields":{"title; DROP TABLE goals":"x"},"hlc":"001795734000000.00000000.x"}`,
		`{"v":1,"id":"o","table":"goals","row":"g2","kind":"put","fields":{"target_date":"next tuesday"},"hlc":"001795734000000.00000000.x"}`,
		`{"v":1,"id":"o","table":"actions","row":"a2","kind":"put","fields":{"done":7},"hlc":"001795734000000.00000000.x"}`,
		`{"v":1,"id":"o","table":"goals","row":"g2","kind":"put","fields":{"title":"x"},"hlc":"yesterday"}`,
		`{"v":1,"id":"o","table":"goals","row":"g2","kind":"burn","hlc":"001795734000000.00000000.x"}`,
		`{"v":1,"id":"o","table":"goals","row":"","kind":"put","fields":{"title":"x"},"hlc":"001795734000000.00000000.x"}`,
	}
	ops := []json.RawMessage{json.RawMessage(good)}
	for _, b := range bads {
		ops = append(ops, json.RawMessage(b))
	}
	res, err := st.ApplySegment(ctx, "dev-x", 1, ops)
	if err != nil {
		t.Fatal(err)
	}
	if res.Applied != 1 || res.Rejected != len(bads) {
		t.Fatalf("result %+v, want 1 applied and %d rejected", res, len(bads))
	}
	var kept int
	st.rdb.QueryRow(`SELECT count(*) FROM sync_rejected WHERE reason <> ''`).Scan(&kept)
	if kept != len(bads) {
		t.Errorf("%d rejected operations kept, want %d", kept, len(bads))
	}
	var n int
	st.rdb.QueryRow(`SELECT count(*) FROM goals`).Scan(&n)
	if n != 1 {
		t.Errorf("%d goals, want the 1 good one", n)
	}
}

func TestAFastClockIsFlaggedAndDoesNotDragOursAlong(t *testing.T) {
	f, laptop := twoDevices(t)
	future := model.HLC{Wall: f.clock.t.Add(36 * time.Hour).UnixMilli(), Device: "fast"}.String()
	op := fmt.Sprintf(`{"v":1,"id":"o1","table":"goals","row":"g9","kind":"put","fields":{"title":"From the future","programme_id":%q},"hlc":%q}`, f.prog.ID, future)
	if _, err := laptop.ApplySegment(f.ctx, "fast", 1, []json.RawMessage{json.RawMessage(op)}); err != nil {
		t.Fatal(err)
	}
	// The fast device wrote its segment by its own clock, 36 hours ahead.
	skew, err := laptop.NoteClock(f.ctx, "fast", f.clock.t.Add(36*time.Hour))
	if err != nil || skew < int64(35*time.Hour/time.Millisecond) {
		t.Fatalf("skew %d ms not flagged: %v", skew, err)
	}
	// A device that merely stepped past the fast one's clock wrote at the right time.
	if skew, _ := laptop.NoteClock(f.ctx, f.st.DeviceID(), f.clock.t); skew != 0 {
		t.Errorf("a device with a right clock flagged: %d ms", skew)
	}
	peers, _ := laptop.Peers(f.ctx)
	flagged := false
	for _, p := range peers {
		flagged = flagged || (p.Device == "fast" && p.SkewMS > 0)
	}
	if !flagged {
		t.Error("the fast device is not flagged among the peers")
	}
	// The laptop's own clock stays near now, yet an edit of that goal still wins.
	g, err := signIn(t, laptop, "pat").SaveGoal(f.ctx, model.Goal{ID: "g9", ProgrammeID: f.prog.ID, Title: "Fixed on the laptop"})
	if err != nil {
		t.Fatal(err)
	}
	_ = g
	if h := laptop.clock.Tick(); h.Wall > f.clock.t.Add(model.DefaultMaxOffset).UnixMilli() {
		t.Errorf("the laptop's clock moved to %v", time.UnixMilli(h.Wall))
	}
	laptop2 := openDevice(t, "third", f.clock)
	firstSegment(t, f.st, laptop2) // the accounts and programme, which the laptop's edit needs
	laptop2.ApplySegment(f.ctx, "fast", 1, []json.RawMessage{json.RawMessage(op)})
	push(t, laptop, f.st, laptop2)
	var title string
	laptop2.rdb.QueryRow(`SELECT title FROM goals WHERE id = 'g9'`).Scan(&title)
	if title != "Fixed on the laptop" {
		t.Errorf("third device shows %q", title)
	}
}

func TestRenewDeviceKeepsWhatWasPushed(t *testing.T) {
	f, _ := twoDevices(t)
	old := f.st.DeviceID()
	pat := signIn(t, f.st, "pat")
	pat.SaveSLOT(f.ctx, f.prog.ID, "ACC-01", model.SLOT{Strengths: "after the copy"})
	fresh, err := f.st.RenewDevice(f.ctx)
	if err != nil || fresh == old {
		t.Fatalf("renew: %q, %v", fresh, err)
	}
	if f.st.DeviceID() != fresh {
		t.Fatal("device id not changed")
	}
	ps, _ := f.st.PushState(f.ctx)
	if ps.Segment != 0 || ps.Outbox == 0 {
		t.Errorf("push state after renewal %+v: segments restart, pushed operations stay pushed", ps)
	}
	if n, _ := f.st.PendingCount(f.ctx); n == 0 {
		t.Error("the unpushed edit was forgotten")
	}
	former, _ := f.st.FormerDeviceIDs(f.ctx)
	if len(former) != 1 || former[0] != old {
		t.Errorf("former ids %v", former)
	}
	if err := pat.SaveSLOT(f.ctx, f.prog.ID, "ACC-01", model.SLOT{Strengths: "new id"}); err != nil {
		t.Fatal(err)
	}
	ops, _ := f.st.Pending(f.ctx, 10, 1<<20)
	var last model.Op
	json.Unmarshal(ops[len(ops)-1].Op, &last)
	if last.Device != fresh || !strings.HasSuffix(last.HLC, fresh) {
		t.Errorf("new op from %s with clock %s", last.Device, last.HLC)
	}
}

// Sam signs off on the laptop with no network while Pat, on the ward PC, keeps writing her
// SLOT for the same competency: after both sync, the sign-off, its status and Pat's text
// are all on both devices.
func TestAnOfflineSignOffTravelsLikeAnyChange(t *testing.T) {
	f, laptop := twoDevices(t)
	pat := signIn(t, f.st, "pat")
	if _, err := pat.SaveEvidence(f.ctx, model.Evidence{ProgrammeID: f.prog.ID, Type: model.Reflection, Title: "Handover reflection",
		OccurredOn: model.NewDate(2026, 11, 2), Sections: map[string]string{"description": "What happened"}, Codes: []string{"COM-01"}}); err != nil {
		t.Fatal(err)
	}
	pat.ChangeStatus(f.ctx, f.prog.ID, "COM-01", model.InProgress, "")
	if err := pat.ChangeStatus(f.ctx, f.prog.ID, "COM-01", model.EvidenceSubmitted, ""); err != nil {
		t.Fatal(err)
	}
	push(t, f.st, laptop)
	f.clock.Advance(time.Hour)
	sam := signIn(t, laptop, "sam")
	so, err := sam.SignOff(f.ctx, f.prog.ID, "COM-01", Countersignature{Username: "sam", Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	if err := pat.SaveSLOT(f.ctx, f.prog.ID, "COM-01", model.SLOT{Strengths: "Written while Sam was offline"}); err != nil {
		t.Fatal(err)
	}
	push(t, laptop, f.st)
	push(t, f.st, laptop)
	if dumpOf(t, f.st) != dumpOf(t, laptop) {
		t.Fatal("devices differ")
	}
	for _, st := range []*Store{f.st, laptop} {
		ss := signIn(t, st, "pat")
		sos, err := ss.SignOffs(f.ctx, f.prog.ID)
		if err != nil || len(sos) != 1 || sos[0].ID != so.ID || sos[0].SignerName != "Sam Preceptor" {
			t.Fatalf("%s: sign-offs %+v %v", st.DeviceID(), sos, err)
		}
		views, _ := ss.Competencies(f.ctx, f.prog.ID)
		for _, v := range views {
			if v.Code == "COM-01" && (v.Progress.Status != model.SignedOff || v.Progress.SLOT.Strengths != "Written while Sam was offline") {
				t.Errorf("%s: COM-01 is %s with %q", st.DeviceID(), v.Progress.Status, v.Progress.SLOT.Strengths)
			}
		}
	}
}

// The window and `pursuit sync` have the same folder open; sync finds it is a copy and
// renews the id: the window's next save is stamped with the new id, not the old.
func TestASecondProcessFollowsANewDeviceID(t *testing.T) {
	f, _ := twoDevices(t)
	window, err := Open(f.ctx, f.st.Dir(), Options{Now: f.clock.Now, HashParams: cheapHash})
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()
	fresh, err := f.st.RenewDevice(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	pat := signIn(t, window, "pat")
	if err := pat.SaveSLOT(f.ctx, f.prog.ID, "ACC-01", model.SLOT{Strengths: "after the renewal"}); err != nil {
		t.Fatal(err)
	}
	ops, _ := window.Pending(f.ctx, 1000, 1<<30)
	var last model.Op
	json.Unmarshal(ops[len(ops)-1].Op, &last)
	if last.Device != fresh || !strings.HasSuffix(last.HLC, "."+fresh) || window.DeviceID() != fresh {
		t.Fatalf("the other process stamped %s / %s; the id is now %s", last.Device, last.HLC, fresh)
	}
}

// Reading a device again from the start (after an upgrade that needs it, or a new folder
// id) judges nothing twice: a preceptee's status moves that a sign-off later superseded,
// and the password change that closed its own key, are already here, not attacks.
func TestReadingADeviceAgainAccusesNobody(t *testing.T) {
	f, laptop, _ := protectedDevices(t)
	pat := signIn(t, f.st, "pat")
	submitAs(t, pat, f.prog.ID, "ACC-01")
	if _, err := pat.SignOff(f.ctx, f.prog.ID, "ACC-01", Countersignature{"sam", testPassword}); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	if err := signIn(t, f.st, "sam").ChangePassword(f.ctx, testPassword, "a new password for the ward"); err != nil {
		t.Fatal(err)
	}
	raws := pendingOps(t, f.st)
	if res, err := laptop.ApplySegment(f.ctx, f.st.DeviceID(), 2, raws); err != nil || res.Rejected != 0 {
		t.Fatalf("first read: %+v %v %q", res, err, rejected(t, laptop))
	}
	before := dumpOf(t, laptop)
	// As the upgrade that reads the folder again leaves it.
	if _, err := laptop.wdb.Exec(`INSERT INTO meta(key, value) VALUES(?, '2')`, metaRereadTo+f.st.DeviceID()); err != nil {
		t.Fatal(err)
	}
	if _, err := laptop.wdb.Exec(`UPDATE sync_applied SET seq = 1 WHERE device = ?`, f.st.DeviceID()); err != nil {
		t.Fatal(err)
	}
	res, err := laptop.ApplySegment(f.ctx, f.st.DeviceID(), 2, raws)
	if err != nil || res.Rejected != 0 || len(rejected(t, laptop)) != 0 {
		t.Fatalf("read again: %+v %v %q", res, err, rejected(t, laptop))
	}
	if dumpOf(t, laptop) != before {
		t.Error("reading again changed something")
	}
	if s := statusOf(t, laptop, "pat", f.prog.ID, "ACC-01"); s != model.SignedOff {
		t.Errorf("ACC-01 after reading again: %s", s)
	}
}
