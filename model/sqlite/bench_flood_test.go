package sqlite_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
)

// BenchmarkAfterFlood is issue 14's sixth attack at its size: 300,000 validly signed changes
// from an author no PC has heard of, in 150 segments of 2,000, reach a protected PC. They
// are refused; the first DefaultKeptAsideLimit are kept aside to wait for their author, and
// the device is then held back (its later segments wait on the share). Measured: what the flood costs once, what it leaves in the
// database, and what applying a later small segment costs with and without the flood
// behind it (the budget: no more than twice).
func BenchmarkAfterFlood(b *testing.B) {
	ctx := context.Background()
	key := func(seed string) model.KeyPair {
		kp, err := model.NewKeyPair(bytes.NewReader(bytes.Repeat([]byte(seed), 64)))
		if err != nil {
			b.Fatal(err)
		}
		return kp
	}
	admin, ghost := key("the administrator "), key("a ghost ")
	root := model.TrustRoot{UserID: "u-admin", SignKey: base64.StdEncoding.EncodeToString(admin.SignPublic)}
	segment := func(author, prefix string, n int) []json.RawMessage {
		ops := make([]model.Op, n)
		for i := range ops {
			ops[i] = model.Op{Format: model.OpFormat, ID: fmt.Sprintf("%s-%d", prefix, i), Table: "goals", Row: fmt.Sprintf("%s-g%d", prefix, i),
				Kind: model.OpPut, Fields: map[string]any{"programme_id": "p-nowhere", "title": "planted", "status": "planned"},
				HLC: model.HLC{Wall: benchNow.UnixMilli(), Counter: uint32(i), Device: "ghost-pc"}.String(), Device: "ghost-pc", Author: author}
		}
		if err := model.SignOps(ghost.SignPrivate, ops); err != nil {
			b.Fatal(err)
		}
		raws := make([]json.RawMessage, n)
		for i := range ops {
			raws[i], _ = json.Marshal(ops[i])
		}
		return raws
	}
	open := func() (*sqlite.Store, string) {
		dir := b.TempDir()
		st, err := sqlite.Open(ctx, dir, sqlite.Options{Now: func() time.Time { return benchNow }})
		if err != nil {
			b.Fatal(err)
		}
		if err := st.PinTrustRoot(ctx, root); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		return st, dir
	}
	clean, _ := open()
	flooded, dir := open()
	segs := make([][]json.RawMessage, 150)
	for i := range segs {
		segs[i] = segment("u-ghost", fmt.Sprintf("flood-%d", i), 2000)
	}
	start := time.Now()
	kept, heldAt := 0, 0
	for i, raws := range segs {
		res, err := flooded.ApplySegment(ctx, "ghost-pc", uint64(i+1), raws)
		var full *sqlite.KeptAsideFullError
		if errors.As(err, &full) {
			heldAt = i + 1 // as the engine does: that device waits on the share from here
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		kept += res.Rejected
	}
	took := time.Since(start)
	if kept != sqlite.DefaultKeptAsideLimit || heldAt != sqlite.DefaultKeptAsideLimit/2000+1 {
		b.Fatalf("the flood: %d kept aside, held back at segment %d", kept, heldAt)
	}
	size := int64(0)
	for _, f := range []string{sqlite.DatabaseFile, sqlite.DatabaseFile + "-wal"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err == nil {
			size += fi.Size()
		}
	}
	fmt.Printf("BenchmarkAfterFlood: the flood of 300,000: %.1f s; %d kept aside, the device held back at segment %d of 150; database %.1f MB\n", took.Seconds(), kept, heldAt, float64(size)/(1<<20))

	// A later segment: a few changes from another unknown device and author, as a
	// stand-in for any pass that brings something.
	for _, v := range []struct {
		name string
		st   *sqlite.Store
	}{{"clean", clean}, {"after-300000", flooded}} {
		b.Run(v.name, func(b *testing.B) {
			seq := uint64(0)
			for b.Loop() {
				seq++
				raws := segment("u-other", fmt.Sprintf("later-%s-%d", v.name, seq), 10)
				if _, err := v.st.ApplySegment(ctx, "other-pc", seq, raws); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
