package commune

import (
	"slices"
	"strings"
	"testing"
)

// table loads the embedded table once per test.
func table(t testing.TB) *Table {
	t.Helper()
	tb, err := Load()
	if err != nil {
		t.Fatalf("Load() = %v", err)
	}
	return tb
}

func inseeCodes(cs []Commune) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.INSEE)
	}
	return out
}

func TestLoad(t *testing.T) {
	tb := table(t)
	if again := table(t); again != tb {
		t.Errorf("Load() twice gave two tables")
	}
	if n := tb.Len(); n < 34900 || n > 35100 {
		t.Errorf("Len() = %d, want about 35,000 (34,964 communes and 45 arrondissements in 2026)", n)
	}
	for _, want := range []string{"@etalab/decoupage-administratif 6.0.0", "Licence Ouverte"} {
		if !strings.Contains(tb.Source(), want) {
			t.Errorf("Source() = %q, want it to contain %q", tb.Source(), want)
		}
	}
}

func TestLoad_concurrent(t *testing.T) {
	tables := make(chan *Table)
	for range 4 {
		go func() {
			tb, err := Load()
			if err != nil {
				t.Error(err)
			}
			tables <- tb
		}()
	}
	first := <-tables
	for range 3 {
		if tb := <-tables; tb != first {
			t.Errorf("Load() from two goroutines gave two tables")
		}
	}
	if got := first.Search("saint etienne", 1); len(got) != 1 || got[0].INSEE != "42218" {
		t.Errorf("Search(saint etienne, 1) = %v, want 42218", inseeCodes(got))
	}
}

func TestParse_damaged(t *testing.T) {
	for name, in := range map[string][]byte{
		"empty":       nil,
		"not gzip":    []byte("01001\tL'Abergement-Clémenciat\t01400\t\n"),
		"truncated":   data[:len(data)/2],
		"no header":   gzipped(t, "01001\tA\t01400\t\n"),
		"short line":  gzipped(t, "# x\n01001\tA\n"),
		"unsorted":    gzipped(t, "# x\n01002\tB\t01640\t\n01001\tA\t01400\t\n"),
		"no postcode": gzipped(t, "# x\n01001\tA\t\t\n"),
	} {
		if _, err := parse(in); err == nil {
			t.Errorf("parse(%s) = nil error, want one", name)
		}
	}
}

func TestTable_ByPostalCode(t *testing.T) {
	tb := table(t)
	tests := []struct {
		code string
		want []string // INSEE codes, in the order returned
	}{
		{"75001", []string{"75101"}}, // the arrondissement, not Paris 75056
		{"75116", []string{"75116"}},
		{"75016", []string{"75116"}},
		{"69003", []string{"69383"}},
		{"13008", []string{"13208"}},
		{"20000", []string{"2A004"}},                            // Ajaccio, Corse-du-Sud
		{"20200", []string{"2B033", "2B305", "2B309", "2B353"}}, // Bastia, San-Martino-di-Lota, Santa-Maria-di-Lota, Ville-di-Pietrabugno
		{"97400", []string{"97411"}},                            // Saint-Denis, La Réunion
		{"97615", []string{"97608", "97615"}},                   // Dzaoudzi, Pamandzi, Mayotte
		{"98714", []string{"98735"}},                            // Papeete, Polynésie française
		{" 75 001 ", []string{"75101"}},
		{"7500", nil},
		{"750011", nil},
		{"7500A", nil},
		{"00000", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := inseeCodes(tb.ByPostalCode(tt.code)); !slices.Equal(got, tt.want) {
				t.Errorf("ByPostalCode(%q) = %v, want %v", tt.code, got, tt.want)
			}
		})
	}
}

func TestTable_ByPostalCode_shared(t *testing.T) {
	got := table(t).ByPostalCode("01400")
	if len(got) < 2 || !slices.Contains(inseeCodes(got), "01001") {
		t.Fatalf("ByPostalCode(01400) = %v, want several communes with L'Abergement-Clémenciat 01001", inseeCodes(got))
	}
	if !slices.IsSortedFunc(got, func(a, b Commune) int { return strings.Compare(fold(a.Name), fold(b.Name)) }) {
		t.Errorf("ByPostalCode(01400) = %v, want alphabetical order", got)
	}
	for _, c := range got {
		if !slices.Contains(c.PostalCodes, "01400") {
			t.Errorf("ByPostalCode(01400) has %s %s with postal codes %v", c.INSEE, c.Name, c.PostalCodes)
		}
	}
}

