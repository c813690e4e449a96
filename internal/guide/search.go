package guide

import (
	"sort"
	"strings"
	"unicode"
)

// Search returns the guides matching what a visitor typed, best first.
// Matching ignores case and accents and uses each guide's keywords — the
// words people actually say ("sécu", "APL", "pôle emploi") — in the
// visitor's language and in French. An empty query matches nothing.
func (l *Library) Search(query, lang string) []*Guide {
	q := normalize(query)
	if len([]rune(q)) < 2 {
		return nil
	}
	type hit struct {
		g     *Guide
		score int
	}
	var hits []hit
	for _, g := range l.guides {
		best := 0
		for _, k := range g.Keywords(lang) {
			best = max(best, matchScore(q, normalize(Plain(k))))
		}
		if best > 0 {
			hits = append(hits, hit{g, best})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	out := make([]*Guide, len(hits))
	for i, h := range hits {
		out[i] = h.g
	}
	return out
}

// matchScore says how well a folded query matches a folded keyword:
// 4 same words, 3 the query holds the keyword, 2 the keyword starts with
// the query (typing in progress), 1 every query word starts a keyword word.
func matchScore(q, k string) int {
	switch {
	case k == "":
		return 0
	case q == k:
		return 4
	case len([]rune(k)) >= 3 && containsWord(" "+q+" ", k):
		return 3
	case len([]rune(q)) >= 3 && strings.HasPrefix(k, q):
		return 2
	}
	kw := strings.Fields(k)
	qw := strings.Fields(q)
	for _, w := range qw {
		if len([]rune(w)) < 3 {
			continue
		}
		found := false
		for _, x := range kw {
			if strings.HasPrefix(x, w) {
				found = true
				break
			}
		}
		if !found {
			return 0
		}
	}
	if len(qw) == 0 {
		return 0
	}
	return 1
}

// normalize folds s and keeps only letters and digits, single-spaced, so
// that "Carte d’identité !" and "carte d identite" compare equal. An
// apostrophe between two Cyrillic letters is part of the word (Ukrainian
// "здоров'я", written "здоровя" by who cannot find it): it is dropped, not
// turned into a space; a French apostrophe still separates words.
func normalize(s string) string {
	var b strings.Builder
	space := false
	rs := []rune(Fold(s))
	for i, r := range rs {
		if r == '\'' && i > 0 && i+1 < len(rs) && cyrillic(rs[i-1]) && cyrillic(rs[i+1]) {
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

func cyrillic(r rune) bool { return unicode.Is(unicode.Cyrillic, r) && unicode.IsLetter(r) }
