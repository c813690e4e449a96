package commune

import (
	"errors"
	"fmt"
	"strings"
)

// The errors of Check. They are sentinel values, possibly wrapped with the
// input for the log: test them with errors.Is; the UI words them.
var (
	// ErrEmpty: neither a postal code nor a commune was given.
	ErrEmpty = errors.New("commune: no postal code and no commune")
	// ErrUnknownPostalCode: the postal code is not five digits or no commune has it.
	ErrUnknownPostalCode = errors.New("commune: unknown postal code")
	// ErrUnknownCommune: no commune has this name.
	ErrUnknownCommune = errors.New("commune: unknown commune")
	// ErrMismatch: the commune exists but not with this postal code.
	ErrMismatch = errors.New("commune: the commune does not have this postal code")
	// ErrAmbiguous: several communes match; the error is an *AmbiguousError
	// that lists them, for the person to pick one.
	ErrAmbiguous = errors.New("commune: several communes match")
)

// AmbiguousError is the error of Check when several communes match: a postal
// code shared by several communes and no name, or a name borne by several
// communes (« Sainte-Colombe ») and no postal code. errors.Is(err,
// ErrAmbiguous) holds.
type AmbiguousError struct {
	Candidates []Commune // in alphabetical order, then by INSEE code
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%v (%d)", ErrAmbiguous, len(e.Candidates))
}

// Is makes errors.Is(err, ErrAmbiguous) true.
func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }

// Check loads the table (see Load) and returns the commune that a postal code
// and a commune name designate; see (*Table).Check.
func Check(postal, name string) (Commune, error) {
	t, err := Load()
	if err != nil {
		return Commune{}, err
	}
	return t.Check(postal, name)
}

// Check returns the one commune that a postal code and a name designate, as a
// mediator types them; either may be empty, not both. Names are compared as
// Search compares them (case, accents, hyphens, "St"), and must be whole.
// For Paris, Lyon and Marseille the city's name or the arrondissement's short
// name (« Lyon 3e ») with a postal code gives the arrondissement.
//
// Errors (see the variables): ErrEmpty; ErrUnknownPostalCode for a code that
// is malformed or unknown; ErrUnknownCommune for a name that no commune
// bears; ErrMismatch for a known commune with a code that is not its own;
// *AmbiguousError (ErrAmbiguous) when several communes fit.
func (t *Table) Check(postal, name string) (Commune, error) {
	postal = strings.TrimSpace(postal)
	key := fold(name)
	if postal == "" && key == "" {
		return Commune{}, ErrEmpty
	}
	if postal == "" {
		return t.one(t.named(key), name, ErrUnknownCommune)
	}
	code, ok := normalPostal(postal)
	if !ok {
		return Commune{}, fmt.Errorf("%w: %q", ErrUnknownPostalCode, postal)
	}
	cands := t.postalIndices(code)
	if len(cands) == 0 {
		return Commune{}, fmt.Errorf("%w: %q", ErrUnknownPostalCode, postal)
	}
	if key == "" {
		return t.one(cands, postal, ErrUnknownPostalCode)
	}
	var fit []int32
	for _, i := range cands {
		if t.calls(i, key) {
			fit = append(fit, i)
		}
	}
	if len(fit) > 0 {
		return t.one(fit, name, ErrUnknownCommune)
	}
	if len(t.named(key)) > 0 {
		return Commune{}, fmt.Errorf("%w: %q, %q", ErrMismatch, name, postal)
	}
	return Commune{}, fmt.Errorf("%w: %q", ErrUnknownCommune, name)
}

// one returns the commune if there is one, an *AmbiguousError if several,
// and none (wrapped with input) if none.
func (t *Table) one(idx []int32, input string, none error) (Commune, error) {
	switch len(idx) {
	case 0:
		return Commune{}, fmt.Errorf("%w: %q", none, input)
	case 1:
		return t.get(idx[0]), nil
	}
	e := &AmbiguousError{Candidates: make([]Commune, len(idx))}
	for n, i := range idx {
		e.Candidates[n] = t.get(i)
	}
	return Commune{}, e
}

// named returns the communes whose folded name is key, in key order, and the
// arrondissements whose short name (« paris 1er ») is key.
func (t *Table) named(key string) []int32 {
	var out []int32
	for _, i := range t.byName[t.firstKey(key):] {
		if t.keys[i] != key {
			break
		}
		out = append(out, i)
	}
	for _, i := range t.arrs {
		if shortKey(t.keys[i]) == key {
			out = append(out, i)
		}
	}
	return out
}

// calls reports whether key names commune i: its name, or for an
// arrondissement its short name or its city's name.
func (t *Table) calls(i int32, key string) bool {
	k := t.keys[i]
	if k == key {
		return true
	}
	p := t.communes[i].Parent
	if p == "" {
		return false
	}
	if shortKey(k) == key {
		return true
	}
	for _, j := range t.byName[t.firstKey(key):] {
		if t.keys[j] != key {
			break
		}
		if t.communes[j].INSEE == p {
			return true
		}
	}
	return false
}

// firstKey returns the position in byName of the first key not below key.
func (t *Table) firstKey(key string) int {
	lo, hi := 0, len(t.byName)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.keys[t.byName[m]] < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// shortKey drops " arrondissement" from an arrondissement's key.
func shortKey(k string) string {
	s, ok := strings.CutSuffix(k, " arrondissement")
	if !ok {
		return ""
	}
	return s
}
