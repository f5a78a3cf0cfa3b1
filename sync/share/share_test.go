package share_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"pursuit/sync/share"
	"pursuit/sync/share/sharetest"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

func newShare(fsys share.FS, seed uint64) (*share.Share, *clock) {
	c := &clock{t: testNow}
	return &share.Share{FS: fsys, Now: c.Now, Rand: rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8), byte(seed >> 16)})}, c
}

// formattedMem is a set-up share in memory.
func formattedMem(t testing.TB) *sharetest.Mem {
	t.Helper()
	m := sharetest.NewMem(func() time.Time { return testNow })
	s, _ := newShare(m, 0)
	if err := s.Init(context.Background()); err != nil {
		t.Fatalf("Init: %v", err)
	}
	return m
}

func ops(texts ...string) []json.RawMessage {
	out := make([]json.RawMessage, len(texts))
	for i, s := range texts {
		out[i] = json.RawMessage(fmt.Sprintf(`{"op":%q}`, s))
	}
	return out
}

func seg(device string, seq uint64, texts ...string) share.Segment {
	return share.Segment{Device: device, Seq: seq, Created: testNow, Ops: ops(texts...)}
}

func tempFiles(m *sharetest.Mem) []string {
	var out []string
	for _, p := range m.Files() {
		if strings.HasPrefix(p[strings.LastIndex(p, "/")+1:], ".tmp-") {
			out = append(out, p)
		}
	}
	return out
}

