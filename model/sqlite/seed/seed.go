// Package seed fills a store with the demo cohort: the first-run demo, `pursuit demo` and the
// benchmarks all build their data this one way.
package seed

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"time"

	"pursuit/assets"
	"pursuit/model"
	"pursuit/model/demo"
	"pursuit/model/framework"
	"pursuit/model/sqlite"
)

// DefaultFramework stores the embedded framework and returns it.
func DefaultFramework(ctx context.Context, st *sqlite.Store) (model.FrameworkSet, error) {
	fw, err := framework.ParseJSON(assets.DefaultFramework(), "default framework")
	if err != nil {
		return fw, err
	}
	if _, err := st.System().ImportFramework(ctx, fw); err != nil {
		return fw, err
	}
	return fw, nil
}

// Demo builds a cohort of n preceptees for the day of now and stores it, marking the store
// as holding demo data.
func Demo(ctx context.Context, st *sqlite.Store, n int, seed uint64, now time.Time) (demo.Cohort, error) {
	fw, err := DefaultFramework(ctx, st)
	if err != nil {
		return demo.Cohort{}, err
	}
	c := demo.Generate(demo.Options{Preceptees: n, Seed: seed, Now: now, Framework: fw})
	// One hash serves every demo account (argon2id per account would cost a minute), salted
	// from the seed so the same seed on the same day dumps byte for byte the same cohort.
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:], seed)
	hash, err := model.HashPassword(demo.Password, model.DefaultHashParams, rand.NewChaCha8(key))
	if err != nil {
		return c, err
	}
	for i := range c.Batch.Users {
		c.Batch.Users[i].PasswordHash = hash
	}
	if err := st.System().ImportBatch(ctx, c.Batch); err != nil {
		return c, fmt.Errorf("demo: %w", err)
	}
	return c, st.SetMeta(ctx, "demo", "1")
}
