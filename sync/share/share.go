// Package share reads and writes the exchange between devices on a shared network folder: a
// FORMAT.json, one append-only log of checksummed segment files per device, and
// content-addressed attachment blobs. It never overwrites a file, never trusts an empty or
// missing listing to mean "deleted", and never returns bytes it has not verified.
//
// Layout under the share root:
//
//	FORMAT.json
//	devices/<device-id>/log/<seq, %012d>.seg
//	blobs/sha256/<first 2 hex>/<64 hex>
//
// See DESIGN.md, "Sync through a shared network folder".
package share

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"path"
	"slices"
	"strings"
	"time"

	"pursuit/model"
)

var (
	// ErrUnreachable means the share cannot be trusted to answer right now: it is missing,
	// unmounted, frozen or lists as empty. Callers retry later and must never read it as
	// "the data was deleted".
	ErrUnreachable = errors.New("share unreachable")
	// ErrBadSegment marks a segment file that is damaged, truncated or not what its name says.
	ErrBadSegment = errors.New("bad segment")
	// ErrNewerFormat means the share or a segment was written by a newer, incompatible version.
	ErrNewerFormat = errors.New("written by a newer version of Pursuit")
	// ErrExists is returned instead of ever replacing a file.
	ErrExists = errors.New("already exists")
	// ErrBadBlob marks attachment bytes that do not match their checksum.
	ErrBadBlob = errors.New("bad blob")
	// ErrNotFormatted means the share folder is reachable, not empty, and has no FORMAT.json.
	ErrNotFormatted = errors.New("share folder is not set up for Pursuit")
	// ErrBadFormat means FORMAT.json exists but is not a Pursuit format file.
	ErrBadFormat = errors.New("share FORMAT.json is damaged or foreign")
	// ErrInUse is returned by InitWith for a folder that already holds devices' changes but
	// no FORMAT.json.
	ErrInUse = errors.New("the folder is already in use by Pursuit")
	// ErrTooLarge is returned by FS.ReadFile for a file over the caller's limit, which is then
	// never read.
	ErrTooLarge = errors.New("file too large")
)

// FS is the little a share needs from a file system. Names are slash-separated and relative
// to the share root ("." is the root). Every method takes a context because on a network share
// any call can hang.
type FS interface {
	ReadDir(ctx context.Context, dir string) ([]Entry, error)
	Stat(ctx context.Context, name string) (Entry, error)
	// ReadFile fails with ErrTooLarge, without reading, for a file over max bytes.
	ReadFile(ctx context.Context, name string, max int64) ([]byte, error)
	// Create makes a new file holding data and flushes it to stable storage before returning;
	// it fails with ErrExists if name exists.
	Create(ctx context.Context, name string, data []byte) error
	// Rename fails with ErrExists rather than replace an existing to.
	Rename(ctx context.Context, from, to string) error
	Remove(ctx context.Context, name string) error
	MkdirAll(ctx context.Context, dir string) error
}

// Entry describes a file or folder. Name is the last path element.
type Entry struct {
	Name    string
	Size    int64
	IsDir   bool
	ModTime time.Time
}

// Warning reports something on the share that was skipped rather than trusted.
type Warning struct {
	Path   string
	Reason string
}

func (w Warning) String() string { return w.Path + ": " + w.Reason }

// CheckPath reports whether name is an acceptable FS path: relative, slash-separated, no "."
// or ".." elements, and only [A-Za-z0-9._-] in each element, so that nothing a share holds can
// steer a write outside the root or mean different files on Windows and Linux.
func CheckPath(name string) error {
	if !fs.ValidPath(name) {
		return fmt.Errorf("invalid share path %q", name)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("._-/", c) >= 0) {
			return fmt.Errorf("invalid share path %q: character %q", name, c)
		}
	}
	return nil
}

const (
	formatFile    = "FORMAT.json"
	formatName    = "pursuit-share"
	formatMajor   = 1
	formatMinor   = 1 // 1: the administrator key (root)
	devicesDir    = "devices"
	blobsDir      = "blobs"
	tempPrefix    = ".tmp-"
	maxFormatSize = 64 << 10
)

