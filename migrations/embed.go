// Package migrations holds the versioned, forward-only SQL migrations of Wohnbrücke, one
// folder per database dialect. Both folders describe the same schema; a test keeps them in
// step. Never edit a migration that has shipped: add a new file instead.
package migrations

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed postgres/*.sql sqlite/*.sql
var files embed.FS

// FS returns the migrations for a dialect ("postgres" or "sqlite").
func FS(dialect string) (fs.FS, error) {
	switch dialect {
	case "postgres", "sqlite":
		return fs.Sub(files, dialect)
	default:
		return nil, fmt.Errorf("migrations: unknown dialect %q", dialect)
	}
}
