package backup_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"pasapas/internal/backup"
)

func TestKept(t *testing.T) {
	d := func(month time.Month, day, hour int) time.Time {
		return time.Date(2026, month, day, hour, 0, 0, 0, time.Local)
	}
	for _, tc := range []struct {
		name  string
		times []time.Time
		keep  backup.Policy
		want  []bool
	}{
		{"none", nil, backup.DefaultPolicy, []bool{}},
		{"one", []time.Time{d(3, 2, 9)}, backup.DefaultPolicy, []bool{true}},
		{"the newest of a day", []time.Time{d(3, 2, 9), d(3, 2, 17), d(3, 2, 13)}, backup.DefaultPolicy,
			[]bool{false, true, false}},
		{"two days, two daily slots", []time.Time{d(3, 1, 9), d(3, 2, 9), d(3, 3, 9)}, backup.Policy{Daily: 2},
			[]bool{false, true, true}},
		{"then the newest of an older week", []time.Time{d(3, 2, 9), d(3, 3, 9), d(3, 4, 9), d(2, 24, 9), d(2, 26, 9)},
			backup.Policy{Daily: 1, Weekly: 1}, []bool{false, false, true, false, true}},
		{"a week with a daily has no weekly", []time.Time{d(3, 2, 9), d(3, 4, 9)},
			backup.Policy{Daily: 1, Weekly: 3}, []bool{false, true}},
		{"then the newest of an older month", []time.Time{d(3, 20, 9), d(1, 5, 9), d(1, 20, 9), d(2, 27, 9)},
			backup.Policy{Daily: 1, Monthly: 2}, []bool{true, false, true, true}},
		{"nothing kept", []time.Time{d(3, 2, 9)}, backup.Policy{}, []bool{false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := backup.Kept(tc.times, tc.keep); !slices.Equal(got, tc.want) {
				t.Errorf("Got(%q) = %v, want %v", "Kept", got, tc.want)
			}
		})
	}
}

// TestPrune_AYear takes a backup every six hours for thirteen months with
// a fake clock, pruning after each, and checks what is left: the newest of
// each of the last 7 days, of the 4 weeks before, of the 6 months before.
func TestPrune_AYear(t *testing.T) {
	dir := t.TempDir()
	// Files that Prune must leave alone: not backups, or a safety copy
	// younger than MaxAge.
	keepAlone := []string{"pasapas-20260301-000000-before-restore.db", "notes.txt", "pasapas.db"}
	for _, n := range keepAlone {
		writeFile(t, filepath.Join(dir, n), []byte("x"))
	}
	oldSafety := filepath.Join(dir, "pasapas-20250301-000000-before-restore.db")
	writeFile(t, oldSafety, []byte("x"))
	start := time.Date(2025, 3, 1, 0, 0, 0, 0, time.Local)
	end := time.Date(2026, 3, 31, 18, 0, 0, 0, time.Local)
	made := 0
	for now := start; !now.After(end); now = now.Add(6 * time.Hour) {
		made++
		writeFile(t, filepath.Join(dir, backup.Name(now)), nil)
		removed, err := backup.Prune(dir, now, backup.DefaultPolicy)
		if err != nil {
			t.Fatalf("Got(%q) = %v, want nil error", "Prune", err)
		}
		left := backupNames(t, dir)
		if !slices.Contains(left, backup.Name(now)) {
			t.Fatalf("Got(%q) = removed the newest backup %s", "Prune", backup.Name(now))
		}
		if len(left) > 17 {
			t.Fatalf("Got(%q) = %d backups at %v, want at most 17", "Prune", len(left), now)
		}
		if now.Sub(start) < 7*24*time.Hour && len(left) != min(made, now.YearDay()-start.YearDay()+1) {
			t.Fatalf("Got(%q) = %v at %v, want one per day so far", "first week", left, now)
		}
		for _, r := range removed {
			if slices.Contains(keepAlone, filepath.Base(r)) {
				t.Fatalf("Got(%q) = removed %s, want it left alone", "Prune", r)
			}
		}
	}
	day := func(m time.Month, d int, y ...int) string {
		year := 2026
		if len(y) > 0 {
			year = y[0]
		}
		return backup.Name(time.Date(year, m, d, 18, 0, 0, 0, time.Local))
	}
	want := []string{
		// 6 monthly slots, September 2025 to February 2026: the newest
		// backup still kept in the month when it left the weekly slots,
		// which is its last Sunday's; September's is past MaxAge (180
		// days) and gone
		day(10, 26, 2025), day(11, 30, 2025), day(12, 28, 2025), day(1, 25), day(2, 22),
		// 4 weekly: the Sundays ending ISO weeks 9 to 12 of 2026
		day(3, 1), day(3, 8), day(3, 15), day(3, 22),
		// 7 daily: 25 to 31 March
		day(3, 25), day(3, 26), day(3, 27), day(3, 28), day(3, 29), day(3, 30), day(3, 31),
	}
	if got := backupNames(t, dir); !slices.Equal(got, want) {
		t.Errorf("Got(%q) = %v, want %v", "backups after 13 months", got, want)
	}
	for _, n := range keepAlone {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("Got(%q) = %v, want it left alone", n, err)
		}
	}
	if _, err := os.Stat(oldSafety); !os.IsNotExist(err) {
		t.Errorf("Got(%q) = %v, want a safety copy past MaxAge removed", "Stat", err)
	}
	t.Logf("%d backups made over 13 months, %d kept", made, len(want))
}

