package sharetest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path"
	"sync"

	"pursuit/sync/share"
)

// Operation kinds, as named to FailOp.
const (
	OpReadDir  = "ReadDir"
	OpStat     = "Stat"
	OpReadFile = "ReadFile"
	OpCreate   = "Create"
	OpRename   = "Rename"
	OpRemove   = "Remove"
	OpMkdirAll = "MkdirAll"
)

// ErrInjected marks every failure Faulty makes up, so a test can tell them from real ones.
var ErrInjected = errors.New("sharetest: injected fault")

// Faulty wraps an FS and injects the failures of a real Windows share. All methods are safe for
// concurrent use; faults are counted in the order calls arrive.
type Faulty struct {
	fs share.FS

	mu          sync.Mutex
	calls       int
	rules       []failRule
	truncate    int // bytes the next Create writes before failing; -1: none
	empty       bool
	offline     bool
	failRenames bool
	delay       int
	notFound    map[string]int // name → last call at which it still reads as missing
	listings    map[string]listing
	rng         *rand.Rand
	p           float64
}

type failRule struct {
	left  int
	op    string
	after bool
}

type listing struct {
	entries []share.Entry
	until   int
}

// NewFaulty wraps inner; until told otherwise it passes every call through.
func NewFaulty(inner share.FS) *Faulty {
	return &Faulty{fs: inner, truncate: -1, notFound: map[string]int{}, listings: map[string]listing{}}
}

var _ share.FS = (*Faulty)(nil)

// FailOp makes the n-th following call of kind op ("" for any kind) fail before it has any
// effect. Several may be pending at once.
func (f *Faulty) FailOp(n int, op string) {
	f.locked(func() { f.rules = append(f.rules, failRule{left: n, op: op}) })
}

// FailOpAfter is FailOp for a call that does take effect but whose reply is lost, as when the
// connection drops just after the server acted.
func (f *Faulty) FailOpAfter(n int, op string) {
	f.locked(func() { f.rules = append(f.rules, failRule{left: n, op: op, after: true}) })
}

// TruncateWrites makes the next Create write only its first n bytes and then fail, leaving the
// partial file behind, as when smbd is killed mid-write.
func (f *Faulty) TruncateWrites(n int) {
	f.locked(func() { f.truncate = n })
}

// EmptyListings makes ReadDir succeed with no entries, as a vanished mount point does.
func (f *Faulty) EmptyListings(on bool) {
	f.locked(func() { f.empty = on })
}

// FailRenames makes every Rename fail, as a sharing violation on Windows does.
func (f *Faulty) FailRenames(on bool) {
	f.locked(func() { f.failRenames = on })
}

// Offline makes every call fail with share.ErrUnreachable.
func (f *Faulty) Offline(on bool) {
	f.locked(func() { f.offline = on })
}

// DelayVisibility models the caches of an SMB client (the Windows redirector keeps "file not
// found" and directory listings for seconds): a name this wrapper found missing stays missing
// for n further calls, and a listing is reused for n further calls, so files other writers add
// appear late. Changes made through this wrapper drop the caches they affect, as the
// redirector does. n = 0 turns it off.
func (f *Faulty) DelayVisibility(n int) {
	f.locked(func() {
		f.delay = n
		clear(f.notFound)
		clear(f.listings)
	})
}

// Chaos makes each call fail with probability p, in a way drawn from rng among those that fit
// the call: before or after taking effect, a truncated write, an empty listing, or a file that
// reads as missing. p = 0 turns it off.
func (f *Faulty) Chaos(rng *rand.Rand, p float64) {
	f.locked(func() { f.rng, f.p = rng, p })
}

// Calls is the number of calls made so far, failed or not.
func (f *Faulty) Calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls
}

type faultKind int

const (
	none faultKind = iota
	before
	after
	truncated
	emptied
	hidden
)

type fault struct {
	kind faultKind
	err  error
	n    int // bytes a truncated write keeps
	call int
}

func mutates(op string) bool {
	return op == OpCreate || op == OpRename || op == OpRemove || op == OpMkdirAll
}

