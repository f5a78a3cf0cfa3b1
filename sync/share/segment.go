package share

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// The segment format is the one thing every device, old or new, must agree on byte for byte, so
// it is written out by hand here rather than left to an encoder whose output could change:
//
//	PURSUIT-SEGMENT 1\n
//	{"device":"<id>","seq":<n>,"created":"<RFC3339Nano UTC>","count":<n>[,"key":"<base64>"]}\n
//	<one operation per line: opaque JSON without '\n'>\n
//	END <byte length of everything before this line> <sha256 hex of the same bytes>[ <base64 signature>]\n
//
// A signed segment names its device's Ed25519 key in the header, and the footer carries
// that key's signature over the checksum: each device signs what it writes, so a file
// dropped into its folder by anyone else is told apart (the operations inside are signed
// by their authors as well; that is what decides whether they count).
const (
	segmentMagic = "PURSUIT-SEGMENT "
	segmentMajor = 1
	footerPrefix = "END "

	// MaxSegmentBytes bounds what a reader will load: a segment is a batch of edits, and a
	// larger file on the share is damage or mischief, not data.
	MaxSegmentBytes = 16 << 20
	// MaxSegmentOps bounds the operations one segment may hold: writers put at most 2,000 in
	// one; a file claiming more is refused before any of it reaches the database (a planted
	// file of millions of tiny lines must not cost every PC minutes and gigabytes).
	MaxSegmentOps = 10_000
	// MaxOpBytes bounds one operation: the longest section of an evidence item, every
	// character escaped, sealed and encoded, stays well inside it.
	MaxOpBytes = 2 << 20
	// MaxSeq is the highest sequence number that still fits the 12-digit file name; beyond it
	// names would stop sorting and parsing canonically.
	MaxSeq = 999_999_999_999
)

// Segment is one immutable batch of a device's outbox operations.
type Segment struct {
	Device  string
	Seq     uint64
	Created time.Time
	// Key is the device key that signed the segment (nil: unsigned). ParseSegment has checked
	// the signature; whether the key is the one that device folder should have is the
	// reader's to judge.
	Key ed25519.PublicKey
	// Ops are opaque to this package: each is one line of valid JSON. ParseSegment returns
	// slices of its input, so callers keep the input unchanged while they use them.
	Ops []json.RawMessage
}

// segmentHeader fixes the key order of the header line: encoding/json writes struct fields in
// declaration order, which is what makes re-encoding byte-identical.
type segmentHeader struct {
	Device  string `json:"device"`
	Seq     uint64 `json:"seq"`
	Created string `json:"created"`
	Count   int    `json:"count"`
	Key     string `json:"key,omitempty"`
}

// segmentSigContext keeps a segment signature from being taken for any other signature.
const segmentSigContext = "pursuit segment signature v1\n"

func segmentSigned(sum [sha256.Size]byte) []byte { return append([]byte(segmentSigContext), sum[:]...) }

// SegmentName is the file name of sequence number seq inside a device's log folder.
func SegmentName(seq uint64) string {
	return fmt.Sprintf("%012d.seg", seq)
}

// ParseSegmentName accepts only canonical names, so that "1.seg", "0000000000001.seg" or
// "000000000001.SEG" (the same file on a case-insensitive share) can never stand for a second
// copy of a sequence number.
func ParseSegmentName(name string) (uint64, bool) {
	const digits = 12
	if len(name) != digits+len(".seg") || name[digits:] != ".seg" {
		return 0, false
	}
	var seq uint64
	for i := range digits {
		c := name[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		seq = seq*10 + uint64(c-'0')
	}
	return seq, seq >= 1
}

// ValidDeviceID reports whether id matches ^[a-z0-9][a-z0-9-]{0,63}$: safe as a folder name on
// a case-insensitive Windows share, and free of '.' so temp names can never collide with it.
func ValidDeviceID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && i > 0:
		default:
			return false
		}
	}
	return true
}

// EncodeSegment renders s in the segment format, unsigned. A zero Created is refused rather
// than filled in, so that encoding stays a pure function of its input.
func EncodeSegment(s Segment) ([]byte, error) { return EncodeSignedSegment(s, nil) }

// EncodeSignedSegment renders s signed with its device's key (unsigned when key is nil).
// Ed25519 signatures are deterministic, so this too is a pure function of its input.
func EncodeSignedSegment(s Segment, key ed25519.PrivateKey) ([]byte, error) {
	if key != nil {
		if len(key) != ed25519.PrivateKeySize {
			return nil, fmt.Errorf("encode segment %s/%d: not an Ed25519 key", s.Device, s.Seq)
		}
		s.Key = key.Public().(ed25519.PublicKey)
	} else {
		s.Key = nil
	}
	if len(s.Ops) > MaxSegmentOps {
		return nil, fmt.Errorf("encode segment %s/%d: %d operations is over the limit of %d", s.Device, s.Seq, len(s.Ops), MaxSegmentOps)
	}
	body, err := encodeBody(s)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	b := bytes.NewBuffer(body)
	fmt.Fprintf(b, "%s%d %s", footerPrefix, len(body), hex.EncodeToString(sum[:]))
	if key != nil {
		b.WriteByte(' ')
		b.WriteString(base64.StdEncoding.EncodeToString(ed25519.Sign(key, segmentSigned(sum))))
	}
	b.WriteByte('\n')
	if b.Len() > MaxSegmentBytes {
		return nil, fmt.Errorf("encode segment %s/%d: %d bytes is over the %d byte limit", s.Device, s.Seq, b.Len(), MaxSegmentBytes)
	}
	return b.Bytes(), nil
}