type formatDoc struct {
	Format  string `json:"format"`
	Major   int    `json:"major"`
	Minor   int    `json:"minor"`
	Created string `json:"created"`
	// ID names this share: a device that finds another ID than before has been pointed at a
	// new or restored folder, and must send everything again.
	ID string `json:"id,omitempty"`
	// Root is the key of the administrator who set the share up: every device pins it at its
	// first sync and accepts accounts only as it vouches for them. None: an unprotected share.
	Root *model.TrustRoot `json:"root,omitempty"`
}

// Identity is what FORMAT.json says about the share.
type Identity struct {
	ID   string          // "" for a share set up before IDs
	Root model.TrustRoot // zero for an unprotected share
}

// Share is a share folder seen through FS. Now, Rand and Log may be nil (time.Now,
// crypto/rand, no logging). Methods may run concurrently if FS and Rand allow it.
type Share struct {
	FS   FS
	Now  func() time.Time
	Rand io.Reader
	Log  *slog.Logger
}

func (s *Share) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

func (s *Share) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

// tempName is a fresh name in dir. It is random rather than derived from the target so that a
// retry never collides with the leftovers of an attempt whose reply was lost.
func (s *Share) tempName(dir string) (string, error) {
	r := s.Rand
	if r == nil {
		r = rand.Reader
	}
	var b [8]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", fmt.Errorf("temp name: %w", err)
	}
	return path.Join(dir, tempPrefix+hex.EncodeToString(b[:])), nil
}

func logDir(device string) string { return devicesDir + "/" + device + "/log" }

func segmentPath(device string, seq uint64) string { return logDir(device) + "/" + SegmentName(seq) }

// Init sets the folder up as a share, or checks the format if it already is one. It never
// replaces a FORMAT.json, so calling it after CheckFormat said ErrNotFormatted is safe. An
// empty folder makes CheckFormat say ErrUnreachable instead (a broken mount looks just like
// it), so a brand-new empty folder is set up only by calling Init on the user's word.
func (s *Share) Init(ctx context.Context) error { return s.InitWith(ctx, model.TrustRoot{}) }

// InitWith is Init naming root as the share's administrator key (none: unprotected). A
// share that exists already keeps the root it has.
func (s *Share) InitWith(ctx context.Context, root model.TrustRoot) error {
	_, err := s.FS.Stat(ctx, formatFile)
	if err == nil {
		return s.CheckFormat(ctx)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("init share: %w", err)
	}
	// Devices' folders without FORMAT.json: a folder in use whose format file was removed
	// (by mistake, or to take its administrator key away). Setting it up again would make
	// it a new, unprotected share holding everyone's history; it is put back from a backup.
	if entries, err := s.FS.ReadDir(ctx, devicesDir); err == nil {
		n := 0
		for _, e := range entries {
			if e.IsDir && ValidDeviceID(e.Name) {
				n++
			}
		}
		if n > 0 {
			return fmt.Errorf("init share: %w: it holds %d devices' changes but no %s; put %s back from a backup of the folder rather than set it up again", ErrInUse, n, formatFile, formatFile)
		}
	}
	// The folders come before FORMAT.json so that a share with a format file is always whole.
	for _, dir := range []string{devicesDir, blobsDir + "/sha256", headsDir} {
		if err := s.FS.MkdirAll(ctx, dir); err != nil {
			return fmt.Errorf("init share: %w", err)
		}
	}
	r := s.Rand
	if r == nil {
		r = rand.Reader
	}
	var id [16]byte
	if _, err := io.ReadFull(r, id[:]); err != nil {
		return fmt.Errorf("init share: %w", err)
	}
	fd := formatDoc{Format: formatName, Major: formatMajor, Minor: formatMinor, Created: s.now().UTC().Format(time.RFC3339), ID: hex.EncodeToString(id[:])}
	if root.Protected() {
		fd.Root = &root
	}
	doc, err := json.Marshal(fd)
	if err != nil {
		return fmt.Errorf("init share: %w", err)
	}
	err = s.place(ctx, ".", formatFile, append(doc, '\n'), nil)
	if errors.Is(err, ErrExists) {
		// Another device set the share up at the same moment; its file is as good as ours.
		return s.CheckFormat(ctx)
	}
	if err != nil {
		return fmt.Errorf("init share: %w", err)
	}
	s.log().Info("share set up", "format", formatMajor)
	return nil
}

