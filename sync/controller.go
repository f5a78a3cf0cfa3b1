package sync

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	gosync "sync"
	"time"

	"pursuit/model"
	"pursuit/model/sqlite"
	"pursuit/sync/share"
)

// Controller is sync as the app runs it: one Runner for the chosen shared folder, started
// and stopped as the folder is set or changed, a log of recent passes for Settings, and a
// listener for the sync indicator.
type Controller struct {
	Store interface {
		Store
		PendingCount(ctx context.Context) (int, error)
	}
	Now      func() time.Time
	Log      *slog.Logger
	Interval time.Duration
	Timeout  time.Duration // per file operation on the share (default 15 s)

	mu       gosync.Mutex
	passes   gosync.Mutex // one pass at a time on this data folder
	dir      string
	runner   *Runner
	cancel   context.CancelFunc
	done     chan struct{}
	listener func(Status)
	history  []LogEntry
}

// LogEntry is one pass, as the sync log in Settings lists it.
type LogEntry struct {
	At      time.Time
	OK      bool
	Offline bool
	Summary string
	Details []string // warnings: files skipped on the share, devices with wrong clocks
}

const historySize = 100

// Start syncs with dir from now on; "" stops syncing. It returns at once: the earlier
// folder's last pass finishes in the background.
func (c *Controller) Start(dir string) {
	oldCancel, oldDone := c.detach()
	go finish(oldCancel, oldDone, 10*time.Second)
	if dir == "" {
		c.publish(Status{State: NotSetUp})
		return
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = 15 * time.Second
	}
	r := &Runner{Engine: ForFolder(c.Store, dir, timeout, c.Now, c.Log), Interval: c.Interval, Pending: c.Store.PendingCount, WatchDir: LocalFolder(dir), Serial: &c.passes}
	r.OnStatus = func(s Status) {
		if s.State != Syncing {
			c.record(s)
		}
		c.publish(s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	c.mu.Lock()
	c.dir, c.runner, c.cancel, c.done = dir, r, cancel, done
	c.mu.Unlock()
	go func() {
		defer close(done)
		r.Run(ctx, 10*time.Second)
	}()
}

// Stop ends syncing after one last pass, waiting at most timeout for it: what was typed
// last leaves with the person who closes the app, unless the share is not there.
func (c *Controller) Stop(timeout time.Duration) {
	cancel, done := c.detach()
	finish(cancel, done, timeout)
}

// detach takes the running runner out of the controller.
func (c *Controller) detach() (context.CancelFunc, chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	cancel, done := c.cancel, c.done
	c.runner, c.cancel, c.done, c.dir = nil, nil, nil, ""
	return cancel, done
}

func finish(cancel context.CancelFunc, done chan struct{}, timeout time.Duration) {
	if cancel == nil {
		return
	}
	cancel()
	select {
	case <-done:
	case <-time.After(timeout):
	}
}

// Folder is the shared folder being synced with ("" for none).
func (c *Controller) Folder() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dir
}

// SyncNow asks for a pass at once; Trigger asks for one soon (after a save).
func (c *Controller) SyncNow() {
	if r := c.current(); r != nil {
		r.SyncNow()
	}
}

// Trigger asks for a pass a few seconds from now, so a burst of saves makes one pass.
func (c *Controller) Trigger() {
	if r := c.current(); r != nil {
		r.Trigger()
	}
}

// Status is the state for the indicator.
func (c *Controller) Status() Status {
	if r := c.current(); r != nil {
		return r.Status()
	}
	return Status{State: NotSetUp}
}

// OnStatus sets the one listener (the window's indicator); it is called on sync's goroutine.
func (c *Controller) OnStatus(f func(Status)) {
	c.mu.Lock()
	c.listener = f
	c.mu.Unlock()
}

// History is the sync log, newest first.
func (c *Controller) History() []LogEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]LogEntry, len(c.history))
	for i, e := range c.history {
		out[len(out)-1-i] = e
	}
	return out
}

// CheckFolder says whether dir is Pursuit's shared folder (nil), not set up yet
// (share.ErrNotFormatted) or out of reach (share.ErrUnreachable), asking for a few seconds
// at most: the screens ask it while someone waits.
func CheckFolder(ctx context.Context, dir string) error {
	return (&share.Share{FS: share.Dir{Root: dir, Timeout: 5 * time.Second}}).CheckFormat(ctx)
}

// FolderRoot is the administrator key the folder at dir names in its FORMAT.json (zero:
// none), for a person to compare with the Trust's before joining it.
func FolderRoot(ctx context.Context, dir string) (model.TrustRoot, error) {
	id, err := (&share.Share{FS: share.Dir{Root: dir, Timeout: 5 * time.Second}}).Identity(ctx)
	return id.Root, err
}

