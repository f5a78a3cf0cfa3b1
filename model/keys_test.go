package model

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"golang.org/x/crypto/chacha20poly1305"
)

// cheapParams keep argon2id to a few KiB so the suite (and fuzzing) stays fast; the costs
// are parameters of the record, so nothing else about the code path changes.
var cheapParams = HashParams{Time: 1, Memory: 8, Threads: 1}

var keysNow = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// testRand is a reproducible stream, so every test sees the same keys, salts and nonces.
func testRand(seed byte) io.Reader {
	return rand.NewChaCha8([32]byte{seed})
}

func mustKeyPair(t testing.TB, seed byte) KeyPair {
	t.Helper()
	kp, err := NewKeyPair(testRand(seed))
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

func mustSeal(t testing.TB, kp KeyPair, password string) SealedKeys {
	t.Helper()
	s, err := Seal(kp, password, cheapParams, testRand(99), keysNow)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func sameKeys(a, b KeyPair) bool {
	return bytes.Equal(a.SignPublic, b.SignPublic) && bytes.Equal(a.SignPrivate, b.SignPrivate) &&
		bytes.Equal(a.BoxPublic, b.BoxPublic) && bytes.Equal(a.BoxPrivate, b.BoxPrivate)
}

func TestNewKeyPair(t *testing.T) {
	a, b, c := mustKeyPair(t, 1), mustKeyPair(t, 1), mustKeyPair(t, 2)
	if !sameKeys(a, b) {
		t.Error("the same randomness gave different keys: the injected reader is not authoritative")
	}
	if bytes.Equal(a.SignPublic, c.SignPublic) || bytes.Equal(a.BoxPublic, c.BoxPublic) {
		t.Error("different randomness gave the same keys")
	}
	if len(a.SignPublic) != ed25519.PublicKeySize || len(a.SignPrivate) != ed25519.PrivateKeySize ||
		len(a.BoxPublic) != 32 || len(a.BoxPrivate) != 32 {
		t.Errorf("key sizes %d/%d/%d/%d", len(a.SignPublic), len(a.SignPrivate), len(a.BoxPublic), len(a.BoxPrivate))
	}
	if _, err := NewKeyPair(bytes.NewReader(make([]byte, 10))); err == nil {
		t.Error("a short reader made keys")
	}
}

func TestSealOpenRoundTrip(t *testing.T) {
	kp := mustKeyPair(t, 1)
	s := mustSeal(t, kp, "correct horse battery")
	if s.KDF != "argon2id" || s.Version != SealedKeysVersion || s.Created != "2026-03-14T09:30:00Z" ||
		s.Time != cheapParams.Time || s.Memory != cheapParams.Memory || s.Threads != cheapParams.Threads {
		t.Errorf("header: %+v", s)
	}
	if bytes.Contains(s.Box, kp.SignPrivate.Seed()) || bytes.Contains(s.Box, kp.BoxPrivate) {
		t.Fatal("a private key is in the box in the clear")
	}
	// The record travels as JSON on the share; it must survive that.
	raw, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back SealedKeys
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	got, err := Open(back, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !sameKeys(got, kp) {
		t.Error("opened keys differ from the sealed ones")
	}
}

func TestOpenWrongPassword(t *testing.T) {
	s := mustSeal(t, mustKeyPair(t, 1), "correct horse battery")
	for _, pw := range []string{"", "correct horse batter", "Correct horse battery", "correct horse battery "} {
		_, err := Open(s, pw)
		if !errors.Is(err, ErrWrongPassword) || errors.Is(err, ErrTampered) {
			t.Errorf("password %q: got %v, want only ErrWrongPassword", pw, err)
		}
	}
}

func TestOpenTampered(t *testing.T) {
	other := mustKeyPair(t, 2)
	flip := func(b []byte) []byte { b = slices.Clone(b); b[len(b)/2] ^= 1; return b }
	tests := []struct {
		name   string
		tamper func(*SealedKeys)
	}{
		{"salt", func(s *SealedKeys) { s.Salt = flip(s.Salt) }},
		{"nonce", func(s *SealedKeys) { s.Nonce = flip(s.Nonce) }},
		{"box", func(s *SealedKeys) { s.Box = flip(s.Box) }},
		{"box truncated", func(s *SealedKeys) { s.Box = s.Box[:len(s.Box)-1] }},
		{"sign public key", func(s *SealedKeys) { s.SignPublic = flip(s.SignPublic) }},
		{"sign public key swapped", func(s *SealedKeys) { s.SignPublic = other.SignPublic }},
		{"box public key swapped", func(s *SealedKeys) { s.BoxPublic = other.BoxPublic }},
		{"time cost", func(s *SealedKeys) { s.Time = 2 }},
		{"memory cost", func(s *SealedKeys) { s.Memory = 16 }},
		{"memory cost huge", func(s *SealedKeys) { s.Memory = 1 << 30 }},
		{"threads", func(s *SealedKeys) { s.Threads = 0 }},
		{"created", func(s *SealedKeys) { s.Created = "2020-01-01T00:00:00Z" }},
		{"kdf", func(s *SealedKeys) { s.KDF = "scrypt" }},
		{"version", func(s *SealedKeys) { s.Version = 2 }},
		{"signature", func(s *SealedKeys) { s.Sig = flip(s.Sig) }},
		{"signature missing", func(s *SealedKeys) { s.Sig = nil }},
		{"public key empty", func(s *SealedKeys) { s.SignPublic = nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSeal(t, mustKeyPair(t, 1), "correct horse battery")
			tt.tamper(&s)
			_, err := Open(s, "correct horse battery")
			if !errors.Is(err, ErrTampered) || errors.Is(err, ErrWrongPassword) {
				t.Errorf("got %v, want only ErrTampered", err)
			}
		})
	}
}

// A box lifted from someone else's record, with their signature too, still fails: the
// self-signature is over this record's public keys.
func TestOpenTransplantedBox(t *testing.T) {
	mine := mustSeal(t, mustKeyPair(t, 1), "correct horse battery")
	theirs := mustSeal(t, mustKeyPair(t, 2), "correct horse battery")
	mine.Box, mine.Sig = theirs.Box, theirs.Sig
	if _, err := Open(mine, "correct horse battery"); !errors.Is(err, ErrTampered) {
		t.Errorf("got %v, want ErrTampered", err)
	}
}

func TestSealRejectsBadInput(t *testing.T) {
	kp := mustKeyPair(t, 1)
	for _, p := range []HashParams{{}, {Time: 1, Memory: 8}, {Time: 1, Memory: 4, Threads: 1}, {Time: 101, Memory: 8, Threads: 1}} {
		if _, err := Seal(kp, "pw", p, testRand(1), keysNow); err == nil {
			t.Errorf("params %+v accepted", p)
		}
	}
	if _, err := Seal(KeyPair{}, "pw", cheapParams, testRand(1), keysNow); err == nil {
		t.Error("an empty key pair was sealed")
	}
	if _, err := Seal(kp, "pw", cheapParams, bytes.NewReader(make([]byte, 20)), keysNow); err == nil {
		t.Error("sealed with too little randomness")
	}
}

func TestReseal(t *testing.T) {
	kp := mustKeyPair(t, 1)
	old := mustSeal(t, kp, "first password here")
	later := keysNow.Add(48 * time.Hour)
	s, err := Reseal(old, "first password here", "second password here", cheapParams, testRand(7), later)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s.SignPublic, old.SignPublic) || !bytes.Equal(s.BoxPublic, old.BoxPublic) {
		t.Error("reseal changed the public keys, so earlier signatures and envelopes would break")
	}
	if bytes.Equal(s.Salt, old.Salt) || bytes.Equal(s.Nonce, old.Nonce) {
		t.Error("reseal reused the salt or nonce")
	}
	if s.Created != "2026-03-16T09:30:00Z" {
		t.Errorf("created %q", s.Created)
	}
	if _, err := Open(s, "first password here"); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("old password on the new record: %v, want ErrWrongPassword", err)
	}
	got, err := Open(s, "second password here")
	if err != nil {
		t.Fatal(err)
	}
	if !sameKeys(got, kp) {
		t.Error("reseal changed the private keys")
	}
	if _, err := Reseal(old, "not the password", "x", cheapParams, testRand(7), later); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("reseal with the wrong old password: %v", err)
	}
}

