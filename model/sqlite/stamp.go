package sqlite

import (
	"fmt"
	"os"
	"path/filepath"
	gosync "sync"

	"pursuit/model"
)

// dataStamp changes whenever the data may have changed: this process's commits bump a
// counter, and another process's (a second window, the command line) show in the size and
// time of the database and its write-ahead log.
func (s *Store) dataStamp() string {
	stamp := fmt.Sprint(s.gen.Load())
	for _, name := range []string{DatabaseFile, DatabaseFile + "-wal"} {
		if info, err := os.Stat(filepath.Join(s.dir, name)); err == nil {
			stamp += fmt.Sprintf("|%d.%d", info.Size(), info.ModTime().UnixNano())
		}
	}
	return stamp
}

// changed records a commit for dataStamp.
func (s *Store) changed() { s.gen.Add(1) }

// Touch makes every cached overview be read afresh (benchmarks measure the uncached read).
func (s *Store) Touch() { s.changed() }

type cohortKey struct {
	user  string
	role  model.Role
	today model.Date
	stamp string
}

// cohortCache keeps the last overview read.
type cohortCache struct {
	mu   gosync.Mutex
	key  cohortKey
	rows []model.CohortRow
	ok   bool
}

func (c *cohortCache) get(k cohortKey) ([]model.CohortRow, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.ok || c.key != k {
		return nil, false
	}
	return append([]model.CohortRow(nil), c.rows...), true
}

func (c *cohortCache) put(k cohortKey, rows []model.CohortRow) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.key, c.rows, c.ok = k, append([]model.CohortRow(nil), rows...), true
}
