package commune

import (
	"slices"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Saint-Étienne", "saint etienne"},
		{"ST ETIENNE", "saint etienne"},
		{"St. Étienne", "saint etienne"},
		{"Ste-Colombe", "sainte colombe"},
		{"L'Haÿ-les-Roses", "l hay les roses"},
		{"L’Haÿ les  Roses", "l hay les roses"},
		{"Œuilly", "oeuilly"},
		{"Lyon 3ème", "lyon 3e"},
		{"Paris 1ère", "paris 1er"},
		{"Bors (Canton de Charente-Sud)", "bors canton de charente sud"},
		{"  -' ", ""},
		{"Straße", "strasse"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTable_Search(t *testing.T) {
	tb := table(t)
	tests := []struct {
		query string
		first string // INSEE code of the first result
	}{
		{"saint etienne", "42218"},
		{"Saint-Étienne", "42218"},
		{"ST-ETIENNE", "42218"},
		{"st étienne", "42218"},
		{"SAINT ETIENNE ", "42218"},
		{"stra", "67482"}, // "st" is also the beginning of Strasbourg
		{"paris", "75056"},
		{"paris 1", "75101"},
		{"Paris 16e", "75116"},
		{"lyon 3e", "69383"},
		{"Lyon 3ème", "69383"},
		{"marseille 8", "13208"},
		{"ajaccio", "2A004"},
		{"bastia", "2B033"},
		{"l'hay", "94038"},
		{"l hay les roses", "94038"},
		{"lhay", ""},
		{"haÿ les", "94038"}, // words inside the name
		{"basse terre", "97105"},
		{"papeete", "98735"},
		{"69003", "69383"},
		{"2A004", ""}, // an INSEE code: ByINSEE, not Search
		{"", ""},
		{"  ", ""},
		{"zzzz", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := tb.Search(tt.query, 10)
			if tt.first == "" {
				if len(got) != 0 {
					t.Errorf("Search(%q) = %v, want nothing", tt.query, inseeCodes(got))
				}
				return
			}
			if len(got) == 0 || got[0].INSEE != tt.first {
				t.Errorf("Search(%q) = %v, want %s first", tt.query, inseeCodes(got), tt.first)
			}
		})
	}
}

func TestTable_Search_order(t *testing.T) {
	tb := table(t)
	names := func(cs []Commune) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return out
	}
	tests := []struct {
		query string
		limit int
		want  []string
	}{
		// Exact, then the arrondissements in number order, then Parisot.
		{"paris", 4, []string{"Paris", "Paris 1er Arrondissement", "Paris 2e Arrondissement", "Paris 3e Arrondissement"}},
		// Exact, then the names that begin with the query.
		{"saint etienne", 3, []string{"Saint-Étienne", "Saint-Étienne-à-Arnes", "Saint-Étienne-au-Mont"}},
		// No name begins with it: names with a word that does.
		{"etienne", 2, []string{"Gancourt-Saint-Étienne", "Saint-Étienne"}},
		// A completed word: Lyon and its arrondissements, not Lyons-la-Forêt.
		{"lyon ", 3, []string{"Lyon", "Lyon 1er Arrondissement", "Lyon 2e Arrondissement"}},
		// A postal code's beginning: by code.
		{"6900", 2, []string{"Lyon 1er Arrondissement", "Lyon 2e Arrondissement"}},
	}
	for _, tt := range tests {
		if got := names(tb.Search(tt.query, tt.limit)); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q, %d) = %q, want %q", tt.query, tt.limit, got, tt.want)
		}
	}
	if got := tb.Search("lyon", 30); slices.ContainsFunc(got, func(c Commune) bool { return c.INSEE == "27378" }) &&
		!slices.ContainsFunc(got[:10], func(c Commune) bool { return c.INSEE == "69389" }) {
		t.Errorf("Search(lyon) = %v, want the arrondissements before Lyons-la-Forêt", names(got))
	}
}