func sampleOp() Op {
	return Op{
		Format: OpFormat,
		ID:     "op-1",
		Table:  "signoffs",
		Row:    "so-1",
		Kind:   OpPut,
		Fields: map[string]any{
			"competency": "c-17", "by": "u-preceptor", "count": float64(3), "met": true,
			"note": "<safe & sound>", "nested": map[string]any{"b": 1.5, "a": nil},
		},
		Base:     map[string]string{"competency": "000001700000000.00000000.dev-a"},
		Resolves: map[string][]string{"note": {"x", "y"}},
		HLC:      "000001700000001.00000000.dev-a",
		Device:   "dev-a",
		Author:   "u-preceptor",
	}
}

func signed(t testing.TB, priv ed25519.PrivateKey, op Op) Op {
	t.Helper()
	sig, err := SignOp(priv, op)
	if err != nil {
		t.Fatal(err)
	}
	op.Sig = sig
	return op
}

func TestSignVerifyOp(t *testing.T) {
	kp := mustKeyPair(t, 1)
	op := signed(t, kp.SignPrivate, sampleOp())
	if err := VerifyOp(kp.SignPublic, op); err != nil {
		t.Fatal(err)
	}
	if _, err := base64.StdEncoding.Strict().DecodeString(op.Sig); err != nil {
		t.Errorf("signature is not standard base64: %v", err)
	}
	// As another device sees it: through JSON, numbers as float64, maps rebuilt.
	raw, err := json.Marshal(op)
	if err != nil {
		t.Fatal(err)
	}
	var back Op
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if err := VerifyOp(kp.SignPublic, back); err != nil {
		t.Errorf("after a JSON round trip: %v", err)
	}
	if err := VerifyOp(mustKeyPair(t, 2).SignPublic, op); !errors.Is(err, ErrBadSignature) {
		t.Errorf("someone else's key: %v", err)
	}
}

