package sync

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/sync/share"
	"pursuit/sync/share/sharetest"
)

// The proof that nothing is lost: devices edit the same records while the share fails
// under them in every way sharetest knows, their clocks a day apart; after the faults heal
// and everyone syncs, every device's dump is byte-identical and every edit anyone made is
// either what everyone sees, or was replaced by someone who had it in front of them, or
// is kept as a "changed on two devices" version.

var (
	simRuns = flag.Int("sim.runs", 0, "randomized sync simulations to run (default: 1000, or 40 under -short)")
	simSeed = flag.Uint64("sim.seed", 0, "run only this seed")
)

const simPassword = "sim password for tests"

var simHash = model.HashParams{Time: 1, Memory: 64, Threads: 1}

type simClock struct{ t time.Time }

func (c *simClock) now() time.Time { return c.t }

type simDevice struct {
	name  string
	st    *sqlite.Store
	clock *simClock
	fs    *sharetest.Faulty
	eng   *Engine
	pat   *sqlite.Session
}

// write is one committed edit of a text field, as its outbox operation recorded it.
type write struct {
	device, table, row, field string
	value                     string
	hlc, base                 string
	resolves                  []string
}

// deletion is a committed delete and the field clocks it had seen.
type deletion struct {
	table, row string
	seen       map[string]string
}

type sim struct {
	t       *testing.T
	ctx     context.Context
	rng     *rand.Rand
	mem     *sharetest.Mem
	devs    []*simDevice
	prog    model.Programme
	writes  []write
	deletes []deletion
	outSeen map[string]int64 // device name → last outbox seq recorded
	n       int
}

func TestSimulation(t *testing.T) {
	runs := *simRuns
	if runs == 0 {
		runs = 1000
		if testing.Short() {
			runs = 40
		}
	}
	seeds := make([]uint64, 0, runs)
	for i := range runs {
		seeds = append(seeds, uint64(i+1))
	}
	if *simSeed != 0 {
		seeds = []uint64{*simSeed}
	}
	template := simTemplate(t)
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			runSim(t, seed, template)
			if t.Failed() {
				t.Logf("rerun with: go test ./sync -run TestSimulation -sim.seed %d -v", seed)
			}
		})
	}
}

