package share

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
)

// MaxBlobBytes bounds an attachment; anything larger on the share is never read.
const MaxBlobBytes = 60 << 20

// BlobPath is where the blob with SHA-256 hexsum lives. Only 64 lower-case hex digits are
// accepted: the sum arrives in operations from other devices, and anything looser could name
// a path outside blobs/ or a second spelling of the same file on a case-insensitive share.
func BlobPath(hexsum string) (string, error) {
	if len(hexsum) != 2*sha256.Size || !isLowerHex([]byte(hexsum)) {
		return "", fmt.Errorf("%w: %q is not a SHA-256 in lower-case hex", ErrBadBlob, hexsum)
	}
	return blobsDir + "/sha256/" + hexsum[:2] + "/" + hexsum, nil
}

// HasBlob reports whether a blob file is present. It does not check the contents; GetBlob does.
func (s *Share) HasBlob(ctx context.Context, sum string) (bool, error) {
	name, err := BlobPath(sum)
	if err != nil {
		return false, err
	}
	e, err := s.FS.Stat(ctx, name)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("has blob: %w", err)
	}
	return !e.IsDir, nil
}

// PutBlob uploads data as the blob named sum. It is idempotent: a blob already there with the
// right size is left alone. The upload is read back once and hashed before it is given its
// name, so a blob on the share is whole unless someone damages it afterwards.
func (s *Share) PutBlob(ctx context.Context, sum string, data []byte) error {
	name, err := BlobPath(sum)
	if err != nil {
		return err
	}
	if len(data) > MaxBlobBytes {
		return fmt.Errorf("put blob %s: %d bytes is over the %d byte limit", sum, len(data), MaxBlobBytes)
	}
	want, _ := hex.DecodeString(sum)
	if got := sha256.Sum256(data); !bytes.Equal(got[:], want) {
		return fmt.Errorf("put blob %s: %w: the data hashes to %x", sum, ErrBadBlob, got)
	}

	e, err := s.FS.Stat(ctx, name)
	switch {
	case err == nil && !e.IsDir && e.Size == int64(len(data)):
		return nil
	case err == nil && !e.IsDir:
		// A content-addressed name with the wrong size cannot hold the right content, so
		// removing it loses nothing and lets the real attachment through.
		s.log().Warn("replacing a damaged blob", "path", name, "size", e.Size, "want", len(data))
		if err := s.FS.Remove(ctx, name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("put blob %s: remove damaged copy: %w", sum, err)
		}
	case err == nil:
		return fmt.Errorf("put blob %s: %s is a folder: %w", sum, name, ErrBadBlob)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("put blob %s: %w", sum, err)
	}

	// Temps go straight under blobs/ so one listing finds them all for SweepTemp. The
	// read-back is compared with data, already known to hash to sum, rather than hashed again:
	// equal bytes prove the same thing at a tenth of the cost, which matters for the upload
	// staying close to the speed of a plain copy.
	err = s.place(ctx, blobsDir, name, data, nil)
	if errors.Is(err, ErrExists) {
		// Another device uploaded the same attachment meanwhile; same name, same bytes.
		return nil
	}
	if err != nil {
		return fmt.Errorf("put blob %s: %w", sum, err)
	}
	return nil
}

// GetBlob returns the blob's bytes only if they hash to sum.
func (s *Share) GetBlob(ctx context.Context, sum string) ([]byte, error) {
	name, err := BlobPath(sum)
	if err != nil {
		return nil, err
	}
	b, err := s.FS.ReadFile(ctx, name, MaxBlobBytes)
	if errors.Is(err, ErrTooLarge) {
		return nil, fmt.Errorf("get blob %s: %w: over %d bytes", sum, ErrBadBlob, MaxBlobBytes)
	}
	if err != nil {
		return nil, fmt.Errorf("get blob %s: %w", sum, err)
	}
	if got := sha256.Sum256(b); hex.EncodeToString(got[:]) != sum {
		return nil, fmt.Errorf("get blob %s: %w: contents hash to %x", sum, ErrBadBlob, got)
	}
	return b, nil
}