func TestSignOpExcludesSig(t *testing.T) {
	kp := mustKeyPair(t, 1)
	op := sampleOp()
	a, _ := SignOp(kp.SignPrivate, op)
	op.Sig = "anything at all"
	b, _ := SignOp(kp.SignPrivate, op)
	if a != b {
		t.Error("the Sig field changed what is signed")
	}
}

// Map insertion order must not matter: encoding/json sorts keys, and Ed25519 is
// deterministic, so the same operation always yields the same signature.
func TestSignOpDeterministic(t *testing.T) {
	kp := mustKeyPair(t, 1)
	keys := []string{"z", "a", "m", "b", "y", "c", "k"}
	var sigs []string
	for i := range 20 {
		op := sampleOp()
		op.Fields = map[string]any{}
		for j := range keys {
			k := keys[(i+j)%len(keys)]
			op.Fields[k] = k + "-value"
		}
		sig, err := SignOp(kp.SignPrivate, op)
		if err != nil {
			t.Fatal(err)
		}
		sigs = append(sigs, sig)
	}
	for _, s := range sigs[1:] {
		if s != sigs[0] {
			t.Fatal("the same operation gave different signatures")
		}
	}
}

func TestVerifyOpDetectsChanges(t *testing.T) {
	kp := mustKeyPair(t, 1)
	tests := []struct {
		name   string
		change func(*Op)
	}{
		{"format", func(o *Op) { o.Format = 2 }},
		{"id", func(o *Op) { o.ID = "op-2" }},
		{"table", func(o *Op) { o.Table = "users" }},
		{"row", func(o *Op) { o.Row = "so-2" }},
		{"kind", func(o *Op) { o.Kind = OpDelete }},
		{"field value", func(o *Op) { o.Fields["competency"] = "c-18" }},
		{"field type", func(o *Op) { o.Fields["count"] = "3" }},
		{"field added", func(o *Op) { o.Fields["role"] = "administrator" }},
		{"field removed", func(o *Op) { delete(o.Fields, "met") }},
		{"nested field", func(o *Op) { o.Fields["nested"].(map[string]any)["a"] = 0.0 }},
		{"fields dropped", func(o *Op) { o.Fields = nil }},
		{"base", func(o *Op) { o.Base["competency"] = "000001700000000.00000001.dev-a" }},
		{"resolves", func(o *Op) { o.Resolves["note"] = []string{"y", "x"} }},
		{"hlc", func(o *Op) { o.HLC = "000001800000001.00000000.dev-a" }},
		{"device", func(o *Op) { o.Device = "dev-b" }},
		{"author", func(o *Op) { o.Author = "u-other" }},
		{"enc", func(o *Op) { o.Enc = "ciphertext" }},
		{"sig flipped", func(o *Op) {
			b, _ := base64.StdEncoding.DecodeString(o.Sig)
			b[0] ^= 1
			o.Sig = base64.StdEncoding.EncodeToString(b)
		}},
		{"sig missing", func(o *Op) { o.Sig = "" }},
		{"sig not base64", func(o *Op) { o.Sig = "!!" + o.Sig[2:] }},
		{"sig truncated", func(o *Op) { o.Sig = o.Sig[:len(o.Sig)-4] }},
		{"sig lengthened", func(o *Op) { o.Sig += "AAAA" }},
		{"sig path added", func(o *Op) {
			b, _ := base64.StdEncoding.DecodeString(o.Sig)
			o.Sig = base64.StdEncoding.EncodeToString(append(b, make([]byte, 32)...))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op := signed(t, kp.SignPrivate, sampleOp())
			tt.change(&op)
			if err := VerifyOp(kp.SignPublic, op); !errors.Is(err, ErrBadSignature) {
				t.Errorf("got %v, want ErrBadSignature", err)
			}
		})
	}
}

