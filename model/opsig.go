package model

// Signed operations. An author signs every operation they write, but Ed25519 verification
// costs about 50 µs here, which on a year of a 200-preceptee cohort would add most of the
// time applying it takes. So one signature covers all the operations of one save (one write
// transaction): it signs the root of a hash tree over them, and each operation carries the
// signature plus the short path from its own leaf to that root. Any operation still
// verifies on its own — a save split across two segments, or one operation rejected while
// its siblings apply — and a verifier that has already checked a root skips the Ed25519
// step for its siblings.

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
)

// opSigContext separates operation signatures from any other use of the same key (the
// sealed-keys self-signature): a signature over one can never be replayed as the other.
const opSigContext = "pursuit op signature v1\n"

// opSigned is the exact byte string an operation's leaf covers: the context line and then
// the operation as encoding/json writes it with Sig emptied (omitempty drops the key).
//
// This is deterministic because encoding/json writes struct fields in declaration order and
// sorts map keys (documented since Go 1.0), including maps nested in Fields values. It also
// means what is signed is the operation as any device decodes it, not the raw bytes on the
// share: unknown keys, duplicate keys or a different spelling of the same JSON are decoded
// away before verification, so they cannot smuggle meaning past the signature. Two limits,
// both shared with how operations are stored: strings are valid UTF-8 after a JSON round
// trip (invalid bytes become U+FFFD on both sides), and numbers are compared by their JSON
// text, so an integer beyond 2^53 signed as an int64 will not verify after decoding to
// float64 — the store keeps values in JSON-scalar form, so it never creates one.
func opSigned(op Op) ([]byte, error) {
	op.Sig = ""
	body, err := json.Marshal(op)
	if err != nil {
		return nil, fmt.Errorf("encode operation for signing: %w", err)
	}
	return append([]byte(opSigContext), body...), nil
}

// Leaves and inner nodes hash with different prefixes, so an inner node can never pass for
// an operation (the second-preimage trick against plain hash trees).
func opLeaf(op Op) ([32]byte, error) {
	msg, err := opSigned(op)
	if err != nil {
		return [32]byte{}, err
	}
	return sha256.Sum256(append([]byte{0}, msg...)), nil
}

func opNode(l, r [32]byte) [32]byte {
	var b [65]byte
	b[0] = 1
	copy(b[1:], l[:])
	copy(b[33:], r[:])
	return sha256.Sum256(b[:])
}

// rootMessage is what Ed25519 signs: the context, how many operations the save had, and
// the root. The count pins the tree's shape, so a path cannot be reinterpreted for a tree
// of another size.
func rootMessage(count uint32, root [32]byte) []byte {
	b := append([]byte(opSigContext+"root\n"), binary.BigEndian.AppendUint32(nil, count)...)
	return append(b, root[:]...)
}

// A signature as carried in Op.Sig, before base64: the Ed25519 signature, the operation's
// index and the save's operation count (4 bytes each, big-endian), then the sibling hashes
// from the leaf up. At each level a node with no right-hand sibling (the last of an odd
// count) moves up unchanged and takes no path entry.
const sigHeadSize = ed25519.SignatureSize + 8

// maxOpsPerSignature bounds a save so that a planted count cannot make a verifier walk a
// deep path: 2^24 operations is far beyond any real save (an imported cohort is thousands).
const maxOpsPerSignature = 1 << 24

