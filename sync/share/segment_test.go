package share_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"pursuit/sync/share"
)

var testNow = time.Date(2025, 3, 14, 9, 26, 53, 589793000, time.UTC)

func sampleSegment() share.Segment {
	return share.Segment{
		Device:  "ward-7-laptop",
		Seq:     3,
		Created: testNow,
		Ops: []json.RawMessage{
			json.RawMessage(`{"op":"set","entity":"meeting","field":"notes","value":"Discussed \"sepsis\" pathway\u2028"}`),
			json.RawMessage(`{"op":"tombstone","entity":"evidence","id":"e-1"}`),
			json.RawMessage(`[1,2,3]`),
		},
	}
}

func mustEncode(t testing.TB, s share.Segment) []byte {
	t.Helper()
	b, err := share.EncodeSegment(s)
	if err != nil {
		t.Fatalf("EncodeSegment: %v", err)
	}
	return b
}

func TestSegmentRoundTrip(t *testing.T) {
	want := sampleSegment()
	b := mustEncode(t, want)

	lines := strings.Split(string(b), "\n")
	if lines[0] != "PURSUIT-SEGMENT 1" {
		t.Errorf("first line = %q", lines[0])
	}
	if wantHeader := `{"device":"ward-7-laptop","seq":3,"created":"2025-03-14T09:26:53.589793Z","count":3}`; lines[1] != wantHeader {
		t.Errorf("header = %s\nwant     %s", lines[1], wantHeader)
	}
	if !strings.HasPrefix(lines[5], fmt.Sprintf("END %d ", len(b)-len(lines[5])-1)) {
		t.Errorf("footer = %q", lines[5])
	}

	got, err := share.ParseSegment(b)
	if err != nil {
		t.Fatalf("ParseSegment: %v", err)
	}
	if got.Device != want.Device || got.Seq != want.Seq || !got.Created.Equal(want.Created) || len(got.Ops) != len(want.Ops) {
		t.Fatalf("round trip: got %+v", got)
	}
	for i := range want.Ops {
		if !bytes.Equal(got.Ops[i], want.Ops[i]) {
			t.Errorf("op %d = %s, want %s", i, got.Ops[i], want.Ops[i])
		}
	}
}

func TestSegmentWithNoOpsRoundTrips(t *testing.T) {
	s := share.Segment{Device: "a", Seq: 1, Created: testNow}
	got, err := share.ParseSegment(mustEncode(t, s))
	if err != nil || len(got.Ops) != 0 {
		t.Fatalf("ParseSegment = %+v, %v", got, err)
	}
}

func TestEncodeSegmentRefusesWhatCouldNotBeReadBack(t *testing.T) {
	ok := sampleSegment()
	cases := map[string]func(*share.Segment){
		"upper-case device":  func(s *share.Segment) { s.Device = "Ward" },
		"device with a dot":  func(s *share.Segment) { s.Device = "a.b" },
		"seq zero":           func(s *share.Segment) { s.Seq = 0 },
		"seq past 12 digits": func(s *share.Segment) { s.Seq = share.MaxSeq + 1 },
		"no creation time":   func(s *share.Segment) { s.Created = time.Time{} },
		"five-digit year":    func(s *share.Segment) { s.Created = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) },
		"op with a newline":  func(s *share.Segment) { s.Ops = []json.RawMessage{json.RawMessage("{\n}")} },
		"op not JSON":        func(s *share.Segment) { s.Ops = []json.RawMessage{json.RawMessage(`{"a":`)} },
		"empty op":           func(s *share.Segment) { s.Ops = []json.RawMessage{nil} },
		"over the size limit": func(s *share.Segment) {
			s.Ops = []json.RawMessage{json.RawMessage(`"` + strings.Repeat("x", share.MaxSegmentBytes) + `"`)}
		},
	}
	for name, spoil := range cases {
		t.Run(name, func(t *testing.T) {
			s := ok
			s.Ops = append([]json.RawMessage(nil), ok.Ops...)
			spoil(&s)
			if b, err := share.EncodeSegment(s); err == nil {
				t.Fatalf("EncodeSegment accepted it: %.200q", b)
			}
		})
	}
}

func TestSegmentCreatedIsStoredInUTC(t *testing.T) {
	s := sampleSegment()
	s.Created = testNow.In(time.FixedZone("BST", 3600))
	got, err := share.ParseSegment(mustEncode(t, s))
	if err != nil {
		t.Fatal(err)
	}
	if !got.Created.Equal(testNow) || got.Created.Location() != time.UTC {
		t.Errorf("Created = %v", got.Created)
	}
}