func TestSignVerifyOpBadKeys(t *testing.T) {
	op := signed(t, mustKeyPair(t, 1).SignPrivate, sampleOp())
	for _, pub := range []ed25519.PublicKey{nil, make([]byte, 31), make([]byte, 33)} {
		if err := VerifyOp(pub, op); !errors.Is(err, ErrBadSignature) {
			t.Errorf("public key of %d bytes: %v", len(pub), err)
		}
	}
	if _, err := SignOp(make([]byte, 10), op); err == nil {
		t.Error("signed with a 10-byte private key")
	}
	bad := sampleOp()
	bad.Fields["x"] = func() {} // not JSON: must be an error, not a signature over something else
	if _, err := SignOp(mustKeyPair(t, 1).SignPrivate, bad); err == nil {
		t.Error("signed an operation that cannot be encoded")
	}
}

func TestKeyHistoryValidAt(t *testing.T) {
	k1, k2, k3 := mustKeyPair(t, 1).SignPublic, mustKeyPair(t, 2).SignPublic, mustKeyPair(t, 3).SignPublic
	day := func(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }
	var h KeyHistory
	h = h.Retire(k1, time.Time{}, day(10)) // the first key, lost on the 10th
	h2 := h.Retire(k2, day(10), day(20))   // its replacement, lost on the 20th
	if len(h) != 1 {
		t.Fatal("Retire changed the history it was called on")
	}
	tests := []struct {
		name string
		pub  ed25519.PublicKey
		at   time.Time
		want bool
	}{
		{"first key, long before", k1, day(1).AddDate(-5, 0, 0), true},
		{"first key, just before retirement", k1, day(10).Add(-time.Millisecond), true},
		{"first key, at retirement", k1, day(10), false},
		{"first key, after", k1, day(15), false},
		{"second key, at its start", k2, day(10), true},
		{"second key, before its start", k2, day(9), false},
		{"second key, inside", k2, day(19), true},
		{"second key, after", k2, day(21), false},
		{"never listed", k3, day(5), false},
		{"not a key", ed25519.PublicKey{1, 2, 3}, day(5), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := h2.ValidAt(tt.pub, tt.at); got != tt.want {
				t.Errorf("ValidAt = %v, want %v", got, tt.want)
			}
		})
	}
	// The history travels with the account record.
	raw, err := json.Marshal(h2)
	if err != nil {
		t.Fatal(err)
	}
	var back KeyHistory
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if !back.ValidAt(k2, day(15)) || back.ValidAt(k2, day(25)) || !back.ValidAt(k1, day(1)) {
		t.Errorf("after JSON: %s", raw)
	}
}

