package visit

import "testing"

func TestClosedWithVisit(t *testing.T) {
	for _, tc := range []struct {
		acknowledged bool
		want         HelpOutcome
	}{
		{false, HelpNoIntervention},
		{true, HelpResolved},
	} {
		if got := ClosedWithVisit(tc.acknowledged); got != tc.want {
			t.Errorf("Got(%q) = %v, want %v", "ClosedWithVisit", got, tc.want)
		}
	}
}
