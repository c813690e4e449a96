package officialsite_test

import (
	"errors"
	"testing"

	"pasapas/internal/officialsite"
)

func TestList_Check(t *testing.T) {
	mairie, err := officialsite.ParseEntry("mairie-exemple.fr")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		url  string
		host string            // when accepted
		rule officialsite.Rule // when refused
	}{
		{"ameli", "https://www.ameli.fr", "www.ameli.fr", ""},
		{"ameli with a path", "https://www.ameli.fr/assure/compte?x=1#haut", "www.ameli.fr", ""},
		{"bare domain", "https://ameli.fr/", "ameli.fr", ""},
		{"State site under gouv.fr", "https://passeport.ants.gouv.fr", "passeport.ants.gouv.fr", ""},
		{"any State site", "https://www.mesdroitssociaux.gouv.fr", "www.mesdroitssociaux.gouv.fr", ""},
		{"La Poste identity", "https://lidentitenumerique.laposte.fr", "lidentitenumerique.laposte.fr", ""},
		{"%2e in the path stays on the host", "https://www.ameli.fr/%2e%2e/x", "www.ameli.fr", ""},
		{"the settings' extension", "https://www.mairie-exemple.fr", "", officialsite.RuleNotListed},
		{"the settings' exact host only", "https://mairie-exemple.fr", "mairie-exemple.fr", ""},

		{"http", "http://www.ameli.fr", "", officialsite.RuleScheme},
		{"upper-case scheme", "HTTPS://www.ameli.fr", "", officialsite.RuleScheme},
		{"no scheme", "www.ameli.fr", "", officialsite.RuleScheme},
		{"javascript", "javascript:alert(1)", "", officialsite.RuleScheme},
		{"empty", "", "", officialsite.RuleScheme},
		{"scheme-relative", "//www.ameli.fr", "", officialsite.RuleScheme},
		{"look-alike domain", "https://ameli-remboursement.example.com", "", officialsite.RuleNotListed},
		{"suffix trick", "https://ameli.fr.evil.net", "", officialsite.RuleNotListed},
		{"glued prefix", "https://evilameli.fr", "", officialsite.RuleNotListed},
		{"glued gouv.fr", "https://evilgouv.fr", "", officialsite.RuleNotListed},
		{"gouv.fr in a label", "https://impots-gouv.fr", "", officialsite.RuleNotListed},
		{"user-info shows ameli", "https://www.ameli.fr@evil.example.net/", "", officialsite.RuleUserInfo},
		{"user-info with password", "https://ameli.fr:x@evil.example.net", "", officialsite.RuleUserInfo},
		{"user-info on an official host", "https://x@www.ameli.fr", "", officialsite.RuleUserInfo},
		{"port", "https://ameli.fr:8443/", "", officialsite.RulePort},
		{"port 443", "https://www.ameli.fr:443", "", officialsite.RulePort},
		{"empty port", "https://www.ameli.fr:/", "", officialsite.RulePort},
		{"Cyrillic a", "https://аmeli.fr", "", officialsite.RuleLookalike},
		{"Greek omicron in gouv", "https://impots.gοuv.fr", "", officialsite.RuleLookalike},
		{"full-width dot", "https://www.ameli．fr", "", officialsite.RuleLookalike},
		{"punycode", "https://xn--meli-5cd.fr", "", officialsite.RuleLookalike},
		{"punycode under gouv.fr", "https://xn--impts-zua.gouv.fr", "", officialsite.RuleLookalike},
		{"upper case host", "https://WWW.AMELI.FR", "", officialsite.RuleHost},
		{"trailing dot", "https://www.ameli.fr./", "", officialsite.RuleHost},
		{"empty label", "https://www..ameli.fr", "", officialsite.RuleHost},
		{"%2e in the host", "https://www%2eameli.fr", "", officialsite.RuleHost},
		{"encoded host", "https://%61meli.fr", "", officialsite.RuleHost},
		{"IP address", "https://192.0.2.1/", "", officialsite.RuleHost},
		{"IPv6", "https://[::1]/", "", officialsite.RuleHost},
		{"no host", "https:///ameli.fr", "", officialsite.RuleHost},
		{"one label", "https://ameli", "", officialsite.RuleHost},
		{"underscore", "https://www_ameli.fr", "", officialsite.RuleHost},
		{"dash at a label's start", "https://-x.ameli.fr", "", officialsite.RuleHost},
		{"backslash", `https://www.ameli.fr\@evil.example.net`, "", officialsite.RuleSyntax},
		{"backslash in the path", `https://www.ameli.fr/a\b`, "", officialsite.RuleSyntax},
		{"space", "https://www.ameli.fr/a b", "", officialsite.RuleSyntax},
		{"tab in the host", "https://www.ameli.fr\t.evil.net", "", officialsite.RuleSyntax},
		{"newline", "https://www.ameli.fr\n", "", officialsite.RuleSyntax},
		{"non-ASCII in the path", "https://www.ameli.fr/é", "", officialsite.RuleSyntax},
		{"bad escape", "https://www.ameli.fr/%zz", "", officialsite.RuleSyntax},
		{"too long", "https://www.ameli.fr/" + longPath(), "", officialsite.RuleSyntax},
	}
	list := officialsite.New(mairie)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			host, err := list.Check(tt.url)
			if tt.rule == "" {
				if err != nil || host != tt.host {
					t.Errorf("Check(%q) = %q, %v, want %q, nil", tt.url, host, err, tt.host)
				}
				return
			}
			var e *officialsite.Error
			if !errors.As(err, &e) || e.Rule != tt.rule || host != "" {
				t.Errorf("Check(%q) = %q, %v, want a refusal by rule %q", tt.url, host, err, tt.rule)
			}
		})
	}
}