// TestPrune_MaxAge: no backup older than the retention period is kept,
// automatic, safety copy or encrypted, whatever the slots.
func TestPrune_MaxAge(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 6, 30, 12, 0, 0, 0, time.Local)
	policy := backup.PolicyFor(1)
	if policy.MaxAge != 30*24*time.Hour || policy.Daily != 7 {
		t.Fatalf("Got(%q) = %+v, want the default slots and 30 days", "PolicyFor(1)", policy)
	}
	if got := backup.PolicyFor(24).MaxAge; got != backup.DefaultMaxAge {
		t.Errorf("Got(%q) = %v, want %v", "PolicyFor(24).MaxAge", got, backup.DefaultMaxAge)
	}
	old := []string{backup.Name(now.AddDate(0, 0, -40)), backup.Name(now.AddDate(0, 0, -31)) + ".age",
		"pasapas-20260501-080000-before-restore.db"}
	young := []string{backup.Name(now.AddDate(0, 0, -29)), backup.Name(now.AddDate(0, 0, -1)), backup.Name(now.AddDate(0, 0, -2)) + ".age",
		"pasapas-20260620-080000-before-restore.db"}
	for _, n := range append(slices.Clone(old), young...) {
		writeFile(t, filepath.Join(dir, n), []byte("x"))
	}
	removed, err := backup.Prune(dir, now, policy)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Prune", err)
	}
	var got []string
	for _, r := range removed {
		got = append(got, filepath.Base(r))
	}
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(old))) {
		t.Errorf("Got(%q) = %v, want %v", "Prune", got, old)
	}
}

// backupNames lists the automatic backups of dir, oldest first.
func backupNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "ReadDir", err)
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); len(n) == len("pasapas-20060102-150405.db") && filepath.Ext(n) == ".db" && n[:8] == "pasapas-" {
			out = append(out, n)
		}
	}
	return out
}

func TestPrune_Temporaries(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	old := filepath.Join(dir, ".pasapas-123.tmp")
	young := filepath.Join(dir, ".pasapas-456.tmp")
	writeFile(t, old, []byte("interrupted"))
	writeFile(t, young, []byte("in progress"))
	if err := os.Chtimes(old, now.Add(-2*time.Hour), now.Add(-2*time.Hour)); err != nil {
		t.Fatalf("Got(%q) = %v, want nil error", "Chtimes", err)
	}
	removed, err := backup.Prune(dir, now, backup.DefaultPolicy)
	if err != nil || !slices.Equal(removed, []string{old}) {
		t.Errorf("Got(%q) = %v, %v, want [%s]", "Prune", removed, err, old)
	}
	if _, err := os.Stat(young); err != nil {
		t.Errorf("Got(%q) = %v, want a backup in progress left alone", "Stat young", err)
	}
}