func TestEnvelope(t *testing.T) {
	preceptee, manager, other := mustKeyPair(t, 1), mustKeyPair(t, 2), mustKeyPair(t, 3)
	plain := []byte("6-month career conversation: wants to move to ITU")
	e, err := SealFor(map[string][]byte{"u-preceptee": preceptee.BoxPublic, "u-manager": manager.BoxPublic}, plain, "", testRand(5))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(e.Data, plain[:20]) {
		t.Fatal("plaintext visible in the envelope")
	}
	raw, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back Envelope
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	for id, kp := range map[string]KeyPair{"u-preceptee": preceptee, "u-manager": manager} {
		got, err := back.OpenAs(id, kp.BoxPrivate, "")
		if err != nil || !bytes.Equal(got, plain) {
			t.Errorf("%s: %q, %v", id, got, err)
		}
	}
	if _, err := back.OpenAs("u-other", other.BoxPrivate, ""); !errors.Is(err, ErrNotARecipient) {
		t.Errorf("third account: %v, want ErrNotARecipient", err)
	}
	// A third account claiming a reader's id still lacks that reader's private key.
	if _, err := back.OpenAs("u-manager", other.BoxPrivate, ""); !errors.Is(err, ErrOtherKey) {
		t.Errorf("third account under the manager's id: %v, want ErrOtherKey", err)
	}
	// Determinism: the same inputs give the same envelope regardless of map order.
	again, _ := SealFor(map[string][]byte{"u-manager": manager.BoxPublic, "u-preceptee": preceptee.BoxPublic}, plain, "", testRand(5))
	raw2, _ := json.Marshal(again)
	if !bytes.Equal(raw, raw2) {
		t.Error("the same inputs gave different envelopes")
	}
}