// simDir is a data folder in memory when the machine has one: the simulation tests merge
// rules, not disks, and a thousand runs of fsyncs would take minutes.
func simDir(t *testing.T) string {
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
		dir, err := os.MkdirTemp("/dev/shm", "pursuit-sim-")
		if err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

// simTemplate is a data folder with the programme set up, copied for each device so a run
// does not pay for the schema and the accounts every time; each copy takes its own device
// id on its first pass, as a cloned PC would.
func simTemplate(t *testing.T) []byte {
	t.Helper()
	dir := t.TempDir()
	clock := &simClock{time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)}
	st, err := sqlite.Open(context.Background(), dir, sqlite.Options{Now: clock.now, HashParams: simHash})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sys := st.System()
	fw := model.FrameworkSet{Framework: model.Framework{ID: "core", Name: "Core", Version: "1"}, Competencies: []model.Competency{
		{Code: "ACC-01", Title: "Accountability", Domain: "A", Level: model.Must},
		{Code: "COM-01", Title: "Communication", Domain: "C", Level: model.Must},
		{Code: "QI-01", Title: "Quality", Domain: "Q", Level: model.Could},
	}}
	if _, err := sys.ImportFramework(ctx, fw); err != nil {
		t.Fatal(err)
	}
	pat, err := sys.AddUser(ctx, model.User{Username: "pat", Name: "Pat", Role: model.RolePreceptee}, simPassword)
	if err != nil {
		t.Fatal(err)
	}
	sam, err := sys.AddUser(ctx, model.User{Username: "sam", Name: "Sam", Role: model.RolePreceptor}, simPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sys.SaveProgramme(ctx, model.Programme{PrecepteeID: pat.ID, PreceptorID: sam.ID, StartDate: model.NewDate(2026, 9, 7),
		Profession: "nurse-adult", FrameworkID: "core"}); err != nil {
		t.Fatal(err)
	}
	// Everything so far counts as already exchanged: every device starts from this copy.
	ps, _ := st.Pending(ctx, 1<<20, 1<<40)
	if err := st.MarkPushed(ctx, 0, ps[len(ps)-1].Seq); err != nil {
		t.Fatal(err)
	}
	st.Close() // folds the write-ahead log into the file
	b, err := os.ReadFile(filepath.Join(dir, sqlite.DatabaseFile))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func runSim(t *testing.T, seed uint64, template []byte) {
	s := &sim{t: t, ctx: context.Background(), rng: rand.New(rand.NewPCG(seed, 0x5eed)), outSeen: map[string]int64{}}
	base := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	s.mem = sharetest.NewMem(func() time.Time { return base })
	if err := (&share.Share{FS: s.mem}).Init(s.ctx); err != nil {
		t.Fatal(err)
	}
	n := 3 + s.rng.IntN(3)
	for i := range n {
		d := &simDevice{name: fmt.Sprintf("d%d", i)}
		// Clocks up to a day apart.
		d.clock = &simClock{base.Add(time.Duration(s.rng.Int64N(int64(24*time.Hour))) - 12*time.Hour)}
		dir := simDir(t)
		if err := os.WriteFile(filepath.Join(dir, sqlite.DatabaseFile), template, 0o600); err != nil {
			t.Fatal(err)
		}
		st, err := sqlite.Open(s.ctx, dir, sqlite.Options{Now: d.clock.now, HashParams: simHash,
			Rand: rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8), byte(seed >> 16), byte(i)})})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if _, err := st.RenewDevice(s.ctx); err != nil {
			t.Fatal(err)
		}
		d.st = st
		d.fs = sharetest.NewFaulty(s.mem)
		d.eng = &Engine{Store: st, Share: &share.Share{FS: d.fs, Now: d.clock.now, Rand: rand.NewChaCha8([32]byte{byte(i), byte(seed)})}, Now: d.clock.now,
			MaxSegmentOps: 1 + s.rng.IntN(6)}
		if d.pat, err = st.SignIn(s.ctx, "pat", simPassword); err != nil {
			t.Fatal(err)
		}
		s.devs = append(s.devs, d)
	}
	ps, err := s.devs[0].pat.Programmes(s.ctx)
	if err != nil || len(ps) != 1 {
		t.Fatalf("programmes %v %v", ps, err)
	}
	s.prog = ps[0]

	steps := 40 + s.rng.IntN(60)
	for range steps {
		d := s.devs[s.rng.IntN(n)]
		d.clock.t = d.clock.t.Add(time.Duration(s.rng.IntN(5000)) * time.Millisecond)
		s.step(d)
	}
	s.heal()
	s.check()
}

func (s *sim) text(what string) string {
	s.n++
	return fmt.Sprintf("%s %d %x", what, s.n, s.rng.Uint32())
}

// step makes one random thing happen on d.
func (s *sim) step(d *simDevice) {
	codes := []string{"ACC-01", "COM-01", "QI-01"}
	switch k := s.rng.IntN(100); {
	case k < 22:
		slot := model.SLOT{Strengths: s.text("strengths")}
		if s.rng.IntN(2) == 0 {
			slot.LearningNeeds = s.text("needs")
		}
		s.edit(d, d.pat.SaveSLOT(s.ctx, s.prog.ID, codes[s.rng.IntN(len(codes))], slot))
	case k < 32:
		_, err := d.pat.SaveGoal(s.ctx, model.Goal{ProgrammeID: s.prog.ID, Title: s.text("goal"), Detail: s.text("detail")})
		s.edit(d, err)
	case k < 47:
		if g, ok := s.someGoal(d); ok {
			if s.rng.IntN(2) == 0 {
				g.Title = s.text("title")
			} else {
				g.Detail = s.text("detail")
			}
			_, err := d.pat.SaveGoal(s.ctx, g)
			s.edit(d, err)
		}
	case k < 52:
		if g, ok := s.someGoal(d); ok {
			s.edit(d, d.pat.DeleteGoal(s.ctx, g.ID))
		}
	case k < 58:
		if cs, err := d.pat.Conflicts(s.ctx); err == nil && len(cs) > 0 {
			s.edit(d, d.pat.ResolveConflict(s.ctx, cs[s.rng.IntN(len(cs))].ID, s.rng.IntN(2) == 0))
		}
	case k < 64:
		d.fs.Offline(s.rng.IntN(3) == 0) // a partition starts or ends
	case k < 70:
		// A crash or a dropped connection mid-push: the segment's bytes stop part way, or
		// the rename lands and its reply is lost.
		if s.rng.IntN(2) == 0 {
			d.fs.TruncateWrites(s.rng.IntN(200))
		} else {
			d.fs.FailOpAfter(1+s.rng.IntN(3), sharetest.OpRename)
		}
		d.eng.Pass(s.ctx)
	default:
		d.fs.Chaos(s.rng, []float64{0, 0, 0.05, 0.2}[s.rng.IntN(4)])
		d.fs.DelayVisibility(s.rng.IntN(3))
		d.eng.Pass(s.ctx) // may fail: what failed is retried later
	}
}