// CheckFormat confirms the folder is a share this version can use.
func (s *Share) CheckFormat(ctx context.Context) error {
	_, err := s.Identity(ctx)
	return err
}

// Identity checks the format and returns what it says of the share.
func (s *Share) Identity(ctx context.Context) (Identity, error) {
	doc, err := s.readFormat(ctx)
	id := Identity{ID: doc.ID}
	if doc.Root != nil {
		id.Root = *doc.Root
	}
	return id, err
}

func (s *Share) readFormat(ctx context.Context) (formatDoc, error) {
	var doc formatDoc
	err := s.checkFormat(ctx, &doc)
	return doc, err
}

func (s *Share) checkFormat(ctx context.Context, out *formatDoc) error {
	b, err := s.FS.ReadFile(ctx, formatFile, maxFormatSize)
	if errors.Is(err, fs.ErrNotExist) {
		entries, lerr := s.FS.ReadDir(ctx, ".")
		if lerr != nil {
			return fmt.Errorf("check share format: %w", lerr)
		}
		// A vanished mount point or a flaky redirector lists as empty; calling that a fresh
		// share invites someone to "set it up" again over the real one.
		if len(entries) == 0 {
			return fmt.Errorf("check share format: share folder lists as empty: %w", ErrUnreachable)
		}
		return fmt.Errorf("check share format: no %s: %w", formatFile, ErrNotFormatted)
	}
	if errors.Is(err, ErrTooLarge) {
		return fmt.Errorf("check share format: %s is over %d bytes: %w", formatFile, maxFormatSize, ErrBadFormat)
	}
	if err != nil {
		return fmt.Errorf("check share format: %w", err)
	}
	doc := out
	if err := json.Unmarshal(b, doc); err != nil {
		return fmt.Errorf("check share format: %s: %w: %v", formatFile, ErrBadFormat, err)
	}
	switch {
	case doc.Format != formatName:
		return fmt.Errorf("check share format: %s names format %q, not %q: %w", formatFile, doc.Format, formatName, ErrBadFormat)
	case doc.Major > formatMajor:
		return fmt.Errorf("check share format: share format %d.%d: %w", doc.Major, doc.Minor, ErrNewerFormat)
	case doc.Major < formatMajor:
		return fmt.Errorf("check share format: major version %d: %w", doc.Major, ErrBadFormat)
	}
	// A higher minor version only adds things older readers may skip.
	return nil
}

// Devices lists the device folders. Anything else under devices/ is reported as a warning and
// never opened: a share is shared with people, and people drop files in it.
func (s *Share) Devices(ctx context.Context) (devs []string, warnings []Warning, err error) {
	entries, err := s.FS.ReadDir(ctx, devicesDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("list devices: %s/ is missing: %w", devicesDir, errors.Join(ErrUnreachable, err))
	}
	if err != nil {
		return nil, nil, fmt.Errorf("list devices: %w", err)
	}
	for _, e := range entries {
		switch {
		case !e.IsDir:
			warnings = append(warnings, Warning{Path: devicesDir + "/" + e.Name, Reason: "not a folder; ignored"})
		case !ValidDeviceID(e.Name):
			warnings = append(warnings, Warning{Path: devicesDir + "/" + e.Name, Reason: "not a device id; ignored"})
		default:
			devs = append(devs, e.Name)
		}
	}
	slices.Sort(devs)
	return devs, warnings, nil
}

// NextSegment reports whether segment after+1 of device exists. It costs one Stat: this runs
// for every device on every idle poll, so it must not list logs.
func (s *Share) NextSegment(ctx context.Context, device string, after uint64) (seq uint64, ok bool, err error) {
	if !ValidDeviceID(device) {
		return 0, false, fmt.Errorf("next segment: invalid device id %q", device)
	}
	if after >= MaxSeq {
		return 0, false, nil
	}
	seq = after + 1
	name := segmentPath(device, seq)
	e, err := s.FS.Stat(ctx, name)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("next segment: %w", err)
	}
	if e.IsDir {
		return 0, false, fmt.Errorf("next segment: %s is a folder: %w", name, ErrBadSegment)
	}
	return seq, true, nil
}

