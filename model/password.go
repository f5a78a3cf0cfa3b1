package model

import (
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// MinPasswordLen is long enough for a passphrase and short enough for a ward PC.
const MinPasswordLen = 10

// commonPasswords are refused outright: the first guesses anyone at a shared PC would try.
var commonPasswords = []string{
	"password", "password1", "password12", "password123", "passw0rd", "qwerty", "qwertyuiop", "qwerty123",
	"letmein", "welcome", "welcome1", "welcome123", "iloveyou", "monkey", "football", "abc123",
	"123456", "1234567", "12345678", "123456789", "1234567890", "0987654321", "111111", "000000",
	"nhs", "nhsnhsnhs", "nhspassword", "nursing", "nurse", "preceptor", "preceptee", "preceptorship",
	"pursuit", "pursuit123", "excellence", "hospital", "changeme", "changeme1", "administrator",
	"trustpassword", "merseycare", "summer2026", "winter2026", "autumn2026", "spring2026",
}

// CheckPassword applies the password policy: a minimum length, not the username, not one of
// the common passwords (ignoring case and trailing digits), not one repeated character.
func CheckPassword(username, password string) error {
	if utf8.RuneCountInString(password) < MinPasswordLen {
		return invalid("password", "use at least %d characters (a short phrase is easy to remember)", MinPasswordLen)
	}
	if len(password) > 1024 {
		return invalid("password", "use at most 1024 characters")
	}
	lower := strings.ToLower(password)
	if username != "" && strings.Contains(lower, strings.ToLower(username)) {
		return invalid("password", "do not use your username in your password")
	}
	stem := strings.TrimRight(lower, "0123456789!.")
	for _, c := range commonPasswords {
		if lower == c || stem == c {
			return invalid("password", "this password is too common; choose another")
		}
	}
	first, _ := utf8.DecodeRuneInString(password)
	if strings.Count(password, string(first)) == utf8.RuneCountInString(password) {
		return invalid("password", "do not repeat one character")
	}
	return nil
}

// HashParams are argon2id's costs. Stored with each hash, so they can rise later.
type HashParams struct {
	Time    uint32
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultHashParams follow OWASP's argon2id guidance (46 MiB, one pass, one lane): about
// 60 ms on a ward PC, a slow crawl for anyone guessing.
var DefaultHashParams = HashParams{Time: 1, Memory: 46 * 1024, Threads: 1}

// HashPassword derives an argon2id hash with a fresh salt read from rand, in the usual
// $argon2id$v=19$m=…,t=…,p=…$salt$hash form.
func HashPassword(password string, p HashParams, rand io.Reader) (string, error) {
	salt := make([]byte, 16)
	if _, err := io.ReadFull(rand, salt); err != nil {
		return "", fmt.Errorf("hash password: read salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// VerifyPassword checks a password against a stored hash in constant time.
func VerifyPassword(password, encoded string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, fmt.Errorf("stored password hash is not argon2id")
	}
	var version int
	var p HashParams
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("stored password hash has an unknown version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil ||
		p.Time == 0 || p.Threads == 0 || p.Memory < 8*uint32(p.Threads) || p.Memory > maxArgonMemory || p.Time > maxArgonTime {
		return false, fmt.Errorf("stored password hash has bad parameters")
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || len(want) > 128 {
		return false, fmt.Errorf("stored password hash is damaged")
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// Lockout policy for repeated wrong passwords on one device.
const (
	MaxFailedSignIns = 5
	LockoutDuration  = 5 * time.Minute
)

// SignInState is one account's recent failures on this device.
type SignInState struct {
	Failures    int
	LockedUntil time.Time
}

// Locked says whether the account is locked at now, and for how much longer.
func (s SignInState) Locked(now time.Time) (bool, time.Duration) {
	if now.Before(s.LockedUntil) {
		return true, s.LockedUntil.Sub(now)
	}
	return false, 0
}

// AfterFailure is the state after one more wrong password: the fifth locks the account.
func (s SignInState) AfterFailure(now time.Time) SignInState {
	if !s.LockedUntil.IsZero() && !now.Before(s.LockedUntil) {
		s = SignInState{} // a served lockout starts a fresh count
	}
	s.Failures++
	if s.Failures >= MaxFailedSignIns {
		s.LockedUntil = now.Add(LockoutDuration)
	}
	return s
}

// LockedMessage tells the person how long to wait, rounded up to whole minutes.
func LockedMessage(left time.Duration) string {
	mins := int((left + time.Minute - 1) / time.Minute)
	unit := "minutes"
	if mins == 1 {
		unit = "minute"
	}
	return fmt.Sprintf("too many wrong passwords: this account is locked for %d more %s", mins, unit)
}

// The most argon2id may be asked to spend, for a password hash or sealed keys: well above
// what Pursuit itself uses (46 MiB, one pass), far below what would stop a ward PC. Both
// come from records anyone with a key may write on their own account.
const (
	maxArgonMemory = 256 << 10 // KiB: 256 MiB
	maxArgonTime   = 10
)
