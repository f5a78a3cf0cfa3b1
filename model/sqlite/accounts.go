package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"pursuit/model"
)

// Session is a signed-in person: every read and write through it is checked against the
// permissions matrix for that person.
type Session struct {
	st   *Store
	User model.User
	keys *model.KeyPair // opened by the password at sign-in; nil for the command line
}

// write saves on behalf of the signed-in person, signed with their key.
func (ss *Session) write(ctx context.Context, fn func(*wtx) error) error {
	return ss.st.write(ctx, ss.signer(), fn)
}

func (ss *Session) signer() signer { return signer{ss.User, ss.keys} }

// Signs says whether what this session saves is signed (command-line administration and
// an account whose keys would not open write unsigned changes, which a protected shared
// folder does not accept).
func (ss *Session) Signs() bool { return ss.keys != nil }

// Store is the store behind the session.
func (ss *Session) Store() *Store { return ss.st }

// System is the session of command-line administration on this device.
func (s *Store) System() *Session { return &Session{st: s, User: model.SystemUser} }

// HasUsers says whether the first-run set-up has happened.
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var has bool // the first account found will do: counting them reads every one
	err := s.rdb.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users WHERE deleted = 0)`).Scan(&has)
	return has, humanise(err)
}

// CreateFirstAdmin creates the administrator on a new installation, and only then.
func (s *Store) CreateFirstAdmin(ctx context.Context, username, name, password string) (*Session, error) {
	has, err := s.HasUsers(ctx)
	if err != nil {
		return nil, err
	}
	if has {
		return nil, fmt.Errorf("%w: this installation already has accounts; sign in as an administrator", model.ErrForbidden)
	}
	u := model.User{Username: username, Name: name, Role: model.RoleAdmin}
	kp, err := s.prepareUser(ctx, &u, password)
	if err != nil {
		return nil, err
	}
	// The first administrator writes their own account, signed with the key it carries: the
	// root every other account's keys chain back to.
	me := signer{withoutHash(u), &kp}
	if err := s.write(ctx, me, func(w *wtx) error { _, err := w.put(ctx, &u); return err }); err != nil {
		return nil, err
	}
	return &Session{st: s, User: withoutHash(u), keys: &kp}, nil
}

// AddUser creates an account with a password that meets the policy.
func (ss *Session) AddUser(ctx context.Context, u model.User, password string) (model.User, error) {
	if err := model.Can(ss.User, model.ManageUsers, nil); err != nil {
		return model.User{}, err
	}
	if _, err := ss.st.prepareUser(ctx, &u, password); err != nil {
		return model.User{}, err
	}
	err := ss.write(ctx, func(w *wtx) error {
		_, err := w.put(ctx, &u)
		return err
	})
	return withoutHash(u), err
}

// prepareUser checks a new account and gives it its password hash, id and keys.
func (s *Store) prepareUser(ctx context.Context, u *model.User, password string) (model.KeyPair, error) {
	u.Username = model.NormaliseUsername(u.Username)
	u.Active = true
	if err := model.ValidateUser(*u); err != nil {
		return model.KeyPair{}, err
	}
	if err := model.CheckPassword(u.Username, password); err != nil {
		return model.KeyPair{}, err
	}
	if _, err := s.userByUsername(ctx, s.rdb, u.Username); err == nil {
		return model.KeyPair{}, &model.ValidationError{Field: "username", Message: fmt.Sprintf("%s is already taken", u.Username)}
	} else if !errors.Is(err, model.ErrNotFound) {
		return model.KeyPair{}, err
	}
	hash, err := model.HashPassword(password, s.hash, s.rand)
	if err != nil {
		return model.KeyPair{}, err
	}
	u.PasswordHash = hash
	if u.ID == "" {
		u.ID = s.id()
	}
	u.CreatedAt = s.now()
	return s.newKeys(u, password)
}

// newKeys gives the account fresh keys sealed under password.
func (s *Store) newKeys(u *model.User, password string) (model.KeyPair, error) {
	kp, err := model.NewKeyPair(s.rand)
	if err != nil {
		return kp, fmt.Errorf("account %s: %w", u.Username, err)
	}
	sealed, err := model.Seal(kp, password, s.hash, s.rand, s.now())
	if err != nil {
		return kp, fmt.Errorf("account %s: %w", u.Username, err)
	}
	return kp, u.SetKeys(sealed)
}

// ImportUsers adds accounts that already carry a password hash (the demo cohort, a
// restored archive). Command-line administration only.
func (ss *Session) ImportUsers(ctx context.Context, us []model.User) error {
	if ss.User.ID != model.SystemUser.ID {
		return fmt.Errorf("%w: accounts with ready-made password hashes come only from the command line", model.ErrForbidden)
	}
	return ss.write(ctx, func(w *wtx) error {
		for i := range us {
			us[i].Username = model.NormaliseUsername(us[i].Username)
			if err := model.ValidateUser(us[i]); err != nil {
				return fmt.Errorf("account %s: %w", us[i].Username, err)
			}
			if _, err := w.put(ctx, &us[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

func withoutHash(u model.User) model.User {
	u.PasswordHash = ""
	return u
}

func (s *Store) userByUsername(ctx context.Context, q querier, username string) (model.User, error) {
	us, err := list[model.User](ctx, q, "username = ?", "created_at, id", model.NormaliseUsername(username))
	if err != nil {
		return model.User{}, err
	}
	if len(us) == 0 {
		return model.User{}, fmt.Errorf("%w: no account %s", model.ErrNotFound, username)
	}
	return us[0], nil
}

// Users lists accounts without password hashes: everyone signed in may see who is who (to
// name a preceptor or a witness), but only administrators see email addresses.
func (ss *Session) Users(ctx context.Context) ([]model.User, error) {
	us, err := list[model.User](ctx, ss.st.rdb, "", "name, username")
	admin := model.Allowed(ss.User, model.ManageUsers, nil)
	for i := range us {
		us[i] = withoutHash(us[i])
		if !admin {
			us[i].Email = ""
		}
	}
	return us, err
}

// User reads one account by id.
func (ss *Session) UserByID(ctx context.Context, id string) (model.User, error) {
	u, err := get[model.User](ctx, ss.st.rdb, id)
	return withoutHash(u), err
}

// SignIn checks a username and password and opens a session. Wrong passwords count
// towards a lockout on this device; the message never says which of the two was wrong.
func (s *Store) SignIn(ctx context.Context, username, password string) (*Session, error) {
	if s.wdb == nil {
		return nil, fmt.Errorf("%w: this data folder is open only to read; sign in to read with SignInToRead", model.ErrForbidden)
	}
	me, err := s.authenticate(ctx, username, password)
	if err != nil {
		return nil, err
	}
	if err := s.auditOnly(ctx, s.wdb, me.user.ID, "sign_in", "users", me.user.ID); err != nil {
		return nil, humanise(err)
	}
	if err := s.strengthen(ctx, me, password); err != nil {
		// Never a reason not to sign in: the old hash still stands, and the next sign-in tries again.
		s.log.Warn("password hash not strengthened", "account", me.user.Username, "err", err)
	}
	ss := &Session{st: s, User: me.user, keys: me.keys}
	// Confidential records that arrived for this person open now, so that what they read
	// next is whole; one that will not open stays sealed and says so where it is shown.
	if err := ss.unseal(ctx); err != nil {
		s.log.Warn("confidential records not opened at sign-in", "account", me.user.Username, "err", err)
	}
	return ss, nil
}

// SignInToRead signs a person in for a command that only reads (list, dump, export,
// report), on a store that may be open read-only: the password is checked and the keys
// opened, and nothing is written. On a read-only store a wrong password is not counted
// towards the lockout: whoever holds a copy of the file can try passwords against it
// offline anyway, and what makes that slow is the cost of the password hash.
func (s *Store) SignInToRead(ctx context.Context, username, password string) (*Session, error) {
	u, err := s.checkPassword(ctx, username, password)
	if err != nil {
		return nil, err
	}
	var keys *model.KeyPair
	if u.HasKeys() {
		if keys, err = s.openKeys(ctx, &u, password); err != nil {
			s.log.Warn("signing keys did not open", "account", u.Username, "err", err)
			keys = nil
		}
	}
	return &Session{st: s, User: withoutHash(u), keys: keys}, nil
}

// strengthen makes a person's password hash and sealed keys again at this store's cost when
// an earlier version made them at a lower one. It can only happen at sign-in, the one time
// the password is at hand; the same keys are sealed, so nothing they signed changes.
func (s *Store) strengthen(ctx context.Context, me signer, password string) error {
	if me.keys == nil {
		return nil
	}
	u, err := get[model.User](ctx, s.rdb, me.user.ID)
	if err != nil {
		return err
	}
	cost, err := model.HashParamsOf(u.PasswordHash)
	if err != nil {
		return err
	}
	sealed, err := u.Sealed()
	if err != nil {
		return err
	}
	sealedCost := model.HashParams{Time: sealed.Time, Memory: sealed.Memory, Threads: sealed.Threads}
	if !cost.Weaker(s.hash) && !sealedCost.Weaker(s.hash) {
		return nil
	}
	if u.PasswordHash, err = model.HashPassword(password, s.hash, s.rand); err != nil {
		return err
	}
	if sealed, err = model.Seal(*me.keys, password, s.hash, s.rand, s.now()); err != nil {
		return err
	}
	if err := u.SetKeys(sealed); err != nil {
		return err
	}
	return s.write(ctx, me, func(w *wtx) error {
		_, err := w.put(ctx, &u)
		return err
	})
}

// dummyHash costs an unknown username the same time as a known one.
func (s *Store) dummyHash() string {
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$c29tZXNhbHRzb21lc2FsdA$0000000000000000000000000000000000000000000", s.hash.Memory, s.hash.Time, s.hash.Threads)
}

// authenticate verifies a password now — at sign-in, and whenever someone confirms a
// sign-off or agreement with their own credentials on someone else's session — and opens
// the person's keys with it, so that what they do next is signed by them.
func (s *Store) authenticate(ctx context.Context, username, password string) (signer, error) {
	u, err := s.checkPassword(ctx, username, password)
	if err != nil {
		return signer{}, err
	}
	keys, err := s.openKeys(ctx, &u, password)
	if err != nil {
		// The password was right, so this is the record's fault, not the person's: they
		// may still work here, unsigned, while an administrator resets the account.
		s.log.Warn("signing keys did not open", "account", u.Username, "err", err)
		keys = nil
	}
	return signer{withoutHash(u), keys}, nil
}

// openKeys opens the account's sealed keys with the password just verified. An account
// without keys yet (made by an earlier version, or imported) gets them now, written by
// its owner and signed with them.
func (s *Store) openKeys(ctx context.Context, u *model.User, password string) (*model.KeyPair, error) {
	if !u.HasKeys() {
		kp, err := s.newKeys(u, password)
		if err != nil {
			return nil, err
		}
		me := signer{withoutHash(*u), &kp}
		return &kp, s.write(ctx, me, func(w *wtx) error { _, err := w.put(ctx, u); return err })
	}
	sealed, err := u.Sealed()
	if err != nil {
		return nil, err
	}
	kp, err := model.Open(sealed, password)
	if err != nil {
		return nil, fmt.Errorf("account %s: %w", u.Username, err)
	}
	return &kp, nil
}

// checkPassword verifies a password, counting failures towards a lockout on this device.
func (s *Store) checkPassword(ctx context.Context, username, password string) (model.User, error) {
	u, err := s.userByUsername(ctx, s.rdb, username)
	if errors.Is(err, model.ErrNotFound) {
		model.VerifyPassword(password, s.dummyHash())
		return model.User{}, model.ErrWrongPassword
	}
	if err != nil {
		return model.User{}, humanise(err)
	}
	now := s.now()
	state, err := s.signInState(ctx, u.ID)
	if err != nil {
		return model.User{}, err
	}
	if locked, left := state.Locked(now); locked {
		return model.User{}, fmt.Errorf("%w: %s", model.ErrLocked, model.LockedMessage(left))
	}
	ok, err := model.VerifyPassword(password, u.PasswordHash)
	if err != nil {
		return model.User{}, fmt.Errorf("account %s: %w; ask an administrator to reset the password", u.Username, err)
	}
	if !ok {
		state = state.AfterFailure(now)
		if err := s.saveSignInState(ctx, u.ID, state, "sign_in_failed"); err != nil {
			return model.User{}, err
		}
		if locked, left := state.Locked(now); locked {
			return model.User{}, fmt.Errorf("%w: %s", model.ErrLocked, model.LockedMessage(left))
		}
		return model.User{}, model.ErrWrongPassword
	}
	if state.Failures > 0 {
		if err := s.saveSignInState(ctx, u.ID, model.SignInState{}, ""); err != nil {
			return model.User{}, err
		}
	}
	if !u.Active {
		return model.User{}, fmt.Errorf("%w: the account %s is disabled; ask an administrator", model.ErrForbidden, u.Username)
	}
	return u, nil
}

func (s *Store) signInState(ctx context.Context, userID string) (model.SignInState, error) {
	var st model.SignInState
	var until string
	err := s.rdb.QueryRowContext(ctx, `SELECT failures, locked_until FROM signin_state WHERE user_id = ?`, userID).Scan(&st.Failures, &until)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, humanise(err)
	}
	st.LockedUntil, _ = parseTime(until)
	return st, nil
}

func (s *Store) saveSignInState(ctx context.Context, userID string, st model.SignInState, auditAction string) error {
	if s.wdb == nil {
		return nil // a store open only to read (SignInToRead)
	}
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return humanise(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO signin_state(user_id, failures, locked_until) VALUES(?, ?, ?)
		ON CONFLICT(user_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
		userID, st.Failures, formatTime(st.LockedUntil)); err != nil {
		return humanise(err)
	}
	if auditAction != "" {
		if err := s.auditOnly(ctx, tx, userID, auditAction, "users", userID); err != nil {
			return humanise(err)
		}
	}
	return humanise(tx.Commit())
}

// ChangePassword lets a person change their own password, proving the old one first. The
// account gets new keys and the old signing key is closed with the list of saves it had
// signed (rotate), so the old password, which still opens the old sealed copy in the shared
// folder's history, can sign nothing that counts.
func (ss *Session) ChangePassword(ctx context.Context, oldPassword, newPassword string) error {
	me, err := ss.st.authenticate(ctx, ss.User.Username, oldPassword)
	if err != nil {
		return err
	}
	if err := model.CheckPassword(ss.User.Username, newPassword); err != nil {
		return err
	}
	if me.keys == nil {
		return fmt.Errorf("%w: your signing keys do not open on this device; ask an administrator to reset your password", model.ErrForbidden)
	}
	u, kp, err := ss.st.rotate(ctx, me, ss.User.ID, newPassword)
	if err != nil {
		return err
	}
	ss.keys, ss.User = &kp, u
	return nil
}

// ResetPassword lets an administrator set a new password for someone who forgot theirs.
// The account gets new keys, signed in by the administrator; the old signing key is closed
// with the saves this device knows it signed, under which they still verify. Saves it made
// on a PC this one has not heard from are kept aside where they arrive, until vouched for.
func (ss *Session) ResetPassword(ctx context.Context, userID, newPassword string) error {
	if err := model.Can(ss.User, model.ManageUsers, nil); err != nil {
		return err
	}
	u, _, err := ss.st.rotate(ctx, ss.signer(), userID, newPassword)
	if err == nil && userID == ss.User.ID {
		ss.User = u
	}
	return err
}

// SetActive enables or disables an account (people leave; their records stay).
func (ss *Session) SetActive(ctx context.Context, userID string, active bool) error {
	if err := model.Can(ss.User, model.ManageUsers, nil); err != nil {
		return err
	}
	if userID == ss.User.ID && !active {
		return &model.ValidationError{Field: "account", Message: "you cannot disable your own account"}
	}
	return ss.write(ctx, func(w *wtx) error {
		u, err := get[model.User](ctx, w.tx, userID)
		if err != nil {
			return err
		}
		u.Active = active
		_, err = w.put(ctx, &u)
		return err
	})
}