// ReadSegment reads and verifies one segment. Its header must name the folder and file it was
// found in, so that a file copied into another device's log cannot speak for that device.
func (s *Share) ReadSegment(ctx context.Context, device string, seq uint64) (Segment, error) {
	if !ValidDeviceID(device) || seq < 1 || seq > MaxSeq {
		return Segment{}, fmt.Errorf("read segment: invalid device %q or sequence %d", device, seq)
	}
	name := segmentPath(device, seq)
	b, err := s.FS.ReadFile(ctx, name, MaxSegmentBytes)
	if errors.Is(err, ErrTooLarge) {
		return Segment{}, fmt.Errorf("segment %s: %w: over %d bytes", name, ErrBadSegment, MaxSegmentBytes)
	}
	if err != nil {
		return Segment{}, fmt.Errorf("read segment: %w", err)
	}
	seg, err := ParseSegment(b)
	if err != nil {
		return Segment{}, fmt.Errorf("segment %s: %w", name, err)
	}
	if seg.Device != device || seg.Seq != seq {
		return Segment{}, fmt.Errorf("segment %s: %w: header says device %q seq %d", name, ErrBadSegment, seg.Device, seg.Seq)
	}
	return seg, nil
}

// LastSegment is the highest sequence number in device's log, by listing it. A missing log
// means 0 only when devices/ itself answers; otherwise the share is unreachable.
func (s *Share) LastSegment(ctx context.Context, device string) (uint64, error) {
	_, last, err := s.SegmentRange(ctx, device)
	return last, err
}

// SegmentRange is the lowest and highest sequence numbers in device's log, by listing it
// (0, 0: none), with LastSegment's rule for a missing log.
func (s *Share) SegmentRange(ctx context.Context, device string) (first, last uint64, err error) {
	seqs, err := s.Segments(ctx, device)
	for _, seq := range seqs {
		last = max(last, seq)
		if first == 0 || seq < first {
			first = seq
		}
	}
	return first, last, err
}

// Segments lists the sequence numbers in device's log, in no particular order, with
// LastSegment's rule for a missing log.
func (s *Share) Segments(ctx context.Context, device string) ([]uint64, error) {
	if !ValidDeviceID(device) {
		return nil, fmt.Errorf("segments: invalid device id %q", device)
	}
	entries, err := s.FS.ReadDir(ctx, logDir(device))
	if errors.Is(err, fs.ErrNotExist) {
		if _, _, derr := s.Devices(ctx); derr != nil {
			return nil, fmt.Errorf("segments of %s: %w", device, derr)
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("segments of %s: %w", device, err)
	}
	var seqs []uint64
	for _, e := range entries {
		if seq, ok := ParseSegmentName(e.Name); ok && !e.IsDir {
			seqs = append(seqs, seq)
		}
	}
	return seqs, nil
}

// WriteSegment adds seg to its device's log. A zero Created is set from Now. It never
// replaces a file: if the sequence number is taken it fails with ErrExists, unless the file
// there already holds these very operations (a retry after a lost reply), which counts as
// success.
func (s *Share) WriteSegment(ctx context.Context, seg Segment) error {
	return s.WriteSignedSegment(ctx, seg, nil)
}

// WriteSignedSegment is WriteSegment signing the segment with the device's key.
func (s *Share) WriteSignedSegment(ctx context.Context, seg Segment, key ed25519.PrivateKey) error {
	if seg.Created.IsZero() {
		seg.Created = s.now()
	}
	data, err := EncodeSignedSegment(seg, key)
	if err != nil {
		return fmt.Errorf("write segment: %w", err)
	}
	err = s.place(ctx, logDir(seg.Device), segmentPath(seg.Device, seg.Seq), data, nil)
	if errors.Is(err, ErrExists) {
		same, rerr := s.holdsSameOps(ctx, seg)
		switch {
		case rerr == nil && same:
			s.log().Info("segment already on the share", "device", seg.Device, "seq", seg.Seq)
			return nil
		case rerr != nil && !errors.Is(rerr, ErrBadSegment):
			// Not knowing what is there is no reason to claim a clash: retry later.
			return fmt.Errorf("write segment %s/%d: taken, and could not read it: %w", seg.Device, seg.Seq, rerr)
		}
	}
	if err != nil {
		return fmt.Errorf("write segment %s/%d: %w", seg.Device, seg.Seq, err)
	}
	return nil
}

func (s *Share) holdsSameOps(ctx context.Context, seg Segment) (bool, error) {
	old, err := s.ReadSegment(ctx, seg.Device, seg.Seq)
	if err != nil {
		return false, err
	}
	return slices.EqualFunc(old.Ops, seg.Ops, func(a, b json.RawMessage) bool { return bytes.Equal(a, b) }), nil
}

// place writes data to final without ever replacing it: a temp file in tmpDir, a read-back
// check, then a rename that refuses to replace. verify checks the read-back; nil means byte
// equality. The temp file is removed, best effort, whatever goes wrong; SweepTemp catches the
// rest.
func (s *Share) place(ctx context.Context, tmpDir, final string, data []byte, verify func([]byte) error) error {
	tmp, err := s.tempName(tmpDir)
	if err != nil {
		return err
	}
	// Folders are made only when a call finds them missing: that saves a round trip on every
	// write but the first.
	err = s.FS.Create(ctx, tmp, data)
	if errors.Is(err, fs.ErrNotExist) {
		if err = s.FS.MkdirAll(ctx, tmpDir); err == nil {
			err = s.FS.Create(ctx, tmp, data)
		}
	}
	if errors.Is(err, ErrExists) {
		// Someone else's file with our random name: not ours to remove.
		return fmt.Errorf("create %s: %w", tmp, err)
	}
	if err == nil {
		err = s.checkWritten(ctx, tmp, data, verify)
	}
	if err == nil {
		err = s.FS.Rename(ctx, tmp, final)
		if errors.Is(err, fs.ErrNotExist) && path.Dir(final) != tmpDir {
			if err = s.FS.MkdirAll(ctx, path.Dir(final)); err == nil {
				err = s.FS.Rename(ctx, tmp, final)
			}
		}
	}
	if err != nil {
		if rerr := s.FS.Remove(ctx, tmp); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			s.log().Warn("could not remove temp file; a later sweep will", "path", tmp, "err", rerr)
		}
		return err
	}
	return nil
}

