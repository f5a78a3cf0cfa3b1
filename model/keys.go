package model

// Keys per person (issue 7): every account holds an Ed25519 signing key and an X25519 box
// key. The private halves never leave a device in the clear: they travel on the share sealed
// under the person's password. This file is pure domain code — no files, no clock, no global
// randomness — so every byte it produces can be reproduced in a test.

import (
	"bytes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
)

// Errors callers branch on. ErrWrongPassword (errors.go) is the other outcome of Open.
var (
	// ErrTampered means a sealed record or an envelope is not as its author wrote it:
	// damaged on disk, or edited by someone on the share. Never the person's fault, so the
	// UI must not tell them to retype their password.
	ErrTampered = errors.New("altered or damaged")
	// ErrBadSignature means an operation's signature is missing, malformed or does not
	// match; sync keeps such operations aside as "rejected changes".
	ErrBadSignature = errors.New("signature does not verify")
	// ErrNotARecipient means a confidential record was not encrypted to this person.
	ErrNotARecipient = errors.New("not a reader of this record")
	// ErrOtherKey means the record was encrypted to this person, but to a different box
	// key — typically one from before an administrator reset their lost password — so it
	// needs to be shared with them again by another reader.
	ErrOtherKey = errors.New("encrypted to an earlier key of this account")
)

// KeyPair is one person's keys. The private halves exist in memory only after Open.
type KeyPair struct {
	SignPublic  ed25519.PublicKey
	SignPrivate ed25519.PrivateKey
	BoxPublic   []byte // X25519, 32 bytes
	BoxPrivate  []byte // X25519, 32 bytes
}

const x25519KeySize = 32

// NewKeyPair makes fresh keys from 64 bytes of rand. Both private keys are built from seeds
// read here rather than by ed25519.GenerateKey / ecdh GenerateKey, because since Go 1.26
// crypto/ecdh ignores its reader; reading the seeds ourselves keeps the injected reader
// authoritative (tests stay reproducible, production passes crypto/rand.Reader).
func NewKeyPair(rand io.Reader) (KeyPair, error) {
	seed := make([]byte, ed25519.SeedSize+x25519KeySize)
	if _, err := io.ReadFull(rand, seed); err != nil {
		return KeyPair{}, fmt.Errorf("new keys: read randomness: %w", err)
	}
	return keyPairFromSeeds(seed[:ed25519.SeedSize], seed[ed25519.SeedSize:])
}

// keyPairFromSeeds rebuilds a key pair from the two 32-byte secrets that Seal stores.
func keyPairFromSeeds(signSeed, boxSeed []byte) (KeyPair, error) {
	if len(signSeed) != ed25519.SeedSize || len(boxSeed) != x25519KeySize {
		return KeyPair{}, errors.New("keys: wrong seed length")
	}
	priv := ed25519.NewKeyFromSeed(signSeed)
	box, err := ecdh.X25519().NewPrivateKey(boxSeed)
	if err != nil {
		return KeyPair{}, fmt.Errorf("keys: %w", err)
	}
	return KeyPair{
		SignPublic:  priv.Public().(ed25519.PublicKey),
		SignPrivate: priv,
		BoxPublic:   box.PublicKey().Bytes(),
		BoxPrivate:  box.Bytes(),
	}, nil
}

// ---------------------------------------------------------------------------------------
// Sealed keys
// ---------------------------------------------------------------------------------------

// SealedKeysVersion is the layout of SealedKeys below; Open refuses any other.
const SealedKeysVersion = 1

const (
	sealSaltSize = 16
	sealedSize   = ed25519.SeedSize + x25519KeySize // the plaintext: two 32-byte seeds
)

// SealedKeys is a person's private keys encrypted under their password, with the public
// keys alongside in the clear. It is what travels with the account record, so a password
// change on one device lets the person sign in and open their keys on every other device.
//
// Sig is a self-signature by the sealed Ed25519 key over every other field. It is what lets
// Open tell a wrong password from an altered record: with an AEAD alone both look the same
// (the tag just fails), and an edited salt or cost would even make the right password look
// wrong. Callers must still compare SignPublic with the key in the (administrator-signed)
// account record: someone who replaces the whole record with keys of their own can sign it
// themselves, and only that comparison catches it.
type SealedKeys struct {
	Version    int    `json:"v"`
	KDF        string `json:"kdf"` // "argon2id"
	Salt       []byte `json:"salt"`
	Time       uint32 `json:"time"`
	Memory     uint32 `json:"memory"` // KiB
	Threads    uint8  `json:"threads"`
	Nonce      []byte `json:"nonce"` // XChaCha20-Poly1305, 24 bytes
	Box        []byte `json:"box"`   // the two private seeds, sealed
	SignPublic []byte `json:"sign_public"`
	BoxPublic  []byte `json:"box_public"`
	Created    string `json:"created"` // when this sealing was made (RFC 3339, UTC): key creation or the last password change
	Sig        []byte `json:"sig"`
}