// encodeBody is everything before the footer: the version line, the header, the operations.
func encodeBody(s Segment) ([]byte, error) {
	if !ValidDeviceID(s.Device) {
		return nil, fmt.Errorf("encode segment: invalid device id %q", s.Device)
	}
	if s.Seq < 1 || s.Seq > MaxSeq {
		return nil, fmt.Errorf("encode segment %s/%d: sequence number out of range 1..%d", s.Device, s.Seq, uint64(MaxSeq))
	}
	// RFC 3339 has four-digit years only; outside them the header would not parse back.
	if y := s.Created.UTC().Year(); s.Created.IsZero() || y < 1 || y > 9999 {
		return nil, fmt.Errorf("encode segment %s/%d: creation time %v missing or out of range", s.Device, s.Seq, s.Created)
	}
	size := 0
	for i, op := range s.Ops {
		if err := checkOp(op); err != nil {
			return nil, fmt.Errorf("encode segment %s/%d: op %d: %w", s.Device, s.Seq, i+1, err)
		}
		size += len(op) + 1
	}
	h := segmentHeader{
		Device:  s.Device,
		Seq:     s.Seq,
		Created: s.Created.UTC().Format(time.RFC3339Nano),
		Count:   len(s.Ops),
	}
	if s.Key != nil {
		h.Key = base64.StdEncoding.EncodeToString(s.Key)
	}
	header, err := json.Marshal(h)
	if err != nil {
		return nil, fmt.Errorf("encode segment %s/%d: header: %w", s.Device, s.Seq, err)
	}
	var b bytes.Buffer
	b.Grow(len(segmentMagic) + 2 + len(header) + 1 + size + len(footerPrefix) + 20 + 1 + sha256.Size*2 + 90 + 1)
	b.WriteString(segmentMagic)
	b.WriteString(strconv.Itoa(segmentMajor))
	b.WriteByte('\n')
	b.Write(header)
	b.WriteByte('\n')
	for _, op := range s.Ops {
		b.Write(op)
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

func checkOp(op []byte) error {
	if bytes.IndexByte(op, '\n') >= 0 {
		return errors.New("contains a newline")
	}
	if !json.Valid(op) {
		return errors.New("is not valid JSON")
	}
	return nil
}

// ParseSegment accepts exactly what EncodeSegment produces and nothing else: a reader that was
// lenient here would let a half-copied or hand-edited file on the share become history.
func ParseSegment(b []byte) (Segment, error) {
	bad := func(format string, args ...any) (Segment, error) {
		return Segment{}, fmt.Errorf("%w: "+format, append([]any{ErrBadSegment}, args...)...)
	}

	// The version line comes first so that a newer format is reported as newer even if the
	// rest of it is laid out in a way this code cannot follow.
	first, _, ok := bytes.Cut(b, []byte{'\n'})
	if !ok {
		return bad("no version line")
	}
	major, ok := bytes.CutPrefix(first, []byte(segmentMagic))
	if !ok {
		return bad("does not start with %q", segmentMagic)
	}
	n, err := parseDecimal(major)
	if err != nil {
		return bad("version line: %v", err)
	}
	if n != segmentMajor {
		if n > segmentMajor {
			return Segment{}, fmt.Errorf("%w: segment format %d (this version reads %d)", ErrNewerFormat, n, segmentMajor)
		}
		return bad("unknown segment format %d", n)
	}

	body, sum, sig, err := checkFooter(b)
	if err != nil {
		return Segment{}, err
	}

	headerLine, ops, ok := bytes.Cut(body[len(first)+1:], []byte{'\n'})
	if !ok {
		return bad("no header line")
	}
	var h segmentHeader
	dec := json.NewDecoder(bytes.NewReader(headerLine))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return bad("header: %v", err)
	}
	if dec.More() {
		return bad("header: trailing data")
	}
	if !ValidDeviceID(h.Device) {
		return bad("header: invalid device id %q", h.Device)
	}
	if h.Seq < 1 || h.Seq > MaxSeq {
		return bad("header: sequence number %d out of range", h.Seq)
	}
	created, err := time.Parse(time.RFC3339Nano, h.Created)
	if err != nil {
		return bad("header: creation time: %v", err)
	}
	// Every operation line takes at least two bytes; checking this first keeps a forged count
	// from sizing a huge allocation below.
	if h.Count < 0 || h.Count > len(ops)/2 {
		return bad("header: count %d does not match the %d bytes of operations", h.Count, len(ops))
	}
	if h.Count > MaxSegmentOps {
		return bad("header: %d operations, more than a segment may hold (%d)", h.Count, MaxSegmentOps)
	}

	seg := Segment{Device: h.Device, Seq: h.Seq, Created: created, Ops: make([]json.RawMessage, 0, h.Count)}
	switch {
	case h.Key == "" && sig != nil:
		return bad("signed, but the header names no key")
	case h.Key != "" && sig == nil:
		return bad("the header names a key, but the footer has no signature")
	case h.Key != "":
		key, err := base64.StdEncoding.Strict().DecodeString(h.Key)
		if err != nil || len(key) != ed25519.PublicKeySize {
			return bad("header: key is not an Ed25519 public key")
		}
		if !ed25519.Verify(key, segmentSigned(sum), sig) {
			return bad("the device signature does not match (altered, or not written by the key it names)")
		}
		seg.Key = key
	}
	for len(ops) > 0 {
		line, after, ok := bytes.Cut(ops, []byte{'\n'})
		if !ok {
			return bad("operation %d is not terminated by a newline", len(seg.Ops)+1)
		}
		if len(seg.Ops) == h.Count {
			return bad("more operation lines than the header's count %d", h.Count)
		}
		if len(line) > MaxOpBytes {
			return bad("operation %d is %d bytes, more than one may be (%d)", len(seg.Ops)+1, len(line), MaxOpBytes)
		}
		if err := checkOp(line); err != nil {
			return bad("operation %d %v", len(seg.Ops)+1, err)
		}
		seg.Ops = append(seg.Ops, json.RawMessage(line[:len(line):len(line)]))
		ops = after
	}
	if len(seg.Ops) != h.Count {
		return bad("header count %d but %d operation lines", h.Count, len(seg.Ops))
	}

	// Everything checked above still admits spellings EncodeSegment never writes (a header
	// with other spacing, a time with a zone offset): re-encoding is the one test that rules
	// them all out, so that each segment has exactly one byte form.
	again, err := encodeBody(seg)
	if err != nil {
		return bad("%v", err)
	}
	if !bytes.Equal(again, body) {
		return bad("not in canonical form")
	}
	return seg, nil
}

// checkFooter verifies the END line and returns the bytes it covers, their checksum, and
// the device signature when there is one (not yet checked: the key is in the header).
func checkFooter(b []byte) (body []byte, sum [sha256.Size]byte, sig []byte, err error) {
	fail := func(format string, args ...any) ([]byte, [sha256.Size]byte, []byte, error) {
		return nil, sum, nil, fmt.Errorf("%w: "+format, append([]any{ErrBadSegment}, args...)...)
	}
	if len(b) == 0 || b[len(b)-1] != '\n' {
		return fail("truncated: does not end with a newline")
	}
	start := bytes.LastIndexByte(b[:len(b)-1], '\n') + 1
	footer := b[start : len(b)-1]
	fields, ok := bytes.CutPrefix(footer, []byte(footerPrefix))
	if !ok {
		if bytes.Contains(b, []byte("\n"+footerPrefix)) {
			return fail("trailing bytes after the footer")
		}
		return fail("truncated: no footer")
	}
	lenField, rest, ok := bytes.Cut(fields, []byte{' '})
	if !ok {
		return fail("footer has no checksum")
	}
	sumField, sigField, signed := bytes.Cut(rest, []byte{' '})
	n, perr := parseDecimal(lenField)
	if perr != nil {
		return fail("footer length: %v", perr)
	}
	if n != uint64(start) {
		return fail("footer length %d but %d bytes precede it", n, start)
	}
	if len(sumField) != 2*sha256.Size || !isLowerHex(sumField) {
		return fail("footer checksum is not 64 lower-case hex digits")
	}
	var want [sha256.Size]byte
	_, _ = hex.Decode(want[:], sumField)
	if sum = sha256.Sum256(b[:start]); sum != want {
		return fail("footer checksum does not match")
	}
	if signed {
		// Strict base64 of exactly 64 bytes: one signature, one spelling.
		if sig, perr = base64.StdEncoding.Strict().DecodeString(string(sigField)); perr != nil || len(sig) != ed25519.SignatureSize {
			return fail("footer signature is malformed")
		}
	}
	return b[:start], sum, sig, nil
}

// parseDecimal takes only plain digits without leading zeros: strconv would also accept "+1"
// or "0x1", and each extra spelling is a second byte form of the same segment.
func parseDecimal(b []byte) (uint64, error) {
	if len(b) == 0 || len(b) > 19 || (b[0] == '0' && len(b) > 1) {
		return 0, fmt.Errorf("%q is not a canonical decimal number", b)
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%q is not a canonical decimal number", b)
		}
		n = n*10 + uint64(c-'0')
	}
	return n, nil
}

func isLowerHex(b []byte) bool {
	for _, c := range b {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