// begin counts a call and decides its fault.
func (f *Faulty) begin(op, name string) fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	ft := fault{call: f.calls}
	injected := fmt.Errorf("%s %s: %w", op, name, ErrInjected)

	fired, firedAfter := false, false
	kept := f.rules[:0]
	for _, r := range f.rules {
		if r.op == "" || r.op == op {
			r.left--
		}
		switch {
		case r.left > 0:
			kept = append(kept, r)
		case !fired:
			fired, firedAfter = true, r.after
		default:
			// Two rules due at once: one fault per call, so the other waits for the next.
			r.left = 1
			kept = append(kept, r)
		}
	}
	f.rules = kept
	switch {
	case f.offline:
		return fault{kind: before, err: fmt.Errorf("%s %s: %w", op, name, share.ErrUnreachable), call: ft.call}
	case fired:
		ft.kind, ft.err = before, injected
		if firedAfter && mutates(op) {
			ft.kind = after
		}
		return ft
	case op == OpRename && f.failRenames:
		return fault{kind: before, err: injected, call: ft.call}
	case op == OpCreate && f.truncate >= 0:
		ft.kind, ft.err, ft.n = truncated, fmt.Errorf("%s %s: connection lost mid-write: %w", op, name, ErrInjected), f.truncate
		f.truncate = -1
		return ft
	case op == OpReadDir && f.empty:
		ft.kind = emptied
		return ft
	}
	if f.rng == nil || f.p <= 0 || f.rng.Float64() >= f.p {
		return ft
	}
	kinds := []faultKind{before}
	switch op {
	case OpCreate:
		kinds = append(kinds, after, truncated)
	case OpReadDir:
		kinds = append(kinds, emptied)
	case OpStat, OpReadFile:
		kinds = append(kinds, hidden)
	default:
		if mutates(op) {
			kinds = append(kinds, after)
		}
	}
	ft.kind, ft.err = kinds[f.rng.IntN(len(kinds))], injected
	if ft.kind == truncated {
		ft.n = f.rng.IntN(1 << 16)
	}
	return ft
}

func (f *Faulty) ReadDir(ctx context.Context, dir string) ([]share.Entry, error) {
	ft := f.begin(OpReadDir, dir)
	switch ft.kind {
	case before:
		return nil, ft.err
	case emptied:
		return []share.Entry{}, nil
	}
	if l, ok := f.cachedListing(dir, ft.call); ok {
		return l, nil
	}
	entries, err := f.fs.ReadDir(ctx, dir)
	if err == nil {
		f.locked(func() {
			if f.delay > 0 {
				f.listings[dir] = listing{entries: entries, until: ft.call + f.delay}
			}
		})
	}
	return entries, err
}

func (f *Faulty) Stat(ctx context.Context, name string) (share.Entry, error) {
	ft := f.begin(OpStat, name)
	if ft.kind == before {
		return share.Entry{}, ft.err
	}
	if ft.kind == hidden || f.stillMissing(name, ft.call) {
		return share.Entry{}, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	e, err := f.fs.Stat(ctx, name)
	f.noteMissing(name, ft.call, err)
	return e, err
}

func (f *Faulty) ReadFile(ctx context.Context, name string, max int64) ([]byte, error) {
	ft := f.begin(OpReadFile, name)
	if ft.kind == before {
		return nil, ft.err
	}
	if ft.kind == hidden || f.stillMissing(name, ft.call) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	b, err := f.fs.ReadFile(ctx, name, max)
	f.noteMissing(name, ft.call, err)
	return b, err
}

func (f *Faulty) Create(ctx context.Context, name string, data []byte) error {
	ft := f.begin(OpCreate, name)
	if ft.kind == truncated {
		_ = f.fs.Create(ctx, name, data[:min(ft.n, len(data))])
		f.changed(name)
		return ft.err
	}
	return f.apply(ft, func() error { return f.fs.Create(ctx, name, data) }, name)
}

func (f *Faulty) Rename(ctx context.Context, from, to string) error {
	return f.mutate(OpRename, from, func() error { return f.fs.Rename(ctx, from, to) }, from, to)
}

func (f *Faulty) Remove(ctx context.Context, name string) error {
	return f.mutate(OpRemove, name, func() error { return f.fs.Remove(ctx, name) }, name)
}

func (f *Faulty) MkdirAll(ctx context.Context, dir string) error {
	return f.mutate(OpMkdirAll, dir, func() error { return f.fs.MkdirAll(ctx, dir) }, dir)
}

// mutate runs a call that changes the share, failing it before or after do as planned, and
// drops the cached views of the names it touches.
func (f *Faulty) mutate(op, name string, do func() error, touched ...string) error {
	return f.apply(f.begin(op, name), do, touched...)
}

func (f *Faulty) apply(ft fault, do func() error, touched ...string) error {
	if ft.kind == before {
		return ft.err
	}
	err := do()
	for _, n := range touched {
		f.changed(n)
	}
	if ft.kind == after {
		return ft.err
	}
	return err
}

func (f *Faulty) locked(fn func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn()
}

func (f *Faulty) cachedListing(dir string, call int) ([]share.Entry, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.listings[dir]
	if !ok || call > l.until {
		return nil, false
	}
	return l.entries, true
}

func (f *Faulty) stillMissing(name string, call int) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	until, ok := f.notFound[name]
	return ok && call <= until
}

func (f *Faulty) noteMissing(name string, call int, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.delay > 0 && errors.Is(err, fs.ErrNotExist) {
		if _, ok := f.notFound[name]; !ok || call > f.notFound[name] {
			f.notFound[name] = call + f.delay
		}
	}
}

// changed drops what the caches hold about name, as a client does for its own changes.
func (f *Faulty) changed(name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.notFound, name)
	delete(f.listings, path.Dir(name))
}