// testDeviceKey signs segments in these tests.
var testDeviceKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))

func mustEncodeSigned(t testing.TB, s share.Segment) []byte {
	t.Helper()
	b, err := share.EncodeSignedSegment(s, testDeviceKey)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSignedSegmentRoundTrip(t *testing.T) {
	b := mustEncodeSigned(t, sampleSegment())
	seg, err := share.ParseSegment(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(seg.Key, testDeviceKey.Public().(ed25519.PublicKey)) {
		t.Fatalf("key %x", seg.Key)
	}
	if again := mustEncodeSigned(t, seg); !bytes.Equal(again, b) {
		t.Fatal("a signed segment does not re-encode to the same bytes")
	}
	unsigned, _ := share.ParseSegment(mustEncode(t, sampleSegment()))
	if unsigned.Key != nil {
		t.Fatal("an unsigned segment came back with a key")
	}
	// The signature taken off, or put on an unsigned segment, or made by another key.
	sigAt := bytes.LastIndexByte(b, ' ')
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{8}, ed25519.SeedSize))
	otherSigned, _ := share.EncodeSignedSegment(sampleSegment(), other)
	cases := map[string][]byte{
		"signature removed":                append(bytes.Clone(b[:sigAt]), '\n'),
		"signature on an unsigned segment": append(bytes.TrimSuffix(mustEncode(t, sampleSegment()), []byte("\n")), append([]byte(" "), b[sigAt+1:]...)...),
		"another key's signature":          append(bytes.Clone(b[:sigAt+1]), otherSigned[bytes.LastIndexByte(otherSigned, ' ')+1:]...),
	}
	for name, c := range cases {
		if _, err := share.ParseSegment(c); !errors.Is(err, share.ErrBadSegment) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestParseSegmentRejectsEveryTruncation(t *testing.T) {
	for _, b := range [][]byte{mustEncode(t, sampleSegment()), mustEncodeSigned(t, sampleSegment())} {
		truncations(t, b)
	}
}

func truncations(t *testing.T, b []byte) {
	for n := range len(b) {
		_, err := share.ParseSegment(b[:n])
		if !errors.Is(err, share.ErrBadSegment) {
			t.Fatalf("truncated to %d of %d bytes: err = %v, want ErrBadSegment", n, len(b), err)
		}
	}
}

func TestParseSegmentRejectsEveryFlippedByte(t *testing.T) {
	for _, b := range [][]byte{mustEncode(t, sampleSegment()), mustEncodeSigned(t, sampleSegment())} {
		flips(t, b)
	}
}

func flips(t *testing.T, b []byte) {
	majorDigit := len("PURSUIT-SEGMENT ")
	for i := range b {
		for _, flip := range []byte{0x01, 0x20, 0x80} {
			c := bytes.Clone(b)
			c[i] ^= flip
			_, err := share.ParseSegment(c)
			if errors.Is(err, share.ErrBadSegment) || (i == majorDigit && errors.Is(err, share.ErrNewerFormat)) {
				continue
			}
			t.Fatalf("byte %d xor %#x: err = %v, want ErrBadSegment", i, flip, err)
		}
	}
}

func TestParseSegmentReasons(t *testing.T) {
	valid := mustEncode(t, sampleSegment())
	body := valid[:bytes.LastIndex(valid[:len(valid)-1], []byte("\n"))+1]
	// A correct footer over a wrong body: only the body's own checks can catch it.
	reseal := func(body string) []byte {
		return []byte(fmt.Sprintf("%sEND %d %x\n", body, len(body), sha256.Sum256([]byte(body))))
	}
	cases := []struct {
		name   string
		in     []byte
		reason string
	}{
		{"empty", nil, "no version line"},
		{"no final newline", valid[:len(valid)-1], "does not end with a newline"},
		{"trailing garbage", append(bytes.Clone(valid), "x\n"...), "trailing bytes after the footer"},
		{"trailing newline", append(bytes.Clone(valid), '\n'), "trailing bytes after the footer"},
		{"checksum", bytes.Replace(valid, []byte("sepsis"), []byte("sepsiS"), 1), "footer checksum does not match"},
		{"length", bytes.Replace(valid, []byte(fmt.Sprintf("END %d", len(body))), []byte(fmt.Sprintf("END %d", len(body)-1)), 1), "footer length"},
		{"count too high", reseal(strings.Replace(string(body), `"count":3`, `"count":4`, 1)), "count 4"},
		{"count too low", reseal(strings.Replace(string(body), `"count":3`, `"count":2`, 1)), "more operation lines"},
		{"op not JSON", reseal(strings.Replace(string(body), "[1,2,3]", "[1,2,", 1)), "operation 3 is not valid JSON"},
		{"unknown header field", reseal(strings.Replace(string(body), `"count":3`, `"count":3,"x":1`, 1)), "header"},
		{"header spacing", reseal(strings.Replace(string(body), `"seq":3`, `"seq": 3`, 1)), "canonical"},
		{"time zone offset", reseal(strings.Replace(string(body), `53.589793Z`, `53.589793+00:00`, 1)), "canonical"},
		{"old major", []byte("PURSUIT-SEGMENT 0\n"), "unknown segment format 0"},
		{"major spelled 01", []byte("PURSUIT-SEGMENT 01\n"), "canonical decimal"},
		{"not a segment", []byte("hello\n"), "does not start with"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := share.ParseSegment(c.in)
			if !errors.Is(err, share.ErrBadSegment) || !strings.Contains(err.Error(), c.reason) {
				t.Fatalf("err = %v, want ErrBadSegment saying %q", err, c.reason)
			}
		})
	}
}

func TestParseSegmentNewerMajor(t *testing.T) {
	// A future format may change everything after the first line; it must still be told
	// apart from damage so the user is asked to update rather than warned of corruption.
	_, err := share.ParseSegment([]byte("PURSUIT-SEGMENT 2\nwhatever comes next\n"))
	if !errors.Is(err, share.ErrNewerFormat) || errors.Is(err, share.ErrBadSegment) {
		t.Fatalf("err = %v, want ErrNewerFormat only", err)
	}
}

func TestSegmentNames(t *testing.T) {
	if got := share.SegmentName(42); got != "000000000042.seg" {
		t.Errorf("SegmentName(42) = %q", got)
	}
	if seq, ok := share.ParseSegmentName("000000000042.seg"); !ok || seq != 42 {
		t.Errorf("ParseSegmentName = %d, %v", seq, ok)
	}
	if seq, ok := share.ParseSegmentName(share.SegmentName(share.MaxSeq)); !ok || seq != share.MaxSeq {
		t.Errorf("ParseSegmentName(max) = %d, %v", seq, ok)
	}
	for _, bad := range []string{"000000000000.seg", "42.seg", "0000000000042.seg", "000000000042.SEG",
		"000000000042.seg.tmp", ".tmp-000000000042.seg", "00000000004a.seg", "+00000000042.seg", ""} {
		if seq, ok := share.ParseSegmentName(bad); ok {
			t.Errorf("ParseSegmentName(%q) = %d, true", bad, seq)
		}
	}
}

func TestValidDeviceID(t *testing.T) {
	for _, id := range []string{"a", "0", "ward-7", strings.Repeat("a", 64), "a-"} {
		if !share.ValidDeviceID(id) {
			t.Errorf("ValidDeviceID(%q) = false", id)
		}
	}
	for _, id := range []string{"", "-a", "A", "a.b", "a_b", "a/b", "..", strings.Repeat("a", 65), "ä"} {
		if share.ValidDeviceID(id) {
			t.Errorf("ValidDeviceID(%q) = true", id)
		}
	}
}

func FuzzParseSegment(f *testing.F) {
	valid := mustEncode(f, sampleSegment())
	f.Add(valid)
	f.Add(mustEncode(f, share.Segment{Device: "a", Seq: 1, Created: testNow}))
	f.Add(valid[:len(valid)/2])
	f.Add([]byte("PURSUIT-SEGMENT 2\n"))
	f.Add([]byte("PURSUIT-SEGMENT 1\n{}\nEND 0 0\n"))
	f.Add(mustEncodeSigned(f, sampleSegment()))
	f.Fuzz(func(t *testing.T, b []byte) {
		seg, err := share.ParseSegment(b)
		if err != nil {
			if !errors.Is(err, share.ErrBadSegment) && !errors.Is(err, share.ErrNewerFormat) {
				t.Fatalf("error is neither ErrBadSegment nor ErrNewerFormat: %v", err)
			}
			return
		}
		var key ed25519.PrivateKey
		switch {
		case seg.Key == nil:
		case bytes.Equal(seg.Key, testDeviceKey.Public().(ed25519.PublicKey)):
			key = testDeviceKey
		default:
			t.Fatalf("accepted a signature by a key nobody here holds: %x", seg.Key)
		}
		again, err := share.EncodeSignedSegment(seg, key)
		if err != nil {
			t.Fatalf("accepted segment does not re-encode: %v", err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("accepted %q but re-encodes to %q", b, again)
		}
	})
}
