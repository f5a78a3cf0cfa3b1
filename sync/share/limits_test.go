package share

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// plantedSegment is a segment file as someone editing the share by hand would write it,
// past the limits a real device keeps: n operation lines of op.
func plantedSegment(t testing.TB, n int, op string) []byte {
	t.Helper()
	s := Segment{Device: "rogue", Seq: 1, Created: time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC)}
	line := json.RawMessage(op)
	s.Ops = make([]json.RawMessage, n)
	for i := range s.Ops {
		s.Ops[i] = line
	}
	body, err := encodeBody(s)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(body)
	return fmt.Appendf(bytes.Clone(body), "%s%d %s\n", footerPrefix, len(body), hex.EncodeToString(sum[:]))
}

// Issue 14, attack 6: a file of 5.5 million "{}" lines cost every PC 91 s and 3.7 GB. Now a
// file holding more than a segment may is refused whole, before any of it is decoded.
func TestAnOversizedSegmentIsRefusedBeforeItIsRead(t *testing.T) {
	for name, b := range map[string][]byte{
		"5.5 million empty operations": plantedSegment(t, 5_500_000, `{}`),
		"one operation over the limit": plantedSegment(t, MaxSegmentOps+1, `{}`),
		"one operation of over 2 MiB":  plantedSegment(t, 1, `"`+strings.Repeat("x", MaxOpBytes)+`"`),
	} {
		if _, err := ParseSegment(b); !errors.Is(err, ErrBadSegment) {
			t.Errorf("%s (%d bytes): %v", name, len(b), err)
		}
	}
	if _, err := ParseSegment(plantedSegment(t, MaxSegmentOps, `{}`)); err != nil {
		t.Fatalf("a segment at the limit: %v", err)
	}
	if _, err := EncodeSegment(Segment{Device: "a", Seq: 1, Created: time.Now(), Ops: make([]json.RawMessage, MaxSegmentOps+1)}); err == nil {
		t.Fatal("a writer made a segment over the limit")
	}
}

// A folder in use whose FORMAT.json was removed is not set up again as a new share (which,
// made without a key, would let every change in): it is put back from a backup.
func TestAFolderInUseIsNotSetUpAgain(t *testing.T) {
	ctx := t.Context()
	m := &Share{FS: Dir{Root: t.TempDir(), Timeout: 5 * time.Second}}
	if err := m.Init(ctx); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteSegment(ctx, Segment{Device: "ward-pc", Seq: 1, Created: time.Now(), Ops: []json.RawMessage{json.RawMessage(`{}`)}}); err != nil {
		t.Fatal(err)
	}
	if err := m.FS.Remove(ctx, formatFile); err != nil {
		t.Fatal(err)
	}
	if err := m.Init(ctx); !errors.Is(err, ErrInUse) {
		t.Fatalf("set up again: %v", err)
	}
}