func (s *sim) someGoal(d *simDevice) (model.Goal, bool) {
	pf, err := d.pat.Portfolio(s.ctx, s.prog.ID)
	if err != nil {
		s.t.Fatal(err)
	}
	if len(pf.Goals) == 0 {
		return model.Goal{}, false
	}
	return pf.Goals[s.rng.IntN(len(pf.Goals))], true
}

// edit records what a successful local edit put in the outbox.
func (s *sim) edit(d *simDevice, err error) {
	if err != nil {
		if errors.Is(err, model.ErrNotFound) {
			return // deleted meanwhile by a sync
		}
		s.t.Fatalf("%s: local edit failed: %v", d.name, err)
	}
	ops, err := d.st.Pending(s.ctx, 1<<20, 1<<40)
	if err != nil {
		s.t.Fatal(err)
	}
	for _, o := range ops {
		if o.Seq <= s.outSeen[d.name] {
			continue
		}
		s.outSeen[d.name] = o.Seq
		var op model.Op
		if err := json.Unmarshal(o.Op, &op); err != nil {
			s.t.Fatal(err)
		}
		if op.Kind == model.OpDelete {
			s.deletes = append(s.deletes, deletion{table: op.Table, row: op.Row, seen: op.Base})
		}
		for f, v := range op.Fields {
			text, ok := v.(string)
			if !ok || !textField(op.Table, f) {
				continue
			}
			s.writes = append(s.writes, write{device: d.name, table: op.Table, row: op.Row, field: f, value: text,
				hlc: op.HLC, base: op.Base[f], resolves: op.Resolves[f]})
		}
	}
}

func textField(table, field string) bool {
	switch table {
	case "progress":
		return field == "strengths" || field == "learning_needs"
	case "goals":
		return field == "title" || field == "detail"
	}
	return false
}

// heal ends every fault and lets everyone sync until nothing moves.
func (s *sim) heal() {
	for _, d := range s.devs {
		d.fs.Offline(false)
		d.fs.Chaos(nil, 0)
		d.fs.DelayVisibility(0)
		d.fs.TruncateWrites(-1)
	}
	// A fault asked for before healing (the n-th rename from now) may still fire once;
	// after that, a whole round in which every pass succeeds and nothing moves is the end.
	for round := range 12 {
		quiet := true
		var errs []error
		for _, d := range s.devs {
			rep, err := d.eng.Pass(s.ctx)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", d.name, err))
			}
			quiet = quiet && err == nil && rep.Pushed == 0 && rep.SegmentsIn == 0 && !rep.HeadMarked
		}
		if quiet && round > 0 {
			return
		}
		if round == 11 {
			s.t.Fatalf("still not settled after healing: %v", errs)
		}
	}
}

