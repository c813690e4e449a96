package backup

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Policy says how many automatic backups Prune keeps, and for how long.
type Policy struct {
	Daily   int // the newest backup of each of the last Daily days that have one
	Weekly  int // then the newest of each of the Weekly weeks before those
	Monthly int // then the newest of each of the Monthly months before those
	// MaxAge is the age past which no backup of the folder is kept, safety
	// copies included, whatever the slots say; 0 means DefaultMaxAge. A
	// backup holds the people it held that day: kept no longer than the
	// retention period, it holds nobody whose data the retention would
	// have removed from the database (see PolicyFor).
	MaxAge time.Duration
}

// DefaultMaxAge is the longest a backup is kept: 180 days, below the
// longest retention period (24 months) and covering DefaultPolicy's
// slots (7 days, 4 weeks, 6 months: about 7 months, cut at 180 days).
const DefaultMaxAge = 180 * 24 * time.Hour

// DefaultPolicy keeps about six months of history in at most 17 files.
var DefaultPolicy = Policy{Daily: 7, Weekly: 4, Monthly: 6, MaxAge: DefaultMaxAge}

// PolicyFor returns DefaultPolicy with MaxAge no longer than a retention
// period of retentionMonths months (counted as 30 days each; 0 or less
// means the default of 24): a centre keeping named beneficiaries one
// month keeps backups 30 days.
func PolicyFor(retentionMonths int) Policy {
	p := DefaultPolicy
	if retentionMonths <= 0 {
		retentionMonths = 24
	}
	if d := time.Duration(retentionMonths) * 30 * 24 * time.Hour; d < p.MaxAge {
		p.MaxAge = d
	}
	return p
}

// maxAge returns the age limit in force.
func (p Policy) maxAge() time.Duration {
	if p.MaxAge <= 0 {
		return DefaultMaxAge
	}
	return p.MaxAge
}

// staleTemp is how old a temporary file of an interrupted backup must be
// before Prune removes it (a younger one may be a backup in progress).
const staleTemp = time.Hour

// Prune removes the automatic backups of dir that keep does not keep, every
// backup of dir older than keep's MaxAge (safety copies kept by Restore
// and encrypted copies too), and the temporary files left by backups
// interrupted more than an hour before now. It returns the paths removed.
// Files with other names are never touched.
//
// Backups are taken newest first. The newest backup of a day fills a daily
// slot while there is one; once the daily slots are used, the newest
// backup of a week that holds no kept backup fills a weekly slot, then the
// newest of a month that holds none fills a monthly slot. Everything else
// goes. Days, weeks (ISO) and months are local time. Pruned after every
// backup, this leaves the last 7 days' newest backups, the newest backup
// of each of the 4 weeks before (its last working day's), and for each of
// the 6 months before, the newest backup the weekly slots still held when
// the month left them (the month's last week's).
func Prune(dir string, now time.Time, keep Policy) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fsErr("prune backups", err)
	}
	var removed []string
	var errs []error
	remove := func(name string) {
		p := filepath.Join(dir, name)
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fsErr("prune backups", err))
			return
		}
		removed = append(removed, p)
	}
	var names []string
	var times []time.Time
	for _, e := range entries {
		if ok, _ := filepath.Match(tempPattern, e.Name()); ok {
			if st, err := e.Info(); err == nil && now.Sub(st.ModTime()) > staleTemp {
				remove(e.Name())
			}
			continue
		}
		t, safety, encrypted, ok := parseName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		if now.Sub(t) > keep.maxAge() {
			remove(e.Name())
			continue
		}
		if safety || encrypted {
			continue
		}
		names = append(names, e.Name())
		times = append(times, t)
	}
	for i, k := range Kept(times, keep) {
		if !k {
			remove(names[i])
		}
	}
	return removed, errors.Join(errs...)
}

// Kept returns, for each backup time, whether keep keeps it (see Prune).
// The times may come in any order.
func Kept(times []time.Time, keep Policy) []bool {
	order := make([]int, len(times))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return times[b].Compare(times[a]) })

	kept := make([]bool, len(times))
	days, weeks, months := map[string]bool{}, map[string]bool{}, map[string]bool{}
	daily, weekly, monthly := 0, 0, 0
	for _, i := range order {
		t := times[i].Local()
		day := t.Format("2006-01-02")
		y, w := t.ISOWeek()
		week := fmt.Sprintf("%d-W%02d", y, w)
		month := t.Format("2006-01")
		switch {
		case days[day]:
			continue // an older backup of a day already kept
		case daily < keep.Daily:
			daily++
		case weeks[week]:
			continue
		case weekly < keep.Weekly:
			weekly++
		case months[month]:
			continue
		case monthly < keep.Monthly:
			monthly++
		default:
			continue
		}
		kept[i] = true
		days[day], weeks[week], months[month] = true, true, true
	}
	return kept
}