func TestInitSetsUpTheShareOnce(t *testing.T) {
	ctx := context.Background()
	d := share.Dir{Root: t.TempDir()}
	s, c := newShare(d, 1)
	if err := s.Init(ctx); err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(filepath.Join(d.Root, "FORMAT.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(first, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["format"] != "pursuit-share" || doc["major"] != 1.0 || doc["minor"] != 1.0 || doc["root"] != nil || doc["created"] != "2025-03-14T09:26:53Z" {
		t.Errorf("FORMAT.json = %s", first)
	}
	for _, dir := range []string{"devices", "blobs/sha256"} {
		if e, err := d.Stat(ctx, dir); err != nil || !e.IsDir {
			t.Errorf("%s: %+v, %v", dir, e, err)
		}
	}
	c.t = c.t.Add(time.Hour)
	if err := s.Init(ctx); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(filepath.Join(d.Root, "FORMAT.json")); !bytes.Equal(again, first) {
		t.Errorf("second Init rewrote FORMAT.json: %s", again)
	}
	if err := s.CheckFormat(ctx); err != nil {
		t.Errorf("CheckFormat after Init: %v", err)
	}
	entries, _ := d.ReadDir(ctx, ".")
	if len(entries) != 4 {
		t.Errorf("root holds %v, want FORMAT.json, blobs, devices, heads only", entries)
	}
}

func TestInitRacingAnotherDeviceKeepsTheirFormatFile(t *testing.T) {
	ctx := context.Background()
	m := sharetest.NewMem(nil)
	f := sharetest.NewFaulty(m)
	s, _ := newShare(f, 1)
	// The other device's FORMAT.json lands between our Stat and our Rename.
	m.Put("devices/.keep", nil)
	theirs := []byte(`{"format":"pursuit-share","major":1,"minor":3,"created":"2024-01-01T00:00:00Z"}`)
	var once atomic.Bool
	racer := &hookFS{FS: f, beforeRename: func() {
		if once.CompareAndSwap(false, true) {
			m.Put("FORMAT.json", theirs)
		}
	}}
	s.FS = racer
	if err := s.Init(ctx); err != nil {
		t.Fatalf("Init: %v", err)
	}
	if b, _ := m.ReadFile(ctx, "FORMAT.json", 1000); !bytes.Equal(b, theirs) {
		t.Errorf("FORMAT.json = %s, want the other device's", b)
	}
	if tmp := tempFiles(m); len(tmp) != 0 {
		t.Errorf("temp files left: %v", tmp)
	}
}

type hookFS struct {
	share.FS
	beforeRename func()
	readFiles    atomic.Int64
}

func (h *hookFS) Rename(ctx context.Context, from, to string) error {
	if h.beforeRename != nil {
		h.beforeRename()
	}
	return h.FS.Rename(ctx, from, to)
}

func (h *hookFS) ReadFile(ctx context.Context, name string, max int64) ([]byte, error) {
	h.readFiles.Add(1)
	return h.FS.ReadFile(ctx, name, max)
}

func TestCheckFormat(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		setup  func(*sharetest.Mem, *sharetest.Faulty)
		want   error
		reject error
	}{
		{"empty folder is unreachable, not new", func(*sharetest.Mem, *sharetest.Faulty) {}, share.ErrUnreachable, share.ErrNotFormatted},
		{"files but no FORMAT.json", func(m *sharetest.Mem, _ *sharetest.Faulty) { m.Put("notes.txt", []byte("hi")) }, share.ErrNotFormatted, nil},
		{"empty listing of a folder with files", func(m *sharetest.Mem, f *sharetest.Faulty) {
			m.Put("notes.txt", []byte("hi"))
			f.EmptyListings(true)
		}, share.ErrUnreachable, share.ErrNotFormatted},
		{"offline", func(m *sharetest.Mem, f *sharetest.Faulty) { f.Offline(true) }, share.ErrUnreachable, share.ErrNotFormatted},
		{"current", func(m *sharetest.Mem, _ *sharetest.Faulty) {
			m.Put("FORMAT.json", []byte(`{"format":"pursuit-share","major":1,"minor":0,"created":"2025-01-01T00:00:00Z"}`))
		}, nil, nil},
		{"newer minor", func(m *sharetest.Mem, _ *sharetest.Faulty) {
			m.Put("FORMAT.json", []byte(`{"format":"pursuit-share","major":1,"minor":7,"created":"2030-01-01T00:00:00Z","extra":true}`))
		}, nil, nil},
		{"newer major", func(m *sharetest.Mem, _ *sharetest.Faulty) {
			m.Put("FORMAT.json", []byte(`{"format":"pursuit-share","major":2,"minor":0}`))
		}, share.ErrNewerFormat, nil},
		{"garbage", func(m *sharetest.Mem, _ *sharetest.Faulty) { m.Put("FORMAT.json", []byte("\x00\x01PK")) }, share.ErrBadFormat, nil},
		{"someone else's format", func(m *sharetest.Mem, _ *sharetest.Faulty) {
			m.Put("FORMAT.json", []byte(`{"format":"joplin","major":1}`))
		}, share.ErrBadFormat, nil},
		{"no major", func(m *sharetest.Mem, _ *sharetest.Faulty) {
			m.Put("FORMAT.json", []byte(`{"format":"pursuit-share"}`))
		}, share.ErrBadFormat, nil},
		{"huge", func(m *sharetest.Mem, _ *sharetest.Faulty) { m.Put("FORMAT.json", make([]byte, 1<<20)) }, share.ErrBadFormat, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := sharetest.NewMem(nil)
			f := sharetest.NewFaulty(m)
			c.setup(m, f)
			s, _ := newShare(f, 1)
			err := s.CheckFormat(ctx)
			if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if c.reject != nil && errors.Is(err, c.reject) {
				t.Fatalf("err = %v must not be %v", err, c.reject)
			}
		})
	}
}

func TestCheckFormatOnAMissingRootIsUnreachable(t *testing.T) {
	s, _ := newShare(share.Dir{Root: filepath.Join(t.TempDir(), "unmounted")}, 1)
	if err := s.CheckFormat(context.Background()); !errors.Is(err, share.ErrUnreachable) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
	if err := s.Init(context.Background()); !errors.Is(err, share.ErrUnreachable) {
		t.Fatalf("Init: err = %v, want ErrUnreachable", err)
	}
}

