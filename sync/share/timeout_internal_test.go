package share

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestWithTimeoutAbandonsAHungCall(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	start := time.Now()
	_, err := withTimeout(context.Background(), 50*time.Millisecond, func() (int, error) {
		<-release
		return 1, nil
	})
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("took %v", took)
	}
}

func TestWithTimeoutFollowsTheContext(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err := withTimeout(ctx, time.Hour, func() (int, error) {
		<-release
		return 1, nil
	})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrUnreachable) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestWithTimeoutPassesResultsThrough(t *testing.T) {
	boom := errors.New("boom")
	v, err := withTimeout(context.Background(), time.Second, func() (int, error) { return 7, boom })
	if v != 7 || err != boom {
		t.Fatalf("= %d, %v", v, err)
	}
}
