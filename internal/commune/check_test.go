package commune

import (
	"errors"
	"testing"
)

func TestTable_Check(t *testing.T) {
	tb := table(t)
	tests := []struct {
		name         string
		postal, town string
		want         string // INSEE code when err is nil
		err          error
		candidates   int // for ErrAmbiguous
	}{
		{"both", "42000", "Saint-Étienne", "42218", nil, 0},
		{"typed loosely", " 42 100 ", "st etienne", "42218", nil, 0},
		{"postal code alone, one commune", "20000", "", "2A004", nil, 0},
		{"name alone, one commune", "", "Ajaccio", "2A004", nil, 0},
		{"Corsica 2B", "20200", "bastia", "2B033", nil, 0},
		{"overseas", "97400", "Saint-Denis", "97411", nil, 0},
		{"shared postal code with a name", "01400", "L'Abergement-Clémenciat", "01001", nil, 0},
		{"city name gives the arrondissement", "75001", "Paris", "75101", nil, 0},
		{"arrondissement short name", "69003", "Lyon 3e", "69383", nil, 0},
		{"arrondissement official name", "13008", "Marseille 8e Arrondissement", "13208", nil, 0},
		{"arrondissement name alone", "", "lyon 3ème", "69383", nil, 0},
		{"city name alone", "", "Paris", "75056", nil, 0},

		{"nothing", "", " ", "", ErrEmpty, 0},
		{"unknown postal code", "99999", "Paris", "", ErrUnknownPostalCode, 0},
		{"malformed postal code", "75OO1", "Paris", "", ErrUnknownPostalCode, 0},
		{"postal code too short", "7500", "", "", ErrUnknownPostalCode, 0},
		{"unknown commune with a code", "75001", "Gotham", "", ErrUnknownCommune, 0},
		{"unknown commune alone", "", "Gotham City", "", ErrUnknownCommune, 0},
		{"prefix is not a name", "", "Saint-Éti", "", ErrUnknownCommune, 0},
		{"commune with another's code", "75001", "Lyon", "", ErrMismatch, 0},
		{"Ajaccio is not in 2B", "20200", "Ajaccio", "", ErrMismatch, 0},
		{"shared postal code, no name", "01400", "", "", ErrAmbiguous, 10},
		{"common name, no postal code", "", "Sainte-Colombe", "", ErrAmbiguous, 12},
		{"common name told apart by its postal code", "05700", "Sainte Colombe", "05135", nil, 0},
		{"a name's first word is not the name", "16190", "Bors", "", ErrUnknownCommune, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tb.Check(tt.postal, tt.town)
			if tt.err == nil {
				if err != nil || got.INSEE != tt.want {
					t.Errorf("Check(%q, %q) = %s %s, %v, want %s", tt.postal, tt.town, got.INSEE, got.Name, err, tt.want)
				}
				return
			}
			if !errors.Is(err, tt.err) || got.INSEE != "" {
				t.Errorf("Check(%q, %q) = %s, %v, want %v", tt.postal, tt.town, got.INSEE, err, tt.err)
			}
			var amb *AmbiguousError
			if isAmb := errors.As(err, &amb); isAmb != (tt.err == ErrAmbiguous) {
				t.Errorf("Check(%q, %q) error %v: *AmbiguousError %v, want %v", tt.postal, tt.town, err, isAmb, !isAmb)
			} else if isAmb && len(amb.Candidates) != tt.candidates {
				t.Errorf("Check(%q, %q) candidates = %v, want %d", tt.postal, tt.town, inseeCodes(amb.Candidates), tt.candidates)
			}
			for _, other := range []error{ErrEmpty, ErrUnknownPostalCode, ErrUnknownCommune, ErrMismatch, ErrAmbiguous} {
				if other != tt.err && errors.Is(err, other) {
					t.Errorf("Check(%q, %q) = %v, which is also %v", tt.postal, tt.town, err, other)
				}
			}
		})
	}
}

func TestCheck(t *testing.T) {
	c, err := Check("69003", "Lyon")
	if err != nil || c.INSEE != "69383" || c.Parent != "69123" {
		t.Errorf("Check(69003, Lyon) = %+v, %v, want Lyon 3e Arrondissement 69383 in 69123", c, err)
	}
}
