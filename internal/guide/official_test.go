package guide_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pasapas/internal/guide"
)

// withURL returns the good guide photo with its address replaced.
func withURL(t *testing.T, url string) fstest.MapFS {
	t.Helper()
	fsys := folder(t, "testdata/good")
	data := string(fsys["photo.fr.toml"].Data)
	fsys["photo.fr.toml"] = &fstest.MapFile{Data: []byte(replaceLine(t, data, "url = ", `url = "`+url+`"`))}
	return fsys
}

func replaceLine(t *testing.T, data, prefix, line string) string {
	t.Helper()
	lines := strings.Split(data, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			lines[i] = line
			return strings.Join(lines, "\n")
		}
	}
	t.Fatalf("no line starting with %q", prefix)
	return ""
}

// TestLoad_OfficialSite: the address rule, as a guide file meets it (line 4
// of photo.fr.toml), with the settings' own hosts.
func TestLoad_OfficialSite(t *testing.T) {
	tests := []struct {
		name  string
		url   string
		extra []string
		want  []string
		host  string // Host() when it loads
		dom   string // Domain()
	}{
		{name: "State site", url: "https://passeport.ants.gouv.fr", host: "passeport.ants.gouv.fr", dom: "ants.gouv.fr"},
		{name: "ameli", url: "https://www.ameli.fr/assure", host: "www.ameli.fr", dom: "ameli.fr"},
		{name: "town hall, not listed", url: "https://www.ville-exemple.fr",
			want: []string{"c/photo.fr.toml:4: error: not-official"}},
		{name: "town hall added in the settings", url: "https://www.ville-exemple.fr", extra: []string{"*.ville-exemple.fr"},
			host: "www.ville-exemple.fr", dom: "ville-exemple.fr"},
		{name: "the settings' host exactly", url: "https://ville-exemple.fr", extra: []string{"www.ville-exemple.fr"},
			want: []string{"c/photo.fr.toml:4: error: not-official"}},
		{name: "a bad host in the settings is left out and reported", url: "https://club.asso.fr", extra: []string{"*.asso.fr"},
			want: []string{"c/photo.fr.toml:4: error: not-official", "settings:0: error: bad-host-entry"}},
		{name: "look-alike", url: "https://ameli-remboursement.example.com", want: []string{"c/photo.fr.toml:4: error: not-official"}},
		{name: "user-info", url: "https://www.ameli.fr@evil.example.net/", want: []string{"c/photo.fr.toml:4: error: url-user-info"}},
		{name: "Cyrillic", url: "https://аmeli.fr", want: []string{"c/photo.fr.toml:4: error: url-lookalike"}},
		{name: "port", url: "https://ameli.fr:8443/", want: []string{"c/photo.fr.toml:4: error: url-port"}},
		{name: "http", url: "http://www.ameli.fr", want: []string{"c/photo.fr.toml:4: error: bad-url"}},
		{name: "trailing dot", url: "https://www.ameli.fr.", want: []string{"c/photo.fr.toml:4: error: url-host"}},
		{name: "backslash", url: `https://www.ameli.fr\\@evil.example.net`, want: []string{"c/photo.fr.toml:4: error: bad-url"}},
		{name: "%2e", url: "https://www%2eameli.fr", want: []string{"c/photo.fr.toml:4: error: url-host"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			opts.ExtraHosts = tt.extra
			lib, ps := guide.Load(opts, guide.Source{FS: withURL(t, tt.url), Dir: ".", Name: "c"})
			if got := brief(ps); !slices.Equal(got, tt.want) {
				t.Errorf("Load(url %q) problems = %q, want %q", tt.url, got, tt.want)
			}
			g := lib.ByID("photo")
			if (g != nil) != (tt.host != "") {
				t.Fatalf("Load(url %q) loaded = %v, want %v", tt.url, g != nil, tt.host != "")
			}
			if g != nil && (g.Host() != tt.host || g.Domain() != tt.dom) {
				t.Errorf("Host(), Domain() = %q, %q, want %q, %q", g.Host(), g.Domain(), tt.host, tt.dom)
			}
		})
	}
}

// TestLoad_BuiltinHosts: every built-in guide sends people to an official
// host, which the kiosk shows.
func TestLoad_BuiltinHosts(t *testing.T) {
	lib, _ := guide.Load(guide.Options{}, builtinSource())
	if len(lib.Guides()) == 0 {
		t.Fatal("Load(assets/guides) = no guide")
	}
	for _, g := range lib.Guides() {
		if g.Host() == "" || g.Domain() == "" {
			t.Errorf("guide %s: Host(), Domain() = %q, %q, want an official host", g.ID, g.Host(), g.Domain())
		}
	}
}

func TestLoadAsync(t *testing.T) {
	base, _ := guide.Load(testOptions(), guide.Source{FS: folder(t, "testdata/good"), Dir: ".", Name: "good"})
	gate := make(chan struct{})
	slow := slowFS{MapFS: folder(t, "testdata/centre"), gate: gate}
	done := make(chan *guide.Library, 1)
	start := time.Now()
	guide.LoadAsync(base, testOptions(), func(lib *guide.Library, ps []guide.Problem) { done <- lib },
		guide.Source{FS: slow, Dir: ".", Name: "centre"})
	if took := time.Since(start); took > time.Second {
		t.Errorf("LoadAsync() returned after %v, want at once", took)
	}
	select {
	case <-done:
		t.Fatal("LoadAsync() done before the folder could be read")
	case <-time.After(10 * time.Millisecond):
	}
	close(gate)
	select {
	case lib := <-done:
		if got, want := ids(lib), []string{"atelier-tablette", "courriel", "photo"}; !slices.Equal(got, want) {
			t.Errorf("LoadAsync() library = %v, want %v", got, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("LoadAsync() never called done")
	}
	if got, want := ids(base), []string{"courriel", "photo"}; !slices.Equal(got, want) {
		t.Errorf("base library after LoadAsync = %v, want %v unchanged", got, want)
	}
}

// slowFS is a folder that cannot be opened before gate closes, as a
// network disk that does not answer.
type slowFS struct {
	fstest.MapFS
	gate chan struct{}
}

func (s slowFS) Open(name string) (fs.File, error) {
	<-s.gate
	return s.MapFS.Open(name)
}