func longPath() string {
	b := make([]byte, officialsite.MaxURLLength)
	for i := range b {
		b[i] = 'a'
	}
	return string(b)
}

func TestList_Check_UserInfoNamesWhereItGoes(t *testing.T) {
	_, err := officialsite.New().Check("https://www.ameli.fr@evil.example.net/")
	var e *officialsite.Error
	if !errors.As(err, &e) || e.Host != "evil.example.net" {
		t.Errorf("Check() = %v, want an error naming evil.example.net", err)
	}
}

func TestList_Check_ExtendedBySettings(t *testing.T) {
	url := "https://www.ville-exemple.fr/demarches"
	if _, err := officialsite.New().Check(url); err == nil {
		t.Fatalf("New().Check(%q) = nil, want not listed", url)
	}
	list, errs := officialsite.NewFromSettings([]string{"*.ville-exemple.fr", "*.asso.fr", "аmeli.fr"})
	if host, err := list.Check(url); err != nil || host != "www.ville-exemple.fr" {
		t.Errorf("NewFromSettings(*.ville-exemple.fr).Check(%q) = %q, %v, want www.ville-exemple.fr", url, host, err)
	}
	if len(errs) != 2 {
		t.Errorf("NewFromSettings() errors = %v, want 2 (asso.fr, Cyrillic)", errs)
	}
	if _, err := list.Check("https://club.asso.fr"); err == nil {
		t.Errorf("Check(club.asso.fr) = nil, want refused: *.asso.fr was not added")
	}
}

func TestParseEntry(t *testing.T) {
	tests := []struct {
		in   string
		want officialsite.Entry
		rule officialsite.Rule
	}{
		{in: "mairie-exemple.fr", want: officialsite.Entry{Domain: "mairie-exemple.fr", Runner: "centre"}},
		{in: "*.mairie-exemple.fr", want: officialsite.Entry{Domain: "mairie-exemple.fr", Subdomains: true, Runner: "centre"}},
		{in: "  Mairie-Exemple.FR ", want: officialsite.Entry{Domain: "mairie-exemple.fr", Runner: "centre"}},
		{in: "www.ville.wixsite.com", want: officialsite.Entry{Domain: "www.ville.wixsite.com", Runner: "centre"}},
		{in: "", rule: officialsite.RuleHost},
		{in: "*", rule: officialsite.RuleHost},
		{in: "*.fr", rule: officialsite.RuleHost},
		{in: "fr", rule: officialsite.RuleHost},
		{in: "*.asso.fr", rule: officialsite.RulePublicSuffix},
		{in: "*.github.io", rule: officialsite.RulePublicSuffix},
		{in: "com.fr", rule: officialsite.RulePublicSuffix},
		{in: "*.*.mairie.fr", rule: officialsite.RuleHost},
		{in: "mairie.*.fr", rule: officialsite.RuleHost},
		{in: "https://mairie-exemple.fr", rule: officialsite.RuleSyntax},
		{in: "mairie-exemple.fr/demarches", rule: officialsite.RuleSyntax},
		{in: "mairie-exemple.fr:8443", rule: officialsite.RuleSyntax},
		{in: "x@mairie-exemple.fr", rule: officialsite.RuleSyntax},
		{in: "аmeli.fr", rule: officialsite.RuleLookalike},
		{in: "xn--meli-5cd.fr", rule: officialsite.RuleLookalike},
		{in: "mairie\u212Aexemple.fr", rule: officialsite.RuleLookalike}, // Kelvin sign lowers to k
		{in: "mairie.fr.", rule: officialsite.RuleHost},
		{in: "mairie%2efr", rule: officialsite.RuleHost},
		{in: "10.0.0.1", rule: officialsite.RuleHost},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := officialsite.ParseEntry(tt.in)
			if tt.rule == "" {
				if err != nil || got != tt.want {
					t.Errorf("ParseEntry(%q) = %+v, %v, want %+v", tt.in, got, err, tt.want)
				}
				return
			}
			var e *officialsite.Error
			if !errors.As(err, &e) || e.Rule != tt.rule {
				t.Errorf("ParseEntry(%q) = %+v, %v, want rule %q", tt.in, got, err, tt.rule)
			}
		})
	}
}

func TestBuiltin(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range officialsite.Builtin() {
		if e.Runner == "" {
			t.Errorf("Builtin() %s has no runner: every entry says who runs the site", e)
		}
		if seen[e.String()] {
			t.Errorf("Builtin() %s listed twice", e)
		}
		seen[e.String()] = true
		// Every entry is itself a valid entry, public suffixes aside
		// (gouv.fr is one, but only the State registers under it).
		_, err := officialsite.ParseEntry(e.String())
		var pe *officialsite.Error
		if err != nil && !(errors.As(err, &pe) && pe.Rule == officialsite.RulePublicSuffix && e.Domain == "gouv.fr") {
			t.Errorf("ParseEntry(%s) = %v, want a valid entry", e, err)
		}
	}
}

func TestList_Lookup(t *testing.T) {
	list := officialsite.New()
	tests := []struct{ host, want string }{
		{"passeport.ants.gouv.fr", "ants.gouv.fr"},
		{"www.mesdroitssociaux.gouv.fr", "gouv.fr"},
		{"www.ameli.fr", "ameli.fr"},
		{"lidentitenumerique.laposte.fr", "laposte.fr"},
		{"ameli.fr.evil.net", ""},
	}
	for _, tt := range tests {
		e, ok := list.Lookup(tt.host)
		if ok != (tt.want != "") || e.Domain != tt.want {
			t.Errorf("Lookup(%q) = %q, %v, want %q", tt.host, e.Domain, ok, tt.want)
		}
	}
}
