package store

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"wohnbruecke/internal/domain"
)

// markUnavailable wraps an error that says the database cannot be reached with
// domain.ErrUnavailable (keeping the cause), so the error handler answers 503 instead of
// 500. Other errors are returned unchanged.
func markUnavailable(err error) error {
	if err == nil || errors.Is(err, domain.ErrUnavailable) || !isUnavailable(err) {
		return err
	}
	return fmt.Errorf("%w: %w", domain.ErrUnavailable, err)
}

// isUnavailable reports whether err means "no working connection to the database":
// refused or broken connections, a server shutting down or starting, no connection slot
// left, a closed pool, or a SQLite file that cannot be opened or stays locked.
func isUnavailable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// Class 08 connection exception, 57P01–57P03 shutdown and "cannot connect now",
		// 53300 too many connections.
		return strings.HasPrefix(pgErr.Code, "08") || pgErr.Code == "57P01" || pgErr.Code == "57P02" ||
			pgErr.Code == "57P03" || pgErr.Code == "53300"
	}
	var connectErr *pgconn.ConnectError
	var netErr *net.OpError
	switch {
	case errors.As(err, &connectErr), errors.As(err, &netErr),
		errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return true
	}
	msg := err.Error()
	for _, s := range []string{"sql: database is closed", "conn closed", "unexpected EOF",
		"unable to open database file", "database is locked"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// markUnavailableCallbacks makes every GORM operation mark its connection errors.
func markUnavailableCallbacks(db *gorm.DB) error {
	return afterEveryStatement(db, "unavailable", func(d *gorm.DB) {
		if d.Error != nil {
			d.Error = markUnavailable(d.Error)
		}
	})
}
