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

// DefaultFramework stores the embedded framework, imported by by, and returns it.
func DefaultFramework(ctx context.Context, by *sqlite.Session) (model.FrameworkSet, error) {
	fw, err := framework.ParseJSON(assets.DefaultFramework(), "default framework")
	if err != nil {
		return fw, err
	}
	if _, err := by.ImportFramework(ctx, fw); err != nil {
		return fw, err
	}
	return fw, nil
}

// demoSealCost is argon2id at its smallest: 64 KiB, one pass.
var demoSealCost = model.HashParams{Time: 1, Memory: 64, Threads: 1}

// Demo builds a cohort of n preceptees for the day of now and stores it, marking the store
// as holding demo data.
func Demo(ctx context.Context, st *sqlite.Store, n int, seed uint64, now time.Time) (demo.Cohort, error) {
	fw, err := DefaultFramework(ctx, st.System())
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
	// Keys too, so that what demo accounts sign verifies elsewhere from their first save. Their
	// password is printed in the README, so a cheap argon2id for the sealing costs nothing
	// real; a password change reseals at full cost.
	rng := rand.NewChaCha8(key)
	for i := range c.Batch.Users {
		u := &c.Batch.Users[i]
		u.PasswordHash = hash
		kp, err := model.NewKeyPair(rng)
		if err != nil {
			return c, err
		}
		sealed, err := model.Seal(kp, demo.Password, demoSealCost, rng, now)
		if err != nil {
			return c, err
		}
		if err := u.SetKeys(sealed); err != nil {
			return c, err
		}
	}
	if err := st.System().ImportBatch(ctx, c.Batch); err != nil {
		return c, fmt.Errorf("demo: %w", err)
	}
	return c, st.SetMeta(ctx, "demo", "1")
}