// checkSealParams bounds argon2id's costs. The same limits as VerifyPassword: a zero cost
// would make argon2 panic or give no protection, and a huge one planted on the share would
// make every sign-in hang.
func checkSealParams(p HashParams) error {
	if !p.usable() {
		return fmt.Errorf("sealed keys: bad argon2id parameters (time %d, memory %d KiB, threads %d)", p.Time, p.Memory, p.Threads)
	}
	return nil
}

// Seal encrypts kp's private keys under password. The key comes from argon2id with a fresh
// salt; the AEAD is XChaCha20-Poly1305, whose 24-byte nonce is safe to draw at random.
func Seal(kp KeyPair, password string, p HashParams, rand io.Reader, now time.Time) (SealedKeys, error) {
	if err := checkSealParams(p); err != nil {
		return SealedKeys{}, err
	}
	if len(kp.SignPrivate) != ed25519.PrivateKeySize || len(kp.BoxPrivate) != x25519KeySize {
		return SealedKeys{}, errors.New("seal keys: incomplete key pair")
	}
	// Rebuild from the secrets so the public halves recorded are the true ones, whatever
	// the caller's struct says.
	kp, err := keyPairFromSeeds(kp.SignPrivate.Seed(), kp.BoxPrivate)
	if err != nil {
		return SealedKeys{}, err
	}
	s := SealedKeys{
		Version:    SealedKeysVersion,
		KDF:        "argon2id",
		Salt:       make([]byte, sealSaltSize),
		Time:       p.Time,
		Memory:     p.Memory,
		Threads:    p.Threads,
		Nonce:      make([]byte, chacha20poly1305.NonceSizeX),
		SignPublic: slices.Clone(kp.SignPublic),
		BoxPublic:  slices.Clone(kp.BoxPublic),
		Created:    now.UTC().Format(time.RFC3339),
	}
	if _, err := io.ReadFull(rand, s.Salt); err != nil {
		return SealedKeys{}, fmt.Errorf("seal keys: read salt: %w", err)
	}
	if _, err := io.ReadFull(rand, s.Nonce); err != nil {
		return SealedKeys{}, fmt.Errorf("seal keys: read nonce: %w", err)
	}
	aead, err := chacha20poly1305.NewX(sealKey(password, s))
	if err != nil {
		return SealedKeys{}, fmt.Errorf("seal keys: %w", err)
	}
	plain := make([]byte, 0, sealedSize)
	plain = append(plain, kp.SignPrivate.Seed()...)
	plain = append(plain, kp.BoxPrivate...)
	// The header (public keys included) is the additional data, so a box moved under
	// somebody else's public keys fails to open even before the self-signature is checked.
	s.Box = aead.Seal(nil, s.Nonce, plain, sealHeader(s))
	clear(plain)
	s.Sig = ed25519.Sign(kp.SignPrivate, sealSigned(s))
	return s, nil
}