// SetUpFolder sets dir up as Pursuit's shared folder on the word of the person signed in:
// an administrator signed in with their own password, whose key protects it. They vouch
// for the accounts on this device so that the other PCs accept them. Nobody else sets up
// a folder: an unprotected one is made only on purpose, from the command line
// (`sync --init --unprotected`).
func SetUpFolder(ctx context.Context, dir string, by *sqlite.Session) error {
	root := by.RootFor()
	if !root.Protected() {
		return fmt.Errorf("%w: only an administrator signed in with their own password sets up the shared folder, so that it is protected by their key", model.ErrForbidden)
	}
	if err := InitFolder(ctx, dir, root); err != nil {
		return err
	}
	id, err := (&share.Share{FS: share.Dir{Root: dir, Timeout: 15 * time.Second}}).Identity(ctx)
	if err != nil {
		return fmt.Errorf("set up the shared folder: %w", err)
	}
	if id.Root != root {
		return nil // an existing folder, joined: the first pass judges and pins the key it names
	}
	if err := by.Store().PinTrustRoot(ctx, root); err != nil {
		return err
	}
	// The administrator who makes the key has nothing to compare it with: it is theirs.
	if err := by.Store().ConfirmTrustRoot(ctx, root.Fingerprint(), by.User.Name+", who set the folder up"); err != nil {
		return err
	}
	return by.Vouch(ctx)
}

// InitFolder sets dir up as Pursuit's shared folder, protected by root (see
// Engine.InitWith), or leaves it as it is if it already is one.
func InitFolder(ctx context.Context, dir string, root model.TrustRoot) error {
	if err := (&share.Share{FS: share.Dir{Root: dir, Timeout: 15 * time.Second}}).InitWith(ctx, root); err != nil {
		return fmt.Errorf("set up the shared folder: %w", err)
	}
	return nil
}

func (c *Controller) current() *Runner {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.runner
}

func (c *Controller) publish(s Status) {
	c.mu.Lock()
	f := c.listener
	c.mu.Unlock()
	if f != nil {
		f(s)
	}
}

func (c *Controller) record(s Status) {
	e := LogEntry{At: s.Last.Started, OK: s.Err == nil, Offline: s.State == Offline, Summary: Summarise(s.Last, s.Err)}
	if e.At.IsZero() {
		e.At = time.Now()
		if c.Now != nil {
			e.At = c.Now()
		}
	}
	for _, w := range s.Last.Warnings {
		e.Details = append(e.Details, "Skipped "+w.String())
	}
	for _, d := range s.Last.SkewedDevices {
		e.Details = append(e.Details, "Device "+d+" has its clock set far ahead")
	}
	c.mu.Lock()
	c.history = append(c.history, e)
	if len(c.history) > historySize {
		c.history = c.history[len(c.history)-historySize:]
	}
	c.mu.Unlock()
}

// Summarise says in one line what a pass did, in words for the sync log.
func Summarise(r Report, err error) string {
	var parts []string
	if r.Pushed > 0 {
		parts = append(parts, fmt.Sprintf("sent %d changes", r.Pushed))
	}
	if r.BlobsSent > 0 {
		parts = append(parts, fmt.Sprintf("sent %d attachments", r.BlobsSent))
	}
	if r.Applied > 0 {
		parts = append(parts, fmt.Sprintf("received %d changes", r.Applied))
	}
	if r.BlobsFetched > 0 {
		parts = append(parts, fmt.Sprintf("received %d attachments", r.BlobsFetched))
	}
	if r.Conflicts > 0 {
		parts = append(parts, fmt.Sprintf("%d texts changed on two devices", r.Conflicts))
	}
	if r.Rejected > 0 {
		parts = append(parts, fmt.Sprintf("%d changes kept aside", r.Rejected))
	}
	if n := len(r.HeldBack); n > 0 {
		parts = append(parts, fmt.Sprintf("%d devices held back: this PC keeps aside too many of their changes that cannot count yet", n))
	}
	switch {
	case r.LostOwn > 0:
		parts = append(parts, fmt.Sprintf("%d of this PC's files had vanished from the shared folder, so everything made here was sent again", r.LostOwn))
	case r.NewDevice != "":
		parts = append(parts, "this folder is a copy of another device's and took a new device id")
	}
	msg := "Nothing new"
	if len(parts) > 0 {
		msg = strings.ToUpper(parts[0][:1]) + parts[0][1:]
		if len(parts) > 1 {
			msg += ", " + strings.Join(parts[1:], ", ")
		}
	}
	if err != nil {
		return msg + ". Stopped: " + err.Error()
	}
	return msg + "."
}

// LocalFolder is dir when fsnotify may watch it; UNC network paths get "" (fsnotify does
// not fire on SMB shares, and polling covers them).
func LocalFolder(dir string) string {
	if strings.HasPrefix(dir, `\\`) || strings.HasPrefix(dir, "//") {
		return ""
	}
	return dir
}
