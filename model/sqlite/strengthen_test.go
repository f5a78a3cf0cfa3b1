package sqlite

import (
	"context"
	"strings"
	"testing"
	"time"

	"pursuit/model"
)

// A hash made at an earlier version's cost is made again at the person's next sign-in, at
// today's: the same keys, sealed again, so what they signed still verifies.
func TestASignInStrengthensAnOldPasswordHash(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	now := func() time.Time { return time.Date(2026, 11, 24, 20, 0, 0, 0, time.UTC) }
	old, err := Open(ctx, dir, Options{Now: now, HashParams: cheapHash})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := old.CreateFirstAdmin(ctx, "alex", "Alex Admin", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	key := admin.User.SignKey
	old.Close()

	stronger := model.HashParams{Time: 2, Memory: 2 * cheapHash.Memory, Threads: 1}
	ro, err := Open(ctx, dir, Options{Now: now, HashParams: stronger, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ro.SignInToRead(ctx, "alex", testPassword); err != nil {
		t.Fatal(err)
	}
	ro.Close()
	st, err := Open(ctx, dir, Options{Now: now, HashParams: stronger})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hashOf := func() (model.HashParams, model.SealedKeys) {
		u, err := st.userByUsername(ctx, st.rdb, "alex")
		if err != nil {
			t.Fatal(err)
		}
		p, _ := model.HashParamsOf(u.PasswordHash)
		sealed, _ := u.Sealed()
		return p, sealed
	}
	if p, _ := hashOf(); p != cheapHash {
		t.Fatalf("a read-only sign-in changed the hash: %+v", p)
	}
	ss, err := st.SignIn(ctx, "alex", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	p, sealed := hashOf()
	if p != stronger || sealed.Time != stronger.Time || sealed.Memory != stronger.Memory {
		t.Fatalf("after sign-in: hash %+v, sealed keys t=%d m=%d", p, sealed.Time, sealed.Memory)
	}
	if ss.User.SignKey != key {
		t.Fatal("strengthening changed the signing key")
	}
	// The same password still opens everything, and the change travels as the person's own.
	if _, err := st.SignIn(ctx, "alex", testPassword); err != nil {
		t.Fatal(err)
	}
	var op string
	st.rdb.QueryRow(`SELECT op FROM outbox WHERE op LIKE '%password_hash%' ORDER BY rowid DESC LIMIT 1`).Scan(&op)
	if !strings.Contains(op, `"sealed_keys"`) || strings.Contains(op, `"sign_key"`) || strings.Contains(op, `"role"`) {
		t.Fatalf("the strengthening change: %s", op)
	}
}