// Open checks and decrypts sealed keys. The checks run cheapest and least secret first:
//
//  1. shape (version, KDF, sizes, costs)       → ErrTampered
//  2. self-signature under SignPublic          → ErrTampered
//  3. argon2id + AEAD with the password        → ErrWrongPassword
//  4. the decrypted keys match the public ones → ErrTampered
//
// Because step 2 has already proved every field is as the key holder wrote it, a failure at
// step 3 can only be the password. Step 2 also means a record planted on the share cannot
// make this device run argon2 with costs the holder did not choose.
func Open(s SealedKeys, password string) (KeyPair, error) {
	if err := checkSealedShape(s); err != nil {
		return KeyPair{}, err
	}
	if !ed25519.Verify(ed25519.PublicKey(s.SignPublic), sealSigned(s), s.Sig) {
		return KeyPair{}, fmt.Errorf("sealed keys: %w (the signature over them does not match)", ErrTampered)
	}
	aead, err := chacha20poly1305.NewX(sealKey(password, s))
	if err != nil {
		return KeyPair{}, fmt.Errorf("open keys: %w", err)
	}
	plain, err := aead.Open(nil, s.Nonce, s.Box, sealHeader(s))
	if err != nil {
		return KeyPair{}, fmt.Errorf("open keys: %w", ErrWrongPassword)
	}
	defer clear(plain)
	kp, err := keyPairFromSeeds(plain[:ed25519.SeedSize], plain[ed25519.SeedSize:])
	if err != nil || !bytes.Equal(kp.SignPublic, s.SignPublic) || !bytes.Equal(kp.BoxPublic, s.BoxPublic) {
		// Only someone who knew the password could get here: the sealer put keys in the
		// box that are not the ones it recorded. Refuse rather than sign as someone else.
		return KeyPair{}, fmt.Errorf("sealed keys: %w (the keys inside do not match the public keys)", ErrTampered)
	}
	return kp, nil
}

// Reseal re-encrypts the same keys under a new password, with a fresh salt and nonce, after
// proving the old one. The public keys — and so every signature made so far — are unchanged.
func Reseal(s SealedKeys, oldPassword, newPassword string, p HashParams, rand io.Reader, now time.Time) (SealedKeys, error) {
	kp, err := Open(s, oldPassword)
	if err != nil {
		return SealedKeys{}, err
	}
	defer clear(kp.BoxPrivate)
	defer clear(kp.SignPrivate)
	return Seal(kp, newPassword, p, rand, now)
}

func checkSealedShape(s SealedKeys) error {
	var why string
	switch {
	case s.Version != SealedKeysVersion:
		why = fmt.Sprintf("unknown version %d", s.Version)
	case s.KDF != "argon2id":
		why = fmt.Sprintf("unknown key derivation %q", truncate(s.KDF, 40))
	case len(s.Salt) != sealSaltSize:
		why = "salt has the wrong length"
	case len(s.Nonce) != chacha20poly1305.NonceSizeX:
		why = "nonce has the wrong length"
	case len(s.Box) != sealedSize+chacha20poly1305.Overhead:
		why = "box has the wrong length"
	case len(s.SignPublic) != ed25519.PublicKeySize:
		why = "signing key has the wrong length" // ed25519.Verify would panic on it
	case len(s.BoxPublic) != x25519KeySize:
		why = "box key has the wrong length"
	case len(s.Sig) != ed25519.SignatureSize:
		why = "signature has the wrong length"
	default:
		if err := checkSealParams(HashParams{Time: s.Time, Memory: s.Memory, Threads: s.Threads}); err != nil {
			why = "costs out of range"
		}
	}
	if why != "" {
		return fmt.Errorf("sealed keys: %w (%s)", ErrTampered, why)
	}
	return nil
}

func sealKey(password string, s SealedKeys) []byte {
	return argon2.IDKey([]byte(password), s.Salt, s.Time, s.Memory, s.Threads, chacha20poly1305.KeySize)
}

// sealHeader is every field but Box and Sig, length-prefixed so no two records share an
// encoding (plain concatenation would let bytes slide from one field into the next).
func sealHeader(s SealedKeys) []byte {
	var b []byte
	b = appendField(b, []byte("pursuit sealed keys v1"))
	b = binary.BigEndian.AppendUint64(b, uint64(s.Version))
	b = appendField(b, []byte(s.KDF))
	b = appendField(b, s.Salt)
	b = binary.BigEndian.AppendUint32(b, s.Time)
	b = binary.BigEndian.AppendUint32(b, s.Memory)
	b = append(b, s.Threads)
	b = appendField(b, s.Nonce)
	b = appendField(b, s.SignPublic)
	b = appendField(b, s.BoxPublic)
	b = appendField(b, []byte(s.Created))
	return b
}

// sealSigned is what the self-signature covers: the header and the box.
func sealSigned(s SealedKeys) []byte { return appendField(sealHeader(s), s.Box) }

func appendField(b, field []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(field)))
	return append(b, field...)
}

// ---------------------------------------------------------------------------------------
// Key history
// ---------------------------------------------------------------------------------------

