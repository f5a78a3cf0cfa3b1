package share

import (
	"context"
	gosync "sync"
)

// Counting is an FS that counts the operations made through it, by kind ("list", "stat",
// "read", "create", "rename", "remove", "mkdir"), so that a pass can say what it cost the
// file server (`pursuit sync --json`: share_ops) and tests can assert it.
type Counting struct {
	FS
	mu  gosync.Mutex
	ops map[string]int64
}

// Ops is how many operations have been made so far.
func (c *Counting) Ops() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	var n int64
	for _, v := range c.ops {
		n += v
	}
	return n
}

// ByKind is how many operations of each kind have been made so far.
func (c *Counting) ByKind() map[string]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int64, len(c.ops))
	for k, v := range c.ops {
		out[k] = v
	}
	return out
}

func (c *Counting) count(kind string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ops == nil {
		c.ops = map[string]int64{}
	}
	c.ops[kind]++
}

func (c *Counting) ReadDir(ctx context.Context, dir string) ([]Entry, error) {
	c.count("list")
	return c.FS.ReadDir(ctx, dir)
}

func (c *Counting) Stat(ctx context.Context, name string) (Entry, error) {
	c.count("stat")
	return c.FS.Stat(ctx, name)
}

func (c *Counting) ReadFile(ctx context.Context, name string, max int64) ([]byte, error) {
	c.count("read")
	return c.FS.ReadFile(ctx, name, max)
}

func (c *Counting) Create(ctx context.Context, name string, data []byte) error {
	c.count("create")
	return c.FS.Create(ctx, name, data)
}

func (c *Counting) Rename(ctx context.Context, from, to string) error {
	c.count("rename")
	return c.FS.Rename(ctx, from, to)
}

func (c *Counting) Remove(ctx context.Context, name string) error {
	c.count("remove")
	return c.FS.Remove(ctx, name)
}

func (c *Counting) MkdirAll(ctx context.Context, dir string) error {
	c.count("mkdir")
	return c.FS.MkdirAll(ctx, dir)
}
