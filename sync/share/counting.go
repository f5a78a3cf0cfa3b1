package share

import (
	"context"
	"sync/atomic"
)

// Counting is an FS that counts the operations made through it, so that a pass can say
// what it cost the file server (`pursuit sync --json`: share_ops).
type Counting struct {
	FS
	n atomic.Int64
}

// Ops is how many operations have been made so far.
func (c *Counting) Ops() int64 { return c.n.Load() }

func (c *Counting) ReadDir(ctx context.Context, dir string) ([]Entry, error) {
	c.n.Add(1)
	return c.FS.ReadDir(ctx, dir)
}

func (c *Counting) Stat(ctx context.Context, name string) (Entry, error) {
	c.n.Add(1)
	return c.FS.Stat(ctx, name)
}

func (c *Counting) ReadFile(ctx context.Context, name string, max int64) ([]byte, error) {
	c.n.Add(1)
	return c.FS.ReadFile(ctx, name, max)
}

func (c *Counting) Create(ctx context.Context, name string, data []byte) error {
	c.n.Add(1)
	return c.FS.Create(ctx, name, data)
}

func (c *Counting) Rename(ctx context.Context, from, to string) error {
	c.n.Add(1)
	return c.FS.Rename(ctx, from, to)
}

func (c *Counting) Remove(ctx context.Context, name string) error {
	c.n.Add(1)
	return c.FS.Remove(ctx, name)
}

func (c *Counting) MkdirAll(ctx context.Context, dir string) error {
	c.n.Add(1)
	return c.FS.MkdirAll(ctx, dir)
}