func TestTable_Search_limit(t *testing.T) {
	tb := table(t)
	for _, limit := range []int{-1, 0} {
		if got := tb.Search("paris", limit); got != nil {
			t.Errorf("Search(paris, %d) = %v, want nil", limit, inseeCodes(got))
		}
	}
	for _, q := range []string{"s", "saint", "sur", "st", "la ", "0", "1"} {
		for _, limit := range []int{1, 7, 50} {
			got := tb.Search(q, limit)
			if len(got) != limit {
				t.Errorf("len(Search(%q, %d)) = %d, want %d", q, limit, len(got), limit)
			}
			checkResults(t, q, limit, got)
		}
	}
	// Every word of "sur" names: each commune once, whatever the limit.
	if got := tb.Search("sur", 100000); len(got) < 1000 || len(got) > tb.Len() {
		t.Errorf("len(Search(sur, 100000)) = %d, want the thousands of ...-sur-... communes", len(got))
	}
}

// checkResults fails if results break Search's promises: at most limit, each
// commune once, every one matching the query.
func checkResults(t *testing.T, query string, limit int, got []Commune) {
	t.Helper()
	if len(got) > max(limit, 0) {
		t.Errorf("Search(%q, %d) gave %d results", query, limit, len(got))
	}
	seen := make(map[string]bool)
	for _, c := range got {
		if seen[c.INSEE] {
			t.Errorf("Search(%q, %d) has %s twice", query, limit, c.INSEE)
		}
		seen[c.INSEE] = true
	}
	words := splitWords(query)
	if len(words) == 0 || allDigits(strings.Join(strings.Fields(query), "")) {
		return
	}
	first := normalWord(words[0])
	for _, c := range got {
		if k := fold(c.Name); !strings.Contains(k, first) && !strings.Contains(k, words[0]) {
			t.Errorf("Search(%q, %d) has %q, which has no %q", query, limit, c.Name, first)
		}
	}
}

func FuzzSearch(f *testing.F) {
	for _, q := range []string{"saint etienne", "St-Ét", "paris ", "lyon 3ème", "69003", "6", "''--  ", "Œ", "l’haÿ", "\xff\xfe", "0000000000", "2A"} {
		f.Add(q, 10)
	}
	tb, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, query string, limit int) {
		limit %= 200
		got := tb.Search(query, limit)
		checkResults(t, query, limit, got)
	})
}

// FuzzCheck: whatever a mediator types as postal code and commune, Check
// answers without panicking, and a commune it returns really has that
// postal code (when one was typed) and is found again by its own INSEE
// code and by its name with that code.
func FuzzCheck(f *testing.F) {
	for _, s := range [][2]string{{"69003", ""}, {"69003", "Lyon"}, {"", "Roubaix"}, {"59100", "Roubaix"}, {"75001", "Paris 1er"},
		{"13001", "Marseille"}, {"", "Saint-Étienne"}, {"2A004", "Ajaccio"}, {"00000", "x"}, {"\xff", "\x00"}, {" 69 003 ", "lyon 3e"}} {
		f.Add(s[0], s[1])
	}
	tb, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, postal, name string) {
		c, err := tb.Check(postal, name)
		if err != nil {
			return
		}
		if got, ok := tb.ByINSEE(c.INSEE); !ok || got.INSEE != c.INSEE {
			t.Fatalf("Check(%q, %q) = %+v, not found again by its INSEE code", postal, name, c)
		}
		if code, ok := normalPostal(strings.TrimSpace(postal)); ok && postal != "" {
			if !slices.Contains(c.PostalCodes, code) {
				t.Fatalf("Check(%q, %q) = %+v, which does not have the postal code typed", postal, name, c)
			}
		}
		if len(c.PostalCodes) > 0 {
			again, err := tb.Check(c.PostalCodes[0], c.Name)
			if err != nil || again.INSEE != c.INSEE {
				t.Fatalf("Check(%q, %q) = %+v, %v; want %s found again by its name and first postal code", c.PostalCodes[0], c.Name, again, err, c.INSEE)
			}
		}
	})
}