// PastKey is a signing key an account used to have: from Since (zero: from the account's
// start) until Retired, when its owner changed the password or an administrator reset it.
//
// A closed key (every key retired by this version) counts only for the saves listed in
// Signed: what it had signed as far as the device that retired it knew, plus any save its
// owner or an administrator vouched for later. Anyone who learns the old password can still
// open the old sealed copy of the key in the shared folder's history, but nothing new they
// sign with it counts, whatever date they give it. Keys retired by earlier versions have no
// list and count by date (ValidAt).
type PastKey struct {
	SignPublic ed25519.PublicKey `json:"sign_public"`
	Since      time.Time         `json:"since,omitzero"`
	Retired    time.Time         `json:"retired"`
	Closed     bool              `json:"closed,omitempty"`
	Signed     []byte            `json:"signed,omitempty"` // SaveIDs, sorted, end to end
}

// KeyHistory is an account's retired signing keys. The current key lives in the account
// record and is not listed here.
type KeyHistory []PastKey

// ValidAt says whether pub was one of the account's keys at t, i.e. whether a signature by
// pub on an operation made at t still counts, for keys retired without a closing list. Without this an administrator's reset would
// void every sign-off the person ever gave.
//
// t must be a time the signer could not choose freely. For a lost password that is the
// operation's own clock: nobody can open the old key any more, so nobody can backdate with
// it. If a key was retired because it was stolen, the verifier should instead use the time
// the operation first reached the share, or an attacker could date new forgeries to before
// the retirement.
func (h KeyHistory) ValidAt(pub ed25519.PublicKey, t time.Time) bool {
	if len(pub) != ed25519.PublicKeySize {
		return false
	}
	for _, k := range h {
		if !k.Closed && bytes.Equal(k.SignPublic, pub) && !t.Before(k.Since) && t.Before(k.Retired) {
			return true
		}
	}
	return false
}

// Retire returns the history with pub added as retired at the given time. It copies, so a
// history shared with another record is never changed behind its back.
func (h KeyHistory) Retire(pub ed25519.PublicKey, since, retired time.Time) KeyHistory {
	out := slices.Clone(h)
	return append(out, PastKey{SignPublic: slices.Clone(pub), Since: since, Retired: retired})
}

// ---------------------------------------------------------------------------------------
// Envelopes for confidential records
// ---------------------------------------------------------------------------------------

// EnvelopeVersion is the layout of Envelope below; OpenAs refuses any other.
const EnvelopeVersion = 1

// Envelope is a confidential payload encrypted once under a random content key, with that
// key wrapped separately for each reader. Adding a reader later means wrapping one more
// key, not re-encrypting the record. Its integrity as a whole (who the readers are) comes
// from the operation signature that covers Op.Enc; the AEADs here protect each part.
type Envelope struct {
	Version int                   `json:"v"`
	Nonce   []byte                `json:"nonce"`
	Data    []byte                `json:"data"`
	Keys    map[string]WrappedKey `json:"keys"` // reader's user id → the content key for them
}

// WrappedKey is the content key sealed to one reader by ephemeral-static X25519: the sender
// makes a one-off key pair, so nothing on the share links envelopes to the sender's key, and
// the derived wrapping key is used exactly once.
type WrappedKey struct {
	To        []byte `json:"to"`  // the reader's X25519 public key at the time
	Ephemeral []byte `json:"eph"` // the one-off X25519 public key
	Nonce     []byte `json:"nonce"`
	Key       []byte `json:"key"` // the content key, sealed
}

const envelopeContext = "pursuit envelope v1"

