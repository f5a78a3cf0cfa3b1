// Package sharetest provides file systems for testing code built on share.FS: Mem, a fast
// in-memory share for simulations with thousands of runs, and Faulty, which wraps any FS and
// makes it fail the ways a Windows share does (unreachable, frozen mid-write, stale listings).
package sharetest

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"pursuit/sync/share"
)

// Mem is an in-memory share.FS, safe for concurrent use. Like a real folder, a file can only be
// created in an existing folder, and Rename never replaces.
type Mem struct {
	now func() time.Time

	mu    sync.Mutex
	nodes map[string]*memNode // by path; "." is the root and always exists
}

type memNode struct {
	dir  bool
	data []byte
	mod  time.Time
}

// NewMem returns an empty share. now stamps modification times; nil means time.Now.
func NewMem(now func() time.Time) *Mem {
	if now == nil {
		now = time.Now
	}
	return &Mem{now: now, nodes: map[string]*memNode{".": {dir: true}}}
}

var _ share.FS = (*Mem)(nil)

func memErr(op, name string, err error) error {
	return &fs.PathError{Op: op, Path: name, Err: err}
}

func (m *Mem) ReadDir(ctx context.Context, dir string) ([]share.Entry, error) {
	if err := check(ctx, dir); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	n, ok := m.nodes[dir]
	if !ok {
		return nil, memErr("readdir", dir, fs.ErrNotExist)
	}
	if !n.dir {
		return nil, memErr("readdir", dir, fmt.Errorf("not a folder"))
	}
	prefix := dir + "/"
	if dir == "." {
		prefix = ""
	}
	var out []share.Entry
	for p, c := range m.nodes {
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok || p == "." || rest == "" || strings.Contains(rest, "/") {
			continue
		}
		out = append(out, entry(rest, c))
	}
	slices.SortFunc(out, func(a, b share.Entry) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func (m *Mem) Stat(ctx context.Context, name string) (share.Entry, error) {
	if err := check(ctx, name); err != nil {
		return share.Entry{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	n, ok := m.nodes[name]
	if !ok {
		return share.Entry{}, memErr("stat", name, fs.ErrNotExist)
	}
	return entry(path.Base(name), n), nil
}

func (m *Mem) ReadFile(ctx context.Context, name string, max int64) ([]byte, error) {
	if err := check(ctx, name); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	n, ok := m.nodes[name]
	switch {
	case !ok:
		return nil, memErr("read", name, fs.ErrNotExist)
	case n.dir:
		return nil, memErr("read", name, fmt.Errorf("is a folder"))
	case int64(len(n.data)) > max:
		return nil, memErr("read", name, fmt.Errorf("%w: %d bytes, limit %d", share.ErrTooLarge, len(n.data), max))
	}
	return slices.Clone(n.data), nil
}

func (m *Mem) Create(ctx context.Context, name string, data []byte) error {
	if err := check(ctx, name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.canCreate("create", name); err != nil {
		return err
	}
	m.nodes[name] = &memNode{data: slices.Clone(data), mod: m.now()}
	return nil
}

func (m *Mem) Rename(ctx context.Context, from, to string) error {
	if err := check(ctx, from); err != nil {
		return err
	}
	if err := check(ctx, to); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	n, ok := m.nodes[from]
	if !ok {
		return memErr("rename", from, fs.ErrNotExist)
	}
	if n.dir {
		return memErr("rename", from, fmt.Errorf("is a folder"))
	}
	if err := m.canCreate("rename", to); err != nil {
		return err
	}
	delete(m.nodes, from)
	m.nodes[to] = n
	return nil
}

func (m *Mem) Remove(ctx context.Context, name string) error {
	if err := check(ctx, name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	n, ok := m.nodes[name]
	if !ok || name == "." {
		return memErr("remove", name, fs.ErrNotExist)
	}
	if n.dir {
		for p := range m.nodes {
			if strings.HasPrefix(p, name+"/") {
				return memErr("remove", name, fmt.Errorf("folder not empty"))
			}
		}
	}
	delete(m.nodes, name)
	return nil
}

func (m *Mem) MkdirAll(ctx context.Context, dir string) error {
	if err := check(ctx, dir); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.mkdirs(dir)
}

// mkdirs makes dir and its parents; the caller holds m.mu.
func (m *Mem) mkdirs(dir string) error {
	p := ""
	for elem := range strings.SplitSeq(dir, "/") {
		p = path.Join(p, elem)
		n, ok := m.nodes[p]
		if ok && !n.dir {
			return memErr("mkdir", p, fmt.Errorf("not a folder"))
		}
		if !ok {
			m.nodes[p] = &memNode{dir: true, mod: m.now()}
		}
	}
	return nil
}

// Put writes a file outright, replacing anything there and creating its folders: it is how a
// test plays a careless user or a forger, which no FS method allows. It panics on a path no
// FS method would accept, which is a mistake in the test.
func (m *Mem) Put(name string, data []byte) {
	if err := share.CheckPath(name); err != nil {
		panic(err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.mkdirs(path.Dir(name)); err != nil {
		panic(err)
	}
	m.nodes[name] = &memNode{data: slices.Clone(data), mod: m.now()}
}

// Files lists every file path, sorted.
func (m *Mem) Files() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for p, n := range m.nodes {
		if !n.dir {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func (m *Mem) canCreate(op, name string) error {
	if _, ok := m.nodes[name]; ok {
		return memErr(op, name, fmt.Errorf("%w: %w", share.ErrExists, fs.ErrExist))
	}
	if parent, ok := m.nodes[path.Dir(name)]; !ok || !parent.dir {
		return memErr(op, name, fs.ErrNotExist)
	}
	return nil
}

func check(ctx context.Context, name string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return share.CheckPath(name)
}

func entry(name string, n *memNode) share.Entry {
	return share.Entry{Name: name, Size: int64(len(n.data)), IsDir: n.dir, ModTime: n.mod}
}
