// Package version provides the program's version, the one written in
// FyneApp.toml: the Makefile passes it at build time
// (-ldflags "-X pasapas/internal/version.Version=…").
package version

// Version is "dev" in a build that did not go through the Makefile. It is
// a variable only so that the linker can set it.
var Version = "dev"
