package sync

import (
	"context"
	"errors"
	"path/filepath"
	gosync "sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"pursuit/sync/share"
)

// State is what the sync indicator shows.
type State int

const (
	NotSetUp State = iota // no shared folder chosen
	Offline               // the shared folder cannot be reached
	Syncing
	UpToDate
	Failed // reachable, but something went wrong (disk full here, no permission there)
)

func (s State) String() string {
	return [...]string{"Not set up", "Offline", "Syncing", "Up to date", "Sync failed"}[s]
}

// Status is the state of sync for the screens.
type Status struct {
	State      State
	Activity   string // what a pass is doing now
	LastSynced time.Time
	Pending    int // changes on this device not yet on the share
	Last       Report
	Err        error
}

// Runner decides when passes run: at start, every Interval while the share is reachable,
// a little after saves (so a burst of typing makes one pass), on demand, and once more
// before exit. Passes never overlap, and none runs on the caller's goroutine.
type Runner struct {
	Engine   *Engine
	Interval time.Duration // default 45 s
	Debounce time.Duration // after a save; default 3 s
	// Pending counts what waits to be pushed, for the indicator (optional).
	Pending func(context.Context) (int, error)
	// OnStatus hears every change of status, on the runner's goroutine.
	OnStatus func(Status)
	// WatchDir, when the share is a local folder, lets fsnotify start a pass as soon as
	// another device writes; on network shares it does not fire, and polling does the work.
	WatchDir string
	// Serial, when set, is held during every pass: runners that replace one another on the
	// same data folder never push at the same time.
	Serial *gosync.Mutex

	mu        gosync.Mutex
	status    Status
	lastSweep time.Time
	kick      chan time.Duration
	once      gosync.Once
}

func (r *Runner) init() {
	r.once.Do(func() { r.kick = make(chan time.Duration, 1) })
}

// Trigger asks for a pass soon: after a save.
func (r *Runner) Trigger() { r.request(r.debounce()) }

// SyncNow asks for a pass at once.
func (r *Runner) SyncNow() { r.request(0) }

func (r *Runner) request(after time.Duration) {
	r.init()
	select {
	case r.kick <- after:
	default: // a pass is already asked for
	}
}

// Status is the latest status.
func (r *Runner) Status() Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status
}

func (r *Runner) debounce() time.Duration {
	if r.Debounce <= 0 {
		return 3 * time.Second
	}
	return r.Debounce
}

func (r *Runner) interval() time.Duration {
	if r.Interval <= 0 {
		return 45 * time.Second
	}
	return r.Interval
}

// Run passes until ctx ends, then makes one last pass (bounded by finalTimeout) so what was
// typed last leaves with the person who closes the app.
func (r *Runner) Run(ctx context.Context, finalTimeout time.Duration) {
	r.init()
	events := r.watch(ctx)
	timer := time.NewTimer(0) // at start
	defer timer.Stop()
	next := time.Now()
	// sooner brings the next pass forward, never back: saves every few seconds must not
	// keep postponing it.
	sooner := func(after time.Duration) {
		if at := time.Now().Add(after); at.Before(next) {
			next = at
			timer.Reset(after)
		}
	}
	for {
		select {
		case <-ctx.Done():
			final, cancel := context.WithTimeout(context.Background(), finalTimeout)
			r.Pass(final)
			cancel()
			return
		case after := <-r.kick:
			sooner(after)
			continue
		case <-events:
			sooner(r.debounce())
			continue
		case <-timer.C:
		}
		r.Pass(ctx)
		next = time.Now().Add(r.interval())
		timer.Reset(r.interval())
	}
}

// Pass runs one pass now and publishes the status.
func (r *Runner) Pass(ctx context.Context) (Report, error) {
	if r.Serial != nil {
		r.Serial.Lock()
		defer r.Serial.Unlock()
	}
	r.publish(func(s *Status) { s.State, s.Activity, s.Err = Syncing, "Checking the shared folder", nil })
	// The runner's own engine, not a copy: what it remembers between passes (which devices
	// it swept and when, heads followed to nothing, devices held back) is what keeps an idle
	// pass to a few requests.
	e := r.Engine
	e.Progress = func(msg string) { r.publish(func(s *Status) { s.Activity = msg }) }
	e.Sweep = time.Since(r.lastSweep) > time.Hour
	if e.Sweep {
		r.lastSweep = time.Now()
	}
	rep, err := e.Pass(ctx)
	r.publish(func(s *Status) {
		s.Activity, s.Last, s.Err = "", rep, err
		switch {
		case err == nil:
			s.State, s.LastSynced = UpToDate, rep.Started.Add(rep.Duration)
		case errors.Is(err, share.ErrUnreachable):
			s.State = Offline
		default:
			s.State = Failed
		}
		if r.Pending != nil {
			s.Pending, _ = r.Pending(ctx)
		}
	})
	return rep, err
}

func (r *Runner) publish(change func(*Status)) {
	r.mu.Lock()
	change(&r.status)
	s := r.status
	r.mu.Unlock()
	if r.OnStatus != nil {
		r.OnStatus(s)
	}
}

// watch reports writes under a local share's device folders; nil when there is nothing to
// watch (a nil channel never delivers).
func (r *Runner) watch(ctx context.Context) <-chan fsnotify.Event {
	if r.WatchDir == "" {
		return nil
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil
	}
	devices := filepath.Join(r.WatchDir, "devices")
	w.Add(devices)
	if entries, err := filepath.Glob(filepath.Join(devices, "*", "log")); err == nil {
		for _, d := range entries {
			w.Add(d)
		}
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				w.Close()
				return
			case <-w.Errors: // an overflowed watch costs only promptness: polling goes on
			}
		}
	}()
	return w.Events
}