func (s *sim) check() {
	dumps := make([]string, len(s.devs))
	for i, d := range s.devs {
		var b bytes.Buffer
		if err := d.st.Dump(s.ctx, &b); err != nil {
			s.t.Fatal(err)
		}
		dumps[i] = b.String()
		if n, _ := d.st.PendingCount(s.ctx); n != 0 {
			s.t.Errorf("%s: %d changes never left after healing", d.name, n)
		}
	}
	for i := 1; i < len(dumps); i++ {
		if dumps[i] != dumps[0] {
			s.t.Fatalf("%s and %s differ after healing:\n%s", s.devs[0].name, s.devs[i].name, firstDifference(dumps[0], dumps[i]))
		}
	}
	// Every edit survives, or someone replaced it knowingly, or it is kept as a conflict.
	var data map[string][]map[string]any
	if err := json.Unmarshal([]byte(dumps[0]), &data); err != nil {
		s.t.Fatal(err)
	}
	for _, w := range s.writes {
		var row map[string]any
		for _, r := range data[w.table] {
			if r["id"] == w.row {
				row = r
			}
		}
		if row == nil {
			s.t.Fatalf("%s %s is missing after healing", w.table, w.row)
		}
		current, _ := row[w.field].(string)
		if row["deleted"] != float64(0) {
			// An edit beats a delete: a row stays deleted only if a deletion saw its edits.
			if !s.deletionSaw(w) {
				s.t.Errorf("%s %s is deleted, but its edit %q (%s) was not seen by any deletion", w.table, w.row, w.value, w.hlc)
			}
			continue
		}
		if current == w.value || s.seenBy(w) || s.sameTextSeen(w) {
			continue
		}
		for _, d := range s.devs {
			kept, err := d.st.KeptVersions(s.ctx, w.table, w.row, w.field)
			if err != nil {
				s.t.Fatal(err)
			}
			if !slices.Contains(kept, w.value) {
				s.t.Errorf("%s: the edit %q of %s.%s (%s on %s) is gone: now %q, kept versions %q\n%s", d.name, w.value, w.table, w.field, w.hlc, w.device, current, kept, s.history(w))
			}
		}
	}
}

// sameTextSeen: another edit wrote the very same text and someone built on that one, so
// no words of w are lost (two devices creating a record both write its empty fields).
func (s *sim) sameTextSeen(w write) bool {
	for _, o := range s.writes {
		if o.table == w.table && o.row == w.row && o.field == w.field && o.value == w.value && o.hlc != w.hlc && s.seenBy(o) {
			return true
		}
	}
	return false
}

// seenBy: a later edit of the same field was made with w in front of its author, or is a
// choice that settled w.
func (s *sim) seenBy(w write) bool {
	h := s.canonical(w.hlc)
	for _, o := range s.writes {
		if o.table != w.table || o.row != w.row || o.field != w.field || o.hlc == w.hlc {
			continue
		}
		if s.canonical(o.base) == h {
			return true
		}
		for _, r := range o.resolves {
			if s.canonical(r) == h {
				return true
			}
		}
	}
	return false
}

// canonical names a clock by its device's current id: a device that took a new id restamped
// its unsent edits, so later edits name them by the new one.
func (s *sim) canonical(h string) string {
	for _, d := range s.devs {
		former, _ := d.st.FormerDeviceIDs(s.ctx)
		for _, f := range former {
			if strings.HasSuffix(h, "."+f) {
				return strings.TrimSuffix(h, f) + d.st.DeviceID()
			}
		}
	}
	return h
}

// history lists every edit of w's field, for the message of a failure.
func (s *sim) history(w write) string {
	var b bytes.Buffer
	for _, o := range s.writes {
		if o.table == w.table && o.row == w.row && o.field == w.field {
			fmt.Fprintf(&b, "    %s %q clock %s base %s resolves %v\n", o.device, o.value, o.hlc, o.base, o.resolves)
		}
	}
	return b.String()
}

func (s *sim) deletionSaw(w write) bool {
	for _, d := range s.deletes {
		if d.table == w.table && d.row == w.row && d.seen[w.field] >= w.hlc {
			return true
		}
	}
	return false
}

func firstDifference(a, b string) string {
	al, bl := bytes.Split([]byte(a), []byte("\n")), bytes.Split([]byte(b), []byte("\n"))
	for i := range min(len(al), len(bl)) {
		if !bytes.Equal(al[i], bl[i]) {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, al[i], bl[i])
		}
	}
	return "one is a prefix of the other"
}
