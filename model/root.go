package model

// The root of trust, pinned out of band (issue 14). Anyone who can write to the shared
// folder can also rewrite its FORMAT.json, so the administrator key it names is only a
// claim. A PC believes it when something the folder cannot change agrees: the Trust's
// settings deployed with the installation, or a person who compared the key's short
// fingerprint with the one the Trust published. Once a PC trusts a key it never lets the
// folder take it away, whether by naming another key or by naming none.

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// ErrRootChanged means the folder names another administrator key than the one this PC
// trusts: someone replaced FORMAT.json, or this is another Trust's folder.
var ErrRootChanged = errors.New("the shared folder's administrator key is not the one this PC trusts")

// ErrRootMissing means the folder names no administrator key although this PC trusts one:
// someone took the key out of FORMAT.json, which would let unsigned changes in.
var ErrRootMissing = errors.New("the shared folder no longer names the administrator key this PC trusts")

// fingerprintDigits is how long a fingerprint is: 30 decimal digits (about 100 bits) read
// out in six groups of five. Making a key whose fingerprint matches a given one by chance
// would take around 2^99 tries.
const fingerprintDigits = 30

// Fingerprint is the root's short form for people: digits in groups of five, the same on
// every PC. It covers everything the folder says about the root (the account, its key and
// when the folder was set up), so none of it can be changed without the fingerprint
// changing. Empty for an unprotected folder.
func (r TrustRoot) Fingerprint() string {
	if !r.Protected() {
		return ""
	}
	sum := sha256.Sum256([]byte("pursuit trust root v1\n" + r.UserID + "\n" + r.SignKey + "\n" + r.Since))
	n := new(big.Int).SetBytes(sum[:16])
	n.Mod(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(fingerprintDigits), nil))
	digits := fmt.Sprintf("%0*s", fingerprintDigits, n.String())
	var b strings.Builder
	for i := 0; i < len(digits); i += 5 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(digits[i : i+5])
	}
	return b.String()
}

// ParseFingerprint reads a fingerprint as a person types or IT writes it: the digits, with
// any spaces or dashes between them. It returns the fingerprint in its printed form.
func ParseFingerprint(s string) (string, error) {
	var digits []byte
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits = append(digits, byte(c))
		case c == ' ' || c == '-' || c == '\t':
		default:
			return "", fmt.Errorf("a fingerprint is %d digits in groups of five; %q is not one of them", fingerprintDigits, c)
		}
	}
	if len(digits) != fingerprintDigits {
		return "", fmt.Errorf("a fingerprint is %d digits in groups of five; this has %d", fingerprintDigits, len(digits))
	}
	var b strings.Builder
	for i := 0; i < len(digits); i += 5 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(digits[i : i+5])
	}
	return b.String(), nil
}

// JudgeShareRoot decides whether a PC may sync with a folder whose FORMAT.json names
// named (zero: none), given the root this PC has pinned (zero: none yet) and the
// fingerprint it was told to expect out of band (deployed by IT or confirmed by a person;
// "" when neither). nil means go on, pinning named if nothing is pinned yet; an error
// wraps ErrRootMissing or ErrRootChanged and nothing may move.
//
// A PC told nothing out of band and with nothing pinned takes what the folder names, as
// before: that first sight is what the Settings screen then asks a person to confirm.
func JudgeShareRoot(named, pinned TrustRoot, want string) error {
	if want != "" {
		switch {
		case !named.Protected():
			return fmt.Errorf("%w: it should be the key with fingerprint %s, and it names none", ErrRootMissing, want)
		case named.Fingerprint() != want:
			return fmt.Errorf("%w: this PC expects the key with fingerprint %s; the folder names %s (fingerprint %s)", ErrRootChanged, want, named.UserID, named.Fingerprint())
		}
	}
	switch {
	case !pinned.Protected():
		return nil
	case !named.Protected():
		return fmt.Errorf("%w (%s's key, fingerprint %s)", ErrRootMissing, pinned.UserID, pinned.Fingerprint())
	case named != pinned:
		return fmt.Errorf("%w (this PC trusts %s's key, fingerprint %s; the folder names %s's, fingerprint %s)", ErrRootChanged, pinned.UserID, pinned.Fingerprint(), named.UserID, named.Fingerprint())
	}
	return nil
}
