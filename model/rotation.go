package model

// Keys that rotate (issue 14). A password change or an administrator's reset gives the
// account new keys and closes the old signing key with a statement of what it had signed:
// the saves this device knew of. The statement is the account change itself, signed with
// the key being closed, so nobody but its holder (or an administrator) can write it. From
// then on the old key counts only for the saves listed. A watched or old password still
// opens the old sealed copy in the share's history, but a sign-off made with it now, or
// dated back before the change, is not in the list and is kept aside, not applied.
//
// A save signed with the old key on a PC that was offline at the time is kept aside the
// same way, shown under rejected changes, and counts once its author or an administrator
// vouches for it (adds it to the list).

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// SaveID names one save: one signature over the operations of one write. It is the first
// 16 bytes of SHA-256 over the Ed25519 signature, which nobody can produce for operations
// of their own without the key.
type SaveID [16]byte

// SaveOf is the save op's signature belongs to (false when op is unsigned or its signature
// is malformed).
func SaveOf(op Op) (SaveID, bool) {
	raw, err := base64.StdEncoding.Strict().DecodeString(op.Sig)
	if err != nil || len(raw) < sigHeadSize {
		return SaveID{}, false
	}
	sum := sha256.Sum256(raw[:ed25519.SignatureSize])
	var id SaveID
	copy(id[:], sum[:])
	return id, true
}

// KeyTag is the short form of a public signing key under which a device files the saves it
// has seen signed by it: eight bytes are plenty to tell a Trust's keys apart, and a clash
// would only list another key's saves, which never verify under this one.
func KeyTag(pub ed25519.PublicKey) []byte {
	if len(pub) < 8 {
		return nil
	}
	return slices.Clone(pub[:8])
}

// Lists reports whether the closed key's statement lists save id.
func (k PastKey) Lists(id SaveID) bool {
	lo, hi := 0, len(k.Signed)/len(id)
	for lo < hi {
		m := (lo + hi) / 2
		switch c := bytes.Compare(k.Signed[m*len(id):(m+1)*len(id)], id[:]); {
		case c == 0:
			return true
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return false
}

// saves unpacks the closed key's list.
func (k PastKey) saves() []SaveID {
	var id SaveID
	out := make([]SaveID, 0, k.Count())
	for j := 0; j+len(id) <= len(k.Signed); j += len(id) {
		out = append(out, SaveID(k.Signed[j:j+len(id)]))
	}
	return out
}

// MayVouch says whether u may vouch for a change by author that a closed key of author's
// signed: its author, or an administrator.
func MayVouch(u User, author string) error {
	if u.ID == author || Allowed(u, ManageUsers, nil) {
		return nil
	}
	return fmt.Errorf("%w: only its author or an administrator may vouch for a change", ErrForbidden)
}

// Count is how many saves the closed key's statement lists.
func (k PastKey) Count() int { return len(k.Signed) / len(SaveID{}) }

// packSaves sorts and deduplicates ids into the form PastKey.Signed keeps.
func packSaves(ids []SaveID) []byte {
	ids = slices.Clone(ids)
	slices.SortFunc(ids, func(a, b SaveID) int { return bytes.Compare(a[:], b[:]) })
	ids = slices.Compact(ids)
	out := make([]byte, 0, len(ids)*len(SaveID{}))
	for _, id := range ids {
		out = append(out, id[:]...)
	}
	return out
}

// Close returns the history with pub retired at the given time and closed: from then on
// it counts only for the saves listed.
func (h KeyHistory) Close(pub ed25519.PublicKey, since, retired time.Time, signed []SaveID) KeyHistory {
	out := slices.Clone(h)
	return append(out, PastKey{SignPublic: slices.Clone(pub), Since: since, Retired: retired, Closed: true, Signed: packSaves(signed)})
}

// Vouch returns the history with save id added to the list of the closed key pub, and
// whether there was such a key.
func (h KeyHistory) Vouch(pub ed25519.PublicKey, id SaveID) (KeyHistory, bool) {
	out := slices.Clone(h)
	for i, k := range out {
		if k.Closed && bytes.Equal(k.SignPublic, pub) {
			out[i].Signed = packSaves(append(k.saves(), id))
			return out, true
		}
	}
	return out, false
}

// LastRetired is when the account's latest retired key was retired (zero: never), which is
// when its current key began.
func (h KeyHistory) LastRetired() time.Time {
	var t time.Time
	for _, k := range h {
		if k.Retired.After(t) {
			t = k.Retired
		}
	}
	return t
}

// checkOwnKeys judges what a person's change to their own account does to their keys,
// against the account as this device has it: nothing, a rotation (the old key closed, the
// history otherwise only added to), vouching (a save added to a closed key's list), or a
// refusal.
func checkOwnKeys(op Op, target *User) error {
	_, keyChange := op.Fields["sign_key"]
	raw, histChange := op.Fields["key_history"]
	if !keyChange && !histChange {
		return nil
	}
	if target == nil {
		return waitFor(op.Row, "the account %s has not reached this device yet", op.Row)
	}
	old := target.History()
	newKey, _ := op.Fields["sign_key"].(string)
	if !keyChange {
		newKey = target.SignKey
	}
	var h KeyHistory
	if s, ok := raw.(string); histChange && (!ok || json.Unmarshal([]byte(s), &h) != nil) {
		return refuse("%s changed their own key history to something unreadable", target.Name)
	} else if !histChange {
		h = old
	}
	if len(h) < len(old) {
		return refuse("%s removed a retired key from their own account", target.Name)
	}
	for i, k := range old {
		n := h[i]
		if !bytes.Equal(k.SignPublic, n.SignPublic) || !k.Since.Equal(n.Since) || !k.Retired.Equal(n.Retired) || k.Closed != n.Closed {
			return refuse("%s rewrote a retired key of their own account", target.Name)
		}
		for _, id := range k.saves() {
			if !n.Lists(id) {
				return refuse("%s took a change back out of a retired key's list", target.Name)
			}
		}
	}
	added := h[len(old):]
	switch {
	case newKey == target.SignKey && len(added) == 0:
		return nil // vouching for a save of a closed key, or nothing
	case newKey != target.SignKey && len(added) == 1 && added[0].Closed &&
		bytes.Equal(added[0].SignPublic, target.SigningKey()) && target.SigningKey() != nil:
		return nil // the current key closed, a new one in its place
	}
	return refuse("%s changed their own signing key without closing the old one", target.Name)
}

// retiredKeyRefusal explains a change signed with a closed key that does not list it.
func retiredKeyRefusal(author User, k PastKey) *Refusal {
	return refuse("signed with %s's old key, retired on %s when the password was changed or reset; that key now counts only for the %d saves it had made by then, and this is not one of them, so it may have been made by someone who knows the old password. It counts if %s or an administrator vouches for it",
		author.Name, k.Retired.UTC().Format("2 January 2006 at 15:04 UTC"), k.Count(), author.Name)
}