// SignOps signs the operations of one save together and sets each one's Sig. Their Sig
// fields are ignored on the way in. An empty list is not an error: nothing to sign.
func SignOps(priv ed25519.PrivateKey, ops []Op) error {
	if len(priv) != ed25519.PrivateKeySize {
		return errors.New("sign operations: not an Ed25519 private key") // ed25519.Sign would panic
	}
	if len(ops) == 0 {
		return nil
	}
	if len(ops) > maxOpsPerSignature {
		return fmt.Errorf("sign operations: %d in one save is more than %d", len(ops), maxOpsPerSignature)
	}
	levels := make([][][32]byte, 1)
	for _, op := range ops {
		h, err := opLeaf(op)
		if err != nil {
			return err
		}
		levels[0] = append(levels[0], h)
	}
	for len(levels[len(levels)-1]) > 1 {
		cur := levels[len(levels)-1]
		next := make([][32]byte, 0, (len(cur)+1)/2)
		for i := 0; i < len(cur); i += 2 {
			if i+1 < len(cur) {
				next = append(next, opNode(cur[i], cur[i+1]))
			} else {
				next = append(next, cur[i])
			}
		}
		levels = append(levels, next)
	}
	root := levels[len(levels)-1][0]
	sig := ed25519.Sign(priv, rootMessage(uint32(len(ops)), root))
	for i := range ops {
		b := append([]byte(nil), sig...)
		b = binary.BigEndian.AppendUint32(b, uint32(i))
		b = binary.BigEndian.AppendUint32(b, uint32(len(ops)))
		idx := i
		for _, lvl := range levels[:len(levels)-1] {
			if sib := idx ^ 1; sib < len(lvl) {
				b = append(b, lvl[sib][:]...)
			}
			idx /= 2
		}
		ops[i].Sig = base64.StdEncoding.EncodeToString(b)
	}
	return nil
}

// SignOp signs a save of one operation and returns its signature, for op.Sig.
func SignOp(priv ed25519.PrivateKey, op Op) (string, error) {
	ops := []Op{op}
	if err := SignOps(priv, ops); err != nil {
		return "", err
	}
	return ops[0].Sig, nil
}

// OpVerifier checks operation signatures, remembering the roots it has verified so that
// the other operations of the same save cost only a few hashes. The zero value is ready;
// it is not safe for concurrent use.
type OpVerifier struct {
	good map[string]bool // public key + root message + signature, all verified together
}

// VerifyOp checks op.Sig against pub with a verifier of its own.
func VerifyOp(pub ed25519.PublicKey, op Op) error {
	var v OpVerifier
	return v.Verify(pub, op)
}

// Verify checks op.Sig against pub. Every failure wraps ErrBadSignature with the reason
// the administrator sees under "rejected changes". It says nothing about whether the author
// was allowed to make the change; that is the permissions check, done after this.
func (v *OpVerifier) Verify(pub ed25519.PublicKey, op Op) error {
	if len(pub) != ed25519.PublicKeySize {
		return fmt.Errorf("%w: the author has no valid signing key", ErrBadSignature) // ed25519.Verify would panic
	}
	if op.Sig == "" {
		return fmt.Errorf("%w: the change is not signed", ErrBadSignature)
	}
	// Strict: one signature has exactly one accepted spelling.
	raw, err := base64.StdEncoding.Strict().DecodeString(op.Sig)
	if err != nil || len(raw) < sigHeadSize || (len(raw)-sigHeadSize)%sha256.Size != 0 {
		return fmt.Errorf("%w: the signature is malformed", ErrBadSignature)
	}
	sig := raw[:ed25519.SignatureSize]
	idx := binary.BigEndian.Uint32(raw[ed25519.SignatureSize:])
	count := binary.BigEndian.Uint32(raw[ed25519.SignatureSize+4:])
	path := raw[sigHeadSize:]
	if count == 0 || count > maxOpsPerSignature || idx >= count {
		return fmt.Errorf("%w: the signature is malformed", ErrBadSignature)
	}
	h, err := opLeaf(op)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	for i, n := idx, count; n > 1; i, n = i/2, (n+1)/2 {
		if i^1 >= n { // the last of an odd count: moves up unchanged
			continue
		}
		if len(path) < sha256.Size {
			return fmt.Errorf("%w: the signature is malformed", ErrBadSignature)
		}
		var sib [32]byte
		copy(sib[:], path)
		path = path[sha256.Size:]
		if i%2 == 0 {
			h = opNode(h, sib)
		} else {
			h = opNode(sib, h)
		}
	}
	if len(path) != 0 {
		return fmt.Errorf("%w: the signature is malformed", ErrBadSignature)
	}
	msg := rootMessage(count, h)
	key := string(pub) + string(msg) + string(sig)
	if v.good[key] {
		return nil
	}
	if !ed25519.Verify(pub, msg, sig) {
		return fmt.Errorf("%w: the change was altered or not signed by its author", ErrBadSignature)
	}
	if v.good == nil {
		v.good = map[string]bool{}
	}
	v.good[key] = true
	return nil
}
