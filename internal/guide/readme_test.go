package guide_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"pasapas/assets"
	"pasapas/internal/guide"
)

// TestReadme_Example: the complete guide of assets/guides/README.md loads
// with no problem, so that a centre copying it starts from a valid guide.
func TestReadme_Example(t *testing.T) {
	data, err := fs.ReadFile(assets.Files(), "guides/README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "```toml\n")
	example, _, closed := strings.Cut(rest, "```")
	if !ok || !closed {
		t.Fatal("README.md has no ```toml example")
	}
	gl := builtinGlossary(t)
	opts := hostileOptions(t)
	opts.Terms = gl.Has
	lib, ps := guide.Load(opts, guide.Source{FS: fstest.MapFS{"carte-de-bus.fr.toml": {Data: []byte(example)}}, Dir: ".", Name: "README"})
	if len(ps) != 0 || lib.ByID("carte-de-bus") == nil {
		t.Errorf("Load(README example) = %v, problems %v, want the guide and no problem", ids(lib), brief(ps))
	}
}
