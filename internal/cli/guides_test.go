package cli_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeGuide writes a guide file in dir.
func writeGuide(t *testing.T, dir, name, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

// centreGuide is a small valid guide with that id and address.
func centreGuide(id, url string) string {
	return `id = "` + id + `"
category = "sante"
url = "` + url + `"
checked = 2026-06-01
title = "Votre compte, avec un médiateur"

[[steps]]
id = "rendez-vous"
title = "Prenez rendez-vous"
text = ["Demandez un rendez-vous à l'accueil."]
`
}

func TestGuidesNew(t *testing.T) {
	data := t.TempDir()
	code, stdout, stderr := runCtl("guides", "new", "--data", data, "carte-de-bus")
	path := filepath.Join(data, "guides", "carte-de-bus.fr.toml")
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "wrote "+path+"\n") {
		t.Fatalf("guides new = %d, %q, %q, want 0 and the file written", code, stdout, stderr)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("template mode = %v, want 0600 like the rest of the data folder", st.Mode().Perm())
	}

	// The template loads: every text to write is a TODO warning, no error.
	code, stdout, _ = runCtl("guides", "check", filepath.Join(data, "guides"))
	todo := regexp.MustCompile(`^` + regexp.QuoteMeta(path) + `:[0-9]+: warning: \S+ still says TODO: write the text$`)
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if code != 0 || lines[len(lines)-1] != "1 guides loaded, 0 errors, 10 warnings" {
		t.Errorf("guides check(template) = %d,\n%s\nwant 0 and 10 TODO warnings", code, stdout)
	}
	for _, l := range lines[:len(lines)-1] {
		if !todo.MatchString(l) {
			t.Errorf("guides check(template) line %q, want a TODO warning", l)
		}
	}

	// Filled in, it has no problem at all.
	tmpl, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	filled := regexp.MustCompile(`"TODO[^"]*"`).ReplaceAllString(string(tmpl), `"Lisez la page."`)
	if err := os.WriteFile(path, []byte(filled), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, stdout, _ := runCtl("guides", "check", filepath.Join(data, "guides")); code != 0 || stdout != "1 guides loaded, 0 errors, 0 warnings\n" {
		t.Errorf("guides check(filled template) = %d, %q, want no problem", code, stdout)
	}

	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"never overwrites", []string{"carte-de-bus"}, 1, "exists already"},
		{"built-in id", []string{"ameli-compte"}, 1, "id of a built-in guide"},
		{"upper case", []string{"Carte"}, 2, "give one id"},
		{"path", []string{"../carte"}, 2, "give one id"},
		{"escape code", []string{"carte\x1b[2J"}, 2, "give one id"},
		{"no id", nil, 2, "give one id"},
		{"two ids", []string{"a", "b"}, 2, "give one id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCtl(append([]string{"guides", "new", "--data", data}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("guides new %q = %d, %q, want %d and %q", tt.args, code, stderr, tt.code, tt.stderr)
			}
		})
	}
	if got, err := os.ReadFile(path); err != nil || string(got) != filled {
		t.Errorf("guides new over an existing file changed it (%v)", err)
	}
}

func TestGuidesCheck_Centre(t *testing.T) {
	dir := t.TempDir()
	writeGuide(t, dir, "ameli-compte.fr.toml", centreGuide("ameli-compte", "https://www.ameli.fr"))
	writeGuide(t, dir, "mairie.fr.toml", centreGuide("mairie", "https://www.ville-exemple.fr/demarches"))
	writeGuide(t, dir, "piege.fr.toml", centreGuide("piege", "https://www.ameli.fr@evil.example.net/"))
	writeGuide(t, dir, "faux\x1b[2J.fr.toml", centreGuide("faux", "https://www.ameli.fr"))

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
	}{
		{
			name: "as the kiosk loads it",
			code: 1,
			stdout: dir + "/ameli-compte.fr.toml:1: error: the built-in guide \"ameli-compte\" has this id: a centre guide may replace it only when the coordinator allows it in the settings; choose another id\n" +
				dir + `/faux\x1b[2J.fr.toml: error: file name must be <id>.<language>.toml, e.g. ameli-compte.fr.toml` + "\n" +
				dir + "/mairie.fr.toml:3: error: \"www.ville-exemple.fr\" is not on the list of official sites: a coordinator can add a local official site in the settings\n" +
				dir + "/piege.fr.toml:3: error: the address \"https://www.ameli.fr@evil.example.net/\" has a name before @: it would open \"evil.example.net\", not the site it shows\n" +
				"0 guides loaded, 4 errors, 0 warnings\n",
		},
		{
			name: "with the settings of the coordinator",
			args: []string{"--host", "*.ville-exemple.fr", "--replace", "ameli-compte"},
			code: 1,
			stdout: dir + "/ameli-compte.fr.toml:1: warning: replaces the guide ameli-compte of assets/guides/ameli-compte.fr.toml\n" +
				dir + `/faux\x1b[2J.fr.toml: error: file name must be <id>.<language>.toml, e.g. ameli-compte.fr.toml` + "\n" +
				dir + "/piege.fr.toml:3: error: the address \"https://www.ameli.fr@evil.example.net/\" has a name before @: it would open \"evil.example.net\", not the site it shows\n" +
				"2 guides loaded, 2 errors, 1 warnings\n",
		},
		{
			name: "in French",
			args: []string{"--lang", "fr"},
			code: 1,
			stdout: dir + "/ameli-compte.fr.toml:1: erreur: le guide intégré « ameli-compte » a cet identifiant : un guide du centre ne peut le remplacer que si le coordinateur l'autorise dans les réglages ; sinon, choisissez un autre identifiant\n" +
				dir + `/faux\x1b[2J.fr.toml: erreur: le nom du fichier doit être <identifiant>.<langue>.toml, par exemple ameli-compte.fr.toml` + "\n" +
				dir + "/mairie.fr.toml:3: erreur: www.ville-exemple.fr n'est pas dans la liste des sites officiels : un coordinateur peut ajouter un site officiel local dans les réglages\n" +
				dir + "/piege.fr.toml:3: erreur: l'adresse « https://www.ameli.fr@evil.example.net/ » contient un nom avant @ : elle ouvrirait evil.example.net, pas le site qu'elle montre\n" +
				"0 guides chargés, 4 erreurs, 0 avertissements\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCtl(append(append([]string{"guides", "check"}, tt.args...), dir)...)
			if code != tt.code || stdout != tt.stdout || stderr != "" {
				t.Errorf("guides check %q = %d, stderr %q, stdout\n%s\nwant %d, stdout\n%s", tt.args, code, stderr, stdout, tt.code, tt.stdout)
			}
		})
	}

	for _, args := range [][]string{{"--lang", "de", dir}, {"--host"}, {"--nope", dir}} {
		if code, _, _ := runCtl(append([]string{"guides", "check"}, args...)...); code != 2 {
			t.Errorf("guides check %q = %d, want 2 (usage)", args, code)
		}
	}
}
