package store

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
)

// stateChange is one guarded state change of one row.
type stateChange[S ~string] struct {
	table   *domain.Machine[S]
	model   any    // e.g. &domain.Match{}
	column  string // "state" or "status"
	id      int64
	to      S
	among   []S            // narrows the table's "from" states (see Machine.From)
	updates map[string]any // further columns to set
	refused string         // German message instead of the table's, "" for the table's
	// already gives the refusal its code and message when the row is already in the target
	// state (e.g. activating an active landlord), nil for the table's.
	already *domain.ConflictError
}

// move changes the row's state to c.to only when it is in a state the table allows that
// change from: the WHERE clause takes its states from the table, so two concurrent changes
// end with one winner. It sets updated_at and the table's stamp column to now. A refused
// change touches nothing and returns a *domain.TransitionError naming the row's state; an
// unknown id is ErrNotFound. A database error is returned unwrapped, so callers can
// still recognise constraint violations.
func move[S ~string](ctx context.Context, s *Store, c stateChange[S]) error {
	from := c.table.From(c.to, c.among...)
	now := s.Now()
	updates := map[string]any{c.column: c.to, "updated_at": now}
	if stamp := c.table.Stamp(c.to); stamp != "" {
		updates[stamp] = now
	}
	for k, v := range c.updates {
		updates[k] = v
	}
	if len(from) > 0 {
		res := s.q(ctx).Model(c.model).Where("id = ? AND "+c.column+" IN ?", c.id, from).Updates(updates)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected > 0 {
			return nil
		}
	}
	var cur []S
	if err := s.q(ctx).Model(c.model).Where("id = ?", c.id).Limit(1).Pluck(c.column, &cur).Error; err != nil {
		return fmt.Errorf("%s state: %w", c.table.Aggregate, err)
	}
	if len(cur) == 0 {
		return fmt.Errorf("%s %d: %w", c.table.Aggregate, c.id, domain.ErrNotFound)
	}
	err := c.table.Refuse(cur[0], c.to)
	if te, ok := err.(*domain.TransitionError); ok {
		if c.refused != "" {
			te.Message = c.refused
		}
		if cur[0] == c.to && c.already != nil {
			te.Code, te.Message = c.already.Code, c.already.Message
		}
	}
	return err
}
