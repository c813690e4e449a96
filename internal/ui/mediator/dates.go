package mediator

import (
	"strings"
	"time"

	"pasapas/internal/journal"
)

// parseDay reads a date as French staff write it: jj/mm/aaaa (or with
// dashes or dots, or ISO 2026-11-21).
func parseDay(s string) (journal.Date, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"02/01/2006", "2/1/2006", "02-01-2006", "02.01.2006", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return journal.DateOf(t), nil
		}
	}
	return journal.ParseDate(s)
}

func timeLocal() *time.Location { return time.Local }
