// Package commune is the official list of French communes with their postal
// codes and INSEE codes, embedded in the program and searchable offline: the
// place and the person's commune of the national mediators' tool (CRA fields
// lieuCommune/lieuCodePostal/lieuCodeInsee, commune/communeCodePostal/
// communeCodeInsee).
//
// Source: the npm package @etalab/decoupage-administratif 6.0.0 (vintage
// 2026), which holds INSEE's Code officiel géographique with the postal codes
// of La Poste's base officielle des codes postaux. Data under Licence Ouverte
// 2.0 (Etalab), which asks only that the source be named; the package's code is
// MIT. (The La Poste base was once under ODbL; its data.gouv.fr page and the
// package now say Licence Ouverte.) The table keeps the 34,964 current
// communes ("commune-actuelle") that have a postal code, overseas included
// (97x, 98x), and the 45 municipal arrondissements of Paris, Lyon and
// Marseille; delegated and associated communes (former communes merged into
// another) are left out. communes.tsv.gz (340 kB) is made by ./gen, see
// go:generate below and README.md.
//
// Paris, Lyon and Marseille: a postal code of these cities gives its
// arrondissement, never the city as a whole: 75001 is « Paris 1er
// Arrondissement », INSEE 75101, whose Parent is 75056 (Paris), as the
// Base Adresse Nationale gives it. The city itself (75056, 69123, 13055) is
// found by name and by INSEE code, and Check accepts its name with one of its
// postal codes, returning the arrondissement.
package commune

//go:generate go run ./gen -src ${DECOUPAGE} -out communes.tsv.gz

import (
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"
)

//go:embed communes.tsv.gz
var data []byte

// Commune is a commune, or a municipal arrondissement of Paris, Lyon or
// Marseille.
type Commune struct {
	INSEE       string   // code officiel géographique: "42218", "2A004", "97411", "75101"
	Name        string   // official name: "Saint-Étienne", "Paris 1er Arrondissement"
	Department  string   // "42", "2A", "974"
	PostalCodes []string // sorted, at least one
	Parent      string   // for an arrondissement, its city's INSEE code (75056, 69123, 13055); "" otherwise
}

// Table is the parsed list. It is never modified after Load, so its methods
// may be called from any goroutine; the communes they return are copies.
type Table struct {
	source   string
	communes []Commune // sorted by INSEE
	keys     []string  // keys[i] is fold(communes[i].Name)
	byName   []int32   // indices sorted by key, then INSEE
	words    []word    // every word of every key but the first, sorted by suffix, key, INSEE
	postal   []posting // sorted by code, key, INSEE
	arrs     []int32   // the arrondissements
}

// word is the rest of a key from one of its words on: "etienne" in
// "saint etienne".
type word struct {
	suffix string
	i      int32
}

type posting struct {
	code string
	i    int32
}

var load = sync.OnceValues(func() (*Table, error) { return parse(data) })

// Load returns the table, parsing the embedded file on the first call only;
// later calls return the same *Table. Nothing is parsed before the first call,
// so the package costs nothing at start-up. The first call takes about 40 ms
// of one core on a busy 2-core machine (BenchmarkLoad: 11 MB allocated, 224
// allocations) and keeps 7 MB: call it from a goroutine (it is safe to call
// from several at once), at start-up or when the form that needs it is built. The error says the embedded file is damaged, which tests rule
// out; it is returned rather than panicking.
func Load() (*Table, error) { return load() }

