package model

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// HLC is a hybrid logical clock timestamp: wall-clock milliseconds, a counter that orders
// events within the same millisecond (or while the wall clock lags a remote one), and the
// device id that breaks ties. Merges take the field value with the greater HLC.
type HLC struct {
	Wall    int64 // Unix milliseconds
	Counter uint32
	Device  string
}

// String encodes the HLC so that byte order equals clock order.
func (h HLC) String() string {
	if h.IsZero() {
		return ""
	}
	return fmt.Sprintf("%015d.%08x.%s", h.Wall, h.Counter, h.Device)
}

func (h HLC) IsZero() bool { return h.Wall == 0 && h.Counter == 0 && h.Device == "" }

// ParseHLC reads the String form; the empty string is the zero HLC.
func ParseHLC(s string) (HLC, error) {
	if s == "" {
		return HLC{}, nil
	}
	parts := strings.SplitN(s, ".", 3)
	if len(parts) != 3 || len(parts[0]) != 15 || len(parts[1]) != 8 || parts[2] == "" {
		return HLC{}, fmt.Errorf("clock %q: not a hybrid logical clock", truncate(s, 60))
	}
	wall, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || wall < 0 {
		return HLC{}, fmt.Errorf("clock %q: bad wall time", truncate(s, 60))
	}
	c, err := strconv.ParseUint(parts[1], 16, 32)
	if err != nil {
		return HLC{}, fmt.Errorf("clock %q: bad counter", truncate(s, 60))
	}
	h := HLC{Wall: wall, Counter: uint32(c), Device: parts[2]}
	// One spelling per clock: merges compare the text, so "+123…" or upper-case hex that
	// reads as the same number but sorts differently is refused, as is a counter at its
	// limit, which the next edit could not step past.
	if h.String() != s || h.Counter == ^uint32(0) {
		return HLC{}, fmt.Errorf("clock %q: not in canonical form", truncate(s, 60))
	}
	return h, nil
}

// Compare orders two clocks: -1, 0 or +1.
func (h HLC) Compare(o HLC) int {
	switch {
	case h.Wall != o.Wall:
		return cmpInt64(h.Wall, o.Wall)
	case h.Counter != o.Counter:
		return cmpInt64(int64(h.Counter), int64(o.Counter))
	}
	return strings.Compare(h.Device, o.Device)
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Clock issues HLC timestamps for one device. It is safe for concurrent use.
type Clock struct {
	Now       func() time.Time
	Device    string
	MaxOffset time.Duration // remote clocks beyond now+MaxOffset are capped (and flagged)

	mu   sync.Mutex
	last HLC
}

// DefaultMaxOffset tolerates a PC whose clock is a little fast, but not a day.
const DefaultMaxOffset = 5 * time.Minute

// Tick returns a timestamp for a local event, greater than every one issued or observed.
func (c *Clock) Tick() HLC {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.Now().UnixMilli()
	if now > c.last.Wall {
		c.last = HLC{Wall: now, Device: c.Device}
	} else {
		c.last = HLC{Wall: c.last.Wall, Counter: c.last.Counter + 1, Device: c.Device}
	}
	return c.last
}

// TickAfter returns a timestamp for a local edit of a value last written at prev: later
// than prev, so the edit wins the merge on every device, as the person who made it
// expects. A prev from a device whose clock runs far ahead is stepped over for this one
// edit only, so that device's error does not move this clock into the future as well.
func (c *Clock) TickAfter(prev HLC) HLC {
	h := c.Tick()
	if h.Compare(prev) > 0 {
		return h
	}
	next := HLC{Wall: prev.Wall, Counter: prev.Counter + 1, Device: c.Device}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev.Wall <= c.Now().Add(c.maxOffset()).UnixMilli() && next.Compare(c.last) > 0 {
		c.last = next
	}
	return next
}

// Observe folds a remote timestamp into the clock so later local events order after it. A
// remote wall time too far in the future is capped at now+MaxOffset, so one device with a
// wrong clock cannot win every merge for ever; skewed reports that it happened.
func (c *Clock) Observe(remote HLC) (capped HLC, skewed bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	max := c.Now().Add(c.maxOffset()).UnixMilli()
	if remote.Wall > max {
		remote.Wall, remote.Counter, skewed = max, 0, true
	}
	if remote.Compare(c.last) > 0 {
		c.last = HLC{Wall: remote.Wall, Counter: remote.Counter, Device: c.Device}
	}
	return remote, skewed
}

func (c *Clock) maxOffset() time.Duration {
	if c.MaxOffset <= 0 {
		return DefaultMaxOffset
	}
	return c.MaxOffset
}

// Last is the latest timestamp this clock issued or observed (never one TickAfter made to
// step past a far-ahead device): what Restore needs after a restart.
func (c *Clock) Last() HLC {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}

// SetDevice changes the device id stamped on later timestamps.
func (c *Clock) SetDevice(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Device = id
}

// Restore sets the clock past a timestamp read back from storage after a restart, so a PC
// whose clock went backwards still issues increasing timestamps.
func (c *Clock) Restore(h HLC) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h.Compare(c.last) > 0 {
		c.last = HLC{Wall: h.Wall, Counter: h.Counter, Device: c.Device}
	}
}