func TestEnvelopeTampered(t *testing.T) {
	a, b := mustKeyPair(t, 1), mustKeyPair(t, 2)
	flip := func(x []byte) []byte { x = slices.Clone(x); x[len(x)/2] ^= 1; return x }
	tests := []struct {
		name   string
		tamper func(*Envelope)
		want   error
	}{
		{"ciphertext", func(e *Envelope) { e.Data = flip(e.Data) }, ErrTampered},
		{"ciphertext truncated", func(e *Envelope) { e.Data = e.Data[:3] }, ErrTampered},
		{"nonce", func(e *Envelope) { e.Nonce = flip(e.Nonce) }, ErrTampered},
		{"nonce short", func(e *Envelope) { e.Nonce = e.Nonce[:5] }, ErrTampered},
		{"version", func(e *Envelope) { e.Version = 9 }, ErrTampered},
		{"wrapped key", func(e *Envelope) { w := e.Keys["a"]; w.Key = flip(w.Key); e.Keys["a"] = w }, ErrTampered},
		{"wrap nonce", func(e *Envelope) { w := e.Keys["a"]; w.Nonce = flip(w.Nonce); e.Keys["a"] = w }, ErrTampered},
		{"ephemeral key", func(e *Envelope) { w := e.Keys["a"]; w.Ephemeral = flip(w.Ephemeral); e.Keys["a"] = w }, ErrTampered},
		{"ephemeral low order", func(e *Envelope) { w := e.Keys["a"]; w.Ephemeral = make([]byte, 32); e.Keys["a"] = w }, ErrTampered},
		{"ephemeral missing", func(e *Envelope) { w := e.Keys["a"]; w.Ephemeral = nil; e.Keys["a"] = w }, ErrTampered},
		// b's entry filed under a's id (with a's public key as "to"): the reader's id is
		// bound into the key derivation, so it does not open.
		{"entry moved between readers", func(e *Envelope) { w := e.Keys["b"]; w.To = e.Keys["a"].To; e.Keys["a"] = w }, ErrTampered},
		{"reader removed", func(e *Envelope) { delete(e.Keys, "a") }, ErrNotARecipient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := SealFor(map[string][]byte{"a": a.BoxPublic, "b": b.BoxPublic}, []byte("confidential"), "", testRand(5))
			if err != nil {
				t.Fatal(err)
			}
			tt.tamper(&e)
			if _, err := e.OpenAs("a", a.BoxPrivate, ""); !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

// After an administrator resets a lost password the account has new keys; a record sealed
// to the old box key says so plainly rather than looking damaged.
func TestEnvelopeAfterReset(t *testing.T) {
	before, after := mustKeyPair(t, 1), mustKeyPair(t, 4)
	e, err := SealFor(map[string][]byte{"u": before.BoxPublic}, []byte("x"), "", testRand(5))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.OpenAs("u", after.BoxPrivate, ""); !errors.Is(err, ErrOtherKey) {
		t.Errorf("got %v, want ErrOtherKey", err)
	}
	if _, err := e.OpenAs("u", []byte{1, 2, 3}, ""); err == nil {
		t.Error("opened with a 3-byte private key")
	}
}

func TestSealForRejectsBadRecipients(t *testing.T) {
	if _, err := SealFor(nil, []byte("x"), "", testRand(1)); err == nil {
		t.Error("sealed for nobody")
	}
	for name, pub := range map[string][]byte{"short": {1, 2, 3}, "low order": make([]byte, 32)} {
		if _, err := SealFor(map[string][]byte{"u": pub}, []byte("x"), "", testRand(1)); err == nil {
			t.Errorf("%s public key accepted", name)
		}
	}
	if _, err := SealFor(map[string][]byte{"u": mustKeyPair(t, 1).BoxPublic}, []byte("x"), "", bytes.NewReader(nil)); err == nil {
		t.Error("sealed without randomness")
	}
}

// FuzzOpenSealedKeys feeds arbitrary records and passwords to Open: it must never panic, and
// anything it does open must be exactly the original keys under the original password.
func FuzzOpenSealedKeys(f *testing.F) {
	kp := mustKeyPair(f, 1)
	s := mustSeal(f, kp, "correct horse battery")
	good, _ := json.Marshal(s)
	f.Add(good, "correct horse battery")
	f.Add(good, "wrong")
	f.Add([]byte(`{"v":1,"kdf":"argon2id","time":4294967295,"memory":4294967295,"threads":255}`), "")
	f.Add([]byte(`{}`), "")
	f.Fuzz(func(t *testing.T, raw []byte, password string) {
		var in SealedKeys
		if json.Unmarshal(raw, &in) != nil {
			return
		}
		got, err := Open(in, password)
		if err != nil {
			if !errors.Is(err, ErrTampered) && !errors.Is(err, ErrWrongPassword) {
				t.Fatalf("unclassified error: %v", err)
			}
			return
		}
		if !sameKeys(got, kp) || password != "correct horse battery" {
			t.Fatalf("opened something other than the original: %s / %q", raw, password)
		}
	})
}

// FuzzVerifyOp feeds arbitrary operations and public keys to VerifyOp: it must never panic,
// and whatever verifies under the author's key must mean exactly what the author signed.
func FuzzVerifyOp(f *testing.F) {
	kp := mustKeyPair(f, 1)
	op := signed(f, kp.SignPrivate, sampleOp())
	good, _ := json.Marshal(op)
	want, _ := opSigned(op)
	f.Add(good, []byte(kp.SignPublic))
	f.Add(good, []byte{})
	f.Add([]byte(`{"sig":"AAAA"}`), []byte(kp.SignPublic))
	f.Fuzz(func(t *testing.T, raw, pub []byte) {
		var in Op
		if json.Unmarshal(raw, &in) != nil {
			return
		}
		err := VerifyOp(ed25519.PublicKey(pub), in)
		if err != nil {
			if !errors.Is(err, ErrBadSignature) {
				t.Fatalf("unclassified error: %v", err)
			}
			return
		}
		if bytes.Equal(pub, kp.SignPublic) {
			if got, _ := opSigned(in); !bytes.Equal(got, want) {
				t.Fatalf("a different operation verified:\n%s\nwant\n%s", got, want)
			}
		}
	})
}

// A record whose box holds keys other than its public ones is refused even with the right
// password and a valid self-signature: opening it would let someone sign as another person.
func TestOpenMismatchedKeysInside(t *testing.T) {
	a, b := mustKeyPair(t, 1), mustKeyPair(t, 2)
	s := mustSeal(t, a, "correct horse battery")
	aead, err := chacha20poly1305.NewX(sealKey("correct horse battery", s))
	if err != nil {
		t.Fatal(err)
	}
	s.Box = aead.Seal(nil, s.Nonce, append(b.SignPrivate.Seed(), b.BoxPrivate...), sealHeader(s))
	s.Sig = ed25519.Sign(a.SignPrivate, sealSigned(s))
	if _, err := Open(s, "correct horse battery"); !errors.Is(err, ErrTampered) {
		t.Errorf("got %v, want ErrTampered", err)
	}
}

// A save of n operations is signed once; every operation verifies on its own, through
// JSON, and no operation verifies with another one's signature.
func TestSignOpsSave(t *testing.T) {
	kp := mustKeyPair(t, 1)
	for n := 1; n <= 9; n++ {
		ops := make([]Op, n)
		for i := range ops {
			ops[i] = sampleOp()
			ops[i].ID = fmt.Sprintf("op-%d", i)
		}
		if err := SignOps(kp.SignPrivate, ops); err != nil {
			t.Fatal(err)
		}
		var v OpVerifier
		for i, op := range ops {
			raw, _ := json.Marshal(op)
			var back Op
			if err := json.Unmarshal(raw, &back); err != nil {
				t.Fatal(err)
			}
			if err := v.Verify(kp.SignPublic, back); err != nil {
				t.Errorf("save of %d, operation %d: %v", n, i, err)
			}
			for j := range ops {
				swapped := op
				swapped.Sig = ops[j].Sig
				if err := VerifyOp(kp.SignPublic, swapped); (err == nil) != (i == j) {
					t.Errorf("save of %d: operation %d with the signature of %d: %v", n, i, j, err)
				}
			}
		}
		if n > 1 && len(v.good) != 1 {
			t.Errorf("save of %d: %d Ed25519 checks remembered, want 1", n, len(v.good))
		}
	}
}

// A verifier's memory must never let through an operation its root does not cover.
func TestOpVerifierCacheIsNotAShortcut(t *testing.T) {
	kp := mustKeyPair(t, 1)
	ops := []Op{sampleOp(), sampleOp(), sampleOp()}
	ops[1].ID, ops[2].ID = "op-b", "op-c"
	if err := SignOps(kp.SignPrivate, ops); err != nil {
		t.Fatal(err)
	}
	var v OpVerifier
	if err := v.Verify(kp.SignPublic, ops[0]); err != nil {
		t.Fatal(err)
	}
	forged := ops[1]
	forged.Fields = map[string]any{"role": "admin"}
	if err := v.Verify(kp.SignPublic, forged); !errors.Is(err, ErrBadSignature) {
		t.Errorf("an altered sibling verified from memory: %v", err)
	}
	if err := v.Verify(mustKeyPair(t, 2).SignPublic, ops[1]); !errors.Is(err, ErrBadSignature) {
		t.Errorf("another key verified from memory: %v", err)
	}
}

// An envelope opens only for what it was sealed about.
func TestEnvelopeAbout(t *testing.T) {
	kp := mustKeyPair(t, 1)
	e, err := SealFor(map[string][]byte{"u": kp.BoxPublic}, []byte("words"), "career_conversations/cc-1/h1", testRand(5))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := e.OpenAs("u", kp.BoxPrivate, "career_conversations/cc-1/h1"); err != nil || string(got) != "words" {
		t.Fatalf("%q %v", got, err)
	}
	for _, about := range []string{"career_conversations/cc-1/h2", "career_conversations/cc-2/h1", ""} {
		if _, err := e.OpenAs("u", kp.BoxPrivate, about); !errors.Is(err, ErrTampered) {
			t.Errorf("opened about %q: %v", about, err)
		}
	}
}
