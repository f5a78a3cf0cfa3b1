package ui

import (
	"sync"
	"time"
)

// DefaultIdleLock is how long a shared PC may sit untouched before the portfolio is hidden.
const DefaultIdleLock = 10 * time.Minute

// IdleLock decides when to lock: it remembers the last sign of life and, asked with Check,
// says whether the timeout has passed. The clock is injected, so tests need not wait.
type IdleLock struct {
	Now     func() time.Time
	Timeout time.Duration

	mu   sync.Mutex
	last time.Time
}

// Touch records activity: a key, a tap, the pointer moving over the window.
func (l *IdleLock) Touch() {
	l.mu.Lock()
	l.last = l.Now()
	l.mu.Unlock()
}

// Expired reports whether nothing has happened for the timeout.
func (l *IdleLock) Expired() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.Timeout > 0 && !l.last.IsZero() && l.Now().Sub(l.last) >= l.Timeout
}

// SetTimeout changes the timeout (0 disables the lock).
func (l *IdleLock) SetTimeout(d time.Duration) {
	l.mu.Lock()
	l.Timeout = d
	l.mu.Unlock()
}
