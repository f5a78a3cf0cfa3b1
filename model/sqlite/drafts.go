package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// SaveDraft keeps what the person is typing under key (for example "evidence:new" or
// "slot:<programme>:<code>"), replacing the previous draft.
func (ss *Session) SaveDraft(ctx context.Context, key string, body any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("draft %s: %w", key, err)
	}
	_, err = ss.st.wdb.ExecContext(ctx, `INSERT INTO drafts(user_id, key, body, updated_at) VALUES(?, ?, ?, ?)
		ON CONFLICT(user_id, key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
		ss.User.ID, key, string(b), formatTime(ss.st.now()))
	return humanise(err)
}

// Draft reads the person's draft under key into dst, reporting when it was saved; ok is
// false when there is none.
func (ss *Session) Draft(ctx context.Context, key string, dst any) (saved time.Time, ok bool, err error) {
	var body, at string
	err = ss.st.rdb.QueryRowContext(ctx, `SELECT body, updated_at FROM drafts WHERE user_id = ? AND key = ?`, ss.User.ID, key).Scan(&body, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, humanise(err)
	}
	if err := json.Unmarshal([]byte(body), dst); err != nil {
		return time.Time{}, false, fmt.Errorf("draft %s is damaged: %w", key, err)
	}
	saved, _ = parseTime(at)
	return saved, true, nil
}

// DeleteDraft forgets a draft once its record is saved (or the person discards it).
func (ss *Session) DeleteDraft(ctx context.Context, key string) error {
	_, err := ss.st.wdb.ExecContext(ctx, `DELETE FROM drafts WHERE user_id = ? AND key = ?`, ss.User.ID, key)
	return humanise(err)
}
