package report

import (
	"slices"
	"strings"

	"pasapas/internal/journal"
)

// Share returns c.Value / b.Total, or 0 when b.Total is 0.
func (b Breakdown) Share(c Count) float64 {
	if b.Total == 0 {
		return 0
	}
	return float64(c.Value) / float64(b.Total)
}

// Sum returns the sum of the values (Total, except for a field with
// several values per record).
func (b Breakdown) Sum() int {
	n := 0
	for _, c := range b.Counts {
		n += c.Value
	}
	return n
}

// Max returns the largest value, 0 for an empty breakdown: the length of
// a chart's axis.
func (b Breakdown) Max() int {
	n := 0
	for _, c := range b.Counts {
		n = max(n, c.Value)
	}
	return n
}

// Find returns the count with key k and whether there is one.
func (b Breakdown) Find(k string) (Count, bool) {
	for _, c := range b.Counts {
		if c.Key == k {
			return c, true
		}
	}
	return Count{}, false
}

// Top returns b with its first n counts (KeyOther and KeyUnknown aside)
// and the rest added into one KeyOther count, then KeyUnknown if b has
// it. Use it on a breakdown sorted largest first (communes, procedures,
// guides). It returns b unchanged when nothing is left out.
func (b Breakdown) Top(n int) Breakdown {
	var kept []Count
	var other, unknown *Count
	left := 0
	for _, c := range b.Counts {
		switch {
		case c.Key == KeyOther:
			other = &c
		case c.Key == KeyUnknown:
			unknown = &c
		case len(kept) < n:
			kept = append(kept, c)
		default:
			left += c.Value
		}
	}
	if left == 0 {
		return b
	}
	if other == nil {
		other = &Count{Key: KeyOther, Label: otherLabel, MessageID: otherMessageID}
	}
	other.Value += left
	kept = append(kept, *other)
	if unknown != nil {
		kept = append(kept, *unknown)
	}
	return Breakdown{Counts: kept, Total: b.Total}
}

const (
	otherLabel     = "Autres"
	otherMessageID = "report.other"
)

// enumValue is a journal enum: a code with its French label and message.
type enumValue interface {
	comparable
	Code() string
	Label() string
	MessageID() string
}

// enumBreakdown returns one count per value, in the order given.
func enumBreakdown[T enumValue](values []T, counts map[T]int, total int) Breakdown {
	out := Breakdown{Counts: make([]Count, len(values)), Total: total}
	for i, v := range values {
		out.Counts[i] = Count{Key: v.Code(), Label: v.Label(), MessageID: v.MessageID(), Value: counts[v]}
	}
	return out
}

// tally counts free texts grouped by a key (folded), remembering the
// spellings met so that the label is the most frequent one.
type tally struct {
	counts    map[string]int
	spellings map[string]map[string]int
	seen      map[string]spelling // raw text → its spelling and key, folded once
}

// spelling is a text with its spaces collapsed, and its key.
type spelling struct{ text, key string }

func newTally() *tally {
	return &tally{counts: map[string]int{}, spellings: map[string]map[string]int{}, seen: map[string]spelling{}}
}

// add counts text once under its folded key; an empty text counts under
// KeyUnknown.
func (t *tally) add(raw string) {
	sp, ok := t.seen[raw]
	if !ok {
		sp.text = strings.Join(strings.Fields(raw), " ")
		sp.key = journal.FoldSearch(sp.text)
		t.seen[raw] = sp
	}
	if sp.key == "" {
		t.counts[KeyUnknown]++
		return
	}
	t.counts[sp.key]++
	if t.spellings[sp.key] == nil {
		t.spellings[sp.key] = map[string]int{}
	}
	t.spellings[sp.key][sp.text]++
}

// total returns how many texts were added.
func (t *tally) total() int {
	n := 0
	for _, c := range t.counts {
		n += c
	}
	return n
}

// label returns the most frequent spelling of key, the smallest on a tie.
func (t *tally) label(key string) string {
	best, n := "", 0
	for s, c := range t.spellings[key] {
		if c > n || (c == n && s < best) {
			best, n = s, c
		}
	}
	return best
}

// breakdown returns the counts, the largest first (ties by key), then
// KeyUnknown with unknownLabel and unknownID when any.
func (t *tally) breakdown(total int, unknownLabel, unknownID string) Breakdown {
	out := Breakdown{Total: total}
	for k, n := range t.counts {
		if k != KeyUnknown {
			out.Counts = append(out.Counts, Count{Key: k, Label: t.label(k), Value: n})
		}
	}
	slices.SortFunc(out.Counts, byValueThenKey)
	if n := t.counts[KeyUnknown]; n > 0 {
		out.Counts = append(out.Counts, Count{Key: KeyUnknown, Label: unknownLabel, MessageID: unknownID, Value: n})
	}
	return out
}

func byValueThenKey(a, b Count) int {
	if a.Value != b.Value {
		return b.Value - a.Value
	}
	return strings.Compare(a.Key, b.Key)
}