func TestWriteReadSegmentsOnDir(t *testing.T) {
	ctx := context.Background()
	d := share.Dir{Root: t.TempDir()}
	s, _ := newShare(d, 1)
	if err := s.Init(ctx); err != nil {
		t.Fatal(err)
	}
	if last, err := s.LastSegment(ctx, "ward-1"); err != nil || last != 0 {
		t.Fatalf("LastSegment before any write = %d, %v", last, err)
	}
	for seq := uint64(1); seq <= 3; seq++ {
		if err := s.WriteSegment(ctx, seg("ward-1", seq, fmt.Sprint("edit ", seq))); err != nil {
			t.Fatalf("WriteSegment %d: %v", seq, err)
		}
	}
	if last, err := s.LastSegment(ctx, "ward-1"); err != nil || last != 3 {
		t.Errorf("LastSegment = %d, %v", last, err)
	}
	if next, ok, err := s.NextSegment(ctx, "ward-1", 2); err != nil || !ok || next != 3 {
		t.Errorf("NextSegment(2) = %d, %v, %v", next, ok, err)
	}
	if _, ok, err := s.NextSegment(ctx, "ward-1", 3); err != nil || ok {
		t.Errorf("NextSegment(3) = %v, %v", ok, err)
	}
	got, err := s.ReadSegment(ctx, "ward-1", 2)
	if err != nil || len(got.Ops) != 1 || string(got.Ops[0]) != `{"op":"edit 2"}` {
		t.Fatalf("ReadSegment = %+v, %v", got, err)
	}
	entries, _ := d.ReadDir(ctx, "devices/ward-1/log")
	var names []string
	for _, e := range entries {
		names = append(names, e.Name)
	}
	if want := []string{"000000000001.seg", "000000000002.seg", "000000000003.seg"}; !slices.Equal(names, want) {
		t.Errorf("log holds %v, want %v", names, want)
	}
}

func TestWriteSegmentNeverOverwrites(t *testing.T) {
	ctx := context.Background()
	for name, fsys := range map[string]share.FS{"Dir": share.Dir{Root: t.TempDir()}, "Mem": sharetest.NewMem(nil)} {
		t.Run(name, func(t *testing.T) {
			s, c := newShare(fsys, 1)
			if err := s.WriteSegment(ctx, seg("a", 1, "mine")); err != nil {
				t.Fatal(err)
			}
			if err := s.WriteSegment(ctx, seg("a", 1, "a clone's")); !errors.Is(err, share.ErrExists) {
				t.Fatalf("second writer of seq 1: err = %v, want ErrExists", err)
			}
			// The same operations again (a retry after a lost reply) are already there.
			c.t = c.t.Add(time.Minute)
			retry := seg("a", 1, "mine")
			retry.Created = time.Time{}
			if err := s.WriteSegment(ctx, retry); err != nil {
				t.Fatalf("retry of the same operations: %v", err)
			}
			got, err := s.ReadSegment(ctx, "a", 1)
			if err != nil || string(got.Ops[0]) != `{"op":"mine"}` || !got.Created.Equal(testNow) {
				t.Fatalf("segment 1 = %+v, %v: it was replaced", got, err)
			}
			entries, _ := fsys.ReadDir(ctx, "devices/a/log")
			if len(entries) != 1 {
				t.Errorf("log holds %v; temps were left behind", entries)
			}
		})
	}
}

