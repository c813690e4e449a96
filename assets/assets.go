// Package assets embeds what the program ships with: the guide library, the
// glossary, pictograms, fonts and the application icon.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed guides glossary pictograms fonts icon.png
var files embed.FS

// Files returns the embedded assets. Guides are under "guides", the glossary
// under "glossary", pictograms (SVG) under "pictograms", fonts under "fonts".
func Files() fs.FS { return files }