func TestTable_ByINSEE(t *testing.T) {
	tb := table(t)
	tests := []struct {
		code             string
		name, dept, prnt string
		postal           string // one of its postal codes
	}{
		{"42218", "Saint-Étienne", "42", "", "42000"},
		{"2A004", "Ajaccio", "2A", "", "20000"},
		{"2a004", "Ajaccio", "2A", "", "20000"},
		{"2B033", "Bastia", "2B", "", "20200"},
		{"75056", "Paris", "75", "", "75001"},
		{"75101", "Paris 1er Arrondissement", "75", "75056", "75001"},
		{"69383", "Lyon 3e Arrondissement", "69", "69123", "69003"},
		{"13201", "Marseille 1er Arrondissement", "13", "13055", "13001"},
		{"97105", "Basse-Terre", "971", "", "97100"},
		{"97608", "Dzaoudzi", "976", "", "97615"},
		{"98735", "Papeete", "987", "", "98714"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			c, ok := tb.ByINSEE(tt.code)
			if !ok || c.Name != tt.name || c.Department != tt.dept || c.Parent != tt.prnt || !slices.Contains(c.PostalCodes, tt.postal) {
				t.Errorf("ByINSEE(%q) = %+v, %v, want %s, department %s, parent %q, with %s", tt.code, c, ok, tt.name, tt.dept, tt.prnt, tt.postal)
			}
		})
	}
	for _, code := range []string{"", "00000", "75", "99999", "2C004", "2A0040"} {
		if c, ok := tb.ByINSEE(code); ok {
			t.Errorf("ByINSEE(%q) = %+v, true, want false", code, c)
		}
	}
}

func TestTable_returnsCopies(t *testing.T) {
	tb := table(t)
	c, _ := tb.ByINSEE("42218")
	c.PostalCodes[0] = "XXXXX"
	if again, _ := tb.ByINSEE("42218"); again.PostalCodes[0] != "42000" {
		t.Errorf("ByINSEE(42218).PostalCodes = %v after a caller changed its copy, want 42000 first", again.PostalCodes)
	}
}

// TestTable_data checks the embedded file as a whole: what ./gen promises and
// the package relies on.
func TestTable_data(t *testing.T) {
	tb := table(t)
	for i, c := range tb.communes {
		if !validINSEE(c.INSEE) || c.Name == "" || len(c.PostalCodes) == 0 {
			t.Errorf("commune %d = %+v", i, c)
		}
		for _, pc := range c.PostalCodes {
			if len(pc) != 5 || !allDigits(pc) {
				t.Errorf("%s %s: postal code %q", c.INSEE, c.Name, pc)
			}
		}
		k := tb.keys[i]
		for j := 0; j < len(k); j++ {
			if k[j] >= 0x80 {
				t.Errorf("%s: key %q of %q is not ASCII: add its letter to latin", c.INSEE, k, c.Name)
				break
			}
		}
		if c.Parent != "" {
			if p, ok := tb.ByINSEE(c.Parent); !ok || p.Parent != "" {
				t.Errorf("%s %s: parent %s not a commune", c.INSEE, c.Name, c.Parent)
			}
		}
	}
	for _, p := range []string{"75056", "69123", "13055"} {
		if i := slices.IndexFunc(tb.postal, func(e posting) bool { return tb.communes[e.i].INSEE == p }); i >= 0 {
			t.Errorf("postal index has the city %s under %s, want only its arrondissements", p, tb.postal[i].code)
		}
	}
	if arrs := len(tb.arrs); arrs != 45 {
		t.Errorf("%d arrondissements, want 45 (20 Paris, 9 Lyon, 16 Marseille)", arrs)
	}
}

// validINSEE mirrors the generator's check.
func validINSEE(code string) bool {
	if len(code) != 5 {
		return false
	}
	if code[:2] == "2A" || code[:2] == "2B" {
		return allDigits(code[2:])
	}
	return allDigits(code)
}