// Every call WriteSegment makes is failed in turn, before it takes effect and after (the reply
// lost). Whatever happens, no damaged segment may become visible, segment 1 stays as it was,
// leftovers are temps a sweep removes, and a retry succeeds.
func TestWriteSegmentSurvivesEveryFailedCall(t *testing.T) {
	ctx := context.Background()
	for _, firstWrite := range []bool{true, false} {
		// A clean run counts the calls to fail.
		m := formattedMem(t)
		f := sharetest.NewFaulty(m)
		s, _ := newShare(f, 1)
		seq := uint64(1)
		if !firstWrite {
			if err := s.WriteSegment(ctx, seg("a", 1, "one")); err != nil {
				t.Fatal(err)
			}
			seq = 2
		}
		before := f.Calls()
		if err := s.WriteSegment(ctx, seg("a", seq, "two")); err != nil {
			t.Fatal(err)
		}
		n := f.Calls() - before

		for k := 1; k <= n; k++ {
			for _, lostReply := range []bool{false, true} {
				t.Run(fmt.Sprintf("first=%v/call%d/lostReply=%v", firstWrite, k, lostReply), func(t *testing.T) {
					m := formattedMem(t)
					f := sharetest.NewFaulty(m)
					s, c := newShare(f, uint64(k))
					if !firstWrite {
						if err := s.WriteSegment(ctx, seg("a", 1, "one")); err != nil {
							t.Fatal(err)
						}
					}
					if lostReply {
						f.FailOpAfter(k, "")
					} else {
						f.FailOp(k, "")
					}
					err := s.WriteSegment(ctx, seg("a", seq, "two"))
					if err == nil {
						t.Fatalf("WriteSegment succeeded despite failing call %d", k)
					}
					if !errors.Is(err, sharetest.ErrInjected) {
						t.Errorf("err = %v does not carry the injected fault", err)
					}
					checkLog(t, s, m, "a")

					c.t = c.t.Add(2 * time.Hour)
					if _, err := s.SweepTemp(ctx, "a", time.Hour); err != nil {
						t.Fatal(err)
					}
					if tmp := tempFiles(m); len(tmp) != 0 {
						t.Fatalf("temps survive a sweep: %v", tmp)
					}
					if err := s.WriteSegment(ctx, seg("a", seq, "two")); err != nil {
						t.Fatalf("retry: %v", err)
					}
					got, err := s.ReadSegment(ctx, "a", seq)
					if err != nil || string(got.Ops[0]) != `{"op":"two"}` {
						t.Fatalf("after retry: %+v, %v", got, err)
					}
					if !firstWrite {
						if got, _ := s.ReadSegment(ctx, "a", 1); string(got.Ops[0]) != `{"op":"one"}` {
							t.Fatalf("segment 1 changed: %s", got.Ops[0])
						}
					}
				})
			}
		}
	}
}

// checkLog asserts that every canonical segment name in device's log holds a valid segment
// and that the numbers have no gaps.
func checkLog(t *testing.T, s *share.Share, m *sharetest.Mem, device string) {
	t.Helper()
	ctx := context.Background()
	var seqs []uint64
	for _, p := range m.Files() {
		dir, name := filepath.Split(p)
		if dir != "devices/"+device+"/log/" {
			continue
		}
		if seq, ok := share.ParseSegmentName(name); ok {
			seqs = append(seqs, seq)
			if _, err := s.ReadSegment(ctx, device, seq); err != nil {
				t.Fatalf("visible segment %s does not read: %v", p, err)
			}
		}
	}
	for i, seq := range seqs {
		if seq != uint64(i+1) {
			t.Fatalf("log numbers %v have a gap", seqs)
		}
	}
}

func TestTruncatedWriteNeverBecomesVisible(t *testing.T) {
	ctx := context.Background()
	full, _ := share.EncodeSegment(seg("a", 1, "edit"))
	for _, n := range []int{0, 1, len(full) / 2, len(full) - 1} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			m := formattedMem(t)
			f := sharetest.NewFaulty(m)
			s, c := newShare(f, 1)
			if err := m.MkdirAll(ctx, "devices/a/log"); err != nil {
				t.Fatal(err)
			}
			f.TruncateWrites(n)
			f.FailOp(1, sharetest.OpRemove) // and the clean-up fails too: the partial file stays
			if err := s.WriteSegment(ctx, seg("a", 1, "edit")); err == nil {
				t.Fatal("WriteSegment succeeded")
			}
			if _, ok, err := s.NextSegment(ctx, "a", 0); ok || err != nil {
				t.Fatalf("NextSegment = %v, %v: a partial write is visible", ok, err)
			}
			if last, err := s.LastSegment(ctx, "a"); last != 0 || err != nil {
				t.Fatalf("LastSegment = %d, %v", last, err)
			}
			c.t = c.t.Add(2 * time.Hour)
			if swept, err := s.SweepTemp(ctx, "a", time.Hour); err != nil || swept != 1 {
				t.Fatalf("SweepTemp = %d, %v, want the one partial temp", swept, err)
			}
		})
	}
}

