package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"pursuit/model"
)

// get reads one live row of type T by id.
func get[T any](ctx context.Context, q querier, id string) (T, error) {
	t := tableFor[T]()
	row := q.QueryRowContext(ctx, "SELECT "+t.selects+" FROM "+t.name+" WHERE id = ? AND deleted = 0", id)
	v, err := scanRow[T](t, row)
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("%w: no %s with id %s", model.ErrNotFound, t.name, id)
	}
	return v, err
}

// list reads the live rows of type T matching where (a SQL condition, may be "") in order.
func list[T any](ctx context.Context, q querier, where, order string, args ...any) ([]T, error) {
	return listFrom[T](ctx, q, tableFor[T](), where, order, args...)
}

// listOnly is list reading only the named columns.
func listOnly[T any](ctx context.Context, q querier, cols []string, where, order string, args ...any) ([]T, error) {
	return listFrom[T](ctx, q, tableFor[T]().only(cols...), where, order, args...)
}

func listFrom[T any](ctx context.Context, q querier, t *table, where, order string, args ...any) ([]T, error) {
	query := "SELECT " + t.selects + " FROM " + t.name + " WHERE deleted = 0"
	if where != "" {
		query += " AND (" + where + ")"
	}
	if order != "" {
		query += " ORDER BY " + order
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", t.name, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scanRow[T](t, rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func sortStrings(s []string) { sort.Strings(s) }
