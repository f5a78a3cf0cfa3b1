package share

// Heads: one small file per device, named for the last segment it has written, all in one
// folder. A PC with nothing new to read lists that folder once and knows which devices have
// moved since it last looked, instead of looking at every device's log: on a Trust's share
// of 3,000 devices an idle pass is then a handful of requests, not thousands.
//
// A head is a hint, never the truth: the segments are. A device writes its head after the
// segment it names, then removes its older one, so a reader may briefly see two (it takes
// the later) or none (it reads nothing new until the head appears). Only its device writes
// or removes a head. A head planted, deleted or left stale by someone else costs readers a
// look or a delay, never a change: what they read is still each device's signed log, and
// every device is looked at in full now and then besides (sync: sweepEvery).

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

const (
	headsDir   = "heads"
	headDigits = 12
)

// ErrNoHeads says the share has no heads folder: set up by a version before heads, and no
// device has written one since. Every device's log must be looked at instead.
var ErrNoHeads = errors.New("the shared folder has no heads yet")

// Head is one device's head: the last segment it says it has written.
type Head struct {
	Device string
	Seq    uint64
}

// HeadName is the file name of device's head at seq.
func HeadName(device string, seq uint64) string {
	return fmt.Sprintf("%s.%0*d", device, headDigits, seq)
}

// ParseHeadName accepts only canonical names (see ParseSegmentName).
func ParseHeadName(name string) (Head, bool) {
	i := len(name) - headDigits - 1
	if i < 1 || name[i] != '.' || !ValidDeviceID(name[:i]) {
		return Head{}, false
	}
	digits := name[i+1:]
	for j := range len(digits) {
		if digits[j] < '0' || digits[j] > '9' {
			return Head{}, false
		}
	}
	seq, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || seq < 1 || seq > MaxSeq {
		return Head{}, false
	}
	return Head{Device: name[:i], Seq: seq}, true
}

// Heads lists every head on the share, in one directory read. Files that are not heads are
// returned as warnings. ErrNoHeads: the share has no heads folder.
func (s *Share) Heads(ctx context.Context) ([]Head, []Warning, error) {
	entries, err := s.FS.ReadDir(ctx, headsDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("list heads: %w", ErrNoHeads)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("list heads: %w", err)
	}
	var heads []Head
	var warnings []Warning
	for _, e := range entries {
		h, ok := ParseHeadName(e.Name)
		switch {
		case strings.HasPrefix(e.Name, tempPrefix):
		case e.IsDir || !ok:
			warnings = append(warnings, Warning{Path: headsDir + "/" + e.Name, Reason: "not a device's head; ignored"})
		default:
			heads = append(heads, h)
		}
	}
	return heads, warnings, nil
}

// MarkHead writes device's head at seq, then removes the older heads of device named in
// old. It is only ever called by device itself, after the segment seq is on the share.
func (s *Share) MarkHead(ctx context.Context, device string, seq uint64, old []uint64) error {
	if !ValidDeviceID(device) || seq < 1 || seq > MaxSeq {
		return fmt.Errorf("mark head: invalid device %q or sequence %d", device, seq)
	}
	name := headsDir + "/" + HeadName(device, seq)
	err := s.FS.Create(ctx, name, nil)
	if errors.Is(err, fs.ErrNotExist) {
		// A share set up before heads: the first device to write one makes the folder.
		if err = s.FS.MkdirAll(ctx, headsDir); err == nil {
			err = s.FS.Create(ctx, name, nil)
		}
	}
	if err != nil && !errors.Is(err, ErrExists) {
		return fmt.Errorf("mark head: %w", err)
	}
	for _, o := range old {
		if o == seq {
			continue
		}
		if err := s.FS.Remove(ctx, headsDir+"/"+HeadName(device, o)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("mark head: remove the older one: %w", err)
		}
	}
	return nil
}