func TestReadSegmentRefusesWhatItsNameDoesNotSay(t *testing.T) {
	ctx := context.Background()
	m := formattedMem(t)
	s, _ := newShare(m, 1)
	put := func(path string, sg share.Segment) {
		b, err := share.EncodeSegment(sg)
		if err != nil {
			t.Fatal(err)
		}
		m.Put(path, b)
	}
	put("devices/a/log/000000000001.seg", seg("b", 1, "forged for b"))
	put("devices/a/log/000000000002.seg", seg("a", 3, "renumbered"))
	full, _ := share.EncodeSegment(seg("a", 3, "x"))
	m.Put("devices/a/log/000000000003.seg", full[:len(full)-5])
	for seq, want := range map[uint64]string{
		1: `segment devices/a/log/000000000001.seg: bad segment: header says device "b" seq 1`,
		2: `segment devices/a/log/000000000002.seg: bad segment: header says device "a" seq 3`,
		3: `segment devices/a/log/000000000003.seg: bad segment: truncated: does not end with a newline`,
	} {
		_, err := s.ReadSegment(ctx, "a", seq)
		if !errors.Is(err, share.ErrBadSegment) || err.Error() != want {
			t.Errorf("seq %d: err = %v\nwant %s", seq, err, want)
		}
	}
	if _, err := s.ReadSegment(ctx, "a", 4); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing segment: err = %v", err)
	}
}