// SealFor encrypts plaintext so that only the listed readers can open it, bound to what it
// is about (a record and the version of it that carries it): OpenAs with anything else
// fails, so an envelope copied into another record, or under another version's clock,
// cannot pass for its words.
func SealFor(recipients map[string][]byte, plaintext []byte, about string, rand io.Reader) (Envelope, error) {
	if len(recipients) == 0 {
		return Envelope{}, errors.New("encrypt: no readers (nobody could ever open it)")
	}
	contentKey := make([]byte, chacha20poly1305.KeySize)
	defer clear(contentKey)
	e := Envelope{Version: EnvelopeVersion, Nonce: make([]byte, chacha20poly1305.NonceSizeX), Keys: map[string]WrappedKey{}}
	if _, err := io.ReadFull(rand, contentKey); err != nil {
		return Envelope{}, fmt.Errorf("encrypt: read randomness: %w", err)
	}
	if _, err := io.ReadFull(rand, e.Nonce); err != nil {
		return Envelope{}, fmt.Errorf("encrypt: read randomness: %w", err)
	}
	aead, err := chacha20poly1305.NewX(contentKey)
	if err != nil {
		return Envelope{}, fmt.Errorf("encrypt: %w", err)
	}
	e.Data = aead.Seal(nil, e.Nonce, plaintext, envelopeAD(about))
	// Sorted, so the same reader yields the same envelope: map order would otherwise decide
	// which reader gets which random bytes.
	for _, id := range slices.Sorted(maps.Keys(recipients)) {
		w, err := wrapFor(id, recipients[id], contentKey, rand)
		if err != nil {
			return Envelope{}, err
		}
		e.Keys[id] = w
	}
	return e, nil
}

func envelopeAD(about string) []byte { return appendField([]byte(envelopeContext), []byte(about)) }

// OpenAs decrypts the envelope with userID's box private key, if it is about about.
func (e Envelope) OpenAs(userID string, boxPrivate []byte, about string) ([]byte, error) {
	if e.Version != EnvelopeVersion {
		return nil, fmt.Errorf("confidential record: %w (unknown version %d)", ErrTampered, e.Version)
	}
	w, ok := e.Keys[userID]
	if !ok {
		return nil, ErrNotARecipient
	}
	priv, err := ecdh.X25519().NewPrivateKey(boxPrivate)
	if err != nil {
		return nil, fmt.Errorf("open confidential record: %w", err)
	}
	if !bytes.Equal(priv.PublicKey().Bytes(), w.To) {
		return nil, ErrOtherKey
	}
	if len(w.Nonce) != chacha20poly1305.NonceSizeX || len(e.Nonce) != chacha20poly1305.NonceSizeX {
		return nil, fmt.Errorf("confidential record: %w (nonce has the wrong length)", ErrTampered)
	}
	eph, err := ecdh.X25519().NewPublicKey(w.Ephemeral)
	if err != nil {
		return nil, fmt.Errorf("confidential record: %w (bad one-off key)", ErrTampered)
	}
	shared, err := priv.ECDH(eph)
	if err != nil { // a low-order point: the all-zero secret would be no secret at all
		return nil, fmt.Errorf("confidential record: %w (bad one-off key)", ErrTampered)
	}
	wrap, err := wrapAEAD(shared, userID, w.To, w.Ephemeral)
	clear(shared)
	if err != nil {
		return nil, err
	}
	contentKey, err := wrap.Open(nil, w.Nonce, w.Key, wrapAD(userID, w.To, w.Ephemeral))
	if err != nil || len(contentKey) != chacha20poly1305.KeySize {
		return nil, fmt.Errorf("confidential record: %w (its key for this reader does not open)", ErrTampered)
	}
	defer clear(contentKey)
	aead, err := chacha20poly1305.NewX(contentKey)
	if err != nil {
		return nil, fmt.Errorf("open confidential record: %w", err)
	}
	plain, err := aead.Open(nil, e.Nonce, e.Data, envelopeAD(about))
	if err != nil {
		return nil, fmt.Errorf("confidential record: %w (its contents do not decrypt)", ErrTampered)
	}
	return plain, nil
}

func wrapFor(userID string, to, contentKey []byte, rand io.Reader) (WrappedKey, error) {
	pub, err := ecdh.X25519().NewPublicKey(to)
	if err != nil {
		return WrappedKey{}, fmt.Errorf("encrypt for %s: not an X25519 public key", userID)
	}
	// Ephemeral seed read from rand directly: crypto/ecdh's GenerateKey ignores its reader
	// since Go 1.26, and the injected reader must stay authoritative.
	seed := make([]byte, x25519KeySize)
	defer clear(seed)
	w := WrappedKey{To: slices.Clone(to), Nonce: make([]byte, chacha20poly1305.NonceSizeX)}
	if _, err := io.ReadFull(rand, seed); err != nil {
		return WrappedKey{}, fmt.Errorf("encrypt: read randomness: %w", err)
	}
	if _, err := io.ReadFull(rand, w.Nonce); err != nil {
		return WrappedKey{}, fmt.Errorf("encrypt: read randomness: %w", err)
	}
	eph, err := ecdh.X25519().NewPrivateKey(seed)
	if err != nil {
		return WrappedKey{}, fmt.Errorf("encrypt: %w", err)
	}
	w.Ephemeral = eph.PublicKey().Bytes()
	shared, err := eph.ECDH(pub)
	if err != nil {
		return WrappedKey{}, fmt.Errorf("encrypt for %s: unusable public key: %w", userID, err)
	}
	wrap, err := wrapAEAD(shared, userID, w.To, w.Ephemeral)
	clear(shared)
	if err != nil {
		return WrappedKey{}, err
	}
	w.Key = wrap.Seal(nil, w.Nonce, contentKey, wrapAD(userID, w.To, w.Ephemeral))
	return w, nil
}