// checkWritten reads the temp file back once: Create reporting success does not prove the
// share stored the bytes (a redirector may have cached them, or a server died mid-flush).
func (s *Share) checkWritten(ctx context.Context, tmp string, data []byte, verify func([]byte) error) error {
	back, err := s.FS.ReadFile(ctx, tmp, int64(len(data)))
	if errors.Is(err, ErrTooLarge) {
		return fmt.Errorf("verify %s: larger than the %d bytes written", tmp, len(data))
	}
	if err != nil {
		return fmt.Errorf("verify %s: %w", tmp, err)
	}
	if len(back) != len(data) {
		return fmt.Errorf("verify %s: read back %d of %d bytes written", tmp, len(back), len(data))
	}
	if verify != nil {
		return verify(back)
	}
	if !bytes.Equal(back, data) {
		return fmt.Errorf("verify %s: read back different bytes than were written", tmp)
	}
	return nil
}

// SweepTemp removes temp files older than olderThan from device's own log and from blobs/.
// Only this device writes its log, so its stale temps are leftovers of attempts that failed.
// Blob temps may be another device's upload in progress, which is why the age limit should
// be far longer than any upload (an hour, say); removing one anyway only makes that upload
// fail and retry.
func (s *Share) SweepTemp(ctx context.Context, device string, olderThan time.Duration) (int, error) {
	if !ValidDeviceID(device) {
		return 0, fmt.Errorf("sweep temp files: invalid device id %q", device)
	}
	cutoff := s.now().Add(-olderThan)
	removed := 0
	var errs []error
	for _, dir := range []string{logDir(device), blobsDir} {
		entries, err := s.FS.ReadDir(ctx, dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("sweep temp files in %s: %w", dir, err))
			continue
		}
		for _, e := range entries {
			if e.IsDir || !strings.HasPrefix(e.Name, tempPrefix) || !e.ModTime.Before(cutoff) {
				continue
			}
			name := dir + "/" + e.Name
			if err := s.FS.Remove(ctx, name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, fmt.Errorf("sweep temp files: %w", err))
				continue
			}
			removed++
			s.log().Debug("removed stale temp file", "path", name, "modified", e.ModTime)
		}
	}
	return removed, errors.Join(errs...)
}