func TestReadSegmentRefusesAHugeFileWithoutReadingIt(t *testing.T) {
	ctx := context.Background()
	d := share.Dir{Root: t.TempDir()}
	s, _ := newShare(d, 1)
	if err := d.MkdirAll(ctx, "devices/a/log"); err != nil {
		t.Fatal(err)
	}
	sparse2GB(t, filepath.Join(d.Root, "devices/a/log/000000000001.seg"))
	start := time.Now()
	_, err := s.ReadSegment(ctx, "a", 1)
	if !errors.Is(err, share.ErrBadSegment) {
		t.Fatalf("err = %v, want ErrBadSegment", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v: the file was read", took)
	}
}

func TestDevicesIgnoresStrayFilesQuickly(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10 000 files")
	}
	ctx := context.Background()
	d := share.Dir{Root: t.TempDir()}
	spy := &hookFS{FS: d}
	s, _ := newShare(spy, 1)
	if err := s.Init(ctx); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(d.Root, "devices")
	for _, dev := range []string{"ward-2", "ward-1", "0-laptop"} {
		if err := os.Mkdir(filepath.Join(root, dev), 0o777); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range []string{"Ward-3", "x.y", ".tmp-12", "-x"} {
		if err := os.Mkdir(filepath.Join(root, dir), 0o777); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 10_000 {
		if err := os.WriteFile(filepath.Join(root, fmt.Sprintf("holiday photo %05d.JPG", i)), []byte("x"), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	sparse2GB(t, filepath.Join(root, "backup.vhdx"))

	spy.readFiles.Store(0)
	start := time.Now()
	devs, warnings, err := s.Devices(ctx)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"0-laptop", "ward-1", "ward-2"}; !slices.Equal(devs, want) {
		t.Errorf("devices = %v, want %v", devs, want)
	}
	if len(warnings) != 10_000+1+4 {
		t.Errorf("%d warnings, want one per stray entry (10 005)", len(warnings))
	}
	if w := warnings[0].String(); !strings.HasPrefix(w, "devices/") || !strings.Contains(w, "ignored") {
		t.Errorf("warning reads %q", w)
	}
	if n := spy.readFiles.Load(); n != 0 {
		t.Errorf("Devices read %d files", n)
	}
	t.Logf("Devices over 10 005 stray entries: %v", took)
	if took > 3*time.Second {
		t.Errorf("Devices took %v", took)
	}
}

func TestDevicesOnAMissingFolderIsUnreachable(t *testing.T) {
	ctx := context.Background()
	m := sharetest.NewMem(nil)
	m.Put("FORMAT.json", []byte(`{}`))
	s, _ := newShare(m, 1)
	if _, _, err := s.Devices(ctx); !errors.Is(err, share.ErrUnreachable) {
		t.Errorf("Devices: err = %v, want ErrUnreachable", err)
	}
	if _, err := s.LastSegment(ctx, "a"); !errors.Is(err, share.ErrUnreachable) {
		t.Errorf("LastSegment: err = %v, want ErrUnreachable", err)
	}
}

func TestLastSegment(t *testing.T) {
	ctx := context.Background()
	m := formattedMem(t)
	f := sharetest.NewFaulty(m)
	s, _ := newShare(f, 1)
	if last, err := s.LastSegment(ctx, "new-device"); err != nil || last != 0 {
		t.Errorf("a device with no folder: %d, %v", last, err)
	}
	for seq := uint64(1); seq <= 4; seq++ {
		if err := s.WriteSegment(ctx, seg("a", seq, "x")); err != nil {
			t.Fatal(err)
		}
	}
	for _, stray := range []string{"000000000099.SEG", "99.seg", ".tmp-000000000050.seg", "000000000077.seg.bak", "0000000000088.seg"} {
		m.Put("devices/a/log/"+stray, []byte("x"))
	}
	if err := m.MkdirAll(ctx, "devices/a/log/000000000066.seg"); err != nil {
		t.Fatal(err)
	}
	if last, err := s.LastSegment(ctx, "a"); err != nil || last != 4 {
		t.Errorf("LastSegment = %d, %v, want 4", last, err)
	}
	f.Offline(true)
	if _, err := s.LastSegment(ctx, "a"); !errors.Is(err, share.ErrUnreachable) {
		t.Errorf("offline: err = %v", err)
	}
}

func TestNextSegmentIsOneCall(t *testing.T) {
	ctx := context.Background()
	m := formattedMem(t)
	f := sharetest.NewFaulty(m)
	s, _ := newShare(f, 1)
	if err := s.WriteSegment(ctx, seg("a", 1, "x")); err != nil {
		t.Fatal(err)
	}
	for after, want := range map[uint64]bool{0: true, 1: false, share.MaxSeq: false} {
		before := f.Calls()
		_, ok, err := s.NextSegment(ctx, "a", after)
		if err != nil || ok != want {
			t.Errorf("NextSegment(%d) = %v, %v", after, ok, err)
		}
		if n := f.Calls() - before; n > 1 {
			t.Errorf("NextSegment(%d) made %d calls", after, n)
		}
	}
	if _, _, err := s.NextSegment(ctx, "../a", 0); err == nil {
		t.Error("NextSegment accepted a bad device id")
	}
}

func TestSweepTempRemovesOnlyOwnStaleTemps(t *testing.T) {
	ctx := context.Background()
	c := &clock{t: testNow.Add(-2 * time.Hour)}
	m := sharetest.NewMem(c.Now)
	s := &share.Share{FS: m, Now: c.Now}
	swept := map[string]bool{
		"devices/a/log/.tmp-old":        true,
		"blobs/.tmp-old":                true,
		"devices/b/log/.tmp-old":        false, // another device's log
		"devices/a/log/000000000001.x":  false, // not a temp
		"blobs/sha256/.tmp-old":         false, // not where blob temps go
		"devices/a/.tmp-old-not-in-log": false,
		"devices/a/log/.tmp-fresh":      false, // may be a write in progress
	}
	for p := range swept {
		if p != "devices/a/log/.tmp-fresh" {
			m.Put(p, []byte("partial"))
		}
	}
	c.t = testNow
	m.Put("devices/a/log/.tmp-fresh", []byte("partial"))

	n, err := s.SweepTemp(ctx, "a", time.Hour)
	if err != nil || n != 2 {
		t.Errorf("SweepTemp = %d, %v, want 2", n, err)
	}
	left := m.Files()
	for p, want := range swept {
		if gone := !slices.Contains(left, p); gone != want {
			t.Errorf("%s: removed = %v, want %v", p, gone, want)
		}
	}
}

// Several devices write through chaotic connections with stale caches while one reader polls
// through its own. Whatever fails, every visible segment verifies, numbers have no gaps, and
// the reader ends up with every device's operations exactly once, in order.
func TestChaosManyRuns(t *testing.T) {
	runs := 300
	if testing.Short() {
		runs = 30
	}
	ctx := context.Background()
	for run := range runs {
		rng := rand.New(rand.NewPCG(uint64(run), 7))
		m := formattedMem(t)
		devices := []string{"a", "b", "c"}
		written := map[string][]string{}
		for i, dev := range devices {
			f := sharetest.NewFaulty(m)
			f.Chaos(rand.New(rand.NewPCG(uint64(run), uint64(i))), 0.25)
			f.DelayVisibility(rng.IntN(4))
			s, _ := newShare(f, uint64(run*10+i))
			for seq := uint64(1); seq <= uint64(1+rng.IntN(4)); seq++ {
				op := fmt.Sprintf("%s-%d", dev, seq)
				var err error
				for attempt := 0; attempt < 200; attempt++ {
					if err = s.WriteSegment(ctx, seg(dev, seq, op)); err == nil {
						break
					}
					if errors.Is(err, share.ErrExists) {
						t.Fatalf("run %d: %s seq %d: ErrExists on a retry of the same operations", run, dev, seq)
					}
				}
				if err != nil {
					t.Fatalf("run %d: %s seq %d never written: %v", run, dev, seq, err)
				}
				written[dev] = append(written[dev], op)
			}
		}

		reader := sharetest.NewFaulty(m)
		reader.Chaos(rand.New(rand.NewPCG(uint64(run), 99)), 0.25)
		reader.DelayVisibility(rng.IntN(4))
		s, _ := newShare(reader, uint64(run))
		applied := map[string][]string{}
		have := map[string]uint64{}
		for tick := 0; tick < 400 && !sameLogs(applied, written); tick++ {
			devs, _, err := s.Devices(ctx)
			if err != nil {
				continue
			}
			for _, dev := range devs {
				next, ok, err := s.NextSegment(ctx, dev, have[dev])
				if err != nil || !ok {
					continue
				}
				sg, err := s.ReadSegment(ctx, dev, next)
				if errors.Is(err, share.ErrBadSegment) {
					t.Fatalf("run %d: visible bad segment: %v", run, err)
				}
				if err != nil {
					continue
				}
				for _, o := range sg.Ops {
					var v struct{ Op string }
					_ = json.Unmarshal(o, &v)
					applied[dev] = append(applied[dev], v.Op)
				}
				have[dev] = next
			}
		}
		if !sameLogs(applied, written) {
			t.Fatalf("run %d: reader has %v, devices wrote %v", run, applied, written)
		}
		clean, _ := newShare(m, 0)
		for _, dev := range devices {
			checkLog(t, clean, m, dev)
		}
	}
}

func sameLogs(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range b {
		if !slices.Equal(a[k], v) {
			return false
		}
	}
	return true
}
