package commune

import (
	"cmp"
	"slices"
	"strings"
)

// Search returns at most limit communes for what a person is typing, best
// first, and nil when limit < 1 or the query has no letter or digit.
//
// A query of digits is a postal code or its beginning ("690" → the communes of
// 69001…69009 and 69000-something), ordered by postal code. Otherwise names
// are matched whatever the case, accents, hyphens, spaces and apostrophes, with
// "St"/"Ste" read as "Saint"/"Sainte" and "3ème" as "3e": "saint etienne",
// "ST-ETIENNE" and "St Étienne" find Saint-Étienne. Ranked: the names equal to
// the query, then those that begin with it, then those with a word that begins
// with it ("etienne" finds Saint-Étienne), each group in alphabetical order
// (the third by the matching part). A query ending with a space or a hyphen
// completes its last word: "paris " is Paris and its arrondissements, not
// Parisot. Its cost grows with limit, not with the table: from 1 to 35 µs for
// 10 results on a busy 2-core machine (BenchmarkSearch), fine for each
// keystroke on the UI goroutine.
func (t *Table) Search(query string, limit int) []Commune {
	if limit < 1 {
		return nil
	}
	limit = min(limit, len(t.communes))
	if digits := strings.Join(strings.Fields(query), ""); allDigits(digits) {
		return t.searchPostal(digits, limit)
	}
	raw := splitWords(query)
	if len(raw) == 0 {
		return nil
	}
	words := make([]string, len(raw))
	for i, w := range raw {
		words[i] = normalWord(w)
	}
	complete := endsWord(query)
	variants := []string{strings.Join(words, " ")}
	if last := len(raw) - 1; !complete && raw[last] != words[last] {
		// "st" may be the beginning of "Strasbourg" as well as "Saint".
		words[last] = raw[last]
		variants = append(variants, strings.Join(words, " "))
	}

	s := searcher{t: t, limit: limit, seen: make(map[int32]bool)}
	for _, v := range variants {
		s.names(v, true)
	}
	s.flush()
	for _, v := range variants {
		p := v
		if complete {
			p += " "
		}
		s.names(p, false)
	}
	s.flush()
	for _, v := range variants {
		s.words(v, complete)
	}
	s.flush()
	return s.out
}

// searcher gathers the results of Search tier by tier: each tier's candidates
// are sorted, then added to out until it is full. A commune is taken once,
// by the best tier that finds it (seen): everything taken either reaches out
// or comes after out is full, when nothing more is taken.
type searcher struct {
	t     *Table
	limit int
	seen  map[int32]bool // taken
	tier  []hit
	out   []Commune
}

type hit struct {
	rank string // the text the tier is ordered by
	i    int32
}

// extra is how many candidates a tier takes beyond what is needed, so that
// numbers sort as numbers (the arrondissements: « Paris 2e » before
// « Paris 10e ») whereas the index is in byte order.
const extra = 24

func (s *searcher) need() int { return s.limit - len(s.out) }

// names adds to the tier the first communes, in key order, whose key is
// prefix (exact) or begins with it.
func (s *searcher) names(prefix string, exact bool) {
	t := s.t
	lo, _ := slices.BinarySearchFunc(t.byName, prefix, func(i int32, p string) int {
		return strings.Compare(t.keys[i], p)
	})
	n := 0
	for j := lo; j < len(t.byName) && n < s.need()+extra; j++ {
		i := t.byName[j]
		k := t.keys[i]
		if !strings.HasPrefix(k, prefix) || exact && k != prefix {
			break
		}
		if !s.seen[i] {
			s.seen[i] = true
			s.tier = append(s.tier, hit{k, i})
			n++
		}
	}
}

// words adds to the tier the communes with a word (not the first) that begins
// with v, or that is v followed by the end or a space when complete.
func (s *searcher) words(v string, complete bool) {
	t := s.t
	lo, _ := slices.BinarySearchFunc(t.words, v, func(w word, v string) int {
		return strings.Compare(w.suffix, v)
	})
	n := 0
	for j := lo; j < len(t.words) && n < s.need()+extra; j++ {
		w := t.words[j]
		if !strings.HasPrefix(w.suffix, v) {
			break
		}
		if complete && len(w.suffix) > len(v) && w.suffix[len(v)] != ' ' {
			continue
		}
		if !s.seen[w.i] {
			s.seen[w.i] = true
			s.tier = append(s.tier, hit{w.suffix, w.i})
			n++
		}
	}
}

// flush sorts the tier and moves what fits into out.
func (s *searcher) flush() {
	t := s.t
	slices.SortFunc(s.tier, func(a, b hit) int {
		return cmp.Or(natural(a.rank, b.rank),
			natural(t.keys[a.i], t.keys[b.i]),
			strings.Compare(t.communes[a.i].INSEE, t.communes[b.i].INSEE))
	})
	for _, h := range s.tier {
		if len(s.out) == s.limit {
			break
		}
		s.out = append(s.out, t.get(h.i))
	}
	s.tier = s.tier[:0]
}

// natural compares keys as strings, except that runs of digits compare as
// numbers: "paris 2e" < "paris 10e".
func natural(a, b string) int {
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			na, nb := digitRun(a), digitRun(b)
			da, db := strings.TrimLeft(a[:na], "0"), strings.TrimLeft(b[:nb], "0")
			if c := cmp.Or(cmp.Compare(len(da), len(db)), strings.Compare(da, db)); c != 0 {
				return c
			}
			a, b = a[na:], b[nb:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitRun(s string) int {
	n := 0
	for n < len(s) && isDigit(s[n]) {
		n++
	}
	return n
}

// searchPostal returns the communes whose postal code begins with digits,
// ordered by code then name, each commune once.
func (t *Table) searchPostal(digits string, limit int) []Commune {
	if len(digits) > 5 {
		return nil
	}
	lo, _ := slices.BinarySearchFunc(t.postal, digits, func(p posting, d string) int {
		return strings.Compare(p.code, d)
	})
	var out []Commune
	seen := make(map[int32]bool)
	for j := lo; j < len(t.postal) && len(out) < limit && strings.HasPrefix(t.postal[j].code, digits); j++ {
		if i := t.postal[j].i; !seen[i] {
			seen[i] = true
			out = append(out, t.get(i))
		}
	}
	return out
}
