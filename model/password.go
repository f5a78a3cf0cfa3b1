package model

import (
	"crypto/subtle"
	_ "embed" // the common-password list
	"encoding/base64"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// MinPasswordLen is long enough for a passphrase and short enough for a ward PC.
const MinPasswordLen = 10

// commonPasswordList is the list CheckPassword refuses: thousands of the passwords people
// choose first (see the file's head for where they come from).
//
//go:embed commonpasswords.txt
var commonPasswordList string

// commonPasswords is the list as a set, read once, when a password is first checked.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(commonPasswordList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			set[line] = true
		}
	}
	return set
})

// unLeet reads a password's stem as the word it spells: p@ssw0rd is password.
var unLeet = strings.NewReplacer("0", "o", "1", "i", "3", "e", "4", "a", "5", "s", "7", "t", "@", "a", "$", "s", "!", "i", "|", "l", "+", "t")

// digitRuns are numbers of two digits or more: years, dates, "123", wherever they sit.
var digitRuns = regexp.MustCompile(`[0-9]{2,}`)

// guessable says whether password is a common one, or one with digits and symbols around
// or inside it (Sunflower2027!, P@ssw0rd, Sun2027flower!, Chel1905sea!): the patterns a
// guesser tries first. The same word is looked for in each reading of the password: as
// typed, without its numbers, with look-alike digits read as letters, letters only.
func guessable(password string) bool {
	lower := strings.ToLower(password)
	common := commonPasswords()
	letters := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) {
				return r
			}
			return -1
		}, s)
	}
	notLetter := func(r rune) bool { return !unicode.IsLetter(r) }
	noNumbers := digitRuns.ReplaceAllString(lower, "")
	for _, s := range []string{
		lower,
		strings.TrimFunc(lower, notLetter),
		letters(lower),
		letters(noNumbers),
		letters(unLeet.Replace(noNumbers)),
		letters(unLeet.Replace(strings.TrimFunc(noNumbers, notLetter))),
		letters(unLeet.Replace(strings.TrimFunc(lower, notLetter))),
	} {
		if s != "" && (common[s] || common[strings.ReplaceAll(s, " ", "")]) {
			return true
		}
	}
	return false
}

// CheckPassword applies the password policy: a minimum length, not the username, not a
// common password even with digits or symbols added, some letters, not one character
// repeated.
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
	if !strings.ContainsFunc(password, unicode.IsLetter) {
		return invalid("password", "use some words, not only digits and symbols (three unrelated words make a strong password)")
	}
	if guessable(password) {
		return invalid("password", "this password is one of the first anyone guessing would try, even with numbers or symbols added; choose another (three unrelated words make a strong password)")
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

// DefaultHashParams make one guess cost a quarter of a second of a core and 64 MiB (see
// BenchmarkPasswordGuess; `make bench`): whoever copies the hashes off the share tries a
// few guesses a second per core, not twenty. A sign-in pays it twice (the hash and the
// sealed keys), well inside a second.
var DefaultHashParams = HashParams{Time: 5, Memory: 64 * 1024, Threads: 1}

// Weaker says whether p costs a guesser less than q in time or memory: a hash made by an
// earlier version, made again at the person's next sign-in.
func (p HashParams) Weaker(q HashParams) bool { return p.Time < q.Time || p.Memory < q.Memory }

// usable says whether argon2id can run with p, within what a stored hash or sealing may
// ask of this PC.
func (p HashParams) usable() bool {
	return p.Time > 0 && p.Threads > 0 && p.Memory >= 8*uint32(p.Threads) && p.Memory <= maxArgonMemory && p.Time <= maxArgonTime
}

// HashParamsOf reads the costs a stored hash was made with.
func HashParamsOf(encoded string) (HashParams, error) {
	var p HashParams
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, fmt.Errorf("stored password hash is not argon2id")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, fmt.Errorf("stored password hash has bad parameters")
	}
	return p, nil
}

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
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("stored password hash has an unknown version")
	}
	p, err := HashParamsOf(encoded)
	if err != nil || !p.usable() {
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
