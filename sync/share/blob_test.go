package share_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pursuit/sync/share"
	"pursuit/sync/share/sharetest"
)

func sumOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestBlobPath(t *testing.T) {
	good := sumOf([]byte("x"))
	if p, err := share.BlobPath(good); err != nil || p != "blobs/sha256/"+good[:2]+"/"+good {
		t.Errorf("BlobPath = %q, %v", p, err)
	}
	for _, bad := range []string{
		"", "../x", "..%2f..%2fFORMAT.json", "../../../../etc/passwd" + good[22:],
		strings.ToUpper(good), good[:63], good + "0", good[:62] + "/x", good[:62] + "..",
		good[:63] + "g", good[:60] + "\\..\\", " " + good[1:],
	} {
		if p, err := share.BlobPath(bad); err == nil || !errors.Is(err, share.ErrBadBlob) {
			t.Errorf("BlobPath(%q) = %q, %v", bad, p, err)
		}
	}
}

func TestBlobRoundTripAndIdempotence(t *testing.T) {
	ctx := context.Background()
	m := formattedMem(t)
	f := sharetest.NewFaulty(m)
	s, _ := newShare(f, 1)
	data := bytes.Repeat([]byte("scan of a signed competency page "), 1000)
	sum := sumOf(data)

	if ok, err := s.HasBlob(ctx, sum); ok || err != nil {
		t.Fatalf("HasBlob before = %v, %v", ok, err)
	}
	if err := s.PutBlob(ctx, sum, data); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.HasBlob(ctx, sum); !ok || err != nil {
		t.Fatalf("HasBlob after = %v, %v", ok, err)
	}
	got, err := s.GetBlob(ctx, sum)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("GetBlob = %d bytes, %v", len(got), err)
	}
	before := f.Calls()
	if err := s.PutBlob(ctx, sum, data); err != nil {
		t.Fatal(err)
	}
	if n := f.Calls() - before; n != 1 {
		t.Errorf("second PutBlob made %d calls, want one Stat", n)
	}
	if tmp := tempFiles(m); len(tmp) != 0 {
		t.Errorf("temps left: %v", tmp)
	}
}

func TestPutBlobRefusesDataThatDoesNotMatchItsName(t *testing.T) {
	ctx := context.Background()
	m := formattedMem(t)
	s, _ := newShare(m, 1)
	err := s.PutBlob(ctx, sumOf([]byte("right")), []byte("wrong"))
	if !errors.Is(err, share.ErrBadBlob) {
		t.Fatalf("err = %v, want ErrBadBlob", err)
	}
	if files := m.Files(); len(files) != 1 {
		t.Errorf("files on the share: %v", files)
	}
	if err := s.PutBlob(ctx, "../../FORMAT.json", nil); !errors.Is(err, share.ErrBadBlob) {
		t.Errorf("traversal: err = %v", err)
	}
}

func TestGetBlobNeverReturnsBadBytes(t *testing.T) {
	ctx := context.Background()
	m := formattedMem(t)
	s, _ := newShare(m, 1)
	data := []byte("the real attachment")
	sum := sumOf(data)
	path, _ := share.BlobPath(sum)
	m.Put(path, []byte("the real attachmenT"))
	got, err := s.GetBlob(ctx, sum)
	if !errors.Is(err, share.ErrBadBlob) || got != nil {
		t.Fatalf("GetBlob = %q, %v; want nil, ErrBadBlob", got, err)
	}
	// A same-sized damaged copy is not replaced by PutBlob (it cannot tell without reading),
	// but a wrong-sized one is: that name cannot hold those bytes.
	m.Put(path, []byte("cut short"))
	if err := s.PutBlob(ctx, sum, data); err != nil {
		t.Fatal(err)
	}
	if got, err := s.GetBlob(ctx, sum); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("after repair: %q, %v", got, err)
	}
	if _, err := s.GetBlob(ctx, sumOf([]byte("absent"))); errors.Is(err, share.ErrBadBlob) || err == nil {
		t.Errorf("missing blob: err = %v, want not-exist", err)
	}
}

func TestGetBlobRefusesAHugeFile(t *testing.T) {
	ctx := context.Background()
	d := share.Dir{Root: t.TempDir()}
	s, _ := newShare(d, 1)
	sum := sumOf([]byte("x"))
	p, _ := share.BlobPath(sum)
	if err := d.MkdirAll(ctx, p[:strings.LastIndex(p, "/")]); err != nil {
		t.Fatal(err)
	}
	sparse2GB(t, filepath.Join(d.Root, p))
	start := time.Now()
	if _, err := s.GetBlob(ctx, sum); !errors.Is(err, share.ErrBadBlob) {
		t.Errorf("err = %v, want ErrBadBlob", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v: it read the file", took)
	}
}

func TestPutBlobSurvivesEveryFailedCall(t *testing.T) {
	ctx := context.Background()
	data := bytes.Repeat([]byte{1, 2, 3}, 5000)
	sum := sumOf(data)
	m := formattedMem(t)
	f := sharetest.NewFaulty(m)
	s, _ := newShare(f, 1)
	if err := s.PutBlob(ctx, sum, data); err != nil {
		t.Fatal(err)
	}
	n := f.Calls()
	for k := 1; k <= n; k++ {
		for _, lostReply := range []bool{false, true} {
			t.Run(fmt.Sprintf("call%d/lostReply=%v", k, lostReply), func(t *testing.T) {
				m := formattedMem(t)
				f := sharetest.NewFaulty(m)
				s, _ := newShare(f, uint64(k))
				if lostReply {
					f.FailOpAfter(k, "")
				} else {
					f.FailOp(k, "")
				}
				_ = s.PutBlob(ctx, sum, data)
				if ok, _ := s.HasBlob(ctx, sum); ok {
					if got, err := s.GetBlob(ctx, sum); err != nil || !bytes.Equal(got, data) {
						t.Fatalf("a visible blob is bad: %v", err)
					}
				}
				if err := s.PutBlob(ctx, sum, data); err != nil {
					t.Fatalf("retry: %v", err)
				}
				if got, err := s.GetBlob(ctx, sum); err != nil || !bytes.Equal(got, data) {
					t.Fatalf("after retry: %v", err)
				}
			})
		}
	}
}

func TestPutBlobTruncatedUploadNeverVisible(t *testing.T) {
	ctx := context.Background()
	data := bytes.Repeat([]byte("abc"), 10_000)
	sum := sumOf(data)
	m := formattedMem(t)
	if err := m.MkdirAll(ctx, "blobs/sha256/"+sum[:2]); err != nil {
		t.Fatal(err)
	}
	f := sharetest.NewFaulty(m)
	s, _ := newShare(f, 1)
	f.TruncateWrites(len(data) / 3)
	f.FailOp(1, sharetest.OpRemove)
	if err := s.PutBlob(ctx, sum, data); err == nil {
		t.Fatal("PutBlob succeeded")
	}
	if ok, err := s.HasBlob(ctx, sum); ok || err != nil {
		t.Fatalf("HasBlob = %v, %v: the partial upload is visible", ok, err)
	}
}