// wrapAEAD derives the one-off wrapping key. HKDF's salt and info bind it to both public
// keys and to the reader's id, so a wrapped key copied under another reader's id, or paired
// with another one-off key, derives a different key and fails to open.
func wrapAEAD(shared []byte, userID string, to, eph []byte) (cipher.AEAD, error) {
	salt := append(slices.Clone(eph), to...)
	info := appendField([]byte(envelopeContext+" wrap"), []byte(userID))
	key := make([]byte, chacha20poly1305.KeySize)
	defer clear(key)
	if _, err := io.ReadFull(hkdf.New(sha256.New, shared, salt, info), key); err != nil {
		return nil, fmt.Errorf("derive key: %w", err)
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("derive key: %w", err)
	}
	return aead, nil
}

func wrapAD(userID string, to, eph []byte) []byte {
	b := appendField([]byte(envelopeContext+" key"), []byte(userID))
	b = appendField(b, to)
	return appendField(b, eph)
}

// ---------------------------------------------------------------------------------------
// Keys on the account record
// ---------------------------------------------------------------------------------------

// SetKeys puts kp's public keys and their sealed private halves on the account.
func (u *User) SetKeys(sealed SealedKeys) error {
	b, err := json.Marshal(sealed)
	if err != nil {
		return fmt.Errorf("account %s: keys: %w", u.Username, err)
	}
	u.SignKey = base64.StdEncoding.EncodeToString(sealed.SignPublic)
	u.BoxKey = base64.StdEncoding.EncodeToString(sealed.BoxPublic)
	u.SealedKeys = string(b)
	return nil
}

// HasKeys says whether the account has keys yet (accounts from before keys, or imported
// with a ready-made password hash, get theirs when their owner next signs in).
func (u User) HasKeys() bool { return u.SignKey != "" }

// Sealed reads the account's sealed keys and checks they belong to its public signing key:
// a sealed record swapped for someone else's would otherwise open and sign as them.
func (u User) Sealed() (SealedKeys, error) {
	var s SealedKeys
	if err := json.Unmarshal([]byte(u.SealedKeys), &s); err != nil {
		return s, fmt.Errorf("account %s: sealed keys: %w (unreadable)", u.Username, ErrTampered)
	}
	if base64.StdEncoding.EncodeToString(s.SignPublic) != u.SignKey || base64.StdEncoding.EncodeToString(s.BoxPublic) != u.BoxKey {
		return s, fmt.Errorf("account %s: sealed keys: %w (not the account's public keys)", u.Username, ErrTampered)
	}
	return s, nil
}

// SigningKey is the account's current public signing key (nil when it has none or it is
// unreadable).
func (u User) SigningKey() ed25519.PublicKey {
	b, err := base64.StdEncoding.Strict().DecodeString(u.SignKey)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil
	}
	return b
}

// BoxPublicKey is the account's current X25519 public key (nil when it has none).
func (u User) BoxPublicKey() []byte {
	b, err := base64.StdEncoding.Strict().DecodeString(u.BoxKey)
	if err != nil || len(b) != x25519KeySize {
		return nil
	}
	return b
}

// History reads the account's retired signing keys; an unreadable history counts as empty
// (it can only make fewer old signatures count, never more).
func (u User) History() KeyHistory {
	var h KeyHistory
	if u.KeyHistory == "" || json.Unmarshal([]byte(u.KeyHistory), &h) != nil {
		return nil
	}
	return h
}

// SetHistory stores h on the account.
func (u *User) SetHistory(h KeyHistory) {
	b, _ := json.Marshal(h) // a slice of plain structs always encodes
	u.KeyHistory = string(b)
}
