// Package locales embeds the go-i18n message files of the user interface,
// one active.<lang>.toml per language, French being the reference.
package locales

import (
	"embed"
	"io/fs"
)

//go:embed active.*.toml staff.*.toml
var files embed.FS

// Files returns the embedded message files.
func Files() fs.FS { return files }
