package sqlite

import (
	gosync "sync"

	"pursuit/model"
)

// Touch forgets the kept overview, so that the next is read whole (benchmarks measure
// that read; a restored database is another history of changes).
func (s *Store) Touch() { s.cohortCache.forget() }

type cohortKey struct {
	user  string
	role  model.Role
	today model.Date
}

// cohortCache keeps the last overview read, with the last entry of the database's log of
// changed programmes that it includes.
type cohortCache struct {
	mu   gosync.Mutex
	key  cohortKey
	seq  int64
	rows []model.CohortRow
	ok   bool
}

func (c *cohortCache) get(k cohortKey) ([]model.CohortRow, int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.ok || c.key != k {
		return nil, 0, false
	}
	return append([]model.CohortRow(nil), c.rows...), c.seq, true
}

func (c *cohortCache) put(k cohortKey, seq int64, rows []model.CohortRow) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.key, c.seq, c.rows, c.ok = k, seq, append([]model.CohortRow(nil), rows...), true
}

func (c *cohortCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ok, c.rows = false, nil
}