// parse reads a file made by ./gen: a "# source" line, then one line per
// commune: INSEE, name, comma-separated postal codes, parent INSEE.
func parse(gz []byte) (*Table, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("commune: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(1 << 20)
	if _, err := io.Copy(&buf, zr); err != nil {
		return nil, fmt.Errorf("commune: %w", err)
	}
	if err := zr.Close(); err != nil {
		return nil, fmt.Errorf("commune: %w", err)
	}
	s := buf.String() // every string of the table shares this one
	header, s, ok := strings.Cut(s, "\n")
	if !ok || !strings.HasPrefix(header, "# ") {
		return nil, errors.New("commune: no source line")
	}
	n := strings.Count(s, "\n")
	t := &Table{
		source:   header[2:],
		communes: make([]Commune, 0, n),
	}
	codes := make([]string, 0, n+strings.Count(s, ","))
	var keys []byte             // every key, in one string below
	ends := make([]int, 0, n+1) // keys[ends[i]:ends[i+1]] is the key of commune i
	ends = append(ends, 0)
	for s != "" {
		var line string
		line, s, _ = strings.Cut(s, "\n")
		insee, rest, ok1 := strings.Cut(line, "\t")
		name, rest, ok2 := strings.Cut(rest, "\t")
		postal, parent, ok3 := strings.Cut(rest, "\t")
		if !ok1 || !ok2 || !ok3 || len(insee) != 5 || name == "" || postal == "" || strings.Contains(parent, "\t") {
			return nil, fmt.Errorf("commune: bad line %q", line)
		}
		start := len(codes)
		for pc := range strings.SplitSeq(postal, ",") {
			codes = append(codes, pc)
		}
		c := Commune{
			INSEE:       insee,
			Name:        name,
			Department:  department(insee),
			PostalCodes: codes[start:len(codes):len(codes)],
			Parent:      parent,
		}
		if k := len(t.communes); k > 0 && t.communes[k-1].INSEE >= c.INSEE {
			return nil, fmt.Errorf("commune: %s after %s", c.INSEE, t.communes[k-1].INSEE)
		}
		t.communes = append(t.communes, c)
		keys = appendFold(keys, name, true)
		ends = append(ends, len(keys))
	}
	all := string(keys)
	t.keys = make([]string, len(t.communes))
	for i := range t.keys {
		t.keys[i] = all[ends[i]:ends[i+1]]
	}
	t.index()
	return t, nil
}

// index builds the sorted views of the table.
func (t *Table) index() {
	byKey := func(a, b int32) int {
		if c := strings.Compare(t.keys[a], t.keys[b]); c != 0 {
			return c
		}
		return strings.Compare(t.communes[a].INSEE, t.communes[b].INSEE)
	}
	t.byName = make([]int32, len(t.communes))
	// The city of an arrondissement is left out of the postal index for
	// the codes of its arrondissements.
	covered := make(map[string]bool)
	nwords, ncodes := 0, 0
	for i, c := range t.communes {
		t.byName[i] = int32(i)
		nwords += strings.Count(t.keys[i], " ")
		ncodes += len(c.PostalCodes)
		if c.Parent != "" {
			t.arrs = append(t.arrs, int32(i))
			for _, pc := range c.PostalCodes {
				covered[c.Parent+pc] = true
			}
		}
	}
	slices.SortFunc(t.byName, byKey)
	rank := make([]int32, len(t.byName)) // rank[i]: position of commune i in byName
	for r, i := range t.byName {
		rank[i] = int32(r)
	}

	t.words = make([]word, 0, nwords)
	t.postal = make([]posting, 0, ncodes)
	for i, c := range t.communes {
		k := t.keys[i]
		for j := 0; j < len(k); j++ {
			if k[j] == ' ' {
				t.words = append(t.words, word{k[j+1:], int32(i)})
			}
		}
		for _, pc := range c.PostalCodes {
			if !covered[c.INSEE+pc] {
				t.postal = append(t.postal, posting{pc, int32(i)})
			}
		}
	}
	slices.SortFunc(t.words, func(a, b word) int {
		if c := strings.Compare(a.suffix, b.suffix); c != 0 {
			return c
		}
		return cmp.Compare(rank[a.i], rank[b.i])
	})
	slices.SortFunc(t.postal, func(a, b posting) int {
		if c := strings.Compare(a.code, b.code); c != 0 {
			return c
		}
		return cmp.Compare(rank[a.i], rank[b.i])
	})
}

// department derives the department from the INSEE code (./gen checks this
// against the source): two characters ("01", "2A"), three overseas ("974",
// "987").
func department(insee string) string {
	if strings.HasPrefix(insee, "97") || strings.HasPrefix(insee, "98") {
		return insee[:3]
	}
	return insee[:2]
}

// Source names the data: package, version, origin and licence.
func (t *Table) Source() string { return t.source }

// Len returns the number of communes and arrondissements in the table.
func (t *Table) Len() int { return len(t.communes) }

// ByINSEE returns the commune or arrondissement with this INSEE code ("2a004"
// is read as "2A004"), and false if there is none.
func (t *Table) ByINSEE(code string) (Commune, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	i, ok := slices.BinarySearchFunc(t.communes, code, func(c Commune, code string) int {
		return strings.Compare(c.INSEE, code)
	})
	if !ok {
		return Commune{}, false
	}
	return t.get(int32(i)), true
}

// ByPostalCode returns every commune with this postal code, in alphabetical
// order: several for a code shared by villages (01400 has ten), the
// arrondissement for Paris, Lyon and Marseille (75001: Paris 1er
// Arrondissement only). Spaces are ignored ("75 001"). It returns nil for an
// unknown or malformed code ("1400" is not 01400: a code being typed must not
// match another department).
func (t *Table) ByPostalCode(code string) []Commune {
	code, ok := normalPostal(code)
	if !ok {
		return nil
	}
	var out []Commune
	for _, i := range t.postalIndices(code) {
		out = append(out, t.get(i))
	}
	return out
}

func (t *Table) postalIndices(code string) []int32 {
	lo, _ := slices.BinarySearchFunc(t.postal, code, func(p posting, code string) int {
		return strings.Compare(p.code, code)
	})
	var out []int32
	for j := lo; j < len(t.postal) && t.postal[j].code == code; j++ {
		out = append(out, t.postal[j].i)
	}
	return out
}

// normalPostal removes spaces and reports whether the result is five digits.
func normalPostal(code string) (string, bool) {
	code = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, code)
	return code, len(code) == 5 && allDigits(code)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// get returns a copy of commune i that the caller may modify.
func (t *Table) get(i int32) Commune {
	c := t.communes[i]
	c.PostalCodes = slices.Clone(c.PostalCodes)
	return c
}
